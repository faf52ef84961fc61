"""Who claims a figure: claimant, relay, kind of claimant, warring side, verification.

Patterns, tried in order on the figure's sentence:
  "according to X, which cited Y" / "X, citing Y"   claimant Y relayed by X
  "according to X"                                  claimant X
  "X said|told|estimated|reported|..."              claimant X (titles dropped:
                                                    "regional governor Oleh Syniehubov")
  "said X"                                          claimant X (inverted)
  "X reporting", "Reports indicated"                claimant X, "Unnamed reports"
A pronoun or a definite description ("it said", "the agency said") takes the
latest named claimant, preferring one whose name contains the description's
noun. A sentence without attribution takes the previous sentence's in the
same paragraph (medium confidence), else "Unattributed (article text)".
"""

import re
from dataclasses import dataclass

UNATTRIBUTED = "Unattributed (article text)"
_VERBS = (
    r"said|says|told|estimated|estimates|reported|reports|stated|wrote|added|confirmed"
    r"|announced|claimed|alleged|noted|warned|show|showed|shows|put|made claims|believes"
)
_NAME = r"(?:[A-Z][\w.'’-]*|of|the|for|and|in|on)"
_PHRASE = r"(?:(?:[A-Z]\.){2,}|[^,.;(])+?"  # words up to punctuation; "U.S." stays whole
_ACCORDING = re.compile(
    rf"\b[Aa]ccording to (?P<x>{_PHRASE})\s*(?=,|\.$|\.\s|;|\(|$)(?P<rest>.*)", re.S
)
_CITING = re.compile(rf"^,?\s*(?:which|who)?\s*cit(?:ed|ing)\s+(?P<y>{_PHRASE})\s*(?=[,.;(]|$)")
_X_CITING = re.compile(
    r"(?:^|[,;]\s*)(?P<x>[^,;]+?)\s+(?:"
    + _VERBS
    + rf")\b[^,]*,\s*citing\s+(?P<y>{_PHRASE})\s*(?=[,.;(]|$)"
)
_X_APPOSITION = re.compile(
    r"(?:^|[,;“”\"]\s*)(?P<x>[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5}?),\s+(?:an?|the)\s+[^,]+,\s+"
    r"(?P<verb>" + _VERBS + r")\b"
)
_X_VERB = re.compile(
    r"(?:^|[,;“”\"]\s*|\bthat\s+|\band\s+)(?P<x>(?:[\w.'’()-]+\s+){0,7}?[\w.'’()-]+)\s+"
    r"(?:has\s+|had\s+|have\s+)?(?P<verb>" + _VERBS + r")\b"
)
_VERB_X = re.compile(r"\b(?:said|says|told)\s+(?P<x>(?:[A-Z][\w.'’-]*\s*){1,4})(?=[,.]|$)")
_REPORTING = re.compile(r"\b(?P<x>[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)*)\s+reporting\b")
_REPORTS = re.compile(r"^(?:Reports|Media reports)\s+(?:indicated|suggest|said|say)\b")
_TITLE = re.compile(
    r"^(?:.*\b)?(?:President|Minister|minister|governor|Governor|mayor|Mayor|spokesman"
    r"|spokeswoman|spokesperson|head|chief|Chief|commander|Commander|General|secretary"
    r"|Secretary|ambassador|Ambassador|adviser|leader)\s+(?P<name>(?:[A-Z][\w'’-]+\s*){2,3})$"
)
_PRONOUN = re.compile(r"^(?:[Ii]t|[Hh]e|[Ss]he|[Tt]hey|[Tt]he (?P<noun>[a-z][a-z ]*))$")
_GENERIC = {"agency", "ministry", "military", "mission", "force", "governor", "official",
            "officials", "spokesman", "spokeswoman", "army", "office", "service", "organisation",
            "organization", "committee", "minister", "president", "mayor", "police"}  # fmt: skip
_OWN = re.compile(r"^(?:its|their|his|her)\b", re.IGNORECASE)
_SUBJECT = re.compile(
    r"^(?P<x>(?:The\s+)?[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,6}?)\s+(?:has|have|had|is|was|were|are)\s"
)
_ACRONYM = re.compile(r"^(?:[Tt]he\s+)?(?P<acronym>[A-Z]{2,6})$")
_NOT_CLAIMANT = re.compile(
    r"^(?:it is|this|there|which|who|what|figures?|data|i|we|you)$|\b(?:is|was|are|were|be|"
    + _VERBS
    + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Source:
    """A drafted attribution: claimant, relay, the rule that found it, and a confidence."""

    claimant: str
    relayed_by: str
    rule: str
    confidence: str
    explicit: bool = True  # found in the sentence itself
    words: str = ""  # the words as written, titles included (they tell the side)


def _clean(x: str) -> str:
    x = " ".join(x.split()).strip(' ,;“”"')
    x = re.sub(r"\s*\([^)]*\)$", "", x)
    x = re.sub(r"\s+(?:speaking|who|on condition|familiar with|briefed)\b.*$", "", x)
    x = re.sub(r"^(?:and|but|while|with)\s+", "", x, flags=re.IGNORECASE)
    if m := _TITLE.match(x):
        x = m["name"].strip()
    return x[:1].upper() + x[1:]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and "'" not in w and "’" not in w)


def history_words(history: list) -> list[tuple[str, str]]:
    """(claimant, words as written) of earlier sources."""
    return [(h.claimant, h.words) if isinstance(h, Source) else (h, h) for h in history]


def resolve(x: str, history: list) -> tuple[str, str]:
    """A pronoun or 'the agency' resolved against earlier claimants; (name, confidence)."""
    if a := _ACRONYM.match(x.strip()):
        for name, words in reversed(history_words(history)):
            if f"({a['acronym']})" in words or _initials(name) == a["acronym"]:
                return name, "medium"
    m = _PRONOUN.match(x.strip())
    if not m:
        return _clean(x), "high"
    noun = (m["noun"] or "").lower()
    if noun and noun.split()[-1] not in _GENERIC:
        return _clean(x), "medium"  # "the regional military administration": a name as written
    names = [n for n, _ in history_words(history)]
    for name, words in reversed(history_words(history)):
        if noun and noun.split()[-1] in words.lower():
            return name, "medium"
    if names:
        return names[-1], "low"
    return _clean(x), "low"


def explicit_source(sentence: str, history: list) -> Source | None:
    """The attribution written in the sentence itself, if any (with the words as written)."""
    found = _explicit(sentence, history)
    if found is None:
        return None
    return found


def _explicit(sentence: str, history: list) -> Source | None:
    if m := _ACCORDING.search(sentence):
        x, rest = m["x"], m["rest"]
        if (c := _CITING.match(rest)) and not _OWN.match(c["y"]):
            return Source(
                _clean(c["y"]), _clean(x), "'according to X, which cited Y'", "high", True, c["y"]
            )
        name, conf = resolve(x, history)
        return Source(name, "", "'according to X'", conf, True, x)
    if m := _X_CITING.search(sentence):
        relay, conf = resolve(m["x"], history)
        return Source(_clean(m["y"]), relay, "'X said, citing Y'", conf, True, m["y"])
    if _REPORTS.match(sentence):
        return Source("Unnamed reports", "", "'Reports indicated'", "medium")
    if m := _VERB_X.search(sentence):
        x = m["x"].strip()
        if not _NOT_CLAIMANT.search(x):
            return Source(_clean(x), "", "'said X'", "high", True, x)
    for pattern in (_X_APPOSITION, _X_VERB):
        for m in pattern.finditer(sentence):
            x = m["x"]
            if _NOT_CLAIMANT.search(x):
                continue
            own = _SUBJECT.match(sentence)
            if own and _PRONOUN.match(x.strip()) and not m["x"].lower().startswith("the "):
                return Source(
                    _clean(own["x"]), "", f"'X ... it {m['verb']}'", "medium", True, own["x"]
                )
            name, conf = resolve(x, history)
            return Source(name, "", f"'X {m['verb']}'", conf, True, x)
    if m := _REPORTING.search(sentence):
        return Source(_clean(m["x"]), "", "'X reporting'", "high", True, m["x"])
    return None


def carried(previous: Source | None) -> Source:
    """The attribution of a sentence that has none of its own."""
    if previous is None:
        return Source(UNATTRIBUTED, "", "no attribution in the sentence or before it", "medium",
                      explicit=False)  # fmt: skip
    return Source(
        previous.claimant,
        previous.relayed_by,
        "carried from the previous sentence of the paragraph",
        "medium",
        False,
        previous.words,
    )


_IO = re.compile(
    r"(?<!\w)(?:U\.?N\.?|United Nations|UNHCR|UNICEF|IOM|International Organization for Migration"
    r"|OHCHR|ICRC|Red Cross|WHO|World Health Organization|OSCE|IAEA)(?!\w)"
)
_MEDIA = re.compile(
    r"(?<!\w)(?:Reuters|Associated Press|AP|AFP|BBC|CNN|New York Times|Washington Post|Guardian"
    r"|Mediazona|Meduza|Kyiv Independent|Financial Times|Wall Street Journal|outlet"
    r"|newspaper)(?!\w)"
)
_UKRAINE = re.compile(
    r"\b(?:Ukraine|Ukrainian|Ukraine's|Ukraine’s|Kyiv|Zelensky|Zelenskyy|National police"
    r"|regional governor|governor|mayor|military administration|air force|General Staff"
    r"|local authorities)\b",
    re.IGNORECASE,
)
_RUSSIA = re.compile(r"\b(?:Russia|Russian|Russia's|Russia’s|Moscow|Moscow's|Kremlin|Putin|TASS)\b")
_THIRD = re.compile(
    r"(?<!\w)(?:Western|U\.S\.|US|American|British|UK|South Korea|South Korean|South Korea's"
    r"|South Korea’s|Seoul|NIS|Pentagon|NATO|German|French|Polish|Joint Chiefs)(?!\w)"
)


def kind(claimant: str, context: str = "") -> tuple[str, str, str]:
    """(claimant_type, party_side, rule) from the claimant's words (and its sentence)."""
    if claimant == UNATTRIBUTED or claimant == "Unnamed reports":
        return "unknown", "none", "no named claimant"
    words = claimant + " " + context
    found = {
        "international_organisation": bool(_IO.search(claimant)),
        "media": bool(_MEDIA.search(claimant)),
        "ukraine": bool(_UKRAINE.search(words)),
        "russia": bool(_RUSSIA.search(words)) and not _MEDIA.search(claimant),
        "third_country": bool(_THIRD.search(claimant)),
    }
    if found["international_organisation"]:
        return "international_organisation", "none", "an international organisation's name"
    if found["media"]:
        return "media", "none", "a news outlet's name"
    party = [s for s in ("ukraine", "russia") if found[s]]
    if found["third_country"] and party:
        return "mixed", party[0], "a third country and a warring party named together"
    if found["third_country"]:
        return "third_country", "none", "a third country's name"
    if party:
        return "party_to_conflict", party[0], f"'{party[0]}' words in the claimant or its title"
    return "unknown", "none", "no rule knows this claimant"


_UNVERIFIED = re.compile(
    r"could not (?:be )?independently (?:be )?verif|lacks? independent verification"
    r"|could not verify|unverified|without (?:providing )?evidence",
    re.IGNORECASE,
)
_DISPUTED = re.compile(
    r"\b(?:denied|denies|dismissed|rejected|disputed|disputes|refuted|too low|too high)\b",
    re.IGNORECASE,
)


def verification(sentence: str, following: str) -> tuple[str, str]:
    """(verification, rule) from the figure's sentence and the next one of its paragraph."""
    for words, where in ((sentence, "in the sentence"), (following, "in the next sentence")):
        if m := _UNVERIFIED.search(words):
            return "unverified", f"'{m.group(0)}' {where}"
        if (m := _DISPUTED.search(words)) and re.search(r"figure|claim|report|toll", words):
            return "disputed", f"'{m.group(0)}' {where}"
    return "reported", "no doubt raised nearby"
