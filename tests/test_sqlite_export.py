"""The SQLite export and Datasette on it.

The database is exported from the three-article fixture corpus (in-process,
once) and checked against the fixture's own files: every table of the
dictionary with its rows, typed columns, keys whose references all resolve, and
full-text search that finds "Western officials". Then the real commands run in
subprocesses: `export sqlite` refuses invalid data without touching an earlier
database, and `browse` serves the database with Datasette on a free port of
127.0.0.1; the claims table comes back as JSON, and stopping the server leaves
no process behind.
"""

import csv
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from analysis.curation import dictionary
from analysis.curation.validate import validate
from analysis.derived.build import build_tables
from analysis.export import sqlite
from tests.support.corpora import THREE, copy_corpus

REPO = Path(__file__).resolve().parent.parent
RAW = THREE / "data" / "raw"
SERVER_START_S = 60
DECLARED = {"number": "REAL", "integer": "INTEGER", "boolean": "INTEGER"}


def _raw_rows(name: str) -> list[dict]:
    with (RAW / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("sqlite") / "figures.sqlite"
    sqlite.export(validate(THREE), path)
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    yield db
    db.close()


def test_every_table_with_its_rows(database):
    tables = {r[0] for r in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(dictionary.file_names()) <= tables
    built = {name.removesuffix(".csv"): len(f) for name, f in build_tables(validate(THREE)).items()}
    for name in dictionary.file_names():
        spec = dictionary.file_spec(name)
        expected = len(_raw_rows(name)) if spec.kind == "raw" else built[name]
        (count,) = database.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        assert count == expected, name


def test_typed_columns_and_keys(database):
    for name in dictionary.file_names():
        spec = dictionary.file_spec(name)
        info = {r["name"]: r for r in database.execute(f'PRAGMA table_info("{name}")')}
        assert list(info) == spec.column_names
        for column in spec.columns:
            assert info[column.name]["type"] == DECLARED.get(column.type, "TEXT"), (name, column)
            assert bool(info[column.name]["notnull"]) == column.required, (name, column)
        assert [c for c, r in info.items() if r["pk"]] == spec.key_columns
        refs = {
            (r["from"], f"{r['table']}.{r['to']}")
            for r in database.execute(f'PRAGMA foreign_key_list("{name}")')
        }
        assert refs == {(c.name, c.ref) for c in spec.columns if c.ref}
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []


def test_values_are_typed(database):
    claims = {r["claim_id"]: r for r in _raw_rows("claims")}
    for row in database.execute("SELECT claim_id, best, fraction FROM claims"):
        raw = claims[row["claim_id"]]
        assert row["best"] == (float(raw["best"]) if raw["best"] else None)
        assert row["fraction"] == (float(raw["fraction"]) if raw["fraction"] else None)
    kinds = database.execute(
        "SELECT DISTINCT typeof(low), typeof(high_open) FROM claims_resolved"
    ).fetchall()
    assert [tuple(k) for k in kinds] == [("real", "integer")]
    assert {r[0] for r in database.execute("SELECT from_party FROM claims_resolved")} == {0, 1}


def test_search_finds_western_officials(database):
    expected = {
        r["claim_id"]
        for r in _raw_rows("claims")
        if "Western officials" in " ".join((r["quote"], r["claimant"], r["relayed_by"]))
    }
    assert expected
    found = database.execute(
        "SELECT claim_id, claimant FROM claims_resolved WHERE rowid IN "
        "(SELECT rowid FROM claims_resolved_fts WHERE claims_resolved_fts MATCH ?)",
        ['"Western officials"'],
    ).fetchall()
    assert {r["claim_id"] for r in found} == expected


def test_search_covers_subjects(database):
    subjects = {r["subject_id"]: r["label"] for r in _raw_rows("subjects")}
    word = subjects["nk_troops_in_russia"].split()[0]  # "North"
    found = database.execute(
        "SELECT DISTINCT subject_id FROM claims_resolved WHERE rowid IN "
        "(SELECT rowid FROM claims_resolved_fts WHERE claims_resolved_fts MATCH ?)",
        [f"subject:{word}"],
    ).fetchall()
    claimed = {r["subject_id"] for r in _raw_rows("claims")}
    expected = {s for s in claimed if word in re.findall(r"\w+", subjects[s])}
    assert expected and {r[0] for r in found} == expected


def _run(args: list[str], root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=REPO,
        env={**os.environ, "ANALYSIS_ROOT": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_invalid_data_leaves_an_earlier_database_alone(tmp_path):
    root = copy_corpus(THREE, tmp_path / "project")
    output = tmp_path / "out" / "figures.sqlite"
    first = _run(["export", "sqlite", "--output", str(output)], root)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"wrote {output}\n"
    before = output.read_bytes()
    claims = root / "data" / "raw" / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",exact,", ",exactly,", 1))
    second = _run(["export", "sqlite", "--output", str(output)], root)
    assert second.returncode == 2
    assert "data/raw/claims.csv:" in second.stderr and "unknown qualifier" in second.stderr
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["figures.sqlite"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session_members(sid: int) -> list[int]:
    """Processes of a session (Linux /proc), the leader included while it lives."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_datasette_serves_the_claims_table(tmp_path):
    root = copy_corpus(THREE, tmp_path / "project")
    output, port = tmp_path / "figures.sqlite", _free_port()
    log = tmp_path / "datasette.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "analysis", "browse", "--port", str(port)]
            + ["--output", str(output)],
            cwd=REPO,
            env={**os.environ, "ANALYSIS_ROOT": str(root)},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}/figures"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            assert process.poll() is None, log.read_text(errors="replace")
            try:
                rows = _get_json(f"{base}/claims.json?_shape=array&_size=max")
                break
            except (urllib.error.URLError, OSError):
                assert time.monotonic() < deadline, log.read_text(errors="replace")
                time.sleep(0.25)
        assert sorted(r["claim_id"] for r in rows) == sorted(
            r["claim_id"] for r in _raw_rows("claims")
        )
        found = _get_json(f"{base}/claims_resolved.json?_search=Western+officials&_shape=array")
        assert found and {r["claimant"] for r in found} == {"Western officials"}
        meta = _get_json(f"http://127.0.0.1:{port}/-/metadata.json")
        assert meta["license"] == dictionary.package()["licenses"][0]["name"]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    assert _session_members(process.pid) == []
