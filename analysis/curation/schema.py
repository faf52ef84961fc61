"""Cell-level checks of the curated files, as pandera schemas built from the dictionary.

Every cell is checked as text first, with one specific message per way it can
be wrong, so that a bad number does not hide other problems in its column
(pandera skips value checks on a column whose coercion failed).
"""

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from analysis.curation.csvfile import Table
from analysis.curation.dictionary import ColumnSpec, FileSpec
from analysis.curation.problems import Problem
from analysis.language import dates

NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
ID_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*")
SHA256_RE = re.compile(r"[0-9a-f]{64}")
CONTROL_RE = re.compile(r"[\x00-\x1f]")
HTML_RE = re.compile(r"</?[A-Za-z][^<>]*>|&(?:[a-z]+|#\d+);")
FORMULA_PREFIXES = ("=", "+", "@")
SEP = "\x1f"  # separates message and hint inside a pandera check's error string


def _check(test: Callable[[str], bool], message: str, hint: str = "") -> pa.Check:
    return pa.Check(lambda v: test(str(v)), element_wise=True, error=f"{message}{SEP}{hint}")


def _typed(test: Callable[[str], bool], message: str, hint: str = "") -> pa.Check:
    """A type check: it sees the value without the spaces around it, which common_checks reports."""
    return _check(lambda v: test(v.strip()), message, hint)


def _is_number(v: str) -> bool:
    return bool(NUMBER_RE.fullmatch(v))


def _is_url(v: str) -> bool:
    """An absolute http or https address with a host and no spaces."""
    try:
        parts = urlsplit(v)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in v


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


def common_checks() -> list[pa.Check]:
    """Checks every text cell gets, whatever its type."""
    return [
        _check(
            lambda v: v == v.strip(),
            "leading or trailing whitespace",
            "remove the spaces around the value",
        ),
        _check(
            lambda v: not v.startswith(FORMULA_PREFIXES),
            "looks like a spreadsheet formula",
            "type the value itself, not a formula",
        ),
        _check(
            lambda v: not CONTROL_RE.search(v),
            "contains a control character",
            "remove tabs and line breaks inside the cell",
        ),
    ]


def _number_checks(col: ColumnSpec) -> list[pa.Check]:
    def other(v: str) -> bool:
        return _is_number(v) or v.startswith(("-", "=", "+", "@")) or "," in v

    checks = [
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
    return checks


def type_checks(col: ColumnSpec) -> list[pa.Check]:
    """The checks that follow from a column's documented type."""
    t = col.type
    if t == "number":
        return _number_checks(col)
    if t == "integer":
        return [_typed(lambda v: v.isdigit(), "not a whole number", "write digits only")]
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
        return [_typed(lambda v: _valid_date(v, full), "invalid date", f"write {fmt}")]
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


def build_schema(spec: FileSpec, skip: frozenset[str] = frozenset()) -> pa.DataFrameSchema:
    """The pandera schema of one raw file, from its dictionary entry."""
    columns = {
        c.name: pa.Column(None, nullable=not c.required, checks=common_checks() + type_checks(c))
        for c in spec.columns
        if c.name not in skip
    }
    return pa.DataFrameSchema(columns, strict=False)


def _to_problem(table: Table, row: pd.Series) -> Problem:
    column = str(row["column"])
    check = str(row["check"])
    value = row["failure_case"]
    index = row["index"]
    line = table.line(index) if index is not None and not pd.isna(index) else 1
    if check == "not_nullable":
        return Problem(table.label, line, column, "required value is empty")
    message, _, hint = check.partition(SEP)
    if message == "invalid date":
        message = _date_message(str(value).strip())
    shown = str(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    if repr(shown) not in message:
        message = f"{message}: {shown!r}"
    return Problem(table.label, line, column, message, hint)


def check_cells(table: Table) -> list[Problem]:
    """Every cell-level problem of a table, as Problems with line numbers."""
    if table.frame.empty:
        return []
    schema = build_schema(table.spec, table.missing_columns)
    try:
        schema.validate(table.frame, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        return [_to_problem(table, row) for _, row in cases.iterrows()]
    return []


def has_html(text: str) -> bool:
    """True when text contains HTML tags or entities."""
    return bool(HTML_RE.search(text))
