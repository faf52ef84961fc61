"""The data dictionary: one machine-readable description of every column.

The validator builds its schemas from it and `python -m analysis dictionary`
renders it as Markdown, so documentation and checks cannot drift apart.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from analysis import config


@dataclass(frozen=True)
class ColumnSpec:
    """One documented column."""

    name: str
    type: str
    meaning: str
    required: bool = True
    unique: bool = False
    vocabulary: tuple[str, ...] = ()
    vocabulary_name: str = ""
    ref: str = ""
    min: float | None = None
    unit_from: str = ""  # the column that holds this number's unit
    above: float | None = None  # exclusive lower bound of a number column
    max: float | None = None  # inclusive upper bound of a number column
    verbatim: bool = False  # words copied from the article (quote, value_text, ...)
    hint: str = ""  # how to write a value the column's bounds refuse

    @property
    def bounds(self) -> str:
        """The allowed interval of a bounded number column, as "(0, 1]"."""
        low = f"({self.above:g}" if self.above is not None else f"[{self.min or 0:g}"
        high = f"{self.max:g}]" if self.max is not None else "inf)"
        return f"{low}, {high}"


@dataclass(frozen=True)
class FileSpec:
    """One documented file: where it lives and its columns in order."""

    name: str
    path: str
    kind: str
    description: str
    key: str = ""
    min_rows: int = 0
    columns: tuple[ColumnSpec, ...] = field(default_factory=tuple)

    @property
    def key_columns(self) -> list[str]:
        """The primary key: one column, or several written "a,b" in the dictionary."""
        return [c.strip() for c in self.key.split(",") if c.strip()]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnSpec:
        return next(c for c in self.columns if c.name == name)

    def resolve(self, root: Path | None = None) -> Path:
        return (root or config.ROOT) / self.path


@cache
def _raw() -> dict:
    return yaml.safe_load(config.DICTIONARY_PATH.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class MeasureSpec:
    """What a measure counts: stock, flow, share, change or duration, and its allowed units."""

    name: str
    count: str
    units: tuple[str, ...]
    meaning: str
    cumulative: bool = False

    @property
    def is_stock(self) -> bool:
        return self.count == "stock"

    @property
    def is_flow(self) -> bool:
        return self.count == "flow"


@cache
def measures() -> dict[str, MeasureSpec]:
    """Every measure of the dictionary's measure table, by name."""
    return {
        name: MeasureSpec(
            name=name,
            count=raw["count"],
            units=tuple(raw["units"]),
            meaning=raw["meaning"],
            cumulative=raw.get("cumulative", False),
        )
        for name, raw in _raw()["measures"].items()
    }


def measures_of(count: str) -> tuple[str, ...]:
    """Names of the measures of one kind of count (stock, flow, ...)."""
    return tuple(m.name for m in measures().values() if m.count == count)


@dataclass(frozen=True)
class Hedge:
    """The words that state one qualifier, before and after the number."""

    qualifier: str
    before: tuple[str, ...]
    after: tuple[str, ...]


@cache
def hedges() -> dict[str, Hedge]:
    """The hedge words of each qualifier that has any, by qualifier."""
    return {
        q: Hedge(q, tuple(raw.get("before", ())), tuple(raw.get("after", ())))
        for q, raw in _raw()["hedges"].items()
    }


def formula_prefixes() -> tuple[str, ...]:
    """Cell starts that a spreadsheet runs as a formula (one rule for raw, processed, report)."""
    return tuple(_raw()["formula_prefixes"])


def vocabulary(name: str) -> dict[str, str]:
    """Allowed words of a vocabulary with their meanings (measures come from their table)."""
    if name == "measure":
        return {m.name: m.meaning for m in measures().values()}
    return dict(_raw()["vocabularies"][name])


def _column(raw: dict) -> ColumnSpec:
    vocab = raw.get("vocabulary", ())
    if isinstance(vocab, str):
        vocab_name, words = vocab, tuple(vocabulary(vocab))
    else:
        vocab_name, words = "", tuple(vocab)
    return ColumnSpec(
        name=raw["name"],
        type=raw["type"],
        meaning=raw["meaning"],
        required=raw.get("required", True),
        unique=raw.get("unique", False),
        vocabulary=words,
        vocabulary_name=vocab_name,
        ref=raw.get("ref", ""),
        min=raw.get("min"),
        unit_from=raw.get("unit_from", ""),
        above=raw.get("above"),
        max=raw.get("max"),
        verbatim=raw.get("verbatim", False),
        hint=raw.get("hint", ""),
    )


@cache
def file_spec(name: str) -> FileSpec:
    """The specification of one file of the dictionary, by name."""
    raw = _raw()["files"][name]
    return FileSpec(
        name=name,
        path=raw["path"],
        kind=raw["kind"],
        description=raw["description"],
        key=raw.get("key", ""),
        min_rows=raw.get("min_rows", 0),
        columns=tuple(_column(c) for c in raw["columns"]),
    )


def package() -> dict:
    """What the dictionary says about the data as a whole: name, title, licences, sources."""
    return dict(_raw()["package"])


def file_names(kind: str | None = None) -> list[str]:
    """Names of the documented files, optionally only raw or processed ones."""
    files = _raw()["files"]
    return [n for n, f in files.items() if kind is None or f["kind"] == kind]


def render_markdown() -> str:
    """The whole dictionary as a Markdown document."""
    out = [
        "# Data dictionary",
        "",
        "Generated from `analysis/curation/dictionary.yaml` by",
        "`python -m analysis dictionary`; do not edit by hand.",
        "",
    ]
    for name in file_names():
        spec = file_spec(name)
        out += [f"## `{spec.path}` ({spec.kind})", "", spec.description, ""]
        out += ["| column | type | required | meaning |", "| --- | --- | --- | --- |"]
        for c in spec.columns:
            kind = c.type
            if c.vocabulary:
                kind += ": " + (
                    f"[{c.vocabulary_name}](#{c.vocabulary_name})"
                    if c.vocabulary_name
                    else ", ".join(c.vocabulary)
                )
            if c.ref:
                kind += f" -> `{c.ref}`"
            meaning = c.meaning.replace("|", "\\|")
            out.append(f"| `{c.name}` | {kind} | {'yes' if c.required else 'no'} | {meaning} |")
        out.append("")
    out += ["## Measures", "", '<a id="measure"></a>', ""]
    out += [
        "Each measure is a stock (a count at a date), a flow (events over a period), a",
        "share, a change or a duration; rates per day are derived for flows only. A",
        "cumulative measure is counted from a start, so later counts of one subject",
        "can only grow.",
        "",
        "| measure | count | cumulative | units | meaning |",
        "| --- | --- | --- | --- | --- |",
    ]
    for m in measures().values():
        out.append(
            f"| `{m.name}` | {m.count} | {'yes' if m.cumulative else 'no'} | "
            f"{', '.join(m.units)} | {m.meaning.replace('|', chr(92) + '|')} |"
        )
    out += ["", "## Hedges", "", '<a id="hedges"></a>', ""]
    out += [
        "The words of value_text, next to the number, that state each qualifier; an",
        'exact figure has none of them. "nearly" and "almost" are upper bounds (at_most).',
        "",
        "| qualifier | before the number | after the number |",
        "| --- | --- | --- |",
    ]
    for h in hedges().values():
        out.append(f"| `{h.qualifier}` | {', '.join(h.before)} | {', '.join(h.after)} |")
    shown = ", ".join(repr(p).replace("'", "`") for p in formula_prefixes())
    out += [
        "",
        "## Formula-like text",
        "",
        f"A cell that starts with one of {shown} is run as a formula by spreadsheets.",
        "The validator refuses such a raw cell (unless it is a plain number); tab and CR",
        "are control characters, refused anywhere. So data/processed, written from",
        "validated data only, holds none; the report's CSV copies are neutralised too.",
    ]
    out += ["", "## Vocabularies", ""]
    for vname, words in _raw()["vocabularies"].items():
        out += [f"### {vname}", "", "| value | meaning |", "| --- | --- |"]
        out += [f"| `{w}` | {m.replace('|', chr(92) + '|')} |" for w, m in words.items()]
        out.append("")
    return "\n".join(out)
