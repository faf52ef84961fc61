"""Formula-like text: one rule for data/raw, data/processed and the report.

The dictionary lists the cell starts a spreadsheet runs as formulas. The
validator refuses raw text cells that start with them, so data/processed
(written from validated data only) holds none, whatever the derived text; the
report neutralises its CSV copies with the same list.
"""

import csv
import io

import pytest

from analysis.curation import dictionary, schema
from analysis.curation.validate import validate
from analysis.derived import build
from analysis.report import outputs as run
from tests.support.corpora import THREE, TWO
from tests.support.synth import write_corpus


def test_the_report_and_the_validator_use_the_dictionary_list():
    assert set(run.FORMULA_START) == set(dictionary.formula_prefixes())
    assert set(schema.FORMULA_PREFIXES) | {"\t", "\r"} == set(dictionary.formula_prefixes())


@pytest.mark.parametrize(
    ("cell", "formula"),
    [
        ("=1+1", True),
        ("+National police", True),
        ("-2+3 hours", True),
        ("@SUM(A1)", True),
        ("-12", False),
        ("+5", True),
        ("12", False),
        ("Western officials", False),
        ("'=1", False),
    ],
)
def test_raw_rule_and_report_rule_agree(cell, formula):
    assert schema.is_formula(cell) is formula
    assert (run.neutralise(cell) != cell) is formula


def _cells(text: str):
    for row in csv.reader(io.StringIO(text)):
        yield from row


@pytest.fixture(scope="module", params=["two", "three", "synthetic"])
def tables(request, tmp_path_factory):
    if request.param == "synthetic":
        root = tmp_path_factory.mktemp("synth")
        write_corpus(root, 300, seed=3)
    else:
        root = TWO if request.param == "two" else THREE
    return build.build_tables(validate(root))


def test_no_processed_cell_starts_a_formula(tables):
    for name, frame in tables.items():
        for cell in _cells(build.to_csv_text(frame)):
            assert run.neutralise(cell) == cell, f"{name}: {cell[:60]!r}"
