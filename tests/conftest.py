"""Fixtures shared by the analysis-layer tests: the fixture corpora, validated once.

Tests of code use these frozen corpora under tests/corpora (see
tests/support/corpora.py), never the live data/raw.
"""

import pytest

from analysis.curation.validate import validate
from analysis.derived import datasets
from analysis.derived.claims import resolve_claims
from tests.support.corpora import THREE, TWO


@pytest.fixture(scope="session")
def corpus():
    """The two-article fixture corpus, validated (tests must not modify it)."""
    return validate(TWO)


@pytest.fixture(scope="session")
def resolved(corpus):
    """Every claim of the two-article fixture resolved with the default tolerance."""
    return resolve_claims(corpus)


@pytest.fixture(scope="session")
def three_corpus():
    """The three-article fixture corpus, validated."""
    return validate(THREE)


@pytest.fixture(scope="session")
def three_resolved(three_corpus):
    return resolve_claims(three_corpus)


@pytest.fixture
def tables():
    """The notebook tables of the two-article fixture (datasets.load on it)."""
    return datasets.load(root=TWO)


@pytest.fixture
def three_tables():
    """The notebook tables of the three-article fixture."""
    return datasets.load(root=THREE)
