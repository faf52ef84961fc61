"""Partial dates as intervals of days."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.language.dates import DateInterval, parse_partial, span


def test_year():
    iv = parse_partial("2019")
    assert iv == DateInterval(date(2019, 1, 1), date(2019, 12, 31), "year")
    assert iv.days == 365
    assert parse_partial("2024").days == 366


def test_month():
    assert parse_partial("2024-11") == DateInterval(date(2024, 11, 1), date(2024, 11, 30), "month")
    assert parse_partial("2022-02").latest == date(2022, 2, 28)


@pytest.mark.parametrize(
    ("year", "days_in_february"),
    [(2023, 28), (2024, 29), (1900, 28), (2000, 29), (2100, 28)],
)
def test_leap_years(year, days_in_february):
    february = parse_partial(f"{year}-02")
    assert february.latest == date(year, 2, days_in_february)
    assert february.days == days_in_february


def test_day():
    assert parse_partial("2024-06-19") == DateInterval(date(2024, 6, 19), date(2024, 6, 19), "day")
    assert parse_partial("2024-02-29").days == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "month 13 does not exist in '2024-13'"),
        ("2024-00", "month 0 does not exist in '2024-00'"),
        ("2023-02-29", "day 29 does not exist in 2023-02"),
        ("2024-04-31", "day 31 does not exist in 2024-04"),
        ("2024-01-00", "day 0 does not exist in 2024-01"),
    ],
)
def test_impossible_month_or_day(text, message):
    with pytest.raises(ValueError) as err:
        parse_partial(text)
    assert str(err.value) == message


@pytest.mark.parametrize("text", ["24", "2024-1", "2024/01", "2024-01-1", " 2024", "Nov 2024", ""])
def test_not_a_date(text):
    with pytest.raises(ValueError, match="not a date.*YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_partial(text)


def test_span():
    assert span("2024-11", "2024-11") == parse_partial("2024-11")
    assert span("2019", "2019").precision == "year"
    iv = span("2024-11", "2025-02-28")
    assert iv == DateInterval(date(2024, 11, 1), date(2025, 2, 28), "interval")
    # 2022-02-01 .. 2025-02-28, both ends included
    assert span("2022-02", "2025-02-28").days == (date(2025, 3, 1) - date(2022, 2, 1)).days
    assert span("2025-01-15", "2025-02-28").days == 16 + 28 + 1


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 31)))
def test_any_day_month_and_year(day):
    assert parse_partial(day.isoformat()) == DateInterval(day, day, "day")
    month = parse_partial(day.isoformat()[:7])
    assert month.earliest == day.replace(day=1)
    # the day after the month's last day is in the next month
    assert month.latest.month == day.month
    assert (month.latest + timedelta(days=1)).month != day.month
    assert month.earliest <= day <= month.latest
    year = parse_partial(str(day.year))
    assert (year.earliest, year.latest) == (date(day.year, 1, 1), date(day.year, 12, 31))
