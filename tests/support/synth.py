"""Synthetic corpora: valid, fully audited project data trees for tests and benchmarks.

`write_corpus(root, n_claims, seed)` writes `root/data/raw/` (the article texts
and the five curated CSV files) and an empty `root/data/processed/`. Articles
are generated English sentences; their only numbers are curated ones, so every
numeric mention the grammar of `analysis.language.numbers` finds is covered by a claim's
value_text or period_text, an event's date_text or an exclusion's mention, and
the coverage audit is 100%.

The figures come in the forms real articles use: "11,000", "1.2 million",
"nine", "twenty-one", "approximately half" (a relative claim), "over 13
million", "at least 40", "1000+", "between 61 and 74", "up to 5,000". Claims
come with part_of pairs (downed of launched, killed of deployed), periods
("in just three months", "since March 2022", "in 2019") resolved against the
article's publication interval, events and exclusions.

The output depends only on (n_claims, seed, claims_per_article): the same
arguments give the same bytes. Generation is linear in n_claims.

    python -m tests.support.synth /tmp/corpus --claims 20000 --seed 1
"""

import argparse
import calendar
import csv
import hashlib
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.curation import dictionary

if TYPE_CHECKING:
    from tests.support import synth_stories
from analysis.language import numbers

RAW_FILES = ("articles", "subjects", "claims", "events", "exclusions")
MONTHS = list(calendar.month_name)[1:]
_WORD_OF = {v: k for k, v in {**numbers.UNITS, **numbers.TENS}.items()}

# (base id, label, description): each template's subject is scoped to its place, so that
# unrelated strikes or attacks are never counted as one subject (see ArticleBuilder.subject)
SUBJECTS = (
    ("troops_sent", "Troops sent to the front", "Soldiers deployed to a front-line region"),
    ("drones_attack", "Drones in one attack", "Drones launched at a region in one reported attack"),
    ("civilians_strike", "Civilians in a strike", "Civilians hit by a reported strike on a town"),
    ("people_displaced", "People displaced", "People forced from their homes around a town"),
    ("territory", "Territory", "Land taken or retaken near a town"),
    ("army_personnel", "Army personnel", "Serving members of a regional army"),
    ("army_reserve", "Army reserve", "Reservists who can be called up in war"),
    ("regional_trade", "Regional trade", "Trade passing through a region"),
    ("search_operation", "Search operation", "A search and rescue operation after a strike"),
    ("wounded_soldiers", "Wounded soldiers", "Soldiers treated for wounds in a town"),
    ("combat_deaths", "Combat deaths", "People killed in fighting around a town"),
    ("residents_fled", "Residents who fled", "Residents who left a town since a date"),
    ("displaced_from", "People displaced", "People displaced from the area around a town"),
)

# (claimant, claimant_type, party_side, how the article introduces the claimant)
SOURCES = (
    ("Western officials", "third_country", "none", "According to Western officials, "),
    ("Ukraine's General Staff", "party_to_conflict", "ukraine", "Ukraine's General Staff said "),
    ("Russia's Defence Ministry", "party_to_conflict", "russia", "Russia's Defence Ministry said "),
    ("UN estimates", "international_organisation", "none", "According to UN estimates, "),
    ("The ICRC", "international_organisation", "none", "The ICRC reported that "),
    ("Ukrainian and U.S. officials", "mixed", "ukraine", "Ukrainian and U.S. officials said "),
    ("Local authorities", "party_to_conflict", "ukraine", "Local authorities said "),
    ("Unattributed (article text)", "unknown", "none", ""),
)
SUBJECT_TEXT = {base: (label, description) for base, label, description in SUBJECTS}
RELAYS = ("", "", "", "", "The New York Times", "Reuters", "Reuters via The Kyiv Independent")
VERIFICATION = ("reported",) * 6 + ("unverified", "disputed")

# Sentences without any number the grammar of analysis.language.numbers would find.
FILLER = (
    "The fighting has shown no sign of easing in recent weeks.",
    "Analysts say both sides are struggling to replace their losses.",
    "Humanitarian groups warned that conditions for civilians continue to worsen.",
    "Commanders have asked for more air defence systems and artillery shells.",
    "The claims could not be independently verified.",
    "Diplomats continued to discuss a possible ceasefire without visible progress.",
    "Residents described long nights in basements and shelters.",
    "Rescue workers searched the rubble for survivors through the night.",
    "Officials declined to comment on the movement of troops.",
    "The situation along the front line remains tense.",
    "Independent observers have repeatedly called for restraint.",
    "Supplies of food and medicine are running low in several districts.",
    "Military bloggers on both sides reported heavy shelling.",
    "The government promised to rebuild the damaged schools and hospitals.",
    "Satellite images showed fresh craters near the main road.",
    "Many families have left the area and moved further west.",
    "The ministry did not say how the figures had been compiled.",
    "Reporters were not allowed to visit the site.",
    "Local volunteers have organised shelters and field kitchens.",
    "Power cuts have become routine across the region.",
)
_CONSONANTS = "bdgklmnprstvz"
_VOWELS = "aeiou"
_SUFFIXES = ("sk", "ovo", "ino", "grad", "ivka", "ets")  # none is a prefix of another
_FRACTIONS = (("half", "0.5"), ("a third", "0.333333333333"), ("a quarter", "0.25"))


@dataclass(frozen=True)
class Value:
    """A figure as the article writes it and as claims.csv records it."""

    text: str  # value_text
    qualifier: str
    low: int | None = None
    best: int | None = None
    high: int | None = None
    core: str = ""  # the number words alone ("11,000"), for restating exclusions

    @property
    def floor(self) -> float:
        """Smallest value the claim allows (for part <= whole)."""
        for v in (self.low, self.best):
            if v is not None:
                return v
        return 0

    @property
    def ceiling(self) -> float:
        """Largest value the claim allows (for part <= whole)."""
        if self.qualifier in ("at_least", "more_than"):
            return float("inf")
        for v in (self.high, self.best):
            if v is not None:
                return v
        return float("inf")


@dataclass(frozen=True)
class Period:
    text: str
    start: str
    end: str
    basis: str


@dataclass
class Draft:
    """One generated sentence with the rows that cite it."""

    sentence: str
    relay: str | None = None  # relayed_by, the same for every claim of the sentence
    claims: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    exclusions: list[dict] = field(default_factory=list)

    def spans_unique(self) -> bool:
        """Every curated part occurs exactly once in its quote (the validator's rule)."""
        for rows, cols in (
            (self.claims, ("value_text", "period_text")),
            (self.events, ("date_text",)),
            (self.exclusions, ("mention",)),
        ):
            for row in rows:
                if row["quote"] not in self.sentence:
                    return False
                for col in cols:
                    if row[col] and row["quote"].count(row[col]) != 1:
                        return False
        return True


def _words(v: int) -> str:
    """1..99 in words: "nine", "forty", "twenty-one"."""
    if v in _WORD_OF:
        return _WORD_OF[v]
    return f"{_WORD_OF[v - v % 10]}-{_WORD_OF[v % 10]}"


def _months_back(d: date, k: int) -> date:
    month = d.month - 1 - k
    year, month = d.year + month // 12, month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


class ArticleBuilder:
    """Sentences and curated rows of one article."""

    def __init__(
        self,
        rng: random.Random,
        article_id: str,
        names: set[str] | None = None,
        story: "synth_stories.Story | None" = None,
    ):
        self.rng = rng
        self.id = article_id
        self.story = story
        if story is None:
            self.earliest = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
            self.latest = self.earliest + timedelta(days=rng.choice((0, 0, 0, 1, 6, 14, 30, 40)))
        else:
            self.earliest, self.latest = story.publication(rng)
        self.sentences: list[str] = []
        self.claims: list[dict] = []
        self.events: list[dict] = []
        self.exclusions: list[dict] = []
        self.names: set[str] = set() if names is None else names  # unique in the corpus
        self.subjects: dict[str, dict] = {}
        self.used: set[str] = set()  # story templates already used in this article
        self._n_claims = 0

    def subject(self, base: str, place: str, **extra: str) -> str:
        """The subject id of `base` at one place ("troops_sent-kalomosk"), registered."""
        subject_id = f"{base}-{place.lower()}"
        label, description = SUBJECT_TEXT[base]
        self.subjects[subject_id] = {
            "subject_id": subject_id,
            "label": f"{label}: {place}",
            "description": f"{description} ({place})",
            **extra,
        }
        return subject_id

    # -- building blocks ---------------------------------------------------

    def place(self) -> str:
        """A town name not used before in this article, so that every quote is unique."""
        rng = self.rng
        while True:
            name = "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(3))
            name = name.capitalize() + rng.choice(_SUFFIXES)
            if name not in self.names:
                self.names.add(name)
                return name

    def number(self, size: str) -> tuple[str, int]:
        """A number of the given magnitude, written as articles write it."""
        v, style = self.draw(size)
        return _spell(v, style), v

    def draw(self, size: str) -> tuple[int, str]:
        """A value of the given magnitude and a way of writing it (see _spell)."""
        rng = self.rng
        if size == "small":
            return rng.randint(2, 99), rng.choice(("words", "digits"))
        if size == "medium":
            v = rng.randrange(100, 10_000)
            if rng.random() < 0.5:
                v = v // 100 * 100
            return v, ("commas" if rng.random() < 0.8 else "digits")
        if size == "large":
            v = rng.randrange(10, 900) * 1000
            r = rng.random()
            if r < 0.15:
                return v, "thousand"
            if r < 0.25 and v < 100_000:
                return v, "words thousand"
            return v, "commas"
        v = rng.randint(11, 150) * 100_000
        if v % 1_000_000 == 0 and rng.random() < 0.4:
            return v, "words million"
        return v, "million"

    def value(self, size: str, qualifiers: tuple[str, ...], noun: str = "") -> Value:
        """A qualified figure; `noun` follows the number inside value_text."""
        rng = self.rng
        q = rng.choice(qualifiers)
        tail = f" {noun}" if noun else ""
        if q == "range":
            (a, style), (b, _) = self.draw(size), self.draw(size)
            a, b = sorted((a, b))
            if a == b or not (_can_spell(a, style) and _can_spell(b, style)):
                return self.value(size, ("exact",), noun)
            pattern = rng.choice(("between {} and {}", "{} to {}", "from {} to {}"))
            text = pattern.format(_spell(a, style), _spell(b, style))
            return Value(text + tail, q, low=a, high=b)
        text, v = self.number(size)
        if q == "exact":
            return Value(text + tail, q, low=v, best=v, high=v, core=text)
        if q == "approximately":
            hedge = rng.choice(("approximately", "about", "around", "some", "roughly"))
            return Value(f"{hedge} {text}{tail}", q, best=v, core=text)
        if q == "at_least":
            if text.isdigit() and rng.random() < 0.4:
                return Value(f"{text}+{tail}", q, low=v, core=f"{text}+")
            return Value(f"at least {text}{tail}", q, low=v, core=text)
        if q == "more_than":
            hedge = rng.choice(("over", "more than"))
            return Value(f"{hedge} {text}{tail}", q, low=v, core=text)
        hedge = "at most" if q == "at_most" else "up to"
        return Value(f"{hedge} {text}{tail}", q, high=v, core=text)

    def period(self, allow_none: bool = True) -> Period | None:
        rng = self.rng
        kind = rng.randrange(6 if allow_none else 5)
        end = self.latest.isoformat()
        if kind == 0:
            k = rng.randint(2, 11)
            text = rng.choice(("in just {} months", "over the past {} months"))
            start = _months_back(self.earliest, k)
            return Period(
                text.format(_words(k)), start.isoformat(), end, "resolved_from_publication"
            )
        if kind == 1:
            k = rng.randint(2, 9)
            start = self.earliest - timedelta(weeks=k)
            return Period(
                f"in {_words(k)} weeks", start.isoformat(), end, "resolved_from_publication"
            )
        if kind == 2:
            k = rng.randint(2, 19)
            start = self.earliest - timedelta(days=k)
            return Period(
                f"in just {_words(k)} days", start.isoformat(), end, "resolved_from_publication"
            )
        if kind == 3:
            start = _months_back(self.earliest, rng.randint(3, 40))
            text = f"since {MONTHS[start.month - 1]} {start.year}"
            return Period(text, f"{start.year}-{start.month:02d}", end, "stated")
        if kind == 4:
            year = str(self.earliest.year - rng.randint(1, 4))
            return Period(f"in {year}", year, year, "stated")
        return None

    def last_month(self, most: int = 9) -> tuple[str, str]:
        """("last November", "2024-11"): a month 2 to `most` months before publication.

        Unambiguous whichever day of the (at most 41-day) publication interval it is read on.
        """
        d = _months_back(self.earliest.replace(day=1), self.rng.randint(2, most))
        return f"last {MONTHS[d.month - 1]}", f"{d.year}-{d.month:02d}"

    def claim(
        self,
        draft: Draft,
        value: Value | None,
        subject: str,
        measure: str,
        unit: str,
        source: tuple,
        *,
        relative: tuple[str, str, str] | None = None,
        part_of: str = "",
        period: Period | None = None,
        notes: str = "",
    ) -> str:
        """Add a claim citing the draft's sentence; returns its id."""
        self._n_claims += 1
        claim_id = f"{self.id}-c{self._n_claims:03d}"
        claimant, claimant_type, party_side, _ = source
        if draft.relay is None:
            draft.relay = self.rng.choice(RELAYS)
        row = {
            "claim_id": claim_id,
            "article_id": self.id,
            "quote": draft.sentence,
            "subject_id": subject,
            "measure": measure,
            "unit": unit,
            "relative_to": "",
            "fraction": "",
            "part_of": part_of,
            "period_text": period.text if period else "",
            "period_start": period.start if period else "",
            "period_end": period.end if period else "",
            "period_basis": period.basis if period else "none",
            "claimant": claimant,
            "relayed_by": draft.relay,
            "claimant_type": claimant_type,
            "party_side": party_side,
            "verification": self.rng.choice(VERIFICATION),
            "notes": notes,
            "_core": "",
        }
        if relative:
            text, fraction, base = relative
            row.update(value_text=text, relative_to=base, fraction=fraction, low="", best="")
            row.update(high="", qualifier="exact" if text in dict(_FRACTIONS) else "approximately")
        else:
            assert value is not None
            row.update(
                value_text=value.text,
                qualifier=value.qualifier,
                low=_cell(value.low),
                best=_cell(value.best),
                high=_cell(value.high),
                _core=value.core,
            )
        draft.claims.append(row)
        return claim_id

    def event(self, draft: Draft, quote: str, date_text: str, start: str, end: str, **kw) -> None:
        n = len(self.events) + len(draft.events) + 1
        draft.events.append(
            {
                "event_id": f"{self.id}-e{n:02d}",
                "article_id": self.id,
                "quote": quote,
                "date_text": date_text,
                "date_start": start,
                "date_end": end,
                **kw,
            }
        )

    def exclusion(self, draft: Draft, quote: str, mention: str, reason: str, **kw) -> None:
        n = len(self.exclusions) + len(draft.exclusions) + 1
        draft.exclusions.append(
            {
                "exclusion_id": f"{self.id}-x{n:02d}",
                "article_id": self.id,
                "quote": quote,
                "mention": mention,
                "reason": reason,
                "refers_to": kw.get("refers_to", ""),
                "notes": kw.get("notes", ""),
            }
        )

    def add(self, make: Callable[["ArticleBuilder"], Draft]) -> None:
        """Generate a sentence until its curated parts are unique in it, then keep it."""
        start = self._n_claims
        for _ in range(100):
            self._n_claims = start
            draft = make(self)
            if draft.spans_unique():
                break
        else:  # pragma: no cover - the templates make collisions rare
            raise RuntimeError(f"could not generate a consistent sentence in {self.id}")
        self.sentences.append(draft.sentence)
        self.claims += draft.claims
        self.events += draft.events
        self.exclusions += draft.exclusions

    def text(self) -> str:
        """The article: sentences shuffled into paragraphs of three to six sentences."""
        sentences = self.sentences[:]
        self.rng.shuffle(sentences)
        paragraphs, i = [], 0
        while i < len(sentences):
            k = self.rng.randint(3, 6)
            paragraphs.append(" ".join(sentences[i : i + k]))
            i += k
        return "\n".join(paragraphs) + "\n"


def _spell(v: int, style: str) -> str:
    """Write v in a style: words (nine), digits (1229), commas (1,229), thousand
    (45 thousand), words thousand (forty-five thousand), million (1.2 million,
    13 million), words million (two million)."""
    if style == "words":
        return _words(v)
    if style == "digits":
        return str(v)
    if style == "commas":
        return f"{v:,}"
    if style == "thousand":
        return f"{v // 1000} thousand"
    if style == "words thousand":
        return f"{_words(v // 1000)} thousand"
    if style == "words million":
        return f"{_words(v // 1_000_000)} million"
    tenths = v // 100_000
    return f"{tenths // 10}.{tenths % 10} million" if tenths % 10 else f"{tenths // 10} million"


def _can_spell(v: int, style: str) -> bool:
    """Whether _spell(v, style) reads back as exactly v."""
    if style == "words":
        return 0 < v < 100
    if style in ("thousand", "words thousand"):
        return v % 1000 == 0 and (style == "thousand" or v < 100_000)
    if style == "million":
        return v % 100_000 == 0
    if style == "words million":
        return v % 1_000_000 == 0 and v < 100_000_000
    return True


def _cell(v: int | None) -> str:
    return "" if v is None else str(v)


def _lead(b: ArticleBuilder, attributed: bool = False) -> tuple:
    sources = SOURCES[:-1] if attributed else SOURCES
    return b.rng.choice(sources)


def rng_size(b: ArticleBuilder, sizes: tuple[str, ...]) -> str:
    return b.rng.choice(sizes)


def _sentence(lead: str, rest: str) -> str:
    s = lead + rest
    return s[0].upper() + s[1:]


# -- claim templates: (number of claims, function) ------------------------


def t_deployed_killed(b: ArticleBuilder) -> Draft:
    src, place = _lead(b, attributed=True), b.place()
    deployed = b.value(
        rng_size(b, ("medium", "large")), ("exact", "approximately", "more_than", "range")
    )
    killed_size = "small" if deployed.floor < 2000 else "medium"
    while True:
        killed = b.value(killed_size, ("exact", "at_least", "approximately", "range"))
        if killed.floor <= deployed.floor / 2:
            break
    period = b.period()
    when = f" {period.text}" if period else ""
    d = Draft(
        _sentence(
            src[3],
            f"out of {deployed.text} troops sent to {place}, {killed.text} have been killed{when}.",
        )
    )
    whole = b.claim(d, deployed, b.subject("troops_sent", place), "deployed", "people", src)
    b.claim(
        d,
        killed,
        b.subject("troops_sent", place),
        "killed",
        "people",
        src,
        part_of=whole,
        period=period,
    )
    return d


def t_relative_lost(b: ArticleBuilder) -> Draft:
    src, place = _lead(b, attributed=True), b.place()
    text, v = b.number(rng_size(b, ("medium", "large")))
    base = Value(text, "exact", low=v, best=v, high=v, core=text)
    # the soldiers were sent "last <Month>", at most k-1 months before publication
    k = b.rng.randint(3, 9)
    last, month = b.last_month(most=k - 1)
    share, fraction = b.rng.choice(_FRACTIONS)
    hedge = b.rng.choice(("approximately ", "around ", "about ", "roughly ", ""))
    fighting = f"within just {_words(k)} months of fighting"
    d = Draft(
        _sentence(
            src[3],
            f"{hedge}{share} of the {text} soldiers sent to {place} {last} "
            f"have been lost {fighting}.",
        )
    )
    sent = Period(last, month, month, "resolved_from_publication")
    base_id = b.claim(
        d, base, b.subject("troops_sent", place), "deployed", "people", src, period=sent
    )
    b.claim(
        d,
        None,
        b.subject("troops_sent", place),
        "casualties",
        "people",
        src,
        relative=(hedge + share, fraction, base_id),
        part_of=base_id,
        # the period starts k months before publication: the earliest day the phrase allows
        period=Period(
            fighting,
            _months_back(b.earliest, k).isoformat(),
            b.latest.isoformat(),
            "resolved_from_publication",
        ),
        notes=f"'lost' mapped to casualties; stated as {share} of claim {base_id}.",
    )
    b.event(
        d,
        f"soldiers sent to {place} {last}",
        last,
        month,
        month,
        date_basis="resolved_from_publication",
        category="deployment",
        label=f"Troops sent to {place}",
        notes=f"'{last}' resolved against the publication interval.",
    )
    return d


def t_drones(b: ArticleBuilder) -> Draft:
    src, place = _lead(b), b.place()
    launched = b.value(
        rng_size(b, ("small", "medium")), ("exact", "exact", "more_than", "approximately")
    )
    n = b.rng.randint(max(1, int(launched.floor) // 2), max(1, int(launched.floor)))
    downed = Value(f"shot down {n:,}", "exact", low=n, best=n, high=n, core=f"{n:,}")
    d = Draft(
        _sentence(
            src[3],
            f"air defences over {place} shot down {n:,} of {launched.text} drones launched "
            "overnight.",
        )
    )
    launched = Value(
        f"{launched.text} drones launched",
        launched.qualifier,
        launched.low,
        launched.best,
        launched.high,
        launched.core,
    )
    whole = b.claim(d, launched, b.subject("drones_attack", place), "launched", "drones", src)
    b.claim(d, downed, b.subject("drones_attack", place), "downed", "drones", src, part_of=whole)
    return d


def t_strike(b: ArticleBuilder) -> Draft:
    src, place = _lead(b), b.place()
    killed = b.value("small", ("exact", "exact", "at_least"), "civilians")
    wounded = b.value(rng_size(b, ("small", "medium")), ("exact", "approximately"), "others")
    weapon = b.rng.choice(("missile", "drone", "glide bomb", "artillery"))
    d = Draft(
        _sentence(
            src[3], f"a {weapon} strike on {place} killed {killed.text} and wounded {wounded.text}."
        )
    )
    b.claim(d, killed, b.subject("civilians_strike", place), "killed", "people", src)
    b.claim(d, wounded, b.subject("civilians_strike", place), "wounded", "people", src)
    return d


def t_displaced(b: ArticleBuilder) -> Draft:
    src, place = _lead(b, attributed=True), b.place()
    v = b.value(rng_size(b, ("large", "huge")), ("more_than", "approximately", "exact", "at_least"))
    period = b.period(allow_none=False)
    d = Draft(
        _sentence(
            src[3],
            f"{v.text} people have been displaced from the region around {place} {period.text}.",
        )
    )
    b.claim(d, v, b.subject("people_displaced", place), "displaced", "people", src, period=period)
    return d


def t_area(b: ArticleBuilder) -> Draft:
    src, place = _lead(b), b.place()
    v = b.value(rng_size(b, ("small", "medium")), ("range", "approximately", "exact", "at_least"))
    period = b.period()
    when = f" {period.text}" if period else ""
    d = Draft(_sentence(src[3], f"forces took {v.text} square kilometres near {place}{when}."))
    b.claim(d, v, b.subject("territory", place), "area", "km2", src, period=period)
    return d


def t_area_retaken(b: ArticleBuilder) -> Draft:
    src, place = _lead(b), b.place()
    text, v = b.number("medium")
    if text.isdigit() and b.rng.random() < 0.5:
        area = Value(f"{text}+", "at_least", low=v, core=f"{text}+")
    else:
        area = Value(text, "exact", low=v, best=v, high=v, core=text)
    share, fraction = b.rng.choice(_FRACTIONS)
    hedge = b.rng.choice(("around ", "about ", ""))
    d = Draft(
        _sentence(
            src[3],
            f"forces retook {hedge}{share} of the {area.text} square kilometres lost near {place}.",
        )
    )
    whole = b.claim(d, area, b.subject("territory", place), "area", "km2", src)
    b.claim(
        d,
        None,
        b.subject("territory", place),
        "area_retaken",
        "km2",
        src,
        relative=(hedge + share, fraction, whole),
        part_of=whole,
        notes=f"Stated as {share} of claim {whole}.",
    )
    return d


def t_personnel(b: ArticleBuilder) -> Draft:
    place = b.place()
    src = SOURCES[-1]
    if b.rng.random() < 0.5:
        v = b.value(rng_size(b, ("large", "huge")), ("approximately", "exact", "more_than"))
        d = Draft(f"The army of {place} has {v.text} active personnel.")
        b.claim(d, v, b.subject("army_personnel", place), "active_personnel", "people", src)
    else:
        v = b.value(rng_size(b, ("large", "huge")), ("approximately", "up_to", "at_most"))
        d = Draft(
            f"{place} keeps a reserve force of {v.text} civilians "
            "who can be called up in times of war."
        )
        b.claim(d, v, b.subject("army_reserve", place), "reserve_personnel", "people", src)
    return d


def t_trade(b: ArticleBuilder) -> Draft:
    place = b.place()
    report = b.earliest.year - b.rng.randint(0, 3)
    year = report - b.rng.randint(1, 3)
    pct = b.rng.randint(2, 60)
    lead = f"According to a {report} report, trade through {place}"
    d = Draft(f"{lead} increased by {pct}% in {year}.")
    src = (f"A {report} report (unnamed)", "unknown", "none", "")
    period = Period(f"in {year}", str(year), str(year), "stated")
    v = Value(f"{pct}%", "exact", low=pct, best=pct, high=pct, core=f"{pct}%")
    cid = b.claim(
        d, v, b.subject("regional_trade", place), "percent_change", "percent", src, period=period
    )
    b.exclusion(
        d,
        lead,
        str(report),
        "source_date",
        refers_to=cid,
        notes=f"The year of the cited report, kept in the claimant of {cid}.",
    )
    return d


def t_duration(b: ArticleBuilder) -> Draft:
    place = b.place()
    h = b.rng.randint(2, 72)
    hours = _words(h) if h < 100 and b.rng.random() < 0.3 else str(h)
    v = Value(f"{hours} hours", "exact", low=h, best=h, high=h, core=hours)
    d = Draft(f"The search operation in {place} ended after {v.text}.")
    b.claim(d, v, b.subject("search_operation", place), "duration", "hours", SOURCES[6])
    return d


def t_toll(b: ArticleBuilder) -> Draft:
    src, place = _lead(b, attributed=True), b.place()
    v = b.value(
        rng_size(b, ("small", "medium")), ("at_least", "exact", "approximately", "range", "up_to")
    )
    period = b.period()
    when = f" {period.text}" if period else ""
    d = Draft(_sentence(src[3], f"{v.text} people were killed in {place}{when}."))
    b.claim(d, v, b.subject("combat_deaths", place), "killed", "people", src, period=period)
    return d


def t_wounded(b: ArticleBuilder) -> Draft:
    place = b.place()
    v = b.value("small", ("exact", "approximately", "at_most"), "wounded soldiers")
    d = Draft(f"Medics in {place} treated {v.text} after the latest assault.")
    b.claim(d, v, b.subject("wounded_soldiers", place), "wounded", "people", SOURCES[6])
    return d


CLAIM_TEMPLATES: tuple[tuple[int, int, Callable[[ArticleBuilder], Draft]], ...] = (
    # (claims, weight, template)
    (2, 3, t_deployed_killed),
    (2, 2, t_relative_lost),
    (2, 3, t_drones),
    (2, 3, t_strike),
    (1, 2, t_displaced),
    (1, 2, t_area),
    (2, 2, t_area_retaken),
    (1, 2, t_personnel),
    (1, 2, t_trade),
    (1, 1, t_duration),
    (1, 3, t_toll),
    (1, 2, t_wounded),
)


# -- events and exclusions -------------------------------------------------


def e_treaty(b: ArticleBuilder) -> Draft:
    year = str(b.earliest.year - b.rng.randint(2, 60))
    a, c = b.place(), b.place()
    d = Draft(f"In {year}, {a} and {c} signed a mutual defence treaty.")
    b.event(
        d,
        d.sentence,
        year,
        year,
        year,
        date_basis="stated",
        category="alliance",
        label=f"Treaty of {a} and {c}",
    )
    return d


def e_offensive(b: ArticleBuilder) -> Draft:
    when = _months_back(b.earliest, b.rng.randint(1, 30))
    text, month = f"{MONTHS[when.month - 1]} {when.year}", f"{when.year}-{when.month:02d}"
    place = b.place()
    d = Draft(f"The offensive on {place} began in {text}.")
    b.event(
        d,
        d.sentence,
        text,
        month,
        month,
        date_basis="stated",
        category="war",
        label=f"Offensive on {place}",
    )
    return d


def e_recent(b: ArticleBuilder) -> Draft:
    place = b.place()
    d = Draft(f"Missiles recently struck the rail depot at {place}.")
    b.event(
        d,
        f"Missiles recently struck the rail depot at {place}",
        "recently",
        (b.earliest - timedelta(days=30)).isoformat(),
        b.latest.isoformat(),
        date_basis="resolved_from_publication",
        category="strike",
        label=f"Strike on {place}",
        notes="'recently' read as within 30 days before the publication interval.",
    )
    return d


def e_report(b: ArticleBuilder) -> Draft:
    place = b.place()
    d = Draft(f"Officials in {place} published a report on the fighting.")
    b.event(
        d,
        d.sentence,
        "",
        b.earliest.isoformat(),
        b.latest.isoformat(),
        date_basis="resolved_from_publication",
        category="report",
        label=f"Report from {place}",
        notes="No date in the text; reported by the article's publication.",
    )
    return d


def x_age(b: ArticleBuilder) -> Draft:
    place, age = b.place(), str(b.rng.randint(18, 90))
    d = Draft(f"Among the wounded in {place} was a man aged {age}.")
    b.exclusion(d, d.sentence, age, "age")
    return d


def x_structure(b: ArticleBuilder) -> Draft:
    place, k = b.place(), _words(b.rng.randint(2, 9))
    d = Draft(f"The garrison at {place} is divided into {k} battalions.")
    b.exclusion(d, d.sentence, k, "structure", notes="A count of units, not a figure of the war.")
    return d


def x_idiom(b: ArticleBuilder) -> Draft:
    place = b.place()
    d = Draft(f"{place} remains one of the most contested towns on the front.")
    b.exclusion(d, d.sentence, "one of the most", "idiom")
    return d


def x_restates(b: ArticleBuilder) -> Draft:
    cores = [c for c in b.claims if c["_core"]]
    if not cores:
        return x_idiom(b)
    claim = b.rng.choice(cores)
    d = Draft(f"Officials in {b.place()} later repeated the figure of {claim['_core']}.")
    b.exclusion(d, d.sentence, claim["_core"], "restates", refers_to=claim["claim_id"])
    return d


def x_breakdown(b: ArticleBuilder) -> Draft:
    killed = [c for c in b.claims if c["measure"] == "killed" and c["low"]]
    if not killed:
        return x_structure(b)
    claim = b.rng.choice(killed)
    k = _words(b.rng.randint(2, max(2, min(9, int(claim["low"])))))
    d = Draft(f"The dead near {b.place()} included {k} children.")
    b.exclusion(d, d.sentence, k, "breakdown", refers_to=claim["claim_id"])
    return d


EVENT_TEMPLATES = (e_treaty, e_offensive, e_recent, e_report)
EXCLUSION_TEMPLATES = (x_age, x_structure, x_idiom, x_restates, x_breakdown)


def _templates(b: ArticleBuilder, remaining: int) -> list[tuple]:
    """The claim templates that fit: story templates once each, in story articles only."""
    from tests.support.synth_stories import STORY_TEMPLATES

    fitting = [t for t in CLAIM_TEMPLATES if t[0] <= remaining]
    if b.story is not None:
        fitting += [t for t in STORY_TEMPLATES if t[2].__name__ not in b.used and t[0] <= remaining]
    return fitting


def build_article(
    rng: random.Random,
    article_id: str,
    n_claims: int,
    names: set[str] | None = None,
    story=None,
) -> ArticleBuilder:
    """One article with exactly n_claims claims, plus events, exclusions and filler."""
    b = ArticleBuilder(rng, article_id, names, story)
    remaining = n_claims
    while remaining:
        fitting = _templates(b, remaining)
        size, _, template = rng.choices(fitting, weights=[t[1] for t in fitting])[0]
        b.used.add(template.__name__)
        b.add(template)
        remaining -= size
    for _ in range(rng.randint(1, 3)):
        b.add(rng.choice(EVENT_TEMPLATES))
    for _ in range(rng.randint(1, 3)):
        b.add(rng.choice(EXCLUSION_TEMPLATES))
    b.sentences += rng.sample(FILLER, rng.randint(3, 8))
    return b


def _by_id(row: dict) -> str:
    return row["subject_id"]


def _write_csv(path: Path, name: str, rows: list[dict]) -> None:
    columns = dictionary.file_spec(name).column_names
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([row.get(c, "") for c in columns] for row in rows)


def write_corpus(root: Path, n_claims: int, seed: int = 0, claims_per_article: int = 20) -> None:
    """Write a valid, fully audited data tree with exactly n_claims claims under root."""
    if n_claims < 1:
        raise ValueError("n_claims must be at least 1 (claims.csv needs a row)")
    if claims_per_article < 1:
        raise ValueError("claims_per_article must be at least 1")
    root = Path(root)
    raw = root / "data" / "raw"
    texts_dir = raw / "articles"
    if raw.exists() and any(raw.iterdir()):
        raise FileExistsError(f"{raw} is not empty; write synthetic corpora to a fresh root")
    texts_dir.mkdir(parents=True, exist_ok=True)
    (root / "data" / "processed").mkdir(parents=True, exist_ok=True)

    from tests.support.synth_stories import STORY_ARTICLES, new_story

    rng = random.Random(seed)
    n_articles = -(-n_claims // claims_per_article)
    width = max(5, len(str(n_articles - 1)))
    articles, claims, events, exclusions = [], [], [], []
    names: set[str] = set()
    subjects: dict[str, dict] = {}
    story = None
    for i in range(n_articles):
        article_id = f"s{i:0{width}d}"
        if i % STORY_ARTICLES == 0:
            story = new_story(rng, names, i // STORY_ARTICLES)
        told = replace(story, index=i % STORY_ARTICLES)
        wanted = min(claims_per_article, n_claims - len(claims))
        b = build_article(rng, article_id, wanted, names, told)
        subjects.update(b.subjects)
        data = b.text().encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        text_file = f"{i:0{width}d}_{digest[:16]}.txt"
        (texts_dir / text_file).write_bytes(data)
        inferred = b.latest != b.earliest
        articles.append(
            {
                "article_id": article_id,
                "text_file": text_file,
                "sha256": digest,
                "title": f"[Synthetic report {article_id}]",
                "outlet": "" if rng.random() < 0.5 else "Synthetic Wire",
                "relayed_outlet": "",
                "published_earliest": b.earliest.isoformat(),
                "published_latest": b.latest.isoformat(),
                "published_inferred": "true" if inferred else "false",
                "published_basis": "Inferred from the events the text reports (synthetic)."
                if inferred
                else "Dateline of the text (synthetic).",
                "language": "en",
                "notes": "Generated by tests.support.synth.",
            }
        )
        claims += b.claims
        events += b.events
        exclusions += b.exclusions

    _write_csv(raw / "articles.csv", "articles", articles)
    _write_csv(raw / "subjects.csv", "subjects", sorted(subjects.values(), key=_by_id))
    _write_csv(raw / "claims.csv", "claims", claims)
    _write_csv(raw / "events.csv", "events", events)
    _write_csv(raw / "exclusions.csv", "exclusions", exclusions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.synth",
        description="Write a synthetic, valid and fully audited corpus under ROOT/data/.",
    )
    parser.add_argument("root", type=Path, metavar="ROOT", help="project root to write into")
    parser.add_argument("--claims", type=int, required=True, help="number of claims")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--per-article", type=int, default=20, help="claims per article (default 20)"
    )
    args = parser.parse_args(argv)
    try:
        write_corpus(args.root, args.claims, args.seed, args.per_article)
    except (ValueError, FileExistsError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {args.claims} claims under {args.root / 'data' / 'raw'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
