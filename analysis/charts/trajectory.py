"""The trajectory chart: how the claimed counts of one subject evolved, measure by measure.

Every count is drawn at its as-of date: the date uncertainty horizontally (from
the earliest to the latest day it can refer to), the value interval vertically,
an arrow for an open upper bound, hollow for a party to the war, dashed for
unverified, each labelled with its claimant. Killed, wounded, casualties and a
stock such as deployed are separate panels, never one line. When a panel holds
more than MAX_POINTS counts, each date group (counts that can share a date) is
drawn as its envelope with the number of figures it holds.
"""

import math

import matplotlib.dates as mdates
import pandas as pd

from analysis.charts import numbers, provenance, style
from analysis.charts.measures import with_provenance
from analysis.curation import dictionary

PANEL_ORDER = ("killed", "wounded", "casualties")
MAX_PANELS = 3
MAX_POINTS = 20


def _series_measures(frame: pd.DataFrame) -> pd.Series:
    spec = dictionary.measures()
    return frame["measure"].map(lambda m: spec[m].cumulative or spec[m].is_stock)


def choose_subject(estimates: pd.DataFrame) -> str | None:
    """The subject with counts at the most dates, cumulative flows first; None if none."""
    frame = estimates[_series_measures(estimates)]
    if frame.empty:
        return None
    spec = dictionary.measures()
    score = frame.assign(
        cumulative=frame["measure"].map(lambda m: spec[m].cumulative),
        dated=frame["measure"] + ":" + frame["date_group"].astype(str),
    )
    ranked = score.groupby("subject_id").agg(
        cumulative=("cumulative", "any"), dates=("dated", "nunique"), n=("claim_id", "size")
    )
    ranked = ranked.reset_index().sort_values(
        ["cumulative", "dates", "n", "subject_id"], ascending=[False, False, False, True]
    )
    return str(ranked["subject_id"].iloc[0])


def panels(estimates: pd.DataFrame, subject_id: str) -> list[tuple[str, pd.DataFrame]]:
    """(measure, its counts) for the subject: casualty measures first, then stocks."""
    frame = estimates[(estimates["subject_id"] == subject_id) & _series_measures(estimates)]
    order = {m: i for i, m in enumerate(PANEL_ORDER)}
    measures = sorted(set(frame["measure"]), key=lambda m: (order.get(m, len(order)), m))
    return [(m, frame[frame["measure"] == m]) for m in measures[:MAX_PANELS]]


def _y(row) -> float:
    if not math.isnan(row["best"]):
        return row["best"]
    return row["low"] if row["high_open"] else (row["low"] + row["high"]) / 2


def _top(frame: pd.DataFrame) -> float:
    closed = [*frame["high"].dropna(), *frame["low"]]
    return max(closed, default=1.0) * 1.35 or 1.0


def draw_count(ax, row, top: float, colour: str, label: str, above: bool) -> None:
    """One count: its dates across, its interval up, its provenance on every mark."""
    x0 = mdates.date2num(row["as_of_earliest"])
    x1 = mdates.date2num(row["as_of_latest"]) + 1
    xm, y = (x0 + x1) / 2, _y(row)
    ls = (0, (3, 2)) if style.is_marked_unverified(row) else "-"
    marks = ax.plot([x0, x1], [y, y], color=colour, lw=2.5, alpha=0.6, ls=ls, solid_capstyle="butt")
    high = top if row["high_open"] else row["high"]
    marks += ax.plot([xm, xm], [row["low"], high], color=colour, lw=1.5, alpha=0.8, ls=ls)
    ends = [row["low"]] if row["high_open"] else [row["low"], high]
    marks += ax.plot([xm] * len(ends), ends, "_", color=colour, ms=10, mew=1.8)  # a range's ends
    if row["high_open"]:
        arrow = {"arrowstyle": "-|>", "color": colour}
        marks.append(ax.annotate("", (xm, top), (xm, top * 0.93), arrowprops=arrow))
    if not math.isnan(row["best"]):
        face = "white" if style.is_marked_party(row) else colour
        marks += ax.plot(xm, y, "o", ms=7, mfc=face, mec=colour, mew=1.8)
    lo, hi = ax.get_xlim()
    on_left = hi > lo and (xm - lo) / (hi - lo) > 0.7  # labels near the right edge go left
    offset = (-6 if on_left else 6, 5 if above else -12)
    ax.annotate(
        label,
        (xm, y),
        xytext=offset,
        textcoords="offset points",
        fontsize=7.5,
        ha="right" if on_left else "left",
    )
    if isinstance(row.get("provenance"), str):
        provenance.tag(ax.figure, marks, row["provenance"])


def set_date_axis(ax, frame: pd.DataFrame) -> None:
    """The x axis spans the as-of dates of the frame, padded, with concise date labels."""
    first, last = frame["as_of_earliest"].min(), frame["as_of_latest"].max()
    pad = max(10, (last - first).days * 0.08)
    ax.set_xlim(mdates.date2num(first) - pad, mdates.date2num(last) + 1 + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _envelopes(frame: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for _, g in frame.groupby("date_group"):
        open_high = bool(g["high_open"].any())
        rows.append(
            {
                "as_of_earliest": g["as_of_earliest"].min(),
                "as_of_latest": g["as_of_latest"].max(),
                "low": g["low"].min(),
                "high": math.nan if open_high else g["high"].max(),
                "high_open": open_high,
                "best": math.nan,
                "from_party": bool(g["from_party"].all()),
                "verification": "reported",
                "label": f"{len(g)} figures",
                "provenance": provenance.of_group(list(g["claim_id"]), "counts of one date"),
            }
        )
    return pd.DataFrame(rows)


def _draw_panel(ax, measure: str, frame: pd.DataFrame, unit: str) -> None:
    colour = style.MEASURE_COLOURS.get(measure, style.PALETTE["grey"])
    crowded = len(frame) > MAX_POINTS
    rows = (
        _envelopes(frame)
        if crowded
        else frame.assign(
            label=frame["source"].str.split(",").str[0].map(lambda s: style.shorten(s, 40))
        )
    )
    top = _top(rows)
    set_date_axis(ax, frame)
    rows = rows.sort_values(["as_of_earliest", "as_of_latest"], kind="stable")
    for i, (_, row) in enumerate(rows.iterrows()):
        draw_count(ax, row, top, colour, row["label"], above=i % 2 == 0)
    ax.set_ylim(0, top)
    ax.yaxis.set_major_formatter(lambda v, _: numbers.number(v) if v else "0")
    ax.grid(axis="y", color=style.PALETTE["light"], lw=0.8)
    shown = "envelope of each date group" if crowded else "one mark per figure"
    ax.set_title(f"{measure} ({unit}; {shown})", loc="left", fontsize=10, color="#333333")


def _said(frame: pd.DataFrame) -> str:
    r = frame.iloc[0]
    value = (
        numbers.number(r["best"])
        if not math.isnan(r["best"])
        else numbers.interval(r["low"], r["high"], bool(r["high_open"]))
    )
    return f"{value} ({numbers.dates(r['as_of_earliest'], r['as_of_latest'])})"


def _change(measure: str, frame: pd.DataFrame) -> str:
    first = frame[frame["date_group"] == frame["date_group"].min()]
    last = frame[frame["date_group"] == frame["date_group"].max()]
    if first.equals(last):
        return f"{len(frame)} {measure} figure{'s' if len(frame) > 1 else ''} at one date"
    return f"{measure} from {_said(first)} to {_said(last)}"


def trajectory_title(subject: str, drawn: list[tuple[str, pd.DataFrame]]) -> str:
    """The finding: the first measure's first and last dated counts, and any conflict."""
    if not drawn:
        return "No subject has counts at several dates in this selection"
    measure, frame = drawn[0]
    conflicts = {
        (m, tuple(sorted((c, o))))
        for m, f in drawn
        for c, cell in zip(f["claim_id"], f["conflicts_with"].fillna(""), strict=True)
        for o in cell.split(";")
        if o
    }
    tail = ""
    if conflicts:
        n = len(conflicts)
        verb = "disagree" if n > 1 else "disagrees"
        tail = f"; {n} pair{'s' if n > 1 else ''} of figures {verb} at a shared date"
    return f"{subject}: {_change(measure, frame)}{tail}"


def plot_trajectory(estimates: pd.DataFrame, subject_id: str | None = None, claims=None):
    """Counts of one subject against their as-of dates, one panel per measure.

    claims: the resolved claims, for the quotes behind each mark (SVG tooltips).
    """
    subject_id = subject_id or choose_subject(estimates)
    drawn = panels(estimates, subject_id) if subject_id else []
    fig, axes = style.new_panels(len(drawn))
    for ax, (measure, frame) in zip(axes, drawn, strict=False):
        _draw_panel(ax, measure, with_provenance(frame, claims), frame["unit"].iloc[0])
    subject = drawn[0][1]["subject"].iloc[0] if drawn else ""
    every = pd.concat([f for _, f in drawn]) if drawn else estimates.head(0)
    style.finish(
        fig,
        trajectory_title(subject, drawn),
        "Each count at the dates it can refer to (horizontal) with its interval (vertical). "
        "Counts at different dates are a series, not a contradiction.",
        style.source_line(every["source"], every["article_id"]),
        style.MARKINGS_NOTE,
    )
    return fig
