"""Partial and imprecise dates as intervals: earliest day, latest day, precision.

"2024" is the whole year, "2024-11" the whole month, "2024-11-05" one day.
The format is the precision; an interval wider than its parts has precision
"interval".
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PARTIAL_RE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")


@dataclass(frozen=True)
class DateInterval:
    """The earliest and latest possible day of something, and how precise that is."""

    earliest: date
    latest: date
    precision: str

    @property
    def days(self) -> int:
        """Number of calendar days the interval spans, both ends included."""
        return (self.latest - self.earliest).days + 1


def parse_partial(text: str) -> DateInterval:
    """Read YYYY, YYYY-MM or YYYY-MM-DD as the interval of days it may mean.

    Raises ValueError with a message that says what is wrong.
    """
    m = _PARTIAL_RE.fullmatch(text)
    if not m:
        raise ValueError(f"not a date: {text!r} (write YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m["y"])
    if m["m"] is None:
        return DateInterval(date(year, 1, 1), date(year, 12, 31), "year")
    month = int(m["m"])
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist in {text!r}")
    last = calendar.monthrange(year, month)[1]
    if m["d"] is None:
        return DateInterval(date(year, month, 1), date(year, month, last), "month")
    day = int(m["d"])
    if not 1 <= day <= last:
        raise ValueError(f"day {day} does not exist in {year}-{month:02d}")
    return DateInterval(date(year, month, day), date(year, month, day), "day")


def span(start: str, end: str) -> DateInterval:
    """The interval from the earliest day of `start` to the latest day of `end`."""
    first, last = parse_partial(start), parse_partial(end)
    precision = first.precision if first == last else "interval"
    return DateInterval(first.earliest, last.latest, precision)
