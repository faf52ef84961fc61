"""The review notebook's helpers (analysis.drafting.review) and the notebook as a baseline."""

from pathlib import Path

import nbformat
import pytest

from analysis import config, drafting
from analysis.drafting import review
from tests.support.corpora import TWO, copy_corpus

REPO = Path(__file__).resolve().parent.parent
HOSTILE = (
    "Strike on <b>Sumy</b>\n\nKYIV, Feb 3 (Wire) – A strike killed 9 civilians, police said. "
    "<script>alert('x')</script> was in the text.\n"
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = copy_corpus(TWO, tmp_path)
    monkeypatch.setattr(config, "ROOT", root)
    return root


def test_default_is_the_first_curated_article(project):
    r = review.load()
    assert r.article_id == "a000"
    assert r.problems == []  # its draft replaces its curation in the verdict's tree
    assert "6 claims" in review.summary(r)


def test_article_html_escapes_and_marks_every_row(project):
    text = project / "hostile.txt"
    text.write_text(HOSTILE, encoding="utf-8")
    r = review.load("hostile.txt", "2025-02-03")
    page = review.article_html(r)
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>Sumy" not in page
    for rows in (r.tables["claims"], r.tables["exclusions"]):
        for row in rows:
            assert f'title="{row.get("claim_id") or row.get("exclusion_id")}"' in page


def test_a_draft_folder_is_shown_as_edited(project):
    from analysis.drafting import cli

    text = project / "hostile.txt"
    text.write_text(HOSTILE, encoding="utf-8")
    assert cli.main([str(text), "--published-earliest", "2025-02-03"]) == 0
    folder = project / "data/drafts/a005"
    claims = folder / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",killed,", ",eaten,"))
    r = review.load("data/drafts/a005")
    assert any(p.column == "measure" and p.file == "the draft/claims.csv" for p in r.problems)
    assert review.verdict_text(r).startswith("1 problem(s) to fix before --accept")


def test_uncertain_lists_medium_and_low_guesses_lowest_first(project):
    table = review.uncertain(review.load())
    assert list(table.columns) == ["row", "column", "drafted", "rule", "confidence"]
    assert set(table["confidence"]) <= {"low", "medium"} and len(table) > 0
    levels = list(table["confidence"])
    assert levels == sorted(levels, key=["low", "medium"].index)


def test_review_notebook_is_a_clean_thin_baseline():
    """Committed with outputs and counts (nbval compares them), no def, one parameters cell."""
    paths = drafting.notebook_paths()
    assert [p.relative_to(config.NOTEBOOKS_DIR).as_posix() for p in paths] == ["tools/curate.ipynb"]
    nb = nbformat.read(REPO / "notebooks/tools/curate.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert sum("parameters" in c.metadata.get("tags", []) for c in code) == 1
    assert "papermill" not in nb.metadata
    for cell in code:
        assert "def " not in cell.source
        assert all(out.output_type != "error" for out in cell.outputs)
