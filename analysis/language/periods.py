"""Relative time phrases, resolved against an article's publication interval.

The grammar is small and documented; a phrase it does not know resolves to
nothing (the curated dates then stand alone). Phrases are matched
case-insensitively; "just", "the" and "of fighting" are ignored.

    [for|in|within] [the past|the last] N (day|week|month|year)s
        a duration of N units, ending by the publication date:
        from (earliest publication - N units) to the latest publication date
    last <Month>        the most recent such month before publication
    in recent months    the 12 months before publication
    recent, recently    the 30 days before publication
    in YYYY, YYYY       that calendar year (stated, not relative)
    <Month> YYYY        that calendar month (stated)
    since <Month> YYYY, since YYYY
                        from that month or year to the latest publication date

Durations of N months are the shortest and longest N consecutive calendar
months (3 months: 89 to 92 days); best is N x 30.436875 days (the mean month of
the Gregorian calendar). Weeks and days are exact.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from analysis.language.dates import DateInterval, parse_partial
from analysis.language.numbers import find_mentions

MEAN_MONTH_DAYS = 365.2425 / 12
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_UNIT = r"(?P<unit>day|week|month|year)s?"
_DURATION_RE = re.compile(
    r"(?:for|in|within|over)?\s*(?:just\s+)?(?:the\s+)?(?:past\s+|last\s+)?"
    rf"(?P<n>[\w,.-]+)\s+{_UNIT}(?:\s+of\s+\w+)?",
    re.IGNORECASE,
)
_LAST_MONTH_RE = re.compile(r"last\s+(?P<month>[A-Za-z]+)", re.IGNORECASE)
_STATED = r"(?:in\s+|(?P<since>since)\s+)?"
_MONTH_YEAR_RE = re.compile(rf"{_STATED}(?P<month>[A-Za-z]+)\s+(?P<year>\d{{4}})", re.I)
_YEAR_RE = re.compile(rf"{_STATED}(?P<year>\d{{4}})", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """How long something lasted, in days: shortest, best and longest reading."""

    low: float
    best: float
    high: float


@dataclass(frozen=True)
class Reading:
    """What a phrase says: the dates it allows and, if it states one, a duration."""

    interval: DateInterval
    duration: Duration | None
    rule: str


@cache
def month_span_days(n: int) -> tuple[int, int]:
    """Fewest and most days in n consecutive calendar months (over a 400-year cycle)."""
    lengths = [calendar.monthrange(2000 + y, m)[1] for y in range(400) for m in range(1, 13)]
    sums = [sum(lengths[i : i + n]) for i in range(len(lengths) - n)]
    return min(sums), max(sums)


def duration_of(n: float, unit: str) -> Duration:
    """The duration of n units, as a day interval."""
    unit = unit.lower()
    if unit == "day":
        return Duration(n, n, n)
    if unit == "week":
        return Duration(7 * n, 7 * n, 7 * n)
    if unit == "month":
        low, high = month_span_days(int(n)) if n == int(n) else (28 * n, 31 * n)
        return Duration(low, n * MEAN_MONTH_DAYS, high)
    low, high = month_span_days(int(12 * n))
    return Duration(low, n * 365.2425, high)


def _minus(day: date, n: float, unit: str) -> date:
    """The earliest date n units before `day` (months and years counted on the calendar)."""
    if unit in ("day", "week"):
        return day - timedelta(days=int(n * (7 if unit == "week" else 1)))
    months = int(n * (12 if unit == "year" else 1))
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _last_month(month: int, published: DateInterval) -> DateInterval:
    def before(day: date) -> date:
        year = day.year if month < day.month else day.year - 1
        return date(year, month, 1)

    first, last = before(published.earliest), before(published.latest)
    end = date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])
    return DateInterval(first, end, "month" if first == last else "interval")


def read_phrase(phrase: str, published: DateInterval) -> Reading | None:
    """Resolve a time phrase against the publication interval; None if not in the grammar."""
    text = " ".join(phrase.split())
    if m := _DURATION_RE.fullmatch(text):
        mentions = find_mentions(m["n"])
        if len(mentions) == 1 and mentions[0].text == m["n"]:
            n, unit = mentions[0].value, m["unit"].lower()
            start = _minus(published.earliest, n, unit)
            return Reading(
                DateInterval(start, published.latest, "interval"),
                duration_of(n, unit),
                "duration before publication",
            )
    if (m := _LAST_MONTH_RE.fullmatch(text)) and m["month"].lower() in MONTHS:
        return Reading(
            _last_month(MONTHS[m["month"].lower()], published),
            None,
            "last <month> before publication",
        )
    if re.fullmatch(r"in recent months", text, re.IGNORECASE):
        start = _minus(published.earliest, 12, "month")
        return Reading(
            DateInterval(start, published.latest, "interval"),
            None,
            "recent months: 12 months before publication",
        )
    if re.fullmatch(r"recent(?:ly)?", text, re.IGNORECASE):
        start = published.earliest - timedelta(days=30)
        return Reading(
            DateInterval(start, published.latest, "interval"),
            None,
            "recent: 30 days before publication",
        )
    if (m := _MONTH_YEAR_RE.fullmatch(text)) and m["month"].lower() in MONTHS:
        iso = f"{m['year']}-{MONTHS[m['month'].lower()]:02d}"
        return _stated(parse_partial(iso), "month", m["since"], published)
    if m := _YEAR_RE.fullmatch(text):
        return _stated(parse_partial(m["year"]), "year", m["since"], published)
    return None


def _stated(when: DateInterval, what: str, since: str | None, published: DateInterval) -> Reading:
    """A stated month or year; "since" it runs on to the latest publication date."""
    if since:
        return Reading(
            DateInterval(when.earliest, published.latest, "interval"),
            None,
            f"since a stated {what}: to the latest publication date",
        )
    return Reading(when, None, f"stated {what}")


def agrees(curated: DateInterval, reading: DateInterval) -> bool:
    """Curated dates agree with the grammar when they lie within its reading.

    Curation may be narrower than the phrase (it can use other sentences), but
    never outside it.
    """
    return reading.earliest <= curated.earliest and curated.latest <= reading.latest
