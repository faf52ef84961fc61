"""Interval rows: one horizontal row per figure, drawn so its uncertainty is read at a glance.

    a range (closed)        a bar from low to high with a tick at each end
    a best value            a dot (hollow: from a party to the war)
    an open upper bound     a bar from low running to the axis edge, ending in an arrow
    unverified, disputed    the bar dashed

The axis is scaled on the closed values: it reaches at most CAP times the
largest closed value, so an open bound ("over 3,000") cannot flatten the rest
(200 stays readable). An open bar whose low lies beyond the axis runs off it,
labelled at the edge.
"""

import math

import pandas as pd

from analysis.charts import numbers, provenance, style

CAP = 3.0  # the axis reaches at most CAP x the largest closed value
MARGIN = 1.12


def axis_right(frame: pd.DataFrame) -> float:
    """The right edge of the value axis for these rows (see the module docstring)."""
    open_rows = frame["high_open"].astype(bool)
    closed = [
        *frame.loc[~open_rows, "high"].dropna(),
        *frame["best"].dropna(),
        *frame.loc[~open_rows, "low"].dropna(),
    ]
    open_lows = list(frame.loc[open_rows, "low"].dropna())
    largest = max(closed, default=0.0)
    if largest <= 0:
        return max(open_lows, default=1.0) * 1.6 or 1.0
    natural = max([largest, *(x * 1.3 for x in open_lows)]) * MARGIN
    return min(natural, CAP * largest * MARGIN)


def _bar(ax, row, y: float, right: float, colour: str) -> list:
    dashed = style.is_marked_unverified(row)
    open_high = bool(row["high_open"])
    low = min(row["low"], right)
    high = right if open_high else row["high"]
    (bar,) = ax.plot(
        [low, high],
        [y, y],
        color=colour,
        lw=3,
        alpha=0.55,
        ls=(0, (3, 2)) if dashed else "-",
        solid_capstyle="butt",
    )
    marks = [bar]
    ends = [low] if open_high else ([low, high] if high > low else [])
    if ends:
        marks += ax.plot(ends, [y] * len(ends), "|", color=colour, ms=12, mew=2)
    if open_high:
        marks.append(
            ax.annotate(
                "",
                xy=(right, y),
                xytext=(right * 0.95, y),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
            )
        )
    return marks


def _dot(ax, row, y: float, colour: str) -> list:
    best = row["best"]
    if math.isnan(best) and not (not row["high_open"] and row["low"] == row["high"]):
        return []
    x = row["low"] if math.isnan(best) else best
    face = "white" if style.is_marked_party(row) else colour
    return ax.plot(x, y, "o", ms=9, mfc=face, mec=colour, mew=2)


def _label(ax, row, y: float, right: float, unit: str) -> None:
    text = numbers.figure(row["low"], row["best"], row["high"], bool(row["high_open"]), unit)
    off_scale = row["low"] >= right
    if off_scale:
        text += ", off the scale"
    x = right if off_scale else min(row["low"], right)
    ax.annotate(
        text,
        (x, y),
        xytext=(-4 if off_scale else -4, 9),
        textcoords="offset points",
        ha="right" if off_scale else "left",
        fontsize=8,
        color="#333333",
    )


def draw_intervals(
    ax, frame: pd.DataFrame, labels: list[str], colours: list[str], unit: str = ""
) -> None:
    """One row per figure, top to bottom in frame order, labelled on the y axis.

    unit: appended to every number of the labels ("%" for shares). A row's
    `provenance` text, when the frame has one, goes on its marks (SVG tooltips).
    """
    n = len(frame)
    right = axis_right(frame) if n else 1.0
    for i, (_, row) in enumerate(frame.iterrows()):
        y = n - 1 - i
        marks = _bar(ax, row, y, right, colours[i]) + _dot(ax, row, y, colours[i])
        _label(ax, row, y, right, unit)
        if isinstance(row.get("provenance"), str):
            provenance.tag(ax.figure, marks, row["provenance"])
    ax.set_yticks(range(n - 1, -1, -1), labels, fontsize=8.5)
    ax.set_ylim(-0.7, max(n, 1) - 0.3)
    ax.set_xlim(0, right)
    ax.xaxis.set_major_formatter(lambda x, _: numbers.number(x) if x else "0")
