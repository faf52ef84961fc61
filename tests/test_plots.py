"""Chart regression and chart behaviour, on the fixture corpora and a large generated one.

`--mpl` is in the pytest addopts, so the image tests compare for real (without it
pytest-mpl passes silently). Regenerate the baselines after an intended change with
`make baselines`, and look at every regenerated PNG before committing it.
"""

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.charts import (
    claimants,
    displacement,
    intervals,
    measures,
    style,
    timeline,
    trajectory,
)
from analysis.curation.validate import validate
from analysis.derived import datasets
from tests.support import synth
from tests.support.corpora import DISPLACEMENT, THREE

COMPARE = {
    "savefig_kwargs": {"metadata": {"Software": None}},
    "tolerance": 2,
    "style": "default",
}


@pytest.fixture(scope="module")
def three():
    return datasets.load(root=THREE)


@pytest.fixture(scope="module")
def moved():
    return datasets.load(root=DISPLACEMENT)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A generated corpus of 2,000 claims in 100 articles (seeded: the same every run)."""
    root = tmp_path_factory.mktemp("large")
    synth.write_corpus(root, 2_000, seed=11)
    return datasets.load(root=root)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --- baselines: the three-article fixture --------------------------------------------


@pytest.mark.mpl_image_compare(filename="rates_per_day.png", **COMPARE)
def test_rates_per_day(three):
    return measures.plot_rates(three.rates, "per_day")


@pytest.mark.mpl_image_compare(filename="shares.png", **COMPARE)
def test_shares(three):
    return measures.plot_shares(three.rates)


@pytest.mark.mpl_image_compare(filename="counts.png", **COMPARE)
def test_counts(three):
    return measures.plot_counts(measures.counts_behind(three.estimates, three.rates))


@pytest.mark.mpl_image_compare(filename="trajectory.png", **COMPARE)
def test_trajectory(three):
    return trajectory.plot_trajectory(three.estimates)


@pytest.mark.mpl_image_compare(filename="timeline_overview.png", **COMPARE)
def test_timeline_overview(three):
    r = timeline.default_ranges(three.timeline)
    return timeline.plot_timeline(three.timeline, r["overview_start"], r["overview_end"])


@pytest.mark.mpl_image_compare(filename="timeline_recent.png", **COMPARE)
def test_timeline_recent(three):
    r = timeline.default_ranges(three.timeline)
    return timeline.plot_timeline(three.timeline, r["zoom_start"], r["zoom_end"])


@pytest.mark.mpl_image_compare(filename="claimants.png", **COMPARE)
def test_claimants(three):
    return claimants.plot_claimants(three.claims)


# --- baselines: the displacement fixture ---------------------------------------------


@pytest.mark.mpl_image_compare(filename="displacement_stocks.png", **COMPARE)
def test_displacement_stocks(moved):
    return displacement.plot_stocks(moved.displacement)


@pytest.mark.mpl_image_compare(filename="displacement_flows.png", **COMPARE)
def test_displacement_flows(moved):
    return displacement.plot_flows(moved.displacement)


@pytest.mark.mpl_image_compare(filename="displacement_parts.png", **COMPARE)
def test_displacement_parts(moved):
    parts = displacement.parts_of_wholes(moved.displacement)
    return displacement.plot_parts(parts, moved.displacement)


# --- baselines: a large generated corpus ---------------------------------------------


@pytest.mark.mpl_image_compare(filename="large_rates_per_day.png", **COMPARE)
def test_large_rates_per_day(large):
    return measures.plot_rates(large.rates, "per_day")


@pytest.mark.mpl_image_compare(filename="large_trajectory.png", **COMPARE)
def test_large_trajectory(large):
    return trajectory.plot_trajectory(large.estimates)


@pytest.mark.mpl_image_compare(filename="large_timeline.png", **COMPARE)
def test_large_timeline(large):
    r = timeline.default_ranges(large.timeline)
    return timeline.plot_timeline(large.timeline, r["overview_start"], r["overview_end"])


@pytest.mark.mpl_image_compare(filename="large_displacement_stocks.png", **COMPARE)
def test_large_displacement_stocks(large):
    return displacement.plot_stocks(large.displacement)


# --- display faults, each with its regression test -----------------------------------


def _rows(**columns) -> pd.DataFrame:
    base = {"best": math.nan, "from_party": False, "verification": "reported"}
    n = len(next(iter(columns.values())))
    return pd.DataFrame({**{k: [v] * n for k, v in base.items()}, **columns})


def test_a_closed_range_is_drawn_closed_and_an_open_bound_as_an_arrow():
    frame = _rows(low=[10_000.0, 3_000.0], high=[12_000.0, math.nan], high_open=[False, True])
    fig, ax = plt.subplots()
    intervals.draw_intervals(ax, frame, ["range", "open"], ["k", "k"])
    ticks = [line for line in ax.lines if line.get_marker() == "|"]
    # the range: a tick at each end; the open bound: a tick at its low only
    assert sorted(len(t.get_xdata()) for t in ticks) == [1, 2]
    assert list(next(t for t in ticks if len(t.get_xdata()) == 2).get_xdata()) == [10_000, 12_000]
    arrows = [a for a in ax.texts if getattr(a, "arrow_patch", None) is not None]
    assert len(arrows) == 1 and arrows[0].xy[1] == 0  # the open row (drawn at the bottom)
    labels = [t.get_text() for t in ax.texts if t.get_text()]
    assert "10,000 to 12,000" in labels
    assert "at least 3,000, no upper bound" in labels
    assert not any(label.startswith("from ") for label in labels)


def test_an_open_bar_cannot_flatten_the_rest():
    frame = _rows(
        low=[180.0, 900.0, 30_000.0],
        high=[220.0, 1_100.0, math.nan],
        high_open=[False, False, True],
    )
    frame.loc[:, "best"] = [200.0, 1_000.0, math.nan]
    right = intervals.axis_right(frame)
    assert right <= intervals.CAP * 1_100 * intervals.MARGIN
    assert 200 / right > 0.05  # 200 sits well clear of the origin
    fig, ax = plt.subplots()
    intervals.draw_intervals(ax, frame, ["a", "b", "c"], ["k"] * 3)
    assert any(t.get_text().endswith("off the scale") for t in ax.texts)


def test_counts_in_titles_agree_with_the_data(three):
    fig = claimants.plot_claimants(three.claims)
    title = fig.texts[0].get_text().replace("\n", " ")
    party = int(three.claims["from_party"].sum())
    assert title.startswith(f"{party} of {len(three.claims)} figures")
    # every claim counted once in the chart's data
    assert claimants.claims_by_claimant(three.claims)["claims"].sum() == len(three.claims)


def test_one_event_told_by_two_articles_is_drawn_once(three):
    r = timeline.default_ranges(three.timeline)
    fig = timeline.plot_timeline(three.timeline, r["overview_start"], r["overview_end"])
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    invasion = [label for label in labels if label.startswith("Russia's full-scale invasion")]
    assert invasion == ["Russia's full-scale invasion (2 articles)"]


def test_the_overview_keeps_short_intervals_visible(three):
    r = timeline.default_ranges(three.timeline)
    fig = timeline.plot_timeline(three.timeline, r["overview_start"], r["overview_end"])
    ax = fig.axes[0]
    span = ax.get_xlim()[1] - ax.get_xlim()[0]
    widths = [p.get_width() for p in ax.patches]
    events = timeline.in_range(three.timeline, r["overview_start"], r["overview_end"])
    assert len(widths) == len(events)
    assert min(widths) >= timeline.MIN_WIDTH * span * 0.999


def test_the_trajectory_keeps_measures_apart(three):
    fig = trajectory.plot_trajectory(three.estimates)
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert [t.split(" ")[0] for t in titles] == ["killed", "casualties", "deployed"]
    heading = fig.texts[0].get_text().replace("\n", " ")
    assert "killed from 200 (14 Dec 2024) to 1,000" in heading
    assert "1 pair of figures disagrees" in heading


# --- charts at scale -----------------------------------------------------------------


def test_at_scale_charts_summarise_and_say_what_they_left_out(large):
    per_day = large.rates[(large.rates["kind"] == "per_day")]
    assert len(per_day) > style.MAX_ROWS
    fig = measures.plot_rates(large.rates, "per_day")
    assert len(fig.axes[0].get_yticklabels()) <= style.MAX_ROWS
    footer = fig.texts[-1].get_text().replace("\n", " ")
    assert "Every figure is in tables/rates.csv" in footer
    for text in fig.texts[:1]:
        assert len(text.get_text()) <= style.TITLE_CHARS + 5  # wrapped, never longer


def test_every_chart_at_scale_fits_one_screen_width_and_a_bounded_height(large):
    figs = [
        measures.plot_rates(large.rates, "per_day"),
        measures.plot_shares(large.rates),
        measures.plot_counts(measures.counts_behind(large.estimates, large.rates)),
        trajectory.plot_trajectory(large.estimates),
        displacement.plot_stocks(large.displacement),
        displacement.plot_flows(large.displacement),
        claimants.plot_claimants(large.claims),
    ]
    for fig in figs:
        width, height = fig.get_size_inches() * style.SAVE_DPI
        assert width == 1500 and height <= style.MAX_PIXELS
        footer = fig.texts[-1].get_text()
        assert footer.count("\n") <= 4


def test_a_chart_too_tall_is_refused_with_what_to_filter():
    with pytest.raises(style.ChartTooLarge, match="articles or as_of"):
        style.new_figure(400)


def test_source_line_is_bounded():
    sources = [f"Source {i}" for i in range(50)]
    articles = [f"a{i:03d}" for i in range(100)]
    line = style.source_line(sources, articles)
    assert "and 46 more sources" in line and "100 articles (a000 to a099)" in line
    assert style.source_line(["A", "B, via C", "A", None], ["a004", "a000"]) == (
        "Source: A; B, via C. Articles a000, a004."
    )


def test_saved_files_are_byte_identical(tmp_path, three):
    for run in ("one", "two"):
        fig = measures.plot_counts(measures.counts_behind(three.estimates, three.rates))
        style.save(fig, "counts", tmp_path / run, ["png", "svg"])
    for fmt in ("png", "svg"):
        one = (tmp_path / "one" / f"counts.{fmt}").read_bytes()
        assert one == (tmp_path / "two" / f"counts.{fmt}").read_bytes()
    assert "<dc:date>" not in (tmp_path / "one" / "counts.svg").read_text()


def test_unknown_format_is_refused(tmp_path, three):
    fig = measures.plot_shares(three.rates)
    with pytest.raises(ValueError, match="unknown chart format 'jpg'"):
        style.save(fig, "shares", tmp_path, ["jpg"])


def test_the_large_corpus_is_valid(large):
    assert len(validate(large.corpus.root).frame("claims")) == 2_000
