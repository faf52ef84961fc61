"""Date expressions as reporting writes them, resolved on one reference day.

`resolve(words, today)` gives the interval of days the words mean when written
on `today` ("Monday", "14 December", "late January", "last summer", "mid-2024"),
or None when they are not a date expression of this grammar. A relative
expression points back from `today`: "Monday" is the most recent Monday on or
before it, "14 December" the most recent 14 December, "last November" the most
recent November of an earlier month. Nothing ends after `today`: an article
cannot report what has not happened yet.

Conventions (documented in the README and the data dictionary):
    early / mid / late <month>      days 1-10 / 11-20 / 21-end
    the beginning / end of <month>  as early / late
    early / mid / late <year>       January-April / May-August / September-December
    seasons (northern)              spring Mar-May, summer Jun-Aug, autumn (fall) Sep-Nov,
                                    winter Dec-Feb (the winter of 2024 starts in December 2024)
    the weekend                     the most recent Saturday and Sunday
    this week / last week           Monday to Sunday
"""

import calendar
import re
from datetime import date, timedelta

from analysis.language.dates import DateInterval

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
PART_OF_MONTH = {
    "early": (1, 10),
    "beginning": (1, 10),
    "start": (1, 10),
    "mid": (11, 20),
    "middle": (11, 20),
    "late": (21, 31),
    "end": (21, 31),
}
PART_OF_YEAR = {
    "early": (1, 4),
    "beginning": (1, 4),
    "start": (1, 4),
    "mid": (5, 8),
    "middle": (5, 8),
    "late": (9, 12),
    "end": (9, 12),
    "first half": (1, 6),
    "second half": (7, 12),
}

_M = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_Y = r"(?P<year>\d{4})"
_D = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_PART = r"(?P<part>early|mid|late|beginning|start|middle|end)"
_WD = "(?P<weekday>" + "|".join(WEEKDAYS) + ")"
_SEASON = "(?P<season>" + "|".join(SEASONS) + ")"


def month_interval(year: int, month: int) -> DateInterval:
    last = calendar.monthrange(year, month)[1]
    return DateInterval(date(year, month, 1), date(year, month, last), "month")


def year_interval(year: int) -> DateInterval:
    return DateInterval(date(year, 1, 1), date(year, 12, 31), "year")


def _days(first: date, last: date) -> DateInterval:
    return DateInterval(first, last, "day" if first == last else "interval")


def _months(year: int, first: int, last: int) -> DateInterval:
    end = calendar.monthrange(year, last)[1]
    return DateInterval(date(year, first, 1), date(year, last, end), "interval")


def recent_month(month: int, today: date, strictly: bool = False) -> int:
    """Year of the most recent `month` on or before today's month (before it, if strictly)."""
    if month < today.month or (month == today.month and not strictly):
        return today.year
    return today.year - 1


def recent_weekday(weekday: int, today: date, strictly: bool = False) -> date:
    """The most recent such weekday on or before today (before it, if strictly)."""
    back = (today.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return today - timedelta(days=back)


def _cap(interval: DateInterval, today: date) -> DateInterval | None:
    """The interval cut at today; None when it starts after today."""
    if interval.earliest > today:
        return None
    if interval.latest <= today:
        return interval
    return DateInterval(interval.earliest, today, "interval")


def _part_of_month(part: str, year: int, month: int) -> DateInterval:
    first, last = PART_OF_MONTH[part]
    last = min(last, calendar.monthrange(year, month)[1])
    return DateInterval(date(year, month, first), date(year, month, last), "interval")


def season_interval(season: str, year: int) -> DateInterval:
    """The meteorological season of `year` (winter runs into the next year)."""
    first = SEASONS[season]
    end_year, end_month = divmod(year * 12 + first - 1 + 2, 12)
    end_month += 1
    last = calendar.monthrange(end_year, end_month)[1]
    return DateInterval(date(year, first, 1), date(end_year, end_month, last), "interval")


def _recent_season(season: str, today: date, strictly: bool) -> DateInterval:
    """The most recent season that has started by today (that has ended, if strictly)."""
    for year in (today.year, today.year - 1, today.year - 2):
        span = season_interval(season, year)
        if (span.latest < today) if strictly else (span.earliest <= today):
            return span
    raise AssertionError("a season recurs every year")


def _relative_words(text: str, today: date) -> DateInterval | None:
    """today, yesterday, this week, last month, earlier this year, the weekend..."""
    one_day = timedelta(days=1)
    fixed = {
        "today": (today, today),
        "this morning": (today, today),
        "this afternoon": (today, today),
        "this evening": (today, today),
        "tonight": (today, today),
        "yesterday": (today - one_day, today - one_day),
        "overnight": (today - one_day, today),
        "this week": (today - timedelta(days=today.weekday()), today),
        "this month": (today.replace(day=1), today),
        "earlier this month": (today.replace(day=1), today),
        "this year": (date(today.year, 1, 1), today),
        "earlier this year": (date(today.year, 1, 1), today),
    }
    if text in fixed:
        return _days(*fixed[text])
    if text == "last week":
        monday = today - timedelta(days=today.weekday() + 7)
        return _days(monday, monday + timedelta(days=6))
    if text == "last month":
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        return month_interval(year, month)
    if text == "last year":
        return year_interval(today.year - 1)
    if text in ("the weekend", "weekend", "last weekend", "this weekend"):
        saturday = recent_weekday(5, today)
        return _days(saturday, min(saturday + one_day, today))
    return None


def _calendar_words(text: str, today: date) -> DateInterval | None:
    """Months, days, parts of months and years, seasons and weekdays."""
    if m := re.fullmatch(rf"(?:(?P<last>last|this)\s+)?{_WD}", text):
        day = recent_weekday(WEEKDAYS[m["weekday"]], today, strictly=m["last"] == "last")
        return _days(day, day)
    m = re.fullmatch(rf"{_D}\s+(?:of\s+)?{_M}(?:,?\s+{_Y})?", text) or re.fullmatch(
        rf"{_M}\s+{_D}(?:,?\s+{_Y})?", text
    )
    if m:
        month, day = MONTHS[m["month"]], int(m["day"])
        year = int(m["year"]) if m["year"] else None
        if year is None:
            year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
        if day > calendar.monthrange(year, month)[1]:
            return None
        return _days(date(year, month, day), date(year, month, day))
    if m := re.fullmatch(rf"(?:(?P<last>last|this)\s+)?{_M}(?:\s+(?:of\s+)?{_Y})?", text):
        month = MONTHS[m["month"]]
        year = int(m["year"]) if m["year"] else recent_month(month, today, m["last"] == "last")
        return month_interval(year, month)
    if m := re.fullmatch(rf"(?:(?:the\s+)?{_PART}(?:\s+of|-|\s+)\s*){_M}(?:\s+{_Y})?", text):
        month = MONTHS[m["month"]]
        year = int(m["year"]) if m["year"] else recent_month(month, today)
        return _part_of_month(m["part"], year, month)
    part_of_year = r"(?P<ypart>early|mid|late|beginning|start|middle|end|first half|second half)"
    if m := re.fullmatch(rf"(?:the\s+)?{part_of_year}(?:\s+of|-|\s+)\s*(?:{_Y}|the year)", text):
        year = int(m["year"]) if m["year"] else today.year
        return _months(year, *PART_OF_YEAR[m["ypart"]])
    if m := re.fullmatch(
        rf"(?:(?P<last>last|this)\s+)?(?:the\s+)?{_SEASON}(?:\s+(?:of\s+)?{_Y})?", text
    ):
        if m["year"]:
            return season_interval(m["season"], int(m["year"]))
        return _recent_season(m["season"], today, strictly=m["last"] == "last")
    if m := re.fullmatch(_Y, text):
        return year_interval(int(m["year"]))
    return None


def resolve(words: str, today: date) -> DateInterval | None:
    """The days `words` mean when written on `today`, cut at today; None if not understood."""
    text = " ".join(words.lower().replace("’", "'").split())
    text = re.sub(r"^(?:on|in|at|during|over|of)\s+", "", text)
    found = _relative_words(text, today) or _calendar_words(text, today)
    return _cap(found, today) if found else None


def stated(words: str) -> bool:
    """True when the words carry their own year ("March 2022", "2019"): not relative."""
    return bool(re.search(r"\b\d{4}\b", words))
