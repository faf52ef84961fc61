"""`python -m analysis report` end to end, as a scheduler or a user runs it.

Every test builds a project tree under tmp_path (a copy of data/raw and of the
notebooks, or of data/raw and a few tiny notebooks written here) and runs the
real command in a subprocess with ANALYSIS_ROOT pointing at it; the `analysis`
package itself comes from this checkout. One run of the four real notebooks is
shared by the happy-path tests (module-scoped fixture); tests of parameters,
faults and interrupts use one or two tiny notebooks to keep the runtime down.
"""

import ast
import csv
import html
import json
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import psutil
import pytest

from analysis.curation import dictionary
from tests.support.reports import (
    REAL_PARAMETERS,
    REPO,
    Run,
    files_under,
    make_project,
    no_processes_mentioning,
    processes_mentioning,
    report_command,
    report_env,
    run_folders,
    run_report,
    sha256,
    write_notebook,
)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
REMOTE_RE = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//"
)


# --------------------------------------------------------------------------- helpers


class Links(HTMLParser):
    """Every a[href] and img[src] of a page."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.imgs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("img", "iframe") and attrs.get("src"):
            self.imgs.append(attrs["src"])


class Tables(HTMLParser):
    """The rows of every HTML table (cell texts), for reading a notebook's table output."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None


def links_of(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def injected_cell(executed: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(executed, as_version=4)
    cells = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, f"{executed.name}: expected one injected-parameters cell"
    return cells[0]


def injected_values(executed: Path) -> dict:
    """The injected cell as name -> value; fails unless it is only `name = <literal>` lines."""
    tree = ast.parse(injected_cell(executed).source)
    values = {}
    for node in tree.body:
        assert isinstance(node, ast.Assign), ast.dump(node)
        assert len(node.targets) == 1 and isinstance(node.targets[0], ast.Name), ast.dump(node)
        values[node.targets[0].id] = ast.literal_eval(node.value)  # raises unless a literal
    return values


def csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def outputs_of(executed: Path) -> list[dict]:
    nb = nbformat.read(executed, as_version=4)
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


# --------------------------------------------------------------------------- 1. happy path


@dataclass
class Published:
    root: Path
    run: Run
    run_dir: Path
    manifest: dict


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Published:
    """One report of the four real notebooks, shared by the happy-path tests.

    With four jobs each notebook runs in a kernel of its own: the cold reference for
    the warm-kernel test.
    """
    root = make_project(tmp_path_factory.mktemp("happy") / "project")
    run = run_report(root, "--jobs", "4")
    assert run.returncode == 0, run
    run_dir = (root / "reports" / "latest").resolve()
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    return Published(root, run, run_dir, manifest)


def test_published_and_latest_points_to_it(published):
    reports = published.root / "reports"
    latest = reports / "latest"
    assert latest.is_symlink()
    assert os.readlink(latest) == published.run_dir.name  # relative: the folder can move
    assert published.run_dir.parent == reports.resolve()
    assert published.manifest["run_id"] == published.run_dir.name
    assert published.manifest["status"] == "ok"
    # no .partial-* and no -failed folder
    assert run_folders(reports) == sorted([published.run_dir.name, "latest"])
    for sub in ("notebooks", "charts", "tables", "logs"):
        assert (published.run_dir / sub).is_dir()
    assert not (published.run_dir / ".runtime").exists()
    assert published.run.stdout == ""  # --quiet


def test_every_notebook_ran_and_has_a_page(published):
    names = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))
    assert len(names) >= 4  # every notebook of notebooks/ (tools/ are not part of the report)
    results = {r["name"]: r for r in published.manifest["notebooks"]}
    assert sorted(results) == names
    for name in names:
        assert results[name]["status"] == "ok" and results[name]["page"], results[name]
        assert (published.run_dir / f"{name}.html").is_file()
        executed = published.run_dir / "notebooks" / f"{name}.ipynb"
        assert not [o for o in outputs_of(executed) if o["output_type"] == "error"]


def test_index_links_every_page_chart_and_table(published):
    run_dir = published.run_dir
    links = links_of(run_dir / "index.html")
    hrefs, imgs = set(links.hrefs), set(links.imgs)
    pages = {f"{p.stem}.html" for p in (REPO / "notebooks").glob("*.ipynb")}
    charts = {f"charts/{p.name}" for p in (run_dir / "charts").iterdir()}
    tables = {f"tables/{p.name}" for p in (run_dir / "tables").iterdir()}
    assert len(charts) >= 14 and {Path(c).suffix for c in charts} == {".png", ".svg"}
    assert len(tables) == len(dictionary.file_names("processed"))
    assert pages <= hrefs
    assert charts <= hrefs
    assert tables <= hrefs
    # each chart is shown as its SVG (marks with their sources); the PNG is linked
    assert {c for c in charts if c.endswith(".svg")} <= imgs
    assert "manifest.json" in hrefs
    for target in hrefs | imgs:  # and nothing links to a file that is not there
        assert (run_dir / target).is_file(), target


def test_manifest_hashes_every_output(published):
    run_dir = published.run_dir
    on_disk = {str(p.relative_to(run_dir)) for p in run_dir.rglob("*") if p.is_file()}
    on_disk.remove("manifest.json")  # the one file that cannot list its own hash
    outputs = published.manifest["outputs"]
    assert set(outputs) == on_disk
    for name, digest in outputs.items():
        assert sha256(run_dir / name) == digest, name


def test_manifest_hashes_every_input(published):
    root, inputs = published.root, published.manifest["inputs"]
    expected = [p for p in (root / "data" / "raw").rglob("*") if p.is_file()]
    expected += sorted((root / "notebooks").glob("*.ipynb"))
    assert len(expected) >= 11  # 5 tables, 2 article texts, 4 notebooks
    labels = {str(path.relative_to(root)): path for path in expected}
    assert set(inputs) == set(labels) | {"analysis/curation/dictionary.yaml"}
    for label, path in labels.items():
        assert inputs[label] == sha256(path), label
    assert inputs["analysis/curation/dictionary.yaml"] == sha256(
        REPO / "analysis" / "curation" / "dictionary.yaml"
    )


def test_run_record(published):
    manifest = published.manifest
    assert manifest["parameters"] == {}
    assert manifest["versions"]["papermill"] and manifest["versions"]["python"]
    text = (published.run_dir / "index.html").read_text(encoding="utf-8")
    assert published.run_dir.name in text
    for executed in (published.run_dir / "notebooks").glob("*.ipynb"):
        assert set(injected_values(executed)) == {"output_dir"}  # only what the report sets


def test_pages_load_nothing_from_the_network(published):
    pages = sorted(published.run_dir.glob("*.html"))
    assert len(pages) == len(list((REPO / "notebooks").glob("*.ipynb"))) + 1  # and the index
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<script src="http' not in text, page.name
        assert not REMOTE_RE.search(text), page.name


def test_table_cells_never_start_a_formula(published):
    tables = sorted((published.run_dir / "tables").glob("*.csv"))
    assert len(tables) == len(dictionary.file_names("processed"))
    for table in tables:
        rows = csv_rows(table)  # conflicts and series may be empty for a small corpus
        for row in rows:
            for column, cell in row.items():
                if cell.startswith(FORMULA_START):
                    assert NUMBER_RE.fullmatch(cell), (table.name, column, cell)


MEDDLER = """\
import os, sys, warnings
import matplotlib as mpl
import numpy as np
import pandas as pd
import analysis.charts.style as style
mpl.rcParams.update({"axes.titlecolor": "red", "axes.titleweight": "bold",
                     "xtick.labelsize": 20, "font.family": "serif", "lines.linewidth": 9})
pd.set_option("display.max_rows", 3)
pd.set_option("display.float_format", lambda x: "%.1f" % x)
warnings.simplefilter("ignore")
np.set_printoptions(precision=1)
os.chdir("/")
sys.path.insert(0, "/nonexistent")
os.environ["MPLBACKEND"] = "svg"
style.wrap = lambda text, width=110: text.upper()  # a notebook rebinding a helper
"""


def test_charts_are_the_same_cold_or_warm_after_a_meddling_notebook(published, tmp_path):
    """One kernel runs a notebook that changes global state, then every real notebook."""
    root = make_project(tmp_path / "project")
    write_notebook(root, "aa_meddler", MEDDLER)  # first by name: no previous run to order by
    run = run_report(root, "--jobs", "1")
    assert run.returncode == 0, run
    warm = (root / "reports" / "latest").resolve()
    cold = published.run_dir
    names = sorted(p.name for p in (cold / "charts").iterdir())
    assert len(names) >= 14
    assert sorted(p.name for p in (warm / "charts").iterdir()) == names
    for name in names:
        assert sha256(warm / "charts" / name) == sha256(cold / "charts" / name), name
    for name in ("casualty_rates", "sources"):  # tables too: pandas options were reset
        executed = warm / "notebooks" / f"{name}.ipynb"
        reference = cold / "notebooks" / f"{name}.ipynb"
        html_of = [o["data"].get("text/html") for o in outputs_of(executed) if "data" in o]
        assert html_of == [o["data"].get("text/html") for o in outputs_of(reference) if "data" in o]


def test_an_unchanged_report_is_reused(published):
    before = run_folders(published.root / "reports")
    run = run_report(published.root, "--jobs", "2")
    assert run.returncode == 0, run
    assert run.stdout.startswith("report unchanged: data, notebooks, parameters, code and "), run
    assert published.run_dir.name in run.stdout and run.stdout.count("\n") == 1
    assert run_folders(published.root / "reports") == before
    key = published.manifest["key"]
    assert set(key) == {"digest", "inputs", "package", "parameters", "show_code", "environment"}
    assert key["inputs"] == published.manifest["inputs"]
    assert "analysis/report/run.py" in key["package"]
    assert "analysis/report/templates/index.html.j2" in key["package"]
    assert set(published.manifest["processed"]) == {
        p.name for p in (REPO / "data/processed").iterdir()
    }


@pytest.fixture
def reusable(published, tmp_path, monkeypatch):
    """A copy of the published project, with analysis.config pointing at it (in-process)."""
    from analysis import config

    root = tmp_path / "project"
    for name in ("data", "notebooks"):
        shutil.copytree(published.root / name, root / name)
    shutil.copytree(published.run_dir, root / "reports" / published.run_dir.name)
    (root / "reports" / "latest").symlink_to(published.run_dir.name)
    for name, path in {
        "ROOT": root,
        "RAW_DIR": root / "data" / "raw",
        "PROCESSED_DIR": root / "data" / "processed",
        "NOTEBOOKS_DIR": root / "notebooks",
        "REPORTS_DIR": root / "reports",
    }.items():
        monkeypatch.setattr(config, name, path)
    return root


def _touch_raw(root: Path) -> None:
    path = root / "data" / "raw" / "subjects.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _edit_notebook(root: Path) -> None:
    path = root / "notebooks" / "sources.ipynb"
    path.write_text(path.read_text(encoding="utf-8").replace("provenance", "provenance "))


def _drop_an_output(root: Path) -> None:
    (root / "reports" / "latest" / "index.html").unlink()


def _edit_processed(root: Path) -> None:
    (root / "data" / "processed" / "rates.csv").write_text("tampered\n")


@pytest.mark.parametrize(
    "change", [None, _touch_raw, _edit_notebook, _drop_an_output, _edit_processed]
)
def test_what_makes_a_report_run_again(reusable, published, change):
    from analysis.report import reuse

    key = lambda **p: reuse.run_key(p, False)  # noqa: E731
    if change is None:
        assert reuse.published_match(reusable / "reports", key()) == published.run_dir.name
        assert reuse.published_match(reusable / "reports", key(tolerance=0.2)) is None
        assert reuse.run_key({}, True)["digest"] != key()["digest"]  # --show-code
        return
    change(reusable)
    assert reuse.published_match(reusable / "reports", key()) is None


# --------------------------------------------------------------------------- 2. parameters


def test_tolerance_parameter_reaches_the_notebook(tmp_path):
    root = make_project(tmp_path / "project", real_notebooks=False)
    shutil.copy(REPO / "notebooks" / "casualty_rates.ipynb", root / "notebooks")
    run = run_report(root, "--jobs", "2", "-p", "tolerance", "0.2")
    assert run.returncode == 0, run
    run_dir = (root / "reports" / "latest").resolve()
    executed = run_dir / "notebooks" / "casualty_rates.ipynb"
    assert "tolerance = 0.2\n" in injected_cell(executed).source
    assert injected_values(executed)["tolerance"] == 0.2
    # the notebook computed with it: "approximately half" of 12,000 is 40% to 60% at +/-20%
    html_tables = Tables()
    for output in outputs_of(executed):
        html_tables.feed(output.get("data", {}).get("text/html", ""))
    header = next(r for r in html_tables.rows if "interval" in r and "inputs" in r)
    col = {name: i for i, name in enumerate(header)}
    share = [
        r
        for r in html_tables.rows
        if len(r) == len(header)
        and r[col["inputs"]] == "a004-c02;a004-c01"
        and r[col["what"]].endswith("as a share of deployed")
    ]
    assert [r[col["interval"]] for r in share] == ["40 to 60"]
    # and so did the run's tables: half of 12,000 with +/-20% on the fraction
    claim = {r["claim_id"]: r for r in csv_rows(run_dir / "tables" / "claims_resolved.csv")}
    assert (claim["a004-c02"]["low"], claim["a004-c02"]["high"]) == ("4800", "7200")
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"] == {"tolerance": 0.2}
    index = html.unescape((run_dir / "index.html").read_text(encoding="utf-8"))
    assert '{"tolerance": 0.2}' in index


def test_parameters_from_a_yaml_file(tmp_path):
    root = make_project(tmp_path / "project", real_notebooks=False)
    write_notebook(root, "zz_params", "print(repr(tolerance), repr(articles))", REAL_PARAMETERS)
    params_file = tmp_path / "params.yaml"
    params_file.write_text("tolerance: 0.2\narticles: [a004]\n", encoding="utf-8")
    run = run_report(root, "--jobs", "2", "-f", str(params_file))
    assert run.returncode == 0, run
    run_dir = (root / "reports" / "latest").resolve()
    executed = run_dir / "notebooks" / "zz_params.ipynb"
    values = injected_values(executed)
    assert values["tolerance"] == 0.2 and values["articles"] == ["a004"]
    printed = "".join(o.get("text", "") for o in outputs_of(executed))
    assert printed == "0.2 ['a004']\n"
    claims = csv_rows(run_dir / "tables" / "claims_resolved.csv")
    assert {c["article_id"] for c in claims} == {"a004"}
    claim = {c["claim_id"]: c for c in claims}
    assert (claim["a004-c02"]["low"], claim["a004-c02"]["high"]) == ("4800", "7200")
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"] == {"tolerance": 0.2, "articles": ["a004"]}


def test_as_of_date_before_every_article(tmp_path):
    """`-p as_of 2024-01-01` is a date in YAML: it reaches the notebook as text; and a
    selection with no articles gives a report with no key figures, not a crash."""
    root = make_project(tmp_path / "project", real_notebooks=False)
    write_notebook(root, "zz_as_of", "print(repr(as_of))", REAL_PARAMETERS)
    run = run_report(root, "--jobs", "2", "-p", "as_of", "2024-01-01")
    assert run.returncode == 0, run
    reports = root / "reports"
    run_dir = (reports / "latest").resolve()
    executed = run_dir / "notebooks" / "zz_as_of.ipynb"
    assert injected_values(executed)["as_of"] == "2024-01-01"
    assert "".join(o.get("text", "") for o in outputs_of(executed)) == "'2024-01-01'\n"
    assert csv_rows(run_dir / "tables" / "claims_resolved.csv") == []
    assert (run_dir / "index.html").is_file()
    assert [p.name for p in reports.iterdir() if p.name.startswith(".")] == []


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    """data/raw and one tiny notebook declaring the real notebooks' parameters."""
    root = make_project(tmp_path / "project", real_notebooks=False)
    write_notebook(root, "zz_ok", "print('ok')", REAL_PARAMETERS)
    return root


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "nope", "1"], "unknown parameter 'nope'"),
        (["-p", "tolerance", "abc"], "parameter tolerance: 'abc' is not a float"),
        (["-p", "output_dir", "/tmp/x"], "set by the report"),
        # one id instead of a list: a traceback and a .partial-* folder before the fix
        (["-p", "articles", "a004"], "'a004' is not a list of article ids"),
        # a string value that is code is refused before any notebook runs
        (["-p", "as_of", '2025-01-01"; import os; open("PWNED","w")'], "not a date"),
        # a list of ids, but an id no article has: known only once the data is read
        (["-p", "articles", "[a999]"], "unknown article id(s) ['a999']"),
    ],
    ids=["unknown", "not-a-float", "set-by-report", "not-a-list", "code-as-date", "no-such-id"],
)
def test_bad_parameters_exit_3_and_write_nothing(tiny_project, args, message):
    before = files_under(tiny_project.parent)
    run = run_report(tiny_project, *args)
    assert run.returncode == 3, run
    assert message in run.stderr, run
    assert files_under(tiny_project.parent) == before  # no reports/, no run, no PWNED


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"include_unverified": 1}, "1 is not a bool"),
        ({"tolerance": True}, "True is not a float"),
        ({"articles": "a000"}, "'a000' is not a list of article ids"),
        ({"articles": [4]}, "[4] is not a list of article ids"),
        ({"as_of": "2025-13"}, "not a date"),
        ({"as_of": 20250101}, "not a date"),
        ({"formats": {"png": 1}}, "not a plain value"),
        ({"overview_start": "soon"}, "not a date"),
    ],
)
def test_parameter_types_are_checked(given, message):
    """The same checks in-process (fast), against the real notebooks' declarations."""
    from analysis.report import params

    with pytest.raises(params.ParameterError, match=re.escape(message)):
        params.check(given, sorted((REPO / "notebooks").glob("*.ipynb")))


def test_parameter_values_are_plain_yaml():
    from analysis.report import params

    assert params.parse_value("0.2") == 0.2
    assert params.parse_value("[a000, a004]") == ["a000", "a004"]
    assert params.parse_value("null") is None
    assert params.parse_value("2025-01-31") == "2025-01-31"  # YAML would give a date
    assert params.parse_value("[2025-01-31]") == ["2025-01-31"]
    with pytest.raises(params.ParameterError, match="cannot read value"):
        params.parse_value("!!python/object/apply:os.system [id]")


# --------------------------------------------------------------------------- 3. injection


def test_string_parameters_cannot_run_code(tmp_path):
    """Papermill writes a string as a literal, whatever quotes and line breaks it holds."""
    root = make_project(tmp_path / "project", real_notebooks=False)
    write_notebook(root, "zz_label", "print(repr(label), repr(note))", 'label = "x"\nnote = "y"\n')
    payload = 'x"\nimport pathlib; pathlib.Path("PWNED").write_text("1")\n"'
    # -p reads the value as YAML (which folds the line breaks); the file keeps them
    params_file = tmp_path / "params.yaml"
    params_file.write_text(json.dumps({"note": payload}), encoding="utf-8")  # JSON is YAML
    run = run_report(root, "--jobs", "2", "-f", str(params_file), "-p", "label", payload)
    assert run.returncode == 0, run
    executed = (root / "reports" / "latest").resolve() / "notebooks" / "zz_label.ipynb"
    values = injected_values(executed)  # only `name = <constant>` assignments
    assert values["note"] == payload
    assert values["label"] == " ".join(payload.split("\n"))
    printed = "".join(o.get("text", "") for o in outputs_of(executed))
    assert printed == f"{values['label']!r} {payload!r}\n"
    assert not list(tmp_path.rglob("PWNED"))
    assert not (REPO / "PWNED").exists()


# --------------------------------------------------------------------------- 4. faults


def test_failing_notebook_keeps_the_run_and_leaves_latest(tmp_path):
    root = make_project(tmp_path / "project", real_notebooks=False)
    write_notebook(root, "zz_ok", "print('ok')")
    write_notebook(root, "zz_ok2", "print('ok too')")
    first = run_report(root, "--jobs", "2", "--run-id", "first")
    assert first.returncode == 0, first
    reports = root / "reports"
    assert os.readlink(reports / "latest") == "first"

    write_notebook(root, "zz_raises", 'raise RuntimeError("boom")')
    run = run_report(root, "--jobs", "2", "--run-id", "second")
    assert run.returncode == 1, run
    assert "zz_raises" in run.stderr and "RuntimeError: boom" in run.stderr, run
    assert "zz_ok" not in run.stderr.replace("zz_raises", "")
    assert run_folders(reports) == ["first", "latest", "second-failed"]
    assert os.readlink(reports / "latest") == "first"
    kept = reports / "second-failed"
    assert (kept / "zz_ok.html").is_file() and (kept / "zz_ok2.html").is_file()
    manifest = json.loads((kept / "manifest.json").read_text(encoding="utf-8"))
    status = {r["name"]: r["status"] for r in manifest["notebooks"]}
    assert status == {"zz_ok": "ok", "zz_ok2": "ok", "zz_raises": "failed"}
    assert manifest["status"] == "failed"
    errors = [
        o for o in outputs_of(kept / "notebooks" / "zz_raises.ipynb") if o["output_type"] == "error"
    ]
    assert [(e["ename"], e["evalue"]) for e in errors] == [("RuntimeError", "boom")]
    assert not no_processes_mentioning(reports)


def test_dead_and_hung_kernels_are_named_and_gone(tmp_path):
    """One run, two faults: a kernel that dies and one that hangs past --timeout."""
    root = make_project(tmp_path / "project", real_notebooks=False)
    write_notebook(root, "zz_ok", "print('ok')")
    write_notebook(root, "zz_dies", "import os\nos._exit(1)")
    write_notebook(root, "zz_sleeps", "import time\ntime.sleep(120)")
    run = run_report(root, "--jobs", "2", "--timeout", "5")
    assert run.returncode == 1, run
    assert re.search(r"zz_dies: kernel died", run.stderr), run
    assert re.search(r"zz_sleeps: timed out", run.stderr), run
    assert run.seconds < 60, run.seconds  # the 120 s sleep was cut short
    reports = root / "reports"
    (kept,) = list(reports.iterdir())  # no latest: there was no successful run before
    assert kept.name.endswith("-failed")
    assert (kept / "zz_ok.html").is_file()
    manifest = json.loads((kept / "manifest.json").read_text(encoding="utf-8"))
    status = {r["name"]: r["status"] for r in manifest["notebooks"]}
    assert status == {"zz_dies": "kernel died", "zz_ok": "ok", "zz_sleeps": "timed out"}
    assert not no_processes_mentioning(reports)


# --------------------------------------------------------------------------- 5. interrupts


def interrupt_run(root: Path, signum: int, started: Path) -> tuple[int, str, float]:
    """Start a report, wait until the sleeping notebook runs, send `signum`.

    Returns the exit code, stderr and the seconds from the signal to the exit; checks
    that every process of the run (workers, kernels) is gone afterwards.
    """
    reports = root / "reports"
    proc = subprocess.Popen(
        report_command("--jobs", "2"),
        cwd=root,
        env=report_env(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a Ctrl-C in the terminal running pytest does not reach it
    )
    try:
        deadline = time.monotonic() + 60
        while not (started.exists() and processes_mentioning(reports)):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the sleeping notebook never started"
            time.sleep(0.1)
        processes = psutil.Process(proc.pid).children(recursive=True)
        kernels = processes_mentioning(reports)  # found by the run's path, as the report does
        assert kernels and set(kernels) <= set(processes)
        sent = time.monotonic()
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=60)
        seconds = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    _, alive = psutil.wait_procs(processes, timeout=5)
    assert not alive, alive
    assert not no_processes_mentioning(reports)
    return proc.returncode, stderr, seconds


def test_interrupt_removes_the_run_and_its_kernels(tmp_path):
    root = make_project(tmp_path / "project", real_notebooks=False)
    write_notebook(root, "zz_ok", "print('ok')")
    reports = root / "reports"
    previous = "previous-run"  # as a successful run leaves it (test_failing_notebook runs one)
    (reports / previous).mkdir(parents=True)
    (reports / previous / "index.html").write_text("previous", encoding="utf-8")
    (reports / "latest").symlink_to(previous)

    for signum, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        started = tmp_path / f"sleeping.started.{signum}"
        write_notebook(
            root,
            "zz_sleeps",
            f"import pathlib, time\npathlib.Path({str(started)!r}).write_text('1')\n"
            "time.sleep(120)",
        )
        returncode, stderr, seconds = interrupt_run(root, signum, started)
        assert returncode == code, (signum, stderr)
        assert "interrupted" in stderr and "no report was published" in stderr, stderr
        # workers exit at once (not after the 10 s the report waits before killing them)
        assert seconds < 8, (signum, seconds)
        assert run_folders(reports) == sorted([previous, "latest"])  # no run, no partial
        assert os.readlink(reports / "latest") == previous

    (root / "notebooks" / "zz_sleeps.ipynb").unlink()
    after = run_report(root, "--jobs", "2")
    assert after.returncode == 0, after
    latest = os.readlink(reports / "latest")
    assert latest != previous and (reports / latest / "index.html").is_file()
    assert run_folders(reports) == sorted([previous, latest, "latest"])


# --------------------------------------------------------------------------- 6. run ids


@pytest.mark.parametrize(
    ("run_id", "message"),
    [
        ("../evil", "must be letters"),
        ("latest", "not 'latest'"),
        ("taken", "already exists"),
    ],
)
def test_bad_run_id_exits_3_and_creates_nothing(tmp_path, run_id, message):
    root = make_project(tmp_path / "project", real_notebooks=False)
    write_notebook(root, "zz_ok", "print('ok')")
    (root / "reports" / "taken").mkdir(parents=True)
    before = files_under(tmp_path)
    run = run_report(root, "--run-id", run_id)
    assert run.returncode == 3, run
    assert message in run.stderr, run
    assert files_under(tmp_path) == before


@pytest.mark.parametrize(
    ("run_id", "message"),
    [
        ("/tmp/evil", "must be letters"),
        ("a/../../evil", "must be letters"),
        ("a/b", "must be letters"),
        (".hidden", "must be letters"),
        ("..", "must be letters"),
        ("a..b", "must be letters"),
        ("x" * 81, "must be letters"),
        ("latest", "not 'latest'"),
        ("taken", "already exists"),
        ("was", "already exists"),  # reports/was-failed exists
    ],
)
def test_run_ids_that_could_escape_are_refused(tmp_path, run_id, message):
    """The same checks in-process (fast), on more ids."""
    from analysis.report import folders

    reports = tmp_path / "reports"
    (reports / "taken").mkdir(parents=True)
    (reports / "was-failed").mkdir()
    with pytest.raises(folders.RunIdError, match=re.escape(message)):
        folders.check_run_id(run_id, reports)
    assert folders.check_run_id("2025-02-01_nightly.1", reports) == reports / "2025-02-01_nightly.1"


# --------------------------------------------------------------------------- 7. invalid data


def test_invalid_data_exits_2_and_writes_nothing(tmp_path):
    root = make_project(tmp_path / "project", real_notebooks=False, processed=True)
    write_notebook(root, "zz_ok", "print('ok')")
    claims = root / "data" / "raw" / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    good = ",approximately,,11000,,people,"
    assert text.count(good) == 1
    claims.write_text(text.replace(good, ",approximately,,11000x,,people,"), encoding="utf-8")
    processed = {p.name: sha256(p) for p in (root / "data" / "processed").iterdir()}
    assert processed

    run = run_report(root, "--jobs", "2")
    assert run.returncode == 2, run
    assert re.search(r"data/raw/claims\.csv:\d+: best: not a number", run.stderr), run
    assert "nothing was written" in run.stderr
    reports = root / "reports"
    assert run_folders(reports) == []  # at most an empty reports/
    after = {p.name: sha256(p) for p in (root / "data" / "processed").iterdir()}
    assert after == processed
    assert not no_processes_mentioning(root)


# --------------------------------------------------------------------------- 8. CSV formulas


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("@x", "'@x"),
        ("-2+3", "'-2+3"),
        ("\t=1", "'\t=1"),
        ("-5", "-5"),
        ("-0.25", "-0.25"),
        ("12", "12"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(cell, expected):
    from analysis.report import outputs

    assert outputs.neutralise(cell) == expected


def test_safe_csv_text():
    import pandas as pd

    from analysis.report import outputs

    frame = pd.DataFrame(
        {
            "quote": ['=HYPERLINK("http://x","y")', "@x", "-5", 'said "1,000", then'],
            "value": [-5.0, 1.5, float("nan"), 1000.0],
        }
    )
    text = outputs.safe_csv_text(frame)
    rows = list(csv.reader(text.splitlines()))
    assert rows == [
        ["quote", "value"],
        ['\'=HYPERLINK("http://x","y")', "-5"],
        ["'@x", "1.5"],
        ["-5", ""],
        ['said "1,000", then', "1000"],
    ]
