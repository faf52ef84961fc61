"""Notebook parameters: what each notebook declares, and checking what a run passes.

Papermill only warns about a parameter a notebook does not declare; a
scheduled run must fail instead, so names are checked here. Values are plain
data (YAML scalars and lists), type-checked against the declared default, so a
value can never be code: papermill writes it into the notebook as a literal.
"""

import ast
import datetime
import re
from pathlib import Path

import nbformat
import yaml

SET_BY_REPORT = ("output_dir",)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_PARAMETERS = ("as_of", "overview_start", "overview_end", "zoom_start", "zoom_end")


class ParameterError(ValueError):
    """A parameter name or value that no notebook accepts."""


def declared(path: Path) -> dict[str, object]:
    """The parameters a notebook declares in its cell tagged `parameters`, with defaults."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            tree = ast.parse(cell.source)
            return {
                node.targets[0].id: ast.literal_eval(node.value)
                for node in tree.body
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
            }
    return {}


def _dates_as_text(value):
    """YAML reads 2025-01-31 as a date; the notebooks take dates as "YYYY-MM-DD" text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value


def parse_value(text: str) -> object:
    """A command-line value as YAML: 0.2 is a number, [a000] a list, null is None."""
    try:
        return _dates_as_text(yaml.safe_load(text))
    except yaml.YAMLError as err:
        raise ParameterError(f"cannot read value {text!r}: {err}") from None


def load_file(path: Path) -> dict[str, object]:
    """Parameters from a YAML file holding one mapping of name: value."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ParameterError(f"{path}: cannot read parameters: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: expected a mapping of name: value")
    return {str(k): _dates_as_text(v) for k, v in data.items()}


def _plain(value) -> bool:
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return False


def _check_type(name: str, value, default) -> None:
    if not _plain(value):
        raise ParameterError(f"parameter {name}: {value!r} is not a plain value")
    if default is None:
        if (
            name in DATE_PARAMETERS
            and value is not None
            and not (isinstance(value, str) and DATE_RE.fullmatch(value))
        ):
            raise ParameterError(f"parameter {name}: {value!r} is not a date YYYY-MM-DD")
        if (
            name == "articles"
            and value is not None
            and not (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            raise ParameterError(
                f"parameter articles: {value!r} is not a list of article ids, e.g. [a000]"
            )
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
    if isinstance(default, str) and DATE_RE.fullmatch(default) and not DATE_RE.fullmatch(value):
        raise ParameterError(f"parameter {name}: {value!r} is not a date YYYY-MM-DD")


def check(given: dict[str, object], notebooks: list[Path]) -> dict[Path, dict[str, object]]:
    """For each notebook, the given parameters it declares; raises on unknown names or types."""
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
    return {
        path: {k: v for k, v in given.items() if k in params}
        for path, params in declarations.items()
    }
