"""A corpus curated under the previous schema keeps validating, and migrate upgrades it."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.curation import dictionary
from analysis.curation.migrate import migrate
from analysis.curation.problems import InvalidData
from analysis.curation.validate import validate
from analysis.derived.build import build
from tests.support.corpora import TWO, copy_corpus

REPO = Path(__file__).resolve().parent.parent


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def processed(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "data" / "processed").glob("*.csv"))}


def test_a_corpus_in_the_previous_schema_validates_and_migrates(tmp_path):
    # the two-article fixture is the project's data as curated before this schema
    before = copy_corpus(TWO, tmp_path / "before")
    raw = before / "data" / "raw"
    assert "anchor" not in header(raw / "claims.csv")
    assert "population" not in header(raw / "subjects.csv")
    validate(before)
    build(root=before)

    after = copy_corpus(TWO, tmp_path / "after")
    changed = migrate(after)
    assert {p.name for p in changed} == {
        "articles.csv",
        "subjects.csv",
        "claims.csv",
        "events.csv",
    }
    for name in ("articles", "subjects", "claims", "events", "exclusions"):
        spec = dictionary.file_spec(name)
        assert header(spec.resolve(after)) == spec.column_names
    build(root=after)
    assert processed(after) == processed(before)  # the same data, the same results
    assert migrate(after) == []  # nothing left to do


def test_migrate_writes_nothing_on_a_problem(tmp_path):
    root = copy_corpus(TWO, tmp_path)
    claims = root / "data" / "raw" / "claims.csv"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(",exact,9,9,9,", ",exact,9,10,9,", 1)
    )
    files = {p: p.read_bytes() for p in (root / "data" / "raw").glob("*.csv")}
    with pytest.raises(InvalidData):
        migrate(root)
    assert {p: p.read_bytes() for p in (root / "data" / "raw").glob("*.csv")} == files


def test_the_command(tmp_path):
    root = copy_corpus(TWO, tmp_path)
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "migrate"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "added the new optional columns to data/raw/claims.csv" in run.stdout
