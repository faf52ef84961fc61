"""Curated dates against the relative-date grammar."""

import shutil
from pathlib import Path

import pytest

from analysis.curation.consistency import check_phrases
from analysis.curation.validate import load_corpus
from tests.support.corpora import THREE, TWO, copy_corpus

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
    assert "starts 2024-10-15..2024-11-28" in problem.message


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
    # curation may use other sentences to narrow a phrase, never to leave it: three months
    # before publication start between 2024-10-15 and 2024-11-28
    edit(
        project, "claims.csv", ",in just three months,2024-10-15,", ",in just three months,2024-11,"
    )
    assert check_phrases(load_corpus(project)) == []


def test_a_start_too_late_for_the_stated_duration(project):
    # starting in December, the period could not last three months by publication
    edit(
        project, "claims.csv", ",in just three months,2024-10-15,", ",in just three months,2024-12,"
    )
    (problem,) = check_phrases(load_corpus(project))
    assert problem.column == "period_start"


def test_analyst_dates_are_not_held_to_the_phrase(project):
    edit(
        project,
        "claims.csv",
        ",in just three months,2024-10-15,2025-02-28,resolved_from_publication,",
        ",in just three months,2024-12,2025-02-28,analyst,",
    )
    assert check_phrases(load_corpus(project)) == []


def test_an_anchored_phrase_is_checked_against_its_event(tmp_path):
    # ev-a101-briefing: "two weeks after they were first sent into combat", anchored on
    # ev-a101-combat (21 to 30 November 2024): 5 to 14 December, as curated
    project = copy_corpus(THREE, tmp_path)
    assert check_phrases(load_corpus(project)) == []
    edit(project, "events.csv", ",2024-12-05,2024-12-14,", ",2024-12-05,2024-12-20,")
    (problem,) = check_phrases(load_corpus(project))
    assert problem.column == "date_end"
    assert "ends 2024-12-05..2024-12-14" in problem.message
