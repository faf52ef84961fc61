"""Displacement as displacement analysts read it: stocks, flows, populations, shares, units.

One row per figure about people displaced or moved: claims of a displacement
measure (displaced, remain_displaced, returned, evacuated) and claims about a
subject that names a population (refugees abroad, internally displaced, ...).

  stock   remain displaced, refugees recorded abroad: a count at its as-of date,
          no rate; the change between two stocks of one population is in
          series.csv (net_change), and a duration its text gives ("for more than
          two years") is the duration of the state, in `state_duration`
  flow    displacements, departures, returns over a period: the rate per day
          from rates.csv when the period's length is known, else why not
  share   a part of a whole in percent of that whole, bounded to 0-100% and
          naming the whole; a one-sided share keeps its one bound

Every row keeps its unit: families are never drawn or summed with people, and
per cent never with either.
"""

import math

import pandas as pd

DISPLACEMENT_MEASURES = ("displaced", "remain_displaced", "returned", "evacuated")
DISPLACEMENT_COLUMNS = [
    "claim_id",
    "article_id",
    "subject_id",
    "subject",
    "population",
    "location",
    "measure",
    "count_type",
    "unit",
    "qualifier",
    "value_text",
    "low",
    "best",
    "high",
    "high_open",
    "as_of_earliest",
    "as_of_latest",
    "start_earliest",
    "start_latest",
    "state_duration",
    "rate_per_day_low",
    "rate_per_day_best",
    "rate_per_day_high",
    "rate_high_open",
    "rate_note",
    "part_of",
    "whole",
    "share_low",
    "share_best",
    "share_high",
    "share_high_open",
    "source",
    "claimant_type",
    "from_party",
    "verification",
]
PASSED_THROUGH = [
    c
    for c in DISPLACEMENT_COLUMNS
    if c not in ("population", "location", "state_duration", "whole")
    and not c.startswith(("rate_per_day", "rate_high", "share_"))
]


def _populations(subjects: pd.DataFrame) -> pd.DataFrame:
    return subjects.set_index("subject_id")[["population", "location"]]


def _state_duration(row) -> str:
    if row["count_type"] != "stock" or pd.isna(row["duration_days_low"]):
        return ""
    return f"{row['period_text']} (duration of the state, not a period of the count)"


def _by_input(rates: pd.DataFrame, kind: str) -> dict[str, dict]:
    frame = rates[rates["kind"] == kind]
    return {r["inputs"].split(";")[0]: r for r in frame.to_dict("records")}


def _rate(row, per_day: dict) -> dict:
    r = per_day.get(row["claim_id"])
    if r is None:
        return {
            "rate_per_day_low": math.nan,
            "rate_per_day_best": math.nan,
            "rate_per_day_high": math.nan,
            "rate_high_open": False,
            "rate_note": row["rate_note"],
        }
    return {
        "rate_per_day_low": r["low"],
        "rate_per_day_best": r["best"],
        "rate_per_day_high": r["high"],
        "rate_high_open": r["high_open"],
        "rate_note": "",
    }


def _share(row, shares: dict) -> dict:
    s = shares.get(row["claim_id"])
    if s is None:
        nothing = {"whole": "", "share_low": math.nan, "share_best": math.nan}
        return {**nothing, "share_high": math.nan, "share_high_open": False}
    return {
        "whole": s["unit"].removeprefix("percent of "),
        "share_low": s["low"],
        "share_best": s["best"],
        "share_high": s["high"],
        "share_high_open": s["high_open"],
    }


def is_displacement(resolved: pd.DataFrame, populations: pd.DataFrame) -> pd.Series:
    """Rows about displacement: a displacement measure, or a subject with a population."""
    population = resolved["subject_id"].map(populations["population"])
    return resolved["measure"].isin(DISPLACEMENT_MEASURES) | population.notna()


def build_displacement(resolved: pd.DataFrame, rates: pd.DataFrame, subjects: pd.DataFrame):
    """One row per displacement figure with its population, timing, rate or share."""
    populations = _populations(subjects)
    per_day, shares = _by_input(rates, "per_day"), _by_input(rates, "share_of_whole")
    rows = []
    places = populations.to_dict("index")
    for row in resolved[is_displacement(resolved, populations)].to_dict("records"):
        place = places[row["subject_id"]]
        rows.append(
            {
                **{c: row[c] for c in PASSED_THROUGH},
                "population": place["population"],
                "location": place["location"],
                "state_duration": _state_duration(row),
                **_rate(row, per_day),
                **_share(row, shares),
            }
        )
    out = pd.DataFrame(rows, columns=DISPLACEMENT_COLUMNS)
    return out.sort_values("claim_id", kind="stable").reset_index(drop=True)
