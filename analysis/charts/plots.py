"""The suite's charts. Each takes a processed table and returns a finished figure.

All of them use analysis.charts.style for the look, the source line and the markings,
and derive their title (the finding) from the data they draw.
"""

import math
from collections.abc import Callable
from datetime import date

import matplotlib.dates as mdates
import pandas as pd
import seaborn as sns

from analysis.charts import style

MEASURE_WORDS = {
    "killed": "killed",
    "wounded": "wounded",
    "casualties": "casualties (killed or wounded)",
    "deployed": "deployed",
    "displaced": "displaced",
}


def _fmt(x: float) -> str:
    if pd.isna(x):
        return "?"
    if abs(x) >= 1_000_000:
        return f"{x / 1_000_000:.3g} million"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def _label(row: pd.Series, first: str) -> str:
    """Two short lines: what is counted, then who says so."""
    tag = " (unverified)" if style.is_marked_unverified(row) else ""
    return f"{style.wrap(first, 52)}\n{style.wrap(row['source'] + tag, 52)}"


def _measure_chart(frame: pd.DataFrame, what: Callable[[pd.Series], str]):
    """A figure with one interval row per figure, labelled `what` + source, coloured by measure."""
    fig, ax = style.new_figure(len(frame))
    labels = [_label(r, what(r)) for _, r in frame.iterrows()]
    colours = [style.MEASURE_COLOURS.get(m, style.PALETTE["grey"]) for m in frame["measure"]]
    draw_intervals(ax, frame, labels, colours)
    return fig, ax


def _finish_measures(fig, frame: pd.DataFrame, title: str, subtitle: str) -> None:
    """Title, subtitle, the frame's own source line and the markings note."""
    style.finish(
        fig,
        title,
        subtitle,
        style.source_line(frame["source"], _articles(frame)),
        style.MARKINGS_NOTE,
    )


def draw_intervals(ax, frame: pd.DataFrame, labels: list[str], colours: list[str]) -> None:
    """One row per figure: a bar from low to high, a dot at best, an arrow if open-ended.

    One-sided figures without a best value get a triangle at their bound.
    """
    n = len(frame)
    finite_highs = frame["high"].where(~frame["high_open"].astype(bool)).dropna()
    lows = frame["low"].dropna()
    right = max([*finite_highs, *(lows * 1.6), *frame["best"].dropna()], default=1) * 1.12
    for i, (_, row) in enumerate(frame.iterrows()):
        y = n - 1 - i
        colour = colours[i]
        dashed = style.is_marked_unverified(row)
        high = right if row["high_open"] else row["high"]
        ax.plot(
            [row["low"], high],
            [y, y],
            color=colour,
            lw=3,
            alpha=0.55,
            ls=(0, (3, 2)) if dashed else "-",
            solid_capstyle="butt",
        )
        if row["high_open"]:
            ax.annotate(
                "",
                xy=(right, y),
                xytext=(right * 0.94, y),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.5},
            )
        hollow = style.is_marked_party(row)
        face = "white" if hollow else colour
        if not math.isnan(row["best"]):
            ax.plot(row["best"], y, "o", ms=9, mfc=face, mec=colour, mew=2)
            text, x = _fmt(row["best"]), row["best"]
        else:
            ax.plot(row["low"], y, ">", ms=9, mfc=face, mec=colour, mew=2)
            text, x = f"{'over' if row['high_open'] else 'from'} {_fmt(row['low'])}", row["low"]
        rng = (
            f"{_fmt(row['low'])}, no upper bound"
            if row["high_open"]
            else f"{_fmt(row['low'])} to {_fmt(row['high'])}"
        )
        ax.annotate(
            f"{text}  ({rng})" if row["low"] != row["high"] else text,
            (x, y),
            xytext=(-4, 9),
            textcoords="offset points",
            ha="left",
            fontsize=8,
            color="#333333",
        )
    ax.set_yticks(range(n - 1, -1, -1), labels, fontsize=8.5)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(0, right)


def plot_rates(rates: pd.DataFrame, kind: str = "per_day"):
    """Casualty rates by source as dots with interval bars, one row per claim."""
    frame = rates[rates["kind"] == kind].reset_index(drop=True)
    fig, ax = _measure_chart(frame, lambda r: f"{r['subject']}: {r['measure']}")
    unit = "per day" if kind == "per_day" else "per 30 days"
    ax.set_xlabel(f"people {unit} (bars: interval from the qualifier and the stated duration)")
    parts = [
        f"{_fmt(r['best'])} {r['measure']} {unit} ({r['source'].split(',')[0]})"
        for _, r in frame.iterrows()
        if not math.isnan(r["best"])
    ]
    title = "The sources' figures imply " + (" vs ".join(parts) if parts else "no rate")
    _finish_measures(
        fig,
        frame,
        title,
        "Killed and casualties (killed or wounded) are different measures and are "
        "not merged. Rates = count / stated duration.",
    )
    return fig


def _share_label(row: pd.Series) -> str:
    """ "Subject: killed of deployed", or "Subject, as a share of all killed" for like measures."""
    whole = row["unit"].replace("percent of ", "").replace("_", " ")
    part = row["measure"].replace("_", " ")
    if whole == part:
        return f"{row['subject']}, as a share of all {whole}"
    return f"{row['subject']}: {part} of {whole}"


def plot_shares(rates: pd.DataFrame):
    """Shares of a whole (killed of deployed, drones downed of launched) in percent."""
    frame = rates[rates["kind"] == "share_of_whole"].reset_index(drop=True)
    fig, ax = _measure_chart(frame, _share_label)
    ax.set_xlim(0, 100)
    ax.set_xlabel("percent of the whole (part / whole)")
    top = frame.loc[frame["best"].idxmax()] if frame["best"].notna().any() else None
    title = (
        f"Shares of the whole: up to {_fmt(top['best'])}% ({top['subject']}, {top['measure']})"
        if top is not None
        else "Shares of the whole"
    )
    _finish_measures(
        fig,
        frame,
        title,
        "Each part over the whole its source gives; a stated fraction "
        "('half of') is the share itself.",
    )
    return fig


def plot_counts(estimates: pd.DataFrame, subject_ids: list[str]):
    """The underlying counts behind the rates, one row per claim."""
    frame = estimates[estimates["subject_id"].isin(subject_ids)].reset_index(drop=True)
    fig, ax = _measure_chart(frame, lambda r: f"{r['subject']}: {r['measure']}")
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:,.0f}")
    ax.set_xlabel("people")
    deployed = frame[frame["measure"] == "deployed"]
    title = (
        f"Sources put the force at {_fmt(deployed['low'].min())} to "
        f"{_fmt(deployed['high'].max())} troops; the losses they report differ by measure"
        if len(deployed)
        else "Reported counts"
    )
    _finish_measures(
        fig,
        frame,
        title,
        "Counts as stated, with intervals from each qualifier "
        "('some 11,000' = 11,000 +/- tolerance).",
    )
    return fig


def plot_displacement(displacement: pd.DataFrame):
    """Displacement figures; lower bounds drawn open-ended."""
    frame = displacement.reset_index(drop=True)
    fig, ax = style.new_figure(len(frame), min_rows=2)
    labels = [
        _label(r, f"{r['subject']}\n{r['period_earliest']} to {r['period_latest']}")
        for _, r in frame.iterrows()
    ]
    draw_intervals(ax, frame, labels, [style.PALETTE["green"]] * len(frame))
    ax.xaxis.set_major_formatter(lambda x, _: f"{x / 1e6:g}M")
    ax.set_xlabel("people displaced (millions)")
    first = frame.iloc[0] if len(frame) else None
    title = (
        f"More than {_fmt(first['low'])} people displaced: at least "
        f"{_fmt(first['rate_per_day_low'])} a day on average"
        if first is not None and first["high_open"]
        else "People displaced"
    )
    style.finish(
        fig,
        title,
        "The arrow marks a lower bound: the text says 'over', so no "
        "upper bound is drawn. Average rate = lower bound / longest period.",
        style.source_line(frame["source"], ["a000"] if len(frame) else []),
        style.MARKINGS_NOTE,
    )
    return fig


def plot_timeline(timeline: pd.DataFrame, start: date | str, end: date | str, title: str):
    """Events as bars from earliest to latest possible date (diamonds when known to the day)."""
    start, end = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    frame = timeline[(timeline["latest"] >= start) & (timeline["earliest"] <= end)]
    frame = frame.reset_index(drop=True)
    fig, ax = style.new_figure(len(frame))
    n = len(frame)
    lo, hi = mdates.date2num(start), mdates.date2num(end)
    for i, row in frame.iterrows():
        y = n - 1 - i
        colour = style.CATEGORY_COLOURS.get(row["category"], style.PALETTE["grey"])
        left = mdates.date2num(row["earliest"])
        width = mdates.date2num(row["latest"]) + 1 - left
        ax.barh(y, width, left=left, height=0.5, color=colour, alpha=0.75)
        if row["precision"] == "day":
            ax.plot(left + 0.5, y, "D", color=colour, ms=7)
        inferred = row["date_basis"] != "stated"
        text = row["date_text"] if isinstance(row["date_text"], str) else str(row["earliest"])
        on_right = (left - lo) / (hi - lo) > 0.6  # label on the left side near the right edge
        ax.annotate(
            f'"{text}"' if isinstance(row["date_text"], str) else text,
            (left if on_right else left + width, y),
            xytext=(-5 if on_right else 5, 0),
            textcoords="offset points",
            va="center",
            ha="right" if on_right else "left",
            fontsize=8,
            color=style.PALETTE["grey"] if inferred else "#333333",
        )
    labels = [
        f"{r['label']}{' *' if r['date_basis'] != 'stated' else ''}" for _, r in frame.iterrows()
    ]
    ax.set_yticks(range(n - 1, -1, -1), labels, fontsize=8.5)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(lo, hi)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    style.finish(
        fig,
        title,
        "Bars run from the earliest to the latest possible date; "
        "colour = category. * = date inferred or added by the analyst (see notes).",
        style.source_line(
            ["the articles' own dating, analyst references in the notes"], frame["article_id"]
        ),
    )
    return fig


CLAIMANT_WORDS = {
    "unknown": "unattributed (the article itself)",
    "party_to_conflict": "a party to the war",
    "third_country": "third-country officials",
    "international_organisation": "international organisation",
    "mixed": "mixed (incl. a party to the war)",
    "media": "media",
}


def claims_by_claimant(claims: pd.DataFrame) -> pd.DataFrame:
    """Number of claims per claimant type and verification status."""
    counts = claims.groupby(["claimant_type", "verification"]).size()
    return (
        counts.rename("claims")
        .reset_index()
        .sort_values(["claims", "claimant_type"], ascending=[False, True], kind="stable")
    )


def plot_claimants(claims: pd.DataFrame):
    """How many figures each kind of claimant supplies, by verification status."""
    counts = claims_by_claimant(claims)
    counts["claimant"] = counts["claimant_type"].map(CLAIMANT_WORDS)
    fig, ax = style.new_figure(counts["claimant_type"].nunique())
    sns.barplot(
        data=counts,
        y="claimant",
        x="claims",
        hue="verification",
        hue_order=sorted(counts["verification"].unique()),
        orient="h",
        ax=ax,
        palette=[style.PALETTE["blue"], style.PALETTE["vermillion"], style.PALETTE["orange"]][
            : counts["verification"].nunique()
        ],
    )
    ax.set_ylabel("")
    ax.set_xlabel("number of curated figures")
    ax.legend(title="verification", frameon=False, loc="lower right")
    top = counts.groupby("claimant")["claims"].sum().sort_values(ascending=False)
    title = f"{top.iloc[0]} of {top.sum()} figures come from {top.index[0]}"
    style.finish(
        fig,
        title,
        "Curated figures by kind of claimant; a party to the war is marked in the claims table.",
        style.source_line(["curated claims"], claims["article_id"]),
    )
    return fig


def _articles(frame: pd.DataFrame) -> list[str]:
    ids = frame.get("article_id")
    if ids is not None:
        return list(ids)
    inputs = frame.get("inputs", pd.Series(dtype=str))
    return sorted({i.split("-")[0] for cell in inputs for i in cell.split(";")})
