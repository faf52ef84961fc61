"""The validator against a corpus of malformed inputs.

Every case in tests/bad_input/cases.yaml makes one mistake in a copy of the
frozen fixture corpus tests/corpora/two_articles (never the live data/raw). For
each case `python -m analysis validate`, run in-process (fast), must exit 2
printing exactly the listed problems (file, line, column, message and hint),
and nothing may be written; a few representative cases also run the real
`python -m analysis` in a subprocess, for `validate` and `build`.
"""

import contextlib
import csv
import io
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from analysis import config
from analysis.curation.validate import load_corpus
from tests.support.corpora import TWO

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHIPPED = TWO / "data" / "raw"  # the frozen two-article fixture corpus
BAD_INPUT = TESTS / "bad_input"
CASE_LIST = yaml.safe_load((BAD_INPUT / "cases.yaml").read_text(encoding="utf-8"))
CASES = {case["id"]: case for case in CASE_LIST}
SENTINEL = b"kept,by\nthe,test\n"
BOM = b"\xef\xbb\xbf"

# Cases that also run the real CLI in a subprocess (over a second each): a problem of
# a whole file and one found by reading the article texts. test_cli_output_format_on_bad_data
# runs one more with cell and row problems.
SUBPROCESS_CASES = ("utf8-bom", "article-edited")


# --- building a bad copy of the corpus ------------------------------------------------


def _read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))


def _apply(root: Path, case_id: str, kind: str, edit: dict) -> None:
    path = root / "data" / "raw" / edit["file"]
    if kind == "fixture":
        shutil.copyfile(BAD_INPUT / case_id / edit["file"], path)
    elif kind == "replace":
        data, old = path.read_bytes(), edit["old"].encode("utf-8")
        assert data.count(old) == 1, f"{case_id}: {edit['old']!r} must occur once in {path.name}"
        path.write_bytes(data.replace(old, edit["new"].encode("utf-8")))
    elif kind in ("cell", "repeat"):
        rows = _read_rows(path)
        header, matches = rows[0], [r for r in rows[1:] if r and r[0] == edit["row"]]
        assert len(matches) == 1, f"{case_id}: no single row {edit['row']!r} in {path.name}"
        values = edit.get("values") or {edit["column"]: edit["text"] * edit["times"]}
        for column, value in values.items():
            assert isinstance(value, str), f"{case_id}: quote {value!r} in cases.yaml"
            matches[0][header.index(column)] = value
        _write_rows(path, rows)
    elif kind == "drop_column":
        rows = _read_rows(path)
        i = rows[0].index(edit["column"])
        _write_rows(path, [r[:i] + r[i + 1 :] for r in rows])
    elif kind == "add_column":
        rows = _read_rows(path)
        _write_rows(path, [rows[0] + [edit["column"]]] + [r + [edit["value"]] for r in rows[1:]])
    elif kind == "add_file":
        path.write_bytes(edit["text"].encode("utf-8"))
    elif kind == "remove":
        path.unlink()
    elif kind == "folder":
        if path.exists():
            path.unlink()
        path.mkdir()
    elif kind == "symlink":
        target = root / edit["target"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            shutil.move(path, target)
        else:
            target.write_text("text outside data/raw\n", encoding="utf-8")
        path.symlink_to(os.path.relpath(target, path.parent))
    else:
        raise ValueError(f"{case_id}: unknown edit {kind!r}")


def apply_case(root: Path, case_id: str) -> None:
    """Make the one mistake of a case in the corpus under root/data/raw."""
    ((kind, edits),) = CASES[case_id]["edit"].items()
    for edit in edits if isinstance(edits, list) else [edits]:
        _apply(root, case_id, kind, edit)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project tree with a copy of the shipped data/raw and a sentinel in data/processed."""
    shutil.copytree(SHIPPED, tmp_path / "data" / "raw", copy_function=shutil.copyfile)
    processed = tmp_path / "data" / "processed"
    processed.mkdir()
    (processed / "keep.csv").write_bytes(SENTINEL)
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def assert_nothing_written(root: Path, before: dict[str, bytes]) -> None:
    processed = root / "data" / "processed"
    assert {p.name: p.read_bytes() for p in processed.iterdir()} == {"keep.csv": SENTINEL}
    assert snapshot(root) == before


def matches(line: str, expected: str) -> bool:
    """A problem line is the expected one; expected ending in "..." gives only its start."""
    return line.startswith(expected[:-3]) if expected.endswith("...") else line == expected


def assert_problems(found: list[str], expected: list[str]) -> None:
    """found are whole problem lines, expected as in cases.yaml, in the same order."""
    report = "\n".join(found) or "(no problems)"
    assert len(found) == len(expected), f"expected {len(expected)} problem(s), got:\n{report}"
    for line, want in zip(found, expected, strict=True):
        assert matches(line, want), f"\ngot:      {line}\nexpected: {want}\nall:\n{report}"


def _line_key(expected: str) -> tuple[str, int]:
    file, line = re.match(r"(.+?):(\d+):", expected).groups()
    return file, int(line)


# --- the shipped corpus and the test machinery ----------------------------------------


def test_shipped_corpus_has_no_problems(project):
    assert load_corpus(project).problems == []


def test_cases_yaml_is_well_formed():
    assert len(CASES) == len(CASE_LIST) >= 120, (
        "case ids must be unique (and issue 12 asks for 120)"
    )
    for case_id, case in CASES.items():
        assert set(case) == {"id", "edit", "expect"}, case_id
        assert len(case["edit"]) == 1, f"{case_id}: one edit per case"
        assert case["expect"], case_id
        keys = [_line_key(e) for e in case["expect"]]
        assert keys == sorted(keys), f"{case_id}: list problems in report order"
    fixtures = {p.parent.name for p in BAD_INPUT.glob("*/*")}
    assert fixtures == {i for i, c in CASES.items() if "fixture" in c["edit"]}


def test_rewriting_a_shipped_file_keeps_its_bytes(tmp_path):
    """So a `cell` edit changes that cell and nothing else."""
    for path in SHIPPED.glob("*.csv"):
        _write_rows(tmp_path / path.name, _read_rows(path))
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_fixtures_are_the_shipped_file_with_one_change():
    """Byte-exact fixtures drift when data/raw changes: regenerate them as described here."""

    def fixture(case_id, name):
        return (BAD_INPUT / case_id / name).read_bytes(), (SHIPPED / name).read_bytes()

    bad, good = fixture("utf8-bom", "subjects.csv")
    assert bad == BOM + good
    bad, good = fixture("crlf-line-ends", "exclusions.csv")
    assert bad == good.replace(b"\n", b"\r\n")
    bad, good = fixture("latin1-byte", "exclusions.csv")
    assert bad == good.replace(b"The deceased", "The decéased".encode("latin-1"))
    bad, good = fixture("header-only", "claims.csv")
    assert bad == good.split(b"\n")[0] + b"\n"
    assert (BAD_INPUT / "empty-file" / "events.csv").read_bytes() == b""
    bad, good = fixture("article-text-not-utf8", "articles/004_9ba0baa6d0a4aec4.txt")
    assert bad == good.replace(b"Foreign Minister", "Fóreign Minister".encode("latin-1"))


# --- one mistake, exactly the expected problems -------------------------------------------


@pytest.mark.parametrize("case_id", CASES)
def test_bad_input_is_reported(project, case_id, monkeypatch, capsys):
    """`python -m analysis validate` in-process, pointed at the bad copy: exit 2, exactly
    the expected problems (load_corpus's, one per line), and nothing written."""
    from analysis.__main__ import main

    apply_case(project, case_id)
    before = snapshot(project)
    monkeypatch.setattr(config, "ROOT", project)
    with pytest.raises(SystemExit) as exit_info:
        main(["validate"])
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert_problems(lines[:-1], CASES[case_id]["expect"])
    assert lines[-1].endswith("nothing was written")
    assert_nothing_written(project, before)


def test_all_problems_in_one_pass_sorted_by_file_and_line(project):
    """Mistakes in several rows, files and the same number column all come out in one run."""
    combined = ("text-in-number", "impossible-day", "negative-count", "unknown-subject")
    for case_id in combined:
        apply_case(project, case_id)
    problems = load_corpus(project).problems
    assert problems == sorted(problems, key=lambda p: (p.file, p.line))
    expected = sorted((e for c in combined for e in CASES[c]["expect"]), key=_line_key)
    assert_problems([str(p) for p in problems], expected)
    assert [(p.file, p.line, p.column) for p in problems] == [
        ("data/raw/claims.csv", 2, "subject_id"),
        ("data/raw/claims.csv", 3, "best"),
        ("data/raw/claims.csv", 16, "best"),
        ("data/raw/events.csv", 7, "date_start"),
    ]


# --- the real command line ----------------------------------------------------------------


def run_cli(root: Path, command: str) -> subprocess.CompletedProcess:
    pythonpath = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "ANALYSIS_ROOT": str(root), "PYTHONPATH": pythonpath}
    return subprocess.run(
        [sys.executable, "-m", "analysis", command],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@cache
def cli_commands() -> frozenset[str]:
    """The sub-commands `python -m analysis --help` lists (its usage line's choices)."""
    from analysis.__main__ import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main(["--help"])
    return frozenset(re.search(r"\{([\w,-]+)\}", out.getvalue()).group(1).split(","))


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("case_id", SUBPROCESS_CASES)
def test_cli_subprocess_exits_2_and_writes_nothing(project, case_id, command):
    if command not in cli_commands():
        pytest.skip(f"`python -m analysis {command}` does not exist yet")
    apply_case(project, case_id)
    before = snapshot(project)
    result = run_cli(project, command)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    for want in CASES[case_id]["expect"]:
        assert any(matches(line, want) for line in lines), f"{want}\nnot in:\n{result.stderr}"
    assert_nothing_written(project, before)


def test_cli_output_format_on_bad_data(project):
    for case_id in ("negative-count", "text-in-number", "value-not-readable"):
        apply_case(project, case_id)
    before = snapshot(project)
    result = run_cli(project, "validate")
    assert result.returncode == 2
    assert result.stdout == ""
    *problems, summary = result.stderr.splitlines()
    assert len(problems) == 3
    for line in problems:
        assert re.match(r"^data/raw/claims.csv:\d+: \w+: .+", line), line
    assert summary == "invalid data: 3 problem(s) in 1 file(s); nothing was written"
    assert_nothing_written(project, before)


def test_cli_accepts_the_good_corpus(project):
    before = snapshot(project)
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("valid:")
    assert result.stderr == ""
    assert_nothing_written(project, before)
