"""Running `python -m analysis report` in a project tree under tmp_path, as a scheduler would.

A project tree is a copy of a fixture corpus's data/raw and either the real
notebooks or a few tiny ones written by the test; the command runs in a
subprocess with ANALYSIS_ROOT pointing at it (the `analysis` package itself
comes from this checkout).
"""

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil

from tests.support.corpora import TWO, copy_corpus

REPO = Path(__file__).resolve().parents[2]
RUN_TIMEOUT = 300  # seconds before a hung report run fails the test instead of blocking it
REAL_PARAMETERS = """\
articles = None
as_of = None
tolerance = 0.10
include_unverified = True
output_dir = None
formats = ["png", "svg"]
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def make_project(root: Path, real_notebooks=True, processed=False) -> Path:
    """A project tree: data/raw (and data/processed) copied, notebooks copied or empty."""
    (root / "data").mkdir(parents=True)
    copy_corpus(TWO, root)
    if processed:
        shutil.copytree(REPO / "data" / "processed", root / "data" / "processed")
    if real_notebooks:
        shutil.copytree(REPO / "notebooks", root / "notebooks")
    else:
        (root / "notebooks").mkdir()
    return root


def write_notebook(root: Path, name: str, code: str, parameters: str = "articles = None") -> Path:
    """A notebook with a `parameters` cell and one code cell."""
    params_cell = nbformat.v4.new_code_cell(parameters)
    params_cell.metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(cells=[params_cell, nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = root / "notebooks" / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


def report_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "analysis", "report", "--quiet", *args]


def report_env(root: Path, **extra: str) -> dict:
    return {**os.environ, "ANALYSIS_ROOT": str(root), **extra}


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def __str__(self) -> str:  # shown by pytest when an assertion on the run fails
        return f"exit {self.returncode}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def run_report(root: Path, *args: str, command: str = "report") -> Run:
    """Run the report (or another command) on the project at root (cwd = root)."""
    started = time.monotonic()
    argv = (
        report_command(*args)
        if command == "report"
        else [sys.executable, "-m", "analysis", command, *args]
    )
    done = subprocess.run(
        argv,
        cwd=root,
        env=report_env(root),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def run_folders(reports: Path) -> list[str]:
    """Every entry of reports/ (run folders, partials, the latest link), sorted."""
    return sorted(p.name for p in reports.iterdir()) if reports.exists() else []


def processes_mentioning(path: Path) -> list[psutil.Process]:
    """Live processes whose command line contains `path` (kernels name their connection file)."""
    marker = str(path)
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if any(marker in part for part in proc.info["cmdline"] or []):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def no_processes_mentioning(path: Path, grace: float = 5.0) -> list[psutil.Process]:
    """The processes still mentioning `path` after up to `grace` seconds (empty when clean)."""
    deadline = time.monotonic() + grace
    while True:
        left = processes_mentioning(path)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)
