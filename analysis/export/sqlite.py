"""One SQLite database of every raw and processed table, typed, keyed and searchable.

Each table of the data dictionary becomes a table of the same name: columns
typed from the dictionary (number REAL, integer INTEGER, boolean INTEGER 0/1,
the rest TEXT), required cells NOT NULL, allowed values CHECKed, the key as
PRIMARY KEY and every reference as a FOREIGN KEY (so Datasette links rows).
Each table with quotes, claimants, subjects or labels gets an FTS5 index,
`<table>_fts`, that Datasette offers as a search box.

The processed tables are derived in memory from the validated raw tables and
written in the same text as data/processed (6 significant digits), so the
database matches data/raw as it is now even when data/processed is older.
"""

import csv
import io
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from analysis import config
from analysis.curation import dictionary
from analysis.curation.dictionary import ColumnSpec, FileSpec
from analysis.curation.validate import Corpus
from analysis.derived import build
from analysis.export.files import write_atomically

DEFAULT_NAME = "war-figures.sqlite"
SQL_TYPES = {"number": "REAL", "integer": "INTEGER", "boolean": "INTEGER"}
# Columns a person searches by words; every table gets an index over those it has.
SEARCHABLE = (
    "title",
    "label",
    "subject",
    "description",
    "claimant",
    "relayed_by",
    "source",
    "value_text",
    "mention",
    "quote",
)


def default_path(root: Path | None = None) -> Path:
    """Where `export sqlite` writes unless told otherwise: data/war-figures.sqlite."""
    return (root or config.ROOT) / "data" / DEFAULT_NAME


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column_sql(column: ColumnSpec) -> str:
    name = _quoted(column.name)
    sql = f"{name} {SQL_TYPES.get(column.type, 'TEXT')}"
    if column.required:
        sql += " NOT NULL"
    if column.vocabulary:
        sql += f" CHECK ({name} IN ({', '.join(_literal(w) for w in column.vocabulary)}))"
    if column.type == "boolean":
        sql += f" CHECK ({name} IN (0, 1))"
    return sql


def create_table_sql(spec: FileSpec) -> str:
    """CREATE TABLE for one file of the dictionary."""
    lines = [_column_sql(c) for c in spec.columns]
    if spec.key:
        lines.append(f"PRIMARY KEY ({', '.join(_quoted(k) for k in spec.key_columns)})")
    for column in spec.columns:
        if column.ref:
            table, _, target = column.ref.partition(".")
            lines.append(
                f"FOREIGN KEY ({_quoted(column.name)}) REFERENCES {_quoted(table)} "
                f"({_quoted(target)}) DEFERRABLE INITIALLY DEFERRED"
            )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {_quoted(spec.name)} (\n  {body}\n)"


def _value(column: ColumnSpec, cell: str | None):
    """A CSV cell as the Python value SQLite stores for the column's type."""
    if cell is None or cell == "":
        return None
    if column.type == "number":
        return float(cell)
    if column.type == "integer":
        return int(cell)
    if column.type == "boolean":
        return int(cell == "true")
    return cell


def insert_rows(db: sqlite3.Connection, spec: FileSpec, rows: Iterable[dict]) -> None:
    """Insert rows of text cells (by column name; a missing column is empty), typed."""
    names = ", ".join(_quoted(c.name) for c in spec.columns)
    marks = ", ".join("?" for _ in spec.columns)
    db.executemany(
        f"INSERT INTO {_quoted(spec.name)} ({names}) VALUES ({marks})",
        ([_value(c, row.get(c.name)) for c in spec.columns] for row in rows),
    )


def add_search(db: sqlite3.Connection, spec: FileSpec) -> str | None:
    """An FTS5 index over the table's searchable columns, named `<table>_fts`; its name."""
    columns = [c for c in SEARCHABLE if c in spec.column_names]
    if not columns:
        return None
    fts, names = f"{spec.name}_fts", ", ".join(_quoted(c) for c in columns)
    db.execute(
        f"CREATE VIRTUAL TABLE {_quoted(fts)} USING fts5({names}, "
        f"content={_quoted(spec.name)}, tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        f"INSERT INTO {_quoted(fts)} (rowid, {names}) "
        f"SELECT rowid, {names} FROM {_quoted(spec.name)}"
    )
    return fts


def _raw_rows(corpus: Corpus, name: str) -> list[dict]:
    frame = corpus.frame(name)[dictionary.file_spec(name).column_names]
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _processed_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def table_rows(corpus: Corpus) -> dict[str, list[dict]]:
    """Every table of the dictionary as rows of text cells: raw as curated, processed as built."""
    built = {name: build.to_csv_text(frame) for name, frame in build.build_tables(corpus).items()}
    rows = {}
    for name in dictionary.file_names():
        spec = dictionary.file_spec(name)
        if spec.kind == "raw":
            rows[name] = _raw_rows(corpus, name)
        else:
            rows[name] = _processed_rows(built[Path(spec.path).name])
    return rows


def fill(db: sqlite3.Connection, rows: dict[str, list[dict]]) -> None:
    """Create, fill and index every table in one transaction; foreign keys checked at the end."""
    db.execute("PRAGMA foreign_keys = ON")
    with db:
        for name in rows:  # every table first: a reference may point at a later one
            db.execute(create_table_sql(dictionary.file_spec(name)))
        for name, table_rows_ in rows.items():
            spec = dictionary.file_spec(name)
            insert_rows(db, spec, table_rows_)
            add_search(db, spec)


def export(corpus: Corpus, output: Path) -> Path:
    """Write the database of a validated corpus to output, whole or not at all."""
    rows = table_rows(corpus)

    def write(path: Path) -> None:
        path.unlink()  # sqlite3 writes its own file
        db = sqlite3.connect(path)
        try:
            fill(db, rows)
        finally:
            db.close()

    write_atomically(output, write)
    return output
