"""Who a surname, a pronoun or a description refers to: the nearest compatible name before it.

Names enter in the order the article gives them: people with a title or an
apposition ("regional governor Ivan Fedorov", "Danielle Bell, head of the
mission", "its mayor, Ihor Terekhov"), bodies by their head noun ("Russia's
Foreign Ministry", "the U.N. Human Rights Monitoring Mission in Ukraine",
"Ukraine's air force") or an apposition ("DeepState, an analysis group"), and
every claimant and relay the attribution rules found. A reference resolves to
the nearest earlier name it is compatible with:

    "Fedorov"                      a person whose name ends with that word
    "he", "she"                    a person
    "it"                           a body
    "they", "the officials"        a group ("Western officials"), else a body
    "the governor", "its mayor"    a person whose title has that noun
    "the ministry", "the agency"   a body whose words have that noun, or of its class
                                   (an agency: a U.N. agency; the military: a general staff)

A name that spoke for a relayed claim ("the military said, citing Ukrainian
intelligence") keeps the chain when referred to again in the same paragraph
("Around 400 of them died, it said"); so does the source a news outlet relays
("according to the Journal, which cited Western officials. The officials said");
a source a person relays ("lawmaker Lee told reporters, citing the NIS. The spy
agency also said") and anything after a paragraph break speak for themselves.
Nothing compatible: None, and the words stay as written.
"""

import re
from dataclasses import dataclass

_TITLES = (
    r"governor|mayor|minister|spokes(?:man|woman|person)|president|commander|chief|head"
    r"|general|ombudsman|adviser|ambassador|envoy|secretary|leader|director|prosecutor|lawmaker"
    r"|legislator|commissioner|chairman|chairwoman"
)
_TITLE_RE = re.compile(rf"\b(?:{_TITLES})\b", re.IGNORECASE)
_CAP = r"[A-Z][\w.'’-]*"
_PERSON = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}"  # two or three capitalised words
_NAME_AFTER_TITLE = re.compile(
    rf"^(?:.*\b)?(?i:{_TITLES})(?:-[\w-]+)?\s+(?P<name>(?:[A-Z][\w'’-]+\s*){{2,3}})$"
)
_PERSON_TITLED = re.compile(
    rf"\b(?i:{_TITLES})(?:-[\w-]+)?\s+(?P<name>{_PERSON})(?=[\s,.;:]|$)"
)  # the words before the title are added by named_in ("regional governor")
_PERSON_THEN_TITLE = re.compile(
    rf"(?P<name>{_PERSON}),\s+(?P<words>(?:the\s+|an?\s+)?[^,.;]*?\b(?i:{_TITLES})\b[^,.;]*)"
)
DESCRIPTION_THEN_NAME = re.compile(
    rf"(?P<words>\b(?:[Ii]ts|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|{_CAP}(?:'s|’s))\s+(?:[\w.'’-]+\s+){{0,4}}?"
    rf"(?:(?i:{_TITLES})(?:-[\w-]+)?|agency|group|outlet|broadcaster|organi[sz]ation|monitor)"
    r"(?:\s+(?:of|to|for|in)\s+(?:the\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,2}?)?),\s+"
    rf"(?P<name>(?:(?i:{_TITLES})\s+)?{_CAP}(?:\s+{_CAP}){{0,3}})(?=\s*[,.;]|$)"
)
_NAME_THEN_DESCRIPTION = re.compile(
    rf"(?P<name>(?:the\s+)?{_CAP}(?:\s+(?:(?:of|for|the|and)\s+)*{_CAP}){{0,4}}),\s+"
    r"(?P<words>an?\s+[^,;]*?\b(?:agency|group|outlet"
    r"|broadcaster|organi[sz]ation|monitor|think tank)\b)"
)
_BODY_HEAD = (
    r"(?:Ministry|Mission|Agency|Staff|Administration|Service|Office|Organi[sz]ation|Committee"
    r"|Council|Police|Army|Guard|Command|Directorate|Intelligence|Institute|Bureau|Forces|Chiefs)"
)
_BODY = re.compile(
    rf"(?P<words>(?:{_CAP}\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?){{1,6}}?{_BODY_HEAD}(?:\s+{_BODY_HEAD})*\b"
    rf"(?:\s+(?:of|for|in|on)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)?(?:\s+\([A-Z]{{2,6}}\))?)"
    rf"|(?P<owned>{_CAP}(?:'s|’s)\s+(?:[a-z]+\s+)?(?:air force|military|army|navy|intelligence"
    r"|police|armed forces|general staff)\b)"
    r"|(?P<known>\b(?:UNHCR|UNICEF|IOM|OHCHR|IAEA|ICRC|NATO)\b)"
)
_DESCRIPTOR = re.compile(
    r"^(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}(?:agency|broadcaster|outlet|newspaper|channel|website"
    r"|daily|lawmaker|legislator|envoy|analyst|expert|monitor|think tank)\s+(?=[A-Z])"
)
_GROUP = re.compile(r"\b(?:officials|authorities|sources|officers|analysts|diplomats)$", re.I)
# what a description's noun is compatible with, in the words of an earlier body
_CLASSES = {
    "agency": r"\bagency\b|\bUNHCR\b|\bUNICEF\b|\bIOM\b|International Organization for Migration"
    r"|World Health Organization|\bIAEA\b|\bOHCHR\b|\bintelligence\b",
    "military": r"\bmilitary\b|\barmy\b|armed forces|\bstaff\b|joint chiefs|\bforces\b|air force"
    r"|\bnavy\b|defen[cs]e ministry",
    "army": r"\barmy\b|\bmilitary\b|armed forces|general staff|ground forces",
    "force": r"\bforce\b",
    "organisation": r"organi[sz]ation",
    "organization": r"organi[sz]ation",
}
_NATIONAL = ("air force", "general staff", "navy", "armed forces")
_UKRAINIAN_PLACES = re.compile(
    r"\b(?:UKRAINE|KYIV|KIEV|KHARKIV|ZAPORIZHZHIA|ODESA|ODESSA|DNIPRO|LVIV|KHERSON|SUMY|MYKOLAIV"
    r"|POLTAVA|CHERNIHIV|KRAMATORSK|SLOVIANSK|POKROVSK)\b",
    re.IGNORECASE,
)
_RUSSIAN_PLACES = re.compile(r"\b(?:RUSSIA|MOSCOW|BELGOROD|KURSK|ST\.? PETERSBURG)\b", re.I)


@dataclass(frozen=True)
class Named:
    """A person, body or group the article names, where, and the chain it spoke for."""

    name: str  # as the claimant column writes it: "Ivan Fedorov", "Russia's Foreign Ministry"
    words: str  # as written, titles and appositions included
    kind: str  # person, body or group
    at: int  # article offset: the order of naming
    line: int  # paragraph
    chain: tuple[str, str] | None = None  # (claimant, relayed_by) when it spoke for a relay
    outlet: bool = False  # the chain's relay is a news outlet


@dataclass(frozen=True)
class Referent:
    """What a reference resolved to: claimant and relay, the rule, and a confidence."""

    claimant: str
    relayed_by: str
    rule: str
    confidence: str
    words: str  # the referent's words as written (titles tell the side)


def clean_name(x: str) -> str:
    """A name as the claimant column writes it: no titles before a person, no remarks after."""
    x = " ".join(x.split()).strip(' ,;“”"')
    x = re.sub(r"(?<=[a-z]{2})\.$", "", x)  # a sentence's full stop, not "U.S."
    x = re.sub(r"\s*\([^)]*\)$", "", x)
    x = re.sub(r"\s+(?:speaking|who|on condition|familiar with|briefed)\b.*$", "", x)
    x = re.sub(r"^(?:and|but|while|with)\s+", "", x, flags=re.IGNORECASE)
    x = _DESCRIPTOR.sub("", x)  # "the public broadcaster Suspilne", "lawmaker Lee Seong-kweun"
    if m := _NAME_AFTER_TITLE.match(x):
        x = m["name"].strip()
    return x[:1].upper() + x[1:]


def kind_of(name: str, words: str = "") -> str:
    """person, body or group, from a cleaned name and the words it was written with."""
    if _GROUP.search(name):
        return "group"
    is_person = re.fullmatch(_PERSON, name) and not re.search(_BODY_HEAD, name)
    if is_person and not re.search(r"'s|’s|\b[A-Z]{2,}\b|^(?:The|South|North|United|New)\b", name):
        return "person"
    return "body"


def named_in(sentence: str, offset: int, line: int) -> list[Named]:
    """The people and bodies a sentence names, in the order it names them."""
    found: list[Named] = []
    for m in _PERSON_TITLED.finditer(sentence):
        before = " ".join(sentence[: m.start()].split()[-3:])
        words = f"{before} {m.group(0)}".strip()
        found.append(_named(m["name"], words, "person", offset + m.start(), line))
    for m in _PERSON_THEN_TITLE.finditer(sentence):
        found.append(_named(m["name"], m.group(0), "person", offset + m.start(), line))
    for m in DESCRIPTION_THEN_NAME.finditer(sentence):
        kind = "person" if _TITLE_RE.search(m["words"]) else "body"
        found.append(_named(m["name"], m.group(0), kind, offset + m.start("name"), line))
    for m in _NAME_THEN_DESCRIPTION.finditer(sentence):
        found.append(_named(m["name"], m.group(0), "body", offset + m.start(), line))
    for m in _BODY.finditer(sentence):
        found.append(_named(m.group(0), m.group(0), "body", offset + m.start(), line))
    return sorted(found, key=lambda n: n.at)


def _named(name: str, words: str, kind: str, at: int, line: int) -> Named:
    return Named(clean_name(name), words, kind, at, line)


def resolve(reference: str, earlier: list[Named], line: int) -> Referent | None:
    """The nearest earlier name compatible with a surname, pronoun or description."""
    ref = " ".join(reference.split())
    nearest = list(reversed(earlier))
    if re.fullmatch(r"(?i:he|she|it|they)", ref):
        return _pronoun(ref, nearest, line)
    if re.fullmatch(r"[A-Z][a-z][\w'’-]+", ref):
        for n in nearest:
            if n.kind == "person" and n.name.split()[-1] == ref and n.name != ref:
                return _referent(n, line, f"the surname of {n.name}, named before", "high")
        return None
    return _description(ref, nearest, line)


def _pronoun(ref: str, nearest: list[Named], line: int) -> Referent | None:
    wanted = {"he": "person", "she": "person", "it": "body"}.get(ref.lower(), "group")
    for kind in dict.fromkeys([wanted, "body"]):  # "they": a group, else a body
        if hit := next((n for n in nearest if n.kind == kind), None):
            return _referent(hit, line, f"'{ref}': the nearest {kind} named", "medium")
    return None


def _description(ref: str, nearest: list[Named], line: int) -> Referent | None:
    m = re.fullmatch(
        r"(?i:the|its|their|his|her|the city's|the city’s)\s+(?P<noun>[a-z][a-z ]*)", ref
    )
    if not m or len(m["noun"].split()) > 2:
        return None
    noun = m["noun"].lower()
    head = noun if noun in _NATIONAL or noun in _CLASSES else noun.split()[-1]
    if _TITLE_RE.fullmatch(head):
        hits = [n for n in nearest if n.kind == "person" and re.search(rf"\b{head}", n.words, re.I)]
    elif _GROUP.search(head):
        hits = [n for n in nearest if n.kind == "group" and head in n.name.lower()]
    else:
        pattern = _CLASSES.get(head, rf"\b{re.escape(head)}\b")
        hits = [n for n in nearest if n.kind == "body" and re.search(pattern, n.words, re.I)]
    if len(noun.split()) > 1 and noun not in _NATIONAL and head not in _CLASSES:
        hits = [n for n in hits if noun in n.words.lower()]  # "the regional administration"
    if hits:
        return _referent(hits[0], line, f"'{ref}': the nearest compatible name", "medium")
    return None


def _referent(n: Named, line: int, rule: str, confidence: str) -> Referent:
    origin = n.chain and n.name == n.chain[0]
    if n.chain and n.line == line and (n.outlet or not origin):
        claimant, relay = n.chain
        return Referent(
            claimant, relay, rule + ", with the chain it spoke for", confidence, n.words
        )
    return Referent(n.name, "", rule, confidence, n.words)


def national(reference: str, place: str) -> str | None:
    """ "the air force" named nowhere before: the air force of the dateline's country."""
    m = re.fullmatch(r"(?:(?i:the)\s+)?(?P<noun>[A-Za-z ]+)", reference.strip())
    if not m or m["noun"].lower() not in _NATIONAL:
        return None
    if _UKRAINIAN_PLACES.search(place):
        return f"Ukraine's {m['noun']}"
    if _RUSSIAN_PLACES.search(place):
        return f"Russia's {m['noun']}"
    return None
