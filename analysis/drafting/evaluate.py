"""Measuring the drafter: draft every curated article of a corpus and compare with its curation.

A drafted claim is matched to a curated one when their numbers overlap in the
text. A curated figure counts as right when value (low/best/high, or fraction
and base), measure and qualifier all agree; its claimant is right when
claimant and relay agree up to case, a leading "the" and a bracketed remark.
An event is found when a drafted event's date words (or, for an event whose
text gives no date, its quote) overlap the curated ones. A spurious row is a
drafted claim or event that matches nothing curated.
"""

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.curation.validate import validate
from analysis.drafting import draft, subjects
from analysis.language.dates import span
from analysis.language.numbers import same_number

TARGETS = {"figures": 0.90, "claimant": 0.80, "spurious_per_curated": 1 / 3}


@dataclass
class Result:
    """Per-article counts and the list of misses."""

    table: pd.DataFrame
    misses: list[str] = field(default_factory=list)


def normal(name: str) -> str:
    """A claimant as compared: lower case, straight quotes, no leading 'the', no brackets."""
    name = re.sub(r"\([^)]*\)", "", (name or "").replace("’", "'")).lower()
    name = re.sub(r"^the\s+", "", " ".join(name.split()))
    return name.strip(" .,")


def _span(text: str, quote: str, part: str) -> tuple[int, int] | None:
    at = text.find(quote)
    if at < 0 or not part or part not in quote:
        return None
    start = at + quote.index(part)
    return start, start + len(part)


def _overlap(a, b) -> bool:
    return bool(a and b and a[0] < b[1] and b[0] < a[1])


def _num(cell) -> float:
    try:
        return float(cell)
    except (TypeError, ValueError):
        return math.nan


def _same(a, b) -> bool:
    x, y = _num(a), _num(b)
    return (math.isnan(x) and math.isnan(y)) or same_number(x, y)


def _value_right(cur: dict, got: dict, ids: dict[str, str]) -> bool:
    if cur.get("relative_to"):
        return _same(cur["fraction"], got.get("fraction")) and ids.get(
            cur["relative_to"]
        ) == got.get("relative_to")
    return all(_same(cur.get(c), got.get(c)) for c in ("low", "best", "high"))


def _cells(frame: pd.DataFrame) -> list[dict]:
    return [
        {k: ("" if pd.isna(v) else str(v)) for k, v in r.items()} for r in frame.to_dict("records")
    ]


def evaluate_article(text: str, article: dict, curated: dict, known) -> tuple[dict, list[str]]:
    """Counts for one article and its misses."""
    published = span(article["published_earliest"], article["published_latest"])
    d = draft.draft_text(text, article["article_id"], published, known)
    drafted = [(r.span, r.cells) for r in d.claims]
    matched: dict[str, dict] = {}
    ids: dict[str, str] = {}
    for cur in curated["claims"]:
        where = _span(text, cur["quote"], cur["value_text"])
        for sp, cells in drafted:
            if _overlap(where, sp) and cells["claim_id"] not in ids.values():
                matched[cur["claim_id"]], ids[cur["claim_id"]] = cells, cells["claim_id"]
                break
    right = claimant = 0
    misses = []
    for cur in curated["claims"]:
        got = matched.get(cur["claim_id"])
        label = f"{cur['claim_id']} '{cur['value_text']}'"
        if got is None:
            misses.append(f"{label}: not drafted as a claim")
            continue
        wrong = [c for c in ("measure", "qualifier") if cur[c] != got.get(c, "")]
        if not _value_right(cur, got, ids):
            wrong.append("value")
        if wrong:
            shown = ", ".join(
                f"{c} {cur.get(c, '')!r} drafted {got.get(c, '')!r}" for c in wrong if c != "value"
            )
            misses.append(f"{label}: wrong {', '.join(wrong)}" + (f" ({shown})" if shown else ""))
        else:
            right += 1
        if normal(cur["claimant"]) == normal(got["claimant"]) and normal(
            cur["relayed_by"]
        ) == normal(got.get("relayed_by", "")):
            claimant += 1
        else:
            misses.append(
                f"{label}: claimant {cur['claimant']!r} / {cur['relayed_by']!r} drafted "
                f"{got['claimant']!r} / {got.get('relayed_by', '')!r}"
            )
    found, used = 0, set()
    for ev in curated["events"]:
        where = _span(text, ev["quote"], ev["date_text"]) or _span(text, ev["quote"], ev["quote"])
        hit = next(
            (r for r in d.events if r.id not in used and _overlap(where, _event_span(text, r, ev))),
            None,
        )
        if hit:
            found += 1
            used.add(hit.id)
        else:
            misses.append(
                f"{ev['event_id']} ({ev['date_text'] or 'no date words'}): event not found"
            )
    spurious_claims = [c["claim_id"] for _, c in drafted if c["claim_id"] not in ids.values()]
    spurious_events = [r.id for r in d.events if r.id not in used]
    for sid in spurious_claims + spurious_events:
        row = next(r for r in d.rows() if r.id == sid)
        what = row.cells.get("value_text") or row.cells.get("date_text")
        misses.append(f"spurious {sid} '{what}'")
    counts = {
        "article_id": article["article_id"],
        "curated_claims": len(curated["claims"]),
        "figures_right": right,
        "claimant_right": claimant,
        "curated_events": len(curated["events"]),
        "events_found": found,
        "drafted_claims": len(d.claims),
        "drafted_events": len(d.events),
        "spurious": len(spurious_claims) + len(spurious_events),
    }
    return counts, misses


def _event_span(text: str, row, curated_event: dict):
    if curated_event["date_text"]:
        return row.span
    return _span(text, row.cells["quote"], row.cells["quote"])


def evaluate(root: Path, articles: list[str] | None = None) -> Result:
    """Draft and compare every curated article of the corpus at root (or the ones named)."""
    corpus = validate(root)
    known = [
        subjects.Subject(r["subject_id"], r["label"], r["description"])
        for r in _cells(corpus.frame("subjects"))
    ]
    rows, misses = [], []
    for article in _cells(corpus.frame("articles")):
        aid = article["article_id"]
        if articles and aid not in articles:
            continue
        curated = {
            name: [r for r in _cells(corpus.frame(name)) if r["article_id"] == aid]
            for name in ("claims", "events")
        }
        counts, missed = evaluate_article(corpus.texts[aid], article, curated, known)
        rows.append(counts)
        misses += [f"{aid}: {m}" for m in missed]
    table = pd.DataFrame(rows)
    if len(table):
        total = table.drop(columns="article_id").sum()
        table = pd.concat(
            [table, pd.DataFrame([{"article_id": "total", **total}])], ignore_index=True
        )
    return Result(table, misses)


def format_result(result: Result) -> str:
    """The evaluation as a table with shares and the targets, then the misses."""
    t = result.table.copy()
    if t.empty:
        return "no curated articles to evaluate"
    t["figures_%"] = (100 * t["figures_right"] / t["curated_claims"].clip(lower=1)).round(1)
    t["claimant_%"] = (100 * t["claimant_right"] / t["curated_claims"].clip(lower=1)).round(1)
    curated_rows = (t["curated_claims"] + t["curated_events"]).clip(lower=1)
    t["spurious_per_3"] = (3 * t["spurious"] / curated_rows).round(2)
    columns = [
        "article_id", "curated_claims", "figures_right", "figures_%", "claimant_right",
        "claimant_%", "curated_events", "events_found", "drafted_claims", "drafted_events",
        "spurious", "spurious_per_3",
    ]  # fmt: skip
    lines = [t[columns].to_string(index=False)]
    total = t.iloc[-1]
    lines.append(
        f"targets: figures right >= 90% (got {total['figures_%']:g}%), claimant right >= 80% "
        f"(got {total['claimant_%']:g}%), spurious rows <= 1 per 3 curated claims and events "
        f"(got {total['spurious_per_3']:g})"
    )
    if result.misses:
        lines += ["", "misses:"] + [f"  {m}" for m in result.misses]
    return "\n".join(lines)
