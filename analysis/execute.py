"""Executing notebooks with papermill, and cleaning them for commit.

Papermill runs the kernel in the caller's working directory unless told
otherwise; we always pass the notebooks folder so that a notebook behaves the
same under papermill, JupyterLab and nbval (paths come from analysis.config
anyway). Committed notebooks keep outputs and execution counts (the nbval
baseline) but not papermill's timings and paths.
"""

import os
import tempfile
from pathlib import Path

import nbformat
import papermill

from analysis import config

KERNEL = "python3"


def notebook_paths() -> list[Path]:
    """The suite's notebooks, in name order."""
    return sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


def strip_run_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove papermill's run records and per-cell timestamps; keep outputs and counts."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.metadata.pop("collapsed", None)
    return nb


def execute(
    source: Path, target: Path, parameters: dict | None = None, timeout: int | None = 300
) -> nbformat.NotebookNode:
    """Run `source` with papermill (cwd = notebooks folder) and write it to `target`."""
    return papermill.execute_notebook(
        str(source),
        str(target),
        parameters=parameters or {},
        kernel_name=KERNEL,
        cwd=str(config.NOTEBOOKS_DIR),
        progress_bar=False,
        log_output=False,
        execution_timeout=timeout,
        request_save_on_cell_execute=False,
    )


def refresh_in_place(path: Path) -> None:
    """Re-execute a committed notebook and replace it, stripped, only if the run succeeded."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / path.name
        execute(path, out)
        nb = strip_run_metadata(nbformat.read(out, as_version=4))
        staged = path.with_name(f".{path.name}.tmp")
        nbformat.write(nb, staged)
        os.replace(staged, path)
