"""Where curated words lie in a text: as whole words and whole numbers only.

A quote in its article, and a value_text, period_text, date_text or mention in
its quote, must not cut a word ("hree" of "three") or a number ("2,000" of
"12,000", "3 reported" of "13 reported", "1.2" of "1.2 million", "1000" of
"1000+"): the numbers are those of the grammar in analysis.language.numbers,
scale word, "+" and per cent included. The validator and the coverage audit
both place curated words with `locate`, so they always agree.
"""

from bisect import bisect_left
from dataclasses import dataclass

from analysis.language import numbers


@dataclass(frozen=True)
class Placement:
    """Where `part` occurs in a text as whole words, and why its other occurrences do not count."""

    starts: tuple[int, ...]  # whole occurrences
    cuts: tuple[tuple[str, str], ...]  # when there is none: what they cut: ("word", "three")
    found: bool  # part occurs at all (whole or not)

    @property
    def cuts_a_number(self) -> bool:
        return any(kind == "number" for kind, _ in self.cuts)

    @property
    def cut(self) -> str:
        """What the occurrences cut, numbers first: "the numbers '2020' and '20%'"."""
        kind = "number" if self.cuts_a_number else "word"
        texts = [repr(t) for k, t in self.cuts if k == kind]
        if len(texts) == 1:
            return f"the {kind} {texts[0]}"
        return f"the {kind}s {', '.join(texts[:-1])} and {texts[-1]}"


class Mentions:
    """The numeric mentions of one text, for finding those a span overlaps."""

    def __init__(self, text: str):
        self.items = numbers.find_mentions(text)
        self.starts = [m.start for m in self.items]

    def cut_by(self, start: int, end: int) -> numbers.Mention | None:
        """A mention that the span [start, end) overlaps without containing it."""
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.items[i].end > start:
            m = self.items[i]
            if m.start < start or m.end > end:
                return m
            i -= 1
        return None


def _word_around(text: str, i: int) -> str:
    start, end = i, i + 1
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _cut(text: str, start: int, end: int, mentions: Mentions) -> tuple[str, str] | None:
    m = mentions.cut_by(start, end)
    if m:
        return ("number", m.text)
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return ("word", _word_around(text, start))
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return ("word", _word_around(text, end - 1))
    return None


def locate(text: str, part: str, mentions: Mentions | None = None) -> Placement:
    """Every whole occurrence of part in text (overlapping occurrences included)."""
    if not part:
        return Placement((), (), False)
    mentions = mentions or Mentions(text)
    starts, cuts, at = [], [], text.find(part)
    found = at >= 0
    while at >= 0:
        cut = _cut(text, at, at + len(part), mentions)
        if not cut:
            starts.append(at)
        elif cut not in cuts and len(cuts) < 3:
            cuts.append(cut)
        at = text.find(part, at + 1)
    return Placement(tuple(starts), () if starts else tuple(cuts), found)
