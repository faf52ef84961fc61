"""Time phrases of reporting, resolved against an article's publication interval.

`read_phrase` reads a claim's period_text or an event's date_text and says what
it allows: the envelope of days (`interval`), when the period may start
(`start`, None when the phrase names a date, not a span), when it may end or
the date it names (`end`), and a duration when the phrase states one. A phrase
outside the grammar gives None: the curated dates then stand alone, and the
tables say "phrase not understood; the curated dates are kept".

Relative words are resolved at the earliest and at the latest publication day
and the two readings joined, so an inferred publication interval widens every
relative date by exactly its own width. Phrases are matched case-insensitively;
"just", "some" and "of fighting" are ignored.

    [for|in|within|over] [the past|last] N (hour|day|week|month|year)s
                                a duration of N units ending at publication
    for (more than|over|at least) N units, for (nearly|almost) N units
                                a one-sided duration ending at publication
    N units ago                 the date N units before publication
    N units after|before X      N units from the anchor event (the `anchor` column)
    since X, ever since X       from X (a date, or the anchor event) to publication
    by X                        ends at X (starts at the anchor event, when there is one)
    between X and Y, from X to Y
                                starts at X, ends at Y
    <Month> will mark | marks | marked N years since ...
                                an anniversary: the date N years before that month
    in recent months | weeks | days, recently
                                12 months | 8 weeks | 7 days | 30 days before publication
    a date expression           on Monday, 14 December, late January, last November,
                                the weekend, last summer, mid-2024, in 2019, March 2022
                                (see analysis.language.datewords)

Durations of N months are the shortest and longest N consecutive calendar
months (3 months: 89 to 92 days); best is N x 30.436875 days (the mean month of
the Gregorian calendar). Hours, days and weeks are exact.
"""

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from analysis.language import datewords
from analysis.language.dates import DateInterval
from analysis.language.numbers import find_mentions

MEAN_MONTH_DAYS = 365.2425 / 12
NOT_UNDERSTOOD = "phrase not understood; the curated dates are kept"
_UNIT = r"(?P<unit>hour|day|week|month|year)s?"
_N = r"(?P<n>[\w,.-]+?)"
_FILLER = re.compile(r"\b(?:just|some|of fighting|of the war|of combat)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """How long something lasted, in days: shortest, best and longest reading."""

    low: float
    best: float
    high: float


@dataclass(frozen=True)
class Reading:
    """What a phrase says: the days it allows, its start and end, and a stated duration."""

    interval: DateInterval
    duration: Duration | None
    rule: str
    start: DateInterval | None = None
    end: DateInterval | None = None

    @property
    def until(self) -> DateInterval:
        """When the period ends, or the date the phrase names."""
        return self.end or self.interval


@dataclass(frozen=True)
class _Context:
    published: DateInterval
    anchor: DateInterval | None


@cache
def month_span_days(n: int) -> tuple[int, int]:
    """Fewest and most days in n consecutive calendar months (over a 400-year cycle)."""
    lengths = [calendar.monthrange(2000 + y, m)[1] for y in range(400) for m in range(1, 13)]
    sums = [sum(lengths[i : i + n]) for i in range(len(lengths) - n)]
    return min(sums), max(sums)


def duration_of(n: float, unit: str) -> Duration:
    """The duration of n units, as a day interval."""
    unit = unit.lower()
    if unit in ("hour", "day", "week"):
        days = n * {"hour": 1 / 24, "day": 1, "week": 7}[unit]
        return Duration(days, days, days)
    if unit == "month":
        low, high = month_span_days(int(n)) if n == int(n) else (28 * n, 31 * n)
        return Duration(low, n * MEAN_MONTH_DAYS, high)
    low, high = month_span_days(int(12 * n))
    return Duration(low, n * 365.2425, high)


def shift(day: date, n: float, unit: str) -> date:
    """The day n units after `day` (before it when n < 0); months and years on the calendar."""
    if unit in ("hour", "day", "week"):
        days = n * {"hour": 1 / 24, "day": 1, "week": 7}[unit]
        return day + timedelta(days=math.floor(days) if days >= 0 else -math.ceil(-days))
    months = round(n * (12 if unit == "year" else 1))
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _minus(day: date, n: float, unit: str) -> date:
    """The earliest date n units before `day` (months and years counted on the calendar)."""
    return shift(day, -n, unit)


def _number(text: str) -> float | None:
    mentions = find_mentions(text)
    if len(mentions) == 1 and mentions[0].text.lower() == text.lower():
        return mentions[0].value
    if text.lower() in ("a", "an", "one"):
        return 1.0
    return None


def _join(a: DateInterval, b: DateInterval) -> DateInterval:
    first, last = min(a.earliest, b.earliest), max(a.latest, b.latest)
    if a == b:
        return a
    return DateInterval(first, last, "interval")


def _span(first: date, last: date) -> DateInterval:
    return DateInterval(first, last, "day" if first == last else "interval")


def date_of(words: str, published: DateInterval) -> DateInterval | None:
    """A date expression resolved at both ends of the publication interval, joined."""
    early = datewords.resolve(words, published.earliest)
    late = datewords.resolve(words, published.latest)
    if early is None or late is None:
        return None
    return _join(early, late)


def _period(start: DateInterval | None, end: DateInterval, rule: str, duration=None) -> Reading:
    first = start.earliest if start else date.min
    return Reading(DateInterval(first, end.latest, "interval"), duration, rule, start, end)


def _a_date(when: DateInterval, rule: str) -> Reading:
    return Reading(when, None, rule, None, when)


# --- the rules: each reads a normalised phrase, or returns None ---------------------


def _duration_before(text: str, ctx: _Context) -> Reading | None:
    pattern = (
        rf"(?:for|in|within|over|during)?\s*(?:the\s+)?(?:past\s+|last\s+)?{_N}\s+{_UNIT}"
        r"(?:\s+of\s+\w+)?"
    )
    implicit_one = rf"(?:for|in|within|over|during)?\s*the\s+(?:past|last)\s+{_UNIT}"
    if m := re.fullmatch(implicit_one, text):  # "in the past year": one unit
        n = 1.0
    elif not (m := re.fullmatch(pattern, text)) or (n := _number(m["n"])) is None:
        return None
    unit, pub = m["unit"], ctx.published
    start = _span(_minus(pub.earliest, n, unit), _minus(pub.latest, n, unit))
    return _period(start, pub, "duration before publication", duration_of(n, unit))


def _one_sided_duration(text: str, ctx: _Context) -> Reading | None:
    pattern = rf"for\s+(?P<hedge>more than|over|at least|nearly|almost|less than)\s+{_N}\s+{_UNIT}"
    m = re.fullmatch(pattern, text)
    if not m or (n := _number(m["n"])) is None:
        return None
    unit, pub, d = m["unit"], ctx.published, duration_of(n, m["unit"])
    if m["hedge"] in ("nearly", "almost", "less than"):
        start = _span(_minus(pub.earliest, n, unit), pub.latest)
        return _period(start, pub, f"{m['hedge']} a duration", Duration(0, math.nan, d.high))
    start = DateInterval(date.min, _minus(pub.latest, n, unit), "interval")
    return _period(start, pub, f"{m['hedge']} a duration", Duration(d.low, math.nan, math.inf))


def _ago(text: str, ctx: _Context) -> Reading | None:
    m = re.fullmatch(rf"{_N}\s+{_UNIT}\s+ago", text)
    if not m or (n := _number(m["n"])) is None:
        return None
    pub, unit = ctx.published, m["unit"]
    return _a_date(_span(_minus(pub.earliest, n, unit), _minus(pub.latest, n, unit)), "N ago")


def _from_anchor(text: str, ctx: _Context) -> Reading | None:
    m = re.fullmatch(rf"(?:some\s+)?{_N}\s+{_UNIT}\s+(?P<dir>after|later|before|earlier)\b.*", text)
    if not m or (n := _number(m["n"])) is None or ctx.anchor is None:
        return None
    sign = 1 if m["dir"] in ("after", "later") else -1
    a, unit = ctx.anchor, m["unit"]
    when = _span(shift(a.earliest, sign * n, unit), shift(a.latest, sign * n, unit))
    return _a_date(when, f"N {m['dir']} the anchor event")


def _since(text: str, ctx: _Context) -> Reading | None:
    m = re.fullmatch(r"(?:ever\s+)?since\s+(?P<x>.+)", text)
    if not m:
        return None
    start = date_of(m["x"], ctx.published)
    rule = "since a stated date" if start and datewords.stated(m["x"]) else "since a date"
    if start is None:
        start, rule = ctx.anchor, "since the anchor event"
    if start is None:
        return None
    return _period(start, ctx.published, f"{rule}: to publication")


def _by(text: str, ctx: _Context) -> Reading | None:
    m = re.fullmatch(r"(?:by|as of|until|up to|through)\s+(?P<x>.+)", text)
    if not m or (end := date_of(m["x"], ctx.published)) is None:
        return None
    rule = "by a date" + (", from the anchor event" if ctx.anchor else "")
    return _period(ctx.anchor, end, rule)


def _between(text: str, ctx: _Context) -> Reading | None:
    m = re.fullmatch(
        r"(?:between\s+(?P<a>.+?)\s+and|from\s+(?P<b>.+?)\s+(?:to|until|through))\s+(?P<y>.+)", text
    )
    if not m:
        return None
    start = date_of(m["a"] or m["b"], ctx.published)
    end = date_of(m["y"], ctx.published)
    if start is None or end is None or end.latest < start.earliest:
        return None
    return _period(start, end, "between two dates")


def _anniversary(text: str, ctx: _Context) -> Reading | None:
    month_alt = "|".join(sorted(datewords.MONTHS, key=len, reverse=True))
    m = re.fullmatch(
        rf"(?:this\s+|next\s+)?(?P<month>{month_alt})\s+(?P<verb>will mark|marks|marked)\s+"
        rf"{_N}\s+(?P<unit>year|month)s?\s+since\b.*",
        text,
    )
    if not m or (n := _number(m["n"])) is None:
        return None
    month, ahead = datewords.MONTHS[m["month"]], m["verb"] == "will mark"
    readings = []
    for day in (ctx.published.earliest, ctx.published.latest):
        if ahead:
            year = day.year if month >= day.month else day.year + 1
        else:
            year = datewords.recent_month(month, day)
        back = _minus(date(year, month, 1), n, m["unit"])
        readings.append(datewords.month_interval(back.year, back.month))
    return _a_date(_join(*readings), "anniversary: N years before the month named")


def _recent(text: str, ctx: _Context) -> Reading | None:
    spans = {
        "in recent months": (12, "month"),
        "in recent weeks": (8, "week"),
        "in recent days": (7, "day"),
        "recently": (30, "day"),
        "recent": (30, "day"),
        "lately": (30, "day"),
    }
    if text not in spans:
        return None
    n, unit = spans[text]
    pub = ctx.published
    when = DateInterval(_minus(pub.earliest, n, unit), pub.latest, "interval")
    words = {"month": "months", "week": "weeks", "day": "days"}[unit]
    return _a_date(when, f"recent: within {n} {words} before publication")


def _a_date_phrase(text: str, ctx: _Context) -> Reading | None:
    when = date_of(text, ctx.published)
    if when is None:
        return None
    if datewords.stated(text):
        kind = {"year": "year", "month": "month", "day": "day"}.get(when.precision, "date")
        return _a_date(when, f"stated {kind}")
    return _a_date(when, "a date relative to publication")


RULES: tuple[Callable[[str, _Context], Reading | None], ...] = (
    _one_sided_duration,
    _duration_before,
    _ago,
    _from_anchor,
    _since,
    _by,
    _between,
    _anniversary,
    _recent,
    _a_date_phrase,
)


def normalise(phrase: str) -> str:
    """Lower case, one space between words, typographic apostrophes straightened, filler dropped."""
    text = _FILLER.sub(" ", phrase.replace("’", "'"))
    return " ".join(text.lower().split()).strip(" ,.;")


def read_phrase(
    phrase: str, published: DateInterval, anchor: DateInterval | None = None
) -> Reading | None:
    """Resolve a time phrase against the publication interval; None if not in the grammar.

    anchor: the dates of the event the phrase counts from ("two weeks after they
    were first sent into combat", "since the invasion"), from the row's `anchor`.
    """
    ctx = _Context(published, anchor)
    text = normalise(phrase)
    for rule in RULES:
        try:
            reading = rule(text, ctx)
        except (ValueError, OverflowError):  # a date outside the calendar: not understood
            reading = None
        if reading is not None:
            return reading
    return None


def agrees(curated: DateInterval, reading: DateInterval) -> bool:
    """Curated dates agree with the grammar when they lie within its reading.

    Curation may be narrower than the phrase (it can use other sentences), but
    never outside it.
    """
    return reading.earliest <= curated.earliest and curated.latest <= reading.latest


def disagreement(start: DateInterval, end: DateInterval, reading: Reading) -> str | None:
    """Which curated bound leaves the reading: "start", "end", or None when they agree.

    The curated start is the earliest day the period can start; the curated end the
    latest day it can end: each must fall where the phrase puts the start and the end.
    """
    if reading.start is not None:
        if not reading.start.earliest <= start.earliest <= reading.start.latest:
            return "start"
    elif start.earliest < reading.interval.earliest:
        return "start"
    if not reading.until.earliest <= end.latest <= reading.until.latest:
        return "end"
    return None
