"""Displacement: counts, periods and lower-bound daily rates."""

import math
from datetime import date

import pytest

from analysis.derived.displacement import DISPLACEMENT_COLUMNS, build_displacement

# 2022-02-01 (February 2022, the invasion) to 2025-02-28 (latest publication), both included
PERIOD_DAYS = (date(2025, 2, 28) - date(2022, 2, 1)).days + 1


def test_period_length_by_hand():
    # three years from 2022-02-01 (one of them with 29 February 2024) plus February 2025
    assert PERIOD_DAYS == 365 + 366 + 365 + 28


def test_over_13_million(resolved):
    table = build_displacement(resolved)
    assert list(table.columns) == DISPLACEMENT_COLUMNS
    assert list(table["claim_id"]) == ["a000-c06"]
    row = table.iloc[0]
    assert row["low"] == 13_000_000
    assert bool(row["high_open"]) and math.isnan(row["high"])
    assert (row["period_earliest"], row["period_latest"]) == (date(2022, 2, 1), date(2025, 2, 28))
    assert row["period_days_max"] == PERIOD_DAYS
    # the count is a lower bound and the period is the longest it can be: a lower bound
    assert row["rate_per_day_low"] == pytest.approx(13_000_000 / PERIOD_DAYS)
    assert bool(row["rate_is_lower_bound"])
    assert bool(row["rate_high_open"]) and math.isnan(row["rate_per_day_high"])
    assert math.isnan(row["rate_per_day_best"])
    assert row["source"] == "UN estimates"


def test_no_period_no_rate(resolved):
    changed = resolved.copy()
    changed.loc[changed["claim_id"] == "a000-c06", ["period_earliest", "period_latest"]] = None
    row = build_displacement(changed).iloc[0]
    assert math.isnan(row["period_days_max"])
    assert math.isnan(row["rate_per_day_low"])
    assert not bool(row["rate_is_lower_bound"])
    assert not bool(row["rate_high_open"])


def test_only_displacement_claims(resolved):
    changed = resolved.copy()
    changed.loc[changed["claim_id"] == "a000-c06", "measure"] = "killed"
    assert build_displacement(changed).empty
