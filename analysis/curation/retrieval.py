"""Where an article text came from: the day it was retrieved must be possible.

The addresses themselves (`url`, `archived_url`) are checked cell by cell by the
schema; this module adds the check across columns: a text cannot have been
retrieved after today, nor before the article was first possibly published.
"""

from datetime import date

import pandas as pd

from analysis.curation.csvfile import Table
from analysis.curation.problems import Problem


def _day(cell) -> date | None:
    """The cell as a calendar day, or None when empty or not a full date (the schema says why)."""
    if cell is None or cell is pd.NA or not isinstance(cell, str):
        return None
    try:
        return date.fromisoformat(cell) if len(cell) == 10 else None
    except ValueError:
        return None


def check_retrieved(table: Table, today: date | None = None) -> list[Problem]:
    """`retrieved` is not after today and not before `published_earliest`."""
    today = today or date.today()
    problems = []
    for index, row in table.frame.iterrows():
        retrieved = _day(row["retrieved"])
        if retrieved is None:
            continue
        published = _day(row["published_earliest"])
        if retrieved > today:
            problems.append(
                Problem(
                    table.label,
                    table.line(index),
                    "retrieved",
                    f"retrieved {retrieved} is after today ({today})",
                    "write the day the text was saved",
                )
            )
        elif published is not None and retrieved < published:
            problems.append(
                Problem(
                    table.label,
                    table.line(index),
                    "retrieved",
                    f"retrieved {retrieved} is before published_earliest {published}",
                    "a text cannot be retrieved before it was published: check both dates",
                )
            )
    return problems
