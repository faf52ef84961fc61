"""Timeline: events with their date intervals, in order; one event told twice is one row."""

import csv
from datetime import date

import pytest

from analysis.derived.timeline import TIMELINE_COLUMNS, build_timeline
from tests.support.corpora import TWO

RAW = TWO / "data" / "raw"  # the frozen two-article fixture corpus


@pytest.fixture(scope="module")
def timeline(corpus):
    return build_timeline(corpus).set_index("event_id", drop=False)


@pytest.fixture(scope="module")
def three(three_corpus):
    return build_timeline(three_corpus).set_index("label", drop=False)


def test_one_row_per_event(timeline):
    with (RAW / "events.csv").open(encoding="utf-8", newline="") as f:
        ids = [r["event_id"] for r in csv.DictReader(f)]
    assert sorted(timeline["event_id"]) == sorted(ids)  # no label is told twice here
    assert list(timeline.columns) == TIMELINE_COLUMNS
    assert set(timeline["tellings"]) == {1}


def test_sorted_by_earliest_then_id(timeline):
    keys = list(zip(timeline["earliest"], timeline["event_id"], strict=True))
    assert keys == sorted(keys)
    assert timeline["event_id"].iloc[0] == "ev-1961-treaty"


def test_1961_spans_the_whole_year(timeline):
    row = timeline.loc["ev-1961-treaty"]
    assert (row["earliest"], row["latest"]) == (date(1961, 1, 1), date(1961, 12, 31))
    assert row["precision"] == "year"
    assert row["days"] == 365
    assert timeline.loc["ev-1992-reaffirmed", "days"] == 366  # a leap year


def test_days_are_inclusive(timeline):
    for _, row in timeline.iterrows():
        assert row["days"] == (row["latest"] - row["earliest"]).days + 1


def test_precision(timeline):
    assert timeline.loc["ev-2022-invasion", "precision"] == "month"
    assert timeline.loc["ev-2024-treaty", "precision"] == "day"
    assert timeline.loc["ev-2025-not-seen", "precision"] == "interval"


def test_grammar_readings(timeline):
    assert timeline.loc["ev-2024-nk-deployment", "grammar_reading"] == (
        "a date relative to publication: 2024-11-01 to 2024-11-30"
    )
    # 12 months before 2025-01-15, to 2025-02-28
    assert timeline.loc["ev-2024-treaty", "grammar_reading"].endswith("2024-01-15 to 2025-02-28")
    # ends at publication (15 January to 28 February 2025)
    assert timeline.loc["ev-2025-not-seen", "grammar_reading"].endswith("2025-01-15 to 2025-02-28")
    # no date_text, no reading
    assert timeline.loc["ev-2024-kursk-incursion", "grammar_reading"] == ""


def test_one_event_told_by_two_articles_is_one_row(three):
    # a000 dates the invasion "February 2022"; a101 "February will mark three years since"
    invasion = three.loc["Russia's full-scale invasion"]
    assert invasion["tellings"] == 2
    assert invasion["article_ids"] == "a000;a101"
    assert invasion["event_ids"] == "ev-2022-invasion;ev-a101-invasion"
    assert (invasion["earliest"], invasion["latest"]) == (date(2022, 2, 1), date(2022, 2, 28))
    assert list(three["label"]).count("Russia's full-scale invasion") == 1


def test_tellings_narrow_each_other(three):
    # the analyst's 6 August 2024 (a000) lies in a101's "in August": the row is that day
    incursion = three.loc["Ukraine's Kursk incursion begins"]
    assert (incursion["earliest"], incursion["latest"]) == (date(2024, 8, 6), date(2024, 8, 6))
    assert incursion["event_id"] == "ev-2024-kursk-incursion"
    assert incursion["date_basis"] == "analyst"


def test_an_anchored_phrase_is_read_from_its_event(three):
    briefing = three.loc["NIS briefing on the first losses"]
    assert briefing["grammar_reading"] == ("N after the anchor event: 2024-12-05 to 2024-12-14")


def test_a_phrase_outside_the_grammar_says_so(tmp_path):
    from analysis.curation.validate import validate
    from tests.support.corpora import copy_corpus

    project = copy_corpus(TWO, tmp_path)
    events = project / "data" / "raw" / "events.csv"
    text = events.read_text(encoding="utf-8")
    old = "which was later reaffirmed by Russia in 1992,1992,"
    assert text.count(old) == 1
    events.write_text(text.replace(old, "which was later reaffirmed by Russia in 1992,by Russia,"))
    table = build_timeline(validate(project)).set_index("event_id")
    assert table.loc["ev-1992-reaffirmed", "grammar_reading"] == (
        "phrase not understood; the curated dates are kept"
    )
    assert table.loc["ev-1992-reaffirmed", "earliest"] == date(1992, 1, 1)
