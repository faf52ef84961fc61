"""Curated dates against the relative-date grammar."""

import shutil
from pathlib import Path

import pytest

from analysis.curation.consistency import check_phrases
from analysis.curation.validate import load_corpus
from tests.support.corpora import TWO

RAW = TWO / "data" / "raw"  # the frozen two-article fixture corpus


def line_of(path: Path, row_id: str) -> int:
    """The 1-based line of the row whose first cell is row_id (no cell spans lines here)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    (number,) = [i for i, line in enumerate(lines, start=1) if line.startswith(f"{row_id},")]
    return number


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(RAW, tmp_path / "data" / "raw")
    return tmp_path


def edit(project: Path, name: str, old: str, new: str) -> Path:
    path = project / "data" / "raw" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_fixture_corpus_agrees_with_its_phrases(corpus):
    assert check_phrases(corpus) == []


def test_claim_period_outside_its_phrase(project):
    # "in just three months" before 2025-01-15 starts on 2024-10-15, not in January 2023
    path = edit(
        project, "claims.csv", ",in just three months,2024-10-15,", ",in just three months,2023-01,"
    )
    problems = check_phrases(load_corpus(project))
    assert len(problems) == 1
    (problem,) = problems
    assert Path(problem.file).parts[-3:] == ("data", "raw", "claims.csv")
    assert problem.line == line_of(path, "a000-c04")
    assert problem.column == "period_start"
    assert "in just three months" in problem.message
    assert "2024-10-15..2025-02-28" in problem.message


def test_event_after_its_phrase(project):
    # "last November" is November 2024; December is outside it
    path = edit(
        project, "events.csv", "last November,2024-11,2024-11,", "last November,2024-11,2024-12,"
    )
    (problem,) = check_phrases(load_corpus(project))
    assert Path(problem.file).name == "events.csv"
    assert problem.line == line_of(path, "ev-2024-nk-deployment")
    assert problem.column == "date_end"  # the start is right, the end is not
    assert "2024-11-01..2024-11-30" in problem.message


def test_narrower_curated_dates_agree(project):
    # curation may use other sentences to narrow a phrase, never to leave it
    edit(
        project, "claims.csv", ",in just three months,2024-10-15,", ",in just three months,2024-12,"
    )
    assert check_phrases(load_corpus(project)) == []


def test_a_later_publication_moves_the_reading(project):
    # published from 2025-02-01: three months before is 2024-11-01, after the curated 2024-10-15
    path = project / "data" / "raw" / "articles.csv"
    text = path.read_text(encoding="utf-8")
    start = text.index("a000,")
    row_end = text.index("\n", start)
    row = text[start:row_end]
    assert row.count(",2025-01-15,2025-02-28,") == 1
    path.write_text(
        text[:start] + row.replace(",2025-01-15,", ",2025-02-01,") + text[row_end:],
        encoding="utf-8",
    )
    problems = check_phrases(load_corpus(project))
    claims = project / "data" / "raw" / "claims.csv"
    events = project / "data" / "raw" / "events.csv"
    found = {(Path(p.file).name, p.line) for p in problems}
    # a000-c04 (in just three months: from 2024-11-01) and the event "for the past three
    # weeks" (from 2025-01-11, curated 2024-12-25) now start too early
    assert found == {
        ("claims.csv", line_of(claims, "a000-c04")),
        ("events.csv", line_of(events, "ev-2025-not-seen")),
    }


@pytest.mark.parametrize(
    ("phrase", "error"),
    [
        ("in 0000", "year 0 is out of range"),
        ("for the past 3000 years", "year -975 is out of range"),
        ("in 9999999999999 weeks", "Python int too large to convert to C int"),
    ],
)
def test_a_phrase_that_reaches_no_date_is_a_problem_not_a_traceback(project, phrase, error):
    """The build reads every phrase with the same grammar: it must stop here."""
    corpus = load_corpus(project)
    events = corpus.tables["events"].frame
    events.loc[events["event_id"] == "ev-1961-treaty", "date_text"] = phrase
    (problem,) = check_phrases(corpus)
    assert str(problem) == (
        f"data/raw/events.csv:2: date_text: {phrase!r} cannot be resolved to dates ({error}) "
        "(check the number or the year in the phrase)"
    )
