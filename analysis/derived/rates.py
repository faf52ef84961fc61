"""Casualty rates and shares, with interval arithmetic carried through every step.

Each derived row names its input claims and its method. Kinds:
  per_day, per_30_days   a count over the claim's stated duration
  share_of_whole         a part over its whole (killed of deployed, downed of launched),
                         in percent; when the part is stated as a fraction of the
                         whole ("half of the 12,000") the fraction itself is the share
  share_per_month        that share divided by the part's duration in months
  strike_casualties      killed + wounded of one subject, from one claimant, in one article
"""

import math

import pandas as pd

from analysis.derived import intervals
from analysis.derived.claims import interval_of
from analysis.derived.intervals import Interval
from analysis.language.periods import MEAN_MONTH_DAYS

CASUALTY_MEASURES = ("killed", "wounded", "casualties")
RATE_COLUMNS = [
    "rate_id",
    "kind",
    "subject_id",
    "subject",
    "measure",
    "low",
    "best",
    "high",
    "high_open",
    "unit",
    "inputs",
    "method",
    "source",
    "from_party",
    "verification",
]
_VERIFICATION_ORDER = ["reported", "unverified", "disputed"]


def _duration(row) -> Interval | None:
    if pd.isna(row["duration_days_low"]) or pd.isna(row["duration_days_high"]):
        return None
    return Interval(row["duration_days_low"], row["duration_days_best"], row["duration_days_high"])


def _row(kind, base, value: Interval, unit, inputs, method, rows) -> dict:
    weakest = max((r["verification"] for r in rows), key=_VERIFICATION_ORDER.index)
    return {
        "rate_id": f"{kind}:{'+'.join(inputs)}",
        "kind": kind,
        "subject_id": base["subject_id"],
        "subject": base["subject"],
        "measure": base["measure"],
        "low": value.low,
        "best": value.best,
        "high": math.nan if value.open_high else value.high,
        "high_open": value.open_high,
        "unit": unit,
        "inputs": ";".join(inputs),
        "method": method,
        "source": "; ".join(dict.fromkeys(r["source"] for r in rows)),
        "from_party": any(r["from_party"] for r in rows),
        "verification": weakest,
    }


def _count_unit(row) -> str:
    """ "people killed", "casualties": the unit of a casualty count in words."""
    return "casualties" if row["measure"] == "casualties" else f"{row['unit']} {row['measure']}"


def per_day_rates(resolved: pd.DataFrame) -> list[dict]:
    """Casualty counts over their stated duration: per day and per 30 days."""
    out = []
    for _, row in resolved[resolved["measure"].isin(CASUALTY_MEASURES)].iterrows():
        days = _duration(row)
        if days is None:
            continue
        rate = interval_of(row) / days
        method = (
            f"{row['claim_id']} / duration {days.low:g}-{days.high:g} days ({row['duration_rule']})"
        )
        unit = _count_unit(row)
        out.append(_row("per_day", row, rate, f"{unit} per day", [row["claim_id"]], method, [row]))
        out.append(
            _row(
                "per_30_days",
                row,
                rate.scale(30),
                f"{unit} per 30 days",
                [row["claim_id"]],
                method + " x 30",
                [row],
            )
        )
    return out


def share_rates(resolved: pd.DataFrame, tolerance: float) -> list[dict]:
    """Part over whole in percent, and per month when the part has a duration."""
    by_id = resolved.set_index("claim_id", drop=False)
    out = []
    for _, part in resolved[resolved["part_of"].notna()].iterrows():
        whole = by_id.loc[part["part_of"]]
        if part["relative_to"] == whole["claim_id"]:
            # (fraction x whole) / whole is the fraction itself, whatever the whole's bounds
            share = intervals.from_qualifier(
                part["qualifier"], math.nan, part["fraction"], math.nan, tolerance
            )
            method = f"stated fraction of {whole['claim_id']}: {part['lineage']}"
        else:
            share = interval_of(part) / interval_of(whole)
            method = f"{part['claim_id']} / {whole['claim_id']}"
        pct = share.scale(100)
        inputs = [part["claim_id"], whole["claim_id"]]
        unit = f"percent of {whole['measure']}"
        out.append(_row("share_of_whole", part, pct, unit, inputs, method, [part, whole]))
        days = _duration(part)
        if days is not None and part["measure"] in CASUALTY_MEASURES:
            months = days.scale(1 / MEAN_MONTH_DAYS)
            out.append(
                _row(
                    "share_per_month",
                    part,
                    pct / months,
                    unit + " per month",
                    inputs,
                    f"({method}) / duration in months",
                    [part, whole],
                )
            )
    return out


def strike_casualties(resolved: pd.DataFrame) -> list[dict]:
    """Killed + wounded of one subject from one claimant in one article (killed and wounded
    stay separate inputs; the sum is named casualties). Figures from different articles are
    never added: they may be different reports of the toll, at different times."""
    key = ("article_id", "subject_id", "source", "unit")
    wounded: dict[tuple, list[dict]] = {}
    for w in resolved[resolved["measure"] == "wounded"].to_dict("records"):
        wounded.setdefault(tuple(w[c] for c in key), []).append(w)
    out = []
    for k in resolved[resolved["measure"] == "killed"].to_dict("records"):
        for w in wounded.get(tuple(k[c] for c in key), []):
            total = interval_of(k) + interval_of(w)
            base = {**k, "measure": "casualties"}
            out.append(
                _row(
                    "strike_casualties",
                    base,
                    total,
                    f"{k['unit']} killed or wounded",
                    [k["claim_id"], w["claim_id"]],
                    f"{k['claim_id']} (killed) + {w['claim_id']} (wounded)",
                    [k, w],
                )
            )
    return out


def build_rates(
    resolved: pd.DataFrame, tolerance: float = intervals.DEFAULT_TOLERANCE
) -> pd.DataFrame:
    """Every derived rate and share, one row each, sorted by kind and inputs."""
    rows = per_day_rates(resolved) + share_rates(resolved, tolerance) + strike_casualties(resolved)
    out = pd.DataFrame(rows, columns=RATE_COLUMNS)
    return out.sort_values(["kind", "rate_id"], kind="stable").reset_index(drop=True)
