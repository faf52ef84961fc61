"""Displacement charts as displacement analysts read them: stocks, flows and parts of a whole.

    stocks   one panel per population and unit: each count at its as-of date, the
             counts of one subject joined in date order (a peak and where it stands
             now), refugees abroad never on the axis of the internally displaced,
             families never on the axis of people
    flows    departures, displacements, returns over a period: their rate per day
    parts    a whole (refugees abroad) split into its named parts (host countries)
             and the unnamed rest, each part with its share of the whole

Per-cent figures are never drawn on a people axis: they are shares of their
whole, in the notebook's table of shares.
"""

import math

import matplotlib.dates as mdates
import pandas as pd

from analysis.charts import numbers, provenance, style
from analysis.charts.intervals import draw_intervals
from analysis.charts.measures import summarise, with_provenance
from analysis.charts.trajectory import draw_count, set_date_axis

POPULATION_WORDS = {
    "refugees_abroad": "refugees abroad",
    "internally_displaced": "internally displaced",
    "all_displaced": "displaced inside the country and abroad",
    "returnees": "returnees",
    "evacuees": "evacuees",
    "left_area": "residents who left an area",
}
MAX_PANELS = 4


def population_of(frame: pd.DataFrame) -> pd.Series:
    """The population in words, 'displaced (no population given)' when the subject names none."""
    return frame["population"].map(POPULATION_WORDS).fillna("displaced (no population given)")


HEDGES = {"approximately": "about", "more_than": "more than", "at_least": "at least"}


def said(row) -> str:
    """A figure in words, with its hedge: 'about 6.8 million', 'more than 8 million'."""
    if row["qualifier"] in HEDGES:
        value = row["best"] if row["qualifier"] == "approximately" else row["low"]
        if not math.isnan(value):
            return f"{HEDGES[row['qualifier']]} {numbers.number(value)}"
    return numbers.figure(row["low"], row["best"], row["high"], bool(row["high_open"]))


def _when(row) -> str:
    return numbers.dates(row["as_of_earliest"], row["as_of_latest"])


def panel_key(frame: pd.DataFrame) -> pd.Series:
    """One panel per population and unit: 'refugees abroad (people)'."""
    return population_of(frame) + " (" + frame["unit"] + ")"


def stocks_title(stocks: pd.DataFrame) -> str:
    """For every panel: its largest subject's latest count, and where that subject came from."""
    if stocks.empty:
        return "No displacement stock in this selection"
    parts = []
    for key, group in stocks.groupby(panel_key(stocks), sort=True):
        latest = group.sort_values(["as_of_latest", "low"], ascending=[False, False]).iloc[0]
        text = f"{key.replace(' (people)', '')}: {said(latest)} ({_when(latest)})"
        earlier = group[
            (group["subject_id"] == latest["subject_id"])
            & (group["as_of_latest"] < latest["as_of_earliest"])
        ]
        if not earlier.empty:
            first = earlier.sort_values("as_of_earliest").iloc[0]
            text += f", from {said(first)} ({_when(first)})"
        parts.append(text)
    return "; ".join(parts)


SUBJECT_COLOURS = ("green", "blue", "vermillion", "purple", "orange")
LABEL_EVERY_MARK = 8  # beyond this many counts in a panel, each subject is labelled once


def _series_line(ax, series: pd.DataFrame, colour: str) -> tuple[float, float]:
    """A dotted line through one subject's counts in date order; returns its last point."""
    s = series.sort_values("as_of_earliest")
    x = [
        (mdates.date2num(a) + mdates.date2num(b) + 1) / 2
        for a, b in zip(s["as_of_earliest"], s["as_of_latest"], strict=True)
    ]
    y = [r["best"] if not math.isnan(r["best"]) else r["low"] for _, r in s.iterrows()]
    if len(s) > 1:
        ax.plot(x, y, ":", color=colour, lw=1)
    return x[-1], y[-1]


def _stock_panel(ax, frame: pd.DataFrame, title: str) -> None:
    top = max([*frame["high"].dropna(), *frame["low"]], default=1.0) * 1.35
    set_date_axis(ax, frame)
    crowded = len(frame) > LABEL_EVERY_MARK
    subjects = list(dict.fromkeys(frame.sort_values("subject")["subject_id"]))
    colours = {
        s: style.PALETTE[SUBJECT_COLOURS[i % len(SUBJECT_COLOURS)] if crowded else "green"]
        for i, s in enumerate(subjects)
    }
    for i, (_, row) in enumerate(frame.sort_values("as_of_earliest").iterrows()):
        label = "" if crowded else style.shorten(f"{row['subject']} ({row['source']})", 60)
        draw_count(ax, row, top, colours[row["subject_id"]], label, above=i % 2 == 0)
    for subject_id, series in frame.groupby("subject_id"):
        colour = colours[subject_id] if crowded else style.PALETTE["grey"]
        x, y = _series_line(ax, series, colour)
        if crowded:  # each subject named once, at its latest count
            name = style.shorten(series["subject"].iloc[0], 40)
            ax.annotate(
                name,
                (x, y),
                xytext=(-6, 6),
                textcoords="offset points",
                fontsize=7.5,
                ha="right",
                color=colour,
            )
    ax.set_ylim(0, top)
    ax.yaxis.set_major_formatter(lambda v, _: numbers.number(v) if v else "0")
    ax.grid(axis="y", color=style.PALETTE["light"], lw=0.8)
    ax.set_title(title, loc="left", fontsize=10, color="#333333")


MAX_SUBJECTS = 5  # subjects drawn in a crowded stock panel


def _largest_subjects(frame: pd.DataFrame) -> pd.DataFrame:
    """All counts when few; else the subjects with the most counts (then the largest)."""
    if len(frame) <= 20:
        return frame
    ranked = frame.groupby("subject_id").agg(n=("claim_id", "size"), top=("low", "max"))
    keep = ranked.sort_values(["n", "top"], ascending=False).index[:MAX_SUBJECTS]
    return frame[frame["subject_id"].isin(keep)]


def plot_stocks(displacement: pd.DataFrame, claims=None):
    """Displaced people at their as-of dates, one panel per population and unit.

    claims: the resolved claims, for the quotes behind each mark (SVG tooltips).
    """
    stocks = with_provenance(displacement[displacement["count_type"] == "stock"], claims)
    keys = panel_key(stocks)
    groups = sorted(stocks.groupby(keys), key=lambda g: (-len(g[1]), g[0]))
    shown = groups[:MAX_PANELS]
    fig, axes = style.new_panels(len(shown), panel_in=2.6)
    left_out, drawn = 0, []
    for ax, (key, frame) in zip(axes, shown, strict=False):
        kept = _largest_subjects(frame)
        dropped = frame["subject_id"].nunique() - kept["subject_id"].nunique()
        left_out += dropped
        extra = f"; the {kept['subject_id'].nunique()} subjects with most counts" if dropped else ""
        _stock_panel(ax, kept, key + extra)
        drawn.append(kept)
    stocks = pd.concat(drawn) if drawn else stocks  # the title and footer cover what is drawn
    hidden = len(groups) - len(shown)
    note = f" +{hidden} more populations in tables/displacement.csv." if hidden else ""
    if left_out:
        note += f" +{left_out} more subjects not drawn; all are in tables/displacement.csv."
    style.finish(
        fig,
        stocks_title(stocks),
        "Stocks: people displaced at a date, never a rate. A dotted line joins one "
        "population's counts in date order. Each panel keeps its own population and unit.",
        style.source_line(stocks["source"], stocks["article_id"]),
        style.MARKINGS_NOTE + note,
    )
    return fig


def flows_title(flows: pd.DataFrame) -> str:
    if flows.empty:
        return "No displacement flow in this selection"
    rated = flows[flows["rate_per_day_low"].notna()]
    parts = [
        f"{row['subject']}: {said(row)} {row['unit']}"
        + (
            f", at least {numbers.number(row['rate_per_day_low'])} a day"
            if pd.notna(row["rate_per_day_low"])
            else ""
        )
        for _, row in flows.head(3).iterrows()
    ]
    head = f"{len(rated)} of {len(flows)} flows have a rate per day: " if len(flows) > 1 else ""
    more = f"; and {len(flows) - 3} more" if len(flows) > 3 else ""
    return head + "; ".join(parts) + more


def plot_flows(displacement: pd.DataFrame, claims=None):
    """Departures and displacements over a period: their rate per day (summarised at scale)."""
    flows = displacement[displacement["count_type"] == "flow"].reset_index(drop=True)
    rated = flows[flows["rate_per_day_low"].notna()].reset_index(drop=True)
    rated = with_provenance(rated, claims)
    rates = rated.assign(
        low=rated["rate_per_day_low"],
        best=rated["rate_per_day_best"],
        high=rated["rate_per_day_high"],
        high_open=rated["rate_high_open"].astype(bool),
        population_words=population_of(rated),
    )
    crowded = len(rates) > style.MAX_ROWS
    key = "population_words" if crowded else "subject"
    rows, labels, note = summarise(rates, lambda r: r[key], "displacement.csv")
    fig, ax = style.new_figure(len(rows), min_rows=2)
    draw_intervals(ax, rows, labels, [style.PALETTE["green"]] * len(rows))
    units = sorted(set(rated["unit"])) or ["people"]
    ax.set_xlabel(f"{', '.join(units)} per day (count / the longest and shortest period)")
    unrated = len(flows) - len(rated)
    if unrated:
        note += f" {unrated} flows have no rate (no known period): see their rate_note."
    style.finish(
        fig,
        flows_title(flows),
        "Flows: people displaced or leaving over a period. Rate = count / length of the "
        "period; an open count gives an open rate.",
        style.source_line(flows["source"], flows["article_id"]),
        style.MARKINGS_NOTE + (f" {note.strip()}" if note else ""),
    )
    return fig


def places(displacement: pd.DataFrame) -> pd.DataFrame:
    """Parts that are places of their whole's population: refugees in Poland of refugees abroad.

    Only such parts are disjoint, so only they add up; survey shares ("at least a
    quarter", "40 per cent") may overlap and stay shares.
    """
    by_id = displacement.set_index("claim_id")
    parts = displacement[displacement["part_of"].isin(by_id.index)]
    whole = by_id.loc[parts["part_of"]]
    same_population = parts["population"].to_numpy() == whole["population"].to_numpy()
    elsewhere = parts["location"].to_numpy() != whole["location"].to_numpy()
    return parts[same_population & elsewhere & parts["location"].notna().to_numpy()]


def parts_of_wholes(displacement: pd.DataFrame) -> pd.DataFrame:
    """For each whole with places among its parts: each place, and the unnamed rest.

    The rest is the whole minus the sum of its parts, as an interval: from the whole's
    low minus the parts' highs (at least 0) to the whole's high minus the parts' lows.
    """
    parts = places(displacement)
    wholes = displacement.set_index("claim_id")
    rows = []
    for whole_id, group in parts.groupby("part_of", sort=True):
        whole = wholes.loc[whole_id]
        for _, part in group.iterrows():
            rows.append(
                {
                    "whole": whole_id,
                    "name": part["subject"],
                    "claim_id": part["claim_id"],
                    **_span(part),
                }
            )
        low = max(0.0, whole["low"] - group["high"].sum()) if not group["high_open"].any() else 0
        high = math.nan if whole["high_open"] else whole["high"] - group["low"].sum()
        rows.append(
            {
                "whole": whole_id,
                "name": "unnamed rest",
                "claim_id": None,
                "low": low,
                "high": high,
                "best": math.nan,
            }
        )
        name = f"whole: {whole['subject']}"
        rows.append({"whole": whole_id, "name": name, "claim_id": whole_id, **_span(whole)})
    return pd.DataFrame(rows, columns=["whole", "name", "claim_id", "low", "best", "high"])


def _span(row) -> dict:
    high = math.nan if row["high_open"] else row["high"]
    return {"low": row["low"], "best": row["best"], "high": high}


def _mid(row) -> float:
    if not math.isnan(row["best"]):
        return row["best"]
    return row["low"] if math.isnan(row["high"]) else (row["low"] + row["high"]) / 2


def parts_title(parts: pd.DataFrame) -> str:
    """For each whole: its named places, what they hold together, and the unnamed rest."""
    if parts.empty:
        return "No whole has named places among its parts in this selection"
    texts = []
    for _, rows in parts.groupby("whole", sort=False):
        named, rest, whole = rows.iloc[:-2], rows.iloc[-2], rows.iloc[-1]
        together = numbers.interval(
            named["low"].sum(), named["high"].sum(), bool(named["high"].isna().any())
        )
        rest_text = numbers.interval(rest["low"], rest["high"], math.isnan(rest["high"]))
        texts.append(
            f"{whole['name'].removeprefix('whole: ')}: {len(named)} named places hold "
            f"{together}; the unnamed rest is {rest_text}"
        )
    return "; ".join(texts)


def _part_text(row, claims: pd.DataFrame | None) -> str:
    if claims is not None and isinstance(row["claim_id"], str):
        return provenance.of_claim(claims.set_index("claim_id", drop=False).loc[row["claim_id"]])
    return f"{row['name']} of {row['whole']}: the whole minus its named places"


def plot_parts(parts: pd.DataFrame, sources: pd.DataFrame, claims=None):
    """Each whole as a bar split into its named parts and the unnamed rest (midpoints).

    sources: the displacement rows the parts come from, for the source line; claims:
    the resolved claims, for the quotes behind each bar (SVG tooltips).
    """
    wholes = list(dict.fromkeys(parts["whole"]))
    fig, ax = style.new_figure(len(wholes), min_rows=2)
    palette = [style.PALETTE[c] for c in ("blue", "orange", "purple", "sky", "yellow")]
    handles = []
    for y, whole_id in enumerate(reversed(wholes)):
        rows = parts[parts["whole"] == whole_id]
        whole, left = rows.iloc[-1], 0.0
        for i, (_, row) in enumerate(rows.iloc[:-1].iterrows()):
            rest = row["name"] == "unnamed rest"
            span = numbers.interval(row["low"], row["high"], math.isnan(row["high"]))
            bar = ax.barh(
                y,
                _mid(row),
                left=left,
                height=0.5,
                color="white" if rest else palette[i % len(palette)],
                edgecolor=style.PALETTE["grey"],
                hatch="//" if rest else None,
                label=f"{style.shorten(row['name'], 50)}: {span}",
            )
            handles.append(bar)
            provenance.tag(fig, list(bar.patches), _part_text(row, claims))
            left += _mid(row)
        ax.plot([whole["low"], whole["high"]], [y - 0.35, y - 0.35], "|-", color="#333333", lw=1)
    names = [parts[parts["whole"] == w].iloc[-1]["name"] for w in reversed(wholes)]
    ax.set_yticks(range(len(wholes)), [style.wrap(n, 40) for n in names])
    ax.set_ylim(-0.8, max(len(wholes), 1) - 0.2 + 0.6)
    ax.xaxis.set_major_formatter(lambda v, _: numbers.number(v) if v else "0")
    ax.legend(handles=handles, frameon=False, fontsize=8, loc="upper right")
    used = sources[sources["part_of"].isin(wholes) | sources["claim_id"].isin(wholes)]
    style.finish(
        fig,
        parts_title(parts),
        "Each bar: a whole split into its named places (midpoints of their intervals) and the "
        "unnamed rest (hatched); the line below it is the whole's own interval.",
        style.source_line(used["source"], used["article_id"]),
    )
    return fig
