"""Build: validate, derive every processed table, write them atomically and deterministically.

Determinism: rows are sorted by key, numbers are written with at most
6 significant digits and no exponent, booleans as true/false, missing as empty.
Atomicity: data/processed is replaced as a whole, holding the old or the new
tables at every instant (`analysis.derived.atomic.write_atomically`).
"""

import math
from datetime import date
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.curation.validate import Corpus, validate
from analysis.derived import intervals
from analysis.derived.atomic import write_atomically
from analysis.derived.claims import resolve_claims
from analysis.derived.conflicts import build_conflicts
from analysis.derived.displacement import build_displacement
from analysis.derived.estimates import build_estimates
from analysis.derived.rates import build_rates
from analysis.derived.series import build_series, with_date_groups
from analysis.derived.timeline import build_timeline

SIGNIFICANT = 6


def format_number(x: float) -> str:
    """A float as text with at most 6 significant digits, never in exponent form."""
    if x is None or pd.isna(x):
        return ""
    if math.isinf(x):
        raise ValueError("infinite values are written as an empty high with high_open=true")
    if x == 0:
        return "0"
    digits = SIGNIFICANT - 1 - math.floor(math.log10(abs(x)))
    text = f"{round(x, digits):.{max(digits, 0)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _format_cell(x) -> str:
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, float):
        return format_number(x)
    if isinstance(x, date):
        return x.isoformat()
    if x is None or x is pd.NA or (not isinstance(x, str) and pd.isna(x)):
        return ""
    return str(x)


def to_csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text with the project's fixed formatting."""
    text = frame.astype(object).map(_format_cell)
    return text.to_csv(index=False, lineterminator="\n")


def build_tables(corpus: Corpus, tolerance: float = intervals.DEFAULT_TOLERANCE) -> dict:
    """Every processed table, by file name."""
    return derive_tables(corpus, resolve_claims(corpus, tolerance), tolerance)


def derive_tables(
    corpus: Corpus,
    resolved: pd.DataFrame,
    tolerance: float = intervals.DEFAULT_TOLERANCE,
    articles: list[str] | None = None,
) -> dict:
    """Every processed table from resolved claims (all of them, or a chosen subset).

    articles: keep only the events these articles tell (None: every article).
    """
    grouped = with_date_groups(resolved)
    rates = build_rates(resolved, tolerance)
    return {
        "claims_resolved.csv": resolved,
        "estimates.csv": build_estimates(grouped),
        "conflicts.csv": build_conflicts(grouped),
        "series.csv": build_series(grouped),
        "rates.csv": rates,
        "displacement.csv": build_displacement(resolved, rates, corpus.frame("subjects")),
        "timeline.csv": build_timeline(corpus, articles),
    }


def build(root: Path | None = None, tolerance: float = intervals.DEFAULT_TOLERANCE) -> dict:
    """Validate (raising InvalidData), build every table and write data/processed."""
    tables = build_tables(validate(root), tolerance)
    write_processed(tables, root)
    return tables


def write_processed(tables: dict, root: Path | None = None) -> None:
    """Write the tables to data/processed, all or nothing, in the fixed formatting."""
    target = (root or config.ROOT) / "data" / "processed"
    write_atomically({name: to_csv_text(frame) for name, frame in tables.items()}, target)
