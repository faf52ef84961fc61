"""Resolved claims on the shipped corpus, against figures computed by hand from the texts."""

import csv
import math
from datetime import date

import pandas as pd
import pytest

from analysis.derived.claims import RESOLVED_COLUMNS, interval_of, resolve_claims, source_chain
from tests.support.corpora import TWO

RAW = TWO / "data" / "raw"  # the frozen two-article fixture corpus
MEAN_MONTH = 365.2425 / 12


@pytest.fixture(scope="module")
def resolved(resolved):
    """The shared resolved claims (conftest), indexed by claim id."""
    return resolved.set_index("claim_id", drop=False)


def bounds(row) -> tuple:
    return (row["low"], row["best"], row["high"])


def test_one_row_per_curated_claim(resolved):
    with (RAW / "claims.csv").open(encoding="utf-8", newline="") as f:
        ids = [r["claim_id"] for r in csv.DictReader(f)]
    assert list(resolved["claim_id"]) == sorted(ids)
    assert list(resolved.columns) == RESOLVED_COLUMNS


def test_some_11000_is_ten_percent_either_side(resolved):
    assert bounds(resolved.loc["a000-c03"]) == pytest.approx((9_900, 11_000, 12_100))


def test_exact_1000_killed_in_three_months(resolved):
    row = resolved.loc["a000-c04"]
    assert bounds(row) == (1_000, 1_000, 1_000)
    assert row["part_of"] == "a000-c03"
    # three calendar months: Feb-Apr of a common year (28+31+30) to Jul-Sep (31+31+30)
    assert (row["duration_days_low"], row["duration_days_high"]) == (89, 92)
    assert row["duration_days_best"] == pytest.approx(3 * MEAN_MONTH)
    assert row["duration_rule"] == "stated: duration before publication"
    # starts three months before publication (15 January to 28 February 2025), ends with it
    assert (row["start_earliest"], row["start_latest"]) == (date(2024, 10, 15), date(2024, 11, 28))
    assert (row["as_of_earliest"], row["as_of_latest"]) == (date(2025, 1, 15), date(2025, 2, 28))
    assert row["count_type"] == "flow" and row["rate_note"] == ""


def test_approximately_half_of_12000(resolved):
    row = resolved.loc["a004-c02"]
    # 0.5 +/- 10% = 0.45 .. 0.55 of exactly 12,000
    assert bounds(row) == pytest.approx((0.45 * 12_000, 6_000, 0.55 * 12_000))
    assert bounds(row) == pytest.approx((5_400, 6_000, 6_600))
    assert row["relative_to"] == "a004-c01"
    assert row["fraction"] == 0.5
    assert "a004-c01" in row["lineage"]
    assert row["measure"] == "casualties"  # "lost": not merged with killed


def test_around_half_of_1000_plus_square_km(resolved):
    row = resolved.loc["a004-c04"]
    assert row["low"] == pytest.approx(0.45 * 1_000)
    assert math.isnan(row["best"])  # the base states no best
    assert math.isnan(row["high"])  # written empty ...
    assert bool(row["high_open"])  # ... because it is open
    assert interval_of(row).high == math.inf


def test_over_13_million_displaced(resolved):
    row = resolved.loc["a000-c06"]
    assert row["low"] == 13_000_000
    assert math.isnan(row["best"]) and math.isnan(row["high"])
    assert bool(row["high_open"])
    # the analyst's dates: from February 2022, running to publication
    assert (row["start_earliest"], row["start_latest"]) == (date(2022, 2, 1), date(2022, 2, 28))
    assert (row["as_of_earliest"], row["as_of_latest"]) == (date(2025, 1, 15), date(2025, 2, 28))
    assert row["as_of_basis"] == "curated period_end: runs to publication"
    # no duration phrase: latest start to earliest end, earliest start to latest end
    assert row["duration_rule"].startswith("from the dates")
    assert row["duration_days_low"] == (date(2025, 1, 15) - date(2022, 2, 28)).days + 1
    assert row["duration_days_high"] == (date(2025, 2, 28) - date(2022, 2, 1)).days + 1
    assert math.isnan(row["duration_days_best"])


def test_a_stated_year_is_when_the_count_refers_to(resolved):
    row = resolved.loc["a000-c05"]
    assert (row["as_of_earliest"], row["as_of_latest"]) == (date(2019, 1, 1), date(2019, 12, 31))
    assert row["count_type"] == "change"
    assert row["rate_note"] == "not a count of people or things: no rate"


def test_a_stock_is_counted_at_its_date(resolved):
    # "12,000 North Korean soldiers sent to Russia last November": as of November 2024
    row = resolved.loc["a004-c01"]
    assert row["count_type"] == "stock"
    assert (row["as_of_earliest"], row["as_of_latest"]) == (date(2024, 11, 1), date(2024, 11, 30))
    assert pd.isna(row["start_earliest"]) and math.isnan(row["duration_days_low"])
    assert row["rate_note"].startswith("a stock")


def test_claims_without_period_stand_as_of_publication_and_say_why_no_rate(resolved):
    row = resolved.loc["a004-c05"]
    assert (row["as_of_earliest"], row["as_of_latest"]) == (date(2025, 1, 15), date(2025, 2, 28))
    assert row["as_of_basis"] == "publication: the count as of its article"
    assert math.isnan(row["duration_days_high"])
    assert row["duration_rule"] == ""
    assert row["rate_note"] == "no period: the text gives no time span for this count"


def test_every_flow_has_a_rate_or_a_reason(three_resolved):
    flows = three_resolved[three_resolved["count_type"] == "flow"]
    has_duration = flows["duration_days_low"].notna()
    assert (flows.loc[has_duration, "rate_note"] == "").all()
    assert (flows.loc[~has_duration, "rate_note"] != "").all()


def test_durations_from_curated_dates_and_an_anchor(three_resolved):
    # about 200 killed by 14 December, since they were first sent into combat at the end
    # of November (the anchor event, 21 to 30 November 2024): 15 to 24 days
    row = three_resolved.set_index("claim_id").loc["a101-c02"]
    assert (row["start_earliest"], row["start_latest"]) == (date(2024, 11, 21), date(2024, 11, 30))
    assert (row["as_of_earliest"], row["as_of_latest"]) == (date(2024, 12, 14), date(2024, 12, 14))
    assert (row["duration_days_low"], row["duration_days_high"]) == (15, 24)
    assert row["rate_note"] == ""


def test_a_flow_without_a_start_says_so(three_resolved):
    # roughly 4,000 killed or wounded, said "on Monday": a date, no start
    row = three_resolved.set_index("claim_id").loc["a101-c04"]
    assert (row["as_of_earliest"], row["as_of_latest"]) == (date(2025, 1, 27), date(2025, 1, 27))
    assert row["rate_note"].startswith("the start of the period is unknown")


def test_exact_claims_are_points(resolved):
    for claim_id, value in [("a004-c05", 9), ("a004-c07", 9), ("a004-c08", 13), ("a004-c11", 37)]:
        assert bounds(resolved.loc[claim_id]) == (value, value, value)


def test_source_and_party(resolved):
    nyt = resolved.loc["a004-c01"]
    assert nyt["source"] == "Ukrainian and U.S. officials, via The New York Times"
    assert bool(nyt["from_party"])  # party_side ukraine
    western = resolved.loc["a000-c03"]
    assert western["source"] == "Western officials"
    assert not bool(western["from_party"])
    assert source_chain("UN estimates", math.nan) == "UN estimates"


def test_wider_tolerance_widens_every_approximation(corpus, resolved):
    wide = resolve_claims(corpus, tolerance=0.2).set_index("claim_id", drop=False)
    assert bounds(wide.loc["a000-c03"]) == pytest.approx((8_800, 11_000, 13_200))
    assert bounds(wide.loc["a004-c02"]) == pytest.approx((0.4 * 12_000, 6_000, 0.6 * 12_000))
    assert wide.loc["a004-c04", "low"] == pytest.approx(400)
    assert bounds(wide.loc["a000-c01"]) == pytest.approx((960_000, 1_200_000, 1_440_000))
    for claim_id in resolved.index:
        if resolved.loc[claim_id, "qualifier"] != "approximately":
            assert wide.loc[claim_id, "low"] == resolved.loc[claim_id, "low"]
        else:
            assert wide.loc[claim_id, "low"] < resolved.loc[claim_id, "low"]


def test_every_interval_is_ordered(resolved):
    for _, row in resolved.iterrows():
        iv = interval_of(row)
        assert iv.low <= iv.high
        assert math.isnan(iv.best) or iv.low <= iv.best <= iv.high
        assert row["high_open"] == math.isinf(iv.high)


@pytest.mark.parametrize(
    ("qualifier", "low", "high"),
    [("at_most", 0.0, 6_000.0), ("at_least", 6_000.0, math.inf), ("exact", 6_000.0, 6_000.0)],
)
def test_a_one_sided_fraction_keeps_its_one_bound(qualifier, low, high):
    # "nearly half of the 12,000" is at most 6,000; "at least half" at least 6,000
    from analysis.derived.claims import _Resolver

    claims = pd.DataFrame(
        [
            {
                "claim_id": "w",
                "qualifier": "exact",
                "low": "12000",
                "best": "12000",
                "high": "12000",
                "relative_to": None,
                "fraction": None,
                "value_text": "12,000",
            },
            {
                "claim_id": "p",
                "qualifier": qualifier,
                "low": None,
                "best": None,
                "high": None,
                "relative_to": "w",
                "fraction": "0.5",
                "value_text": "half",
            },
        ]
    )
    value, lineage = _Resolver(claims, 0.1).resolve("p")
    assert (value.low, value.high) == (low, high)
    assert "w" in lineage
