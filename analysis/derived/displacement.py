"""Displacement: every displacement figure with its bounds, period and average daily rate.

The period is the claim's curated envelope (earliest start to latest end), so
its length is the longest the period can be; dividing the lower bound of the
count by it gives a lower bound of the average rate. A count with an open upper
bound ("over 13 million") gives a rate with an open upper bound.
"""

import math

import pandas as pd

from analysis.derived.claims import interval_of
from analysis.derived.intervals import Interval

DISPLACEMENT_COLUMNS = [
    "claim_id",
    "subject",
    "low",
    "best",
    "high",
    "high_open",
    "qualifier",
    "value_text",
    "period_earliest",
    "period_latest",
    "period_basis",
    "period_days_max",
    "rate_per_day_low",
    "rate_per_day_best",
    "rate_per_day_high",
    "rate_high_open",
    "rate_is_lower_bound",
    "source",
    "claimant_type",
    "from_party",
    "verification",
]


# columns taken as they are from the resolved claims; the others are derived here
PASSED_THROUGH = [c for c in DISPLACEMENT_COLUMNS if not c.startswith(("period_days", "rate_"))]


def build_displacement(resolved: pd.DataFrame) -> pd.DataFrame:
    """One row per displacement claim, with the average rate per day over its period."""
    rows = []
    for _, row in resolved[resolved["measure"] == "displaced"].iterrows():
        count = interval_of(row)
        days = math.nan
        rate = Interval(math.nan, math.nan, math.nan)
        if pd.notna(row["period_earliest"]) and pd.notna(row["period_latest"]):
            days = (row["period_latest"] - row["period_earliest"]).days + 1
            # the period is at most `days` long: the rate is at least count.low / days
            rate = Interval(count.low / days, math.nan, math.inf)
        rows.append(
            {
                **{c: row[c] for c in PASSED_THROUGH},
                "period_days_max": days,
                "rate_per_day_low": rate.low,
                "rate_per_day_best": rate.best,
                "rate_per_day_high": math.nan if rate.open_high else rate.high,
                "rate_high_open": rate.open_high if not math.isnan(rate.low) else False,
                "rate_is_lower_bound": not math.isnan(rate.low),
            }
        )
    out = pd.DataFrame(rows, columns=DISPLACEMENT_COLUMNS)
    return out.sort_values("claim_id", kind="stable").reset_index(drop=True)
