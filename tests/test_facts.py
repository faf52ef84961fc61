"""The stale-prose check finds the facts of a corpus written by hand, and only those."""

import pytest

from tests.support.facts import corpus_facts, stated


@pytest.fixture(scope="module")
def facts(three_corpus):
    return corpus_facts(three_corpus)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Two articles report the fate of the troops.", ["Two articles"]),
        ("Neither article states its publication date.", ["Neither article"]),
        ("The two sources agree on some 11,000 troops.", ["11,000"]),
        ("According to Western officials, it was a disaster.", ["Western officials"]),
        ("The troops arrived in November 2024.", ["2024", "November 2024"]),
        ("An alliance from 1961.", ["1961"]),
        ("Article a101 says so.", ["a101"]),
    ],
)
def test_facts_written_by_hand_are_found(facts, text, found):
    assert stated(text, facts) == found


@pytest.mark.parametrize(
    "text",
    [
        "Three months is 89 to 92 days: the shortest and longest three calendar months.",
        "The bar is the interval that follows from the qualifier ('some N').",
        "Killed and casualties are different measures and are never merged.",
        "A tolerance of 10% either side.",
    ],
)
def test_method_prose_passes(facts, text):
    assert stated(text, facts) == []
