"""Links between claims: chains, cycles and bounds, in linear time."""

import math

import pandas as pd
import pytest

from analysis.curation import links


def _chain(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """c0 has a value; c1 is half of c0, c2 half of c1, ... (a chain of n relative claims)."""
    ids = [f"c{i}" for i in range(n + 1)]
    claims = pd.DataFrame(
        {
            "claim_id": ids,
            "relative_to": [pd.NA] + ids[:-1],
            "fraction": [pd.NA] + ["0.5"] * n,
            "qualifier": ["exact"] + ["approximately"] * n,
        },
        index=ids,
    )
    nums = pd.DataFrame(
        {
            "low": [1024.0] + [math.nan] * n,
            "best": [1024.0] + [math.nan] * n,
            "high": [1024.0] + [math.nan] * n,
            "fraction": [math.nan] + [0.5] * n,
        },
        index=ids,
    )
    return claims, nums


def test_bounds_follow_relative_chains():
    claims, nums = _chain(3)
    bounds = links.stated_bounds(claims, nums)
    assert bounds == {"c0": (1024, 1024), "c1": (512, 512), "c2": (256, 256), "c3": (128, 128)}


def test_a_long_chain_needs_no_recursion():
    """20,000 links: a recursive walk would hit Python's recursion limit."""
    claims, nums = _chain(20_000)
    bounds = links.stated_bounds(claims, nums)
    assert bounds["c20000"] == (0.0, 0.0)  # 1024 / 2**20000 underflows


def test_a_cycle_has_no_bounds():
    claims, nums = _chain(3)
    claims.loc["c0", ["relative_to", "fraction"]] = ["c3", "0.5"]
    nums.loc["c0", "fraction"] = 0.5
    bounds = links.stated_bounds(claims, nums)
    assert all(math.isnan(lo) and math.isnan(hi) for lo, hi in bounds.values())


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": "b", "b": "a"}, [["a", "b"]]),
        ({"a": "b", "b": "c", "c": "a", "d": "a"}, [["a", "b", "c"]]),
        ({"a": "b", "b": "c"}, []),
        ({"a": "b", "b": "b2", "b2": "b"}, [["b", "b2"]]),
        ({"a": "a"}, [["a"]]),
    ],
)
def test_cycles(graph, expected):
    assert links.cycles(graph) == expected


def test_one_long_cycle():
    n = 50_000
    graph = {i: i + 1 for i in range(n)}
    graph[n] = 0
    (cycle,) = links.cycles(graph)
    assert cycle == list(range(n + 1))
