"""Interval arithmetic for figures with uncertainty: low, best, high.

A figure is an Interval: `low` and `high` bound it (high may be +inf for "over
13 million": an open upper bound stays open through every step), `best` is the
point value the text states, or NaN when it states none ("at least 1,000" has
no best). Every operation carries best through only when both inputs have one.

The qualifier convention (how words become bounds) lives here too, with the
tolerance as a parameter so notebooks can change it:

    exact           [v, v]                 best v
    approximately   [v(1-t), v(1+t)]       best v      t = tolerance (default 10%)
    at_least        [v, inf)               no best
    more_than       [v, inf)               no best     (exclusive in the text)
    at_most, up_to  [0, v]                 no best
    range           [low, high]            best if stated
"""

import math
from dataclasses import dataclass

DEFAULT_TOLERANCE = 0.10
INF = math.inf
NAN = math.nan


@dataclass(frozen=True)
class Interval:
    """A non-negative quantity known to lie in [low, high], with an optional best value."""

    low: float
    best: float
    high: float

    def __post_init__(self):
        if self.low > self.high:
            raise ValueError(f"interval low {self.low} > high {self.high}")
        if not math.isnan(self.best) and not self.low <= self.best <= self.high:
            raise ValueError(f"best {self.best} outside [{self.low}, {self.high}]")

    @property
    def open_high(self) -> bool:
        """True when there is no upper bound ("over 13 million")."""
        return math.isinf(self.high)

    @classmethod
    def point(cls, value: float) -> "Interval":
        return cls(value, value, value)

    def __mul__(self, other: "Interval") -> "Interval":
        return Interval(
            _mul(self.low, other.low), _mul(self.best, other.best), _mul(self.high, other.high)
        )

    def __add__(self, other: "Interval") -> "Interval":
        return Interval(self.low + other.low, self.best + other.best, self.high + other.high)

    def __truediv__(self, other: "Interval") -> "Interval":
        """Quotient of non-negative intervals: the smallest over the largest and vice versa."""
        return Interval(
            _div(self.low, other.high), _div(self.best, other.best), _div(self.high, other.low)
        )

    def scale(self, factor: float) -> "Interval":
        return Interval(self.low * factor, self.best * factor, self.high * factor)


def _mul(a: float, b: float) -> float:
    if (a == 0 and math.isinf(b)) or (b == 0 and math.isinf(a)):
        return 0.0
    return a * b


def _div(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return NAN
    if b == 0:
        return INF if a > 0 else 0.0
    if math.isinf(b):
        return 0.0 if not math.isinf(a) else NAN
    return a / b


def from_qualifier(
    qualifier: str, low: float, best: float, high: float, tolerance: float = DEFAULT_TOLERANCE
) -> Interval:
    """The interval a curated figure stands for, under the documented convention."""
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be in [0, 1), got {tolerance}")
    if qualifier == "exact":
        return Interval(best, best, best)
    if qualifier == "approximately":
        return Interval(best * (1 - tolerance), best, best * (1 + tolerance))
    if qualifier in ("at_least", "more_than"):
        return Interval(low, NAN, INF)
    if qualifier in ("at_most", "up_to"):
        return Interval(0.0, NAN, high)
    if qualifier == "range":
        return Interval(low, best, high)
    raise ValueError(f"unknown qualifier {qualifier!r}")
