"""Keep the three dependency declarations in sync.

pyproject.toml (runtime deps + ``test`` extra) is the source of truth for direct pins;
environment.yml's pip section must list exactly the same pins, and requirements.lock
(the full ``pip freeze``) must contain every direct pin at the same version.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# name, optional [extras], ==, exact version (no wildcards, ranges or markers)
_PIN = re.compile(
    r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*==\s*([A-Za-z0-9.+!_-]+)\s*$"
)


def normalise(name: str) -> str:
    """PEP 503-style name normalisation: lower-case, runs of ``-_.`` become ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_pins(lines: list[str]) -> dict[str, str]:
    """Map normalised name -> version for ``name==version`` lines.

    Blank lines and comments are skipped; any other line (unpinned, ranges, URLs)
    is an error, so an accidental loosening of a pin is caught.
    """
    pins: dict[str, str] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = _PIN.match(line)
        if m is None:
            raise ValueError(f"not an exact pin: {raw!r}")
        name = normalise(m.group(1))
        if name in pins:
            raise ValueError(f"duplicate requirement: {name}")
        pins[name] = m.group(2)
    return pins


def pin_mismatches(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """Human-readable differences for every pin in ``expected`` missing/different in ``actual``."""
    problems = []
    for name, version in sorted(expected.items()):
        if name not in actual:
            problems.append(f"{name}=={version}: missing")
        elif actual[name] != version:
            problems.append(f"{name}=={version}: found {name}=={actual[name]}")
    return problems


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return parse_pins(project["dependencies"] + project["optional-dependencies"]["test"])


def environment_pins() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(pip_sections) == 1, "environment.yml needs exactly one pip: section"
    return parse_pins(pip_sections[0])


def lock_pins() -> dict[str, str]:
    return parse_pins((ROOT / "requirements.lock").read_text().splitlines())


def test_environment_yml_matches_pyproject():
    pyproject, env = pyproject_pins(), environment_pins()
    problems = pin_mismatches(pyproject, env)
    problems += [f"{n}: in environment.yml but not pyproject.toml" for n in env.keys() - pyproject]
    assert not problems, "environment.yml out of sync with pyproject.toml:\n" + "\n".join(problems)


def test_lock_contains_every_direct_pin():
    problems = pin_mismatches(pyproject_pins(), lock_pins())
    assert not problems, "requirements.lock out of sync with pyproject.toml:\n" + "\n".join(
        problems
    )


def test_environment_yml_python_is_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]


def test_helpers_detect_mismatches():
    expected = parse_pins(["pandas==3.1.1", "Foo_Bar==1.0", "numpy==2.4.6"])
    actual = parse_pins(["pandas==3.1.0", "foo-bar==1.0  # comment", "", "extra==9"])
    assert expected["foo-bar"] == "1.0"
    assert pin_mismatches(expected, actual) == [
        "numpy==2.4.6: missing",
        "pandas==3.1.1: found pandas==3.1.0",
    ]
    assert pin_mismatches(expected, {**actual, "pandas": "3.1.1", "numpy": "2.4.6"}) == []


@pytest.mark.parametrize("line", ["pandas>=3", "pandas", "pandas==3.1.*,<4"])
def test_parse_pins_rejects_loose_requirements(line):
    with pytest.raises(ValueError):
        parse_pins([line])


def test_parse_pins_rejects_duplicates():
    with pytest.raises(ValueError, match="duplicate"):
        parse_pins(["Foo==1", "foo==2"])
