"""The relative-date grammar, resolved against publication intervals."""

import calendar
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from analysis.language import periods
from analysis.language.dates import DateInterval
from analysis.language.periods import agrees, duration_of, month_span_days, read_phrase

# The shipped articles' publication interval (inferred): mid-January to end of February 2025.
JAN_FEB_2025 = DateInterval(date(2025, 1, 15), date(2025, 2, 28), "interval")
MEAN_MONTH = 365.2425 / 12  # days in the mean Gregorian month


def brute_force_month_spans(n: int) -> tuple[int, int]:
    """Fewest and most days from the 1st of a month to the 1st n months later, 2000-2399."""
    lengths = []
    for year in range(2000, 2400):
        for month in range(1, 13):
            end_year, end_month = divmod(year * 12 + month - 1 + n, 12)
            lengths.append((date(end_year, end_month + 1, 1) - date(year, month, 1)).days)
    return min(lengths), max(lengths)


def test_three_months_is_89_to_92_days():
    # Feb+Mar+Apr of a common year = 28+31+30 = 89; Jul+Aug+Sep = 31+31+30 = 92
    assert brute_force_month_spans(3) == (89, 92)
    assert month_span_days(3) == (89, 92)


@pytest.mark.parametrize("n", [1, 2, 3, 6, 12, 13, 24])
def test_month_spans_match_the_calendar(n):
    assert month_span_days(n) == brute_force_month_spans(n)


def test_month_spans_of_one_month_and_one_year():
    assert month_span_days(1) == (28, 31)
    assert month_span_days(12) == (365, 366)


@pytest.mark.parametrize(
    "phrase",
    ["in just three months", "In Just Three Months", "in  just\nthree months", "in 3 months"],
)
def test_in_just_three_months(phrase):
    reading = read_phrase(phrase, JAN_FEB_2025)
    # three months before the earliest publication day, to the latest
    assert reading.interval == DateInterval(date(2024, 10, 15), date(2025, 2, 28), "interval")
    assert (reading.duration.low, reading.duration.high) == (89, 92)
    assert reading.duration.best == pytest.approx(3 * MEAN_MONTH)
    assert reading.rule == "duration before publication"


def test_within_just_three_months_of_fighting():
    reading = read_phrase("within just three months of fighting", JAN_FEB_2025)
    assert reading.interval == DateInterval(date(2024, 10, 15), date(2025, 2, 28), "interval")
    assert (reading.duration.low, reading.duration.high) == (89, 92)


def test_for_the_past_three_weeks():
    reading = read_phrase("for the past three weeks", JAN_FEB_2025)
    # 2025-01-15 minus 21 days: 15 days back is 2024-12-31, 6 more is 2024-12-25
    assert reading.interval == DateInterval(date(2024, 12, 25), date(2025, 2, 28), "interval")
    assert (reading.duration.low, reading.duration.best, reading.duration.high) == (21, 21, 21)


def test_durations_in_days_and_years():
    days = read_phrase("over the last 10 days", JAN_FEB_2025)
    assert days.interval.earliest == date(2025, 1, 5)
    assert (days.duration.low, days.duration.high) == (10, 10)
    years = read_phrase("for the past two years", JAN_FEB_2025)
    assert years.interval.earliest == date(2023, 1, 15)
    # 24 consecutive months: two common years, or one of them leap
    assert (years.duration.low, years.duration.high) == (730, 731)
    assert years.duration.best == pytest.approx(2 * 365.2425)


def test_duration_of():
    assert duration_of(2, "week") == periods.Duration(14, 14, 14)
    assert duration_of(5, "Day") == periods.Duration(5, 5, 5)
    one = duration_of(1, "month")
    assert (one.low, one.high) == (28, 31)
    half = duration_of(0.5, "month")
    assert (half.low, half.high) == (14, 15.5)


@pytest.mark.parametrize("phrase", ["last November", "LAST NOVEMBER"])
def test_last_november_in_january_february_2025(phrase):
    reading = read_phrase(phrase, JAN_FEB_2025)
    assert reading.interval == DateInterval(date(2024, 11, 1), date(2024, 11, 30), "month")
    assert reading.duration is None


def test_last_november_in_december_2024():
    december = DateInterval(date(2024, 12, 1), date(2024, 12, 31), "month")
    reading = read_phrase("last November", december)
    assert reading.interval == DateInterval(date(2024, 11, 1), date(2024, 11, 30), "month")


def test_last_november_from_an_article_spanning_november_and_december():
    # written in November 2024, "last November" is November 2023; in December, November 2024
    spanning = DateInterval(date(2024, 11, 10), date(2024, 12, 20), "interval")
    reading = read_phrase("last November", spanning)
    assert reading.interval == DateInterval(date(2023, 11, 1), date(2024, 11, 30), "interval")


def test_in_recent_months():
    reading = read_phrase("in recent months", JAN_FEB_2025)
    assert reading.interval == DateInterval(date(2024, 1, 15), date(2025, 2, 28), "interval")
    assert reading.duration is None


@pytest.mark.parametrize("phrase", ["recently", "recent", "Recently"])
def test_recently(phrase):
    reading = read_phrase(phrase, JAN_FEB_2025)
    # 30 days before 2025-01-15: 14 days back is 2025-01-01, 16 more is 2024-12-16
    assert reading.interval == DateInterval(date(2024, 12, 16), date(2025, 2, 28), "interval")


@pytest.mark.parametrize("phrase", ["in 2019", "2019"])
def test_in_2019(phrase):
    reading = read_phrase(phrase, JAN_FEB_2025)
    assert reading.interval == DateInterval(date(2019, 1, 1), date(2019, 12, 31), "year")
    assert reading.duration is None
    assert reading.rule == "stated year"


def test_february_2022():
    reading = read_phrase("February 2022", JAN_FEB_2025)
    assert reading.interval == DateInterval(date(2022, 2, 1), date(2022, 2, 28), "month")
    assert reading.rule == "stated month"


@pytest.mark.parametrize(
    ("phrase", "start"),
    [("since February 2022", date(2022, 2, 1)), ("Since 2019", date(2019, 1, 1))],
)
def test_since_runs_on_to_publication(phrase, start):
    reading = read_phrase(phrase, JAN_FEB_2025)
    assert reading.interval == DateInterval(start, date(2025, 2, 28), "interval")
    assert reading.duration is None


@pytest.mark.parametrize(
    "phrase",
    [
        "due to the conflict",
        "several months",
        "in the coming months",
        "a few weeks ago",
        "Smarch 2022",
        "in just three months and a day",
        "on 31 February",
        "next week",
        "two weeks after they were first sent into combat",  # no anchor event given
        "since the invasion",  # no anchor event given
    ],
)
def test_unknown_phrase_is_none(phrase):
    assert read_phrase(phrase, JAN_FEB_2025) is None


# --- the table-driven corpus of phrases (tests/data/time_phrases.yaml) ---------------

PHRASES = yaml.safe_load((Path(__file__).parent / "data" / "time_phrases.yaml").read_text())


def _interval(value) -> DateInterval:
    if isinstance(value, date):
        return DateInterval(value, value, "day")
    return DateInterval(value[0], value[1], "interval")


def _bounds(interval: DateInterval | None):
    return None if interval is None else (interval.earliest, interval.latest)


def test_the_phrase_corpus_is_large_enough():
    assert len(PHRASES) >= 60


@pytest.mark.parametrize("case", PHRASES, ids=[f"{c['phrase']}@{c['published']}" for c in PHRASES])
def test_phrase_corpus(case):
    anchor = _interval(case["anchor"]) if "anchor" in case else None
    reading = read_phrase(case["phrase"], _interval(case["published"]), anchor)
    assert reading is not None, "phrase not understood"
    expected_start = tuple(case["start"]) if case["start"] else None
    assert _bounds(reading.start) == expected_start
    assert _bounds(reading.until) == tuple(case["end"])
    if "duration" in case:
        assert (reading.duration.low, reading.duration.high) == tuple(case["duration"])
    else:
        assert reading.duration is None
    # the envelope holds the start and the end
    assert reading.interval.latest == reading.until.latest
    if reading.start is not None:
        assert reading.interval.earliest == reading.start.earliest


def test_agrees():
    reading = DateInterval(date(2024, 10, 15), date(2025, 2, 28), "interval")
    inside = DateInterval(date(2024, 11, 1), date(2025, 1, 31), "interval")
    assert agrees(inside, reading)
    assert agrees(reading, reading)
    assert not agrees(DateInterval(date(2024, 10, 14), date(2025, 1, 1), "interval"), reading)
    assert not agrees(DateInterval(date(2024, 11, 1), date(2025, 3, 1), "interval"), reading)


# --- properties ---------------------------------------------------------------------

WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "twenty-one",
    "twenty-two",
    "twenty-three",
    "twenty-four",
]  # 1 .. 24


@st.composite
def publications(draw):
    earliest = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
    latest = earliest + timedelta(days=draw(st.integers(min_value=0, max_value=400)))
    return DateInterval(earliest, latest, "interval")


@given(
    publications(),
    st.integers(min_value=1, max_value=24),
    st.sampled_from(["day", "week", "month"]),
    st.booleans(),
    st.sampled_from(["for the past {} {}", "in just {} {}", "within {} {} of fighting"]),
)
def test_any_duration_before_publication(published, n, unit, in_words, template):
    number = WORDS[n - 1] if in_words else str(n)
    phrase = template.format(number, unit if n == 1 else unit + "s")
    reading = read_phrase(phrase, published)
    assert reading is not None, phrase
    assert reading.interval.latest == published.latest
    assert reading.interval.earliest < published.earliest
    d = reading.duration
    assert d.low <= d.best <= d.high
    gap = (published.earliest - reading.interval.earliest).days
    if unit == "month":
        # counted back on the calendar: n months earlier, same day or the month's last day
        e, p = reading.interval.earliest, published.earliest
        assert (p.year * 12 + p.month) - (e.year * 12 + e.month) == n
        assert e.day == min(p.day, calendar.monthrange(e.year, e.month)[1])
        assert d.low <= gap <= d.high
    else:
        days = n * (7 if unit == "week" else 1)
        assert gap == days
        assert d.low == d.best == d.high == days
