"""What the notebooks call for setup, display and tables, so that notebooks stay thin.

Inline figures are PNG (nbval does not compare PNG bytes but does compare the
`<Figure size ...>` text, which is deterministic because sizes are fixed).
"""

import base64
import io
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib_inline.backend_inline import set_matplotlib_formats

from analysis.charts import style
from analysis.curation import audit
from analysis.derived import datasets

RATE_KINDS = ("per_day", "per_30_days", "share_of_whole", "share_per_month", "strike_casualties")


def setup() -> None:
    """House chart style, PNG inline figures, and table display settings."""
    style.apply()
    set_matplotlib_formats("png")
    pd.set_option("display.max_colwidth", None)  # quotes are shown whole, never cut
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.float_format", lambda x: f"{x:,.4g}")


def show(fig, name: str, output_dir: str | Path | None, formats: list[str]) -> None:
    """Save the chart files, then show the saved PNG inline: each chart is drawn once.

    The inline image is the file itself (150 dpi, displayed at the figure's size),
    not a second rendering; only when PNG is not among the formats is one made in
    memory. The text shown with it is the figure's usual `<Figure size ...>` line,
    which nbval compares. Returns nothing on purpose: a returned path would print
    machine-specific text into the notebook and break the nbval regression.
    """
    paths = style.save(fig, name, datasets.output_dir(output_dir), formats)
    png = next((p for p in paths if p.suffix == ".png"), None)
    data = png.read_bytes() if png is not None else _png_bytes(fig)
    width, height = (round(x * fig.dpi) for x in fig.get_size_inches())
    display(
        {"image/png": base64.b64encode(data).decode("ascii"), "text/plain": repr(fig)},
        raw=True,
        metadata={"image/png": {"width": width, "height": height}},
    )
    plt.close(fig)


def _png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    with mpl.rc_context(style.RC):
        fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _bounds(frame: pd.DataFrame) -> pd.Series:
    """ "low to high" as text, or "low to no upper bound"; works on an empty selection too."""
    text = [
        f"{low:,.4g} to " + ("no upper bound" if open_ else f"{high:,.4g}")
        for low, high, open_ in zip(frame["low"], frame["high"], frame["high_open"], strict=True)
    ]
    return pd.Series(text, index=frame.index, dtype=object)


def rates_table(rates: pd.DataFrame, kinds: tuple[str, ...] = RATE_KINDS) -> pd.DataFrame:
    """Derived rates for reading: best, interval, unit, inputs and source."""
    frame = rates[rates["kind"].isin(kinds)]
    return pd.DataFrame(
        {
            "what": frame["subject"] + ": " + frame["measure"],
            "kind": frame["kind"],
            "best": frame["best"],
            "interval": _bounds(frame),
            "unit": frame["unit"],
            "inputs": frame["inputs"],
            "source": frame["source"],
            "verification": frame["verification"],
        }
    ).reset_index(drop=True)


def estimates_table(estimates: pd.DataFrame, subject_ids: list[str] | None = None):
    """Claims side by side per subject and measure, with agreement."""
    frame = (
        estimates if subject_ids is None else estimates[estimates["subject_id"].isin(subject_ids)]
    )
    return pd.DataFrame(
        {
            "subject": frame["subject"],
            "measure": frame["measure"],
            "claim": frame["claim_id"],
            "best": frame["best"],
            "interval": _bounds(frame),
            "qualifier": frame["qualifier"],
            "source": frame["source"],
            "party to the war": frame["from_party"],
            "verification": frame["verification"],
            "agreement": frame["agreement"],
        }
    ).reset_index(drop=True)


def conflicts_table(estimates: pd.DataFrame) -> pd.DataFrame:
    """Only the subjects and measures with more than one claim: where sources meet."""
    return estimates_table(estimates[estimates["n_claims"] > 1])


def provenance_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Every figure with its verbatim quote and its chain of sources."""
    return pd.DataFrame(
        {
            "claim": claims["claim_id"],
            "figure": claims["value_text"],
            "measure": claims["measure"],
            "subject": claims["subject"],
            "source": claims["source"],
            "verification": claims["verification"],
            "quote": claims["quote"],
        }
    )


def timeline_table(timeline: pd.DataFrame) -> pd.DataFrame:
    """Events with their date as written and the interval it stands for."""
    return pd.DataFrame(
        {
            "event": timeline["label"],
            "as written": timeline["date_text"].fillna(""),
            "earliest": timeline["earliest"].astype(str),
            "latest": timeline["latest"].astype(str),
            "precision": timeline["precision"],
            "basis": timeline["date_basis"],
        }
    ).reset_index(drop=True)


def displacement_table(displacement: pd.DataFrame) -> pd.DataFrame:
    """Displacement figures with their period and average daily rate."""
    rate = displacement["rate_per_day_low"].map(lambda x: f"at least {x:,.0f}")
    return pd.DataFrame(
        {
            "figure": displacement["value_text"],
            "people": _bounds(displacement),
            "period": displacement["period_earliest"].astype(str)
            + " to "
            + displacement["period_latest"].astype(str),
            "people per day": rate.where(displacement["rate_is_lower_bound"], ""),
            "source": displacement["source"],
        }
    )


def coverage_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per article: numeric mentions found, accounted for, and the share in percent."""
    return audit.coverage(mentions)
