"""The fault suite: a scheduled report under kill -9, a dead worker, a full or read-only disk,
overlapping runs and notebooks that exit early.

Each fault asserts what a scheduler relies on: no traceback, the documented exit
code, no orphan process, no leftover folder, `reports/latest` intact and
`data/processed` whole. Runs use tiny notebooks (a few seconds each); the
phases of a run are reached with ANALYSIS_PAUSE_AT, which makes the report
pause at a named checkpoint so that the test can kill it exactly there.
A small tmpfs is mounted for the full-disk case when the machine allows it (CI
runs as root); otherwise that case is skipped and says why.
"""

import contextlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from analysis.derived.atomic import write_atomically
from tests.support.reports import (
    RUN_TIMEOUT,
    make_project,
    no_processes_mentioning,
    report_command,
    report_env,
    run_folders,
    run_report,
    sha256,
    write_notebook,
)

EXIT_FAILED, EXIT_USAGE, EXIT_BUSY, EXIT_CANNOT_WRITE = 1, 3, 4, 5


# --------------------------------------------------------------------------- helpers


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: sha256(p) for p in sorted(folder.iterdir())}


def leftovers(root: Path) -> list[str]:
    """Partial runs, link temporaries and staging folders: what no finished run may leave."""
    reports, data = root / "reports", root / "data"
    found = [p.name for p in reports.glob(".partial-*")] if reports.exists() else []
    found += [p.name for p in reports.glob(".latest-*")] if reports.exists() else []
    found += [p.name for p in data.glob(".processed-*")]
    return sorted(found)


def assert_no_traceback(text: str) -> None:
    assert "Traceback" not in text, text


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """Tiny notebooks, one published run `first` and data/processed written by it."""
    root = make_project(tmp_path_factory.mktemp("template") / "project", real_notebooks=False)
    write_notebook(root, "zz_ok", "print('ok')")
    write_notebook(root, "zz_ok2", "print('ok too')")
    first = run_report(root, "--jobs", "1", "--run-id", "first")
    assert first.returncode == 0, first
    return root


@pytest.fixture
def project(template, tmp_path) -> Path:
    """A copy of the template project, for a test to break."""
    root = tmp_path / "project"
    shutil.copytree(template, root, symlinks=True)
    return root


def start(root: Path, *args: str, pause_at: str | None = None, command: str = "report"):
    """Start a command in the background; stderr goes to a file (read with `stderr_of`)."""
    log = root.parent / f"stderr-{time.monotonic_ns()}.txt"
    extra = {"ANALYSIS_PAUSE_AT": pause_at} if pause_at else {}
    argv = (
        report_command(*args)
        if command == "report"
        else [sys.executable, "-m", "analysis", command, *args]
    )
    with open(log, "w") as err:
        proc = subprocess.Popen(
            argv,
            cwd=root,
            env=report_env(root, **extra),
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
    proc.log = log
    return proc


def stderr_of(proc) -> str:
    return proc.log.read_text(encoding="utf-8")


def wait_until(check, what: str, proc=None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert proc is None or proc.poll() is None, f"{what}: exited {proc.returncode}"
        assert time.monotonic() < deadline, f"{what}: not within {timeout} s"
        time.sleep(0.05)


def kill_9(proc) -> list[psutil.Process]:
    """SIGKILL the main process only (as the OOM killer does); returns what it had started."""
    family = psutil.Process(proc.pid).children(recursive=True)
    proc.kill()
    proc.wait(timeout=10)
    return family


def _running(proc: psutil.Process) -> bool:
    try:
        return proc.status() != psutil.STATUS_ZOMBIE  # dead, waiting for init to reap it
    except psutil.Error:
        return False


def assert_no_orphans(family: list[psutil.Process], root: Path) -> None:
    """Every process the killed run had started is dead (workers at once, kernels with them)."""
    deadline = time.monotonic() + 5
    while any(_running(p) for p in family) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in family if _running(p)], family
    assert not no_processes_mentioning(root, grace=3)


# --------------------------------------------------------------------------- kill -9


PHASES = [
    "started",  # the partial folder exists, no worker yet
    "validated",  # workers and kernels running, tables validated, data/processed not written
    "built",  # data/processed written (killed mid-swap: test_build_killed_mid_swap...)
    "notebook",  # a notebook running in a kernel
    "notebooks-done",  # kernels idle, the run's files not yet written
    "published-folder",  # renamed into place, `latest` not yet moved
]


def test_kill_9_at_each_phase(project):
    """The main process killed outright at every phase: it takes its workers and kernels
    with it, `latest` and data/processed stay whole, and the next run removes what it left."""
    reports, processed = project / "reports", project / "data" / "processed"
    tables = snapshot(processed)
    started = project.parent / "sleeping.started"
    for phase in PHASES:
        if phase == "notebook":
            code = f"import pathlib, time\npathlib.Path({str(started)!r}).write_text('1')\n"
            write_notebook(project, "zz_sleeps", code + "time.sleep(120)")
            proc = start(project, "--jobs", "1", "--force")
            wait_until(started.exists, phase, proc)
        else:
            proc = start(project, "--jobs", "1", "--force", pause_at=phase)
            wait_until(lambda p=proc: "paused at" in stderr_of(p), phase, proc)
        family = kill_9(proc)
        (project / "notebooks" / "zz_sleeps.ipynb").unlink(missing_ok=True)
        assert_no_orphans(family, project)
        assert os.readlink(reports / "latest") == "first", phase
        assert snapshot(processed) == tables, phase  # whole, old or new (the same bytes here)
        partials = [p for p in run_folders(reports) if p.startswith(".partial-")]
        assert len(partials) <= 1, (phase, partials)  # the previous one was reaped
    after = run_report(project, "--jobs", "1", "--force")
    assert after.returncode == 0, after
    assert leftovers(project) == []
    assert os.readlink(reports / "latest") != "first"
    assert not no_processes_mentioning(project)


def test_build_killed_mid_swap_leaves_a_whole_folder(project):
    processed = project / "data" / "processed"
    tables = snapshot(processed)
    for phase in ("build-staged", "build-swapped"):  # the second build reaps the first's staging
        proc = start(project, pause_at=phase, command="build")
        wait_until(lambda p=proc: "paused at" in stderr_of(p), phase, proc)
        kill_9(proc)
        assert snapshot(processed) == tables, phase
        assert len(list(processed.parent.glob(".processed-*"))) == 1, phase  # its staging
    again = run_report(project, command="build")
    assert again.returncode == 0, again
    assert leftovers(project) == [] and snapshot(processed) == tables


# --------------------------------------------------------------------------- a killed worker


def test_a_killed_worker_is_a_named_failure(project):
    reports = project / "reports"
    started = project.parent / "sleeping.started"
    code = f"import pathlib, time\npathlib.Path({str(started)!r}).write_text('1')\ntime.sleep(120)"
    write_notebook(project, "zz_sleeps", code)
    proc = start(project, "--jobs", "2", "--run-id", "second")
    wait_until(started.exists, "the sleeping notebook", proc)
    main = psutil.Process(proc.pid)
    family = main.children(recursive=True)
    kernel = next(p for p in family if any(str(reports) in a for a in p.cmdline()))
    victim = kernel.parent()
    assert victim in main.children()  # a worker, whose kernel runs the sleeping notebook
    victim.kill()
    assert proc.wait(timeout=60) == EXIT_FAILED
    err = stderr_of(proc)
    assert_no_traceback(err)
    assert "notebook zz_sleeps: worker died" in err, err
    assert run_folders(reports) == ["first", "latest", "second-failed"]
    assert os.readlink(reports / "latest") == "first"
    manifest = json.loads((reports / "second-failed" / "manifest.json").read_text())
    assert {r["name"]: r["status"] for r in manifest["notebooks"]}["zz_sleeps"] == "worker died"
    assert_no_orphans(family, project)
    assert leftovers(project) == []


# --------------------------------------------------------------------------- disks


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str = "4m"):
    """A tmpfs of `size` mounted at `path` (a skip, with the reason, where mounting fails)."""
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'not root'})")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(folder: Path, leave: int) -> Path:
    """Fill the filesystem of `folder`, then free `leave` bytes; returns the filler file."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as f, contextlib.suppress(OSError):
        while True:
            f.write(b"\0" * 65536)
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def test_full_disk_exits_5_and_leaves_nothing(template, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(template, root, symlinks=True, ignore=shutil.ignore_patterns("reports"))
    reports = root / "reports"
    with small_tmpfs(reports):
        shutil.copytree(template / "reports", reports, symlinks=True, dirs_exist_ok=True)
        # room for the run's folders, not for what its notebook writes (in the kernel)
        write_notebook(
            root,
            "zz_big",
            "import pathlib\npathlib.Path(output_dir, 'big.bin').write_bytes(b'x' * 400_000)",
            "articles = None\noutput_dir = None",
        )
        filler = fill(reports, leave=200_000)
        for _ in ("a notebook's write", "the main process's own"):
            run = run_report(root, "--jobs", "1")
            assert run.returncode == EXIT_CANNOT_WRITE, run
            line = one_line(run.stderr)
            assert line.startswith(f"error: cannot write {reports}/"), line
            assert "No space left on device" in line and "reports/latest is unchanged" in line
            assert run_folders(reports) == ["filler", "first", "latest"]
            assert os.readlink(reports / "latest") == "first"
            assert not no_processes_mentioning(root)
            filler = fill(reports, leave=0)
        filler.unlink()  # space freed: the next run works
        again = run_report(root, "--jobs", "1")
        assert again.returncode == 0, again
        assert leftovers(root) == []


@contextlib.contextmanager
def read_only(folder: Path):
    """`folder` made read-only: a read-only bind mount as root, a chmod otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield "Permission denied"
        finally:
            folder.chmod(0o755)
        return
    for options in (["--bind"], ["-o", "remount,ro,bind"]):
        argv = ["mount", *options, str(folder), str(folder)]
        done = subprocess.run(argv, capture_output=True, text=True)
        if done.returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
            pytest.skip(f"cannot make a read-only mount here ({done.stderr.strip()})")
    try:
        yield "Read-only file system"
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_read_only_reports_and_data_exit_5(project):
    reports, processed = project / "reports", project / "data" / "processed"
    tables = snapshot(processed)
    with read_only(reports) as cause:
        run = run_report(project, "--force")
        assert run.returncode == EXIT_CANNOT_WRITE, run
        line = one_line(run.stderr)
        assert line.startswith(f"error: cannot write {reports}") and cause in line, line
    assert run_folders(reports) == ["first", "latest"]
    with read_only(project / "data") as cause:
        for command, args in (("build", ()), ("report", ("--force",))):
            run = run_report(project, *args, command=command)
            assert run.returncode == EXIT_CANNOT_WRITE, (command, run)
            line = one_line(run.stderr)
            assert f"cannot write {processed}: {cause}" in line, line
    assert snapshot(processed) == tables
    assert run_folders(reports) == ["first", "latest"] and leftovers(project) == []
    assert not no_processes_mentioning(project)


# --------------------------------------------------------------------------- overlapping runs


def test_overlapping_runs_take_turns(project):
    reports = project / "reports"
    first = start(project, "--jobs", "1", "--force", pause_at="validated")
    wait_until(lambda: "paused at" in stderr_of(first), "the first run", first)
    refused = [start(project, "--jobs", "1", "--force") for _ in range(2)]
    waiting = start(project, "--jobs", "1", "--force", "--wait", "120")
    for proc in refused:
        assert proc.wait(timeout=60) == EXIT_BUSY
        err = stderr_of(proc)
        assert_no_traceback(err)
        assert one_line(err).startswith("error: another build or report is running in "), err
    assert waiting.poll() is None  # still waiting for the first
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    assert waiting.wait(timeout=RUN_TIMEOUT) == 0, stderr_of(waiting)
    published = [p for p in run_folders(reports) if p not in ("first", "latest")]
    assert len(published) == 1 and os.readlink(reports / "latest") == published[0]
    assert leftovers(project) == []  # the killed first run's partial was reaped


def _write_many(target: str, writer: int, count: int) -> int:
    failures = 0
    for i in range(count):
        try:
            write_atomically({"a.csv": f"{writer},{i}\n", "b.csv": f"{writer},{i}\n"}, Path(target))
        except OSError:
            failures += 1
    return failures


def test_concurrent_atomic_writes_never_fail_nor_leave_the_folder_missing(tmp_path):
    """Three writers of one folder (the issue saw 196 to 258 failures in 900 writes)."""
    target = tmp_path / "data" / "processed"
    write_atomically({"a.csv": "0,0\n", "b.csv": "0,0\n"}, target)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(3) as pool:
        pending = pool.starmap_async(_write_many, [(str(target), w, 150) for w in (1, 2, 3)])
        checks = 0
        while not pending.ready():
            assert re.fullmatch(r"\d,\d+\n", (target / "a.csv").read_text())  # always there
            checks += 1
        assert pending.get() == [0, 0, 0]
    assert checks > 10
    assert sorted(p.name for p in target.parent.iterdir()) == ["processed"]


# --------------------------------------------------------------------------- notebooks


def test_notebooks_that_exit_early_fail(tmp_path):
    """sys.exit(0) in a cell stops a notebook without an error papermill would raise."""
    root = make_project(tmp_path / "project", real_notebooks=False)
    write_notebook(root, "zz_ok", "print('ok')")
    early = {
        "zz_sys_exit": "import sys\nsys.exit(0)\nprint('never')",
        "zz_system_exit": "raise SystemExit(3)",
        "zz_exit": "exit()\nprint('never')",  # quit() works the same way in IPython
    }
    for name, code in early.items():
        write_notebook(root, name, code)
    run = run_report(root, "--jobs", "2", "--run-id", "early")
    assert run.returncode == EXIT_FAILED, run
    assert_no_traceback(run.stderr)
    manifest = json.loads((root / "reports" / "early-failed" / "manifest.json").read_text())
    status = {r["name"]: (r["status"], r["error"]) for r in manifest["notebooks"]}
    assert status.pop("zz_ok") == ("ok", "")
    for name, (result, error) in status.items():
        assert result == "failed" and "SystemExit" in error, (name, error)
        assert f"notebook {name}: failed" in run.stderr
    assert not (root / "reports" / "latest").exists()
    assert not no_processes_mentioning(root)
