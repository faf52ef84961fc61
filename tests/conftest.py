"""Fixtures shared by the analysis-layer tests: the shipped corpus, validated once."""

import pytest

from analysis.curation.validate import validate
from analysis.derived.claims import resolve_claims


@pytest.fixture(scope="session")
def corpus():
    """The shipped corpus, validated (tests must not modify it)."""
    return validate()


@pytest.fixture(scope="session")
def resolved(corpus):
    """Every shipped claim resolved with the default tolerance."""
    return resolve_claims(corpus)
