"""The number grammar: what it reads, what it refuses, where it finds it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.language.numbers import find_mentions, same_number, values_in


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("1,000", 1_000, "digits"),
        ("11,000", 11_000, "digits"),
        ("1,234,567", 1_234_567, "digits"),
        ("1.2 million", 1_200_000, "digits"),
        ("7 million", 7_000_000, "digits"),
        ("3 billion", 3_000_000_000, "digits"),
        ("1000+", 1_000, "digits"),
        ("20%", 20, "digits"),
        ("20 %", 20, "digits"),
        ("nine", 9, "words"),
        ("Nine", 9, "words"),
        ("nineteen", 19, "words"),
        ("ninety", 90, "words"),
        ("twenty-one", 21, "words"),
        ("Twenty-One", 21, "words"),
        ("seven million", 7_000_000, "words"),
        ("thirty-three thousand", 33_000, "words"),
        ("half", 0.5, "fraction"),
        ("a third", 1 / 3, "fraction"),
        ("quarters", 0.25, "fraction"),
        ("a dozen", 12, "dozen"),
    ],
)
def test_reads_one_number(text, value, kind):
    (mention,) = find_mentions(text)
    assert same_number(mention.value, value)
    assert mention.kind == kind
    # the mention is the number itself, without the article in front of it
    assert mention.text == text.removeprefix("a ")


def test_approximately_half_reads_the_fraction_only():
    (mention,) = find_mentions("approximately half")
    assert (mention.text, mention.value) == ("half", 0.5)
    assert mention.start == len("approximately ")


@pytest.mark.parametrize(
    "text",
    ["v1.2.3", "ab12", "x1000", "several", "first", "twentieth", "dozens of", "some dozens"],
)
def test_does_not_read(text):
    assert find_mentions(text) == []
    assert values_in(text) == []


def test_words_inside_other_words_are_not_numbers():
    text = "Intervention, tensions and anyone alone often oneself."
    assert find_mentions(text) == []


def test_spans_point_at_the_text():
    text = "about 1,000 killed of some 11,000, and approximately half of seven million."
    mentions = find_mentions(text)
    assert [m.text for m in mentions] == ["1,000", "11,000", "half", "seven million"]
    expected_starts = [
        text.index("1,000"),
        text.index("11,000"),
        text.index("half"),
        text.index("seven million"),
    ]
    assert [m.start for m in mentions] == expected_starts
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [m.value for m in mentions] == [1_000, 11_000, 0.5, 7_000_000]


def test_sentence_punctuation_ends_a_number():
    assert [m.text for m in find_mentions("They lost 1,000.")] == ["1,000"]
    assert [m.text for m in find_mentions("(nine), 37; 81!")] == ["nine", "37", "81"]


def test_same_number_tolerates_float_rounding_only():
    assert same_number(0.1 + 0.2, 0.3)
    assert same_number(1.2 * 1_000_000, 1_200_000)
    assert not same_number(1_000, 1_001)
    assert not same_number(0.5, 0.6)


@given(st.integers(min_value=0, max_value=10**12))
def test_any_integer_with_thousands_separators(n):
    text = f"{n:,}"
    (mention,) = find_mentions(f"some {text} people")
    assert mention.text == text
    assert mention.value == n
    assert mention.start == len("some ")


# Every numeric mention of the shipped articles, counted by hand from the texts in
# data/raw/articles/ (words in other words, "several" and "first" are not numbers;
# "61 and 74" are two mentions; "eight-year-old" reads "eight").
A000_MENTIONS = [
    "three",  # for the past three weeks
    "three",  # divided into three branches
    "1.2 million",
    "7 million",
    "11,000",
    "1,000",
    "three",  # in just three months
    "one",  # not be a permanent one
    "1961",
    "1992",
    "2020",
    "two",  # the two countries
    "20%",
    "2019",
    "2022",  # since February 2022
    "2014",
    "2022",  # In 2022
    "13 million",
]
A004_MENTIONS = [
    "half",
    "12,000",
    "three",  # within just three months
    "half",  # around half
    "1000+",
    "nine",  # nine civilians
    "three",  # three elderly couples
    "19",
    "nine",  # nine bodies
    "13",
    "61",
    "74",
    "eight",  # eight-year-old
    "one",  # one of the victims
    "one",  # one of the most affected
    "37",
    "81",
    "one",  # one civilian
    "22",
    "eight",  # eight women
]


def test_fixture_articles_mentions(corpus):
    texts = corpus.texts
    assert sorted(texts) == ["a000", "a004"]
    found = {a: [m.text for m in find_mentions(t)] for a, t in texts.items()}
    assert found["a000"] == A000_MENTIONS
    assert found["a004"] == A004_MENTIONS
    assert sum(map(len, found.values())) == 38
