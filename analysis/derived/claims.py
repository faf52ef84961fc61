"""Resolved claims: each curated figure as an interval, with its lineage, timing and source.

Resolution applies the qualifier convention (analysis.derived.intervals) and turns
relative figures ("approximately half of the 12,000") into values from both
the fraction's interval and the base claim's interval, naming the base.
"""

import math
from datetime import date

import pandas as pd

from analysis.curation import dictionary
from analysis.curation.consistency import event_dates
from analysis.curation.validate import Corpus
from analysis.derived import intervals
from analysis.derived.intervals import Interval
from analysis.derived.timing import Timing, claim_timing
from analysis.language import periods
from analysis.language.dates import DateInterval, span

RESOLVED_COLUMNS = [
    "claim_id",
    "article_id",
    "subject_id",
    "subject",
    "measure",
    "count_type",
    "unit",
    "qualifier",
    "value_text",
    "low",
    "best",
    "high",
    "high_open",
    "relative_to",
    "fraction",
    "part_of",
    "lineage",
    "period_text",
    "period_basis",
    "anchor",
    "start_earliest",
    "start_latest",
    "as_of_earliest",
    "as_of_latest",
    "as_of_basis",
    "duration_days_low",
    "duration_days_best",
    "duration_days_high",
    "duration_rule",
    "rate_note",
    "claimant",
    "relayed_by",
    "source",
    "claimant_type",
    "party_side",
    "from_party",
    "verification",
    "quote",
]


def _num(value) -> float:
    return math.nan if value is None or pd.isna(value) else float(value)


def source_chain(claimant: str, relayed_by) -> str:
    """ "Western officials" or "Ukrainian and U.S. officials, via The New York Times"."""
    return claimant if pd.isna(relayed_by) else f"{claimant}, via {relayed_by}"


def publication(corpus: Corpus) -> dict[str, DateInterval]:
    """Each article's publication interval."""
    frame = corpus.frame("articles")
    return {
        row.article_id: span(row.published_earliest, row.published_latest)
        for row in frame.itertuples(index=False)
    }


class _Resolver:
    """Resolves claims to intervals, following relative_to chains once each."""

    def __init__(self, claims: pd.DataFrame, tolerance: float):
        columns = ["claim_id", "qualifier", "low", "best", "high", "relative_to", "fraction"]
        rows = claims[[*columns, "value_text"]].itertuples(index=False)
        self.claims = {row.claim_id: row for row in rows}  # a row by id: O(1), not a .loc
        self.tolerance = tolerance
        self.done: dict[str, tuple[Interval, str]] = {}

    def fraction_interval(self, row) -> Interval:
        fraction = float(row.fraction)  # one-sided ("at least a quarter") keeps its bound
        return intervals.from_qualifier(row.qualifier, fraction, fraction, fraction, self.tolerance)

    def resolve(self, claim_id: str) -> tuple[Interval, str]:
        if claim_id in self.done:
            return self.done[claim_id]
        row = self.claims[claim_id]
        if pd.notna(row.relative_to):
            base, _ = self.resolve(row.relative_to)
            share = self.fraction_interval(row)
            result = (
                share * base,
                f"{row.qualifier} {float(row.fraction):g} ({row.value_text!r}) "
                f"x {row.relative_to} [{_fmt_interval(base)}]",
            )
        else:
            value = intervals.from_qualifier(
                row.qualifier, _num(row.low), _num(row.best), _num(row.high), self.tolerance
            )
            result = (value, f"{row.qualifier} ({row.value_text!r})")
        self.done[claim_id] = result
        return result


def _fmt_interval(iv: Interval) -> str:
    high = "open" if iv.open_high else f"{iv.high:g}"
    best = "" if math.isnan(iv.best) else f", best {iv.best:g}"
    return f"{iv.low:g} to {high}{best}"


def _timing_columns(timing: Timing) -> dict:
    d = timing.duration or periods.Duration(math.nan, math.nan, math.nan)
    start = timing.start
    return {
        "start_earliest": start.earliest if start and start.earliest > date.min else None,
        "start_latest": start.latest if start else None,
        "as_of_earliest": timing.as_of.earliest,
        "as_of_latest": timing.as_of.latest,
        "as_of_basis": timing.as_of_basis,
        "duration_days_low": d.low,
        "duration_days_best": d.best,
        "duration_days_high": math.nan if math.isinf(d.high) else d.high,
        "duration_rule": timing.duration_rule,
        "rate_note": timing.rate_note,
    }


def resolve_claims(corpus: Corpus, tolerance: float = intervals.DEFAULT_TOLERANCE) -> pd.DataFrame:
    """One row per claim with its resolved interval, lineage, timing and provenance."""
    claims = corpus.frame("claims")
    labels = corpus.frame("subjects").set_index("subject_id")["label"]
    published = publication(corpus)
    anchors = event_dates(corpus.frame("events"))
    measures = dictionary.measures()
    resolver = _Resolver(claims, tolerance)
    rows = []
    for row in claims.itertuples(index=False):
        value, lineage = resolver.resolve(row.claim_id)
        count = measures[row.measure].count
        anchor = anchors.get(row.anchor) if isinstance(row.anchor, str) else None
        timing = claim_timing(row, count, published[row.article_id], anchor)
        rows.append(
            {
                "claim_id": row.claim_id,
                "article_id": row.article_id,
                "subject_id": row.subject_id,
                "subject": labels[row.subject_id],
                "measure": row.measure,
                "count_type": count,
                "unit": row.unit,
                "qualifier": row.qualifier,
                "value_text": row.value_text,
                "low": value.low,
                "best": value.best,
                "high": math.nan if value.open_high else value.high,
                "high_open": value.open_high,
                "relative_to": row.relative_to,
                "fraction": _num(row.fraction),
                "part_of": row.part_of,
                "lineage": lineage,
                "period_text": row.period_text,
                "period_basis": row.period_basis,
                "anchor": row.anchor,
                **_timing_columns(timing),
                "claimant": row.claimant,
                "relayed_by": row.relayed_by,
                "source": source_chain(row.claimant, row.relayed_by),
                "claimant_type": row.claimant_type,
                "party_side": row.party_side,
                "from_party": row.party_side != "none",
                "verification": row.verification,
                "quote": row.quote,
            }
        )
    out = pd.DataFrame(rows, columns=RESOLVED_COLUMNS)
    return out.sort_values("claim_id", kind="stable").reset_index(drop=True)


def interval_of(row) -> Interval:
    """The Interval of a resolved-claims row (open high restored to +inf)."""
    high = math.inf if row["high_open"] else row["high"]
    return Interval(row["low"], row["best"], high)
