"""Rates, shares and sums on the fixture corpora, against figures computed by hand."""

import math

import pandas as pd
import pytest

from analysis.derived.claims import resolve_claims
from analysis.derived.rates import RATE_COLUMNS, build_rates

MEAN_MONTH = 365.2425 / 12
THREE_MONTHS = (89, 3 * MEAN_MONTH, 92)  # days: Feb-Apr (common year), mean, Jul-Sep


@pytest.fixture(scope="module")
def rates(resolved):
    return build_rates(resolved).set_index("rate_id", drop=False)


def bounds(row) -> tuple:
    return (row["low"], row["best"], row["high"])


def test_the_rates_derived_from_the_corpus(rates):
    # per day and per 30 days: flows with a duration (a000-c04 killed, a004-c02 casualties,
    # a000-c06 displaced since February 2022); shares: every claim with part_of; per month:
    # shares whose part is a flow with a duration; sums: a004-c07 + a004-c08 (same
    # claimant, killed and wounded of the Sumy strike)
    expected = {
        "per_day:a000-c04",
        "per_day:a004-c02",
        "per_day:a000-c06",
        "per_30_days:a000-c04",
        "per_30_days:a004-c02",
        "per_30_days:a000-c06",
        "share_of_whole:a000-c04+a000-c03",
        "share_of_whole:a004-c02+a004-c01",
        "share_of_whole:a004-c04+a004-c03",
        "share_of_whole:a004-c11+a004-c10",
        "share_of_whole:a004-c14+a004-c13",
        "share_per_month:a000-c04+a000-c03",
        "share_per_month:a004-c02+a004-c01",
        "sum:a004-c07+a004-c08",
    }
    assert set(rates.index) == expected
    assert len(rates) == len(expected)
    assert list(rates.columns) == RATE_COLUMNS


def test_1000_killed_in_three_months_per_day(rates):
    row = rates.loc["per_day:a000-c04"]
    # fewest per day over the longest three months, most over the shortest
    assert bounds(row) == pytest.approx((1_000 / 92, 1_000 / (3 * MEAN_MONTH), 1_000 / 89))
    assert 10.8 < row["low"] < row["high"] < 11.3  # about 11 a day
    assert row["unit"] == "people killed per day"
    per_30 = rates.loc["per_30_days:a000-c04"]
    assert bounds(per_30) == pytest.approx((30_000 / 92, 30_000 / (3 * MEAN_MONTH), 30_000 / 89))


def test_share_of_the_force_killed(rates):
    row = rates.loc["share_of_whole:a000-c04+a000-c03"]
    # 1,000 of 11,000 +/- 10% (9,900 .. 12,100), in percent
    assert bounds(row) == pytest.approx((100_000 / 12_100, 100_000 / 11_000, 100_000 / 9_900))
    assert row["best"] == pytest.approx(9.0909, abs=1e-4)  # ~9%
    assert row["inputs"] == "a000-c04;a000-c03"


def test_share_killed_per_month(rates):
    row = rates.loc["share_per_month:a000-c04+a000-c03"]
    low_pct, best_pct, high_pct = 100_000 / 12_100, 100_000 / 11_000, 100_000 / 9_900
    expected = (low_pct / (92 / MEAN_MONTH), best_pct / 3, high_pct / (89 / MEAN_MONTH))
    assert bounds(row) == pytest.approx(expected)


def test_approximately_half_of_12000(rates):
    share = rates.loc["share_of_whole:a004-c02+a004-c01"]
    assert bounds(share) == pytest.approx((45, 50, 55))
    per_day = rates.loc["per_day:a004-c02"]
    assert bounds(per_day) == pytest.approx((5_400 / 92, 6_000 / (3 * MEAN_MONTH), 6_600 / 89))
    assert per_day["unit"] == "casualties per day"
    monthly = rates.loc["share_per_month:a004-c02+a004-c01"]
    assert bounds(monthly) == pytest.approx(
        (45 / (92 / MEAN_MONTH), 50 / 3, 55 / (89 / MEAN_MONTH))
    )


def test_half_of_an_open_whole_is_still_a_bounded_share(rates):
    row = rates.loc["share_of_whole:a004-c04+a004-c03"]
    # (0.5 +/- 10%) x [1000, open) over [1000, open) is the stated fraction itself
    assert bounds(row) == pytest.approx((45, 50, 55))
    assert not bool(row["high_open"])


def test_37_of_81_drones(rates):
    row = rates.loc["share_of_whole:a004-c11+a004-c10"]
    assert bounds(row) == pytest.approx((3_700 / 81,) * 3)
    assert round(row["best"], 2) == 45.68
    assert row["unit"] == "percent of Russian drones in one attack (launched)"
    assert row["label"] == "Russian drones in one attack: downed as a share of launched"


def test_sumy_killed_plus_wounded(rates):
    row = rates.loc["sum:a004-c07+a004-c08"]
    assert bounds(row) == (9 + 13, 9 + 13, 9 + 13)
    assert row["measure"] == "casualties"
    assert row["label"] == "killed + wounded = casualties of Civilians in the Sumy strike"
    assert row["source"] == "National police"
    # the unattributed nine (a004-c05) is not added to the police's 13 wounded
    assert (rates["kind"] == "sum").sum() == 1


def test_weakest_verification_is_carried(rates, resolved):
    assert rates.loc["share_of_whole:a004-c14+a004-c13", "verification"] == "unverified"
    assert rates.loc["share_of_whole:a004-c11+a004-c10", "verification"] == "reported"
    # reported < unverified < disputed: a share is as weak as its weakest input
    for whole, part, weakest in [
        ("unverified", "reported", "unverified"),
        ("reported", "disputed", "disputed"),
        ("disputed", "unverified", "disputed"),
    ]:
        changed = resolved.copy()
        changed.loc[changed["claim_id"] == "a004-c10", "verification"] = whole
        changed.loc[changed["claim_id"] == "a004-c11", "verification"] = part
        share = build_rates(changed).set_index("rate_id").loc["share_of_whole:a004-c11+a004-c10"]
        assert share["verification"] == weakest


def test_every_input_is_a_claim(rates, resolved):
    claim_ids = set(resolved["claim_id"])
    for _, row in rates.iterrows():
        inputs = row["inputs"].split(";")
        assert set(inputs) <= claim_ids
        assert row["rate_id"] == f"{row['kind']}:{'+'.join(inputs)}"
        assert row["subject_id"] == resolved.set_index("claim_id").loc[inputs[0], "subject_id"]


def test_every_rate_is_ordered(rates):
    for _, row in rates.iterrows():
        high = math.inf if row["high_open"] else row["high"]
        assert row["low"] <= high
        assert math.isnan(row["best"]) or row["low"] <= row["best"] <= high


def test_wider_tolerance_widens_the_rates(corpus):
    wide = build_rates(resolve_claims(corpus, 0.2), 0.2).set_index("rate_id")
    share = wide.loc["share_of_whole:a000-c04+a000-c03"]
    assert bounds(share) == pytest.approx((100_000 / 13_200, 100_000 / 11_000, 100_000 / 8_800))
    assert bounds(wide.loc["share_of_whole:a004-c02+a004-c01"]) == pytest.approx((40, 50, 60))
    per_day = wide.loc["per_day:a004-c02"]
    assert bounds(per_day) == pytest.approx((4_800 / 92, 6_000 / (3 * MEAN_MONTH), 7_200 / 89))
    # exact inputs do not move
    assert wide.loc["sum:a004-c07+a004-c08", "low"] == 22


def test_killed_and_wounded_of_different_articles_are_not_added(resolved):
    # the same claimant's 13 wounded, reported by another article: not the same report
    changed = resolved.copy()
    changed.loc[changed["claim_id"] == "a004-c08", "article_id"] = "a000"
    assert "sum" not in set(build_rates(changed)["kind"])
    # and a second wounded figure in the same article gives a second sum
    extra = resolved[resolved["claim_id"] == "a004-c08"].assign(
        claim_id="a004-c99", low=2.0, best=2.0, high=2.0
    )
    more = build_rates(pd.concat([resolved, extra], ignore_index=True)).set_index("rate_id")
    assert more.loc["sum:a004-c07+a004-c99", "low"] == 9 + 2
    assert (more["kind"] == "sum").sum() == 2


def test_no_stock_gets_a_rate(three_resolved):
    rates = build_rates(three_resolved)
    per_day = rates[rates["kind"] == "per_day"]
    kinds = three_resolved.set_index("claim_id").loc[per_day["inputs"], "count_type"]
    assert set(kinds) == {"flow"}


def test_a_rate_from_curated_dates(three_resolved):
    # about 200 killed (180 to 220) over 15 to 24 days
    row = build_rates(three_resolved).set_index("rate_id").loc["per_day:a101-c02"]
    assert (row["low"], row["high"]) == pytest.approx((180 / 24, 220 / 15))
    assert math.isnan(row["best"])  # the duration has no best
    assert "from the dates" in row["method"]


def test_a_share_of_a_whole_cannot_exceed_100(resolved):
    # wounded as a share of casualties with wide intervals: 73.6% to 110% unbounded
    changed = resolved.copy()
    part, whole = changed["claim_id"] == "a004-c11", changed["claim_id"] == "a004-c10"
    changed.loc[part, ["low", "best", "high"]] = [81.0, 90.0, 99.0]
    changed.loc[whole, ["low", "best", "high"]] = [90.0, 100.0, 110.0]
    row = build_rates(changed).set_index("rate_id").loc["share_of_whole:a004-c11+a004-c10"]
    assert row["low"] == pytest.approx(100 * 81 / 110)
    assert row["high"] == 100
    assert "bounded at 100%" in row["method"]


def test_the_whole_is_named_when_it_is_another_subject(resolved):
    rates = build_rates(resolved).set_index("rate_id")
    row = rates.loc["share_of_whole:a004-c14+a004-c13"]
    assert row["label"] == (
        "Women in alleged Kursk executions: killed as a share of "
        "Civilians in alleged Kursk executions (killed)"
    )
