"""Datasette on the SQLite export: its metadata and its command line.

The metadata comes from the data dictionary: the package's title, licence and
sources, and each table's description and each column's meaning. Datasette
serves on 127.0.0.1 only: the data is local, for the user.
"""

import json
import sys
from pathlib import Path

from analysis.curation import dictionary
from analysis.export.files import write_atomically

HOST = "127.0.0.1"
DEFAULT_PORT = 8001


def metadata(database: Path) -> dict:
    """Datasette metadata: title, licence, sources, table and column descriptions."""
    meta = dictionary.package()
    licence = meta["licenses"][0]
    tables = {}
    for name in dictionary.file_names():
        spec = dictionary.file_spec(name)
        tables[name] = {
            "description": spec.description,
            "columns": {c.name: c.meaning for c in spec.columns},
        }
    return {
        "title": meta["title"],
        "description": meta["description"],
        "license": licence["name"],
        "license_url": licence["path"],
        "source": meta["sources"]["raw"][0]["title"],
        "databases": {database.stem: {"tables": tables}},
    }


def metadata_path(database: Path) -> Path:
    return database.with_name(database.stem + ".metadata.json")


def write_metadata(database: Path) -> Path:
    """Write the metadata beside the database (<name>.metadata.json); returns its path."""
    target = metadata_path(database)
    text = json.dumps(metadata(database), indent=2, ensure_ascii=False) + "\n"
    write_atomically(target, lambda path: path.write_text(text, encoding="utf-8"))
    return target


def command(database: Path, port: int = DEFAULT_PORT) -> list[str]:
    """The Datasette command line: the database read-only, on 127.0.0.1:port."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "--immutable",
        str(database),
        "--metadata",
        str(metadata_path(database)),
        "--host",
        HOST,
        "--port",
        str(port),
        "--setting",
        "suggest_facets",
        "off",
    ]
