"""The numeric mentions of a sentence, grouped, and the ones that are not figures.

Mentions come from the audit's own grammar (analysis.language.numbers), so a
draft that accounts for every group accounts for every mention the audit finds.
Two mentions joined as "between A and B", "A to B" or "A-B" state one range;
"A out of B" and "A of the B" state a part and its whole. Ages, "one of",
counts of categories, datelines and the year of a cited report are not
figures: each gets an exclusion reason and the rule that found it.
"""

import re
from dataclasses import dataclass

from analysis.language.numbers import Mention, find_mentions

_RANGE_JOIN = re.compile(r"^\s*(?:and|to|-|–|—)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"(?:between|from)\s+(?:the\s+ages\s+of\s+)?$", re.IGNORECASE)
_PART_JOIN = re.compile(r"^\s+(?:out of|of the|of)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_AGE_AFTER = re.compile(r"^[- ](?:year|month)s?[- ]old\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age of|ages of|between the ages of)\s+$", re.IGNORECASE)
_NAME_AGE = re.compile(
    r"\b[A-Z][a-z]+,\s+$|\b(?:[Aa]n?|[Tt]he)\s+[a-z]+,\s+$"
)  # "Kim Jong Un, 41,"
_ONE_OF = re.compile(r"^\s+of\b", re.IGNORECASE)
_ONE_PRONOUN = re.compile(r"\b(?:a|an|the|this|that|each|any|no|every|only)(?:\s+[a-z-]+)?\s+$")
_STRUCTURE_NOUNS = (
    r"branch(?:es)?|countries|sides|parts|categories|types|kinds|oblasts|provinces|regions"
    r"|ministries|phases|stages|rounds|corps|leaders|presidents|nations|states|sessions"
    r"|districts|villages|towns|settlements|communities|directions"
)
_STOREYS = re.compile(r"^[- ](?:storey|story|floor)\b", re.IGNORECASE)  # "a five-storey block"
_PLACES = (
    r"locations|sites|places|localities|settlements|towns|villages|cities|communities|districts"
    r"|regions|oblasts|provinces|countries"
)
_PLACE_COUNT = re.compile(rf"^\s+(?:[a-z-]+\s+)?(?:{_PLACES})\b", re.IGNORECASE)
_PARTS = r"entrances|floors|storeys|stories|rooms|wings|sections|blocks|buildings|roofs|walls"
_PARTS_OF = re.compile(rf"^\s+(?:of\s+(?:its|their|the)\s+)?(?:{_PARTS})\b", re.IGNORECASE)
_PRISONERS = re.compile(
    r"^\s+(?:[A-Za-z-]+\s+)?(?:prisoners|captives|POWs|detainees|hostages)\b", re.IGNORECASE
)
_A_COMPOUND = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
_COMPOUND_AFTER = re.compile(
    r"^-(?!(?:strong|member|man|men|year|month|week|day|hour|minute|km|kilomet|mile|metre|meter"
    r"|ton|tonne)\w*)[a-z]+\s+[a-z]+",
    re.IGNORECASE,
)  # "a two-room flat": the number describes a thing; "a 2,000-strong force" is a figure
_AGE_OVER = re.compile(r"\b(?:are|were|is|was)\s+(?:over|under|older than|younger than)\s+$")
_STRUCTURE = re.compile(rf"^\s+(?:[a-z-]+\s+)?(?:{_STRUCTURE_NOUNS})\b", re.IGNORECASE)
_SOURCE_DATE = re.compile(
    r"^\s+(?:[A-Z][\w.'’-]*\s+)*(?:report|study|survey|assessment|estimate|analysis|census|poll"
    r"|review|paper|audit)\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"^\s+(?:[a-z-]+\s+){0,2}(?:civilians?|people|persons?|soldiers?|troops?|drones?|missiles?"
    r"|children|child|men|man|women|woman|bod(?:y|ies)|fighters?|residents?|families|family"
    r"|civilian|killed|dead|died|wounded|injured)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Group:
    """One or two mentions that state one thing, with its span in the article."""

    mentions: tuple[Mention, ...]
    form: str  # single, range

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end


def in_span(text: str, start: int, end: int) -> list[Mention]:
    """The audit's mentions inside text[start:end], with article offsets."""
    return [
        Mention(m.start + start, m.end + start, m.text, m.value, m.kind)
        for m in find_mentions(text[start:end])
    ]


def group(text: str, mentions: list[Mention]) -> list[Group]:
    """Join "between A and B", "A to B", "A-B" into ranges; every other mention stands alone."""
    out: list[Group] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        if i + 1 < len(mentions) and m.kind != "fraction":
            n = mentions[i + 1]
            join = text[m.end : n.start]
            before = text[max(0, m.start - 30) : m.start]
            ranged = _BETWEEN.search(before) or join.strip() != "and"
            if _RANGE_JOIN.match(join) and ranged and n.value > m.value:
                out.append(Group((m, n), "range"))
                i += 2
                continue
        out.append(Group((m,), "single"))
        i += 1
    return out


def part_of_join(text: str, part: Group, whole: Group) -> bool:
    """ "37 out of 81", "84 of the drones"' whole comes right after its part."""
    return bool(_PART_JOIN.match(text[part.end : whole.start]))


def exclusion(text: str, g: Group, sentence_start: int) -> tuple[str, str] | None:
    """(reason, rule) when the group is not a figure, else None."""
    m = g.mentions[0]
    before = text[max(sentence_start, m.start - 40) : m.start]
    after = text[g.end : g.end + 60]
    word = m.text.lower()
    if _AGE_AFTER.match(after):
        return "age", "'N-year-old'"
    if _AGE_BEFORE.search(before):
        return "age", "'aged N' / 'ages of A and B'"
    if _AGE_OVER.search(before) and not _COUNTED.match(after) and 1 <= m.value <= 110:
        return "age", "'are over N' with nothing counted after it"
    if _NAME_AGE.search(before) and re.match(r"^,", after) and 1 <= m.value <= 110:
        return "age", "'Name, N,': an age after a name"
    if word == "one" and _ONE_OF.match(after):
        return "idiom", "'one of'"
    if word == "one" and _ONE_PRONOUN.search(before):
        return "idiom", "'a ... one': a pronoun"
    if m.kind == "digits" and re.fullmatch(r"(?:19|20)\d\d", m.text) and _SOURCE_DATE.match(after):
        return "source_date", "'a YYYY report': the year of a cited source"
    if m.value <= 50 and _STOREYS.match(after):
        return "structure", "'a five-storey building': a count of parts"
    if _PRISONERS.match(after):
        return "structure", "prisoners or captives: no measure of the vocabulary counts them"
    if _PLACE_COUNT.match(after):
        return "structure", "a count of places ('33 locations', 'over 12 regions')"
    if m.value <= 50 and _PARTS_OF.match(after):
        return "structure", "a count of parts of a thing ('two of its entrances')"
    if m.value <= 20 and _A_COMPOUND.search(before) and _COMPOUND_AFTER.match(after):
        return "structure", "'a two-room flat': a number inside a compound describing a thing"
    if m.value <= 20 and _STRUCTURE.match(after):
        return "structure", "a small count of categories ('three branches', 'two countries')"
    if word == "one" and not _COUNTED.match(after):
        return "idiom", "'one' not followed by a counted noun"
    return None
