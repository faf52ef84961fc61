"""Subjects: match a figure to an existing subject, or propose a new one.

The words that name what is counted (the noun after the number, the place
names of the sentence) are compared with each subject's label and
description; two shared content words make a match. The names of the war's two
parties ("Russian", "Ukraine") are in nearly every sentence and tell no subject
apart, so they do not count; and a subject whose label names a place ("Civilians
in the Sumy strike") matches only a sentence that names it too. Otherwise a new
subject is proposed with an id built from those words, for the analyst to rename
or merge.
"""

import re
from dataclasses import dataclass

from analysis.drafting.text import without_dateline
from analysis.language.datewords import MONTHS, WEEKDAYS

_STOP = {
    "the", "a", "an", "of", "in", "on", "to", "and", "or", "for", "by", "at", "from", "with", "as",
    "its", "their", "his", "her", "that", "this", "were", "was", "have", "has", "had", "been",
    "be", "are", "is", "who", "which", "said", "says", "some", "about", "more", "than", "over",
    "least", "up", "all", "new", "one", "two", "people", "out", "into", "after", "since",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z][\w-]*")
_NOUN_AFTER = re.compile(r"^\s*((?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*?s)\b")
_GENERIC = {"people", "others", "them", "those", "persons"}
_PARTIES = {"russia", "russian", "ukraine", "ukrainian"}  # stems; they tell no subject apart
DRAFTED = "Drafted from:"


@dataclass(frozen=True)
class Subject:
    """A subject row: id, label, description."""

    subject_id: str
    label: str
    description: str


def stem(word: str) -> str:
    w = word.lower().strip("'’")
    for suffix in ("ies", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


def content(words: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(words) if w.lower() not in _STOP and len(w) > 2}


def places(sentence: str) -> set[str]:
    """Capitalised words that are not the sentence's first word: places, forces, names."""
    found = set()
    for m in _WORD.finditer(sentence):
        word = m.group(0)
        if m.start() > 0 and word[0].isupper() and len(word) > 2 and word.lower() not in _STOP:
            found.add(stem(word))
    return found


def is_generic(noun: str) -> bool:
    """No noun, or one that names no one in particular ("people", "others")."""
    return not noun or noun.lower() in _GENERIC


def counted_noun(text: str, end: int) -> str:
    """The (plural) noun right after the number: "civilians", "North Korean soldiers"."""
    m = _NOUN_AFTER.match(text[end : end + 50])
    return m.group(1) if m else ""


def same_place(a: str, b: str) -> bool:
    """A place and its people's adjective are one word: Korea and Korean, Iran and Iranian,
    Germany and German, Belarus and Belarusian (one is the other plus at most three letters)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    grown = long.startswith(short) or (
        len(long) > len(short) and short[-1] in "aeiouy" and long.startswith(short[:-1])
    )  # Ukraine and Ukrainian; never Sumy and sums
    return len(short) >= 4 and grown and len(long) - len(short) <= 3


def common(words: set[str], others: set[str]) -> set[str]:
    """The words of `words` that one of `others` names too (see same_place)."""
    return {w for w in words if any(same_place(w, o) for o in others)}


def is_party(word: str) -> bool:
    return bool(common({word}, _PARTIES))


def match(noun: str, sentence: str, known: list[Subject]) -> tuple[Subject, int] | None:
    """The best existing subject for the figure and its score, when two content words agree
    (party names aside) and the sentence names every place the subject's label names.

    The score counts the shared words, and the counted noun's ("troops") twice.
    """
    counted = content(noun)
    words = {w for w in content(noun) | places(sentence) if not is_party(w)}
    best, score = None, 0
    for s in known:
        wanted = label_places(s)
        if common(wanted, words) != wanted:
            continue  # "Civilians in the Sumy strike" is not a sentence about Kherson
        drafted = s.description.startswith(DRAFTED)
        own = content(s.label if drafted else s.label + " " + s.description)
        shared = common(words, own | set(s.subject_id.split("_")))
        points = len(shared) + len(common(shared, counted))
        if len(shared) >= 2 and points > score:
            best, score = s, points
    return (best, score) if best else None


def label_places(subject: Subject) -> set[str]:
    """The places, forces and names a subject's label gives (its first word aside)."""
    return {w for w in places(subject.label) if not is_party(w)}


def slug(words: str) -> str:
    parts = [w.lower() for w in _WORD.findall(words) if w.lower() not in _STOP][:4]
    return re.sub(r"[^a-z0-9_]", "", "_".join(parts).replace("-", "_")) or "subject"


def propose(noun: str, sentence: str, measure: str, taken: set[str], labels=()) -> Subject:
    """A new subject for the analyst to review, with an id and a label not yet used."""
    head = noun if noun.lower() not in _GENERIC and noun else measure.replace("_", " ")
    place = next((w for w in _WORD.findall(without_dateline(sentence))[1:] if _is_place(w)), "")
    base = slug(f"{head} {place}" if place and place.lower() not in head.lower() else head)
    label = (f"{head} ({place})" if place else head).strip()
    label = label[:1].upper() + label[1:]
    sid, named, n = base, label, 1
    while sid in taken or named in labels:  # one number for both: wounded_2 is "Wounded 2"
        n += 1
        sid, named = f"{base}_{n}", f"{label} {n}"
    label = named
    return Subject(sid, label, f"{DRAFTED} {sentence[:120].strip()}")


_CALENDAR = MONTHS.keys() | WEEKDAYS.keys()


def _is_place(word: str) -> bool:
    """A capitalised word that can tell a subject apart: not a party's name, day or month."""
    w = word.lower()
    compound = "-" in word and not word.split("-")[-1][:1].isupper()  # "Iranian-designed"
    return (
        word[0].isupper()
        and len(word) > 2
        and not compound
        and not is_party(stem(w))
        and w not in _CALENDAR | _STOP
    )
