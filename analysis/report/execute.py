"""Executing notebooks with papermill, and cleaning them for commit.

Papermill runs the kernel in the caller's working directory unless told
otherwise; we always pass the notebooks folder so that a notebook behaves the
same under papermill, JupyterLab and nbval (paths come from analysis.config
anyway). Committed notebooks keep outputs and execution counts (the nbval
baseline) but not papermill's timings and paths.

WarmKernel: a report worker keeps one kernel for all its notebooks. Starting a
kernel and importing pandas, matplotlib, seaborn and pandera costs about
1.5 s, more than running one of our notebooks; paying it once per worker
instead of once per notebook is most of the report's speed. The kernel is
started, and its imports sent, as soon as the worker exists. A warm kernel
runs a notebook with nbclient directly (what papermill runs underneath), with
the parameters injected as papermill does (a cell tagged `injected-parameters`
after the one tagged `parameters`, one `name = literal` line each): importing
papermill in every worker cost more than the notebooks it ran. Between
notebooks a client kept open on the kernel resets it (user namespace, figures,
the global state listed in `kernel_state`, the execution counter), so each
notebook runs as in a fresh kernel except that imported modules are cached. A
kernel that failed, died or hung is discarded and the next notebook gets a new
one.

A notebook counts as run only when every code cell ran and none holds an
error: `sys.exit()` in a cell ends a notebook early without papermill raising.
"""

import contextlib
import os
import queue
import tempfile
import time
from pathlib import Path

from analysis import config

KERNEL = "python3"


class NotebookFailed(Exception):
    """A notebook that did not run every cell cleanly: which cell, and the error it shows."""

    def __init__(self, message: str, ename: str = "", evalue: str = ""):
        super().__init__(message)
        self.ename, self.evalue = ename, evalue


class KernelFailed(Exception):
    """The warm kernel could not be started or reset."""


def notebook_paths() -> list[Path]:
    """The suite's notebooks, in name order."""
    return sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


def strip_run_metadata(nb):
    """Remove papermill's run records and per-cell timestamps; keep outputs and counts."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.metadata.pop("collapsed", None)
    return nb


def execute(source: Path, target: Path, parameters: dict | None = None, timeout=300, km=None):
    """Run `source` with papermill (cwd = notebooks folder) and write it to `target`.

    With `km` (a started AsyncKernelManager) the kernel is reused and left running;
    without it papermill starts and stops a kernel of its own.
    """
    import papermill

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


def check_complete(nb) -> None:
    """Raise NotebookFailed unless every non-empty code cell ran and none shows an error."""
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                ename, evalue = output.get("ename", ""), output.get("evalue", "")
                early = " (the notebook exited early)" if ename == "SystemExit" else ""
                text = f"cell {number}: {ename}: {evalue}".rstrip(": ")
                raise NotebookFailed(text + early, ename, evalue)
        if cell.get("execution_count") is None:
            raise NotebookFailed(f"cell {number} never ran: the notebook ended early")


def warm_up_code(worker_pid: int) -> str:
    """What a new kernel runs first: the suite's imports and the state to reset to."""
    return (
        "import analysis.derived.datasets, analysis.present.findings, analysis.present.notebook\n"
        "from analysis.report import kernel_state as _ks\n"
        f"_ks.lifeline({worker_pid})\n"
        "_ks.refuse_exit(get_ipython())\n"
        "_ks.snapshot()\n"
        "del _ks\n"
        # the imports' objects leave the collector's view: each %reset's collection then
        # walks only what a notebook made (0.17 s to 0.01 s a reset)
        "__import__('gc').freeze()\n"
        "get_ipython().execution_count = 1  # the first notebook's first cell is number 1\n"
    )


RESET = (
    "get_ipython().run_line_magic('reset', '-f')\n"
    "from analysis.report import kernel_state as _ks\n"
    "_ks.restore()\n"
    "del _ks\n"
    "get_ipython().execution_count = 1  # the next cell runs as number 1\n"
)


def inject_parameters(nb, parameters: dict) -> None:
    """Insert the cell of parameter values after the cell tagged `parameters`, as papermill does.

    Values are plain data (checked by `params`), written with repr: always a literal.
    """
    import nbformat

    if not parameters:
        return
    lines = ["# Parameters"] + [f"{name} = {value!r}" for name, value in parameters.items()]
    cell = nbformat.v4.new_code_cell(source="\n".join(lines) + "\n")
    cell.metadata["tags"] = ["injected-parameters"]
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    nb.cells.insert(tagged[0] + 1 if tagged else 0, cell)


def run_in_kernel(source: Path, target: Path, parameters: dict, timeout: int, km) -> None:
    """Execute `source` in the running kernel of `km`; write what ran to `target`, in any case.

    Raises what nbclient raises (CellExecutionError, DeadKernelError, CellTimeoutError)
    and NotebookFailed for a notebook that ended early. Cells are run one by one, as
    papermill does, inside nbclient's synchronous setup: its `execute()` would install
    its own SIGINT and SIGTERM handlers in the worker and shut the kernel down on them.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(source, as_version=4)
    inject_parameters(nb, parameters)
    client = NotebookClient(
        nb,
        km=km,
        timeout=timeout,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(config.NOTEBOOKS_DIR)}},
    )
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
    except CellExecutionError:
        check_complete(nb)  # names the cell
        raise
    finally:
        if client.kc is not None:
            client.kc.stop_channels()  # nbclient leaves a reused kernel's client open
        nbformat.write(nb, target)
    check_complete(nb)


class WarmKernel:
    """One kernel reused across notebooks in a worker process (see the module docstring)."""

    def __init__(self):
        self.km = None
        self.kc = None
        self._pending: str | None = None  # msg_id of code sent but not yet answered

    def start(self) -> None:
        """Start the kernel and send it the warm-up code; `wait` collects the answer."""
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.km = AsyncKernelManager(kernel_name=KERNEL)
        run_sync(self.km.start_kernel)(cwd=str(config.NOTEBOOKS_DIR))
        self.kc = self.km.blocking_client()
        # only replies are read: an iopub subscription would hold every output of every notebook
        self.kc.start_channels(iopub=False, stdin=False, hb=False, control=False)
        self._pending = self.kc.execute(warm_up_code(os.getpid()), silent=True)

    def wait(self, timeout: float) -> None:
        """Wait for the answer to the code sent last; raise KernelFailed if it failed."""
        from jupyter_core.utils import run_sync

        if self._pending is None:
            return
        msg_id, self._pending = self._pending, None
        deadline = time.monotonic() + timeout
        while True:
            try:
                reply = self.kc.get_shell_msg(
                    timeout=min(1.0, max(0.01, deadline - time.monotonic()))
                )
            except queue.Empty:
                if not run_sync(self.km.is_alive)():
                    raise KernelFailed("the kernel died") from None
                if time.monotonic() > deadline:
                    raise KernelFailed(
                        f"no answer from the kernel within {timeout:.0f} s"
                    ) from None
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content["status"] != "ok":
            raise KernelFailed(f"{content.get('ename')}: {content.get('evalue')}")

    def ready(self, timeout: float) -> None:
        """A started, answered kernel (starting a new one if there is none)."""
        if self.km is None:
            self.start()
        self.wait(timeout)

    def run(self, source: Path, target: Path, parameters: dict, timeout: int) -> None:
        """Execute one notebook in the warm kernel, then reset it; on any failure drop it."""
        try:
            self.ready(timeout)
            run_in_kernel(source, target, parameters, timeout, self.km)
            self._pending = self.kc.execute(RESET, silent=True)
            self.wait(timeout)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Shut the kernel down now (also used for one that hangs or died)."""
        km, kc, self.km, self.kc, self._pending = self.km, self.kc, None, None, None
        if kc is not None:
            with contextlib.suppress(Exception):
                kc.stop_channels()
        if km is not None:
            from jupyter_core.utils import run_sync

            # a kernel that died cannot be shut down; it is gone already
            with contextlib.suppress(Exception):
                run_sync(km.shutdown_kernel)(now=True)


def refresh_in_place(path: Path) -> None:
    """Re-execute a committed notebook and replace it, stripped, only if the run succeeded."""
    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / path.name
        execute(path, out)
        nb = strip_run_metadata(nbformat.read(out, as_version=4))
        check_complete(nb)
        staged = path.with_name(f".{path.name}.tmp")
        nbformat.write(nb, staged)
        os.replace(staged, path)
