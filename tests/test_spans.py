"""Curated words placed in their texts as whole words and whole numbers."""

import shutil

import pytest

from analysis.curation import audit, spans
from analysis.curation.validate import load_corpus
from tests.support.corpora import TWO

QUOTE = (
    "According to Western officials, out of some 11,000 troops sent from North Korea "
    "to fight for Russia, 1,000 have been killed in just three months."
)


def test_a_number_inside_a_larger_one_is_not_an_occurrence():
    placement = spans.locate(QUOTE, "1,000")
    assert placement.starts == (QUOTE.index("1,000 have"),)


@pytest.mark.parametrize(
    ("text", "part", "cut"),
    [
        ("half of the 12,000 soldiers", "2,000", "the number '12,000'"),
        ("alongside 13 reported injuries", "3 reported", "the number '13'"),
        ("approximately 1.2 million active", "1.2", "the number '1.2 million'"),
        ("half of the 1000+ square kilometers", "1000", "the number '1000+'"),
        ("increased by 20% in 2019", "20", "the numbers '20%' and '2019'"),
        ("some 40 per cent of them", "40", "the number '40 per cent'"),
        ("divided into three branches", "hree", "the number 'three'"),
        ("in just three months", "in just three mon", "the word 'months'"),
        ("National police confirmed", "ational police", "the word 'National'"),
    ],
)
def test_a_cut_word_or_number_is_named(text, part, cut):
    placement = spans.locate(text, part)
    assert placement.found and placement.starts == ()
    assert placement.cut == cut


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("the ages of 61 and 74", "61 and 74"),
        ("the eight-year-old daughter", "eight-year-old"),
        ("nine bodies from the ruins", "nine bodies"),
        ("(nine), 37; 81!", "37"),
        ("Russia’s Investigative Committee", "Russia"),
    ],
)
def test_whole_words_are_placed(text, part):
    assert spans.locate(text, part).starts == (text.index(part),)


def test_overlapping_occurrences_are_all_counted():
    assert spans.locate("nine nine nine", "nine nine").starts == (0, 5)


def test_absent_words_are_not_found():
    placement = spans.locate(QUOTE, "2,000")
    assert not placement.found and placement.starts == () and placement.cuts == ()


def test_the_audit_places_words_where_the_validator_does(tmp_path):
    """value_text "1,000" covers the 1,000 that stands alone, not the end of 11,000."""
    shutil.copytree(TWO / "data", tmp_path / "data")
    corpus = load_corpus(tmp_path)
    assert corpus.problems == []
    text = corpus.texts["a000"]
    covered = {(s, e) for s, e, i in audit.curated_spans(corpus)["a000"] if i == "a000-c04"}
    start = text.index("1,000 have been killed")
    assert (start, start + len("1,000 have been killed")) in covered
    table = audit.audit(corpus)
    row = table[(table["article_id"] == "a000") & (table["mention"] == "11,000")].iloc[0]
    assert row["accounted_by"] == "a000-c03"  # not a000-c04


def test_a_quote_with_accents_encoded_otherwise_gets_a_hint():
    from analysis.curation.quotes import _quote_hint

    composed, decomposed = "The caf\u00e9 was hit", "The cafe\u0301 was hit"
    assert _quote_hint(decomposed, f"Sadly, {composed}.").startswith(
        "it differs from the article only in how accented letters are encoded"
    )
