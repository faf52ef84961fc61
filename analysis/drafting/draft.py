"""Drafting an article: every numeric mention becomes a claim, an event or an exclusion.

Steps per sentence: find the audit's mentions, set aside those in time
phrases and those that are not figures (exclusions), group the rest into
figures, and for each figure guess value and hedge, unit and measure, its
relation to other figures, period, claimant and subject. Time phrases no claim
takes become events. A final check proves that every mention is accounted for
(the audit of an accepted draft is 100% by construction).
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from analysis.drafting import (
    attribution,
    coreference,
    dating,
    hedges,
    measures,
    mentions,
    subjects,
    text,
)
from analysis.drafting.figures import Figure, FigureRules
from analysis.drafting.rows import Row
from analysis.drafting.text import unique_part
from analysis.drafting.timeline import TimeRules, longest, source_year
from analysis.language.dates import DateInterval
from analysis.language.numbers import Mention, find_mentions, same_number

_AGE_WORDS = re.compile(r"[- ](?:year|month)s?[- ]old", re.IGNORECASE)


@dataclass
class Draft:
    """The drafted rows of one article, ready to write in the curated schema."""

    article_id: str
    text: str
    article: Row
    claims: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    exclusions: list[Row] = field(default_factory=list)
    subjects: "list[subjects.Subject]" = field(default_factory=list)

    @property
    def text_file(self) -> str:
        return self.article.cells["text_file"]

    def rows(self) -> list[Row]:
        return self.claims + self.events + self.exclusions


def text_file_name(article_id: str, raw: bytes) -> str:
    """The article's file name under data/raw/articles: its id and the start of its sha256."""
    number = re.fullmatch(r"a(\d+)", article_id)
    prefix = f"{int(number[1]):03d}" if number else article_id
    return f"{prefix}_{hashlib.sha256(raw).hexdigest()[:16]}.txt"


def _article_row(article_id: str, body: str, published: DateInterval | None, given: bool) -> Row:
    raw = body.encode("utf-8")
    title, title_rule = text.title_of(body)
    dl = text.find_dateline(body)
    row = Row("articles", {"article_id": article_id, "language": "en"})
    row.cells["text_file"] = text_file_name(article_id, raw)
    row.cells["sha256"] = hashlib.sha256(raw).hexdigest()
    row.guess("title", title, title_rule, "high" if "headline" in title_rule else "low")
    if dl:
        row.guess("outlet", dl.outlet, "the outlet in the dateline's brackets", "medium")
    if published:
        row.cells["published_earliest"] = published.earliest.isoformat()
        row.cells["published_latest"] = published.latest.isoformat()
        row.cells["published_inferred"] = "false" if not given else "true"
        basis = (
            f"Dateline: '{body[dl.start : dl.end].strip(' -–—')}'."
            if not given and dl
            else "Given when drafting (--published-earliest/--published-latest): "
            "say how it was established."
        )
        row.guess("published_basis", basis, "the publication dates drafting used", "medium")
    else:
        row.guess("published_earliest", "", "no publication date given or in a dateline", "low")
    return row


def _quote_clause(body: str, s: text.Sentence, start: int, end: int) -> str:
    """The clause of the sentence around [start, end), if the article has it only there."""
    left = max(
        (m.end() for m in re.finditer(r",\s|;\s|\s[-–—]\s", body[s.start : start])), default=0
    )
    tail = re.search(r",\s|;\s|\s[-–—]\s", body[end : s.end])
    clause = body[s.start + left : end + (tail.start() if tail else s.end - end)].strip()
    if body.find(clause) == s.start + left and len(clause) >= 8:
        return clause
    return s.text


def draft_text(
    body: str,
    article_id: str,
    published: DateInterval | None = None,
    known: list[subjects.Subject] | None = None,
    given: bool = True,
) -> Draft:
    """Draft every row of one article (nothing is written)."""
    dl = text.find_dateline(body)
    if published is None and dl and dl.year:
        from analysis.language.dates import parse_partial

        month = dating.calendar.month_abbr[:].index(dl.month[:3].title())
        published = parse_partial(f"{dl.year}-{month:02d}-{dl.day:02d}")
        given = False
    d = Draft(article_id, body, _article_row(article_id, body, published, given))
    state = _State(d, body, published, list(known or []))
    sents = text.sentences(body)
    headline = [s for s in sents if s.headline]
    for i, s in enumerate(sents):
        if s.headline:
            continue
        following = sents[i + 1].text if i + 1 < len(sents) and sents[i + 1].line == s.line else ""
        state.sentence(s, following, dl)
    for s in headline:
        state.headline(s)
    _cover_rest(state)
    return d


class _State(FigureRules, TimeRules):
    """Drafting state across the sentences of one article."""

    def __init__(self, d: Draft, body: str, published, known: list[subjects.Subject]):
        self.d, self.body, self.published, self.known = d, body, published, known
        self.named: list[coreference.Named] = []  # people and bodies named so far, in order
        self.paragraph_source: tuple[int, attribution.Source] | None = None
        dl = text.find_dateline(body)
        self.place = dl.place if dl else ""
        self.figures: list[Figure] = []
        self.covered: list[tuple[int, int]] = []
        self.mentions = find_mentions(body)  # found once: the audit's mentions of the article
        self.wholes: list[Figure] = []  # fractions waiting for their whole ("half of the N")
        self.source_dates: list[tuple[Row, text.Sentence]] = []  # 'a 2020 report' exclusions
        self.time_phrases: list[dating.Phrase] = []  # the current sentence's

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The article's mentions that start within [start, end)."""
        return [m for m in self.mentions if start <= m.start < end]

    # ---- ids and coverage
    def new_row(self, file: str, quote: str, sentence_start: int) -> Row:
        rows = {"claims": self.d.claims, "events": self.d.events, "exclusions": self.d.exclusions}
        prefix = {"claims": "c", "events": "ev", "exclusions": "x"}[file]
        key = {"claims": "claim_id", "events": "event_id", "exclusions": "exclusion_id"}[file]
        row = Row(file, {key: f"{self.d.article_id}-{prefix}{len(rows[file]) + 1:02d}"})
        row.cells.update({"article_id": self.d.article_id, "quote": quote})
        rows[file].append(row)
        return row

    def cover(self, quote: str, part: str) -> None:
        at = self.body.find(quote)
        if at >= 0 and part and part in quote:
            start = at + quote.index(part)
            self.covered.append((start, start + len(part)))

    # ---- sentences
    def sentence(
        self,
        s: text.Sentence,
        following: str,
        dl: text.Dateline | None,
        skip: set[int] = frozenset(),
    ) -> None:
        found = [m for m in self.mentions_in(s.start, s.end) if m.start not in skip]
        if dl and s.start <= dl.start < s.end:
            found = self.dateline(s, dl, found)
        phrases = dating.find(self.body, s.start, s.end, self.published)
        if dl:  # the dateline's own date is the article's, in articles.csv
            phrases = [p for p in phrases if p.start >= dl.end or p.end <= dl.start]
        phrases = [p for p in longest(phrases) if not source_year(self.body, p, s.start)]
        self.time_phrases = phrases
        in_phrase = [m for m in found if any(p.start <= m.start < p.end for p in phrases)]
        rest = [m for m in found if m not in in_phrase]
        source = self.sources_for(s)
        figures: list[Figure] = []
        for g in mentions.group(self.body, rest):
            reason = mentions.exclusion(self.body, g, s.start)
            if reason:
                self.exclude(s, g, *reason, figures)
            else:
                figures.append(self.figure(s, g, source(g.start), following, figures))
        used = self.periods(s, figures, phrases)
        self.events(s, phrases, used, figures)
        self.figures += figures

    def dateline(self, s, dl: text.Dateline, found: list[Mention]) -> list[Mention]:
        quote = self.body[dl.start : dl.end].rstrip(" -–—")
        for m in [m for m in found if m.end <= dl.end]:
            row = self.new_row("exclusions", quote, s.start)
            row.guess("mention", unique_part(quote, m.start - dl.start, m.end - dl.start),
                      "a number in the dateline")  # fmt: skip
            row.guess("reason", "dateline", "the article's own date, recorded in articles.csv")
            row.span = (m.start, m.end)
            self.cover(quote, row.cells["mention"])
        return [m for m in found if m.end > dl.end]

    def sources_for(self, s: text.Sentence) -> Callable[[int], attribution.Source]:
        """The attribution of a figure at an article offset of the sentence, clause by clause."""
        parts = []
        for a, b in attribution.clauses(s.text):
            clause = s.text[a:b]
            src = attribution.explicit_source(clause, self.named, s.line, self.place)
            parts.append((s.start + a, s.start + b, clause, src))
        self.named += coreference.named_in(s.text, s.start, s.line)
        own = [p[3] for p in parts if p[3] is not None]
        for src in own:
            self.named += attribution.source_names(src, s.end, s.line)
        previous = self.paragraph_source
        previous_source = previous[1] if previous and previous[0] == s.line else None
        if own:
            self.paragraph_source = (s.line, own[-1])
        last = parts[-1]

        def source(at: int) -> attribution.Source:
            clause = next(p for p in parts if p[0] <= at < p[1])
            if clause[3] is not None:
                return clause[3]
            if last[3] is not None and attribution.reaches_back(last[2]):
                return last[3]
            if own:
                return attribution.not_reached(own[0].rule)
            return attribution.carried(previous_source)

        return source

    def exclude(self, s, g: mentions.Group, reason: str, rule: str, figures: list[Figure]) -> None:
        quote = _quote_clause(self.body, s, g.start, g.end)
        q0 = self.body.find(quote)
        end = g.end
        if reason == "idiom" and self.body[g.end : g.end + 3].lower() == " of":
            end = g.end + 3
        elif reason == "age" and (m := _AGE_WORDS.match(self.body[g.end : g.end + 12])):
            end = g.end + m.end()
        row = self.new_row("exclusions", quote, s.start)
        row.guess("mention", unique_part(quote, g.start - q0, end - q0), "the numeric words")
        row.guess("reason", reason, rule, "high" if reason in ("age", "dateline") else "medium")
        if reason == "source_date":
            self.source_dates.append((row, s))
        row.span = (g.start, g.end)
        self.cover(quote, row.cells["mention"])

    # ---- figures

    def headline(self, s: text.Sentence) -> None:
        """A headline number that repeats a figure of the text (or rounds it) restates it.

        Each number is checked on its own ("nearly 600 drones, killing at least 14": both
        restate); the ones that restate nothing are drafted like any sentence's.
        """
        found = self.mentions_in(s.start, s.end)
        restated: set[int] = set()
        for g in mentions.group(self.body, found):
            same = self._restated(s, g)
            if same is None:
                continue
            quote = s.text
            row = self.new_row("exclusions", quote, s.start)
            row.guess(
                "mention",
                unique_part(quote, g.start - s.start, g.end - s.start),
                "the headline's number",
            )
            row.guess("reason", "restates", same[1], "medium")
            row.cells["refers_to"] = same[0].row.id
            row.span = (g.start, g.end)
            self.cover(quote, row.cells["mention"])
            restated.update(m.start for m in g.mentions)
        if len(restated) < len(found):
            self.sentence(s, "", None, skip=restated)

    def _restated(self, s: text.Sentence, g: mentions.Group) -> tuple[Figure, str] | None:
        """The figure of the text a headline's number repeats, or rounds under a hedge."""
        value = g.mentions[0].value
        for f in self.figures:
            if f.group.form == g.form and same_number(f.group.mentions[0].value, value):
                return f, "the headline repeats a figure of the text"
        hedge = hedges.hedge_before(s.text, g.start - s.start)
        unit, _ = measures.unit_after(self.body, g.end)
        if g.form != "single" or hedge.qualifier == "exact":
            return None
        for f in self.figures:
            if f.group.form != "single" or f.row.cells.get("unit", "people") != unit:
                continue
            if _rounds_to(f.group.mentions[0].value, value):
                return f, "a hedged headline number rounds a figure of the text ('nearly 600')"
        return None


def _rounds_to(exact: float, rounded: float) -> bool:
    """ "nearly 600" for 598: the exact number rounded to the rounded one's leading digits,
    and within 5% of it."""
    if exact == rounded or rounded <= 0 or exact <= 0:
        return False
    digits = len(str(int(rounded)).rstrip("0")) or 1
    scale = 10 ** (len(str(int(rounded))) - digits)
    close = abs(exact - rounded) <= 0.05 * rounded
    return close and round(exact / scale) * scale == rounded


def _cover_rest(state: _State) -> None:
    """Every mention the audit finds must be covered; a leftover becomes a claim to review."""
    for m in state.mentions:
        if any(a <= m.start and m.end <= b for a, b in state.covered):
            continue
        s = next(x for x in text.sentences(state.body) if x.start <= m.start < x.end)
        row = state.new_row("claims", s.text, s.start)
        row.guess("value_text", unique_part(s.text, m.start - s.start, m.end - s.start),
                  "a number no rule placed", "low")  # fmt: skip
        row.cells.update(hedges.bounds("exact", m.value))
        row.cells.update({"qualifier": "exact", "unit": "people", "period_basis": "none"})
        row.guess(
            "measure", "", "no rule placed this number: a claim, an event or an exclusion?", "low"
        )
        row.cells.update({"claimant": attribution.UNATTRIBUTED, "claimant_type": "unknown",
                          "party_side": "none", "verification": "reported"})  # fmt: skip
        row.span = (m.start, m.end)
        state.cover(s.text, row.cells["value_text"])
