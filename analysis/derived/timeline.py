"""Timeline: events with their date intervals, precision, category and source, ready to chart.

Where the event's date_text is in the relative-date grammar, its reading is
shown beside the curated dates so a reader can see how the date was resolved.
"""

import pandas as pd

from analysis.curation.validate import Corpus
from analysis.derived.claims import publication
from analysis.language import periods
from analysis.language.dates import span

TIMELINE_COLUMNS = [
    "event_id",
    "article_id",
    "label",
    "category",
    "date_text",
    "earliest",
    "latest",
    "precision",
    "days",
    "date_basis",
    "grammar_reading",
    "notes",
    "quote",
]


def build_timeline(corpus: Corpus) -> pd.DataFrame:
    """One row per event, sorted by earliest date."""
    published = publication(corpus)
    rows = []
    for row in corpus.frame("events").itertuples(index=False):
        when = span(row.date_start, row.date_end)
        reading = ""
        if pd.notna(row.date_text):
            r = periods.read_phrase(row.date_text, published[row.article_id])
            if r:
                reading = f"{r.rule}: {r.interval.earliest} to {r.interval.latest}"
        rows.append(
            {
                "event_id": row.event_id,
                "article_id": row.article_id,
                "label": row.label,
                "category": row.category,
                "date_text": row.date_text,
                "earliest": when.earliest,
                "latest": when.latest,
                "precision": when.precision,
                "days": when.days,
                "date_basis": row.date_basis,
                "grammar_reading": reading,
                "notes": row.notes,
                "quote": row.quote,
            }
        )
    out = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    return out.sort_values(["earliest", "event_id"], kind="stable").reset_index(drop=True)
