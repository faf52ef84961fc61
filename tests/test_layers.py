"""The package's layers import only downward (README, "What is where").

language -> curation -> derived -> charts -> present -> report, with export beside charts
(open data: tables, not charts); drafting sits apart (it reads text and writes CSVs through
language, curation and derived) and only the command line and the baselines refresh (which
re-executes its review notebook) import it. Imports inside functions count too: a lazy
upward import is still a dependency.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
ORDER = ["language", "curation", "derived", "charts", "present", "report"]
ALLOWED = {layer: set(ORDER[: i + 1]) for i, layer in enumerate(ORDER)}
ALLOWED["export"] = set(ORDER[:3]) | {"export"}
ALLOWED["drafting"] = {"language", "curation", "derived", "drafting"}
ALLOWED["report"] |= {"export", "drafting"}
TOP_LEVEL = {"config", "__init__"}  # modules any layer may use


def absolute(path: Path, node: ast.ImportFrom) -> str:
    """The module an import names, relative imports ("from ..derived import x") resolved."""
    if node.level == 0:
        return node.module or ""
    package = ["analysis", *path.relative_to(PACKAGE).parts[:-1]]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imported_layers(path: Path) -> set[str]:
    layers = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom):
            module = absolute(path, node)
            names = [module] + [f"{module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "analysis" and len(parts) > 1 and parts[1] not in TOP_LEVEL:
                layers.add(parts[1])
    return layers


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_only_the_layers_below_it(layer):
    upward = {
        f"{path.relative_to(PACKAGE)}: {sorted(found - ALLOWED[layer])}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        if (found := imported_layers(path)) - ALLOWED[layer]
    }
    assert not upward, sorted(upward)


def test_every_sub_package_has_a_place_in_the_order():
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert packages == set(ALLOWED), packages ^ set(ALLOWED)


def test_relative_imports_are_resolved_to_their_layer(tmp_path):
    module = PACKAGE / "derived" / "x.py"
    node = ast.parse("from ..charts import style").body[0]
    assert absolute(module, node) == "analysis.charts"
    node = ast.parse("from . import build").body[0]
    assert absolute(module, node) == "analysis.derived"
