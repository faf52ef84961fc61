"""Timeline: events with their date intervals, in order."""

import csv
from datetime import date

import pytest

from analysis.derived.timeline import TIMELINE_COLUMNS, build_timeline
from tests.support.corpora import TWO

RAW = TWO / "data" / "raw"  # the frozen two-article fixture corpus


@pytest.fixture(scope="module")
def timeline(corpus):
    return build_timeline(corpus).set_index("event_id", drop=False)


def test_one_row_per_event(timeline):
    with (RAW / "events.csv").open(encoding="utf-8", newline="") as f:
        ids = [r["event_id"] for r in csv.DictReader(f)]
    assert sorted(timeline["event_id"]) == sorted(ids)
    assert list(timeline.columns) == TIMELINE_COLUMNS


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
        "last <month> before publication: 2024-11-01 to 2024-11-30"
    )
    # 12 months before 2025-01-15, to 2025-02-28
    assert timeline.loc["ev-2024-treaty", "grammar_reading"].endswith("2024-01-15 to 2025-02-28")
    # 21 days before 2025-01-15
    assert timeline.loc["ev-2025-not-seen", "grammar_reading"].endswith("2024-12-25 to 2025-02-28")
    # no date_text, no reading
    assert timeline.loc["ev-2024-kursk-incursion", "grammar_reading"] == ""


def test_curated_dates_lie_within_their_reading(timeline):
    read = timeline[timeline["grammar_reading"] != ""]
    # every event with a date_text: 1961, 1992, 2014, February 2022, in recent months,
    # last November, for the past three weeks, recently
    assert len(read) == 8
    for _, row in read.iterrows():
        start, end = row["grammar_reading"].rsplit(": ", 1)[1].split(" to ")
        assert date.fromisoformat(start) <= row["earliest"]
        assert row["latest"] <= date.fromisoformat(end)
