"""Time phrases in a sentence, read through the period grammar (analysis.language.periods).

Candidates are found by a small pattern ("in just three months", "last
November", "since February 2022", "in 2019", "recently", "on Wednesday") and
kept only when the grammar reads them: the drafted dates then agree with the
validator's consistency check by construction. The grammar is the single
reader of relative dates; the one fallback here is a weekday ("on Wednesday"),
resolved as the latest such day on or before a one-day publication date.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from analysis.language import periods
from analysis.language.dates import DateInterval

_MONTHS = "|".join(calendar.month_name[1:])
_NUM = r"[\w,.-]+"
_UNIT = r"(?:hour|day|week|month|year)s?"
CANDIDATE_RE = re.compile(
    rf"\b(?:(?:for|in|within|over|during)\s+)?(?:just\s+)?(?:the\s+)?(?:past\s+|last\s+)?"
    rf"{_NUM}\s+{_UNIT}(?:\s+of\s+fighting)?\b"
    rf"|\blast\s+(?:{_MONTHS})\b"
    rf"|\b(?:in|since)\s+(?:{_MONTHS})\s+\d{{4}}\b|\b(?:{_MONTHS})\s+\d{{4}}\b"
    r"|\b(?:in|since)\s+\d{4}\b|\b(?<![\d,.])(?:19|20)\d\d(?![\d,.%])"
    r"|\bin recent months\b|\brecently\b|\brecent\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    r"\bon\s+(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+night)?\b"
)
_WEEKDAYS = list(calendar.day_name)
_HOURS_RE = re.compile(r"\b(?:in|over|during)\s+the\s+(?:past|last)\s+\S+\s+hours?\b", re.I)
_DURATION_ONLY = re.compile(rf"^{_NUM}\s+{_UNIT}$", re.IGNORECASE)
PLACEHOLDER = DateInterval(date(2000, 1, 1), date(2000, 1, 1), "day")


@dataclass(frozen=True)
class Phrase:
    """A time phrase in the article: span, words, the dates it allows, and how it was read."""

    start: int
    end: int
    text: str
    interval: DateInterval | None  # None when the publication date is unknown
    rule: str
    basis: str  # stated or resolved_from_publication
    duration: bool  # a span of time ("three months"), not a date


def _read(words: str, published: DateInterval | None):
    reading = periods.read_phrase(words, published or PLACEHOLDER)
    if reading is None:
        return None
    interval = reading.interval if published else None
    basis = "stated" if reading.rule.startswith("stated") else "resolved_from_publication"
    if reading.rule.startswith("since a stated"):
        basis = "resolved_from_publication"
    return interval, reading.rule, basis, reading.duration is not None


def find(text: str, start: int, end: int, published: DateInterval | None) -> list[Phrase]:
    """Time phrases the grammar reads in text[start:end] (article offsets), longest first."""
    found: list[Phrase] = []
    for m in CANDIDATE_RE.finditer(text, start, end):
        words = m.group(0)
        if _DURATION_ONLY.match(words) and not re.search(r"(?:weeks?|months?|years?)$", words):
            continue  # "19 hours", "three days" alone are durations a claim counts
        read = _read(words, published)
        if read is None:
            continue
        interval, rule, basis, duration = read
        found.append(Phrase(m.start(), m.end(), words, interval, rule, basis, duration))
    for m in _HOURS_RE.finditer(text, start, end):
        found.append(
            Phrase(m.start(), m.end(), m.group(0), None, "hours before publication: dates to fill",
                   "resolved_from_publication", True)
        )  # fmt: skip
    return found


def weekday(text: str, start: int, end: int, published: DateInterval | None) -> list[Phrase]:
    """ "on Wednesday": the latest such day on or before a one-day publication date."""
    out = []
    for m in _WEEKDAY_RE.finditer(text, start, end):
        interval = None
        if published and published.earliest == published.latest:
            back = (published.latest.weekday() - _WEEKDAYS.index(m["day"])) % 7
            day = published.latest - timedelta(days=back)
            last = day + timedelta(days=1) if m.group(0).endswith("night") else day
            interval = DateInterval(day, min(last, published.latest), "day")
        rule = "weekday: the latest such day on or before the dateline"
        out.append(
            Phrase(
                m.start(), m.end(), m.group(0), interval, rule, "resolved_from_publication", False
            )
        )
    return out


def partial(interval: DateInterval) -> tuple[str, str]:
    """Curated start and end cells for an interval: YYYY, YYYY-MM or YYYY-MM-DD."""
    first, last = interval.earliest, interval.latest
    if interval.precision == "year":
        return str(first.year), str(last.year)
    if interval.precision == "month":
        return first.strftime("%Y-%m"), last.strftime("%Y-%m")
    return first.isoformat(), last.isoformat()
