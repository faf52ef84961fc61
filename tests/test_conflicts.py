"""Conflicts like for like: same subject, measure and unit, overlapping dates, disjoint values."""

import math
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.derived.conflicts import CONFLICT_COLUMNS, build_conflicts
from analysis.derived.series import with_date_groups


def test_the_pairs_that_disagree_at_overlapping_dates(three_resolved):
    conflicts = build_conflicts(with_date_groups(three_resolved))
    assert list(conflicts.columns) == CONFLICT_COLUMNS
    assert list(zip(conflicts["claim_a"], conflicts["claim_b"], strict=True)) == [
        ("a004-c02", "a101-c04")
    ]
    row = conflicts.iloc[0]
    # approximately half of 12,000 (5,400 to 6,600) against roughly 4,000 (3,600 to 4,400),
    # both possible on 27 January 2025
    assert row["source_a"] == "Ukrainian and U.S. officials, via The New York Times"
    assert row["source_b"] == "Volodymyr Zelensky"
    assert (row["as_of_earliest"], row["as_of_latest"]) == (date(2025, 1, 27), date(2025, 1, 27))
    assert row["gap"] == pytest.approx(5_400 - 4_400)
    assert row["gap_ratio"] == pytest.approx(5_400 / 4_400)


def test_the_shipped_two_articles_have_no_conflict(resolved):
    assert build_conflicts(with_date_groups(resolved)).empty


def _claims(values, spans):
    return pd.DataFrame(
        {
            "claim_id": [f"c{i:02d}" for i in range(len(values))],
            "article_id": "a",
            "subject_id": "s",
            "subject": "S",
            "measure": "killed",
            "unit": "people",
            "source": "x",
            "low": [lo for lo, _ in values],
            "best": math.nan,
            "high": [hi for _, hi in values],
            "high_open": [math.isinf(hi) for _, hi in values],
            "as_of_earliest": [a for a, _ in spans],
            "as_of_latest": [b for _, b in spans],
        }
    )


values = st.tuples(st.integers(0, 100), st.integers(0, 50) | st.just(math.inf)).map(
    lambda t: (float(t[0]), t[0] + t[1])
)
spans = st.tuples(st.integers(0, 100), st.integers(0, 30)).map(
    lambda t: (date(2025, 1, 1) + timedelta(days=t[0]), date(2025, 1, 1) + timedelta(days=sum(t)))
)


@settings(deadline=None)  # pandas in the loop: time varies with the machine's load
@given(st.lists(st.tuples(values, spans), min_size=2, max_size=12))
def test_a_pair_conflicts_exactly_when_dates_overlap_and_values_do_not(pairs):
    claims = _claims([v for v, _ in pairs], [s for _, s in pairs])
    found = set(
        zip(
            *build_conflicts(with_date_groups(claims))[["claim_a", "claim_b"]].T.values,
            strict=False,
        )
    )
    rows = claims.to_dict("records")
    expected = set()
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            dates = (
                a["as_of_earliest"] <= b["as_of_latest"]
                and b["as_of_earliest"] <= a["as_of_latest"]
            )
            a_high = math.inf if a["high_open"] else a["high"]
            b_high = math.inf if b["high_open"] else b["high"]
            apart = a["low"] > b_high or b["low"] > a_high
            if dates and apart:
                expected.add((a["claim_id"], b["claim_id"]))
    assert found == expected
