"""Counts over time: each subject's counts ordered by their as-of dates, and what changed.

Claims of one subject, measure and unit whose as-of intervals overlap form a
date group (a cluster found by a sweep over the intervals sorted by start):
they speak to the same moment and are compared like for like (see
analysis.derived.conflicts). Successive date groups form a series. Between
every count of one group and every count of the next:

  increment     for a cumulative flow (killed, wounded, casualties, displaced):
                what was added, and its rate per day over the days between the
                two as-of dates. A cumulative count cannot fall: a later count
                lower than an earlier one beyond both intervals is flagged as
                inconsistent, naming both claims; within the intervals, the
                increment's lower bound is cut at zero.
  net_change    for a stock (deployed, remain displaced, area held): the signed
                change between the two counts, with the days between them.

Non-cumulative flows (drones launched in one attack) form no series.
"""

import math

import pandas as pd

from analysis.curation import dictionary

GROUP = ["subject_id", "measure", "unit"]
SERIES_COLUMNS = [
    "subject_id",
    "subject",
    "measure",
    "unit",
    "kind",
    "from_claim",
    "to_claim",
    "from_source",
    "to_source",
    "from_as_of_earliest",
    "from_as_of_latest",
    "to_as_of_earliest",
    "to_as_of_latest",
    "days_low",
    "days_high",
    "change_low",
    "change_best",
    "change_high",
    "change_low_open",
    "change_high_open",
    "per_day_low",
    "per_day_best",
    "per_day_high",
    "per_day_high_open",
    "consistent",
    "note",
]


RECORD = [
    "claim_id",
    "article_id",
    *GROUP,
    "subject",
    "source",
    "low",
    "best",
    "high",
    "high_open",
    "as_of_earliest",
    "as_of_latest",
]


def date_groups(group: pd.DataFrame) -> pd.Series:
    """1-based index of each claim's cluster of overlapping as-of intervals, in date order."""
    return with_date_groups(group.assign(subject_id="", measure="", unit=""))["date_group"]


def with_date_groups(resolved: pd.DataFrame) -> pd.DataFrame:
    """The resolved claims with their date group within subject, measure and unit.

    One sort and one sweep over the whole table: linear after sorting, whatever the
    number of subjects.
    """
    if resolved.empty:
        return resolved.assign(date_group=pd.Series(dtype="int64"))
    order = resolved.sort_values(
        [*GROUP, "as_of_earliest", "as_of_latest", "claim_id"], kind="stable"
    )
    keys = list(zip(*(order[c] for c in GROUP), strict=True))
    labels, current, reach, previous = [], 0, None, None
    for key, start, end in zip(keys, order["as_of_earliest"], order["as_of_latest"], strict=True):
        if key != previous:
            current, reach, previous = 0, None, key
        if reach is None or start > reach:
            current += 1
            reach = end
        else:
            reach = max(reach, end)
        labels.append(current)
    groups = pd.Series(labels, index=order.index, dtype="int64")
    return resolved.assign(date_group=groups.reindex(resolved.index))


def buckets(grouped: pd.DataFrame, by_date: bool) -> dict[tuple, list[dict]]:
    """The claims as small records, by subject, measure and unit (and date group)."""
    out: dict[tuple, list[dict]] = {}
    for r in grouped[[*RECORD, "date_group"]].to_dict("records"):
        key = (r["subject_id"], r["measure"], r["unit"]) + ((r["date_group"],) if by_date else ())
        out.setdefault(key, []).append(r)
    return out


def _high(row) -> float:
    return math.inf if row["high_open"] else row["high"]


def _change(a, b, cumulative: bool) -> dict:
    """b minus a as a signed interval, and its rate per day for a cumulative flow."""
    low, high = b["low"] - _high(a), _high(b) - a["low"]
    best = b["best"] - a["best"]
    days_low = max(1, (b["as_of_earliest"] - a["as_of_latest"]).days)
    days_high = max(days_low, (b["as_of_latest"] - a["as_of_earliest"]).days)
    consistent = not (cumulative and high < 0)
    note = ""
    if not consistent:
        note = (
            f"inconsistent: {b['claim_id']} ({b['source']}) is lower than the earlier "
            f"{a['claim_id']} ({a['source']}) beyond both intervals; a cumulative count cannot fall"
        )
    elif cumulative and low < 0:
        low, note = 0.0, "lower bound cut at 0: a cumulative count cannot fall"
    per_day = (math.nan, math.nan, math.nan)
    if cumulative and consistent:
        per_day = (low / days_high, best / ((days_low + days_high) / 2), high / days_low)
    return {
        "days_low": days_low,
        "days_high": days_high,
        "change_low": low if math.isfinite(low) else math.nan,
        "change_best": best,
        "change_high": high if math.isfinite(high) else math.nan,
        "change_low_open": math.isinf(low),
        "change_high_open": math.isinf(high),
        "per_day_low": per_day[0],
        "per_day_best": per_day[1] if math.isfinite(best) else math.nan,
        "per_day_high": per_day[2] if math.isfinite(per_day[2]) else math.nan,
        "per_day_high_open": cumulative and consistent and math.isinf(high),
        "consistent": consistent,
        "note": note,
    }


def _pairs(rows: list[dict], kind: str, cumulative: bool) -> list[dict]:
    by_group: dict[int, list[dict]] = {}
    for r in rows:
        by_group.setdefault(r["date_group"], []).append(r)
    ordered = [by_group[g] for g in sorted(by_group)]
    out = []
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        for a in sorted(earlier, key=lambda r: r["claim_id"]):
            for b in sorted(later, key=lambda r: r["claim_id"]):
                out.append(
                    {
                        **{c: a[c] for c in ("subject_id", "subject", "measure", "unit")},
                        "kind": kind,
                        "from_claim": a["claim_id"],
                        "to_claim": b["claim_id"],
                        "from_source": a["source"],
                        "to_source": b["source"],
                        "from_as_of_earliest": a["as_of_earliest"],
                        "from_as_of_latest": a["as_of_latest"],
                        "to_as_of_earliest": b["as_of_earliest"],
                        "to_as_of_latest": b["as_of_latest"],
                        **_change(a, b, cumulative),
                    }
                )
    return out


def build_series(grouped: pd.DataFrame) -> pd.DataFrame:
    """Increments of cumulative flows and net changes of stocks between successive dates.

    grouped: the resolved claims with their date groups (with_date_groups).
    """
    measures = dictionary.measures()
    rows = []
    for (_, measure, _), group in sorted(buckets(grouped, by_date=False).items()):
        spec = measures[measure]
        if spec.is_stock:
            rows += _pairs(group, "net_change", cumulative=False)
        elif spec.is_flow and spec.cumulative:
            rows += _pairs(group, "increment", cumulative=True)
    out = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    keys = [*GROUP, "to_as_of_earliest", "from_claim", "to_claim"]
    return out.sort_values(keys, kind="stable").reset_index(drop=True)
