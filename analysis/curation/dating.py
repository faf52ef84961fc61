"""Periods of claims and dates of events: parsed, ordered, before publication, and
consistent with their basis and their phrase.

The basis says where the dates come from, and the same rules hold for a claim's
period (period_text, period_start, period_end, period_basis) and an event's
date (date_text, date_start, date_end, date_basis):

  none        no dates and no phrase (a claim's figure covers no stated period);
              an event always has dates, so its basis is never none
  stated      the dates are written in the quote: the phrase is required
  analyst     dates the analyst added: the notes give the reference
  resolved_from_publication
              a phrase resolved against the publication interval: the phrase is
              required. One exception, for events only: an event the article
              reports with no date at all happened by the time the article was
              published, so with no date_text its date_end is the article's
              published_latest, and the notes say how date_start was chosen.
"""

from dataclasses import dataclass

from analysis.curation.corpus import Corpus, present
from analysis.language import dates


@dataclass(frozen=True)
class Columns:
    """The columns of one kind of dated row."""

    text: str
    start: str
    end: str
    basis: str
    is_event: bool


CLAIM = Columns("period_text", "period_start", "period_end", "period_basis", False)
EVENT = Columns("date_text", "date_start", "date_end", "date_basis", True)


def _check_basis(corpus: Corpus, table, index, row, c: Columns) -> None:
    basis = row[c.basis]
    if not present(basis):
        return  # required: reported by the schema
    if basis == "none":
        if c.is_event:
            corpus.add(
                table,
                index,
                c.basis,
                f"an event cannot have {c.basis} none",
                "every event has dates: say where they come from "
                "(stated, resolved_from_publication or analyst)",
            )
            return
        for col in (c.start, c.end):
            if present(row[col]):
                corpus.add(
                    table,
                    index,
                    col,
                    f"{c.basis} is none but {col} is given",
                    f"set {c.basis} to say where the date comes from",
                )
        if present(row[c.text]):
            corpus.add(
                table,
                index,
                c.text,
                f"{c.basis} is none but {c.text} is given",
                "give the dates the phrase states and their basis, or empty the phrase",
            )
        return
    for col in (c.start, c.end):
        if not present(row[col]) and not c.is_event:  # an event's dates are required cells
            corpus.add(
                table,
                index,
                col,
                f"{c.basis} is {basis} but {col} is empty",
                "give the date, or set the basis to none",
            )
    _check_phrase(corpus, table, index, row, c, basis)


def _check_phrase(corpus: Corpus, table, index, row, c: Columns, basis: str) -> None:
    if basis == "analyst" and not present(row["notes"]):
        corpus.add(
            table,
            index,
            "notes",
            f"{c.basis} analyst needs notes",
            "give the reference the dates come from",
        )
    if basis not in ("stated", "resolved_from_publication") or present(row[c.text]):
        return
    if basis == "resolved_from_publication" and c.is_event:
        published = corpus.published_latest.get(row["article_id"])
        if not published or (row[c.end] == published and present(row["notes"])):
            return  # dated by the publication itself (see the module docstring), or unknown
        corpus.add(
            table,
            index,
            c.text,
            f"{c.basis} {basis} but {c.text} is empty",
            "give the phrase that was resolved; an event the text does not date ends at "
            "the article's published_latest, with notes saying how date_start was set",
        )
        return
    hint = (
        "copy the words of the quote that give the dates"
        if basis == "stated"
        else "give the phrase that was resolved; dates inferred with no phrase in the quote "
        "have the basis analyst, with the reasoning in notes"
    )
    corpus.add(table, index, c.text, f"{c.basis} {basis} needs {c.text}", hint)


def check_period(corpus: Corpus, table, index, row, c: Columns) -> None:
    """Basis and phrase agree; dates parse, end is not before start, nothing after publication."""
    _check_basis(corpus, table, index, row, c)
    start, end = row[c.start], row[c.end]
    try:
        first = dates.parse_partial(start) if present(start) else None
        last = dates.parse_partial(end) if present(end) else None
    except ValueError:
        return  # already reported by the schema
    if first and last and last.latest < first.earliest:
        corpus.add(
            table,
            index,
            c.end,
            f"{c.end} {end} is before {c.start} {start}",
            "the end of a period cannot come before its start",
        )
    published = corpus.published_latest.get(row["article_id"])
    if first and published and str(first.earliest) > published:
        corpus.add(
            table,
            index,
            c.start,
            f"{c.start} {start} is after the article's latest publication date {published}",
            "an article cannot report what happened after it was published",
        )
    elif last and published and str(last.earliest) > published:
        corpus.add(
            table,
            index,
            c.end,
            f"{c.end} {end} is after the article's latest publication date {published}",
            "an article cannot report what happened after it was published",
        )
