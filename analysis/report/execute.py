"""Executing notebooks with papermill, and cleaning them for commit.

Papermill runs the kernel in the caller's working directory unless told
otherwise; we always pass the notebooks folder so that a notebook behaves the
same under papermill, JupyterLab and nbval (paths come from analysis.config
anyway). Committed notebooks keep outputs and execution counts (the nbval
baseline) but not papermill's timings and paths.

WarmKernel: a report worker keeps one kernel for all its notebooks. Starting a
kernel and importing pandas, matplotlib, seaborn and pandera costs about
1.5 s, more than running one of our notebooks; paying it once per worker
instead of once per notebook is most of the report's speed. Between notebooks
the user namespace is reset (`%reset -f`), figures are closed and the
execution counter restarts at 1, so each notebook runs as in a fresh kernel
except that imported modules are cached. A kernel that failed, died or hung is
discarded and the next notebook gets a new one.
"""

import contextlib
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
    source: Path,
    target: Path,
    parameters: dict | None = None,
    timeout: int | None = 300,
    km=None,
) -> nbformat.NotebookNode:
    """Run `source` with papermill (cwd = notebooks folder) and write it to `target`.

    With `km` (an AsyncKernelManager, started or not) the kernel is reused and
    left running; without it papermill starts and stops a kernel of its own.
    """
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
        km=km,
    )


WARM_UP = (
    "import analysis.derived.datasets, analysis.present.findings  # noqa\n"
    "get_ipython().execution_count = 1  # the first notebook's first cell is number 1"
)
RESET = (
    "import matplotlib.pyplot as _plt\n_plt.close('all')\n"
    "get_ipython().run_line_magic('reset', '-f')\n"
    "get_ipython().execution_count = 1  # the next cell runs as number 1"
)


class WarmKernel:
    """One kernel reused across notebooks in a worker process (see the module docstring)."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.km = None

    def _run_snippet(self, name: str, code: str, timeout: int) -> None:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        nb.metadata["kernelspec"] = {
            "name": KERNEL,
            "display_name": "Python 3",
            "language": "python",
        }
        path = self.scratch / f"{name}-{os.getpid()}.ipynb"
        nbformat.write(nb, path)
        execute(path, path, timeout=timeout, km=self.km)

    def start(self, timeout: int = 120) -> None:
        """Start the kernel and import the suite's modules into it."""
        from jupyter_client.manager import AsyncKernelManager

        self.km = AsyncKernelManager(kernel_name=KERNEL)
        self._run_snippet("warm-up", WARM_UP, timeout)

    def run(self, source: Path, target: Path, parameters: dict, timeout: int) -> None:
        """Execute one notebook in the warm kernel; on any failure the kernel is dropped."""
        if self.km is None:
            self.start(timeout)
        try:
            execute(source, target, parameters, timeout=timeout, km=self.km)
            self._run_snippet("reset", RESET, timeout)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Shut the kernel down now (also used for one that hangs or died)."""
        km, self.km = self.km, None
        if km is not None:
            from jupyter_core.utils import run_sync

            # a kernel that died cannot be shut down; it is gone already
            with contextlib.suppress(Exception):
                run_sync(km.shutdown_kernel)(now=True)


def refresh_in_place(path: Path) -> None:
    """Re-execute a committed notebook and replace it, stripped, only if the run succeeded."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / path.name
        execute(path, out)
        nb = strip_run_metadata(nbformat.read(out, as_version=4))
        staged = path.with_name(f".{path.name}.tmp")
        nbformat.write(nb, staged)
        os.replace(staged, path)
