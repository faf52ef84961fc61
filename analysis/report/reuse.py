"""Instant when nothing changed: a run's key, and whether the published run has the same one.

The key is everything a report is computed from: the bytes of data/raw, the
notebooks and the data dictionary; the package's source and templates; the
parameters and the flags that change the pages; the Python version and every
installed distribution with its version. The published run's manifest records
its key; a run whose key matches, whose output files are all there and whose
data/processed still holds what that run wrote, is not run again. Hashing the
key takes a small fraction of a second even for thousands of articles.
"""

import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

from analysis import config

VERSIONED = (
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "pandera",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def label(path: Path) -> str:
    """A path as shown in manifests: relative to the project or to the package's parent.

    Both bases are resolved already (analysis.config), so a path under them is
    labelled without touching the disk; others are resolved first.
    """
    for candidate in (path, path.resolve()):
        for base in (config.ROOT, config.PACKAGE_DIR.parent):
            if candidate.is_relative_to(base):
                return str(candidate.relative_to(base))
    return path.name


def input_files() -> list[Path]:
    """The data and notebooks a report is computed from (and the dictionary that reads them)."""
    raw = [p for p in sorted(config.RAW_DIR.rglob("*")) if p.is_file()]
    notebooks = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))
    return raw + notebooks + [config.DICTIONARY_PATH]


def package_files() -> list[Path]:
    """The package's source and templates (what computes and renders the report)."""
    return [
        p
        for p in sorted(config.PACKAGE_DIR.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    ]


def environment() -> dict:
    """The Python version and a digest of every installed distribution's name and version.

    Read from the environment's site-packages folders (their `name-version.dist-info`
    entries), not from sys.path, which depends on the working directory.
    """
    paths = sysconfig.get_paths()
    folders = sorted({paths["purelib"], paths["platlib"]})
    names = sorted(
        name
        for folder in folders
        if os.path.isdir(folder)
        for name in os.listdir(folder)
        if name.endswith((".dist-info", ".egg-info"))
    )
    return {
        "python": sys.version.split()[0],
        "distributions": hashlib.sha256("\n".join(names).encode()).hexdigest(),
    }


def versions() -> dict:
    """The versions of the libraries that shape the report (shown on the index page)."""
    from importlib import metadata

    return {"python": sys.version.split()[0], **{n: metadata.version(n) for n in VERSIONED}}


def run_key(parameters: dict, show_code: bool) -> dict:
    """Everything the report depends on, with its digest."""
    parts = {
        "inputs": {label(p): sha256(p) for p in input_files()},
        "package": {label(p): sha256(p) for p in package_files()},
        "parameters": parameters,
        "show_code": show_code,
        "environment": environment(),
    }
    text = json.dumps(parts, sort_keys=True, default=str)
    return {"digest": hashlib.sha256(text.encode()).hexdigest(), **parts}


def processed_digests() -> dict[str, str]:
    """sha256 of every file in data/processed (the report writes it too)."""
    folder = config.PROCESSED_DIR
    return {p.name: sha256(p) for p in sorted(folder.iterdir()) if p.is_file()}


def _manifest(run_dir: Path) -> dict:
    try:
        manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def published_match(reports: Path, key: dict) -> str | None:
    """The published run's id when it has this key and is intact, else None."""
    latest = reports / "latest"
    if not latest.is_symlink():
        return None
    run_dir = latest.resolve()
    manifest = _manifest(run_dir)
    if manifest.get("status") != "ok" or manifest.get("key", {}).get("digest") != key["digest"]:
        return None
    outputs = manifest.get("outputs") or {}
    if not outputs or not all((run_dir / name).is_file() for name in outputs):
        return None
    try:
        if manifest.get("processed") != processed_digests():
            return None
    except OSError:
        return None
    return str(manifest.get("run_id"))


def previous_seconds(reports: Path) -> dict[str, float]:
    """Each notebook's time in the published run (to start the longest first)."""
    notebooks = _manifest((reports / "latest").resolve()).get("notebooks") or []
    return {
        n["name"]: float(n["seconds"])
        for n in notebooks
        if isinstance(n, dict) and isinstance(n.get("seconds"), int | float) and "name" in n
    }
