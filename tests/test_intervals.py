"""Interval arithmetic and the qualifier convention."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.derived.intervals import DEFAULT_TOLERANCE, Interval, from_qualifier

NAN, INF = math.nan, math.inf


def same(iv: Interval, low: float, best: float, high: float) -> bool:
    """Bounds equal up to float rounding; NaN best matches NaN, inf matches inf."""

    def eq(a, b):
        if math.isnan(b):
            return math.isnan(a)
        return a == pytest.approx(b, rel=1e-12)

    return eq(iv.low, low) and eq(iv.best, best) and eq(iv.high, high)


# --- the qualifier convention -------------------------------------------------------


def test_default_tolerance_is_ten_percent():
    assert DEFAULT_TOLERANCE == 0.10


def test_exact_is_a_point():
    iv = from_qualifier("exact", 37, 37, 37)
    assert (iv.low, iv.best, iv.high) == (37, 37, 37)
    assert not iv.open_high


def test_approximately_default_tolerance():
    # "some 11,000": 11,000 +/- 10% = 9,900 .. 12,100
    assert same(from_qualifier("approximately", NAN, 11_000, NAN), 9_900, 11_000, 12_100)


def test_approximately_custom_tolerance():
    # 11,000 +/- 20% = 8,800 .. 13,200; 0.5 +/- 25% = 0.375 .. 0.625
    assert same(from_qualifier("approximately", NAN, 11_000, NAN, 0.2), 8_800, 11_000, 13_200)
    assert same(from_qualifier("approximately", NAN, 0.5, NAN, tolerance=0.25), 0.375, 0.5, 0.625)
    # zero tolerance makes it exact
    assert same(from_qualifier("approximately", NAN, 12, NAN, tolerance=0), 12, 12, 12)


@pytest.mark.parametrize("qualifier", ["at_least", "more_than"])
def test_lower_bounds_are_open_above_with_no_best(qualifier):
    iv = from_qualifier(qualifier, 13_000_000, NAN, NAN)
    assert iv.low == 13_000_000
    assert math.isnan(iv.best)
    assert iv.high == INF
    assert iv.open_high


@pytest.mark.parametrize("qualifier", ["at_most", "up_to"])
def test_upper_bounds_start_at_zero_with_no_best(qualifier):
    iv = from_qualifier(qualifier, NAN, NAN, 500)
    assert (iv.low, iv.high) == (0, 500)
    assert math.isnan(iv.best)
    assert not iv.open_high


def test_range_with_and_without_best():
    assert same(from_qualifier("range", 61, 65, 74), 61, 65, 74)
    assert same(from_qualifier("range", 61, NAN, 74), 61, NAN, 74)


def test_tolerance_does_not_touch_other_qualifiers():
    for tolerance in (0.0, 0.3):
        assert same(from_qualifier("exact", 9, 9, 9, tolerance), 9, 9, 9)
        assert same(from_qualifier("at_least", 1000, NAN, NAN, tolerance), 1000, NAN, INF)
        assert same(from_qualifier("range", 1, 2, 3, tolerance), 1, 2, 3)


@pytest.mark.parametrize("tolerance", [-0.1, 1.0, 1.5])
def test_invalid_tolerance_raises(tolerance):
    with pytest.raises(ValueError, match="tolerance"):
        from_qualifier("approximately", NAN, 100, NAN, tolerance)


def test_unknown_qualifier_raises():
    with pytest.raises(ValueError, match="unknown qualifier 'about'"):
        from_qualifier("about", NAN, 100, NAN)


def test_construction_checks_order():
    with pytest.raises(ValueError, match="low"):
        Interval(2, NAN, 1)
    with pytest.raises(ValueError, match="best"):
        Interval(1, 5, 3)
    assert Interval.point(4) == Interval(4, 4, 4)


# --- arithmetic, by hand ------------------------------------------------------------


def test_arithmetic_by_hand():
    a, b = Interval(1, 2, 3), Interval(4, 5, 6)
    assert same(a * b, 4, 10, 18)
    assert same(a + b, 5, 7, 9)
    assert same(a / b, 1 / 6, 2 / 5, 3 / 4)
    assert same(a.scale(100), 100, 200, 300)


def test_best_needs_both_bests():
    a, b = Interval(1, NAN, 3), Interval(4, 5, 6)
    for result in (a * b, b * a, a + b, b + a, a / b, b / a):
        assert math.isnan(result.best)


def test_open_high_through_arithmetic():
    over = Interval(13_000_000, NAN, INF)
    days = Interval(1_000, 1_100, 1_124)
    assert same(over / days, 13_000_000 / 1_124, NAN, INF)
    assert same(over + Interval.point(1), 13_000_001, NAN, INF)
    assert same(Interval(0.45, 0.5, 0.55) * Interval(1_000, NAN, INF), 450, NAN, INF)


def test_zero_times_open_is_zero_not_nan():
    assert same(Interval(1_000, NAN, INF) * Interval.point(0), 0, NAN, 0)


def test_division_by_an_interval_reaching_zero_is_open():
    assert same(Interval.point(5) / Interval(0, 1, 2), 2.5, 5, INF)
    assert same(Interval.point(0) / Interval(0, 0, 2), 0, 0, 0)


# --- properties ---------------------------------------------------------------------

VALUES = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
UNIT = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def intervals(draw, open_high=None, positive=False, bounded=False):
    """Non-negative intervals, sometimes open above, sometimes with no best."""
    low, high = sorted([draw(VALUES), draw(VALUES)])
    if positive:
        low, high = low + 1e-3, high + 1e-3
    best = low + draw(UNIT) * (high - low) if draw(st.booleans()) else NAN
    best = min(best, high) if not math.isnan(best) else best
    is_open = draw(st.booleans()) if open_high is None else open_high
    if bounded:
        is_open = False
    return Interval(low, best, INF if is_open else high)


@st.composite
def point_in(draw, iv: Interval) -> float:
    """A value inside the interval (any value above low when it is open)."""
    if iv.open_high:
        return iv.low + draw(VALUES)
    return min(iv.high, iv.low + draw(UNIT) * (iv.high - iv.low))


def ordered(iv: Interval) -> bool:
    if math.isnan(iv.low) or math.isnan(iv.high) or iv.low > iv.high:
        return False
    return math.isnan(iv.best) or iv.low <= iv.best <= iv.high


OPS = {
    "*": lambda a, b: a * b,
    "+": lambda a, b: a + b,
}


@given(intervals(), intervals(), st.sampled_from(sorted(OPS)))
def test_product_and_sum_are_ordered(a, b, op):
    assert ordered(OPS[op](a, b))


@given(intervals(), intervals())
def test_quotient_is_ordered(a, b):
    assert ordered(a / b)


@given(st.data(), intervals(), intervals())
def test_results_contain_every_combination_of_points(data, a, b):
    x, y = data.draw(point_in(a)), data.draw(point_in(b))
    product, total = a * b, a + b
    assert product.low <= x * y <= product.high
    assert total.low <= x + y <= total.high
    if y > 0:
        quotient = a / b
        assert quotient.low <= x / y <= quotient.high


@given(intervals(open_high=True), intervals())
def test_open_stays_open_through_sum(a, b):
    assert (a + b).open_high
    assert (b + a).open_high


@given(intervals(open_high=True), intervals(positive=True))
def test_open_stays_open_through_product(a, b):
    # any upper bound above zero keeps the product unbounded
    assert (a * b).open_high
    assert (b * a).open_high


@given(intervals(open_high=True), intervals(positive=True, bounded=True))
def test_open_stays_open_divided_by_bounded_positive(a, b):
    assert (a / b).open_high


@given(intervals(), intervals(positive=True), VALUES, VALUES)
def test_division_is_monotone(a, b, up_low, up_high):
    # a bigger numerator: both bounds move up (or stay)
    bigger = Interval(a.low + up_low, NAN, a.high + up_low + up_high)
    assert (bigger / b).low >= (a / b).low
    assert (bigger / b).high >= (a / b).high
    # a bigger denominator: both bounds move down (or stay)
    larger = Interval(b.low + up_low, NAN, b.high + up_low + up_high)
    assert (a / larger).low <= (a / b).low
    assert (a / larger).high <= (a / b).high


@given(intervals(), st.floats(min_value=1e-6, max_value=1e6))
def test_scale_by_positive_keeps_order(a, factor):
    scaled = a.scale(factor)
    assert ordered(scaled)
    assert scaled.open_high == a.open_high
    assert math.isnan(scaled.best) == math.isnan(a.best)
