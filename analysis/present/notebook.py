"""What the notebooks call for setup, display and previews, so that notebooks stay thin.

Inline figures are PNG (nbval does not compare PNG bytes but does compare the
`<Figure size ...>` text, which is deterministic because sizes are fixed).
Tables are shown as a bounded preview that says how many rows there are and
where all of them are, so no row is ever dropped silently.
"""

import base64
import io
from html import escape
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib_inline.backend_inline import set_matplotlib_formats

from analysis.charts import provenance, style
from analysis.derived import datasets

PREVIEW_ROWS = 25


INTERACTIVE = False  # charts inline as SVG (see setup)


def setup(interactive: bool = False) -> None:
    """House chart style, PNG inline figures, and table display settings.

    interactive: show charts inline as SVG, each mark's quote and source on hover or
    focus (for JupyterLab; the committed notebooks and the report keep PNG inline).
    """
    global INTERACTIVE
    INTERACTIVE = bool(interactive)
    style.apply()
    set_matplotlib_formats("png")
    pd.set_option("display.max_colwidth", None)  # quotes are shown whole, never cut
    pd.set_option("display.max_rows", PREVIEW_ROWS + 5)
    pd.set_option("display.float_format", lambda x: f"{x:,.4g}")


def show(
    fig,
    name: str,
    output_dir: str | Path | None,
    formats: list[str],
    interactive: bool | None = None,
) -> None:
    """Save the chart files, then show the saved chart inline: each chart is drawn once.

    The inline image is the PNG file itself (150 dpi, displayed at the figure's size),
    not a second rendering; only when PNG is not among the formats is one made in
    memory. The text shown with it is the figure's usual `<Figure size ...>` line,
    which nbval compares; the output's metadata names the chart, so the report's
    pages can show its SVG (with the provenance of every mark on hover) in its place.
    interactive: show the SVG inline instead (JupyterLab: hover a mark for its quote);
    None follows setup().
    Returns nothing on purpose: a returned path would print machine-specific text
    into the notebook and break the nbval regression.
    """
    interactive = INTERACTIVE if interactive is None else interactive
    wanted = [*formats, "svg"] if interactive and "svg" not in formats else formats
    paths = style.save(fig, name, datasets.output_dir(output_dir), wanted)
    width, height = (round(x * fig.dpi) for x in fig.get_size_inches())
    if interactive:
        svg = next(p for p in paths if p.suffix == ".svg").read_text(encoding="utf-8")
        display({"text/html": provenance.inline_html(svg), "text/plain": repr(fig)}, raw=True)
        plt.close(fig)
        return
    png = next((p for p in paths if p.suffix == ".png"), None)
    data = png.read_bytes() if png is not None else _png_bytes(fig)
    display(
        {"image/png": base64.b64encode(data).decode("ascii"), "text/plain": repr(fig)},
        raw=True,
        metadata={"image/png": {"width": width, "height": height}, "chart": name},
    )
    plt.close(fig)


def _png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    with mpl.rc_context(style.RC):
        fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


class Preview:
    """The first rows of a table, with how many there are and where all of them are."""

    def __init__(self, frame: pd.DataFrame, table: str, rows: int = PREVIEW_ROWS):
        self.frame, self.table, self.rows = frame, table, rows

    def caption(self) -> str:
        n = len(self.frame)
        if n == 0:
            return f"No rows in this selection (tables/{self.table})."
        if n == 1:
            return f"1 row (also in tables/{self.table})."
        if n <= self.rows:
            return f"All {n:,} rows (also in tables/{self.table})."
        return f"Showing {self.rows} of {n:,} rows; all of them are in tables/{self.table}."

    def _repr_html_(self) -> str:
        if self.frame.empty:
            return f"<p><em>{escape(self.caption())}</em></p>"
        head = self.frame.head(self.rows).to_html(index=False, na_rep="")
        return f"<p><em>{escape(self.caption())}</em></p>\n{head}"

    def __repr__(self) -> str:
        if self.frame.empty:
            return self.caption()
        return f"{self.caption()}\n{self.frame.head(self.rows).to_string(index=False)}"


def preview(frame: pd.DataFrame, table: str, rows: int = PREVIEW_ROWS) -> Preview:
    """A bounded preview of a table for a notebook cell (see Preview)."""
    return Preview(frame, table, rows)
