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
from dataclasses import dataclass, field

from analysis.drafting import attribution, dating, hedges, measures, mentions, subjects, text
from analysis.drafting.rows import Row
from analysis.language.dates import DateInterval
from analysis.language.numbers import Mention, find_mentions, same_number

_FRACTION_OF = re.compile(r"^\s+of\s+(?:the|its|their|these|those)\s+$", re.IGNORECASE)
_OF_THEM = re.compile(r"^\s+of\s+(?:them|those|these)\b", re.IGNORECASE)
_AGE_WORDS = re.compile(r"[- ](?:year|month)s?[- ]old", re.IGNORECASE)
_OF_UNIT = re.compile(r"^\s+of\s+the\s+(?P<noun>drones|missiles|troops|soldiers)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|among them|of whom|of which)\s+$", re.IGNORECASE)
_OF_MEASURE = re.compile(r"^\s+of\s+the\s+(?P<word>wounded|injured|dead|killed)\b", re.IGNORECASE)
_AMONG = re.compile(r"\bamong\s+the\s+(?P<word>wounded|injured|dead|killed)\b", re.IGNORECASE)
_WORD_MEASURE = {"wounded": "wounded", "injured": "wounded", "dead": "killed", "killed": "killed"}
_EVENT_WORDS = re.compile(
    r"\b(?:sent|deployed|deployment|signed|signing|launched|launching|invaded|invasion|annex\w*"
    r"|began|begun|started|struck|strikes?|attacks?|attacked|occupied|ended|withdr\w+|pulled out"
    r"|reaffirmed|crossed|crossing|captured|seen|treaty|incursion|offensive|shelling)\b",
    re.IGNORECASE,
)
_CATEGORIES = (
    ("alliance", r"treaty|agreement|alliance|pact|ties|reaffirmed"),
    ("deployment", r"troops|soldiers|deploy\w*|sent|withdr\w+|pulled out"),
    ("strike", r"strikes?|struck|attacks?|missiles?|drones?|shelling|bomb\w*"),
    ("war", r"invasion|invaded|annex\w*|offensive|incursion|occupied|war"),
    ("report", r"report\w*|said|briefing|published"),
)
_AS_OF = re.compile(
    r"\b(?:as of|(?:survey|report|data|census|assessment|count)\s+(?:from|of|in))\s+$", re.I
)
SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|reported|announced|wrote)\s+$", re.IGNORECASE)


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


@dataclass
class _Figure:
    group: mentions.Group
    row: Row
    cue: measures.Cue | None = None
    base: "_Figure | None" = None


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


def _unique_part(quote: str, start: int, end: int) -> str:
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


class _State:
    """Drafting state across the sentences of one article."""

    def __init__(self, d: Draft, body: str, published, known: list[subjects.Subject]):
        self.d, self.body, self.published, self.known = d, body, published, known
        self.history: list[attribution.Source] = []
        self.paragraph_source: tuple[int, attribution.Source] | None = None
        self.figures: list[_Figure] = []
        self.covered: list[tuple[int, int]] = []
        self.wholes: list[_Figure] = []  # fractions waiting for their whole ("half of the N")
        self.source_dates: list[tuple[Row, text.Sentence]] = []  # 'a 2020 report' exclusions

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
    def sentence(self, s: text.Sentence, following: str, dl: text.Dateline | None) -> None:
        found = [m for m in find_mentions(self.body) if s.start <= m.start < s.end]
        if dl and s.start <= dl.start < s.end:
            found = self.dateline(s, dl, found)
        phrases = dating.find(self.body, s.start, s.end, self.published)
        phrases = [p for p in _longest(phrases) if not _source_year(self.body, p, s.start)]
        in_phrase = [m for m in found if any(p.start <= m.start < p.end for p in phrases)]
        rest = [m for m in found if m not in in_phrase]
        source = self.source_for(s)
        figures: list[_Figure] = []
        for g in mentions.group(self.body, rest):
            reason = mentions.exclusion(self.body, g, s.start)
            if reason:
                self.exclude(s, g, *reason, figures)
            else:
                figures.append(self.figure(s, g, source, following, figures))
        used = self.periods(s, figures, phrases)
        self.events(s, phrases, used, figures)
        self.figures += figures

    def dateline(self, s, dl: text.Dateline, found: list[Mention]) -> list[Mention]:
        quote = self.body[dl.start : dl.end].rstrip(" -–—")
        for m in [m for m in found if m.end <= dl.end]:
            row = self.new_row("exclusions", quote, s.start)
            row.guess("mention", _unique_part(quote, m.start - dl.start, m.end - dl.start),
                      "a number in the dateline")  # fmt: skip
            row.guess("reason", "dateline", "the article's own date, recorded in articles.csv")
            row.span = (m.start, m.end)
            self.cover(quote, row.cells["mention"])
        return [m for m in found if m.end > dl.end]

    def source_for(self, s: text.Sentence) -> attribution.Source:
        src = attribution.explicit_source(s.text, self.history)
        if src:
            self.history.append(src)
            if src.relayed_by:
                relay = src.relayed_by
                self.history.append(
                    attribution.Source(relay, "", src.rule, src.confidence, True, relay)
                )
            self.paragraph_source = (s.line, src)
            return src
        previous = self.paragraph_source
        return attribution.carried(previous[1] if previous and previous[0] == s.line else None)

    def exclude(self, s, g: mentions.Group, reason: str, rule: str, figures: list[_Figure]) -> None:
        quote = _quote_clause(self.body, s, g.start, g.end)
        q0 = self.body.find(quote)
        end = g.end
        if reason == "idiom" and self.body[g.end : g.end + 3].lower() == " of":
            end = g.end + 3
        elif reason == "age" and (m := _AGE_WORDS.match(self.body[g.end : g.end + 12])):
            end = g.end + m.end()
        row = self.new_row("exclusions", quote, s.start)
        row.guess("mention", _unique_part(quote, g.start - q0, end - q0), "the numeric words")
        row.guess("reason", reason, rule, "high" if reason in ("age", "dateline") else "medium")
        if reason == "source_date":
            self.source_dates.append((row, s))
        row.span = (g.start, g.end)
        self.cover(quote, row.cells["mention"])

    # ---- figures
    def figure(self, s, g, source, following: str, earlier: list[_Figure]) -> _Figure:
        row = self.new_row("claims", s.text, s.start)
        row.span = (g.start, g.end)
        f = _Figure(g, row)
        self.value(s, f)
        self.relation(s, f, earlier)
        self.measure(s, f, earlier)
        self.claimant(s, f, source, following)
        self.subject(s, f)
        for ex_row, ex_s in [x for x in self.source_dates if x[1] == s]:
            ex_row.guess("refers_to", row.id, "the claim of the same sentence", "medium")
            self.source_dates.remove((ex_row, ex_s))
        return f

    def value(self, s: text.Sentence, f: _Figure) -> None:
        g, row, q = f.group, f.row, s.text
        start, end = g.start - s.start, g.end - s.start
        if g.form == "range":
            between = re.search(r"(?:between|from)\s+$", q[:start], re.IGNORECASE)
            vstart = between.start() if between else start
            row.guess("qualifier", "range", "'between A and B' / 'A to B'")
            row.cells.update(hedges.bounds("range", g.mentions[0].value, g.mentions[1].value))
        else:
            h = hedges.hedge_before(q, start)
            qualifier, rule, conf, vstart = h.qualifier, h.rule, h.confidence, h.start
            if g.mentions[0].text.endswith("+"):
                qualifier, rule = "at_least", "'N+' after the number"
            elif hedges.or_more_after(q, end):
                qualifier, rule = "at_least", "'or more' after the number"
            row.guess("qualifier", qualifier, rule, conf)
            if g.mentions[0].kind != "fraction":
                row.cells.update(hedges.bounds(qualifier, g.mentions[0].value))
        row.guess("value_text", _unique_part(q, vstart, end), "the hedge and number as written")
        self.cover(q, row.cells["value_text"])

    def relation(self, s, f: _Figure, earlier: list[_Figure]) -> None:
        g, row = f.group, f.row
        nxt = [m for m in find_mentions(self.body) if g.end <= m.start < s.end]
        if g.mentions[0].kind == "fraction":
            base = nxt[0] if nxt and _FRACTION_OF.match(self.body[g.end : nxt[0].start]) else None
            if base is not None:
                f.base = _Figure(mentions.Group((base,), "single"), Row("claims", {}))
                row.cells["fraction"] = hedges.fmt(g.mentions[0].value)
                row.why.append(("fraction", f"'{g.mentions[0].text} of the N'", "high"))
                return
            if _OF_THEM.match(self.body[g.end :]) and self.figures + earlier:
                parent = (earlier or self.figures)[-1]
                self._relative(row, parent, g, "'a fraction of them': the figure before")
                f.base = parent
                return
            row.guess("fraction", "", "a fraction with no whole: give it as a share", "low")
            return
        if earlier and mentions.part_of_join(self.body, earlier[-1].group, g):
            return  # the whole comes after: set when the whole is drafted (see below)
        prev = earlier[-1] if earlier else None
        if prev and mentions.part_of_join(self.body, prev.group, g):
            return
        before = self.body[max(s.start, g.start - 20) : g.start]
        if prev and _INCLUDING.search(before):
            row.guess(
                "part_of", prev.row.id, "'including N': a part of the figure before", "medium"
            )
            f.base = prev
            return
        if _OF_THEM.match(self.body[g.end :]) and (earlier or self.figures):
            parent = (earlier or self.figures)[-1]
            row.guess(
                "part_of", parent.row.id, "'N of them': a part of the figure before", "medium"
            )
            f.base = parent
            return
        if of_unit := _OF_UNIT.match(self.body[g.end :]):
            word = of_unit["noun"].lower()
            for other in reversed(self.figures + earlier):
                if word.rstrip("s") in self.body[other.group.end : other.group.end + 40].lower():
                    row.guess("part_of", other.row.id, f"'N of the {word}'", "medium")
                    f.base = other
                    return
        m = _OF_MEASURE.match(self.body[g.end :]) or _AMONG.search(before + " ")
        if m is None:
            m = _AMONG.search(s.text)
        if m:
            wanted = _WORD_MEASURE[m["word"].lower()]
            for other in reversed(self.figures + earlier):
                if other.row.cells.get("measure") == wanted:
                    row.guess("part_of", other.row.id, f"'of/among the {m['word']}'", "medium")
                    break

    def _relative(self, row: Row, parent: _Figure, g, rule: str) -> None:
        row.cells["relative_to"] = parent.row.id
        row.cells["part_of"] = parent.row.id
        row.cells["fraction"] = hedges.fmt(g.mentions[0].value)
        row.why.append(("relative_to", rule, "medium"))

    def measure(self, s, f: _Figure, earlier: list[_Figure]) -> None:
        g, row = f.group, f.row
        allm = [m for m in find_mentions(self.body) if s.start <= m.start < s.end]
        left = max((m.end for m in allm if m.end <= g.start), default=s.start)
        right = min((m.start for m in allm if m.start >= g.end), default=s.end)
        if f.base is not None and "fraction" in row.cells and not row.cells.get("relative_to"):
            self._fraction_measure(s, f, allm, left)
            return
        unit, unit_rule = measures.unit_after(self.body, g.end)
        whole = [m for m in allm if m.start >= g.end][:1]
        if whole and mentions.part_of_join(self.body, g, mentions.Group((whole[0],), "single")):
            unit, unit_rule = measures.unit_after(self.body, whole[0].end)
            unit_rule = "the unit of its whole: " + unit_rule
        if row.cells.get("relative_to"):
            parent = next(x for x in self.figures + earlier if x.row.id == row.cells["relative_to"])
            unit, unit_rule = parent.row.cells.get("unit", "people"), "the unit of its whole"
        row.guess("unit", unit, unit_rule, "high" if unit != "people" else "medium")
        cues = measures.cues_near(self.body, g.start, g.end, left, right)
        chosen = measures.choose(cues, unit)
        if chosen is None and f.base is not None and f.base.row.cells.get("measure"):
            chosen = (
                f.base.row.cells["measure"],
                "the measure of the figure it is part of",
                "medium",
            )
        if chosen is None and earlier:
            prev = earlier[-1]
            between = self.body[prev.group.end : g.start]
            if " and " in between and measures.allowed(prev.row.cells.get("measure", ""), unit):
                chosen = (
                    prev.row.cells["measure"],
                    "shares the verb of the figure before ('A and B')",
                    "medium",
                )
        if chosen is None:
            row.guess("measure", "", "no measure word near the number", "low")
        else:
            row.guess("measure", *chosen)
            f.cue = next((c for c in cues if chosen[1].startswith(f"'{c.words}'")), None)
        self._link_whole(s, f, earlier)

    def _fraction_measure(self, s, f: _Figure, allm, left) -> None:
        """ "half of the 12,000 ... lost": the whole's own verb is skipped."""
        g, row, base = f.group, f.row, f.base
        unit, unit_rule = measures.unit_after(self.body, base.group.end)
        row.guess("unit", unit, "the unit of its whole", "high" if unit != "people" else "medium")
        before = measures.cues_near(self.body, g.start, g.end, left, g.start)
        after = measures.cues_near(
            self.body, base.group.start, base.group.end, base.group.end, s.end
        )
        after = [c for c in after if c.after]
        base_cue = measures.choose(after, unit)
        if base_cue is not None:
            skip = base_cue[1]
            after = [c for c in after if not skip.startswith(f"'{c.words}'")] or after
        cues = sorted(before + after, key=lambda c: (not c.strong, c.distance))
        chosen = measures.choose(cues, unit)
        if chosen is None:
            row.guess("measure", "", "no measure word for the fraction", "low")
        else:
            row.guess(
                "measure", chosen[0], chosen[1] + " (the whole's own verb skipped)", chosen[2]
            )
            f.cue = next((c for c in cues if chosen[1].startswith(f"'{c.words}'")), None)
        self.wholes.append(f)

    def _check_part(self, f: _Figure, earlier: list[_Figure]) -> None:
        """A part and its whole share a unit; otherwise the link is dropped with a note."""
        whole_id = f.row.cells.get("part_of")
        whole = next((x for x in self.figures + earlier if x.row.id == whole_id), None)
        if whole and whole.row.cells.get("unit") != f.row.cells.get("unit"):
            del f.row.cells["part_of"]
            f.row.why.append(("part_of", f"left empty: {whole_id} counts another unit", "low"))

    def _link_whole(self, s, f: _Figure, earlier: list[_Figure]) -> None:
        """The whole of "A out of B" and of "half of the N" is drafted after its part."""
        self._check_part(f, earlier)
        for part in earlier[-1:]:
            if mentions.part_of_join(self.body, part.group, f.group):
                part.row.guess("part_of", f.row.id, "'A out of B' / 'A of the B'", "high")
        for frac in self.wholes:
            if frac.base is not None and frac.base.group.start == f.group.start:
                frac.row.cells["relative_to"] = f.row.id
                frac.row.cells["part_of"] = f.row.id
                frac.row.why.append(("relative_to", "'half of the N': a share of N", "high"))
                self.wholes.remove(frac)
                break

    def claimant(self, s, f: _Figure, source: attribution.Source, following: str) -> None:
        row = f.row
        row.guess("claimant", source.claimant, source.rule, source.confidence)
        if source.relayed_by:
            row.guess("relayed_by", source.relayed_by, source.rule, source.confidence)
        ctype, side, rule = attribution.kind(source.words or source.claimant)
        confidence = "medium" if ctype != "unknown" or not source.explicit else "low"
        if source.claimant == attribution.UNATTRIBUTED:
            confidence = "medium"
        row.guess("claimant_type", ctype, rule, confidence)
        row.cells["party_side"] = side
        verification, vrule = attribution.verification(s.text, following)
        row.guess(
            "verification", verification, vrule, "high" if verification == "reported" else "medium"
        )

    def subject(self, s, f: _Figure) -> None:
        row = f.row
        g = f.base.group if f.base is not None and "fraction" in row.cells else f.group
        noun = subjects.counted_noun(self.body, g.end)
        pool = self.known + self.d.subjects
        hit = subjects.match(noun, s.text, pool)
        if hit:
            row.guess(
                "subject_id", hit[0].subject_id, f"matches subject '{hit[0].label}'", "medium"
            )
            return
        taken = {x.subject_id for x in pool}
        new = subjects.propose(noun, s.text, row.cells.get("measure", "") or "figure", taken)
        self.d.subjects.append(new)
        row.guess("subject_id", new.subject_id, "a new subject proposed: rename or merge", "low")

    # ---- periods and events
    def periods(self, s, figures: list[_Figure], phrases: list[dating.Phrase]) -> set[int]:
        used: set[int] = set()
        for f in figures:
            anchor = [(f.group.start, f.group.end)]
            if f.cue is not None:
                at = self.body.find(f.cue.words, s.start if not f.cue.after else f.group.end, s.end)
                if at >= 0:
                    anchor.append((at, at + len(f.cue.words)))
            best = None
            for i, p in enumerate(phrases):
                if p.rule.startswith("weekday") or self._dates_another(f, p):
                    continue
                gap = min(_gap(self.body, a, (p.start, p.end)) for a in anchor)
                if _AS_OF.search(self.body[max(s.start, p.start - 25) : p.start]):
                    gap = min(gap, 6)  # "its survey from December 2024": the as-of date
                if gap <= 6 and (best is None or gap < best[0]):
                    best = (gap, i, p)
            if best:
                self._period(f.row, best[2], s)
                used.add(best[1])
            else:
                f.row.cells["period_basis"] = "none"
        return used

    def _dates_another(self, f: _Figure, p: dating.Phrase) -> bool:
        """ "since the invasion in February 2022": the phrase dates a happening, not the figure."""
        if not _verb_before(self.body, p):
            return False
        before = self.body[max(0, p.start - 40) : p.start].lower()
        return not (f.cue and f.cue.words.lower() in before)

    def _period(self, row: Row, p: dating.Phrase, s) -> None:
        row.guess("period_text", _unique_part(s.text, p.start - s.start, p.end - s.start),
                  f"the time phrase next to the figure ({p.rule})",
                  "high" if p.interval else "low")  # fmt: skip
        if p.interval:
            start, end = dating.partial(p.interval)
            row.cells.update({"period_start": start, "period_end": end, "period_basis": p.basis})
        else:
            row.cells["period_basis"] = "none"
            row.why.append(
                ("period_start", "no publication date or phrase outside the grammar", "low")
            )
        self.cover(s.text, row.cells["period_text"])

    def events(self, s, phrases, used: set[int], figures: list[_Figure]) -> None:
        for i, p in enumerate(phrases):
            has_number = bool(mentions.in_span(self.body, p.start, p.end))
            near = self.body[max(s.start, p.start - 40) : min(s.end, p.end + 40)]
            eventful = bool(_EVENT_WORDS.search(near))
            if p.rule.startswith("weekday") and SPEECH_BEFORE.search(self.body[s.start : p.start]):
                continue
            if i in used and not (eventful and not p.duration and _verb_before(self.body, p)):
                continue
            if i not in used and not has_number and not eventful:
                continue
            self.event(s, p)

    def event(self, s, p: dating.Phrase) -> None:
        words, interval, rule = p.text, p.interval, p.rule
        since = re.match(r"since\s+", words, re.IGNORECASE)
        if since:  # an event "since X" happened at X
            words = words[since.end() :]
            reading = dating.find(words, 0, len(words), self.published)
            if reading:
                interval, rule = reading[0].interval, reading[0].rule
        row = self.new_row("events", s.text, s.start)
        first = p.start - s.start + (since.end() if since else 0)
        words = _unique_part(s.text, first, p.end - s.start)
        row.guess("date_text", words, f"a time phrase ({rule})")
        if interval:
            start, end = dating.partial(interval)
            basis = "stated" if rule.startswith("stated") else "resolved_from_publication"
            row.guess("date_start", start, rule, "high" if basis == "stated" else "medium")
            row.cells.update({"date_end": end, "date_basis": basis})
        else:
            row.guess(
                "date_start", "", "dates to fill: no publication date or unknown phrase", "low"
            )
            row.cells["date_basis"] = "resolved_from_publication"
        category = next(
            (c for c, pat in _CATEGORIES if re.search(rf"\b(?:{pat})\b", s.text, re.I)), "report"
        )
        row.guess("category", category, "keywords of the sentence", "low")
        row.guess("label", _label(s.text), "the sentence's opening words: shorten", "low")
        row.span = (p.start, p.end)
        self.cover(s.text, row.cells["date_text"])
        self._restates(row, s)

    def _restates(self, row: Row, s) -> None:
        """A later event of the same year and words as an earlier one restates it."""
        mine = subjects.content(s.text)
        for other in self.d.events[:-1]:
            shared = mine & subjects.content(other.cells["quote"])
            same = row.cells.get("date_start", "")[:4] == other.cells.get("date_start", "")[:4]
            stated = row.cells.get("date_basis") == "stated"
            if same and stated and len(shared) >= 3:
                self.d.events.remove(row)
                ex = self.new_row("exclusions", row.cells["quote"], s.start)
                ex.guess("mention", row.cells["date_text"], "a date already drafted as an event")
                ex.guess("reason", "restates", f"same year and words as {other.id}", "low")
                ex.cells["refers_to"] = other.id
                ex.span = row.span
                return

    def headline(self, s: text.Sentence) -> None:
        found = [m for m in find_mentions(self.body) if s.start <= m.start < s.end]
        for g in mentions.group(self.body, found):
            value = g.mentions[0].value
            same = [
                f
                for f in self.figures
                if f.group.form == g.form and same_number(f.group.mentions[0].value, value)
            ]
            if same:
                quote = s.text
                row = self.new_row("exclusions", quote, s.start)
                row.guess(
                    "mention",
                    _unique_part(quote, g.start - s.start, g.end - s.start),
                    "the headline's number",
                )
                row.guess(
                    "reason", "restates", "the headline repeats a figure of the text", "medium"
                )
                row.cells["refers_to"] = same[0].row.id
                row.span = (g.start, g.end)
                self.cover(quote, row.cells["mention"])
            else:
                self.sentence(s, "", None)
                return


def _source_year(body: str, p: dating.Phrase, sentence_start: int) -> bool:
    """A bare year that dates a cited source ("a 2020 report") is no time phrase."""
    found = mentions.in_span(body, p.start, p.end)
    if len(found) != 1 or found[0].text != p.text:
        return False
    reason = mentions.exclusion(body, mentions.Group((found[0],), "single"), sentence_start)
    return bool(reason) and reason[0] == "source_date"


def _verb_before(body: str, p: dating.Phrase) -> bool:
    return bool(re.search(r"\b(?:sent|deployed|signed|launched|invaded|annexed|struck|invasion"
                          r"|incursion|offensive|treaty)\b(?:\s+\S+){0,3}\s*$",
                          body[max(0, p.start - 40) : p.start], re.IGNORECASE))  # fmt: skip


def _gap(body: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Words between two spans of the article (0 when they touch or overlap)."""
    if a[1] <= b[0]:
        between = body[a[1] : b[0]]
    elif b[1] <= a[0]:
        between = body[b[1] : a[0]]
    else:
        return 0
    return len(between.split())


def _label(sentence: str) -> str:
    words = re.sub(r"^[A-Z ,.'’-]+\(.*?\)\s*[-–—]\s*", "", sentence).split()
    label = " ".join(words[:8]).rstrip(",.;:")
    return label


def _longest(phrases: list[dating.Phrase]) -> list[dating.Phrase]:
    """Drop phrases inside longer ones ("2022" inside "since February 2022")."""
    keep = []
    for p in sorted(phrases, key=lambda p: (p.start, -(p.end - p.start))):
        if keep and p.start < keep[-1].end:
            continue
        keep.append(p)
    return keep


def _cover_rest(state: _State) -> None:
    """Every mention the audit finds must be covered; a leftover becomes a claim to review."""
    for m in find_mentions(state.body):
        if any(a <= m.start and m.end <= b for a, b in state.covered):
            continue
        s = next(x for x in text.sentences(state.body) if x.start <= m.start < x.end)
        row = state.new_row("claims", s.text, s.start)
        row.guess("value_text", _unique_part(s.text, m.start - s.start, m.end - s.start),
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
