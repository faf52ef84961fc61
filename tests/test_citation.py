"""CITATION.cff is valid Citation File Format 1.2.0 and names the package's version.

The schema is the CFF 1.2.0 JSON schema (tests/support/cff-schema-1.2.0.json,
from the citation-file-format project, CC BY 4.0), checked with jsonschema.
"""

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "tests" / "support" / "cff-schema-1.2.0.json").read_text())
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def _citation() -> dict:
    return yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_is_valid_cff_1_2_0():
    citation = _citation()
    assert citation["cff-version"] == "1.2.0"
    errors = [e.message for e in VALIDATOR.iter_errors(citation)]
    assert not errors, errors


def test_citation_version_is_the_package_version():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert _citation()["version"] == project["version"]


@pytest.mark.parametrize(
    "edit",
    [
        lambda c: c.pop("authors"),
        lambda c: c.update(license="MIT licence"),
        lambda c: c.update({"date-released": "3 December 2026"}),
    ],
)
def test_schema_refuses_a_broken_citation(edit):
    citation = _citation()
    edit(citation)
    assert list(VALIDATOR.iter_errors(citation))


def test_licences_are_present():
    assert (REPO / "LICENSE").read_text().startswith("MIT License")
    data = (REPO / "data" / "LICENSE").read_text()
    assert "CC BY 4.0" in data and "data/raw/articles/" in data
