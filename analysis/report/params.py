"""Notebook parameters: what each notebook declares, and checking what a run passes.

Papermill only warns about a parameter a notebook does not declare; a
scheduled run must fail instead, so names are checked here, and so are the
values, before anything starts: types against the declared default, ranges
(a tolerance in [0, 1)), real calendar dates, chart formats from a fixed list.
Values are plain data (YAML scalars and lists), so a value can never be code:
papermill writes it into the notebook as a literal.

YAML is read with a loader that is safe for text anyone can type: no tags
that build objects, no aliases (a few lines of them expand to a billion items),
no nesting deeper than a few levels, no document over a size limit, and dates
kept as text so that a date that does not exist is reported, not raised.
Notebooks are read as plain JSON: nbformat is slow to import and the report
checks its parameters before it starts anything else.
"""

import ast
import csv
import datetime
import json
import math
import os
import re
import stat
from pathlib import Path

import yaml

SET_BY_REPORT = ("output_dir",)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_PARAMETERS = ("as_of", "overview_start", "overview_end", "zoom_start", "zoom_end")
CHART_FORMATS = ("png", "svg", "pdf")
MAX_FILE_BYTES = 64 * 1024  # a parameters file is a handful of lines
MAX_VALUE_CHARS = 16 * 1024
MAX_DEPTH = 5  # a mapping of lists of scalars is 2 levels


class ParameterError(ValueError):
    """A parameter name or value that no notebook accepts."""


# ---------------------------------------------------------------- reading YAML


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases, deep nesting, duplicate keys or date objects."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise ParameterError(f"YAML aliases (*name) are not accepted (line {mark.line + 1})")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise ParameterError(
                    f"values nested deeper than {MAX_DEPTH} levels are not accepted "
                    f"(line {mark.line + 1})"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=True) for key, _ in node.value]
        for i, key in enumerate(keys):
            if key in keys[:i]:
                raise ParameterError(f"{key!r} is given twice")
        return super().construct_mapping(node, deep)


def _load_yaml(text: str) -> object:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as err:
        problem = " ".join(str(err).split())
        raise ParameterError(f"not valid YAML: {problem}") from None


def parse_value(text: str) -> object:
    """A command-line value as YAML: 0.2 is a number, [a000] a list, null is None."""
    if len(text) > MAX_VALUE_CHARS:
        raise ParameterError(f"value of {len(text):,} characters; at most {MAX_VALUE_CHARS:,}")
    try:
        return _load_yaml(text)
    except ParameterError as err:
        raise ParameterError(f"cannot read value {text[:80]!r}: {err}") from None


def load_file(path: Path) -> dict[str, object]:
    """Parameters from a YAML file (UTF-8) holding one mapping of name: value."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block, a device never end
            raise ParameterError(f"{path}: cannot read parameters: not a regular file")
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise ParameterError(f"{path}: cannot read parameters: {err.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ParameterError(f"{path}: over {MAX_FILE_BYTES // 1024} KiB; not a parameters file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ParameterError(f"{path}: not UTF-8 text (byte {err.start})") from None
    try:
        data = _load_yaml(text)
    except ParameterError as err:
        raise ParameterError(f"{path}: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: expected a mapping of name: value")
    return {str(k): v for k, v in data.items()}


# ---------------------------------------------------------------- declarations


def declared(path: Path) -> dict[str, object]:
    """The parameters a notebook declares in its cell tagged `parameters`, with defaults."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ParameterError(f"{path}: cannot read the notebook: {err}") from None
    for cell in cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            try:
                tree = ast.parse(source if isinstance(source, str) else "".join(source))
                return {
                    node.targets[0].id: ast.literal_eval(node.value)
                    for node in tree.body
                    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
                }
            except (SyntaxError, ValueError, TypeError) as err:
                raise ParameterError(
                    f"{Path(path).name}: its parameters cell must hold `name = literal` "
                    f"lines ({type(err).__name__}: {err})"
                ) from None
    return {}


# ---------------------------------------------------------------- values


def _plain(value, depth: int = 0) -> bool:
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list) and depth < 2:
        return all(_plain(v, depth + 1) for v in value)
    return False


def _check_date(name: str, value) -> None:
    if not (isinstance(value, str) and DATE_RE.fullmatch(value)):
        raise ParameterError(f"parameter {name}: {value!r} is not a date YYYY-MM-DD")
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"parameter {name}: {value!r} is not a calendar date") from None


def _check_tolerance(value) -> None:
    if not (math.isfinite(value) and 0 <= value < 1):
        raise ParameterError(
            f"parameter tolerance: {value!r} must be at least 0 and less than 1 (e.g. 0.1)"
        )


def _check_formats(value) -> None:
    if not (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
        raise ParameterError(
            f"parameter formats: {value!r} is not a list of chart formats, e.g. [png, svg]"
        )
    unknown = [v for v in value if v not in CHART_FORMATS]
    if unknown or len(set(value)) != len(value):
        raise ParameterError(
            f"parameter formats: {value!r}: each of {', '.join(CHART_FORMATS)} at most once"
        )


def _check_articles(value) -> None:
    if value is not None and not (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        raise ParameterError(
            f"parameter articles: {value!r} is not a list of article ids, e.g. [a000]"
        )


def _check_type(name: str, value, default) -> None:
    if not _plain(value):
        raise ParameterError(f"parameter {name}: {value!r} is not a plain value")
    if default is None:
        if name in DATE_PARAMETERS and value is not None:
            _check_date(name, value)
        if name == "articles":
            _check_articles(value)
        return
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int | float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ParameterError(
            f"parameter {name}: {value!r} is not a {type(default).__name__} "
            f"(the notebooks' default is {default!r})"
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise ParameterError(f"parameter {name}: {value!r} is not a finite number")
    if isinstance(default, str) and DATE_RE.fullmatch(default):
        _check_date(name, value)
    if name == "tolerance":
        _check_tolerance(value)
    if name == "formats":
        _check_formats(value)


def _check_ranges(values: dict[str, object], path: Path) -> None:
    """Each `x_start` no later than its `x_end`, with the notebook's defaults filled in."""
    for name, start in values.items():
        if name.endswith("_start") and isinstance(start, str) and DATE_RE.fullmatch(start):
            end_name = name.removesuffix("_start") + "_end"
            end = values.get(end_name)
            if isinstance(end, str) and DATE_RE.fullmatch(end) and start > end:
                raise ParameterError(
                    f"parameter {name} {start} is after {end_name} {end} ({path.stem})"
                )


def check(given: dict[str, object], notebooks: list[Path]) -> dict[Path, dict[str, object]]:
    """For each notebook, the given parameters it declares; raises on unknown names or values."""
    declarations = {path: declared(path) for path in notebooks}
    known: dict[str, object] = {}
    for params in declarations.values():
        known.update(params)
    for name, value in given.items():
        if name in SET_BY_REPORT:
            raise ParameterError(f"parameter {name} is set by the report itself")
        if name not in known:
            raise ParameterError(
                f"unknown parameter {name!r}; the notebooks declare: {', '.join(sorted(known))}"
            )
        _check_type(name, value, known[name])
    for path, params in declarations.items():
        _check_ranges({**params, **{k: v for k, v in given.items() if k in params}}, path)
    return {
        path: {k: v for k, v in given.items() if k in params}
        for path, params in declarations.items()
    }


def check_articles_exist(articles: list[str] | None, articles_csv: Path) -> None:
    """Refuse article ids that articles.csv does not have (a quick read, before validation).

    An unreadable file is left to the validator, which reports it with its line.
    """
    if not articles:
        return
    try:
        with open(articles_csv, encoding="utf-8", newline="") as f:
            known = {row.get("article_id") for row in csv.DictReader(f)}
    except (OSError, UnicodeDecodeError, csv.Error):
        return
    unknown = sorted(set(articles) - known)
    if unknown:
        raise ParameterError(f"parameter articles: unknown article id(s) {unknown}")
