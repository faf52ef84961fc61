"""Provenance on the marks: each SVG mark carries its sentence, escaped, keyboard-reachable."""

import re
from xml.etree import ElementTree

import pytest

from analysis.charts import (
    claimants,
    displacement,
    measures,
    provenance,
    style,
    timeline,
    trajectory,
)
from analysis.derived import datasets
from tests.support.corpora import DISPLACEMENT, THREE

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def three():
    return datasets.load(root=THREE)


@pytest.fixture(scope="module")
def moved():
    return datasets.load(root=DISPLACEMENT)


def charts(three, moved):
    r = timeline.default_ranges(three.timeline)
    parts = displacement.parts_of_wholes(moved.displacement)
    return {
        "rates": (
            measures.plot_rates(three.rates, "per_day", claims=three.claims),
            "1,000 have been killed",
        ),
        "shares": (
            measures.plot_shares(three.rates, claims=three.claims),
            "37 out of 81 launched drones",
        ),
        "counts": (
            measures.plot_counts(
                measures.counts_behind(three.estimates, three.rates), claims=three.claims
            ),
            "some 11,000 troops",
        ),
        "trajectory": (
            trajectory.plot_trajectory(three.estimates, claims=three.claims),
            "By 14 December about 200",
        ),
        "timeline": (
            timeline.plot_timeline(three.timeline, r["overview_start"], r["overview_end"]),
            "In 1961, North Korea",
        ),
        "claimants": (claimants.plot_claimants(three.claims), "a000-c01"),
        "stocks": (
            displacement.plot_stocks(moved.displacement, claims=moved.claims),
            "About 6.8 million refugees",
        ),
        "flows": (
            displacement.plot_flows(moved.displacement, claims=moved.claims),
            "more than 200,000 residents have left",
        ),
        "parts": (
            displacement.plot_parts(parts, moved.displacement, claims=moved.claims),
            "Poland hosts roughly 1 million",
        ),
    }


def titled_groups(path):
    root = ElementTree.parse(path).getroot()
    return [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}title") is not None]


def test_every_chart_carries_the_quotes_behind_its_marks(three, moved, tmp_path):
    for name, (fig, quote) in charts(three, moved).items():
        (path,) = style.save(fig, name, tmp_path, ["svg"])
        groups = titled_groups(path)
        assert groups, name
        titles = [g.find(f"{SVG}title").text for g in groups]
        assert any(quote in t for t in titles), (name, titles[:3])
        # keyboard focus reaches every figure once, and it is named for assistive tech
        stops = [g for g in groups if g.get("tabindex") == "0"]
        assert {g.find(f"{SVG}title").text for g in stops} == set(titles), name
        for g in stops:
            assert g.get("aria-label") == g.find(f"{SVG}title").text
        for g in groups:
            assert g.get("tabindex") == "0" or g.get("aria-hidden") == "true"


def test_markup_in_a_quote_stays_text(three, tmp_path):
    claims = three.claims.copy()
    row = claims["claim_id"] == "a000-c04"
    claims.loc[row, "quote"] = '<script>alert("x")</script> 1,000 have been killed'
    fig = measures.plot_rates(three.rates, "per_day", claims=claims)
    (path,) = style.save(fig, "hostile", tmp_path, ["svg"])
    text = path.read_text(encoding="utf-8")
    assert '<script>alert("x")' not in text  # the only script is the tooltip's own
    assert "&lt;script&gt;alert" in text
    assert any("<script>" in (g.find(f"{SVG}title").text or "") for g in titled_groups(path))


def test_png_files_are_not_changed_by_provenance(three, tmp_path):
    plain = measures.plot_rates(three.rates, "per_day")
    tagged = measures.plot_rates(three.rates, "per_day", claims=three.claims)
    a = style.save(plain, "plain", tmp_path, ["png"])[0].read_bytes()
    b = style.save(tagged, "tagged", tmp_path, ["png"])[0].read_bytes()
    assert a == b


def test_a_summarised_row_names_its_figures():
    text = provenance.of_group([f"c{i}" for i in range(14)], "Combat deaths: killed")
    assert text.startswith("Combat deaths: killed: 14 figures (c0, c1")
    assert "and 4 more" in text


def test_titles_are_added_only_to_tagged_groups():
    svg = '<g id="prov-0">\n<path/></g><g id="axes_1"><path/></g>'
    out = provenance.add_titles(svg, {"prov-0": 'a "quote" & <b>'})
    assert out.count("<title>") == 1 and 'tabindex="0"' in out
    assert "<title>a &quot;quote&quot; &amp; &lt;b&gt;</title>" in out
    assert re.search(r'<g id="axes_1">', out)


def test_a_chart_without_marks_is_scaled_to_its_frame_too(moved, tmp_path):
    """An empty chart (here: no displacement stock in a corpus of none) fills its report card
    whole, like the others: width 100% and its viewBox, no fixed size cutting it off."""
    empty = displacement.plot_stocks(moved.displacement.iloc[0:0])
    root = ElementTree.parse(style.save(empty, "empty", tmp_path, ["svg"])[0]).getroot()
    assert root.get("width") == "100%" and root.get("height") is None
    assert len(root.get("viewBox").split()) == 4
    assert root.find(f".//{SVG}script") is None  # no marks, no tooltip to draw


def test_inline_svg_keeps_its_tooltip_script_but_no_page_wide_id(three, tmp_path):
    """In a page of several charts (JupyterLab) each draws its own tooltip: the script stays,
    the chart file's one id does not (it would repeat)."""
    fig = measures.plot_rates(three.rates, "per_day", claims=three.claims)
    svg = style.save(fig, "rates", tmp_path, ["svg"])[0].read_text(encoding="utf-8")
    assert 'tip.setAttribute("id", "provenance-tip")' in svg
    html = provenance.inline_html(svg)
    assert "<?xml" not in html and html.lstrip().startswith("<svg")
    assert 'setAttribute("id", "provenance-tip")' not in html
    assert "document.currentScript" in html and html.count("<script>") == 1
