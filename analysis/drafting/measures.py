"""Measure and unit of a figure, from the words around its number.

A cue word names a measure ("killed", "wounded", "killed or wounded",
"casualties", "lost", "displaced", "sent", "launched", "downed", "square
kilometres", "per cent"). The nearest cue in the figure's clause wins (a clause
ends at a comma, a semicolon or the next number); nouns such as "troops" only
count when no verb does. The unit comes from the noun right after the number,
and the measure must allow that unit (the dictionary's measure table), so
"lost" says casualties of people but nothing about square kilometres.
"""

import re
from dataclasses import dataclass

from analysis.curation import dictionary

# (measure, pattern, strong); order matters only between cues at the same distance
CUES = (
    ("casualties", r"killed (?:or|and) (?:wounded|injured)|dead (?:or|and) wounded|casualt\w*"
     r"|losses|lost|(?<!death )toll", True),
    ("killed", r"killed|kills|killing|dead|deaths?|died|bodies|body|executions?|executed|lives"
     r"|death toll", True),
    ("wounded", r"wounded|wounding|injured|injur\w+|hurt|serious condition", True),
    ("remain_displaced", r"remain(?:s|ed|ing)? (?:internally )?displaced|internally displaced"
     r"|refugees", True),
    ("displaced", r"displaced|fled|flee\w*|forced from"
     r"|left (?:(?:the|their|his|her) )?(?:[\w-]+\s+)?"
     r"(?:towns?|city|cities|villages?|homes?|regions?|areas?|country|districts?|settlements?)",
     True),
    ("returned", r"returned|went back|came back", True),
    ("evacuated", r"evacuat\w+", True),
    ("downed", r"shot down|downed|downing|intercept\w*|destroyed|jammed|jamming"
     r"|neutrali[sz]ed", True),
    ("launched", r"launched|launches|fired|launch", True),
    ("area_retaken", r"retook|retaken|recaptured|reclaim\w*|regained|took back", True),
    ("area", r"captured|seized|took|taken|occupied|held|holds", True),
    ("deployed", r"sent|deployed|deployment|stationed|dispatched", True),
    ("active_personnel", r"active personnel|active-duty|active troops", True),
    ("reserve_personnel", r"reserv\w+", True),
    ("percent_change", r"rose|increased|grew|fell|decreased|dropped|declined|up(?! to\b)|down",
     True),
    ("deployed", r"troops|soldiers", False),
)  # fmt: skip
_CUE_RES = [(m, re.compile(rf"\b(?:{p})\b", re.IGNORECASE), strong) for m, p, strong in CUES]
UNITS = (
    ("km2", r"square kilomet(?:re|er)s?|sq\.? km|km2"),
    ("percent", r"%|per ?cent"),
    ("drones", r"(?:[\w-]+\s+)?(?:drones?|uavs?)"),
    ("missiles", r"(?:[\w-]+\s+){0,2}missiles?"),
    ("couples", r"(?:[\w-]+\s+)?couples"),
    ("families", r"families"),
    ("households", r"households"),
    ("hours", r"hours?"),
    ("days", r"days?"),
)
_UNIT_RES = [(u, re.compile(rf"^\s*(?:of\s+the\s+)?(?:{p})\b", re.IGNORECASE)) for u, p in UNITS]
_CLAUSE_END = re.compile(r",\s|[;:()“”\"]| - | – | — ")


@dataclass(frozen=True)
class Cue:
    """A measure cue found near a figure: its measure, words, distance and side."""

    measure: str
    words: str
    distance: int  # words between the figure and the cue
    after: bool
    strong: bool


def unit_after(text: str, end: int) -> tuple[str, str]:
    """Unit from the words right after the number (people when none), with the rule."""
    after = text[end : end + 40]
    if text[end - 1 : end] == "%":
        return "percent", "'%' after the number"
    for unit, pattern in _UNIT_RES:
        m = pattern.match(after)
        if m:
            return unit, f"'{m.group(0).strip()}' after the number"
    return "people", "no unit word: people"


def unit_end(text: str, end: int) -> int:
    """Where the unit words after a number end ("174 square kilometres"), else the number's end."""
    for _, pattern in _UNIT_RES:
        if m := pattern.match(text[end : end + 40]):
            return end + m.end()
    return end


def _words(s: str) -> int:
    return len(s.split())


def cues_near(text: str, start: int, end: int, left: int, right: int) -> list[Cue]:
    """Measure cues between `left` and `start` and between `end` and `right`, nearest first."""
    found = []
    before = text[left:start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(before)), default=0)
    before = before[cut:]
    after = text[end:right]
    stop = _CLAUSE_END.search(after)
    after = after[: stop.start()] if stop else after
    for measure, pattern, strong in _CUE_RES:
        for m in pattern.finditer(before):
            found.append(Cue(measure, m.group(0), _words(before[m.end() :]), False, strong))
        for m in pattern.finditer(after):
            found.append(Cue(measure, m.group(0), _words(after[: m.start()]), True, strong))
    return sorted(found, key=lambda c: (not c.strong, c.distance, not c.after))


def named_in(words: str) -> list[str]:
    """The measures strong cue words in a phrase name ("patients evacuated": evacuated)."""
    return [m for m, pattern, strong in _CUE_RES if strong and pattern.search(words)]


def allowed(measure: str, unit: str) -> bool:
    """The measure table allows this unit for this measure."""
    spec = dictionary.measures().get(measure)
    return bool(spec) and unit in spec.units


def choose(cues: list[Cue], unit: str) -> tuple[str, str, str] | None:
    """(measure, rule, confidence) from the nearest cue whose measure allows the unit."""
    if unit == "percent":
        change = [c for c in cues if c.measure == "percent_change" and c.distance <= 2]
        if change:
            return "percent_change", f"'{change[0].words}' by a per-cent figure", "high"
        return "share", "a per-cent figure without a change word", "medium"
    if unit in ("hours", "days"):
        return "duration", f"a number of {unit}", "high"
    for c in cues:
        if c.measure == "percent_change" or not allowed(c.measure, unit):
            continue
        side = "after" if c.after else "before"
        confidence = "high" if c.strong and c.distance <= 4 else "medium"
        if not c.strong:
            confidence = "low"
        note = " ('lost' maps to casualties)" if c.words.lower() == "lost" else ""
        return c.measure, f"'{c.words}' {side} the number{note}", confidence
    if unit == "km2":
        return "area", "square kilometres without a verb: area", "medium"
    return None
