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
from analysis.derived.series import GROUP

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


def _same_date_counts(group: pd.DataFrame) -> dict[str, int]:
    """For each claim, how many others of its date group can refer to the same date."""
    rows = group.to_dict("records")
    return {
        a["claim_id"]: sum(same_date(a, b) for b in rows if b["claim_id"] != a["claim_id"])
        for a in rows
    }


def build_estimates(grouped: pd.DataFrame) -> pd.DataFrame:
    """All claims grouped by subject, measure and unit, with date groups and pairwise agreement.

    grouped: the resolved claims with their date groups (series.with_date_groups).
    """
    against: dict[str, list[str]] = {}
    for a, b in conflicting_pairs(grouped):
        against.setdefault(a["claim_id"], []).append(b["claim_id"])
        against.setdefault(b["claim_id"], []).append(a["claim_id"])
    parts = []
    for _, group in grouped.groupby(GROUP, sort=True):
        sources = group["source"] + "\x1f" + group["article_id"]
        for _, dated in group.groupby("date_group", sort=True):
            open_high = bool(dated["high_open"].any())
            others = _same_date_counts(dated)
            agreement = [
                "conflict" if against.get(c) else ("agree" if others[c] else "single claim")
                for c in dated["claim_id"]
            ]
            parts.append(
                dated.assign(
                    n_claims=len(group),
                    n_sources=sources.nunique(),
                    envelope_low=dated["low"].min(),
                    envelope_high=math.nan if open_high else dated["high"].max(),
                    envelope_high_open=open_high,
                    agreement=agreement,
                    conflicts_with=[
                        ";".join(sorted(against.get(c, []))) for c in dated["claim_id"]
                    ],
                )
            )
    if not parts:
        return pd.DataFrame(columns=ESTIMATE_COLUMNS)
    out = pd.concat(parts, ignore_index=True)[ESTIMATE_COLUMNS]
    return out.sort_values([*GROUP, "date_group", "claim_id"], kind="stable").reset_index(drop=True)
