"""Events told by several articles: rows that share a label are one event.

Each telling constrains the event's date, so all of them must be able to be
true at once: their date intervals must overlap, and they must agree on the
event's category. The timeline then draws one row, dated where they overlap.
"""

from analysis.curation.corpus import Corpus, present, rows
from analysis.language import dates


def _telling(row) -> dates.DateInterval | None:
    try:
        return dates.span(row["date_start"], row["date_end"])
    except (TypeError, ValueError):
        return None  # reported by the schema


def check_event_tellings(corpus: Corpus) -> None:
    """Events that share a label are one event: their dates must overlap, their category agree."""
    table = corpus.tables["events"]
    if not table.readable or table.missing_columns:
        return
    seen: dict[str, tuple[int, dates.DateInterval | None, str]] = {}
    hint = "events that share a label are one event: "
    for index, row in rows(table.frame):
        label, when = row["label"], _telling(row)
        if not present(label):
            continue
        if label not in seen:
            seen[label] = (table.line(index), when, row["category"])
            continue
        line, told, category = seen[label]
        if when and told and (when.latest < told.earliest or told.latest < when.earliest):
            corpus.add(
                table,
                index,
                "date_start",
                f"event {label!r} is told at line {line} as {told.earliest}..{told.latest}; "
                f"these dates ({when.earliest}..{when.latest}) do not overlap",
                hint + "fix the dates, or give this one its own label",
            )
        elif when and told:  # the next telling must fit where these two overlap
            first, last = max(when.earliest, told.earliest), min(when.latest, told.latest)
            seen[label] = (line, dates.DateInterval(first, last, "interval"), category)
        if present(row["category"]) and row["category"] != category:
            corpus.add(
                table,
                index,
                "category",
                f"event {label!r} is a {row['category']} here but a {category} at line {line}",
                hint + "give them one category",
            )
