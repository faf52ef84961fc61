"""Reading the curated CSV files, keeping each row's line number.

Everything is read as text; the schema decides what a cell must look like.
Optional columns may be absent from the header: they read as empty cells.
Problems of the file as a whole (encoding, line ends, header, field counts)
are collected here so that one run reports all of them.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config
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

    def line(self, index) -> int:
        return int(self.frame.at[index, LINE])


def relative_label(path: Path, root: Path | None = None) -> str:
    """The path as users see it: relative to the project root when inside it."""
    try:
        return str(path.resolve().relative_to((root or config.ROOT).resolve()))
    except ValueError:
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


def _header_problems(header: list[str], spec: FileSpec, label: str) -> list[Problem]:
    problems = []
    expected = spec.column_names
    for name in header:
        if name not in expected:
            problems.append(
                Problem(
                    label,
                    1,
                    name.strip() or "(blank)",
                    "unexpected column",
                    f"expected columns: {', '.join(expected)}",
                )
            )
        elif header.count(name) > 1:
            problems.append(Problem(label, 1, name, "column appears more than once"))
    for name in expected:
        # an optional column may be left out (read as empty), so that a corpus curated
        # before the column was added keeps validating; `migrate` adds it to the header
        if name not in header and spec.column(name).required:
            problems.append(
                Problem(
                    label,
                    1,
                    name,
                    "missing column",
                    "add it to the header, even if its cells are empty",
                )
            )
    return problems


def _empty_frame(spec: FileSpec) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="str") for c in [*spec.column_names, LINE]})


def read_table(spec: FileSpec, root: Path | None = None) -> Table:
    """Read one curated CSV file, collecting every structural problem."""
    path = spec.resolve(root)
    label = relative_label(path, root)
    problems: list[Problem] = []
    if not path.is_file():
        problems.append(Problem(label, 0, "", "file not found", f"create {spec.path}"))
        return Table(spec, label, _empty_frame(spec), problems, readable=False)
    text = _decode(path.read_bytes(), label, problems)
    if text is None:
        return Table(spec, label, _empty_frame(spec), problems, readable=False)
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
        return Table(spec, label, _empty_frame(spec), problems, readable=False)

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines, skipped = [], [], set()
    try:
        header = next(reader)
        previous = reader.line_num
        for record in reader:
            start = previous + 1
            previous = reader.line_num
            if not record:
                problems.append(Problem(label, start, "", "blank line", "remove it"))
                continue
            if len(record) != len(header):
                problems.append(
                    Problem(
                        label,
                        start,
                        "",
                        f"row has {len(record)} fields, the header has {len(header)}",
                        "quote cells that contain commas; check for a missing or extra comma",
                    )
                )
                skipped.add(record[0].strip())
                continue
            rows.append(record)
            lines.append(start)
    except csv.Error as e:
        problems.append(
            Problem(
                label, reader.line_num, "", f"unreadable CSV: {e}", "check the quoting of this row"
            )
        )
    header_problems = _header_problems(header, spec, label)
    problems += header_problems
    if len(rows) < spec.min_rows:
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
    missing = frozenset(p.column for p in header_problems if p.message == "missing column")
    return Table(
        spec,
        label,
        frame.reset_index(drop=True),
        problems,
        missing_columns=missing,
        skipped_ids=frozenset(skipped),
    )
