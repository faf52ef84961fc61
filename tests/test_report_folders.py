"""The reports folder in-process: retention keeps the newest runs, reaping removes dead runs.

Fabricated run folders (a manifest of their own run) and partial folders (an
owner record) stand in for real runs; the end-to-end fault suite
(test_report_faults.py) kills real runs.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil

from analysis.report import folders


def make_run(reports: Path, name: str, started: str, status: str = "ok") -> Path:
    run = reports / name
    run.mkdir(parents=True)
    run_id = name.removesuffix("-failed")
    manifest = {"run_id": run_id, "started": started, "status": status}
    (run / "manifest.json").write_text(json.dumps(manifest))
    return run


def test_prune_keeps_the_newest_runs_and_latest(tmp_path):
    reports = tmp_path / "reports"
    for day in range(1, 6):
        make_run(reports, f"run{day}", f"2025-01-0{day}T05:00:00+00:00")
    make_run(reports, "run6-failed", "2025-01-06T05:00:00+00:00", "failed")
    (reports / "latest").symlink_to("run1")  # an old run can be the published one
    (reports / "figures").mkdir()  # charts from JupyterLab: not a run
    (reports / "cron.log").write_text("log\n")
    (reports / "stray").mkdir()  # a folder without a manifest: not a run
    removed = folders.prune(reports, keep=2)
    assert sorted(removed) == ["run2", "run3", "run4"]
    assert sorted(p.name for p in reports.iterdir()) == [
        "cron.log",
        "figures",
        "latest",
        "run1",
        "run5",
        "run6-failed",
        "stray",
    ]


def test_prune_ignores_a_folder_whose_manifest_names_another_run(tmp_path):
    reports = tmp_path / "reports"
    make_run(reports, "new", "2025-02-01T00:00:00+00:00")
    copied = make_run(reports, "copy", "2025-01-01T00:00:00+00:00")
    (copied / "manifest.json").write_text(json.dumps({"run_id": "new", "started": "x"}))
    assert folders.prune(reports, keep=1) == []


def test_reap_removes_dead_runs_only(tmp_path):
    reports = tmp_path / "reports"
    dead = reports / ".partial-dead"
    (dead / ".runtime").mkdir(parents=True)
    exited = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    (dead / ".owner.json").write_text(
        json.dumps({"main": {"pid": int(exited.stdout), "started": 1.0}})
    )
    no_owner = reports / ".partial-no-owner"  # killed before it wrote its owner
    no_owner.mkdir()
    live = reports / ".partial-live"
    live.mkdir()
    folders.write_owner(live)  # this test process: alive
    (reports / ".latest-123").symlink_to("nowhere")
    make_run(reports, "done", "2025-01-01T00:00:00+00:00")
    # a kernel of the dead run still running (found by its path, as a connection file)
    kernel = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)", str(dead / ".runtime" / "k.json")]
    )
    try:
        removed = folders.reap(reports)
        assert sorted(removed) == [".latest-123", ".partial-dead", ".partial-no-owner"]
        assert sorted(p.name for p in reports.iterdir()) == [".partial-live", "done"]
        assert not folders.processes_under(dead)  # its kernel was killed
    finally:
        if kernel.poll() is None:
            kernel.kill()
            kernel.wait()


def test_a_reused_pid_is_not_the_owner(tmp_path):
    """An owner record names a pid and its start time: another process with that pid is not it."""
    partial = tmp_path / "reports" / ".partial-x"
    partial.mkdir(parents=True)
    me = psutil.Process(os.getpid())
    record = {"main": {"pid": me.pid, "started": me.create_time() - 3600}}
    (partial / ".owner.json").write_text(json.dumps(record))
    assert folders.reap(tmp_path / "reports") == [".partial-x"]


def test_kill_kernels_finds_processes_by_path(tmp_path):
    runtime = tmp_path / ".partial-y" / ".runtime"
    runtime.mkdir(parents=True)
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", str(runtime)])
    try:
        deadline = time.monotonic() + 5
        while not folders.processes_under(runtime) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert folders.kill_kernels(runtime) == 1
        assert not folders.processes_under(runtime)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
