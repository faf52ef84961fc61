"""Displacement on the displacement fixture: stocks, flows, shares of a named whole, units."""

import math
from datetime import date

import pytest

from analysis.curation.validate import validate
from analysis.derived.build import build_tables
from analysis.derived.displacement import DISPLACEMENT_COLUMNS, build_displacement
from tests.support.corpora import DISPLACEMENT

# 2022-02-01 (February 2022, the invasion) to 2025-02-28 (latest publication), both included
PERIOD_DAYS = (date(2025, 2, 28) - date(2022, 2, 1)).days + 1


@pytest.fixture(scope="module")
def tables():
    return build_tables(validate(DISPLACEMENT))


@pytest.fixture(scope="module")
def table(tables):
    return tables["displacement.csv"].set_index("claim_id", drop=False)


def test_every_displacement_figure_and_nothing_else(table):
    assert list(table.columns) == DISPLACEMENT_COLUMNS
    # the killed, wounded and casualties of the strikes are not displacement figures
    assert sorted(table.index) == [f"a201-c{i:02d}" for i in range(1, 11)]


def test_no_stock_has_a_rate(table):
    stocks = table[table["count_type"] == "stock"]
    assert len(stocks) == 9
    assert stocks["rate_per_day_low"].isna().all()
    assert set(stocks["rate_note"]) == {
        "a stock: a count at a date has no rate (net changes are in series.csv)"
    }


def test_a_flow_over_a_period_has_a_rate(table):
    # more than 200,000 residents left since the summer (June to August 2024) to 10 December
    fled = table.loc["a201-c10"]
    assert fled["count_type"] == "flow"
    assert (fled["start_earliest"], fled["start_latest"]) == (date(2024, 6, 1), date(2024, 8, 31))
    longest = (date(2024, 12, 10) - date(2024, 6, 1)).days + 1
    assert fled["rate_per_day_low"] == pytest.approx(200_000 / longest)
    assert bool(fled["rate_high_open"]) and math.isnan(fled["rate_per_day_high"])


def test_peak_and_now_are_stocks_at_their_dates_with_a_net_change(table, tables):
    peak, now = table.loc["a201-c05"], table.loc["a201-c04"]
    assert (peak["as_of_earliest"], peak["as_of_latest"]) == (date(2022, 3, 1), date(2022, 5, 31))
    assert (now["as_of_earliest"], now["as_of_latest"]) == (date(2024, 12, 10), date(2024, 12, 10))
    series = tables["series.csv"]
    change = series[(series["from_claim"] == "a201-c05") & (series["to_claim"] == "a201-c04")]
    (row,) = change.to_dict("records")
    assert row["kind"] == "net_change"
    # from "more than 8 million" to 3.7 million: a fall of at least 4.3 million, no lower bound
    assert row["change_high"] == pytest.approx(3_700_000 - 8_000_000)
    assert bool(row["change_low_open"]) and math.isnan(row["change_low"])
    assert math.isnan(row["per_day_low"])  # a stock has no rate, only a net change
    assert row["days_low"] == (date(2024, 12, 10) - date(2022, 5, 31)).days


def test_host_countries_are_parts_of_refugees_abroad(table):
    poland = table.loc["a201-c02"]
    assert poland["population"] == "refugees_abroad" and poland["location"] == "Poland"
    assert poland["whole"] == "Refugees from Ukraine recorded abroad (remain displaced)"
    # roughly 1 million of about 6.8 million: 0.9/7.48 .. 1.1/6.12
    assert poland["share_low"] == pytest.approx(100 * 900_000 / 7_480_000)
    assert poland["share_high"] == pytest.approx(100 * 1_100_000 / 6_120_000)


def test_per_cent_is_a_share_and_families_stay_families(table):
    centres = table.loc["a201-c09"]
    assert centres["unit"] == "families"
    # some 40 per cent: 36 to 44 per cent of the displaced families
    assert (centres["share_low"], centres["share_high"]) == pytest.approx((36, 44))
    # the families it implies, from about 2 million families
    assert centres["low"] == pytest.approx(0.36 * 1_800_000)
    assert centres["high"] == pytest.approx(0.44 * 2_200_000)


def test_a_one_sided_share_keeps_its_bound(table):
    no_return = table.loc["a201-c08"]
    # at least a quarter of about 2 million: at least 25%, at least 450,000 families
    assert no_return["share_low"] == pytest.approx(25)
    assert bool(no_return["share_high_open"]) and math.isnan(no_return["share_high"])
    assert no_return["low"] == pytest.approx(0.25 * 1_800_000)
    assert bool(no_return["high_open"])


def test_every_share_lies_in_0_to_100(table):
    shares = table.dropna(subset=["share_low"])
    assert len(shares) == 5
    assert (shares["share_low"] >= 0).all()
    assert (shares["share_high"].dropna() <= 100).all()


def test_a_duration_of_a_state_is_not_the_period_of_the_count(table):
    long_term = table.loc["a201-c06"]
    assert long_term["state_duration"].startswith("for more than two years")
    assert long_term["count_type"] == "stock"
    assert (long_term["as_of_earliest"], long_term["as_of_latest"]) == (
        date(2024, 12, 10),
        date(2024, 12, 10),
    )
    assert math.isnan(long_term["rate_per_day_low"])


def test_over_13_million_since_the_invasion_is_a_flow(resolved, corpus):
    rates = build_tables(corpus)["rates.csv"]
    table = build_displacement(resolved, rates, corpus.frame("subjects"))
    row = table.set_index("claim_id").loc["a000-c06"]
    assert row["count_type"] == "flow"
    assert row["rate_per_day_low"] == pytest.approx(13_000_000 / PERIOD_DAYS)
    assert bool(row["rate_high_open"])
