"""Draft folders: data/drafts/<article-id>/ with the curated files and the article text.

A draft folder mirrors data/raw: articles.csv, subjects.csv (new subjects
only), claims.csv, events.csv, exclusions.csv with exactly the curated
columns, and articles/<text_file>. It is written whole or not at all, and an
existing folder is never overwritten (it may hold the analyst's review).
"""

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

from analysis.curation import dictionary
from analysis.drafting.draft import Draft

DRAFT_FILES = ("articles", "subjects", "claims", "events", "exclusions")


class DraftExists(Exception):
    """The draft folder is already there."""


def tables(d: Draft) -> dict[str, list[dict[str, str]]]:
    """The draft's rows per file, each row a dict in the file's column order."""
    out = {
        "articles": [d.article.finish()],
        "subjects": [
            {"subject_id": s.subject_id, "label": s.label, "description": s.description}
            for s in d.subjects
        ],
        "claims": [r.finish() for r in d.claims],
        "events": [r.finish() for r in d.events],
        "exclusions": [r.finish() for r in d.exclusions],
    }
    return out


def to_csv(columns: list[str], rows: list[dict[str, str]], header: bool = True) -> str:
    """Rows as CSV text the way the curated files are written (\\n line ends, minimal quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(columns)
    writer.writerows([[row.get(c, "") for c in columns] for row in rows])
    return buffer.getvalue()


def write(d: Draft, folder: Path) -> Path:
    """Write the draft folder atomically (built beside it, then renamed into place)."""
    if folder.exists():
        raise DraftExists(str(folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for name, rows in tables(d).items():
            columns = dictionary.file_spec(name).column_names
            (tmp / f"{name}.csv").write_text(to_csv(columns, rows), encoding="utf-8")
        (tmp / "articles").mkdir()
        (tmp / "articles" / d.text_file).write_bytes(d.text.encode("utf-8"))
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def read(folder: Path) -> tuple[dict[str, list[dict[str, str]]], dict[str, bytes]]:
    """A draft folder's rows per file (as text) and its article texts by file name."""
    rows = {}
    for name in DRAFT_FILES:
        path = folder / f"{name}.csv"
        if not path.is_file():
            rows[name] = []
            continue
        with path.open(encoding="utf-8", newline="") as f:
            rows[name] = [{k: v or "" for k, v in r.items()} for r in csv.DictReader(f)]
    texts = {p.name: p.read_bytes() for p in sorted((folder / "articles").glob("*")) if p.is_file()}
    return rows, texts
