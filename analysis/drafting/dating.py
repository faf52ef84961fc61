"""Time phrases in a sentence, read through the period grammar (analysis.language.periods).

Candidates are spans shaped like time phrases: an optional preposition ("in",
"since", "by", "over"...) and modifiers ("last", "the past", "the start of",
"just") before a time word (a month, a day of a month, a weekday, a season, a
year, "N months", "last week", "yesterday", "recently"). A candidate is kept
only when the grammar reads it, so the drafted dates agree with the
validator's consistency check by construction. The grammar is the single
reader of dates; one drafting rule sits on top of it: a time of day after a
weekday ("on Thursday night") is read as that day, and a night runs into the
next morning (never past publication).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from analysis.language import periods
from analysis.language.dates import DateInterval

_FULL_MONTHS = "|".join(calendar.month_name[1:])
_ABBR_MONTHS = "|".join(calendar.month_abbr[1:]) + "|Sept"
_MONTH = rf"(?:(?:{_FULL_MONTHS})\b|(?:{_ABBR_MONTHS})\b\.?)"
_WEEKDAY = "(?:" + "|".join(calendar.day_name) + ")"
_YEAR = r"(?<![\d,.])(?:19|20)\d\d(?!\d|[,.]\d|%)"
_NUM = r"[\w,.-]+"
_UNIT = r"(?i:(?:hour|day|week|month|year)s?)"
_TIME_OF_DAY = r"(?i:night|morning|afternoon|evening)"
_CORE = (
    rf"(?:\d{{1,2}}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}\b)(?:,?\s+\d{{4}})?"  # 14 December
    rf"|{_MONTH}(?:\s+(?:of\s+)?\d{{4}})?"  # November, March 2022
    rf"|{_WEEKDAY}(?:\s+{_TIME_OF_DAY})?"  # Thursday, Thursday night
    rf"|(?i:spring|summer|autumn|winter)(?:\s+(?:of\s+)?\d{{4}})?"
    rf"|(?i:mid-)?{_YEAR}"
    rf"|{_NUM}\s+{_UNIT}(?:\s+(?i:ago|of fighting|of the war|of combat))?"  # three months
    r"|(?i:recent\s+(?:months|weeks|days)|recently|recent|lately|yesterday|today|tonight"
    r"|overnight)"
    r"|(?i:(?:this|last|past)\s+(?:week|month|year|weekend)|the\s+weekend)"
    r"|(?i:the\s+year)"
)
_PREFIX = (
    r"(?i:(?:ever\s+since|since|by|until|as\s+of|up\s+to|through|in|on|at|during|over|for|within"
    r"|earlier|later)\s+)?"
)
_MODIFIERS = (
    r"(?i:(?:just|some|the|this|last|past|early|mid|late|(?:the\s+)?(?:start|beginning|end"
    r"|middle|first\s+half|second\s+half)\s+of)\s+)*"
)
CANDIDATE_RE = re.compile(
    rf"\b(?i:between)\s+(?:{_CORE})\s+and\s+(?:{_CORE})"
    rf"|\b(?i:from)\s+(?:{_CORE})\s+(?i:to|until|through)\s+(?:{_CORE})"
    rf"|(?<![\w-]){_PREFIX}{_MODIFIERS}(?:{_CORE})"
)
_DAY_WORDS = re.compile(rf"\b(?:{_WEEKDAY}|yesterday|today|tonight|overnight)\b", re.IGNORECASE)
_PART_OF_YEAR = re.compile(
    r"(?<![\w-])(?i:(?:in|during|over|for)\s+)?(?i:the\s+)(?P<which>(?i:first|last))\s+"
    r"(?P<n>[\w-]+)\s+(?i:months)\s+(?i:of)\s+(?P<year>(?:19|20)\d\d)\b"
)  # "in the first six months of 2025"
_CLOCK_RE = re.compile(
    r"(?<![\w-])(?i:(?:at|by|until|from|after|before|around)\s+)?"
    r"(?i:(?:about|around|approximately|roughly|just\s+after|just\s+before|shortly\s+after)\s+)?"
    r"(?<![\d:.])\d{1,2}(?::[0-5]\d)?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b)"
)  # "at about 4:15 a.m."
_TIME_OF_DAY_AFTER = re.compile(rf"\s+(?P<when>{_TIME_OF_DAY})$")
_DURATION_ONLY = re.compile(rf"^{_NUM}\s+{_UNIT}$", re.IGNORECASE)
_LONG_UNIT = re.compile(r"(?:weeks?|months?|years?)$", re.IGNORECASE)
PLACEHOLDER = DateInterval(date(2099, 12, 31), date(2099, 12, 31), "day")  # any day after the war


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
    day: bool = False  # names one day or night ("on Wednesday", "yesterday")


def _read(words: str, published: DateInterval | None):
    """(interval, rule, basis, is a duration) the grammar gives the words, or None."""
    reading = periods.read_phrase(words, published or PLACEHOLDER)
    if reading is None:
        return _read_time_of_day(words, published)
    interval = reading.interval if published else None
    basis = "stated" if reading.rule.startswith("stated") else "resolved_from_publication"
    if reading.rule.startswith("since a stated"):
        basis = "resolved_from_publication"
    return interval, reading.rule, basis, reading.duration is not None


def _read_time_of_day(words: str, published: DateInterval | None):
    """ "on Thursday night": the day as the grammar reads it; a night runs into the next day."""
    m = _TIME_OF_DAY_AFTER.search(words)
    if m is None or not _DAY_WORDS.search(words):
        return None
    day = _read(words[: m.start()], published)
    if day is None:
        return None
    interval, rule, basis, _ = day
    if interval is not None and m["when"].lower() == "night" and published is not None:
        last = min(interval.latest + timedelta(days=1), published.latest)
        interval = DateInterval(
            interval.earliest, last, "interval" if last > interval.earliest else "day"
        )
    return interval, f"{rule}, at {m['when'].lower()}", basis, False


def find(text: str, start: int, end: int, published: DateInterval | None) -> list[Phrase]:
    """Time phrases the grammar reads in text[start:end] (article offsets), in order."""
    found: list[Phrase] = []
    for m in CANDIDATE_RE.finditer(text, start, end):
        words = m.group(0)
        if _DURATION_ONLY.match(words) and not _LONG_UNIT.search(words):
            continue  # "19 hours", "three days" alone are durations a claim counts
        read = _read(words, published)
        if read is None:
            continue
        interval, rule, basis, duration = read
        day = bool(_DAY_WORDS.search(words)) and not duration
        found.append(Phrase(m.start(), m.end(), words, interval, rule, basis, duration, day))
    for m in _PART_OF_YEAR.finditer(text, start, end):
        if phrase := _part_of_year(m):
            found.append(phrase)
    for m in _CLOCK_RE.finditer(text, start, end):
        found = _clock(text, m, found, published)
    return sorted(found, key=lambda p: p.start)


def _part_of_year(m: re.Match) -> Phrase | None:
    """ "in the first six months of 2025": months counted from a stated year's start or end."""
    from analysis.language.numbers import find_mentions

    count = find_mentions(m["n"])
    n = int(count[0].value) if len(count) == 1 and count[0].value == int(count[0].value) else 0
    if not 1 <= n <= 12:
        return None
    year = int(m["year"])
    first_month = 1 if m["which"].lower() == "first" else 13 - n
    last_month = first_month + n - 1
    last_day = calendar.monthrange(year, last_month)[1]
    interval = DateInterval(
        date(year, first_month, 1), date(year, last_month, last_day), "interval"
    )
    rule = f"stated: the {m['which'].lower()} {n} months of {year}"
    return Phrase(m.start(), m.end(), m.group(0), interval, rule, "stated", False)


def _clock(text: str, m: re.Match, found: list[Phrase], published) -> list[Phrase]:
    """ "at about 4:15 a.m.": a time of day. After a day ("on Thursday at 4 a.m.") it is part of
    that day's phrase; alone it is the day of publication (the night's or morning's news)."""
    for i, p in enumerate(found):
        if p.day and p.end <= m.start() and re.fullmatch(r"\s*,?\s*", text[p.end : m.start()]):
            words = text[p.start : m.end()]
            found[i] = Phrase(p.start, m.end(), words, p.interval, f"{p.rule}, at a time of day",
                              p.basis, False, True)  # fmt: skip
            return found
    interval = None
    if published is not None:
        interval = DateInterval(published.latest, published.latest, "day")
    rule = "a time of day with no day: the day of publication"
    found.append(Phrase(m.start(), m.end(), m.group(0), interval, rule,
                        "resolved_from_publication", False, True))  # fmt: skip
    return found


def partial(interval: DateInterval) -> tuple[str, str]:
    """Curated start and end cells for an interval: YYYY, YYYY-MM or YYYY-MM-DD.

    A period the text gives only the end of ("by late February") has no start.
    """
    first, last = interval.earliest, interval.latest
    if first == date.min:
        return "", last.isoformat()
    if interval.precision == "year":
        return str(first.year), str(last.year)
    if interval.precision == "month":
        return first.strftime("%Y-%m"), last.strftime("%Y-%m")
    return first.isoformat(), last.isoformat()
