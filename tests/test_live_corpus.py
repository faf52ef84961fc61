"""The live corpus: what must hold for any corpus, whatever articles it holds.

These tests read data/raw of the project (or of ANALYSIS_ROOT: the growth test
runs them on a copy with an article added) and assert nothing about which
articles it holds: it validates, every numeric mention is accounted for, the
build is deterministic and committed, the generated README block and chart are
current, every chart renders within bounds, and no notebook states a fact of
the corpus by hand. The notebooks' outputs are checked by nbval, against the
baselines `make baselines` refreshes.
"""

import ast
import shutil
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import pytest

from analysis import config
from analysis.charts import claimants, displacement, measures, style, timeline, trajectory
from analysis.curation.audit import audit
from analysis.curation.validate import validate
from analysis.derived import datasets
from analysis.derived.build import build
from analysis.report import baselines
from tests.support.facts import corpus_facts, stated

ROOT = config.ROOT


@pytest.fixture(scope="module")
def corpus():
    return validate(ROOT)


@pytest.fixture(scope="module")
def tables():
    return datasets.load(root=ROOT)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_the_corpus_validates(corpus):
    assert len(corpus.frame("claims")) >= 1


def test_every_numeric_mention_is_accounted_for(corpus):
    table = audit(corpus)
    missing = table[table["accounted_by"] == ""]
    assert missing.empty, missing.to_string()


def test_the_build_is_deterministic_and_is_what_is_committed(tmp_path):
    for run in ("one", "two"):
        shutil.copytree(ROOT / "data" / "raw", tmp_path / run / "data" / "raw")
        build(root=tmp_path / run)
    one = _snapshot(tmp_path / "one" / "data" / "processed")
    assert one == _snapshot(tmp_path / "two" / "data" / "processed")
    assert one == _snapshot(ROOT / "data" / "processed"), "run `make baselines` and commit"


def test_the_readme_figures_are_current(tables, tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert baselines.readme_block(tables) in readme, "run `make baselines` and commit"
    chart = ROOT / baselines.README_CHART
    fresh = style.save(measures.plot_rates(tables.rates, "per_day"), "fresh", tmp_path, ["png"])
    plt.close("all")
    assert fresh[0].read_bytes() == chart.read_bytes(), "run `make baselines` and commit"


def test_every_chart_renders_within_bounds(tables):
    ranges = timeline.default_ranges(tables.timeline)
    figures = [
        measures.plot_rates(tables.rates, "per_day"),
        measures.plot_shares(tables.rates),
        measures.plot_counts(measures.counts_behind(tables.estimates, tables.rates)),
        trajectory.plot_trajectory(tables.estimates),
        displacement.plot_stocks(tables.displacement),
        displacement.plot_flows(tables.displacement),
        timeline.plot_timeline(tables.timeline, ranges["overview_start"], ranges["overview_end"]),
        timeline.plot_timeline(tables.timeline, ranges["zoom_start"], ranges["zoom_end"]),
        claimants.plot_claimants(tables.claims),
    ]
    for fig in figures:
        height = fig.get_figheight() * style.SAVE_DPI
        assert height <= style.MAX_PIXELS
    plt.close("all")


def _notebooks() -> list[Path]:
    return sorted(config.NOTEBOOKS_DIR.rglob("*.ipynb"))


def _strings(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return [source]
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.name)
def test_no_notebook_states_a_corpus_fact_by_hand(path, corpus):
    facts = corpus_facts(corpus)
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        texts = [cell.source] if cell.cell_type == "markdown" else _strings(cell.source)
        texts += [line for line in cell.source.splitlines() if line.lstrip().startswith("#")]
        for text in texts:
            assert stated(text, facts) == [], f"{path.name} cell {i}: compute it instead"
