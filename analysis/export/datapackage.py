"""The Frictionless Data Package (datapackage.json) of the raw and processed tables.

Everything comes from the data dictionary: types, units and vocabularies as
field descriptions, enums and patterns as constraints, keys, licences and
sources. The package file sits at the project root, so the resources' paths are
the dictionary's own (`data/raw/claims.csv`). It describes the files, not their
rows, so it changes only when the dictionary does.
"""

import json
from pathlib import Path

from analysis import config
from analysis.curation import dictionary, schema
from analysis.curation.dictionary import ColumnSpec, FileSpec
from analysis.export.files import write_atomically

FILE_NAME = "datapackage.json"
PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"

# Dictionary type -> Table Schema type and the constraints and properties that follow from it.
TYPES: dict[str, dict] = {
    "id": {"type": "string", "constraints": {"pattern": schema.ID_RE.pattern}},
    "ref": {"type": "string", "constraints": {"pattern": schema.ID_RE.pattern}},
    "text": {"type": "string"},
    "enum": {"type": "string"},
    "number": {"type": "number", "floatNumber": True},
    "integer": {"type": "integer"},
    "partial_date": {"type": "string", "constraints": {"pattern": PARTIAL_DATE}},
    "date": {"type": "date"},
    "boolean": {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
    "sha256": {"type": "string", "constraints": {"pattern": schema.SHA256_RE.pattern}},
    "url": {"type": "string", "format": "uri"},
}


def _description(column: ColumnSpec) -> str:
    """The column's meaning, its unit and the meanings of its allowed values."""
    text = column.meaning
    if column.unit_from:
        text += f". Unit: the row's `{column.unit_from}`"
    if column.vocabulary_name:
        words = dictionary.vocabulary(column.vocabulary_name)
        text += ". Values: " + " ".join(f"`{word}`: {meaning}." for word, meaning in words.items())
    return text


def field(column: ColumnSpec) -> dict:
    """The Table Schema field of one dictionary column."""
    kind = TYPES[column.type]
    constraints = dict(kind.get("constraints", {}))
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.vocabulary:
        constraints["enum"] = list(column.vocabulary)
    if column.min is not None:
        constraints["minimum"] = column.min
    out = {"name": column.name, "description": _description(column)}
    out |= {k: v for k, v in kind.items() if k != "constraints"}
    return out | ({"constraints": constraints} if constraints else {})


def _foreign_key(spec: FileSpec, column: ColumnSpec) -> dict:
    resource, _, target = column.ref.partition(".")
    return {
        "fields": [column.name],
        # "" is the Table Schema's name for the resource itself
        "reference": {"resource": "" if resource == spec.name else resource, "fields": [target]},
    }


def table_schema(spec: FileSpec) -> dict:
    """The Table Schema of one file: fields, primary key and foreign keys.

    `fieldsMatch: superset`: an optional column may be left out of a file's
    header (it reads as empty), as the project's own reader allows.
    """
    out: dict = {
        "fields": [field(c) for c in spec.columns],
        "missingValues": [""],
        "fieldsMatch": "superset",
    }
    if spec.key:
        out["primaryKey"] = spec.key_columns
    keys = [_foreign_key(spec, c) for c in spec.columns if c.ref]
    return out | ({"foreignKeys": keys} if keys else {})


def resource(spec: FileSpec) -> dict:
    """The data resource of one file."""
    return {
        "name": spec.name,
        "path": spec.path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": spec.description,
        "sources": dictionary.package()["sources"][spec.kind],
        "schema": table_schema(spec),
    }


def package() -> dict:
    """The whole data package: every raw and processed file of the dictionary."""
    meta = dictionary.package()
    return {
        "profile": "tabular-data-package",
        "name": meta["name"],
        "title": meta["title"],
        "description": meta["description"],
        "licenses": meta["licenses"],
        "resources": [resource(dictionary.file_spec(n)) for n in dictionary.file_names()],
    }


def render() -> str:
    """The package as the text of datapackage.json (stable: same dictionary, same bytes)."""
    return json.dumps(package(), indent=2, ensure_ascii=False) + "\n"


def write(root: Path | None = None) -> Path:
    """Write datapackage.json at the root of the project tree; returns its path."""
    target = (root or config.ROOT) / FILE_NAME
    text = render()
    write_atomically(target, lambda path: path.write_text(text, encoding="utf-8"))
    return target
