"""What notebooks show: bounded table previews that say how much there is, and empty charts
that say so without a pretend axis."""

import pandas as pd

from analysis.charts import displacement, style
from analysis.present import notebook


def frame(n: int) -> pd.DataFrame:
    return pd.DataFrame({"claim_id": [f"c{i:04d}" for i in range(n)], "best": range(n)})


def test_a_long_table_is_a_preview_that_names_its_total_and_its_file():
    shown = notebook.preview(frame(2000), "claims_resolved.csv", rows=20)
    assert shown.caption() == (
        "Showing 20 of 2,000 rows; all of them are in tables/claims_resolved.csv."
    )
    html = shown._repr_html_()
    assert html.count("<tr") == 21  # the header and 20 rows
    assert "c0019" in html and "c0020" not in html
    assert repr(shown).splitlines()[0] == shown.caption()


def test_a_short_table_is_shown_whole():
    shown = notebook.preview(frame(3), "rates.csv", rows=20)
    assert shown.caption() == "All 3 rows (also in tables/rates.csv)."
    assert shown._repr_html_().count("<tr") == 4
    assert notebook.preview(frame(1), "rates.csv").caption() == "1 row (also in tables/rates.csv)."


def test_an_empty_table_says_so_without_an_empty_header():
    shown = notebook.preview(frame(0), "displacement.csv")
    assert shown.caption() == "No rows in this selection (tables/displacement.csv)."
    assert "<table" not in shown._repr_html_()
    assert repr(shown) == shown.caption()


def test_an_empty_chart_draws_no_axis():
    columns = ["count_type", "subject_id", "population", "unit", "source", "article_id"]
    fig = displacement.plot_stocks(pd.DataFrame(columns=columns))
    assert fig.axes and not any(ax.axison for ax in fig.axes)
    assert fig.get_figheight() == style.EMPTY_IN  # no blank plot area under the title
    assert any("No displacement stock" in t.get_text() for t in fig.texts)


def test_a_chart_with_data_keeps_its_axes():
    fig, ax = style.new_figure(1)
    ax.plot([0, 1], [0, 1])
    style.finish(fig, "title", "subtitle", "source")
    assert ax.axison
