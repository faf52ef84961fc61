"""Curated dates against the relative-date grammar: where both exist, they must agree.

A claim's period_text or an event's date_text that the grammar can read
("in just three months", "last November", "two weeks after <the anchor event>")
gives where the period starts and ends, resolved from the article's publication
dates; the curated dates must fall there. Dates the analyst set from other
knowledge (basis `analyst`) are not held to the phrase.
"""

import pandas as pd

from analysis.curation.corpus import rows
from analysis.curation.problems import Problem
from analysis.language import periods
from analysis.language.dates import DateInterval, parse_partial, span

# file, phrase column, start column, end column, basis column
PHRASE_COLUMNS = (
    ("claims", "period_text", "period_start", "period_end", "period_basis"),
    ("events", "date_text", "date_start", "date_end", "date_basis"),
)


def _publication(articles: pd.DataFrame) -> dict[str, DateInterval]:
    out = {}
    for row in articles.itertuples(index=False):
        try:
            interval = span(row.published_earliest, row.published_latest)
        except (TypeError, ValueError):
            continue  # reported by the schema
        if interval.earliest <= interval.latest:  # else reported by the validator
            out[row.article_id] = interval
    return out


def event_dates(events: pd.DataFrame) -> dict[str, DateInterval]:
    """Each event's curated interval, by id: what an `anchor` points at."""
    out = {}
    for row in events.itertuples(index=False):
        try:
            out[row.event_id] = span(row.date_start, row.date_end)
        except (TypeError, ValueError):
            continue  # reported by the schema
    return out


def _describe(reading: periods.Reading) -> str:
    start = f"starts {reading.start.earliest}..{reading.start.latest}, " if reading.start else ""
    end = reading.until
    return f"{start}ends {end.earliest}..{end.latest}, {reading.rule}"


def _check_row(table, index, row, cols, published, anchors) -> Problem | None:
    _, phrase_col, start_col, end_col, basis_col = cols
    phrase, start, end = row[phrase_col], row[start_col], row[end_col]
    if pd.isna(phrase) or pd.isna(start) or pd.isna(end) or row[basis_col] == "analyst":
        return None
    anchor = anchors.get(row["anchor"]) if pd.notna(row["anchor"]) else None
    reading = periods.read_phrase(phrase, published, anchor)
    if reading is None:
        return None
    try:
        first, last = parse_partial(start), parse_partial(end)
    except ValueError:
        return None  # reported by the schema
    if last.latest < first.earliest:
        return None  # an inverted period is reported by validate.check_period
    which = periods.disagreement(first, last, reading)
    if which is None:
        return None
    return Problem(
        table.label,
        table.line(index),
        start_col if which == "start" else end_col,
        f"{start}..{end} does not fit what {phrase!r} says ({_describe(reading)})",
        "fix the dates or the article's publication interval; if the dates are right and "
        f"the phrase means something else here, set {basis_col} to analyst and say why in notes",
    )


def check_phrases(corpus) -> list[Problem]:
    """Curated dates that fall outside what their own phrase says."""
    problems = []
    published = _publication(corpus.frame("articles"))
    anchors = event_dates(corpus.frame("events"))
    for cols in PHRASE_COLUMNS:
        table = corpus.tables[cols[0]]
        for index, row in rows(table.frame):
            if row["article_id"] in published:
                problem = _check_row(table, index, row, cols, published[row["article_id"]], anchors)
                if problem:
                    problems.append(problem)
    return problems
