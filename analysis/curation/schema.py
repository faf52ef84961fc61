"""Cell-level checks of the curated files, as pandera schemas built from the dictionary.

Every cell is checked as text first, with one specific message per way it can
be wrong, so that a bad number does not hide other problems in its column
(pandera skips value checks on a column whose coercion failed). Each column has
one pandera check that runs all its rules (pandera's cost is per check, not per
cell); the cells it fails are then told apart rule by rule, one problem per
broken rule.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from analysis.curation import characters, dictionary
from analysis.curation.csvfile import Table
from analysis.curation.dictionary import ColumnSpec, FileSpec
from analysis.curation.problems import Problem
from analysis.language import dates

NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
NUMBER_DIGITS = 15  # before the point: a count of 10^15 or more is a typo, and floats lose units
ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*")
SHA256_RE = re.compile(r"[0-9a-f]{64}")
CONTROL_RE = characters.CONTROL_RE
HTML_RE = re.compile(r"</?[A-Za-z][^<>]*>|&(?:[a-z]+|#\d+);")
# tab and CR are refused as control characters; "-12" is a plain number, not a formula
FORMULA_PREFIXES = tuple(p for p in dictionary.formula_prefixes() if p.isprintable())
SEP = "\x1f"  # separates message and hint inside a pandera check's error string
CHARACTERS = "characters"  # the message of the character check, filled in per cell
CELL = "cell"  # the error of a column's one pandera check


@dataclass(frozen=True)
class Rule:
    """One way a cell can be wrong: a test it must pass, and what to say when it does not."""

    test: Callable[[str], bool]
    message: str
    hint: str = ""


def _check(test: Callable[[str], bool], message: str, hint: str = "") -> Rule:
    return Rule(test, message, hint)


def _typed(test: Callable[[str], bool], message: str, hint: str = "") -> Rule:
    """A type check: it sees the value without the spaces around it, which common_checks reports."""
    return Rule(lambda v: test(v.strip()), message, hint)


def _is_number(v: str) -> bool:
    return bool(NUMBER_RE.fullmatch(v))


def _is_url(v: str) -> bool:
    """An absolute http or https address with a host and no spaces."""
    try:
        parts = urlsplit(v)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in v


def _foreign_digits(v: str) -> bool:
    """Reported by the character check; type checks let such a cell pass."""
    return bool(characters.FOREIGN_DIGIT_RE.search(v))


def is_formula(v: str) -> bool:
    """A cell a spreadsheet would run as a formula ("-12" is a number, not one)."""
    return v.startswith(FORMULA_PREFIXES) and not (v[:1] == "-" and _is_number(v[1:]))


def _valid_date(v: str, full: bool) -> bool:
    if full and len(v) != 10:
        return False
    try:
        dates.parse_partial(v)
    except ValueError:
        return False
    return True


def _date_message(v: str) -> str:
    try:
        dates.parse_partial(v)
    except ValueError as e:
        return str(e).split(" (write ")[0]  # the check's own hint says what to write
    return "a full date YYYY-MM-DD is required here"


def common_checks(col: ColumnSpec) -> list[Rule]:
    """Checks every text cell gets, whatever its type."""
    return [
        _check(
            lambda v: v == v.strip(),
            "leading or trailing whitespace",
            "remove the spaces around the value",
        ),
        _check(
            lambda v: not is_formula(v),
            "looks like a spreadsheet formula",
            "type the value itself, not a formula; a cell starting with =, +, - or @ "
            "runs in a spreadsheet",
        ),
        _check(
            lambda v: not CONTROL_RE.search(v),
            "contains a control character",
            "remove tabs and line breaks inside the cell",
        ),
        _check(lambda v: characters.problem(v, col.verbatim) is None, CHARACTERS),
    ]


def within(col: ColumnSpec, v: str) -> bool:
    if not _is_number(v) or len(v.split(".")[0]) > NUMBER_DIGITS:
        return True  # reported by the other checks
    x = float(v)
    return (col.above is None or x > col.above) and (col.max is None or x <= col.max)


def _number_checks(col: ColumnSpec) -> list[Rule]:
    def other(v: str) -> bool:
        return _is_number(v) or v.startswith(("-", "=", "+", "@")) or "," in v or _foreign_digits(v)

    checks = [
        _typed(
            lambda v: not _is_number(v) or len(v.split(".")[0]) <= NUMBER_DIGITS,
            "number too large",
            f"more than {NUMBER_DIGITS} digits before the point: check for a typo",
        ),
        _typed(
            lambda v: not (v.startswith("-") and _is_number(v[1:])),
            "negative number",
            "counts and bounds cannot be negative",
        ),
        _typed(
            lambda v: "," not in v,
            "thousands separator or comma in a number",
            "write 11000, not 11,000",
        ),
        _typed(other, "not a number", "write digits only, e.g. 11000 or 0.5"),
    ]
    if col.above is not None or col.max is not None:
        checks.append(
            _typed(
                lambda v: within(col, v),
                f"{col.name} outside {col.bounds}",
                col.hint or f"the dictionary allows {col.bounds}",
            )
        )
    return checks


def type_checks(col: ColumnSpec) -> list[Rule]:
    """The checks that follow from a column's documented type."""
    t = col.type
    if t == "number":
        return _number_checks(col)
    if t == "integer":
        return [
            _typed(
                lambda v: (v.isascii() and v.isdigit()) or _foreign_digits(v),
                "not a whole number",
                "write digits only",
            )
        ]
    if t in ("id", "ref"):
        return [
            _typed(
                lambda v: bool(ID_RE.fullmatch(v)),
                "not a valid id",
                "use lower-case letters, digits, '-', '_' or '.'",
            )
        ]
    if t == "enum":
        allowed = set(col.vocabulary)
        return [
            _typed(
                lambda v: v in allowed,
                f"unknown {col.vocabulary_name or col.name}",
                "allowed: " + ", ".join(col.vocabulary),
            )
        ]
    if t in ("partial_date", "date"):
        full = t == "date"
        fmt = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
        return [
            _typed(
                lambda v: _foreign_digits(v) or _valid_date(v, full),
                "invalid date",
                f"write {fmt}",
            )
        ]
    if t == "boolean":
        return [_typed(lambda v: v in ("true", "false"), "not a boolean", "write true or false")]
    if t == "url":
        return [
            _typed(
                _is_url, "not an http(s) URL", "write the whole address, from https:// or http://"
            )
        ]
    if t == "sha256":
        return [
            _typed(
                lambda v: bool(SHA256_RE.fullmatch(v)),
                "not a sha256 digest",
                "64 lower-case hex digits; sha256sum prints it",
            )
        ]
    return []


@cache
def rules(spec: FileSpec) -> dict[str, list[Rule]]:
    """The rules of every column of a file."""
    return {c.name: common_checks(c) + type_rules(spec, c.name) for c in spec.columns}


@cache
def type_rules(spec: FileSpec, column: str) -> list[Rule]:
    """The rules that follow from one column's type."""
    return type_checks(spec.column(column))


def build_schema(spec: FileSpec, skip: frozenset[str] = frozenset()) -> pa.DataFrameSchema:
    """The pandera schema of one raw file, from its dictionary entry."""
    every = rules(spec)

    def check(name: str) -> pa.Check:
        tests = [r.test for r in every[name]]

        def passes(column: pd.Series) -> pd.Series:
            # one pass over the column's list: pandas' element-wise map is slow on text
            ok = [not isinstance(v, str) or all(t(v) for t in tests) for v in column.tolist()]
            return pd.Series(ok, index=column.index, dtype=bool)

        return pa.Check(passes, error=f"{CELL}{SEP}{name}")

    columns = {
        c.name: pa.Column(None, nullable=not c.required, checks=[check(c.name)])
        for c in spec.columns
        if c.name not in skip
    }
    return pa.DataFrameSchema(columns, strict=False)


def _cell_problems(table: Table, line: int, column: str, value: str) -> list[Problem]:
    problems, column_rules = [], rules(table.spec)[column]
    refused_characters = any(r.message == CHARACTERS and not r.test(value) for r in column_rules)
    for rule in column_rules:
        if rule.test(value) or (refused_characters and rule in type_rules(table.spec, column)):
            continue  # a type rule says nothing more about a cell with a refused character
        message, hint = rule.message, rule.hint
        if message == CHARACTERS:
            found = characters.problem(value, table.spec.column(column).verbatim)
            message, hint = found[1:] if found else ("contains a refused character", "")
        if message == "invalid date":
            message = _date_message(value.strip())
        shown = value if len(value) <= 60 else value[:57] + "..."
        if repr(shown) not in message:
            message = f"{message}: {shown!r}"
        problems.append(Problem(table.label, line, column, message, hint))
    return problems


def _to_problems(table: Table, row: pd.Series) -> list[Problem]:
    column = str(row["column"])
    index = row["index"]
    line = table.line(index) if index is not None and not pd.isna(index) else 1
    if str(row["check"]) == "not_nullable":
        return [Problem(table.label, line, column, "required value is empty")]
    return _cell_problems(table, line, column, str(row["failure_case"]))


def check_cells(table: Table) -> list[Problem]:
    """Every cell-level problem of a table, as Problems with line numbers."""
    if table.frame.empty:
        return []
    schema = build_schema(table.spec, table.missing_columns)
    try:
        schema.validate(table.frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        return [p for _, row in cases.iterrows() for p in _to_problems(table, row)]
    return []


def has_html(text: str) -> bool:
    """True when text contains HTML tags or entities."""
    return bool(HTML_RE.search(text))
