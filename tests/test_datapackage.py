"""The Frictionless Data Package: in step with the dictionary, valid on real files.

`frictionless validate` (the command line an outside user runs) must pass on
the shipped data/ with the committed datapackage.json, and on a fixture corpus
built in a temporary tree. The package must also refuse what the dictionary
refuses (a dangling reference, an unknown word, a missing required column, a
number that is not one), and frictionless must read the declared types
(numbers as floats, whole numbers as ints, booleans, dates).
"""

import csv
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.curation import dictionary
from analysis.derived.build import build
from analysis.export import datapackage
from tests.support.corpora import THREE, copy_corpus

REPO = Path(__file__).resolve().parent.parent
FRICTIONLESS = Path(sys.executable).parent / "frictionless"
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _frictionless_validate(package: Path) -> dict:
    """`frictionless validate --json` on a package file, its report."""
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", package.name],
        cwd=package.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert (result.returncode == 0) == report["valid"], result.stderr
    return report


def _errors(report: dict) -> list[str]:
    return [
        f"{task['name']}: {error['type']}: {error['message']}"
        for task in report["tasks"]
        for error in task["errors"]
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The three-article fixture corpus, built, with its datapackage.json."""
    root = copy_corpus(THREE, tmp_path_factory.mktemp("corpus"))
    build(root)
    datapackage.write(root)
    return root


def test_committed_package_is_in_step_with_the_dictionary():
    committed = (REPO / datapackage.FILE_NAME).read_text(encoding="utf-8")
    assert committed == datapackage.render(), (
        "datapackage.json is stale: run `python -m analysis export datapackage`"
    )


def test_every_dictionary_file_and_column_is_described():
    package = json.loads(datapackage.render())
    described = {
        r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]
    }
    documented = {
        dictionary.file_spec(n).path: dictionary.file_spec(n).column_names
        for n in dictionary.file_names()
    }
    assert described == documented


def test_shipped_data_is_valid():
    report = _frictionless_validate(REPO / datapackage.FILE_NAME)
    assert report["valid"], _errors(report)
    assert report["stats"]["tasks"] == len(dictionary.file_names())


def test_fixture_corpus_is_valid(built):
    report = _frictionless_validate(built / datapackage.FILE_NAME)
    assert report["valid"], _errors(report)
    assert report["stats"]["tasks"] == len(dictionary.file_names())


def _edit(path: Path, edit) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    edit(rows[0], rows[1:])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _set(column: str, value: str):
    def edit(header, rows):
        rows[0][header.index(column)] = value

    return edit


def _drop(column: str):
    def edit(header, rows):
        i = header.index(column)
        for row in [header, *rows]:
            del row[i]

    return edit


def test_package_refuses_what_the_dictionary_refuses(built, tmp_path):
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    raw, processed = tmp_path / "data" / "raw", tmp_path / "data" / "processed"
    _edit(processed / "estimates.csv", _set("claim_id", "zz-c99"))
    _edit(raw / "claims.csv", _set("qualifier", "roughly"))
    _edit(processed / "rates.csv", _set("low", "many"))
    _edit(raw / "subjects.csv", _drop("description"))
    _edit(raw / "articles.csv", _drop("notes"))  # optional: may be left out
    report = _frictionless_validate(tmp_path / datapackage.FILE_NAME)
    found = {(t["name"], e["type"]) for t in report["tasks"] for e in t["errors"]}
    assert found == {
        ("estimates", "foreign-key"),
        ("claims", "constraint-error"),
        ("rates", "type-error"),
        ("subjects", "missing-label"),
    }, _errors(report)


def test_frictionless_reads_the_declared_types(built):
    import frictionless  # slow to import: only this test needs it in-process

    package = frictionless.Package(str(built / datapackage.FILE_NAME))
    rows = package.get_resource("claims_resolved").read_rows()
    assert rows and all(isinstance(r["low"], float) for r in rows)
    assert all(isinstance(r["high_open"], bool) for r in rows)
    dated = [r for r in rows if r["as_of_earliest"] is not None]
    assert dated and all(isinstance(r["as_of_earliest"], datetime.date) for r in dated)
    estimates = package.get_resource("estimates").read_rows()
    assert all(isinstance(r["n_claims"], int) for r in estimates)


@pytest.mark.parametrize("where", ["shipped", "fixture"])
def test_numbers_are_written_without_exponent(built, where):
    root = REPO if where == "shipped" else built
    for name in dictionary.file_names():
        spec = dictionary.file_spec(name)
        numeric = [c.name for c in spec.columns if c.type in ("number", "integer")]
        with spec.resolve(root).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for column in numeric:
                    cell = row.get(column) or ""
                    assert not cell or PLAIN_NUMBER.fullmatch(cell), (spec.path, column, cell)


def test_cli_writes_the_package_at_the_root(built, tmp_path):
    env = {**os.environ, "ANALYSIS_ROOT": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "export", "datapackage"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    written = tmp_path / datapackage.FILE_NAME
    assert result.stdout == f"wrote {written}\n"
    assert written.read_text(encoding="utf-8") == datapackage.render()
