"""Conflicts, like for like: two claims that speak to the same moment and do not overlap.

Two claims conflict only when they share subject, measure and unit, their
as-of intervals overlap (they can refer to the same date), and their value
intervals do not overlap. Agreement is pairwise: two figures that agree are
never called a conflict because a third differs. Claims at different dates
are compared through the series (analysis.derived.series), never here.
"""

import math

import pandas as pd

from analysis.derived.series import GROUP, buckets

CONFLICT_COLUMNS = [
    "subject_id",
    "subject",
    "measure",
    "unit",
    "claim_a",
    "claim_b",
    "source_a",
    "source_b",
    "article_a",
    "article_b",
    "as_of_earliest",
    "as_of_latest",
    "low_a",
    "high_a",
    "high_open_a",
    "low_b",
    "high_b",
    "high_open_b",
    "gap",
    "gap_ratio",
]


def _high(row) -> float:
    return math.inf if row["high_open"] else row["high"]


def same_date(a, b) -> bool:
    return a["as_of_earliest"] <= b["as_of_latest"] and b["as_of_earliest"] <= a["as_of_latest"]


def disjoint(a, b) -> bool:
    return a["low"] > _high(b) or b["low"] > _high(a)


def _row(a, b) -> dict:
    lower, higher = (a, b) if _high(a) < b["low"] else (b, a)
    gap = higher["low"] - _high(lower)
    return {
        **{c: a[c] for c in GROUP},
        "subject": a["subject"],
        "claim_a": a["claim_id"],
        "claim_b": b["claim_id"],
        "source_a": a["source"],
        "source_b": b["source"],
        "article_a": a["article_id"],
        "article_b": b["article_id"],
        "as_of_earliest": max(a["as_of_earliest"], b["as_of_earliest"]),
        "as_of_latest": min(a["as_of_latest"], b["as_of_latest"]),
        "low_a": a["low"],
        "high_a": a["high"],
        "high_open_a": a["high_open"],
        "low_b": b["low"],
        "high_b": b["high"],
        "high_open_b": b["high_open"],
        "gap": gap,
        "gap_ratio": higher["low"] / _high(lower) if _high(lower) > 0 else math.nan,
    }


def conflicting_pairs(grouped: pd.DataFrame) -> list[tuple[dict, dict]]:
    """Every pair of claims in one date group that can refer to the same date and disagree."""
    pairs = []
    for _, group in sorted(buckets(grouped, by_date=True).items()):
        rows = sorted(group, key=lambda r: r["claim_id"])
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if same_date(a, b) and disjoint(a, b):
                    pairs.append((a, b))
    return pairs


def build_conflicts(grouped: pd.DataFrame) -> pd.DataFrame:
    """One row per conflicting pair, naming both claims, their sources and the gap."""
    rows = [_row(a, b) for a, b in conflicting_pairs(grouped)]
    out = pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
    return out.sort_values([*GROUP, "claim_a", "claim_b"], kind="stable").reset_index(drop=True)
