"""Periods of claims and dated events: time phrases placed next to figures or drafted as events.

A phrase within six words of a figure (with its unit) or of its measure word is the figure's
period ("1,000 have been killed in just three months"); one after "survey
from" is its as-of date; one that dates a happening ("the invasion in
February 2022", "the shelling ended in 2022") is not. A phrase right after a
verb of saying ("said on Tuesday", "said in February") dates the statement: it
is neither a period nor an event. A day ("on Wednesday", "on Thursday night")
is never a figure's period: it dates what the figures of its sentence count,
an event. Phrases no figure takes become events when they hold a number or
stand next to an event word ("recently struck"); a later event with the same
year and words as an earlier one is drafted as a "restates" exclusion. "Overnight"
is the night before publication, one event however often the article says it;
a time of day alone ("at about 4:15 a.m.") is the day of publication. A day in a
relative clause on a counted noun ("86 drones Russia launched overnight")
describes the noun: no event.
"""

import re

from analysis.drafting import dating, measures, mentions, subjects
from analysis.drafting.figures import Figure
from analysis.drafting.rows import Row
from analysis.drafting.text import unique_part, without_dateline

_EVENT_WORDS = re.compile(
    r"\b(?:sent|deployed|deployment|signed|signing|launched|launching|invaded|invasion|annex\w*"
    r"|began|begun|started|struck|strikes?|attacks?|attacked|occupied|ended|withdr\w+|pulled out"
    r"|reaffirmed|crossed|crossing|captured|seen|treaty|incursion|offensive|shelling|exchanges?"
    r"|swaps?|swapped|handed over)\b",
    re.IGNORECASE,
)
_CATEGORIES = (
    ("alliance", r"treaty|agreement|alliance|pact|ties|reaffirmed|exchanges?|swaps?|swapped"),
    ("deployment", r"troops|soldiers|deploy\w*|sent|withdr\w+|pulled out"),
    ("strike", r"strikes?|struck|attacks?|missiles?|drones?|shelling|bomb\w*"),
    ("war", r"invasion|invaded|annex\w*|offensive|incursion|occupied|war"),
    ("report", r"report\w*|said|briefing|published"),
)
_AS_OF = re.compile(
    r"\b(?:as of|(?:survey|report|data|census|assessment|count)\s+(?:from|of|in))\s+$", re.I
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|announced|wrote)(?:\s+(?:later|earlier))?\s+$", re.IGNORECASE
)
_HARM_VERBS = (
    r"killed|killing|wounded|wounding|injured|struck|hit|attacked|shelled|launched|fired"
    r"|destroyed|shot down|downed|intercepted"
)
_HARM_BEFORE = re.compile(rf"(?<!the )\b(?:{_HARM_VERBS})\b(?:\s+\S+){{0,6}}\s*$", re.IGNORECASE)
_HARM_AFTER = re.compile(rf"^,?\s+[^,;]*?(?<!the )\b(?:{_HARM_VERBS})\b", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(
    r"\d\s+(?:(?!(?:after|before|when|while|as|because|since|until|once)\b)[\w-]+\s+){0,2}?"
    r"(?:that\s+|which\s+)?(?:[A-Z][\w'’-]*\s+)+(?:had\s+)?[a-z]+ed\s+$"
)  # "86 drones (that) Russia launched overnight": the day describes the counted noun;
# "300 residents after Russia shelled on Monday" is a clause of its own: an event
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:in|on|at|of|from|since|over|and|or|to|for|by|had|have|has"
    r"|were|was|are|is)\b)[a-z][a-z-]+\b"
)
_WHEN_AFTER = re.compile(r"^,?\s+when\b", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[,;]")


class TimeRules:
    """The period and event steps of drafting (mixed into the drafting state)."""

    def periods(self, s, figures: list[Figure], phrases: list[dating.Phrase]) -> set[int]:
        used: set[int] = set()
        for f in figures:
            end = measures.unit_end(self.body, f.group.end)
            if noun := _NOUN_AFTER.match(self.body, end):  # "2,600 patients": the counted noun
                end = noun.end()
            anchor = [(f.group.start, end)]
            if f.cue is not None:
                at = self.body.find(f.cue.words, s.start if not f.cue.after else f.group.end, s.end)
                if at >= 0:
                    anchor.append((at, at + len(f.cue.words)))
            best = None
            for i, p in enumerate(phrases):
                if p.day or self._speech_date(p, s) or self._dates_another(f, p):
                    continue
                gap = min(_gap(self.body, a, (p.start, p.end)) for a in anchor)
                if _AS_OF.search(self.body[max(s.start, p.start - 25) : p.start]):
                    gap = min(gap, 6)  # "its survey from December 2024": the as-of date
                own = _gap(self.body, anchor[0], (p.start, p.end))  # a tie goes to the nearer
                if gap <= 6 and (best is None or (gap, own) < best[0]):  # the figure's own words
                    best = ((gap, own), i, p)
            if best:
                self._period(f.row, best[2], s)
                used.add(best[1])
            else:
                f.row.cells["period_basis"] = "none"
        return used

    def _speech_date(self, p: dating.Phrase, s) -> bool:
        """ "said on Tuesday", "said in February that": the date of a statement."""
        return bool(_SPEECH_BEFORE.search(self.body[s.start : p.start]))

    def _dates_another(self, f: Figure, p: dating.Phrase) -> bool:
        """ "since the invasion in February 2022": the phrase dates a happening, not the figure."""
        if not _verb_before(self.body, p):
            return False
        before = self.body[max(0, p.start - 40) : p.start].lower()
        return not (f.cue and f.cue.words.lower() in before)

    def _period(self, row: Row, p: dating.Phrase, s) -> None:
        row.guess("period_text", unique_part(s.text, p.start - s.start, p.end - s.start),
                  f"the time phrase next to the figure ({p.rule})",
                  "high" if p.interval else "low")  # fmt: skip
        start, end = dating.partial(p.interval) if p.interval else ("", "")
        if start:
            row.cells.update({"period_start": start, "period_end": end, "period_basis": p.basis})
        elif end:  # "by late February": it starts at an event the analyst names (anchor)
            row.cells["period_basis"] = "none"
            row.why.append(
                ("period_start", f"ends {end}; starts at an anchor event: give it", "low")
            )
        else:
            row.cells["period_basis"] = "none"
            row.why.append(
                ("period_start", "no publication date or phrase outside the grammar", "low")
            )
        self.cover(s.text, row.cells["period_text"])

    def events(self, s, phrases, used: set[int], figures: list[Figure]) -> None:
        for i, p in enumerate(phrases):
            if self._speech_date(p, s):
                continue
            has_number = bool(mentions.in_span(self.body, p.start, p.end))
            near = self.body[max(s.start, p.start - 40) : min(s.end, p.end + 40)]
            eventful = bool(_EVENT_WORDS.search(near) or _EVENT_WORDS.search(self._clause(s, p)))
            if p.day and figures:  # "killed 13 people on Wednesday": the day of what they count
                eventful = eventful or bool(_HARM_BEFORE.search(self.body[s.start : p.start]))
                opening = not self.body[s.start : p.start].strip()  # "On Sunday, a drone hit"
                eventful = eventful or (
                    opening and bool(_HARM_AFTER.match(self.body[p.end : s.end]))
                )
            when = bool(_WHEN_AFTER.match(self.body[p.end : s.end]))  # "since August, when ..."
            if i in used and not (
                when or (eventful and not p.duration and _verb_before(self.body, p))
            ):
                continue
            since_a_date = p.text.lower().startswith("since") and not has_number and not when
            if self._same_night(p) or _RELATIVE_BEFORE.search(self.body[s.start : p.start]):
                continue
            if i not in used and (since_a_date or not (has_number or eventful)):
                continue
            self.event(s, p)

    def _same_night(self, p: dating.Phrase) -> bool:
        """ "overnight" is the one night before publication: a later one adds no event."""
        if not re.fullmatch(r"(?:\w+\s+)?overnight", p.text, re.IGNORECASE):
            return False
        return any(
            e.cells.get("date_text", "").lower().endswith("overnight") for e in self.d.events
        )

    def _clause(self, s, p: dating.Phrase) -> str:
        """The words of the phrase's clause (between commas or semicolons of its sentence)."""
        before = self.body[s.start : p.start]
        left = max((m.end() for m in _CLAUSE_MARK.finditer(before)), default=0)
        right = _CLAUSE_MARK.search(self.body, p.end, s.end)
        return self.body[s.start + left : right.start() if right else s.end]

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
        words = unique_part(s.text, first, p.end - s.start)
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
        label = _label(s.text, p.text)
        if label in {e.cells.get("label") for e in self.d.events[:-1]}:
            label = f"{label} ({words})"  # events that share a label are one event
        row.guess("label", label, "the sentence's opening words: shorten", "low")
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


def source_year(body: str, p: dating.Phrase, sentence_start: int) -> bool:
    """A bare year that dates a cited source ("a 2020 report") is no time phrase."""
    found = mentions.in_span(body, p.start, p.end)
    if len(found) != 1 or found[0].text != p.text:
        return False
    reason = mentions.exclusion(body, mentions.Group((found[0],), "single"), sentence_start)
    return bool(reason) and reason[0] == "source_date"


def _verb_before(body: str, p: dating.Phrase) -> bool:
    return bool(re.search(r"\b(?:sent|deployed|signed|launched|invaded|annexed|struck|invasion"
                          r"|incursion|offensive|treaty|occupied|ended|began|started)\b"
                          r"(?:\s+\S+){0,3}\s*$",
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


_LABEL_WORDS = 10
_DANGLING = {
    "a", "an", "the", "in", "on", "at", "of", "to", "for", "by", "and", "or", "with", "that",
}  # fmt: skip
_REPORTING_START = re.compile(
    r"^[^,;]{0,60}?\b(?:said|says|told \w+|reported|announced) that\s+", re.IGNORECASE
)
_REPORTING_END = re.compile(r"\b(?:said|says|told|reported|announced|that)\s*$", re.IGNORECASE)


def _label(sentence: str, date_text: str = "") -> str:
    """The sentence's opening clause, up to ten words, without its dateline or its date
    ("KHERSON, ... - A Russian drone struck a market in Kherson on Tuesday, killing ..."
    is "A Russian drone struck a market in Kherson")."""
    rest = without_dateline(sentence)
    at = rest.find(date_text) if date_text else -1
    if at > 0:
        before = rest[:at]
        if len(before.split()) >= 4 and not _REPORTING_END.search(before):
            rest = before
        else:  # "The air force said that on Tuesday Russia launched ...": the date goes
            rest = before + rest[at + len(date_text) :]
    rest = _REPORTING_START.sub("", rest, count=1)  # "Police said that a drone struck"
    clauses = [c for c in re.split(r"[,;:]\s", rest) if c.strip()] or [rest]
    while len(clauses) > 1 and len(clauses[0].split()) < 4:
        clauses.pop(0)  # "On Sunday," "In Kramatorsk," "Separately,": what happened follows
    words = clauses[0].split()[:_LABEL_WORDS]
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    label = " ".join(words).rstrip(",.;:")
    return label[:1].upper() + label[1:]


def longest(phrases: list[dating.Phrase]) -> list[dating.Phrase]:
    """Drop phrases inside longer ones ("2022" inside "since February 2022")."""
    keep = []
    for p in sorted(phrases, key=lambda p: (p.start, -(p.end - p.start))):
        if keep and p.start < keep[-1].end:
            continue
        keep.append(p)
    return keep
