"""The build: deterministic, atomic, documented, and the committed tables are its output."""

import csv
import io
import math
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import analysis.derived.build
from analysis.curation import dictionary
from analysis.curation.problems import InvalidData
from analysis.derived.build import build, format_number, to_csv_text, write_atomically
from tests.support.corpora import TWO, copy_corpus

REPO = Path(__file__).resolve().parent.parent
PROCESSED_FILES = [
    "claims_resolved.csv",
    "conflicts.csv",
    "displacement.csv",
    "estimates.csv",
    "rates.csv",
    "series.csv",
    "timeline.csv",
]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project tree's curated data, with nothing processed yet."""
    return copy_corpus(TWO, tmp_path)


@pytest.fixture
def built(project) -> Path:
    build(root=project)
    return project


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "data").iterdir() if p.name.startswith("."))


# --- determinism and regression -----------------------------------------------------


def test_build_twice_gives_the_same_bytes(built):
    first = snapshot(built / "data" / "processed")
    assert sorted(first) == PROCESSED_FILES
    build(root=built)
    assert snapshot(built / "data" / "processed") == first
    assert leftovers(built) == []


def test_columns_are_the_documented_columns(built):
    names = dictionary.file_names("processed")
    assert sorted(Path(dictionary.file_spec(n).path).name for n in names) == PROCESSED_FILES
    for name in names:
        spec = dictionary.file_spec(name)
        with spec.resolve(built).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert header == spec.column_names, name


def test_build_returns_the_tables_it_writes(project):
    tables = build(root=project)
    for name, frame in tables.items():
        text = (project / "data" / "processed" / name).read_text(encoding="utf-8")
        assert text == to_csv_text(frame)
        assert len(list(csv.reader(io.StringIO(text)))) == len(frame) + 1


# --- number formatting --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (13_000_000, "13000000"),
        (13e6, "13000000"),
        (1e12, "1000000000000"),
        (1e-7, "0.0000001"),
        (0, "0"),
        (45.0, "45"),
        (-2.5, "-2.5"),
        (1_000 / 92, "10.8696"),
        (1 / 3, "0.333333"),
        (123_456_789, "123457000"),
        (100_000 / 12_100, "8.26446"),
        (12_000 / 11_000, "1.09091"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_format_missing_and_infinite():
    assert format_number(math.nan) == ""
    assert format_number(None) == ""
    with pytest.raises(ValueError, match="high_open"):
        format_number(math.inf)


@given(st.floats(min_value=1e-9, max_value=1e15, allow_nan=False) | st.integers(-(10**15), 10**15))
def test_format_number_never_uses_exponents(value):
    text = format_number(value)
    assert "e" not in text.lower()
    # at most 6 significant digits, within rounding of the value
    digits = text.lstrip("-").replace(".", "").lstrip("0")
    if "." not in text:
        digits = digits.rstrip("0")
    assert len(digits) <= 6
    assert float(text) == pytest.approx(value, rel=5e-6, abs=1e-300)


def test_csv_cells():
    frame = pd.DataFrame(
        {
            "flag": [True, False],
            "day": [date(2024, 11, 1), None],
            "x": [0.5, math.nan],
            "n": [3, 4],
            "text": ["a, b", None],
        }
    )
    assert to_csv_text(frame) == 'flag,day,x,n,text\ntrue,2024-11-01,0.5,3,"a, b"\nfalse,,,4,\n'


# --- atomicity ----------------------------------------------------------------------


def test_a_failing_table_leaves_the_previous_build_intact(built, monkeypatch):
    before = snapshot(built / "data" / "processed")

    def boom(*args, **kwargs):
        raise RuntimeError("rates failed")

    monkeypatch.setattr(analysis.derived.build, "build_rates", boom)
    with pytest.raises(RuntimeError, match="rates failed"):
        build(root=built)
    assert snapshot(built / "data" / "processed") == before
    assert leftovers(built) == []


def test_a_failing_write_leaves_the_previous_build_intact(built, monkeypatch):
    before = snapshot(built / "data" / "processed")
    real_write_text = Path.write_text
    calls = []

    def write_some(self, *args, **kwargs):
        calls.append(self.name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_some)
    with pytest.raises(OSError, match="disk full"):
        build(root=built)
    assert len(calls) == 3  # it failed midway through the staging folder
    monkeypatch.undo()
    assert snapshot(built / "data" / "processed") == before
    assert leftovers(built) == []


def test_an_interrupted_swap_is_restored(tmp_path):
    target = tmp_path / "data" / "processed"
    old = tmp_path / "data" / ".processed-old-123"
    old.mkdir(parents=True)
    (old / "rates.csv").write_text("old\n")
    # the next write restores the old folder first, then replaces it
    write_atomically({"rates.csv": "new\n"}, target)
    assert snapshot(target) == {"rates.csv": b"new\n"}
    assert leftovers(tmp_path) == []


def test_an_interrupted_swap_survives_a_failed_write(tmp_path):
    target = tmp_path / "data" / "processed"
    old = tmp_path / "data" / ".processed-old-123"
    old.mkdir(parents=True)
    (old / "rates.csv").write_text("old\n")
    with pytest.raises(FileNotFoundError):
        write_atomically({"rates.csv": "new\n", "no/such/folder.csv": "x"}, target)
    assert snapshot(target) == {"rates.csv": b"old\n"}
    assert leftovers(tmp_path) == []


def test_a_stale_old_folder_beside_a_complete_one_is_dropped(tmp_path):
    target = tmp_path / "data" / "processed"
    target.mkdir(parents=True)
    (target / "rates.csv").write_text("current\n")
    stale = tmp_path / "data" / ".processed-old-999"
    stale.mkdir()
    (stale / "rates.csv").write_text("stale\n")
    write_atomically({"rates.csv": "new\n"}, target)
    assert snapshot(target) == {"rates.csv": b"new\n"}
    assert leftovers(tmp_path) == []


def test_the_written_folder_holds_exactly_the_tables(tmp_path):
    target = tmp_path / "data" / "processed"
    target.mkdir(parents=True)
    (target / "obsolete.csv").write_text("x\n")
    write_atomically({"a.csv": "1\n", "b.csv": "2\n"}, target)
    assert snapshot(target) == {"a.csv": b"1\n", "b.csv": b"2\n"}


def test_invalid_data_raises_and_writes_nothing(built):
    before = snapshot(built / "data" / "processed")
    claims = built / "data" / "raw" / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    row = "nine civilians,civilians_sumy_strike,killed,exact,9,9,9,"
    assert text.count(row) == 1
    claims.write_text(text.replace(row, row.replace(",9,9,9,", ",9,10,9,")), encoding="utf-8")
    with pytest.raises(InvalidData) as err:
        build(root=built)
    assert any(p.file.endswith("claims.csv") for p in err.value.problems)
    assert snapshot(built / "data" / "processed") == before
    assert leftovers(built) == []


# --- command line -------------------------------------------------------------------


def run_cli(*args: str, root: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("ANALYSIS_ROOT", None)
    if root is not None:
        env["ANALYSIS_ROOT"] = str(root)
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_build_into_another_root(project, tmp_path_factory):
    own = snapshot(REPO / "data" / "processed")
    result = run_cli("build", root=project)
    assert result.returncode == 0, result.stderr
    assert "wrote data/processed/rates.csv: 14 rows" in result.stdout
    expected = copy_corpus(TWO, tmp_path_factory.mktemp("in-process"))
    build(root=expected)
    assert snapshot(project / "data" / "processed") == snapshot(expected / "data" / "processed")
    # the project's own processed data was not touched
    assert snapshot(REPO / "data" / "processed") == own


def test_cli_dictionary_is_the_committed_document():
    result = run_cli("dictionary")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (REPO / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
