"""Estimates: for each subject and measure, every source's figure side by side, dated.

Different measures are never merged: killed, wounded and casualties of the
same subject are separate groups. Within a group, claims whose as-of dates
overlap form a date group (analysis.derived.series): the envelope is taken
over that date group only, since counts at different dates are a series, not
rival estimates. Agreement is pairwise and like for like: a claim conflicts
only with the claims it can share a date with and does not overlap
(analysis.derived.conflicts), and names them.

A source is a claimant-and-relay chain in one article: two articles that both
state a figure unattributed are two sources, not one.
"""

import math

import pandas as pd

from analysis.derived.conflicts import conflicting_pairs, same_date
from analysis.derived.series import GROUP, buckets

ESTIMATE_COLUMNS = [
    "subject_id",
    "subject",
    "measure",
    "unit",
    "claim_id",
    "article_id",
    "source",
    "claimant_type",
    "from_party",
    "verification",
    "qualifier",
    "low",
    "best",
    "high",
    "high_open",
    "as_of_earliest",
    "as_of_latest",
    "date_group",
    "n_claims",
    "n_sources",
    "envelope_low",
    "envelope_high",
    "envelope_high_open",
    "agreement",
    "conflicts_with",
]


def _others_at_same_date(rows: list[dict]) -> dict[str, int]:
    """For each claim, how many others of its date group can refer to the same date."""
    return {
        a["claim_id"]: sum(same_date(a, b) for b in rows if b["claim_id"] != a["claim_id"])
        for a in rows
    }


def _group_columns(grouped: pd.DataFrame) -> dict[str, dict]:
    """Per claim: n_claims and n_sources of its group, the envelope of its date group."""
    out: dict[str, dict] = {}
    for rows in buckets(grouped, by_date=False).values():
        n_sources = len({(r["source"], r["article_id"]) for r in rows})
        dated: dict[int, list[dict]] = {}
        for r in rows:
            dated.setdefault(r["date_group"], []).append(r)
        for members in dated.values():
            open_high = any(r["high_open"] for r in members)
            envelope = {
                "n_claims": len(rows),
                "n_sources": n_sources,
                "envelope_low": min(r["low"] for r in members),
                "envelope_high": math.nan if open_high else max(r["high"] for r in members),
                "envelope_high_open": open_high,
            }
            others = _others_at_same_date(members)
            for r in members:
                out[r["claim_id"]] = {**envelope, "others": others[r["claim_id"]]}
    return out


def build_estimates(grouped: pd.DataFrame) -> pd.DataFrame:
    """All claims grouped by subject, measure and unit, with date groups and pairwise agreement.

    grouped: the resolved claims with their date groups (series.with_date_groups).
    """
    if grouped.empty:
        return pd.DataFrame(columns=ESTIMATE_COLUMNS)
    against: dict[str, list[str]] = {}
    for a, b in conflicting_pairs(grouped):
        against.setdefault(a["claim_id"], []).append(b["claim_id"])
        against.setdefault(b["claim_id"], []).append(a["claim_id"])
    per_claim = _group_columns(grouped)
    columns = pd.DataFrame([per_claim[c] for c in grouped["claim_id"]], index=grouped.index)
    agreement = [
        "conflict" if against.get(c) else ("agree" if n else "single claim")
        for c, n in zip(grouped["claim_id"], columns["others"], strict=True)
    ]
    out = grouped.assign(
        **{c: columns[c] for c in columns if c != "others"},
        agreement=agreement,
        conflicts_with=[";".join(sorted(against.get(c, ()))) for c in grouped["claim_id"]],
    )[ESTIMATE_COLUMNS]
    return out.sort_values([*GROUP, "date_group", "claim_id"], kind="stable").reset_index(drop=True)
