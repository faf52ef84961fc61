"""Chart regression: every chart function against a committed baseline image.

`--mpl` is in the pytest addopts, so these compare for real (without it
pytest-mpl passes silently). Regenerate baselines after an intended change:
    .venv/bin/python -m pytest tests/test_plots.py --mpl-generate-path=tests/baseline
and look at every regenerated PNG before committing it.
"""

from datetime import date

import matplotlib.pyplot as plt
import pytest

from analysis.charts import plots, style

COMPARE = {
    "savefig_kwargs": {"metadata": {"Software": None}},
    "tolerance": 2,
    "style": "default",
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.mpl_image_compare(filename="rates_per_day.png", **COMPARE)
def test_rates_per_day(tables):
    return plots.plot_rates(tables.rates, "per_day")


@pytest.mark.mpl_image_compare(filename="rates_per_30_days.png", **COMPARE)
def test_rates_per_30_days(tables):
    return plots.plot_rates(tables.rates, "per_30_days")


@pytest.mark.mpl_image_compare(filename="shares.png", **COMPARE)
def test_shares(tables):
    return plots.plot_shares(tables.rates)


@pytest.mark.mpl_image_compare(filename="counts.png", **COMPARE)
def test_counts(tables):
    return plots.plot_counts(tables.estimates, ["nk_troops_in_russia"])


@pytest.mark.mpl_image_compare(filename="displacement.png", **COMPARE)
def test_displacement(tables):
    return plots.plot_displacement(tables.displacement)


@pytest.mark.mpl_image_compare(filename="timeline_overview.png", **COMPARE)
def test_timeline_overview(tables):
    return plots.plot_timeline(tables.timeline, "1958-01-01", "2026-01-01", "Overview")


@pytest.mark.mpl_image_compare(filename="timeline_recent.png", **COMPARE)
def test_timeline_recent(tables):
    return plots.plot_timeline(tables.timeline, date(2024, 5, 1), date(2025, 3, 15), "Recent")


@pytest.mark.mpl_image_compare(filename="claimants.png", **COMPARE)
def test_claimants(tables):
    return plots.plot_claimants(tables.claims)


def test_claimants_aggregation_counts_every_claim_once(tables):
    """seaborn draws what it is given: check the aggregated data, not only the picture."""
    counts = plots.claims_by_claimant(tables.claims)
    assert counts["claims"].sum() == len(tables.claims) == 20
    by_type = counts.groupby("claimant_type")["claims"].sum().to_dict()
    # counted by hand in data/raw/claims.csv
    assert by_type == {
        "unknown": 8,
        "party_to_conflict": 7,
        "third_country": 2,
        "mixed": 2,
        "international_organisation": 1,
    }
    unverified = counts[counts["verification"] == "unverified"]["claims"].sum()
    assert unverified == 2  # the Investigative Committee's 22 and 8


def test_rates_chart_draws_one_row_per_claim(tables):
    fig = plots.plot_rates(tables.rates, "per_day")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 2
    assert any("Western officials" in lab for lab in labels)
    assert any("The New York Times" in lab for lab in labels)


def test_open_bound_is_drawn_to_the_edge_with_an_arrow(tables):
    fig = plots.plot_displacement(tables.displacement)
    ax = fig.axes[0]
    arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    assert len(arrows) == 1
    bar = ax.lines[0]
    assert max(bar.get_xdata()) == pytest.approx(ax.get_xlim()[1])


def test_unverified_claims_are_labelled(tables):
    fig = plots.plot_shares(tables.rates)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    marked = [lab for lab in labels if "(unverified)" in lab]
    assert len(marked) == 1 and "Investigative Committee" in marked[0]


def test_source_line_names_every_source_once():
    line = style.source_line(["A", "B, via C", "A", None], ["a004", "a000", "a004"])
    assert line == "Source: A; B, via C. Articles a000, a004 (publication dates inferred)."


def test_saved_files_are_byte_identical(tmp_path, tables):
    for run in ("one", "two"):
        fig = plots.plot_counts(tables.estimates, ["nk_troops_in_russia"])
        style.save(fig, "counts", tmp_path / run, ["png", "svg"])
    for fmt in ("png", "svg"):
        one = (tmp_path / "one" / f"counts.{fmt}").read_bytes()
        assert one == (tmp_path / "two" / f"counts.{fmt}").read_bytes()
    svg = (tmp_path / "one" / "counts.svg").read_text()
    assert "<dc:date>" not in svg


def test_unknown_format_is_refused(tmp_path, tables):
    fig = plots.plot_counts(tables.estimates, ["nk_troops_in_russia"])
    with pytest.raises(ValueError, match="unknown chart format 'jpg'"):
        style.save(fig, "counts", tmp_path, ["jpg"])
