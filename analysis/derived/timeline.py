"""Timeline: events with their date intervals, precision, category and sources, ready to chart.

An event told by several articles is one row. Its identity is its label:
events that share a label are one event (the data dictionary says so, and the
validator refuses tellings whose dates cannot all be true). Each telling
constrains the date, so the row's interval is where all tellings overlap; its
date text, basis and reading come from the telling that dates it most closely.
Where the event's date_text is in the relative-date grammar, its reading is
shown beside the curated dates so a reader can see how the date was resolved.
"""

from collections.abc import Iterable

import pandas as pd

from analysis.curation.consistency import event_dates
from analysis.curation.validate import Corpus
from analysis.derived.claims import publication
from analysis.language import periods
from analysis.language.dates import DateInterval, span

TIMELINE_COLUMNS = [
    "event_id",
    "label",
    "category",
    "date_text",
    "earliest",
    "latest",
    "precision",
    "days",
    "date_basis",
    "grammar_reading",
    "tellings",
    "event_ids",
    "article_ids",
    "notes",
    "quote",
]


def _reading(row, published: DateInterval, anchors: dict) -> str:
    if pd.isna(row.date_text):
        return ""
    anchor = anchors.get(row.anchor) if isinstance(row.anchor, str) else None
    r = periods.read_phrase(row.date_text, published, anchor)
    if r is None:
        return periods.NOT_UNDERSTOOD
    return f"{r.rule}: {r.until.earliest} to {r.until.latest}"


def tellings(corpus: Corpus, articles: Iterable[str] | None = None) -> list[dict]:
    """One dict per curated event row (a telling), optionally only from some articles."""
    published, anchors = publication(corpus), event_dates(corpus.frame("events"))
    keep = None if articles is None else set(articles)
    out = []
    for row in corpus.frame("events").itertuples(index=False):
        if keep is not None and row.article_id not in keep:
            continue
        out.append(
            {
                "row": row,
                "when": span(row.date_start, row.date_end),
                "reading": _reading(row, published[row.article_id], anchors),
            }
        )
    return out


def _overlap(intervals: list[DateInterval]) -> DateInterval:
    first = max(i.earliest for i in intervals)
    last = min(i.latest for i in intervals)
    if first > last:  # refused by the validator; keep the widest rather than fail here
        first, last = min(i.earliest for i in intervals), max(i.latest for i in intervals)
    return DateInterval(first, last, "day" if first == last else "interval")


def _merge(label: str, told: list[dict]) -> dict:
    told = sorted(told, key=lambda t: (t["when"].days, t["row"].event_id))
    best = told[0]
    when = _overlap([t["when"] for t in told])
    same = (when.earliest, when.latest) == (best["when"].earliest, best["when"].latest)
    precision = best["when"].precision if same else when.precision
    row = best["row"]
    return {
        "event_id": row.event_id,
        "label": label,
        "category": row.category,
        "date_text": row.date_text,
        "earliest": when.earliest,
        "latest": when.latest,
        "precision": precision,
        "days": when.days,
        "date_basis": row.date_basis,
        "grammar_reading": best["reading"],
        "tellings": len(told),
        "event_ids": ";".join(sorted(t["row"].event_id for t in told)),
        "article_ids": ";".join(sorted({t["row"].article_id for t in told})),
        "notes": row.notes,
        "quote": row.quote,
    }


def build_timeline(corpus: Corpus, articles: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per event (tellings with one label merged), sorted by earliest date."""
    by_label: dict[str, list[dict]] = {}
    for t in tellings(corpus, articles):
        by_label.setdefault(t["row"].label, []).append(t)
    rows = [_merge(label, told) for label, told in by_label.items()]
    out = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    return out.sort_values(["earliest", "event_id"], kind="stable").reset_index(drop=True)
