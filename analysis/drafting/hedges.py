"""Hedges: how the words around a number qualify it, and the low/best/high they give.

The convention is the data dictionary's: "exact" is low = best = high;
"approximately" gives best only (the analysis applies the tolerance); one-sided
bounds stay one-sided ("more than" and "at least" give low only, "up to" and
"at most" high only); a range gives low and high.
"""

import re
from dataclasses import dataclass

from analysis.curation import dictionary

# hedge words that stand right before the number: the data dictionary's hedge table, the one
# the validator checks with ("nearly" and "almost" stay below the number: at_most)
BEFORE = tuple(
    (q, "|".join(re.escape(word) for word in h.before))
    for q, h in dictionary.hedges().items()
    if q != "range" and h.before
)
# one pattern per hedge word, longest first: "no more than" before "more than"
_BEFORE_RE = sorted(
    [
        (q, re.compile(rf"(?:^|\s)(?P<hedge>{word})\s+(?:an?\s+)?$", re.IGNORECASE))
        for q, alt in BEFORE
        for word in alt.split("|")
    ],
    key=lambda pair: -len(pair[1].pattern),
)
_OR_MORE_RE = re.compile(r"^\s+or more\b", re.IGNORECASE)
_PARTICLE = re.compile(
    r"\b(?:hand(?:s|ed|ing)?|turn(?:s|ed|ing)?)\s+over$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hedge:
    """A qualifier with the words that say it, where they start, and the rule."""

    qualifier: str
    words: str
    start: int  # offset in the sentence where the value words begin
    rule: str
    confidence: str


def hedge_before(sentence: str, number_start: int) -> Hedge:
    """The hedge right before a number at `number_start` of `sentence` (exact if none)."""
    before = sentence[:number_start]
    for qualifier, pattern in _BEFORE_RE:
        m = pattern.search(before)
        if m and _PARTICLE.search(before[: m.end("hedge")]):
            continue  # "handed over 84": a verb's particle ("took over 30" stays a hedge)
        if m:
            word = m["hedge"]
            return Hedge(qualifier, word, m.start("hedge"), f"'{word}' before the number", "high")
    return Hedge("exact", "", number_start, "no hedge before the number", "high")


def or_more_after(sentence: str, number_end: int) -> bool:
    """ "10,000 or more": a lower bound stated after the number."""
    return bool(_OR_MORE_RE.match(sentence[number_end:]))


_ELLIPTIC_BETWEEN = re.compile(
    r"^\s+(?:[\w'’-]+\s+){0,3}?(?:were|was|are|have been|had been)\s+\w+\s+and\s+$", re.I
)
_BARE_PARTICIPLE = re.compile(r"^\s+(?:injured|wounded|killed|dead|missing)\b", re.IGNORECASE)


def elliptic(between: str, after: str) -> bool:
    """ "139 civilians were killed and 738 injured": the second number shares the first's verb."""
    return bool(_ELLIPTIC_BETWEEN.match(between) and _BARE_PARTICIPLE.match(after))


def fmt(value: float) -> str:
    """A number as the curated files write it: 1200000, 0.5, 0.3333333333333333."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def bounds(qualifier: str, low: float, high: float | None = None) -> dict[str, str]:
    """low, best and high cells for a qualifier (high is the second number of a range)."""
    v = fmt(low)
    shapes = {
        "exact": {"low": v, "best": v, "high": v},
        "approximately": {"low": "", "best": v, "high": ""},
        "at_least": {"low": v, "best": "", "high": ""},
        "more_than": {"low": v, "best": "", "high": ""},
        "at_most": {"low": "", "best": "", "high": v},
        "up_to": {"low": "", "best": "", "high": v},
        "range": {"low": v, "best": "", "high": fmt(high if high is not None else low)},
    }
    return shapes[qualifier]
