"""Tables for people: every number formatted, every row traceable, nothing cut silently.

Each function takes a processed table and returns a frame of text columns:
thousands separators, no exponents, "no best value" where the text states
none, intervals as "10,000 to 12,000" or "at least 3,000, no upper bound".
"""

import pandas as pd

from analysis.charts import numbers
from analysis.curation import audit

RATE_KINDS = ("per_day", "per_30_days", "share_of_whole", "share_per_month", "sum")


def _best(frame: pd.DataFrame, column: str = "best") -> pd.Series:
    return frame[column].map(numbers.number)


def _interval(frame: pd.DataFrame, low="low", high="high", open_="high_open") -> pd.Series:
    text = [
        numbers.interval(lo, hi, bool(op))
        for lo, hi, op in zip(frame[low], frame[high], frame[open_], strict=True)
    ]
    return pd.Series(text, index=frame.index, dtype=object)


def _dates(frame: pd.DataFrame, first: str, last: str) -> pd.Series:
    text = [numbers.dates(a, b) for a, b in zip(frame[first], frame[last], strict=True)]
    return pd.Series(text, index=frame.index, dtype=object)


def rates_table(rates: pd.DataFrame, kinds: tuple[str, ...] = RATE_KINDS) -> pd.DataFrame:
    """Derived rates, shares and sums: what, best, interval, unit, inputs and source."""
    frame = rates[rates["kind"].isin(kinds)]
    return pd.DataFrame(
        {
            "what": frame["label"],
            "best": _best(frame),
            "interval": _interval(frame),
            "unit": frame["unit"],
            "inputs": frame["inputs"],
            "source": frame["source"],
            "verification": frame["verification"],
        }
    ).reset_index(drop=True)


def estimates_table(estimates: pd.DataFrame) -> pd.DataFrame:
    """Claims side by side per subject and measure, dated, with pairwise agreement."""
    return pd.DataFrame(
        {
            "subject": estimates["subject"],
            "measure": estimates["measure"],
            "claim": estimates["claim_id"],
            "as of": _dates(estimates, "as_of_earliest", "as_of_latest"),
            "best": _best(estimates),
            "interval": _interval(estimates),
            "source": estimates["source"],
            "party to the war": estimates["from_party"].map({True: "yes", False: "no"}),
            "agreement": estimates["agreement"],
            "conflicts with": estimates["conflicts_with"].fillna(""),
        }
    ).reset_index(drop=True)


def meeting_table(estimates: pd.DataFrame) -> pd.DataFrame:
    """Only the claims that share a date with another of their subject and measure."""
    return estimates_table(estimates[estimates["agreement"] != "single claim"])


def conflicts_table(conflicts: pd.DataFrame) -> pd.DataFrame:
    """Each conflicting pair: both claims, their sources, the shared dates and the gap."""
    return pd.DataFrame(
        {
            "subject": conflicts["subject"],
            "measure": conflicts["measure"],
            "claims": conflicts["claim_a"] + " / " + conflicts["claim_b"],
            "sources": conflicts["source_a"] + " / " + conflicts["source_b"],
            "shared dates": _dates(conflicts, "as_of_earliest", "as_of_latest"),
            "a": _interval(conflicts, "low_a", "high_a", "high_open_a"),
            "b": _interval(conflicts, "low_b", "high_b", "high_open_b"),
            "gap": conflicts["gap"].map(numbers.number),
        }
    ).reset_index(drop=True)


def series_table(series: pd.DataFrame) -> pd.DataFrame:
    """Increments and net changes between successive counts, with days and rates."""
    change = [
        _signed(lo, hi, lo_open, hi_open)
        for lo, hi, lo_open, hi_open in zip(
            series["change_low"],
            series["change_high"],
            series["change_low_open"],
            series["change_high_open"],
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "subject": series["subject"],
            "measure": series["measure"],
            "kind": series["kind"].str.replace("_", " "),
            "from": series["from_claim"]
            + " ("
            + _dates(series, "from_as_of_earliest", "from_as_of_latest")
            + ")",
            "to": series["to_claim"]
            + " ("
            + _dates(series, "to_as_of_earliest", "to_as_of_latest")
            + ")",
            "days": series["days_low"].astype(str) + " to " + series["days_high"].astype(str),
            "change": pd.Series(change, index=series.index, dtype=object),
            "per day": _per_day(series),
            "note": series["note"].fillna(""),
        }
    ).reset_index(drop=True)


def _signed(low, high, low_open, high_open) -> str:
    lo = "no lower bound" if low_open else f"{low:+,.0f}"
    hi = "no upper bound" if high_open else f"{high:+,.0f}"
    return lo if lo == hi else f"{lo} to {hi}"


def _per_day(series: pd.DataFrame) -> pd.Series:
    text = [
        "" if pd.isna(lo) else numbers.interval(lo, hi, bool(op))
        for lo, hi, op in zip(
            series["per_day_low"], series["per_day_high"], series["per_day_high_open"], strict=True
        )
    ]
    return pd.Series(text, index=series.index, dtype=object)


def provenance_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Every figure with its verbatim quote and its chain of sources."""
    return pd.DataFrame(
        {
            "claim": claims["claim_id"],
            "figure": claims["value_text"],
            "measure": claims["measure"],
            "subject": claims["subject"],
            "as of": _dates(claims, "as_of_earliest", "as_of_latest"),
            "source": claims["source"],
            "verification": claims["verification"],
            "quote": claims["quote"],
        }
    ).reset_index(drop=True)


def timeline_table(timeline: pd.DataFrame) -> pd.DataFrame:
    """Events with their date as written, the interval it stands for, and who tells it."""
    return pd.DataFrame(
        {
            "event": timeline["label"],
            "as written": timeline["date_text"].fillna(""),
            "dates": _dates(timeline, "earliest", "latest"),
            "precision": timeline["precision"],
            "basis": timeline["date_basis"],
            "articles": timeline["article_ids"].str.replace(";", ", "),
        }
    ).reset_index(drop=True)


def stocks_table(displacement: pd.DataFrame) -> pd.DataFrame:
    """Displacement stocks: population, place, count and unit at their as-of dates."""
    frame = displacement[displacement["count_type"] == "stock"]
    return pd.DataFrame(
        {
            "subject": frame["subject"],
            "population": frame["population"].fillna(""),
            "where": frame["location"].fillna(""),
            "as of": _dates(frame, "as_of_earliest", "as_of_latest"),
            "count": _interval(frame),
            "unit": frame["unit"],
            "state": frame["state_duration"].fillna(""),
            "source": frame["source"],
        }
    ).reset_index(drop=True)


def flows_table(displacement: pd.DataFrame) -> pd.DataFrame:
    """Displacement flows: the count over its period, its rate per day or why it has none."""
    frame = displacement[displacement["count_type"] == "flow"]
    rate = [
        numbers.interval(lo, hi, bool(op)) if pd.notna(lo) else note
        for lo, hi, op, note in zip(
            frame["rate_per_day_low"],
            frame["rate_per_day_high"],
            frame["rate_high_open"],
            frame["rate_note"].fillna(""),
            strict=True,
        )
    ]
    return pd.DataFrame(
        {
            "subject": frame["subject"],
            "population": frame["population"].fillna(""),
            "count": _interval(frame),
            "unit": frame["unit"],
            "up to": _dates(frame, "as_of_earliest", "as_of_latest"),
            "per day": pd.Series(rate, index=frame.index, dtype=object),
            "source": frame["source"],
        }
    ).reset_index(drop=True)


def shares_table(displacement: pd.DataFrame) -> pd.DataFrame:
    """Every displacement figure that is a share of a named whole, in percent of that whole."""
    frame = displacement[displacement["share_low"].notna()]
    share = [
        numbers.interval(lo, hi, bool(op), "%")
        for lo, hi, op in zip(
            frame["share_low"], frame["share_high"], frame["share_high_open"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "subject": frame["subject"],
            "as written": frame["value_text"],
            "share": pd.Series(share, index=frame.index, dtype=object),
            "of the whole": frame["whole"],
            "implies": _interval(frame) + " " + frame["unit"],
            "source": frame["source"],
        }
    ).reset_index(drop=True)


def parts_table(parts: pd.DataFrame) -> pd.DataFrame:
    """A whole's named places and its unnamed rest, as intervals."""
    return pd.DataFrame(
        {
            "whole": parts["whole"],
            "part": parts["name"],
            "best": _best(parts),
            "interval": [
                numbers.interval(lo, hi, pd.isna(hi))
                for lo, hi in zip(parts["low"], parts["high"], strict=True)
            ],
        }
    )


def coverage_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per article: numeric mentions found, accounted for, and the share in percent."""
    return audit.coverage(mentions)
