"""Who claims a figure: claimant, relay, kind of claimant, warring side, verification.

Patterns, tried in order on the figure's sentence (or its clause, see below):
  "according to X, which cited Y" / "X said, citing Y" / "X, citing Y, said"
  / "Y, which cited X" / "according to X, quoted by Y"
                                                    claimant and relay
  "according to X"                                  claimant X ("according to its
                                                    mayor, Ihor Terekhov": the name)
  "its mayor, Ihor Terekhov, said" / "X said|told|estimated|reported|recorded|..."
                                                    claimant X (titles dropped:
                                                    "regional governor Oleh Syniehubov")
  "said X"                                          claimant X (inverted)
  "X reporting", "Reports indicated"                claimant X, "Unnamed reports"
A surname, a pronoun or a description ("Fedorov said", "it said", "the agency
said", "its mayor") takes the nearest compatible name before it
(analysis.drafting.coreference); "the air force" named nowhere before is the
air force of the dateline's country; anything else stays as written.

Reach: a sentence split by semicolons is read clause by clause; a clause without
an attribution takes the one of the sentence's last clause when that clause
ends with it ("Two died; ten were injured, the governor said"), else the figure
is the article's own ("Video ... showed a tram torn apart; two of its
passengers were among the dead"). A sentence without any attribution takes the
latest one of its paragraph (medium confidence); a paragraph break or a
sentence with an attribution of its own stops that carry-over.
"""

import re
from dataclasses import dataclass

from analysis.drafting import coreference
from analysis.drafting.coreference import Named, clean_name
from analysis.language.numbers import find_mentions

UNATTRIBUTED = "Unattributed (article text)"
_VERBS = (
    r"said|says|told|estimated|estimates|reported|reports|stated|wrote|added|confirmed"
    r"|announced|claimed|alleged|noted|warned|show|showed|shows|put|made claims|believes"
    r"|recorded|verified|documented|registered|counted|found(?=\s+that\b)"
)
_PHRASE = r"(?:(?:[A-Z]\.){2,}|[^,.;(])+?"  # words up to punctuation; "U.S." stays whole
_ACCORDING = re.compile(
    rf"\b[Aa]ccording to (?P<x>{_PHRASE})\s*(?=,|\.$|\.\s|;|\(|$)(?P<rest>.*)", re.S
)
_CITING = re.compile(rf"^,?\s*(?:which|who)?\s*cit(?:ed|ing)\s+(?P<y>{_PHRASE})\s*(?=[,.;(]|$)")
_QUOTED = re.compile(rf"^,?\s*(?:as\s+)?quoted by\s+(?P<y>{_PHRASE})\s*(?=[,.;(]|$)")
_X_CITING = re.compile(
    r"(?:^|[,;]\s*)(?P<x>[^,;]+?)\s+(?:"
    + _VERBS
    + rf")\b[^,]*,\s*citing\s+(?P<y>{_PHRASE})\s*(?=[,.;(]|$)"
    + rf"|(?:^|[,;]\s*)(?P<x2>[^,;]+?),\s*citing\s+(?P<y2>{_PHRASE}),\s+(?:{_VERBS})\b"
)
_WHICH_CITED = re.compile(
    rf"(?:^|[,;]\s*)(?P<y>[A-Z][^,;]*?),\s+which\s+cited\s+(?P<x>{_PHRASE})\s*(?=[,.;(]|$)"
)
_X_APPOSITION = re.compile(
    r"(?:^|[,;“”\"]\s*)(?P<x>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,7}?),\s+(?:an?|the)\s+[^,]+,"
    r"\s+"
    r"(?P<verb>" + _VERBS + r")\b"
)
_X_VERB = re.compile(
    r"(?:^|[,;“”\"]\s*|\bthat\s+|\band\s+)(?P<x>(?:[\w.'’()-]+\s+){0,7}?[\w.'’()-]+)\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:(?:also|later|further|separately|previously)\s+)?"
    r"(?P<verb>" + _VERBS + r")\b"
)
_DESCRIPTION_VERB = re.compile(
    coreference.DESCRIPTION_THEN_NAME.pattern + r",\s+(?:has\s+|had\s+)?(?P<verb>" + _VERBS + r")\b"
)
_VERB_X = re.compile(r"\b(?:said|says|told)\s+(?P<x>(?:[A-Z][\w.'’-]*\s*){1,4})(?=[,.]|$)")
_REPORTING = re.compile(r"\b(?P<x>[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)*)\s+reporting\b")
_REPORTS = re.compile(r"^(?:Reports|Media reports)\s+(?:indicated|suggest|said|say)\b")
_PRONOUN = re.compile(r"^(?:[Ii]t|[Hh]e|[Ss]he|[Tt]hey|(?:[Tt]he|[Ii]ts|[Tt]heir) [a-z][a-z ]*)$")
_OWN = re.compile(r"^(?:its|their|his|her)\b", re.IGNORECASE)
_SUBJECT = re.compile(
    r"^(?P<x>(?:The\s+)?[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,6}?)\s+(?:has|have|had|is|was|were|are)\s"
)
_DATA_OF = re.compile(r"(?P<x>(?:the\s+)?[a-z][a-z ]+?)\s+(?:data|figures|statistics)")
_TRAILING_RELAY = re.compile(r",\s+(?P<y>[^,;]{2,60}?)\s+(?:reported|reports)[.”\"]*\s*$")
_ACRONYM = re.compile(r"^(?:[Tt]he\s+)?(?P<acronym>[A-Z]{2,6})$")
_NOT_CLAIMANT = re.compile(
    r"^(?:it is|this|there|which|who|what|figures?|data|i|we|you)$|\b(?:is|was|are|were|be|"
    + _VERBS
    + r")\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r",\s+(?:[^;]{0,120}?\b(?:" + _VERBS + r")\b[^,;]*|according to [^;]*)[.”\"]*\s*$"
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


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and "'" not in w and "’" not in w)


def names_of(history: list, line: int = -1) -> list[Named]:
    """Earlier names as coreference reads them; a Source gives its claimant, then its relay."""
    out: list[Named] = []
    for h in history:
        if isinstance(h, Named):
            out.append(h)
        elif isinstance(h, Source) and h.claimant != UNATTRIBUTED:
            out += source_names(h, len(out), line)
    return out


def source_names(src: Source, at: int, line: int) -> list[Named]:
    """The names an attribution puts in the article: the claimant, then the relay that spoke."""
    if src.claimant in (UNATTRIBUTED, "Unnamed reports"):
        return []
    chain = (src.claimant, src.relayed_by) if src.relayed_by else None
    outlet = bool(src.relayed_by) and kind(src.relayed_by)[0] == "media"
    out = [Named(src.claimant, src.words or src.claimant, coreference.kind_of(src.claimant),
                 at, line, chain, outlet)]  # fmt: skip
    if src.relayed_by:
        relay_kind = coreference.kind_of(src.relayed_by)
        out.append(Named(src.relayed_by, src.relayed_by, relay_kind, at, line, chain, outlet))
    return out


def resolve(x: str, history: list, line: int = -1, place: str = "") -> Source:
    """A surname, pronoun, description or acronym resolved to an earlier name, else as written."""
    named = names_of(history, line)
    if a := _ACRONYM.match(x.strip()):
        for n in reversed(named):
            if f"({a['acronym']})" in n.words or _initials(n.name) == a["acronym"]:
                return Source(
                    n.name, "", "an acronym of a name given before", "medium", True, n.words
                )
    if hit := coreference.resolve(x, named, line):
        return Source(hit.claimant, hit.relayed_by, hit.rule, hit.confidence, True, hit.words)
    if country := coreference.national(x, place):
        return Source(
            country, "", "named nowhere before: the dateline's country", "low", True, country
        )
    if (m := _DATA_OF.fullmatch(x.strip())) and (body := _body(m["x"], named, line, place)):
        return Source(body.claimant, body.relayed_by, f"'{m['x']} data': {body.rule}",
                      body.confidence, True, body.words)  # fmt: skip
    if _PRONOUN.match(x.strip()):
        return Source(clean_name(x), "", "nothing compatible named before", "low", True, x)
    return Source(clean_name(x), "", "", "high", True, x)


def _body(x: str, named: list[Named], line: int, place: str) -> Source | None:
    """ "air force" in "citing air force data": the body, when a rule knows it."""
    if hit := coreference.resolve("the " + x, named, line):
        return Source(hit.claimant, hit.relayed_by, hit.rule, hit.confidence, True, hit.words)
    if country := coreference.national(x, place):
        return Source(country, "", "the dateline's country", "low", True, country)
    return None


def explicit_source(sentence: str, history: list, line: int = -1, place: str = "") -> Source | None:
    """The attribution written in the sentence itself, if any (with the words as written)."""
    found = _explicit(sentence, history, line, place)
    if found is None or found.relayed_by:
        return found
    if (t := _TRAILING_RELAY.search(sentence)) and clean_name(t["y"]) != found.claimant:
        rule = found.rule + ", then 'Y reported'"
        return Source(found.claimant, clean_name(t["y"]), rule, found.confidence, True, found.words)
    quoted = re.search(rf",\s*(?:as\s+)?quoted by\s+(?P<y>{_PHRASE})\s*(?=[,.;(]|$)", sentence)
    if quoted:  # "X said, quoted by Y"
        rule = found.rule + ", quoted by Y"
        return Source(
            found.claimant, clean_name(quoted["y"]), rule, found.confidence, True, found.words
        )
    return found


def _named(x: str, rule: str, history: list, line: int, place: str) -> Source:
    """A claimant's words resolved, with the pattern's rule in front of the resolution's."""
    r = resolve(x, history, line, place)
    return Source(r.claimant, r.relayed_by, "; ".join(filter(None, [rule, r.rule])), r.confidence,
                  True, r.words)  # fmt: skip


def _explicit(sentence: str, history: list, line: int, place: str) -> Source | None:
    if m := _ACCORDING.search(sentence):
        return _according(sentence, m, history, line, place)
    if m := _X_CITING.search(sentence):
        x, y = m["x"] or m["x2"], m["y"] or m["y2"]
        relay, cited = resolve(x, history, line, place), resolve(y, history, line, place)
        return Source(cited.claimant, relay.claimant, "'X said, citing Y'", relay.confidence, True,
                      cited.words)  # fmt: skip
    if m := _WHICH_CITED.search(sentence):
        return Source(clean_name(m["x"]), clean_name(m["y"]), "'Y, which cited X'", "high", True,
                      m["x"])  # fmt: skip
    if _REPORTS.match(sentence):
        return Source("Unnamed reports", "", "'Reports indicated'", "medium")
    if m := _VERB_X.search(sentence):
        x = m["x"].strip()
        if not _NOT_CLAIMANT.search(x):
            return _named(x, "'said X'", history, line, place)
    if m := _DESCRIPTION_VERB.search(sentence):
        rule = f"'its mayor, Name, {m['verb']}': the name"
        return Source(
            clean_name(m["name"]), "", rule, "high", True, m.group("words") + " " + m["name"]
        )
    return _subject_verb(sentence, history, line, place)


def _according(sentence: str, m: re.Match, history: list, line: int, place: str) -> Source:
    x, rest = m["x"], m["rest"]
    if (c := _CITING.match(rest)) and not _OWN.match(c["y"]):
        return Source(clean_name(c["y"]), clean_name(x), "'according to X, which cited Y'", "high",
                      True, c["y"])  # fmt: skip
    if q := _QUOTED.match(rest):
        src = _named(x, "'according to X, quoted by Y'", history, line, place)
        return Source(src.claimant, clean_name(q["y"]), src.rule, src.confidence, True, src.words)
    d = coreference.DESCRIPTION_THEN_NAME.match(sentence, m.start("x"))
    if d:  # "according to its mayor, Ihor Terekhov"
        return Source(clean_name(d["name"]), "", "'according to its mayor, Name': the name", "high",
                      True, d.group(0))  # fmt: skip
    return _named(x, "'according to X'", history, line, place)


def _subject_verb(sentence: str, history: list, line: int, place: str) -> Source | None:
    for pattern in (_X_APPOSITION, _X_VERB):
        for m in pattern.finditer(sentence):
            x = m["x"]
            if _NOT_CLAIMANT.search(x):
                continue
            own = _SUBJECT.match(sentence)
            if (
                own
                and re.fullmatch(r"[Ii]t|[Tt]hey", x.strip())
                and not _NOT_CLAIMANT.search(own["x"])
                and not _PRONOUN.match(own["x"].strip())
                and not find_mentions(own["x"])  # "About a quarter of those ... , it said"
            ):  # "The mission has recorded 12,300 ..., it said": its own subject
                return Source(clean_name(own["x"]), "", f"'X ... it {m['verb']}'", "medium", True,
                              own["x"])  # fmt: skip
            return _named(x, f"'X {m['verb']}'", history, line, place)
    if m := _REPORTING.search(sentence):
        return Source(clean_name(m["x"]), "", "'X reporting'", "high", True, m["x"])
    return None


def clauses(sentence: str) -> list[tuple[int, int]]:
    """The clauses of a sentence split at semicolons, as offsets into it."""
    cuts = [m.end() for m in re.finditer(r";\s*", sentence)]
    starts = [0] + cuts
    ends = [c for c in cuts] + [len(sentence)]
    return list(zip(starts, ends, strict=True))


def reaches_back(clause: str) -> bool:
    """A clause that ends with its attribution speaks for the whole sentence."""
    return bool(_TRAILING.search(clause))


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


def not_reached(sentence_rule: str) -> Source:
    """A figure in a clause its sentence's attribution does not reach: the article's own."""
    return Source(UNATTRIBUTED, "", f"the sentence's attribution ({sentence_rule}) is in another "
                  "clause and does not reach the figure", "medium", explicit=False)  # fmt: skip


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
