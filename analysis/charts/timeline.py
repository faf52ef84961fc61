"""The timeline chart: events as bars from their earliest to latest possible date.

A bar is as wide as the date's uncertainty; a diamond marks a date known to the
day, and a bar too narrow to see on a long range is widened to a visible
minimum (the diamond still marks its true place). An event told by several
articles is one row. With more events than a chart can label, they are binned
by month or year and counted by category instead. Titles state the range and
the events at its ends, computed from the rows drawn.
"""

from datetime import date, timedelta

import matplotlib.dates as mdates
import pandas as pd

from analysis.charts import numbers, provenance, style

MIN_WIDTH = 0.004  # of the axis span: narrower bars are widened to this
MAX_EVENTS = 30  # events labelled one per row; beyond this, binned


def default_ranges(timeline: pd.DataFrame) -> dict[str, date]:
    """Overview: every event, padded; zoom: the ten months up to the latest event."""
    if timeline.empty:
        today = date(2000, 1, 1)
        return {
            "overview_start": today,
            "overview_end": today,
            "zoom_start": today,
            "zoom_end": today,
        }
    first, last = min(timeline["earliest"]), max(timeline["latest"])
    pad = timedelta(days=max(15, (last - first).days // 40))
    return {
        "overview_start": first - pad,
        "overview_end": last + pad,
        "zoom_start": last - timedelta(days=305),
        "zoom_end": last + timedelta(days=15),
    }


def ranges(timeline: pd.DataFrame, **given) -> dict[str, date]:
    """The notebook's range parameters, each None replaced by its default_ranges value."""
    defaults = default_ranges(timeline)
    return {k: pd.Timestamp(given[k]).date() if given.get(k) else v for k, v in defaults.items()}


def in_range(timeline: pd.DataFrame, start, end) -> pd.DataFrame:
    """The events whose interval touches [start, end]."""
    start, end = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    return timeline[(timeline["latest"] >= start) & (timeline["earliest"] <= end)].reset_index(
        drop=True
    )


def timeline_title(frame: pd.DataFrame) -> str:
    """The range and its ends: 'N events, from <first> (<date>) to <last> (<date>)'."""
    if frame.empty:
        return "No event in this range"
    first, last = frame.iloc[0], frame.iloc[-1]
    inferred = int((frame["date_basis"] != "stated").sum())
    ends = (
        f"from {first['label']} ({numbers.dates(first['earliest'], first['latest'])}) "
        f"to {last['label']} ({numbers.dates(last['earliest'], last['latest'])})"
    )
    what = f"{len(frame)} event{'s' if len(frame) > 1 else ''}"
    return f"{what}, {ends}; {inferred} dated by inference or the analyst"


def event_text(row) -> str:
    """An event's provenance: its label, its dates as written, its quote and its articles."""
    written = row["date_text"] if isinstance(row["date_text"], str) else "no date in the text"
    return (
        f"{row['label']} \u2014 {row['earliest']} to {row['latest']} ({written}; "
        f"{row['date_basis']}) \u2014 \u201c{row['quote']}\u201d \u2014 articles "
        f"{row['article_ids'].replace(';', ', ')}, events {row['event_ids'].replace(';', ', ')}"
    )


def _label(row) -> str:
    told = f" ({row['tellings']} articles)" if row["tellings"] > 1 else ""
    star = " *" if row["date_basis"] != "stated" else ""
    return f"{style.shorten(row['label'], 60)}{told}{star}"


def _draw_event(ax, row, y: int, lo: float, hi: float) -> None:
    colour = style.CATEGORY_COLOURS.get(row["category"], style.PALETTE["grey"])
    left = mdates.date2num(row["earliest"])
    width = mdates.date2num(row["latest"]) + 1 - left
    shown = max(width, (hi - lo) * MIN_WIDTH)
    bar = ax.barh(y, shown, left=left + (width - shown) / 2, height=0.5, color=colour, alpha=0.75)
    marks = list(bar.patches)
    if row["precision"] == "day" or shown > width:
        marks += ax.plot(left + width / 2, y, "D", color=colour, ms=6)
    provenance.tag(ax.figure, marks, event_text(row))
    inferred = row["date_basis"] != "stated"
    has_text = isinstance(row["date_text"], str)
    text = f'"{style.shorten(row["date_text"], 40)}"' if has_text else str(row["earliest"])
    on_right = (left - lo) / (hi - lo) > 0.6
    ax.annotate(
        text,
        (left if on_right else left + width, y),
        xytext=(-5 if on_right else 5, 0),
        textcoords="offset points",
        va="center",
        ha="right" if on_right else "left",
        fontsize=8,
        color=style.PALETTE["grey"] if inferred else "#333333",
    )


def _draw_bins(ax, frame: pd.DataFrame, lo: date, hi: date) -> str:
    """Events counted per month (per year over five years), stacked by category."""
    yearly = (hi - lo).days > 5 * 365
    key = frame["earliest"].map(lambda d: date(d.year, 1, 1) if yearly else d.replace(day=1))
    counts = frame.assign(bin=key).groupby(["bin", "category"]).size().unstack(fill_value=0)
    bottom = pd.Series(0, index=counts.index)
    width = 300 if yearly else 25
    for category in counts.columns:
        colour = style.CATEGORY_COLOURS.get(category, style.PALETTE["grey"])
        x = [mdates.date2num(d) for d in counts.index]
        ax.bar(x, counts[category], width, bottom=bottom, color=colour, label=category)
        bottom += counts[category]
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    ax.set_ylabel(f"events per {'year' if yearly else 'month'}")
    return "year" if yearly else "month"


def plot_timeline(timeline: pd.DataFrame, start: date | str, end: date | str):
    """Events between start and end; binned by month or year when too many to label."""
    frame = in_range(timeline, start, end)
    lo = mdates.date2num(pd.Timestamp(start).date())
    hi = mdates.date2num(pd.Timestamp(end).date())
    crowded = len(frame) > MAX_EVENTS
    fig, ax = style.new_figure(8 if crowded else len(frame))
    if crowded:
        fig.subplots_adjust(left=0.1)
        per = _draw_bins(ax, frame, pd.Timestamp(start).date(), pd.Timestamp(end).date())
        subtitle = f"Too many events to label: each bar counts the events of a {per} by category."
    else:
        for i, row in frame.iterrows():
            _draw_event(ax, row, len(frame) - 1 - i, lo, hi)
        ax.set_yticks(range(len(frame) - 1, -1, -1), [_label(r) for _, r in frame.iterrows()])
        ax.tick_params(axis="y", labelsize=8.5)
        ax.set_ylim(-0.7, max(len(frame), 1) - 0.3)
        subtitle = (
            "Bars run from the earliest to the latest possible date; colour = category; "
            "diamond = known to the day. * = date inferred or added by the analyst."
        )
    ax.set_xlim(lo, hi)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    articles = [a for cell in frame["article_ids"] for a in cell.split(";")]
    style.finish(
        fig,
        timeline_title(frame),
        subtitle,
        style.source_line(["the articles' own dating, analyst references in the notes"], articles),
    )
    return fig
