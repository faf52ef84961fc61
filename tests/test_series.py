"""Counts over time: date groups, increments of cumulative flows, net changes of stocks."""

import math
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.derived.series import SERIES_COLUMNS, build_series, date_groups, with_date_groups


@pytest.fixture(scope="module")
def series(three_resolved):
    out = build_series(with_date_groups(three_resolved))
    return out.set_index(["from_claim", "to_claim"], drop=False)


def test_columns(series):
    assert list(series.columns) == SERIES_COLUMNS


def test_killed_by_14_december_then_by_late_january(series):
    # about 200 (180 to 220) on 14 December 2024; 1,000 exactly as of 15 January to
    # 28 February 2025 (a000) and about 1,000 (900 to 1,100) on 21 to 29 January (a101)
    to_a000 = series.loc[("a101-c02", "a000-c04")]
    assert to_a000["kind"] == "increment"
    assert (to_a000["days_low"], to_a000["days_high"]) == (32, 76)
    assert (to_a000["change_low"], to_a000["change_best"], to_a000["change_high"]) == (
        780,
        800,
        820,
    )
    assert to_a000["per_day_low"] == pytest.approx(780 / 76)
    assert to_a000["per_day_high"] == pytest.approx(820 / 32)
    to_a101 = series.loc[("a101-c02", "a101-c05")]
    assert (to_a101["days_low"], to_a101["days_high"]) == (38, 46)
    assert (to_a101["change_low"], to_a101["change_high"]) == (680, 920)
    assert bool(to_a101["consistent"])


def test_stocks_get_a_net_change_without_a_rate(series):
    # 12,000 deployed in November 2024, then some 11,000 (9,900 to 12,100) by publication
    row = series.loc[("a004-c01", "a000-c03")]
    assert row["kind"] == "net_change"
    assert (row["change_low"], row["change_best"], row["change_high"]) == pytest.approx(
        (-2_100, -1_000, 100)
    )
    assert math.isnan(row["per_day_low"]) and math.isnan(row["per_day_high"])


def test_only_successive_dates_are_paired(series):
    # the two counts of late January share a date: they are compared as estimates, not here
    assert ("a000-c04", "a101-c05") not in series.index
    assert ("a101-c05", "a000-c04") not in series.index


def _claim(claim_id, low, high, start, end, best=math.nan, measure="killed", high_open=False):
    return {
        "claim_id": claim_id,
        "article_id": "a",
        "subject_id": "s",
        "subject": "S",
        "measure": measure,
        "unit": "people",
        "source": f"source of {claim_id}",
        "low": low,
        "best": best,
        "high": high,
        "high_open": high_open,
        "as_of_earliest": start,
        "as_of_latest": end,
    }


def test_a_cumulative_count_that_falls_is_flagged(resolved):
    day = date(2025, 1, 1)
    claims = pd.DataFrame(
        [
            _claim("x1", 900.0, 1100.0, day, day, best=1000.0),
            _claim("x2", 400.0, 500.0, day + timedelta(days=30), day + timedelta(days=30)),
        ]
    )
    (row,) = build_series(with_date_groups(claims)).to_dict("records")
    assert not row["consistent"]
    assert "x2" in row["note"] and "x1" in row["note"]
    assert row["change_high"] == 500 - 900


def test_within_the_intervals_a_cumulative_increment_is_cut_at_zero():
    day = date(2025, 1, 1)
    claims = pd.DataFrame(
        [
            _claim("x1", 900.0, 1100.0, day, day),
            _claim("x2", 1000.0, 1200.0, day + timedelta(days=10), day + timedelta(days=10)),
        ]
    )
    (row,) = build_series(with_date_groups(claims)).to_dict("records")
    assert row["consistent"]
    assert (row["change_low"], row["change_high"]) == (0, 300)
    assert "cut at 0" in row["note"]


def test_an_open_later_count_gives_an_open_increment():
    day = date(2025, 1, 1)
    claims = pd.DataFrame(
        [
            _claim("x1", 100.0, 100.0, day, day, best=100.0),
            _claim(
                "x2",
                300.0,
                math.nan,
                day + timedelta(days=20),
                day + timedelta(days=20),
                high_open=True,
            ),
        ]
    )
    (row,) = build_series(with_date_groups(claims)).to_dict("records")
    assert row["change_low"] == 200 and bool(row["change_high_open"])
    assert row["per_day_low"] == 10 and bool(row["per_day_high_open"])


def test_non_cumulative_flows_form_no_series():
    day = date(2025, 1, 1)
    claims = pd.DataFrame(
        [
            _claim("x1", 80.0, 80.0, day, day, measure="launched"),
            _claim(
                "x2",
                90.0,
                90.0,
                day + timedelta(days=5),
                day + timedelta(days=5),
                measure="launched",
            ),
        ]
    )
    assert build_series(with_date_groups(claims)).empty


intervals = st.tuples(st.integers(0, 400), st.integers(0, 60)).map(
    lambda t: (date(2024, 1, 1) + timedelta(days=t[0]), date(2024, 1, 1) + timedelta(days=sum(t)))
)


@settings(deadline=None)  # pandas in the loop: time varies with the machine's load
@given(st.lists(intervals, min_size=1, max_size=25))
def test_date_groups_split_only_where_nothing_overlaps(spans):
    frame = pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(len(spans))],
            "as_of_earliest": [a for a, _ in spans],
            "as_of_latest": [b for _, b in spans],
        }
    )
    groups = date_groups(frame)
    assert groups.min() == 1
    for g in range(1, groups.max()):
        this, nxt = frame[groups == g], frame[groups == g + 1]
        # every claim of a later group starts after every claim of an earlier one ends
        assert this["as_of_latest"].max() < nxt["as_of_earliest"].min()
