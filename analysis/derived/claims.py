"""Resolved claims: each curated figure as an interval, with its lineage and period.

Resolution applies the qualifier convention (analysis.derived.intervals) and turns
relative figures ("approximately half of the 12,000") into values from both
the fraction's interval and the base claim's interval, naming the base.
"""

import math

import pandas as pd

from analysis.curation.validate import Corpus
from analysis.derived import intervals
from analysis.derived.intervals import Interval
from analysis.language import periods
from analysis.language.dates import DateInterval, parse_partial, span

RESOLVED_COLUMNS = [
    "claim_id",
    "article_id",
    "subject_id",
    "subject",
    "measure",
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
    "period_earliest",
    "period_latest",
    "period_basis",
    "duration_days_low",
    "duration_days_best",
    "duration_days_high",
    "duration_rule",
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
        self.claims = claims.set_index("claim_id", drop=False)
        self.tolerance = tolerance
        self.done: dict[str, tuple[Interval, str]] = {}

    def fraction_interval(self, row) -> Interval:
        return intervals.from_qualifier(
            row.qualifier, math.nan, float(row.fraction), math.nan, self.tolerance
        )

    def resolve(self, claim_id: str) -> tuple[Interval, str]:
        if claim_id in self.done:
            return self.done[claim_id]
        row = self.claims.loc[claim_id]
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


def claim_period(row, published: DateInterval) -> tuple:
    """Period bounds and duration of a claim: curated dates, and the phrase's stated duration."""
    earliest = latest = None
    if pd.notna(row.period_start):
        earliest = parse_partial(row.period_start).earliest
    if pd.notna(row.period_end):
        latest = parse_partial(row.period_end).latest
    duration, rule = None, ""
    if pd.notna(row.period_text):
        reading = periods.read_phrase(row.period_text, published)
        if reading and reading.duration:
            duration, rule = reading.duration, f"stated: {row.period_text!r}"
    if duration is None and earliest and latest:
        days = (latest - earliest).days + 1
        duration, rule = periods.Duration(math.nan, math.nan, days), "curated dates (longest)"
    return earliest, latest, duration, rule


def resolve_claims(corpus: Corpus, tolerance: float = intervals.DEFAULT_TOLERANCE) -> pd.DataFrame:
    """One row per claim with its resolved interval, lineage, period and provenance."""
    claims = corpus.frame("claims")
    labels = corpus.frame("subjects").set_index("subject_id")["label"]
    published = publication(corpus)
    resolver = _Resolver(claims, tolerance)
    rows = []
    for row in claims.itertuples(index=False):
        value, lineage = resolver.resolve(row.claim_id)
        earliest, latest, duration, rule = claim_period(row, published[row.article_id])
        d = duration or periods.Duration(math.nan, math.nan, math.nan)
        rows.append(
            {
                "claim_id": row.claim_id,
                "article_id": row.article_id,
                "subject_id": row.subject_id,
                "subject": labels[row.subject_id],
                "measure": row.measure,
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
                "period_earliest": earliest,
                "period_latest": latest,
                "period_basis": row.period_basis,
                "duration_days_low": d.low,
                "duration_days_best": d.best,
                "duration_days_high": d.high,
                "duration_rule": rule,
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
