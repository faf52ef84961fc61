"""Estimates: for each subject and measure, every source's figure side by side.

Different measures are never merged: killed, wounded and casualties of the
same subject are separate groups. Within a group, the sources agree when all
their intervals overlap and conflict otherwise; the envelope is the lowest low
and the highest high (open when any source's upper bound is open).
"""

import math

import pandas as pd

GROUP = ["subject_id", "measure", "unit"]
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
    "n_claims",
    "n_sources",
    "envelope_low",
    "envelope_high",
    "envelope_high_open",
    "agreement",
    "spread_ratio",
]


def _agreement(group: pd.DataFrame) -> str:
    if len(group) == 1:
        return "single claim"
    highs = group["high"].where(~group["high_open"], math.inf)
    return "agree" if group["low"].max() <= highs.min() else "conflict"


def _spread(group: pd.DataFrame) -> float:
    """Highest best over lowest best: 1.0 when the sources give the same figure."""
    best = group["best"].dropna()
    if len(best) < 2 or best.min() == 0:
        return math.nan
    return best.max() / best.min()


def build_estimates(resolved: pd.DataFrame) -> pd.DataFrame:
    """All claims grouped by subject, measure and unit, with the group's envelope."""
    parts = []
    for _, group in resolved.groupby(GROUP, sort=True):
        open_high = bool(group["high_open"].any())
        parts.append(
            group.assign(
                n_claims=len(group),
                n_sources=group["source"].nunique(),
                envelope_low=group["low"].min(),
                envelope_high=math.nan if open_high else group["high"].max(),
                envelope_high_open=open_high,
                agreement=_agreement(group),
                spread_ratio=_spread(group),
            )
        )
    out = pd.concat(parts, ignore_index=True)[ESTIMATE_COLUMNS]
    return out.sort_values([*GROUP, "claim_id"], kind="stable").reset_index(drop=True)
