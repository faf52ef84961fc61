"""Estimates: every source side by side, dated; agreement is pairwise and like for like."""

import math

import pytest

from analysis.derived.claims import resolve_claims
from analysis.derived.estimates import ESTIMATE_COLUMNS, build_estimates
from analysis.derived.series import with_date_groups


def estimate(resolved):
    return build_estimates(with_date_groups(resolved))


@pytest.fixture(scope="module")
def two(resolved):
    return estimate(resolved)


@pytest.fixture(scope="module")
def three(three_resolved):
    return estimate(three_resolved)


def group(estimates, subject_id, measure):
    rows = estimates[(estimates["subject_id"] == subject_id) & (estimates["measure"] == measure)]
    return rows.set_index("claim_id", drop=False)


def test_one_row_per_claim(three, three_resolved):
    assert sorted(three["claim_id"]) == sorted(three_resolved["claim_id"])
    assert list(three.columns) == ESTIMATE_COLUMNS


def test_measures_are_never_merged(three, three_resolved):
    troops = three[three["subject_id"] == "nk_troops_in_russia"]
    assert dict(troops.groupby("measure")["claim_id"].apply(sorted)) == {
        "casualties": ["a004-c02", "a101-c03", "a101-c04"],
        "deployed": ["a000-c03", "a004-c01", "a101-c01"],
        "killed": ["a000-c04", "a101-c02", "a101-c05"],
    }
    key = ["subject_id", "measure", "unit"]
    counts = three_resolved.groupby(key).size()
    for _, row in three.iterrows():
        assert row["n_claims"] == counts[tuple(row[key])]


def test_counts_at_different_dates_are_a_series_not_a_conflict(three):
    # about 200 killed by 14 December; 1,000 (a000) and about 1,000 by late January (a101)
    killed = group(three, "nk_troops_in_russia", "killed")
    assert killed.loc["a101-c02", "date_group"] == 1
    assert killed.loc["a101-c02", "agreement"] == "single claim"
    assert set(killed.loc[["a000-c04", "a101-c05"], "date_group"]) == {2}
    # the two 1,000s agree, and are not called a conflict because of the 200
    assert set(killed.loc[["a000-c04", "a101-c05"], "agreement"]) == {"agree"}
    assert set(killed["conflicts_with"]) == {""}
    # the envelope is taken within a date group only
    assert killed.loc["a101-c02", "envelope_high"] == pytest.approx(220)
    assert killed.loc["a000-c04", "envelope_low"] == pytest.approx(900)


def test_agreement_is_pairwise_and_names_the_other_claim(three):
    # about 6,000 (half of 12,000) and roughly 4,000 cannot both hold on 27 January;
    # more than 3,000 agrees with both
    casualties = group(three, "nk_troops_in_russia", "casualties")
    assert casualties.loc["a004-c02", "agreement"] == "conflict"
    assert casualties.loc["a004-c02", "conflicts_with"] == "a101-c04"
    assert casualties.loc["a101-c04", "conflicts_with"] == "a004-c02"
    assert casualties.loc["a101-c03", "agreement"] == "agree"
    assert casualties.loc["a101-c03", "conflicts_with"] == ""


def test_a_source_is_a_claimant_in_one_article(three):
    # both articles state the Kursk area unattributed: two sources, not one
    area = group(three, "kursk_salient", "area")
    assert set(area["source"]) == {"Unattributed (article text)"}
    assert set(area["n_sources"]) == {2}


def test_sumy_killed_sources_agree(two):
    sumy = group(two, "civilians_sumy_strike", "killed")
    assert set(sumy["agreement"]) == {"agree"}
    assert set(sumy["n_sources"]) == {2}
    assert set(sumy["envelope_low"]) == {9} and set(sumy["envelope_high"]) == {9}


def test_single_claims(two):
    single = two[two["n_claims"] == 1]
    assert set(single["agreement"]) == {"single claim"}
    assert (single["envelope_low"] == single["low"]).all()


def test_open_envelope(two):
    area = group(two, "kursk_salient", "area").iloc[0]
    assert area["envelope_low"] == 1_000
    assert bool(area["envelope_high_open"]) and math.isnan(area["envelope_high"])
    bounded = group(two, "nk_troops_in_russia", "killed").iloc[0]
    assert not bool(bounded["envelope_high_open"]) and bounded["envelope_high"] == 1_000


def test_disjoint_figures_conflict(resolved):
    changed = resolved.copy()
    police = changed["claim_id"] == "a004-c07"
    changed.loc[police, ["low", "best", "high"]] = 12.0
    sumy = group(estimate(changed), "civilians_sumy_strike", "killed")
    assert set(sumy["agreement"]) == {"conflict"}
    assert list(sumy["conflicts_with"]) == ["a004-c07", "a004-c05"]
    assert set(sumy["envelope_low"]) == {9} and set(sumy["envelope_high"]) == {12}


def test_an_open_figure_agrees_with_anything_above_its_low(resolved):
    changed = resolved.copy()
    police = changed["claim_id"] == "a004-c07"
    changed.loc[police, ["low", "best", "high", "high_open"]] = [5.0, math.nan, math.nan, True]
    sumy = group(estimate(changed), "civilians_sumy_strike", "killed")
    assert set(sumy["agreement"]) == {"agree"}
    assert bool(sumy["envelope_high_open"].iloc[0])
    changed.loc[police, "low"] = 10.0  # "more than 10" against exactly 9
    sumy = group(estimate(changed), "civilians_sumy_strike", "killed")
    assert set(sumy["agreement"]) == {"conflict"}


def test_wider_tolerance_widens_the_envelope(three_corpus):
    wide = estimate(resolve_claims(three_corpus, tolerance=0.2))
    deployed = group(wide, "nk_troops_in_russia", "deployed")
    # some 11,000 +/- 20% and 10,000 to 12,000 on 27 January
    assert deployed.loc["a000-c03", "envelope_low"] == pytest.approx(8_800)
    assert deployed.loc["a000-c03", "envelope_high"] == pytest.approx(13_200)
