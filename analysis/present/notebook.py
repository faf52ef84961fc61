"""What the notebooks call for setup, display and previews, so that notebooks stay thin.

Inline figures are PNG (nbval does not compare PNG bytes but does compare the
`<Figure size ...>` text, which is deterministic because sizes are fixed).
Tables are shown as a bounded preview that says how many rows there are and
where all of them are, so no row is ever dropped silently.
"""

from html import escape
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib_inline.backend_inline import set_matplotlib_formats

from analysis.charts import style
from analysis.derived import datasets

PREVIEW_ROWS = 25


def setup() -> None:
    """House chart style, PNG inline figures, and table display settings."""
    style.apply()
    set_matplotlib_formats("png")
    pd.set_option("display.max_colwidth", None)  # quotes are shown whole, never cut
    pd.set_option("display.max_rows", PREVIEW_ROWS + 5)
    pd.set_option("display.float_format", lambda x: f"{x:,.4g}")


def show(fig, name: str, output_dir: str | Path | None, formats: list[str]) -> None:
    """Save the chart files, then show the chart once inline.

    Returns nothing on purpose: a returned path would print machine-specific
    text into the notebook and break the nbval regression on other checkouts.
    """
    style.save(fig, name, datasets.output_dir(output_dir), formats)
    display(fig)
    plt.close(fig)


class Preview:
    """The first rows of a table, with how many there are and where all of them are."""

    def __init__(self, frame: pd.DataFrame, table: str, rows: int = PREVIEW_ROWS):
        self.frame, self.table, self.rows = frame, table, rows

    def caption(self) -> str:
        n = len(self.frame)
        if n <= self.rows:
            return f"All {n:,} rows (also in tables/{self.table})."
        return f"Showing {self.rows} of {n:,} rows; all of them are in tables/{self.table}."

    def _repr_html_(self) -> str:
        head = self.frame.head(self.rows).to_html(index=False, na_rep="")
        return f"<p><em>{escape(self.caption())}</em></p>\n{head}"

    def __repr__(self) -> str:
        return f"{self.caption()}\n{self.frame.head(self.rows).to_string(index=False)}"


def preview(frame: pd.DataFrame, table: str, rows: int = PREVIEW_ROWS) -> Preview:
    """A bounded preview of a table for a notebook cell (see Preview)."""
    return Preview(frame, table, rows)
