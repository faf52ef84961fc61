"""Drafting one figure: value and hedge, part and whole, unit and measure, claimant, subject.

"half of the 12,000" and "40 per cent of the 2,500" are shares of the figure
after them (relative_to and fraction); "37 out of 81" and "84 of the drones" are
parts of a whole; "including eight women" and "of them" are parts of the figure
before. A fraction's measure
skips the verb its whole uses ("sent" for the 12,000, "lost" for the half). A
hedge reaches an elliptic second number ("at least 139 were killed and 738
injured": both at least).
"""

import re
from dataclasses import dataclass

from analysis.drafting import attribution, hedges, measures, mentions, subjects, text
from analysis.drafting.rows import Row
from analysis.drafting.text import unique_part

_FRACTION_OF = re.compile(r"^\s+of\s+(?:the|its|their|these|those)\s+$", re.IGNORECASE)
_OF_THEM = re.compile(r"^\s+of\s+(?:them|those|these)\b", re.IGNORECASE)
_OF_UNIT = re.compile(r"^\s+of\s+the\s+(?P<noun>drones|missiles|troops|soldiers)\b", re.I)
_INCLUDING = re.compile(
    r"\b(?:including|among them|of whom|of which)\s+(?:(?:almost|nearly|about|around|some"
    r"|roughly|more than|over|at least|up to)\s+)?$",
    re.IGNORECASE,
)
_COMPARED = re.compile(
    r"\b(?:down|up)\s+from\s+(?:\w+\s+)?$|\bcompared\s+(?:with|to)\s+(?:\w+\s+)?$", re.I
)
_OF_THE_NOUN = re.compile(r"^\s+of\s+the\s+(?P<np>(?:[a-z-]+\s*){1,4})", re.IGNORECASE)
_NP_END = {"in", "of", "from", "at", "on", "to", "across", "near", "who", "that", "which", "the"}
_AUXILIARY = re.compile(r"\b(?:were|was|are|is|had|have|has|will|would)\b.*$", re.IGNORECASE)
_NOUN_MEASURES = {
    "evacuees": ("evacuated",),
    "refugees": ("remain_displaced", "displaced"),
    "displaced": ("remain_displaced", "displaced"),
    "returnees": ("returned",),
    "wounded": ("wounded",),
    "injured": ("wounded",),
    "dead": ("killed",),
    "victims": ("killed", "casualties", "wounded"),
    "casualties": ("casualties",),
    "contingent": ("deployed",),
    "troops": ("deployed",),
    "soldiers": ("deployed",),
    "force": ("deployed",),
}
_PREDICATE = re.compile(r"\b(?:had|has|have|were|was|are|is)\b", re.IGNORECASE)
_OPENING = re.compile(r"(?:^|[–—]\s+)(?:Of|Among)\s+the\s+[^,]*,")  # "Of the medics killed, 31"
_TOTAL_BEFORE = re.compile(
    r"\b(?:bringing|brought|taking|raising|pushing)\s+(?:the|its|their)\s+(?:\w+\s+)?total"
    r"(?:\s+\w+)?\s+to\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_OF_MEASURE = re.compile(r"^\s+of\s+the\s+(?P<word>wounded|injured|dead|killed)\b", re.IGNORECASE)
_AMONG = re.compile(r"\bamong\s+the\s+(?P<word>wounded|injured|dead|killed)\b", re.IGNORECASE)
_WORD_MEASURE = {"wounded": "wounded", "injured": "wounded", "dead": "killed", "killed": "killed"}


@dataclass
class Figure:
    group: mentions.Group
    row: Row
    cue: measures.Cue | None = None
    base: "Figure | None" = None
    compared: bool = False  # "down from N": a comparison, not what a later "them" refers to


class FigureRules:
    """The per-figure steps of drafting (mixed into the drafting state)."""

    def figure(self, s, g, source, following: str, earlier: list[Figure]) -> Figure:
        row = self.new_row("claims", s.text, s.start)
        row.span = (g.start, g.end)
        f = Figure(g, row)
        self.value(s, f, earlier)
        self.relation(s, f, earlier)
        self.measure(s, f, earlier)
        self.claimant(s, f, source, following)
        self.subject(s, f, earlier)
        for ex_row, ex_s in [x for x in self.source_dates if x[1] == s]:
            ex_row.guess("refers_to", row.id, "the claim of the same sentence", "medium")
            self.source_dates.remove((ex_row, ex_s))
        return f

    def value(self, s: text.Sentence, f: Figure, earlier: list[Figure]) -> None:
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
            elif qualifier == "exact" and (shared := self._shared_hedge(f, earlier)):
                qualifier, rule, conf = (
                    shared,
                    "the hedge of 'at least A killed and B injured'",
                    "medium",
                )
            row.guess("qualifier", qualifier, rule, conf)
            if g.mentions[0].kind != "fraction":
                row.cells.update(hedges.bounds(qualifier, g.mentions[0].value))
        row.guess("value_text", unique_part(q, vstart, end), "the hedge and number as written")
        self.cover(q, row.cells["value_text"])

    def _shared_hedge(self, f: Figure, earlier: list[Figure]) -> str | None:
        """ "At least 139 were killed and 738 injured": the hedge reaches the elliptic second."""
        if not earlier or earlier[-1].group.form == "range":
            return None
        prev = earlier[-1]
        qualifier = prev.row.cells.get("qualifier", "exact")
        between = self.body[prev.group.end : f.group.start]
        if qualifier in ("exact", "range") or not hedges.elliptic(
            between, self.body[f.group.end :]
        ):
            return None
        return qualifier

    def relation(self, s, f: Figure, earlier: list[Figure]) -> None:
        g, row = f.group, f.row
        nxt = self.mentions_in(g.end, s.end)
        m0 = g.mentions[0]
        if (
            m0.percent
            and g.form == "single"
            and 0 < m0.value <= 100
            and nxt
            and _FRACTION_OF.match(self.body[g.end : nxt[0].start])
        ):  # "40 per cent of the 2,500 evacuated": a share of the figure after it
            f.base = Figure(mentions.Group((nxt[0],), "single"), Row("claims", {}))
            row.cells["fraction"] = hedges.fmt(m0.value / 100)
            for cell in ("low", "best", "high"):
                row.cells.pop(cell, None)
            row.why.append(("fraction", f"'{m0.text} of the N': a share of N", "high"))
            return
        if g.mentions[0].kind == "fraction":
            base = nxt[0] if nxt and _FRACTION_OF.match(self.body[g.end : nxt[0].start]) else None
            if base is not None:
                f.base = Figure(mentions.Group((base,), "single"), Row("claims", {}))
                row.cells["fraction"] = hedges.fmt(g.mentions[0].value)
                row.why.append(("fraction", f"'{g.mentions[0].text} of the N'", "high"))
                return
            if _OF_THEM.match(self.body[g.end :]) and (parent := self._before(earlier)):
                self._relative(row, parent, g, "'a fraction of them': the figure before")
                f.base = parent
                return
            if parent := self._named_whole(g, earlier):
                self._relative(
                    row, parent, g, "'a fraction of the evacuees': the figure counting them"
                )
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
        f.compared = bool(_COMPARED.search(self.body[max(s.start, g.start - 30) : g.start]))
        if _OF_THEM.match(self.body[g.end :]) and (parent := self._before(earlier)):
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

    def _before(self, earlier: list[Figure]) -> Figure | None:
        """The figure a "them" refers to: the latest one that is not a comparison."""
        pool = earlier or self.figures
        return next((x for x in reversed(pool) if not x.compared), pool[-1] if pool else None)

    def _named_whole(self, g, earlier: list[Figure]) -> Figure | None:
        """ "a third of the evacuees": the latest figure whose measure counts them.

        One whose own words name the same thing ("11,000 soldiers in the first contingent" for
        "a third of the first contingent") comes first, from anywhere before; any other must be
        in the fraction's paragraph, else the fraction is a share with no whole.
        """
        m = _OF_THE_NOUN.match(self.body[g.end :])
        words = _AUXILIARY.sub("", m["np"]).lower().split() if m else []  # the noun phrase
        head = next((i for i, w in enumerate(words) if w in _NP_END), len(words))
        words = words[:head] or words  # "displaced families in the ...": up to the preposition
        wanted = [x for w in words for x in _NOUN_MEASURES.get(w, ())]
        wanted += measures.named_in(" ".join(words)) if m else []
        pool = [
            x
            for x in self.figures + earlier
            if x.row.cells.get("measure") in wanted and not x.row.cells.get("part_of")
        ]  # the whole, not one of its parts
        noun = words[-1] if words else ""
        named = [x for x in pool if noun and noun in self.body[x.group.end : g.start][:60]]
        if named:
            return named[-1]
        near = [x for x in pool if "\n" not in self.body[x.group.end : g.start]]
        return near[-1] if near else None  # only its own words name a whole in another paragraph

    def _relative(self, row: Row, parent: Figure, g, rule: str) -> None:
        row.cells["relative_to"] = parent.row.id
        row.cells["part_of"] = parent.row.id
        row.cells["fraction"] = hedges.fmt(g.mentions[0].value)
        row.why.append(("relative_to", rule, "medium"))

    def measure(self, s, f: Figure, earlier: list[Figure]) -> None:
        g, row = f.group, f.row
        allm = [  # a year inside a time phrase ends no clause: "its losses since 2022 to N"
            m
            for m in self.mentions_in(s.start, s.end)
            if not any(p.start <= m.start < p.end for p in self.time_phrases)
        ]
        left = max((m.end for m in allm if m.end <= g.start), default=s.start)
        right = min((m.start for m in allm if m.start >= g.end), default=s.end)
        if f.base is not None and "fraction" in row.cells and not row.cells.get("relative_to"):
            self._fraction_measure(s, f, allm, left)
            return
        if self._share_without_whole(f):
            return
        unit, unit_rule = measures.unit_after(self.body, g.end)
        whole = [m for m in allm if m.start >= g.end][:1]
        if whole and mentions.part_of_join(self.body, g, mentions.Group((whole[0],), "single")):
            unit, unit_rule = measures.unit_after(self.body, whole[0].end)
            unit_rule = "the unit of its whole: " + unit_rule
            after_whole = [m for m in allm if m.start > whole[0].end][:1]
            right = (
                after_whole[0].start if after_whole else s.end
            )  # "4,700 out of 11,000 ... killed"
        if row.cells.get("relative_to"):
            parent = next(x for x in self.figures + earlier if x.row.id == row.cells["relative_to"])
            unit, unit_rule = parent.row.cells.get("unit", "people"), "the unit of its whole"
        row.guess("unit", unit, unit_rule, "high" if unit != "people" else "medium")
        cues = measures.cues_near(self.body, g.start, g.end, left, right)
        if earlier and mentions.part_of_join(self.body, earlier[-1].group, g):
            aux = _PREDICATE.search(self.body[g.end : right])  # "... had been killed": its part's
            limit = len(self.body[g.end : g.end + aux.start()].split()) if aux else None
            cues = [c for c in cues if not (limit is not None and c.after and c.distance >= limit)]
        chosen = measures.choose(cues, unit) or self._measure_around(s, f, earlier, unit)
        if chosen is None and f.base is not None and f.base.row.cells.get("measure"):
            chosen = (
                f.base.row.cells["measure"],
                "the measure of the figure it is part of",
                "medium",
            )
        if chosen is None and f.compared and earlier and earlier[-1].row.cells.get("measure"):
            rule = "'down from N': the measure of the figure it is compared with"
            chosen = (earlier[-1].row.cells["measure"], rule, "medium")
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

    def _measure_around(self, s, f: Figure, earlier: list[Figure], unit: str):
        """No cue in its clause: an opening "Of the X killed," or "bringing the total to N"."""
        if m := _OPENING.search(s.text):
            at = s.start + m.end() - 1
            opening = measures.cues_near(self.body, at, at, s.start, at)
            if chosen := measures.choose(opening, unit):
                return chosen[0], f"{chosen[1]} in the sentence's opening 'Of the ...,'", "medium"
        before = self.body[s.start : f.group.start]
        if earlier and _TOTAL_BEFORE.search(before) and earlier[-1].row.cells.get("measure"):
            rule = "'bringing the total to N': the measure of the figure before"
            return earlier[-1].row.cells["measure"], rule, "medium"
        return None

    def _share_without_whole(self, f: Figure) -> bool:
        """ "about half of the residents have gone": a share, its whole not a figure of the text."""
        row, mention = f.row, f.group.mentions[0]
        if mention.kind != "fraction" or row.cells.get("relative_to") or f.base is not None:
            return False
        row.cells.pop("fraction", None)
        row.why = [w for w in row.why if w[0] != "fraction"]
        row.guess("unit", "fraction", "a fraction with no whole in the text", "medium")
        row.guess("measure", "share", "a fraction with no whole in the text: a share", "medium")
        row.cells.update(hedges.bounds(row.cells.get("qualifier", "exact"), mention.value))
        return True

    def _fraction_measure(self, s, f: Figure, allm, left) -> None:
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

    def _check_part(self, f: Figure, earlier: list[Figure]) -> None:
        """A part and its whole share a unit; otherwise the link is dropped with a note."""
        whole_id = f.row.cells.get("part_of")
        whole = next((x for x in self.figures + earlier if x.row.id == whole_id), None)
        if whole and whole.row.cells.get("unit") != f.row.cells.get("unit"):
            del f.row.cells["part_of"]
            f.row.why.append(("part_of", f"left empty: {whole_id} counts another unit", "low"))

    def _link_whole(self, s, f: Figure, earlier: list[Figure]) -> None:
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

    def claimant(self, s, f: Figure, source: attribution.Source, following: str) -> None:
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

    def subject(self, s, f: Figure, earlier: list[Figure]) -> None:
        row = f.row
        g = f.base.group if f.base is not None and "fraction" in row.cells else f.group
        noun = subjects.counted_noun(self.body, g.end)
        harmed = ("killed", "wounded", "casualties")
        before = [
            e.row.cells["subject_id"]
            for e in earlier
            if e.row.cells.get("subject_id") and e.row.cells.get("measure") in (*harmed, "deployed")
        ]  # "of some 11,000 troops sent ..., 1,000 have been killed": the same troops
        if before and subjects.is_generic(noun) and row.cells.get("measure") in harmed:
            # "killing two dock workers and injuring five others": one event's people
            row.guess(
                "subject_id", before[-1], "the subject of the sentence's figure before", "medium"
            )
            return
        pool = self.known + self.d.subjects
        hit = subjects.match(noun, s.text, pool)
        if hit:
            row.guess(
                "subject_id", hit[0].subject_id, f"matches subject '{hit[0].label}'", "medium"
            )
            return
        taken = {x.subject_id for x in pool}
        labels = {x.label for x in pool}
        measure = row.cells.get("measure", "") or "figure"
        new = subjects.propose(noun, s.text, measure, taken, labels)
        self.d.subjects.append(new)
        row.guess("subject_id", new.subject_id, "a new subject proposed: rename or merge", "low")

    # ---- periods and events
