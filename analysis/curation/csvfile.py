"""Reading the curated CSV files, keeping each row's line number.

Everything is read as text; the schema decides what a cell must look like.
Optional columns may be absent from the header: they read as empty cells.
Problems of the file as a whole (encoding, line ends, header, field counts)
are collected here so that one run reports all of them.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.curation import rawfiles
from analysis.curation.dictionary import FileSpec
from analysis.curation.problems import Problem

LINE = "__line__"


@dataclass
class Table:
    """The rows of one file as strings (empty cells are NA), plus its problems."""

    spec: FileSpec
    label: str
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True
    missing_columns: frozenset[str] = frozenset()
    skipped_ids: frozenset[str] = frozenset()  # ids of rows left out for their field count
    _lines: dict | None = field(default=None, repr=False, compare=False)

    def line(self, index) -> int:
        """The line of the file a row of the frame was read from."""
        if self._lines is None or len(self._lines) != len(self.frame):
            self._lines = self.frame[LINE].to_dict()
        return int(self._lines[index])


def relative_label(path: Path, root: Path | None = None) -> str:
    """The path as users see it: relative to the project root when inside it.

    The folder is resolved, not the file itself: a symbolic link is named as the
    link, not as its target.
    """
    try:
        where = path.parent.resolve() / path.name
        return str(where.relative_to((root or config.ROOT).resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def _decode(raw: bytes, label: str, problems: list[Problem]) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                label,
                1,
                "",
                "file starts with a UTF-8 byte-order mark (BOM)",
                "save as UTF-8 without BOM",
            )
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        problems.append(
            Problem(
                label,
                line,
                "",
                f"byte 0x{raw[e.start]:02X} at character {col} is not valid UTF-8",
                "the file looks Latin-1 or Windows-1252 encoded; re-save it as UTF-8",
            )
        )
        return None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(
            Problem(
                label,
                line,
                "",
                "line ends are CRLF (Windows) or CR",
                "save the file with LF line ends",
            )
        )
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _header_problems(
    header: list[str], spec: FileSpec, label: str
) -> tuple[list[Problem], frozenset[str]]:
    """Problems of the header line, and the required columns it lacks."""
    problems = []
    expected = spec.column_names
    for position, name in enumerate(header):
        shown = name.strip() or "(blank)"
        if not shown.isprintable() or not shown.isascii():
            shown = repr(shown)
        if name not in expected and name.strip() in expected:
            problems.append(
                Problem(
                    label,
                    1,
                    shown,
                    f"column name {name!r} has spaces around it",
                    f"write {name.strip()}",
                )
            )
        elif name not in expected:
            problems.append(
                Problem(
                    label, 1, shown, "unexpected column", f"expected columns: {', '.join(expected)}"
                )
            )
        elif header.count(name) > 1 and header.index(name) == position:
            problems.append(Problem(label, 1, name, "column appears more than once"))
    stripped = {name.strip() for name in header}
    missing = []
    for name in expected:
        # an optional column may be left out (read as empty), so that a corpus curated
        # before the column was added keeps validating; `migrate` adds it to the header
        if name not in header and spec.column(name).required:
            missing.append(name)
            if name not in stripped:  # else reported as a name with spaces
                problems.append(
                    Problem(
                        label,
                        1,
                        name,
                        "missing column",
                        "add it to the header, even if its cells are empty",
                    )
                )
    return problems, frozenset(missing)


def _empty_frame(spec: FileSpec) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="str") for c in [*spec.column_names, LINE]})


def _quote_problem(line: str, error: csv.Error) -> tuple[str, str]:
    """What is wrong with the quoting of one line, naming the character where it starts."""
    i = 0
    while i <= len(line):
        if line[i : i + 1] == '"':
            close = i + 1
            while True:
                close = line.find('"', close)
                if close < 0:
                    return (
                        f"quote opened at character {i + 1} is not closed on this line",
                        'close it, or double a quote inside a quoted cell (""); a cell '
                        "cannot span lines",
                    )
                if line[close + 1 : close + 2] != '"':
                    break
                close += 2
            if close + 1 < len(line) and line[close + 1] != ",":
                return (
                    f"text after the closing quote at character {close + 1}",
                    'quote the whole cell and double the quotes inside it ("")',
                )
            i = close + 1
        comma = line.find(",", i)
        if comma < 0:
            break
        i = comma + 1
    if "field larger" in str(error):
        return (
            f"a cell is longer than {csv.field_size_limit():,} characters",
            "cells hold a quote or a note, not a whole text",
        )
    return f"unreadable CSV: {error}", "check the quoting of this row"


def _parse_lines(text: str, label: str, problems: list[Problem]):
    """(line number, fields or None) for every line; each line is one record.

    A cell cannot span lines (line breaks in cells are refused anyway), so a
    quote left open is reported at the line where it opens and the next line is
    read as the next row: no row is silently swallowed.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        try:
            (fields,) = csv.reader([line], strict=True)
        except csv.Error as e:
            message, hint = _quote_problem(line, e)
            problems.append(Problem(label, number, "", message, hint))
            yield number, None, line.split(",", 1)[0].strip()
            continue
        yield number, fields, ""


def _unreadable(spec: FileSpec, label: str, problems: list[Problem]) -> Table:
    return Table(spec, label, _empty_frame(spec), problems, readable=False)


def read_table(spec: FileSpec, root: Path | None = None) -> Table:
    """Read one curated CSV file, collecting every structural problem."""
    path = spec.resolve(root)
    label = relative_label(path, root)
    problems: list[Problem] = []
    raw = rawfiles.read_bytes(path, label, problems, rawfiles.MAX_CSV_BYTES)
    if raw is None:
        return _unreadable(spec, label, problems)
    text = _decode(raw, label, problems)
    if text is None:
        return _unreadable(spec, label, problems)
    if not text.strip():
        problems.append(
            Problem(
                label,
                1,
                "",
                "file is empty",
                f"expected a header line: {','.join(spec.column_names)}",
            )
        )
        return _unreadable(spec, label, problems)
    records = _parse_lines(text, label, problems)
    _, header, _ = next(records)
    if not header:
        if header is not None:
            hint = "expected " + ",".join(spec.column_names)
            problems.append(Problem(label, 1, "", "the header line is empty", hint))
        return _unreadable(spec, label, problems)
    rows, lines, skipped, broken = [], [], set(), 0
    for number, record, first in records:
        if record is None:
            skipped.add(first)
            broken += 1
            continue
        if not record:
            problems.append(Problem(label, number, "", "blank line", "remove it"))
            continue
        if len(record) != len(header):
            problems.append(
                Problem(
                    label,
                    number,
                    "",
                    f"row has {len(record)} fields, the header has {len(header)}",
                    "quote cells that contain commas; check for a missing or extra comma",
                )
            )
            skipped.add(record[0].strip())
            broken += 1
            continue
        rows.append(record)
        lines.append(number)
    header_problems, missing = _header_problems(header, spec, label)
    problems += header_problems
    if len(rows) + broken < spec.min_rows:  # broken rows are there, and reported
        problems.append(
            Problem(
                label,
                1,
                "",
                "no data rows (header only)",
                f"{spec.path} needs at least {spec.min_rows} row(s)",
            )
        )
    frame = pd.DataFrame(rows, columns=header, dtype="str") if rows else _empty_frame(spec)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    for name in spec.column_names:
        if name not in frame.columns:
            frame[name] = pd.Series(pd.NA, index=frame.index, dtype="str")
    frame = frame[spec.column_names].replace("", pd.NA)
    frame[LINE] = lines if rows else []
    return Table(
        spec,
        label,
        frame.reset_index(drop=True),
        problems,
        missing_columns=missing,
        skipped_ids=frozenset(skipped),
    )
