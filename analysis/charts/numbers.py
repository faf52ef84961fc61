"""Numbers for people to read: thousands separators, no exponents, words for what is missing.

One place formats every figure shown in a chart label, a title or a notebook
table, so "1.1e+04" or "NaN" never reach a reader.
"""

import calendar
import math

NO_BEST = "no best value"


def number(x: float) -> str:
    """1,000; 13 million; 1.2 million; 10.9; 45.7; 0.25."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return NO_BEST
    if math.isinf(x):
        return "no bound"
    a = abs(x)
    if a >= 1_000_000:
        return f"{x / 1_000_000:,.3g} million"
    if a >= 100:
        return f"{x:,.0f}"
    if a >= 10 or x == int(x):
        return f"{x:,.3g}" if x != int(x) else f"{int(x):,}"
    return f"{x:.3g}"


def interval(low: float, high: float, high_open: bool, unit: str = "") -> str:
    """ "10,000 to 12,000", "9", "at least 3,000, no upper bound"; unit "%" appended."""
    if high_open:
        return f"at least {number(low)}{unit}, no upper bound"
    if low == high:
        return number(low) + unit
    return f"{number(low)}{unit} to {number(high)}{unit}"


def figure(low: float, best: float, high: float, high_open: bool, unit: str = "") -> str:
    """The best value with its interval, or the interval alone when there is no best."""
    span = interval(low, high, high_open, unit)
    if best is None or math.isnan(best):
        return span
    if not high_open and low == high:
        return number(best) + unit
    return f"{number(best)}{unit} ({span})"


def dates(earliest, latest) -> str:
    """Days as people write them: 14 Dec 2024, Nov 2024, 2019, 15 Jan to 28 Feb 2025."""
    if earliest == latest:
        return f"{earliest.day} {earliest:%b %Y}"
    whole_month = (
        earliest.day == 1
        and (earliest.year, earliest.month) == (latest.year, latest.month)
        and latest.day == calendar.monthrange(latest.year, latest.month)[1]
    )
    if whole_month:
        return f"{earliest:%b %Y}"
    month_end = latest.day == calendar.monthrange(latest.year, latest.month)[1]
    if earliest.day == 1 and month_end and (earliest.month, latest.month) != (1, 12):
        first = f"{earliest:%b}" + ("" if earliest.year == latest.year else f" {earliest.year}")
        return f"{first} to {latest:%b %Y}"
    if (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31):
        return (
            str(earliest.year) if earliest.year == latest.year else f"{earliest.year}-{latest.year}"
        )
    first = f"{earliest.day} {earliest:%b}" + (
        "" if earliest.year == latest.year else f" {earliest.year}"
    )
    return f"{first} to {latest.day} {latest:%b %Y}"
