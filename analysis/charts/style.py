"""The chart contract: theme, palette, sizes, titles, source line, markings, deterministic files.

Every chart in the suite goes through `new_figure`, `finish` and `save`, so
style cannot drift between notebooks. Files are byte-deterministic: no
timestamps or software versions in PNG/SVG metadata, a fixed SVG hash salt,
and a font that ships with matplotlib (DejaVu Sans).

Markings readers rely on:
  hollow marker      the figure comes from a party to the war
  dashed bar         the claim is unverified or disputed
  arrow at the end   the upper bound is open ("over 13 million")
"""

from collections.abc import Iterable
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from analysis.charts import provenance

# Okabe-Ito: distinguishable with the common colour-vision deficiencies
PALETTE = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#6F6F6F",
    "light": "#D9D9D9",
}
MEASURE_COLOURS = {
    "killed": PALETTE["vermillion"],
    "wounded": PALETTE["orange"],
    "casualties": PALETTE["purple"],
    "deployed": PALETTE["blue"],
    "displaced": PALETTE["green"],
    "launched": PALETTE["sky"],
    "downed": PALETTE["blue"],
    "area": PALETTE["grey"],
    "area_retaken": PALETTE["orange"],
}
CATEGORY_COLOURS = {
    "alliance": PALETTE["blue"],
    "war": PALETTE["vermillion"],
    "deployment": PALETTE["purple"],
    "strike": PALETTE["orange"],
    "report": PALETTE["grey"],
}
WIDTH_IN = 10.0
ROW_IN = 0.6
HEADER_IN = 1.45
FOOTER_IN = 1.35
LEFT = 0.38
DPI = 100
SAVE_DPI = 150
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 13,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.spines.left": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": PALETTE["light"],
    "grid.linewidth": 0.8,
    "axes.edgecolor": PALETTE["grey"],
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "ytick.left": False,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "figure.dpi": DPI,
    "savefig.dpi": SAVE_DPI,
    "svg.hashsalt": "war-figures",
    "svg.fonttype": "path",
    "path.simplify": True,
}
FORMATS = ("png", "svg")


def apply() -> None:
    """Set the house style for every chart in this process (notebooks call it once)."""
    mpl.rcParams.update(RC)


EMPTY_IN = 2.2  # the height of a chart with nothing to draw: its title, subtitle and footer
MAX_ROWS = 14  # interval rows drawn one per figure; beyond this, charts summarise
MAX_PIXELS = 3_000  # the tallest chart (at SAVE_DPI) rendered; beyond it, ChartTooLarge
TITLE_CHARS = 160  # a title longer than this is cut at a word and ends with "..."
SOURCES_SHOWN = 4  # source names listed in a footer before "and N more"
ARTICLES_SHOWN = 6  # article ids listed in a footer before only their number is given


class ChartTooLarge(ValueError):
    """A chart would be taller than MAX_PIXELS: the message says what to filter."""


def _check_height(height_in: float, rows: int) -> None:
    pixels = height_in * SAVE_DPI
    if pixels > MAX_PIXELS:
        raise ChartTooLarge(
            f"a chart of {rows} rows would be {pixels:,.0f} px tall (limit {MAX_PIXELS:,}); "
            "filter the data first, e.g. with the articles or as_of parameters"
        )


def new_figure(rows: int, min_rows: int = 3):
    """A figure whose height follows the number of rows, so labels never collide."""
    apply()
    height = HEADER_IN + FOOTER_IN + ROW_IN * max(rows, min_rows)
    _check_height(height, rows)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height), dpi=DPI)
    fig.subplots_adjust(
        left=LEFT, right=0.95, top=1 - HEADER_IN / height, bottom=FOOTER_IN / height
    )
    return fig, ax


def new_panels(n: int, panel_in: float = 3.0, left: float = 0.1):
    """A figure of n panels stacked vertically, each panel_in inches tall."""
    apply()
    height = HEADER_IN + FOOTER_IN + 0.35 + (panel_in + 0.55) * max(n, 1)
    _check_height(height, n)
    fig, axes = plt.subplots(max(n, 1), 1, figsize=(WIDTH_IN, height), dpi=DPI, squeeze=False)
    fig.subplots_adjust(
        left=left,
        right=0.95,
        top=1 - HEADER_IN / height,
        bottom=(FOOTER_IN + 0.35) / height,
        hspace=0.55 / panel_in,
    )
    return fig, list(axes[:, 0])


def _listed(items: list[str], shown: int, noun: str) -> str:
    if len(items) <= shown:
        return "; ".join(items)
    more = len(items) - shown
    return f"{'; '.join(items[:shown])} and {more} more {noun if more > 1 else noun[:-1]}"


def source_line(sources: Iterable[str], articles: Iterable[str]) -> str:
    """'Source: A; B, via C. Articles a000, a004.' of bounded length, whatever the corpus."""
    names = list(dict.fromkeys(s for s in sources if isinstance(s, str) and s))
    ids = sorted({a for a in articles if isinstance(a, str) and a})
    if not names:
        return "Source: no figures in this selection."
    where = (
        f"Articles {', '.join(ids)}"
        if len(ids) <= ARTICLES_SHOWN
        else f"{len(ids)} articles ({ids[0]} to {ids[-1]})"
    )
    return f"Source: {_listed(names, SOURCES_SHOWN, 'sources')}. {where}."


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """The text cut at a word boundary to at most `limit` characters, marked with '...'."""
    if len(text) <= limit:
        return text
    return text[: limit - 3].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def wrap(text: str, width: int = 110) -> str:
    """Wrap a long line at word boundaries for titles and footers."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def finish(fig, title: str, subtitle: str, source: str, note: str = "") -> None:
    """Title (the finding), subtitle (what is shown, units), source line and markings note.

    Positions are computed in inches from the top and bottom, so a two-line
    title pushes the subtitle down instead of overlapping it. Titles are cut to
    two lines; footers to three: a corpus of any size keeps them readable.
    """
    for ax in fig.axes:
        if not ax.has_data():  # an empty selection: the title says so, no axis pretends 0 to 1
            ax.set_axis_off()
    if fig.axes and not any(ax.axison for ax in fig.axes):
        fig.set_figheight(min(fig.get_figheight(), EMPTY_IN))  # a title and a footer, no gap
    height = fig.get_figheight()
    title = wrap(shorten(title), 80)
    subtitle = wrap(shorten(subtitle, 220), 110)
    fig.text(0.02, 1 - 0.15 / height, title, fontsize=13, fontweight="bold", va="top", ha="left")
    sub_top = 0.15 + 0.24 * (title.count("\n") + 1) + 0.08
    header = sub_top + 0.19 * (subtitle.count("\n") + 1) + 0.35  # room for a panel's title
    if fig.subplotpars.top > 1 - header / height:
        fig.subplots_adjust(top=1 - header / height)
    fig.text(
        0.02, 1 - sub_top / height, subtitle, fontsize=9.5, color="#444444", va="top", ha="left"
    )
    footer = wrap(shorten(source, 280), 140) + (f"\n{wrap(note, 140)}" if note else "")
    fig.text(
        0.02,
        0.08 / height,
        footer,
        fontsize=7.5,
        color=PALETTE["grey"],
        va="bottom",
        ha="left",
        linespacing=1.3,
    )


def save(fig, name: str, output_dir: Path | str, formats: Iterable[str] = FORMATS) -> list[Path]:
    """Write the chart as deterministic files named `name.<format>`; returns the paths."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    metadata = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": None},
        "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    }
    paths = []
    for fmt in formats:
        if fmt not in metadata:
            raise ValueError(f"unknown chart format {fmt!r}; use one of {sorted(metadata)}")
        path = out / f"{name}.{fmt}"
        with mpl.rc_context(RC):
            fig.savefig(path, format=fmt, metadata=metadata[fmt])
        if fmt == "svg":  # scaled to its frame; tooltips: the sentence behind each mark
            svg, marks = path.read_text(encoding="utf-8"), provenance.texts(fig)
            svg = (
                provenance.interactive(provenance.add_titles(svg, marks))
                if marks
                else provenance.scaled(svg)
            )
            path.write_text(svg, encoding="utf-8")
        paths.append(path)
    return paths


def is_marked_party(row: pd.Series) -> bool:
    return bool(row.get("from_party", False))


def is_marked_unverified(row: pd.Series) -> bool:
    return row.get("verification", "reported") in ("unverified", "disputed")


MARKINGS_NOTE = (
    "Hollow marker: figure from a party to the war. Dashed bar: unverified or disputed. "
    "Bar with end ticks: a range. Arrow: no upper bound stated."
)
