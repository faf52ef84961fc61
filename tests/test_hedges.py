"""The qualifier agrees with the hedge written next to the value."""

import pytest

from analysis.curation import dictionary, hedges
from analysis.language.numbers import find_mentions


def _at(text: str, number: str) -> dict[str, str]:
    (mention,) = [m for m in find_mentions(text) if m.text == number]
    return hedges.hedges_at(text, mention)


@pytest.mark.parametrize(
    ("text", "number", "qualifier"),
    [
        ("some 11,000", "11,000", "approximately"),
        ("Approximately half", "half", "approximately"),
        ("roughly 4,000", "4,000", "approximately"),
        ("1,000 or so", "1,000", "approximately"),
        ("at least 40", "40", "at_least"),
        ("1000+", "1000+", "at_least"),
        ("1,000 or more", "1,000", "at_least"),
        ("at least a quarter", "quarter", "at_least"),
        ("over 13 million", "13 million", "more_than"),
        ("More than 3,000", "3,000", "more_than"),
        ("nearly 1,000", "1,000", "at_most"),
        ("almost half", "half", "at_most"),
        ("fewer than 100", "100", "at_most"),
        ("up to 5,000", "5,000", "up_to"),
        ("as many as 5,000", "5,000", "up_to"),
        ("between 10,000", "10,000", "range"),
    ],
)
def test_hedge_words_next_to_the_number(text, number, qualifier):
    assert qualifier in _at(text, number)


def test_a_hedge_of_another_number_does_not_count():
    text = "at least a quarter of about 2 million"
    assert set(_at(text, "quarter")) == {"at_least"}
    assert set(_at(text, "2 million")) == {"approximately"}


def test_words_inside_other_words_are_not_hedges():
    assert _at("someone said 40", "40") == {}
    assert _at("the moveover 40", "40") == {}


@pytest.mark.parametrize(
    ("qualifier", "text", "number", "says"),
    [
        ("exact", "over 13 million", "13 million", "more_than"),
        ("exact", "some 11,000", "11,000", "approximately"),
        ("at_least", "over 13 million", "13 million", "more_than"),
        ("more_than", "1000+", "1000+", "at_least"),
        ("approximately", "nearly 1,000", "1,000", "at_most"),
        ("exact", "between 10,000", "10,000", "range"),
    ],
)
def test_a_qualifier_that_contradicts_its_hedge_is_refused(qualifier, text, number, says):
    mentions = [m for m in find_mentions(text) if m.text == number]
    message, hint = hedges.disagreement(qualifier, text, mentions)
    assert f"which is {says}" in message and f"set qualifier to {says}" in hint


@pytest.mark.parametrize(
    "qualifier", ["approximately", "at_least", "more_than", "at_most", "up_to"]
)
def test_a_hedged_qualifier_needs_its_words(qualifier):
    mentions = find_mentions("12,000")
    message, _ = hedges.disagreement(qualifier, "12,000", mentions)
    assert message == f"qualifier {qualifier} but '12,000' has none of its words next to the number"


@pytest.mark.parametrize(
    ("qualifier", "text"),
    [
        ("exact", "1,000 have been killed"),
        ("exact", "13 reported injuries"),
        ("range", "between 10,000 and 12,000"),
        ("range", "10,000 to 12,000"),
        ("approximately", "around 7 million"),
    ],
)
def test_agreeing_qualifiers_pass(qualifier, text):
    assert hedges.disagreement(qualifier, text, find_mentions(text)) == ("", "")


def test_nearly_and_almost_are_upper_bounds_in_the_dictionary():
    table = dictionary.hedges()
    assert {"nearly", "almost"} <= set(table["at_most"].before)
    assert not {"nearly", "almost"} & set(table["approximately"].before)


def test_only_the_hedge_of_the_value_counts():
    """ "over" before "three" (a period word) does not hedge 1,000."""
    text = "1,000 killed over three months"
    value = [m for m in find_mentions(text) if m.text == "1,000"]
    assert hedges.disagreement("exact", text, value) == ("", "")


def test_a_hedge_governs_a_list_joined_by_and():
    text = "At least 139 civilians were killed and 738 injured"
    value = [m for m in find_mentions(text) if m.text == "738"]
    assert hedges.disagreement("at_least", text, value) == ("", "")
    message, _ = hedges.disagreement("exact", text, value)
    assert "which is at_least" in message


def test_a_hedge_does_not_reach_past_a_number_not_in_the_list():
    text = "over 100 killed in three days, 300 injured"
    value = [m for m in find_mentions(text) if m.text == "300"]
    assert hedges.disagreement("exact", text, value) == ("", "")
