"""Curated dates against the relative-date grammar: where both exist, they must agree.

A claim's period_text or an event's date_text that the grammar can read
("in just three months", "last November") gives an interval resolved from the
article's publication dates; the curated dates must lie within it.
"""

import pandas as pd

from analysis.curation.corpus import rows
from analysis.curation.problems import Problem
from analysis.language import periods
from analysis.language.dates import DateInterval, parse_partial, span

# file, phrase column, start column, end column
PHRASE_COLUMNS = (
    ("claims", "period_text", "period_start", "period_end"),
    ("events", "date_text", "date_start", "date_end"),
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


def _reading(table, index, phrase_col: str, phrase: str, published) -> tuple:
    """The grammar's reading of a phrase, or a problem when the phrase leads to no date.

    The analysis reads every phrase the same way, so a phrase that names a date
    before year 1 or beyond 9999 ("in 0000", "for the past 3000 years") must
    stop here, not in the build.
    """
    try:
        return periods.read_phrase(phrase, published), None
    except (ValueError, OverflowError) as e:
        return None, Problem(
            table.label,
            table.line(index),
            phrase_col,
            f"{phrase!r} cannot be resolved to dates ({e})",
            "check the number or the year in the phrase",
        )


def check_phrases(corpus) -> list[Problem]:
    """Phrases that resolve to no date, and curated dates outside what their phrase says."""
    problems = []
    published = _publication(corpus.frame("articles"))
    for name, phrase_col, start_col, end_col in PHRASE_COLUMNS:
        table = corpus.tables[name]
        for index, row in rows(table.frame):
            phrase, start, end = row[phrase_col], row[start_col], row[end_col]
            if pd.isna(phrase) or row["article_id"] not in published:
                continue
            reading, problem = _reading(
                table, index, phrase_col, phrase, published[row["article_id"]]
            )
            if problem:
                problems.append(problem)
            if pd.isna(start) or pd.isna(end):
                continue
            try:
                curated = DateInterval(
                    parse_partial(start).earliest, parse_partial(end).latest, "interval"
                )
            except ValueError:
                continue  # reported by the schema
            if reading and not periods.agrees(curated, reading.interval):
                early = curated.earliest < reading.interval.earliest
                problems.append(
                    Problem(
                        table.label,
                        table.line(index),
                        start_col if early else end_col,  # the cell that leaves the reading
                        f"{start}..{end} lies outside what {phrase!r} says "
                        f"({reading.interval.earliest}..{reading.interval.latest}, {reading.rule})",
                        "fix the dates, or the publication interval of the article",
                    )
                )
    return problems
