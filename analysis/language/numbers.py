"""Numbers as articles write them: "1,000", "1.2 million", "1000+", "nine", "half".

One small grammar serves two checks: that a curated value can be read in its
quote, and the coverage audit that finds every numeric mention in an article.

Grammar (case-insensitive, on word boundaries):
  digits     1000 | 1,000 | 1.2 | 20% | 1000+   optionally followed by a scale;
             the ASCII digits 0-9 only ("１１０００" and "١١٠٠٠" are not numbers here:
             the validator refuses them in curated cells and article texts)
  percent    20% | 20 % | 40 per cent | 40 percent | forty per cent   (Mention.percent)
  words      zero .. nineteen, twenty .. ninety, "twenty-one", optionally a scale
  scale      thousand | million | billion       (multiplies the number before it)
  fractions  half | halves | third(s) | quarter(s)
  dozen      dozen = 12 ("dozens" is vague: not a number)
Ordinals ("first") and vague words ("several", "dozens of") are not numbers.
"""

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
FRACTIONS = {
    "half": 0.5,
    "halves": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
}
DOZEN = {"dozen": 12}

_word_alt = "|".join(sorted([*TENS, *UNITS], key=len, reverse=True))
_scale_alt = "|".join(SCALES)
_PERCENT_WORDS = r"[\s-]per[\s-]?cent\b|\spercent\b"
_PERCENT = rf"\s?%|{_PERCENT_WORDS}"
_DIGITS = (
    r"(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    rf"(?P<plus>\+)?(?P<pct>{_PERCENT})?"
)
_digit_words = "|".join(k for k in UNITS if 0 < UNITS[k] < 10)
_WORDS = rf"(?P<words>(?:{'|'.join(TENS)})-(?:{_digit_words})|{_word_alt})"
_SCALE = r"(?:[\s-](?P<{}>" + _scale_alt + "))?"
_FRACTION = rf"(?P<fraction>{'|'.join(FRACTIONS)})"
_DOZEN = rf"(?P<dozen>{'|'.join(DOZEN)})"
MENTION_RE = re.compile(
    rf"(?<![\w.,])(?:{_DIGITS}{_SCALE.format('scale')}"
    rf"|{_WORDS}(?:(?P<wpct>{_PERCENT_WORDS})|{_SCALE.format('wscale')})"
    rf"|{_FRACTION}|{_DOZEN})(?![\w])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A number found in a text, with its character span and value."""

    start: int
    end: int
    text: str
    value: float
    kind: str  # digits, words, fraction or dozen
    percent: bool = False  # written as per cent ("20%", "forty per cent"): value is 20, 40


def _word_value(word: str) -> int:
    word = word.lower()
    if "-" in word:
        tens, unit = word.split("-")
        return TENS[tens] + UNITS[unit]
    return UNITS.get(word, TENS.get(word, 0))


def _value(m: re.Match) -> tuple[float, str]:
    if m["digits"]:
        value, kind = float(m["digits"].replace(",", "")), "digits"
    elif m["words"]:
        value, kind = float(_word_value(m["words"])), "words"
    elif m["fraction"]:
        return FRACTIONS[m["fraction"].lower()], "fraction"
    else:
        return float(DOZEN[m["dozen"].lower()]), "dozen"
    scale = m["scale"] or m["wscale"]
    if scale:
        value *= SCALES[scale.lower()]
    return value, kind


def find_mentions(text: str) -> list[Mention]:
    """Every numeric mention in `text`, in order of appearance."""
    found = []
    for m in MENTION_RE.finditer(text):
        value, kind = _value(m)
        percent = bool(m["pct"] or m["wpct"])
        found.append(Mention(m.start(), m.end(), m.group(0), value, kind, percent))
    return found


def values_in(text: str) -> list[float]:
    """The values of all numeric mentions in `text`."""
    return [m.value for m in find_mentions(text)]


def same_number(a: float, b: float) -> bool:
    """Equality for values read from text, safe against float rounding."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
