"""A claim's values: their shape under the qualifier, their order, and that the text states them.

The value is read in value_text by the number grammar: digits, words, scale
words, fractions, per cent. A relative claim's fraction may be written as a
fraction ("half") or in per cent ("40 per cent" is fraction 0.4); so may a value
in the unit `fraction`. The qualifier must agree with the hedge written next to
the number (analysis.curation.hedges), and the unit must be one the measure
allows (the dictionary's measure table).
"""

import math

from analysis.curation import dictionary, hedges
from analysis.curation.corpus import Corpus, present
from analysis.language import numbers

BOUNDS = ("low", "best", "high")

_SHAPES = {
    "exact": ({"low", "best", "high"}, set(), "give low, best and high, all equal"),
    "approximately": (
        {"best"},
        {"low", "high"},
        "give best only; the analysis applies the tolerance",
    ),
    "at_least": (
        {"low"},
        {"best", "high"},
        "a one-sided bound: give low only, never invent best or high",
    ),
    "more_than": (
        {"low"},
        {"best", "high"},
        "a one-sided bound: give low only, never invent best or high",
    ),
    "at_most": ({"high"}, {"low", "best"}, "a one-sided bound: give high only"),
    "up_to": ({"high"}, {"low", "best"}, "a one-sided bound: give high only"),
    "range": ({"low", "high"}, set(), "give low and high (best if stated)"),
}


def _check_relative(corpus: Corpus, table, index, row, has: set[str]) -> None:
    if has:
        corpus.add(
            table,
            index,
            sorted(has)[0],
            "a relative claim has its value in fraction",
            "leave low, best and high empty; code resolves fraction x relative_to",
        )
    if not present(row["fraction"]):
        corpus.add(
            table,
            index,
            "fraction",
            "relative_to is set but fraction is empty",
            "give the share, e.g. 0.5 for half",
        )


def _check_shape(corpus: Corpus, table, index, row, nums, has: set[str]) -> None:
    needed, forbidden, hint = _SHAPES[row["qualifier"]]
    for c in sorted(needed - has):
        corpus.add(table, index, c, f"qualifier {row['qualifier']} needs {c}", hint)
    for c in sorted(forbidden & has):
        corpus.add(table, index, c, f"qualifier {row['qualifier']} takes no {c}", hint)
    usable = [c for c in BOUNDS if present(nums[c])]  # the schema reported the rest
    if row["qualifier"] == "exact" and usable:
        # point at the bound that differs from best (from low when best is missing)
        ref = "best" if "best" in usable else usable[0]
        for c in usable:
            if not numbers.same_number(nums[c], nums[ref]):
                corpus.add(table, index, c, "qualifier exact needs low = best = high", hint)
        return
    both = row["qualifier"] == "range" and {"low", "high"} <= set(usable)
    if both and numbers.same_number(nums["low"], nums["high"]):
        corpus.add(
            table,
            index,
            "high",
            "qualifier range needs low below high",
            "a single number is exact, or hedged by its own words",
        )
        return
    present_ = [(c, nums[c]) for c in usable]
    for (a, va), (b, vb) in zip(present_, present_[1:], strict=False):
        if va > vb:
            corpus.add(
                table,
                index,
                b,
                f"{a} {va:.15g} is greater than {b} {vb:.15g}",
                "bounds must be ordered low <= best <= high",
            )


def check_values(corpus: Corpus, table, index, row, nums, placed: bool = True) -> None:
    """Qualifier shape, bound order, unit, and that the value is readable in value_text.

    placed: value_text was found in the quote; the hedge next to its number is
    checked only then (a value_text cut from its quote has lost its hedge).
    """
    relative = present(row["relative_to"])
    has = {c for c in BOUNDS if present(row[c])}
    if relative:
        _check_relative(corpus, table, index, row, has)
    elif present(row["fraction"]):
        corpus.add(
            table,
            index,
            "relative_to",
            "fraction is set but relative_to is empty",
            "name the claim the fraction is a share of",
        )
    elif row["qualifier"] in _SHAPES:
        _check_shape(corpus, table, index, row, nums, has)
    unit_ok = _check_unit(corpus, table, index, row, nums, relative)
    stating = _check_readable(corpus, table, index, row, nums, relative)
    if placed and unit_ok and stating:
        _check_per_cent(corpus, table, index, row, stating, relative)
    if placed and row["qualifier"] in _SHAPES and stating is not None:
        message, hint = hedges.disagreement(row["qualifier"], row["value_text"], stating)
        if message:
            corpus.add(table, index, "qualifier", message, hint)


def _check_per_cent(corpus: Corpus, table, index, row, stating: list, relative: bool) -> None:
    """A value written in per cent is in percent, or a share (fraction); and only then."""
    unit, text = row["unit"], row["value_text"]
    written = any(m.percent for m in stating)
    if written and not relative and unit not in ("percent", "fraction"):
        corpus.add(
            table,
            index,
            "unit",
            f"{text!r} is written in per cent, the unit is {unit}",
            "a figure in per cent has unit percent (or fraction, or is a share of another claim "
            "with relative_to and fraction)",
        )
    elif unit == "percent" and not written and not relative:
        corpus.add(
            table,
            index,
            "unit",
            f"unit percent, but {text!r} is not written in per cent",
            "check the unit, or copy the per cent sign or words into value_text",
        )


def _check_unit(corpus: Corpus, table, index, row, nums, relative: bool) -> bool:
    """The measure allows the unit, and a share stays within its whole; True if the unit is."""
    measure = dictionary.measures().get(row["measure"])
    unit = row["unit"]
    if measure is None or not present(unit) or unit not in dictionary.vocabulary("unit"):
        return False  # reported by the schema
    if unit not in measure.units:
        corpus.add(
            table,
            index,
            "unit",
            f"unit {unit} is not a unit of measure {measure.name}",
            f"{measure.name} is counted in {', '.join(measure.units)}",
        )
        return False
    top = 1 if unit == "fraction" else 100 if measure.count == "share" else math.inf
    for c in () if relative else BOUNDS:
        if present(nums[c]) and nums[c] > top:
            corpus.add(
                table,
                index,
                c,
                f"{c} {nums[c]:.15g} is more than {top:g} {unit}",
                "a share cannot be larger than its whole",
            )
    return True


def _states(value: float, m: numbers.Mention, per_cent_as_share: bool) -> bool:
    if numbers.same_number(value, m.value):
        return True
    return per_cent_as_share and m.percent and numbers.same_number(value * 100, m.value)


def _check_readable(corpus, table, index, row, nums, relative: bool) -> list | None:
    """The mentions of value_text that state the curated values; None when one is missing."""
    text = row["value_text"]
    if not present(text):
        return None
    mentions = numbers.find_mentions(text)
    if not mentions:
        corpus.add(
            table,
            index,
            "value_text",
            f"no number can be read in {text!r}",
            "value_text must contain the figure as written (digits or words)",
        )
        return None
    as_share = relative or row["unit"] == "fraction"
    stating, complete = [], True
    for c in ["fraction"] if relative else BOUNDS:
        v = nums[c]
        if not present(v):
            continue
        hits = [m for m in mentions if _states(v, m, as_share)]
        if hits:
            stating += [m for m in hits if m not in stating]
            continue
        complete = False
        shown = ", ".join(_shown(m) for m in mentions)
        corpus.add(
            table,
            index,
            c,
            f"{c} {v:.15g} cannot be read in {text!r}",
            f"the value_text reads as {shown}",
        )
    return stating if complete else None


def _shown(m: numbers.Mention) -> str:
    return f"{m.value:.15g} per cent" if m.percent else f"{m.value:.15g}"
