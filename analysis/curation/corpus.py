"""The curated corpus as read: its tables, its article texts and every problem found."""

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.curation.csvfile import Table
from analysis.curation.problems import Problem


def rows(frame: pd.DataFrame):
    """(index, row as a dict) for every row: much faster to read than iterrows' Series.

    Built from each column's list, as reading a text array cell by cell is slow.
    """
    columns = list(frame.columns)
    values = zip(*(frame[c].tolist() for c in columns), strict=True)
    pairs = zip(frame.index, values, strict=True)
    return ((index, dict(zip(columns, v, strict=True))) for index, v in pairs)


def present(value) -> bool:
    """A cell holds a value (not empty, not NA)."""
    return (
        value is not None
        and not (isinstance(value, float) and math.isnan(value))
        and value is not pd.NA
    )


@dataclass
class Corpus:
    """The raw tables, the article texts and every problem found in them."""

    root: Path | None
    tables: dict[str, Table]
    texts: dict[str, str] = field(default_factory=dict)
    published_latest: dict[str, object] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # article id -> (start, end, row id) of the words claims and events curate in its text
    covered: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    def cover(self, article: str, start: int, length: int, row_id) -> None:
        """Record that a claim's or event's words cover text[start:start + length]."""
        self.covered.setdefault(article, []).append((start, start + length, str(row_id)))

    def frame(self, name: str) -> pd.DataFrame:
        return self.tables[name].frame

    def add(self, table: Table, index, column: str, message: str, hint: str = "") -> None:
        """Record a problem of one cell (or row, with column "") of a table."""
        self.problems.append(Problem(table.label, table.line(index), column, message, hint))
