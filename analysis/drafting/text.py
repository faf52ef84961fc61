"""An article as drafting reads it: lines, sentences, headline and dateline, with character spans.

Wire copy puts one paragraph on a line; the headline is a first line without
final punctuation; the dateline opens the first paragraph ("KYIV, Feb 10
(Reuters) - "). Sentences end at . ! or ? followed by a space and a capital,
a digit or a quote mark, except after abbreviations ("U.S.", "Gen.").
"""

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_END_RE = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(A-Z0-9])")
_INITIALS_RE = re.compile(r"(?:\b[A-Z]\.)+$")
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE_RE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'’-]+(?:, [A-Z][A-Za-z .'’-]+)*),\s+"
    rf"(?P<month>{_MONTH_ABBR})\s+(?P<day>\d{{1,2}})(?:,\s+(?P<year>\d{{4}}))?"
    r"\s+\((?P<outlet>[^)]+)\)\s*[-–—]\s*"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its span in the article, its text and the line (paragraph) it is on."""

    start: int
    end: int
    text: str
    line: int
    headline: bool = False


def _is_abbreviation(before: str) -> bool:
    word = re.search(r"(\S+)$", before)
    if not word:
        return False
    token = word.group(1)
    return token.rstrip(".").lower() in _ABBREVIATIONS or bool(_INITIALS_RE.search(token + "."))


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    for m in _END_RE.finditer(text, start, end):
        if _is_abbreviation(text[begin : m.start()]):
            continue
        spans.append((begin, m.end()))
        begin = m.end()
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        spans.append((begin, end))
    return spans


def is_headline(line: str) -> bool:
    """A first line that reads as a headline: short and without final punctuation."""
    stripped = line.strip()
    return 0 < len(stripped) <= 160 and stripped[-1] not in '.!?"”'


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, in order; a headline line is one sentence marked as such."""
    out, pos = [], 0
    for number, line in enumerate(text.split("\n")):
        start, end = pos, pos + len(line)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        headline = number == 0 and is_headline(line)
        spans = [(start, end)] if headline else _split_line(text, start, end)
        out += [Sentence(s, e, text[s:e], number, headline) for s, e in spans]
    return out


@dataclass(frozen=True)
class Dateline:
    """The dateline that opens an article: its span, place, day, year if any and outlet."""

    start: int
    end: int
    month: str
    day: int
    year: int | None
    outlet: str
    place: str = ""  # "KYIV", "ZAPORIZHZHIA, Ukraine"


def without_dateline(sentence: str) -> str:
    """The sentence without the dateline that opens it ("KHERSON, Ukraine, March 4 (Wire) -")."""
    m = DATELINE_RE.match(sentence)
    return sentence[m.end() :] if m else sentence


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of the first paragraph after an optional headline."""
    for s in sentences(text)[:2]:
        if s.headline:
            continue
        m = DATELINE_RE.match(s.text)
        if m:
            year = int(m["year"]) if m["year"] else None
            return Dateline(
                s.start, s.start + m.end(), m["month"], int(m["day"]), year, m["outlet"], m["place"]
            )
        return None
    return None


def title_of(text: str) -> tuple[str, str]:
    """A title for articles.csv and the rule that gave it."""
    first = text.strip().split("\n")[0].strip()
    if is_headline(first):
        return first, "the first line reads as a headline"
    head = first.split(":")[0].strip()
    if ":" in first and len(head) <= 120:
        return head, "the first line up to its colon"
    words = first.split()
    return "[" + " ".join(words[:12]).rstrip(
        ",.;:"
    ) + "]", "no headline: a descriptive title to edit"


def unique_part(quote: str, start: int, end: int) -> str:
    """quote[start:end], grown word by word (right, then left) until it occurs once in quote."""
    part = quote[start:end]
    while quote.count(part) > 1:
        grown = re.match(r"\s*\S+", quote[end:])
        if grown:
            end += grown.end()
        else:
            back = re.search(r"\S+\s*$", quote[:start])
            if not back:
                break
            start = back.start()
        part = quote[start:end]
    return part
