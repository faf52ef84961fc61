"""Rates, shares and sums, with interval arithmetic carried through every step.

Each derived row names its input claims, its method and a label that says what
it is. Kinds:
  per_day, per_30_days   a flow (killed, displacements, launches) over its duration;
                         stocks never get a rate (see analysis.derived.timing)
  share_of_whole         a part over its whole (killed of deployed, downed of launched),
                         in percent of the whole the label names; when the part is
                         stated as a fraction of the whole ("half of the 12,000") the
                         fraction itself is the share. A part cannot exceed its whole,
                         so a computed share is bounded at 100%; an upper bound the
                         text does not state stays open.
  share_per_month        that share divided by the part's duration in months
  sum                    killed + wounded of one subject, from one source, in one
                         article: named by what it adds up ("killed + wounded =
                         casualties of ...")
"""

import math

import pandas as pd

from analysis.derived import intervals
from analysis.derived.claims import interval_of
from analysis.derived.intervals import Interval
from analysis.language.periods import MEAN_MONTH_DAYS

RATE_COLUMNS = [
    "rate_id",
    "kind",
    "label",
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
SUMMED = ("killed", "wounded")


def _duration(row) -> Interval | None:
    """The claim's duration in days; an empty high with a low is open ("for more than ...")."""
    if pd.isna(row["duration_days_low"]):
        return None
    high = row["duration_days_high"]
    return Interval(
        row["duration_days_low"], row["duration_days_best"], math.inf if pd.isna(high) else high
    )


def _row(kind, label, base, value: Interval, unit, inputs, method, rows) -> dict:
    weakest = max((r["verification"] for r in rows), key=_VERIFICATION_ORDER.index)
    return {
        "rate_id": f"{kind}:{'+'.join(inputs)}",
        "kind": kind,
        "label": label,
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
    """ "people killed", "casualties": the unit of a count in words."""
    return "casualties" if row["measure"] == "casualties" else f"{row['unit']} {row['measure']}"


def per_day_rates(resolved: pd.DataFrame) -> list[dict]:
    """Every flow over its duration: per day and per 30 days."""
    out = []
    for row in resolved[resolved["count_type"] == "flow"].to_dict("records"):
        days = _duration(row)
        if days is None:
            continue
        rate = interval_of(row) / days
        high = "open" if math.isinf(days.high) else f"{days.high:g}"
        method = f"{row['claim_id']} / duration {days.low:g}-{high} days ({row['duration_rule']})"
        unit, what = _count_unit(row), f"{row['subject']}: {row['measure']}"
        ids = [row["claim_id"]]
        out.append(
            _row("per_day", f"{what} per day", row, rate, f"{unit} per day", ids, method, [row])
        )
        out.append(
            _row(
                "per_30_days",
                f"{what} per 30 days",
                row,
                rate.scale(30),
                f"{unit} per 30 days",
                ids,
                method + " x 30",
                [row],
            )
        )
    return out


def whole_name(whole) -> str:
    """The whole a share is of, in words: "North Korean troops sent to Russia (deployed)"."""
    return f"{whole['subject']} ({whole['measure'].replace('_', ' ')})"


def share_label(part, whole) -> str:
    """ "X: killed as a share of deployed", or of "Y (launched)": the whole named, never 'all'."""
    of = whole["measure"].replace("_", " ")
    if part["subject_id"] != whole["subject_id"]:
        of = whole_name(whole)
    return f"{part['subject']}: {part['measure'].replace('_', ' ')} as a share of {of}"


def _bounded(share: Interval) -> tuple[Interval, str]:
    """A share cut at 100%: a part cannot exceed the whole it belongs to."""
    if share.open_high or share.high <= 100:
        return share, ""
    best = min(share.best, 100) if not math.isnan(share.best) else share.best
    return Interval(
        min(share.low, 100), best, 100.0
    ), "; bounded at 100% (a part cannot exceed its whole)"


def _share(part, whole, tolerance: float) -> tuple[Interval, str]:
    if part["relative_to"] == whole["claim_id"]:
        # (fraction x whole) / whole is the fraction itself, whatever the whole's bounds
        share = intervals.from_qualifier(
            part["qualifier"], part["fraction"], part["fraction"], part["fraction"], tolerance
        )
        return share.scale(100), f"stated fraction of {whole['claim_id']}: {part['lineage']}"
    share, note = _bounded((interval_of(part) / interval_of(whole)).scale(100))
    return share, f"{part['claim_id']} / {whole['claim_id']}{note}"


def share_rates(resolved: pd.DataFrame, tolerance: float) -> list[dict]:
    """Part over whole in percent, and per month when the part is a flow with a duration."""
    parts = resolved[resolved["part_of"].notna()]
    wholes = resolved[resolved["claim_id"].isin(set(parts["part_of"]))]
    by_id = {r["claim_id"]: r for r in wholes.to_dict("records")}
    out = []
    for part in parts.to_dict("records"):
        whole = by_id[part["part_of"]]
        pct, method = _share(part, whole, tolerance)
        inputs = [part["claim_id"], whole["claim_id"]]
        label, unit = share_label(part, whole), f"percent of {whole_name(whole)}"
        out.append(_row("share_of_whole", label, part, pct, unit, inputs, method, [part, whole]))
        days = _duration(part)
        if days is not None and part["count_type"] == "flow":
            months = days.scale(1 / MEAN_MONTH_DAYS)
            out.append(
                _row(
                    "share_per_month",
                    label + " per month",
                    part,
                    pct / months,
                    unit + " per month",
                    inputs,
                    f"({method}) / duration in months",
                    [part, whole],
                )
            )
    return out


def sums(resolved: pd.DataFrame) -> list[dict]:
    """Killed + wounded of one subject from one source in one article: their casualties.

    Killed and wounded stay separate inputs. Figures from different articles are never
    added: they may be different reports of the toll, at different times.
    """
    key = ("article_id", "subject_id", "source", "unit")
    wounded: dict[tuple, list[dict]] = {}
    for w in resolved[resolved["measure"] == "wounded"].to_dict("records"):
        wounded.setdefault(tuple(w[c] for c in key), []).append(w)
    out = []
    for k in resolved[resolved["measure"] == "killed"].to_dict("records"):
        for w in wounded.get(tuple(k[c] for c in key), []):
            total = interval_of(k) + interval_of(w)
            label = f"killed + wounded = casualties of {k['subject']}"
            out.append(
                _row(
                    "sum",
                    label,
                    {**k, "measure": "casualties"},
                    total,
                    f"{k['unit']} killed or wounded",
                    [k["claim_id"], w["claim_id"]],
                    f"{k['claim_id']} (killed) + {w['claim_id']} (wounded) = casualties",
                    [k, w],
                )
            )
    return out


def build_rates(
    resolved: pd.DataFrame, tolerance: float = intervals.DEFAULT_TOLERANCE
) -> pd.DataFrame:
    """Every derived rate, share and sum, one row each, sorted by kind and inputs."""
    rows = per_day_rates(resolved) + share_rates(resolved, tolerance) + sums(resolved)
    out = pd.DataFrame(rows, columns=RATE_COLUMNS)
    return out.sort_values(["kind", "rate_id"], kind="stable").reset_index(drop=True)
