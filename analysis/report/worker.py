"""The report's worker processes: each keeps a warm kernel and runs the notebooks it is given.

Workers are forked by the main process before it imports pandas (a fork of a
small process is cheap); each one first asks to die with the main process,
starts its kernel and sends it the suite's imports, and only then imports
nbclient itself, while the kernel is busy. A task never raises: its result
names what happened ("ok", "failed", "timed out", "kernel died", "cannot
write") so that the main process can report every notebook. The main process
turns executed notebooks into pages.
"""

import errno
import multiprocessing.util
import os
import re
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from analysis.report import execute
from analysis.report.lifeline import die_with_parent

EXIT_SIGTERM = 143
# a full or read-only disk, or a folder the run may not write: the run cannot go on
DISK_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG)
ACCESS_ERRNOS = (errno.EACCES, errno.EPERM)
ERRNO_RE = re.compile(r"\[Errno (\d+)\] ([^:]+)(?::\s*'([^']*)')?")
PREBUILT_ENV = "ANALYSIS_PREBUILT"  # analysis.derived.datasets.PREBUILT_ENV (no pandas here)


@dataclass
class Task:
    """One notebook to execute, in a worker process."""

    name: str
    source: Path
    executed: Path
    page: Path
    parameters: dict
    timeout: int
    run_dir: Path


def _on_term(signum, frame):
    """Exit now, with this worker's kernel (its child process).

    Raising SystemExit is not enough: ProcessPoolExecutor catches any exception of a
    task, SystemExit included, and the worker would wait for the next task until the
    main process kills it 10 s later.
    """
    import psutil

    for child in psutil.Process().children(recursive=True):
        try:
            child.kill()
        except psutil.Error:
            continue
    os._exit(EXIT_SIGTERM)


def _on_alarm(signum, frame):
    raise TimeoutError("notebook timeout")


def write_error(err: BaseException, run_dir: Path) -> tuple[str, str] | None:
    """(path, cause) when `err` says the run's folder cannot be written, else None.

    Works on an OSError raised here and on one raised in a notebook cell (nbclient
    passes it on as text). Access errors count only for paths inside the run.
    """
    if isinstance(err, OSError):
        code, cause, path = err.errno, err.strerror or str(err), err.filename
    else:
        found = ERRNO_RE.search(f"{getattr(err, 'evalue', '')}")
        if not found or getattr(err, "ename", "") not in _OSERROR_NAMES:
            return None
        code, cause, path = int(found.group(1)), found.group(2), found.group(3)
    inside = path is not None and Path(path).resolve().is_relative_to(run_dir.resolve())
    if code in DISK_ERRNOS or (code in ACCESS_ERRNOS and inside):
        return (str(path) if path else str(run_dir), cause)
    return None


_OSERROR_NAMES = ("OSError", "PermissionError", "IsADirectoryError", "FileNotFoundError")


def describe(err: BaseException, timeout: int) -> tuple[str, str]:
    """(status, message) for a notebook that did not finish."""
    name = type(err).__name__
    if isinstance(err, TimeoutError) or name in ("CellTimeoutError",):
        return "timed out", f"no result within {timeout} s (kernel hung or too slow)"
    if name == "DeadKernelError" or "Kernel died" in str(err):
        return "kernel died", str(err).strip().splitlines()[0] if str(err).strip() else name
    if name == "CellExecutionError":
        return "failed", f"{err.ename}: {err.evalue}"
    if isinstance(err, execute.NotebookFailed):
        return "failed", str(err)
    return "failed", f"{name}: {err}"


_KERNEL: execute.WarmKernel | None = None


def init_worker(main_pid: int, runtime_dir: Path, log_dir: Path, prebuilt: Path) -> None:
    """Pool initializer: die with the main process, signals, logging, a warm kernel."""
    global _KERNEL
    die_with_parent(main_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process coordinates interrupts
    signal.signal(signal.SIGTERM, _on_term)
    signal.signal(signal.SIGALRM, _on_alarm)
    os.environ["JUPYTER_RUNTIME_DIR"] = str(runtime_dir)
    os.environ[PREBUILT_ENV] = str(prebuilt)  # the kernels load the tables the main built
    # jupyter_client writes a kernel's connection file with tempfile.mkstemp, not in the
    # runtime dir; keep it there so that kill_kernels finds this run's kernels by path
    tempfile.tempdir = str(runtime_dir)
    # the kernel and nbclient write to stderr; keep that in the run's log, not on the terminal
    log = os.open(log_dir / f"worker-{os.getpid()}.log", os.O_WRONLY | os.O_CREAT, 0o644)
    os.dup2(log, 2)
    os.close(log)
    _KERNEL = execute.WarmKernel()
    multiprocessing.util.Finalize(None, _KERNEL.stop, exitpriority=10)
    try:
        _KERNEL.start()
    except Exception as err:  # noqa: BLE001 - the first notebook retries and reports it
        print(f"kernel start failed: {type(err).__name__}: {err}", file=sys.stderr)
        _KERNEL.stop()
    import nbclient  # noqa: F401 - while the kernel imports the suite


def run_task(task: Task) -> dict:
    """Execute one notebook; never raises (the result says what happened)."""
    global _KERNEL
    kernel = _KERNEL = _KERNEL or execute.WarmKernel()
    started = time.perf_counter()
    status, message = "ok", ""
    signal.alarm(task.timeout)
    try:
        kernel.run(task.source, task.executed, task.parameters, task.timeout)
    except Exception as err:  # noqa: BLE001 - every failure is reported by name, not raised
        status, message = _status(err, task)
    finally:
        signal.alarm(0)
    return {
        "name": task.name,
        "status": status,
        "error": message,
        "seconds": round(time.perf_counter() - started, 1),
        "page": False,
    }


def _status(err: BaseException, task: Task, prefix: str = "") -> tuple[str, str]:
    cannot = write_error(err, task.run_dir)
    if cannot is not None:
        return "cannot write", f"{cannot[0]}: {cannot[1]}"
    status, message = describe(err, task.timeout)
    return status, prefix + message
