"""When a claim's count refers to: the start of its period, its as-of date, its duration.

Every count has an as-of interval: the earliest and latest day it can refer to.
It is the end of the count's period when the text gives one ("in just three
months" before publication ends at publication; "by 14 December" ends on
14 December), else the curated period_end, else the article's publication
interval (the count stands as of its article).

A flow (killed, displacements, launches) also has a start when the text or the
curation gives one: the start its phrase reads, the anchor event it counts
from, or the curated period_start. Its duration is the one the phrase states
("three months": 89 to 92 days) or, failing that, the span of the dates: from
the latest start to the earliest end (shortest) and from the earliest start to
the latest end (longest). A stock (deployed, remain displaced, area held) is a
count at a date: it has no period, and a duration its text gives ("for more
than two years") is the duration of the state, kept as such, never a period
of the count. A flow without a duration gets a note saying why it has no rate.
"""

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis.language import periods
from analysis.language.dates import DateInterval, parse_partial
from analysis.language.periods import Duration, Reading

NO_PERIOD = "no period: the text gives no time span for this count"
NO_START = "the start of the period is unknown: give period_start or an anchor event"
STOCK = "a stock: a count at a date has no rate (net changes are in series.csv)"
NOT_A_COUNT = "not a count of people or things: no rate"


@dataclass(frozen=True)
class Timing:
    """A claim's start, as-of date, duration, and why it has no rate (empty when it has one)."""

    start: DateInterval | None
    as_of: DateInterval
    as_of_basis: str
    duration: Duration | None
    duration_rule: str
    rate_note: str


def _intersect(a: DateInterval, b: DateInterval | None) -> DateInterval:
    """a narrowed to b where they overlap; a unchanged when they do not (the phrase wins).

    The curated period_start is the earliest day a period can start and period_end the
    latest it can end: curation narrows what a phrase allows, one bound each.
    """
    if b is None:
        return a
    first, last = max(a.earliest, b.earliest), min(a.latest, b.latest)
    if first > last:
        return a
    return DateInterval(first, last, "day" if first == last else "interval")


def _partial(text) -> DateInterval | None:
    return parse_partial(text) if isinstance(text, str) else None


def _reading(row, published: DateInterval, anchor: DateInterval | None) -> Reading | None:
    if not isinstance(row.period_text, str) or row.period_basis == "analyst":
        return None
    return periods.read_phrase(row.period_text, published, anchor)


def _as_of(row, reading, published: DateInterval) -> tuple[DateInterval, str]:
    end = _partial(row.period_end)
    if reading is not None:
        basis = f"end of the period read from {row.period_text!r} ({reading.rule})"
        latest = DateInterval(date.min, end.latest, "interval") if end else None
        return _intersect(reading.until, latest), basis
    if end is None:
        return published, "publication: the count as of its article"
    unread = (
        f"; {periods.NOT_UNDERSTOOD}: {row.period_text!r}"
        if isinstance(row.period_text, str) and row.period_basis != "analyst"
        else ""
    )
    if end.latest == published.latest and end.precision == "day":
        return published, "curated period_end: runs to publication" + unread
    return end, "curated period_end" + unread


def _start(row, reading, anchor, as_of: DateInterval) -> DateInterval | None:
    curated = _partial(row.period_start)
    earliest = DateInterval(curated.earliest, date.max, "interval") if curated else None
    if reading is not None and reading.start is not None:
        start = _intersect(reading.start, earliest)
    elif anchor is not None:
        start = _intersect(anchor, earliest)
    elif curated is not None and curated != _partial(row.period_end):
        start = curated
    else:
        return None
    return None if start.earliest > as_of.latest else start


def span_duration(start: DateInterval, end: DateInterval) -> Duration:
    """Shortest (latest start to earliest end) and longest (earliest start to latest end)."""
    low = max(1, (end.earliest - start.latest).days + 1)
    high = (end.latest - start.earliest).days + 1 if start.earliest > date.min else math.inf
    return Duration(low, math.nan, max(low, high))


def _duration(reading, start, as_of) -> tuple[Duration | None, str]:
    if reading is not None and reading.duration is not None:
        return reading.duration, f"stated: {reading.rule}"
    if start is not None:
        return span_duration(start, as_of), "from the dates: latest start to earliest end, and back"
    return None, ""


def claim_timing(row, count: str, published: DateInterval, anchor: DateInterval | None) -> Timing:
    """The timing of one curated claim row (a namedtuple of claims.csv)."""
    reading = _reading(row, published, anchor)
    as_of, basis = _as_of(row, reading, published)
    if count == "stock":
        duration, rule = _duration(reading, None, as_of)
        if duration is not None:
            rule = f"duration of the state, not a period of the count ({rule})"
        return Timing(None, as_of, basis, duration, rule, STOCK)
    start = _start(row, reading, anchor, as_of)
    duration, rule = _duration(reading, start, as_of)
    if count != "flow":
        return Timing(start, as_of, basis, duration, rule, NOT_A_COUNT)
    note = ""
    if duration is None:
        has_period = isinstance(row.period_text, str) or pd.notna(row.period_end)
        note = NO_START if has_period else NO_PERIOD
    return Timing(start, as_of, basis, duration, rule, note)
