"""Interval charts of figures: rates per day, shares of a whole, and the counts behind them.

Each chart draws one row per figure while there are few (style.MAX_ROWS). With
more, it summarises: one row per subject and measure (the envelope of its
figures, with how many figures and sources it holds), the largest groups
drawn and "+K more" stated, every figure still in its table. Titles state the
finding, computed from the rows drawn; footers name the sources, bounded.
"""

import math

import pandas as pd

from analysis.charts import numbers, provenance, style
from analysis.charts.intervals import draw_intervals

CASUALTY_MEASURES = ("killed", "wounded", "casualties")
_WEAKEST = ["reported", "unverified", "disputed"]


def _source_label(row: pd.Series, first: str) -> str:
    """Two short lines: what is counted, then who says so."""
    tag = " (unverified)" if style.is_marked_unverified(row) else ""
    return f"{style.wrap(first, 52)}\n{style.wrap(style.shorten(row['source'] + tag, 100), 52)}"


def _envelope(group: pd.DataFrame, what: str) -> dict:
    open_high = bool(group["high_open"].any())
    return {
        "what": what,
        "low": group["low"].min(),
        "best": math.nan,
        "high": math.nan if open_high else group["high"].max(),
        "high_open": open_high,
        "measure": group["measure"].iloc[0],
        "source": f"{len(group)} figures from {group['source'].nunique()} sources",
        "from_party": bool(group["from_party"].all()),
        "verification": max(group["verification"], key=_WEAKEST.index)
        if group["verification"].eq(group["verification"].iloc[0]).all()
        else "reported",
        "n": len(group),
        "top": group["high"].fillna(group["low"]).max(),
        "provenance": provenance.of_group(_ids(group), what),
    }


def _ids(frame: pd.DataFrame) -> list[str]:
    if "claim_id" in frame:
        return list(frame["claim_id"])
    return [i for cell in frame["inputs"] for i in cell.split(";")]


def with_provenance(frame: pd.DataFrame, claims: pd.DataFrame | None) -> pd.DataFrame:
    """The frame with a `provenance` text per row: a claim's quote, or a derivation's inputs."""
    if frame.empty or claims is None:
        return frame
    if "inputs" in frame:
        texts = [provenance.of_derived(r, claims) for _, r in frame.iterrows()]
    else:
        by_id = claims.set_index("claim_id", drop=False)
        texts = [provenance.of_claim(by_id.loc[c]) for c in frame["claim_id"]]
    return frame.assign(provenance=texts)


def summarise(frame: pd.DataFrame, what, table: str):
    """(rows to draw, their labels, a note on what was left out) for a chart of any size."""
    if len(frame) <= style.MAX_ROWS:
        labels = [_source_label(r, what(r)) for _, r in frame.iterrows()]
        return frame.reset_index(drop=True), labels, ""
    keys = frame.apply(what, axis=1)
    groups = [_envelope(g, key) for key, g in frame.groupby(keys, sort=True)]
    groups.sort(key=lambda g: (-g["n"], -g["top"], g["what"]))
    shown = groups[: style.MAX_ROWS - 1]
    rows = pd.DataFrame(shown)
    labels = [f"{style.wrap(g['what'], 52)}\n{g['source']} (their envelope)" for g in shown]
    hidden = len(groups) - len(shown)
    note = (
        f"{len(frame)} figures in {len(groups)} groups; the {len(shown)} largest are drawn"
        + (f", +{hidden} more" if hidden else "")
        + f". Every figure is in tables/{table}."
    )
    return rows, labels, note


def _articles(frame: pd.DataFrame) -> list[str]:
    if "article_id" in frame:
        return list(frame["article_id"])
    inputs = frame.get("inputs", pd.Series(dtype=str))
    return sorted({i.split("-")[0] for cell in inputs for i in cell.split(";")})


def _interval_chart(frame, what, table: str, colours, unit: str = ""):
    rows, labels, note = summarise(frame, what, table)
    fig, ax = style.new_figure(len(rows))
    draw_intervals(ax, rows, labels, [colours(r) for _, r in rows.iterrows()], unit)
    return fig, ax, note


def _measure_colour(row: pd.Series) -> str:
    return style.MEASURE_COLOURS.get(row["measure"], style.PALETTE["grey"])


def _finish(fig, frame, title: str, subtitle: str, note: str) -> None:
    markings = style.MARKINGS_NOTE + (f" {note}" if note else "")
    style.finish(
        fig, title, subtitle, style.source_line(frame["source"], _articles(frame)), markings
    )


def _named(row: pd.Series) -> str:
    who = row["source"].split(",")[0]
    return f"{numbers.number(row['best'])} {row['measure']} ({who})"


def rates_title(frame: pd.DataFrame, unit: str) -> str:
    """The finding of a rates chart, from its rows: the figures, or their range at scale."""
    if frame.empty:
        return f"No figure in this selection has a rate {unit}"
    best = frame[frame["best"].notna()]
    if 1 <= len(frame) <= 3 and len(best) == len(frame):
        return f"The figures imply {' vs '.join(_named(r) for _, r in best.iterrows())} {unit}"
    top = frame.loc[frame["high"].fillna(frame["low"]).idxmax()]
    value = numbers.figure(top["low"], top["best"], top["high"], bool(top["high_open"]))
    return (
        f"{len(frame)} figures {unit} from {frame['source'].nunique()} sources; "
        f"the highest, {top['label']}, is {value}"
    )


def plot_rates(rates: pd.DataFrame, kind: str = "per_day", measures=CASUALTY_MEASURES, claims=None):
    """Rates of casualty counts by source, dots with interval bars.

    claims: the resolved claims, for the quotes behind each mark (SVG tooltips).
    """
    frame = rates[(rates["kind"] == kind) & rates["measure"].isin(measures)]
    frame = with_provenance(frame.reset_index(drop=True), claims)
    unit = "per day" if kind == "per_day" else "per 30 days"
    fig, ax, note = _interval_chart(
        frame, lambda r: f"{r['subject']}: {r['measure']}", "rates.csv", _measure_colour
    )
    ax.set_xlabel(f"people {unit} (bars: interval from the qualifier and the duration)")
    _finish(
        fig,
        frame,
        rates_title(frame, unit),
        "Killed, wounded and casualties (killed or wounded) are different measures and are "
        "never merged. Rate = count / duration of its period.",
        note,
    )
    return fig


def plot_shares(rates: pd.DataFrame, claims=None):
    """Shares of a named whole (killed of deployed, drones downed of launched) in percent."""
    frame = rates[rates["kind"] == "share_of_whole"].reset_index(drop=True)
    frame = with_provenance(frame, claims)
    fig, ax, note = _interval_chart(frame, lambda r: r["label"], "rates.csv", _measure_colour, "%")
    ax.set_xlim(0, 100)
    ax.set_xlabel("percent of the whole named in each row (a part cannot exceed its whole)")
    if frame["best"].notna().any():
        top = frame.loc[frame["best"].idxmax()]
        title = f"Shares of their whole: up to {numbers.number(top['best'])}% ({top['label']})"
    else:
        title = f"{len(frame)} shares of a whole" if len(frame) else "No share in this selection"
    _finish(
        fig,
        frame,
        title,
        "Each part over the whole its source gives; a stated fraction ('half of') is the "
        "share itself.",
        note,
    )
    return fig


def counts_behind(estimates: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """The counts the casualty rates and shares rest on, in one unit (the most common).

    A unit is never lost: counts in another unit are left to the estimates table.
    """
    casualty = rates[rates["measure"].isin(CASUALTY_MEASURES)]
    inputs = {i for cell in casualty["inputs"] for i in cell.split(";")}
    counts = estimates[estimates["claim_id"].isin(inputs)]
    if counts.empty:
        return counts.reset_index(drop=True)
    unit = counts["unit"].value_counts().index[0]
    return counts[counts["unit"] == unit].reset_index(drop=True)


def plot_counts(counts: pd.DataFrame, claims=None):
    """The counts behind the rates, one row per figure, coloured by measure (one unit)."""
    counts = with_provenance(counts, claims)
    fig, ax, note = _interval_chart(
        counts, lambda r: f"{r['subject']}: {r['measure']}", "estimates.csv", _measure_colour
    )
    ax.set_xlabel(counts["unit"].iloc[0] if len(counts) else "people")
    title = (
        f"The rates rest on {len(counts)} counts of {counts['subject'].nunique()} "
        f"{'subject' if counts['subject'].nunique() == 1 else 'subjects'} "
        f"from {counts['source'].nunique()} sources"
        if len(counts)
        else "No count in this selection"
    )
    _finish(
        fig,
        counts,
        title,
        "Counts as stated, with intervals from each qualifier ('some 11,000' = 11,000 +/- "
        "the tolerance).",
        note,
    )
    return fig
