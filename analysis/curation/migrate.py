"""`python -m analysis migrate`: bring a corpus curated under an earlier schema to this one.

A corpus curated before a column was added keeps validating (an optional column
may be left out of a header), so migrating is never required; it writes every
optional column the dictionary now has into each file's header, empty, so that
an analyst sees and can fill them. The corpus is validated first and nothing is
written if it has any problem; the files are then replaced all together, cells
kept as they were.
"""

import csv
import io
import os
import tempfile
from pathlib import Path

from analysis.curation import dictionary
from analysis.curation.validate import RAW_FILES, validate


def _migrated(path: Path, columns: list[str]) -> str | None:
    """The file's text with the full header, or None when it already has it."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    if header == columns:
        return None
    at = {name: i for i, name in enumerate(header)}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in body:
        writer.writerow([row[at[c]] if c in at else "" for c in columns])
    return out.getvalue()


def migrate(root: Path | None = None) -> list[Path]:
    """Validate, then add the missing optional columns to every raw file; returns those changed."""
    validate(root)  # raises InvalidData: nothing is written
    texts = {}
    for name in RAW_FILES:
        spec = dictionary.file_spec(name)
        path = spec.resolve(root)
        text = _migrated(path, spec.column_names)
        if text is not None:
            texts[path] = text
    staged = {}
    try:
        for path, text in texts.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            staged[path] = Path(tmp)
        for path, tmp in staged.items():
            os.replace(tmp, path)
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
    validate(root)  # the migrated corpus validates as the original did
    return sorted(texts)
