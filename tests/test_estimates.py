"""Estimates: every source side by side, per subject and measure, never merged across measures."""

import math

import pytest

from analysis.derived.claims import resolve_claims
from analysis.derived.estimates import ESTIMATE_COLUMNS, build_estimates


@pytest.fixture(scope="module")
def estimates(resolved):
    return build_estimates(resolved)


def group(estimates, subject_id, measure):
    rows = estimates[(estimates["subject_id"] == subject_id) & (estimates["measure"] == measure)]
    return rows.set_index("claim_id", drop=False)


def test_one_row_per_claim(estimates, resolved):
    assert sorted(estimates["claim_id"]) == sorted(resolved["claim_id"])
    assert list(estimates.columns) == ESTIMATE_COLUMNS


def test_measures_are_never_merged(estimates, resolved):
    # killed, casualties and deployed of the North Korean troops are three groups
    troops = estimates[estimates["subject_id"] == "nk_troops_in_russia"]
    assert dict(troops.groupby("measure")["claim_id"].apply(sorted)) == {
        "casualties": ["a004-c02"],
        "deployed": ["a000-c03", "a004-c01"],
        "killed": ["a000-c04"],
    }
    assert set(troops.loc[troops["measure"] == "killed", "n_claims"]) == {1}
    # the Sumy strike: 9 killed (two sources) and 13 wounded are separate groups
    assert list(group(estimates, "civilians_sumy_strike", "killed").index) == [
        "a004-c05",
        "a004-c07",
    ]
    assert list(group(estimates, "civilians_sumy_strike", "wounded").index) == ["a004-c08"]
    # each row's group counts are the counts of its own (subject, measure, unit)
    key = ["subject_id", "measure", "unit"]
    counts = resolved.groupby(key).size()
    for _, row in estimates.iterrows():
        assert row["n_claims"] == counts[tuple(row[key])]


def test_sumy_killed_sources_agree(estimates):
    sumy = group(estimates, "civilians_sumy_strike", "killed")
    assert set(sumy["agreement"]) == {"agree"}
    assert set(sumy["n_sources"]) == {2}
    assert set(sumy["envelope_low"]) == {9} and set(sumy["envelope_high"]) == {9}
    assert set(sumy["spread_ratio"]) == {1.0}


def test_deployed_11000_and_12000_agree(estimates):
    deployed = group(estimates, "nk_troops_in_russia", "deployed")
    assert set(deployed["agreement"]) == {"agree"}
    # some 11,000 (9,900 .. 12,100) and exactly 12,000
    assert list(deployed["envelope_low"]) == pytest.approx([9_900, 9_900])
    assert list(deployed["envelope_high"]) == pytest.approx([12_100, 12_100])
    assert not deployed["envelope_high_open"].any()
    assert deployed["spread_ratio"].iloc[0] == pytest.approx(12_000 / 11_000)


def test_single_claims(estimates):
    single = estimates[estimates["n_claims"] == 1]
    assert set(single["agreement"]) == {"single claim"}
    assert single["spread_ratio"].isna().all()
    assert (single["envelope_low"] == single["low"]).all()


def test_open_envelope(estimates):
    area = group(estimates, "kursk_salient", "area").iloc[0]
    assert area["envelope_low"] == 1_000
    assert bool(area["envelope_high_open"]) and math.isnan(area["envelope_high"])
    bounded = group(estimates, "nk_troops_in_russia", "killed").iloc[0]
    assert not bool(bounded["envelope_high_open"]) and bounded["envelope_high"] == 1_000


def test_disjoint_figures_conflict(resolved):
    changed = resolved.copy()
    police = changed["claim_id"] == "a004-c07"
    changed.loc[police, ["low", "best", "high"]] = 12.0
    sumy = group(build_estimates(changed), "civilians_sumy_strike", "killed")
    assert set(sumy["agreement"]) == {"conflict"}
    assert set(sumy["envelope_low"]) == {9} and set(sumy["envelope_high"]) == {12}
    assert list(sumy["spread_ratio"]) == pytest.approx([12 / 9, 12 / 9])


def test_an_open_figure_agrees_with_anything_above_its_low(resolved):
    changed = resolved.copy()
    police = changed["claim_id"] == "a004-c07"
    changed.loc[police, ["low", "best", "high", "high_open"]] = [5.0, math.nan, math.nan, True]
    sumy = group(build_estimates(changed), "civilians_sumy_strike", "killed")
    assert set(sumy["agreement"]) == {"agree"}
    assert bool(sumy["envelope_high_open"].iloc[0])
    changed.loc[police, "low"] = 10.0  # "more than 10" against exactly 9
    sumy = group(build_estimates(changed), "civilians_sumy_strike", "killed")
    assert set(sumy["agreement"]) == {"conflict"}


def test_wider_tolerance_widens_the_envelope(corpus):
    wide = build_estimates(resolve_claims(corpus, tolerance=0.2))
    deployed = group(wide, "nk_troops_in_russia", "deployed")
    assert list(deployed["envelope_low"]) == pytest.approx([8_800, 8_800])
    assert list(deployed["envelope_high"]) == pytest.approx([13_200, 13_200])
