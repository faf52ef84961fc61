"""The reports folder: run ids, partial runs and their owners, publishing, reaping, retention.

    reports/.partial-<id>/   a run being assembled; `.owner.json` names its process
    reports/<id>/            a published run;  reports/<id>-failed/  a failed one
    reports/latest           a relative link to the newest published run
    reports/.latest-<pid>    the link being made (renamed over `latest` in one step)

A run that is killed leaves its partial folder (and, for a moment, its kernels);
the next run, holding the checkout lock, removes every partial folder whose
owner is gone, kills what still runs from it, and removes stale link
temporaries. Retention keeps the newest N run folders (published or failed) and
never the one `latest` points at.
"""

import contextlib
import json
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

RUN_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
OWNER = ".owner.json"
MANIFEST = "manifest.json"


class RunIdError(ValueError):
    """A run id that is not a safe, new folder name."""


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"


def check_run_id(run_id: str, reports: Path) -> Path:
    """The run's final folder; refuses ids that could escape the reports folder."""
    if not RUN_ID_RE.fullmatch(run_id) or run_id in ("latest",) or ".." in run_id:
        raise RunIdError(
            f"run id {run_id!r} must be letters, digits, '.', '_' or '-' (not 'latest')"
        )
    final = (reports / run_id).resolve()
    if final.parent != reports.resolve():
        raise RunIdError(f"run id {run_id!r} points outside {reports}")
    if final.exists() or (reports / f"{run_id}-failed").exists():
        raise RunIdError(f"a report {run_id!r} already exists")
    return final


def inside(path: Path, root: Path) -> Path:
    """`path`, after checking it resolves inside `root` (no escaping the report)."""
    if not path.resolve().is_relative_to(root.resolve()):
        raise ValueError(f"refusing to write {path}: outside {root}")
    return path


# ---------------------------------------------------------------- owners


def _identity(pid: int) -> dict:
    """A process as (pid, start time): a pid alone may be reused by another process."""
    import psutil

    try:
        return {"pid": pid, "started": psutil.Process(pid).create_time()}
    except psutil.Error:
        return {"pid": pid, "started": None}


def _alive(identity: dict) -> bool:
    import psutil

    try:
        proc = psutil.Process(identity["pid"])
        return proc.create_time() == identity["started"] and proc.status() != psutil.STATUS_ZOMBIE
    except (psutil.Error, KeyError, TypeError, ValueError):
        return False


def write_owner(partial: Path, workers: list[int] = ()) -> None:
    """Record which processes a partial run belongs to (the main process and its workers)."""
    record = {"main": _identity(os.getpid()), "workers": [_identity(p) for p in workers]}
    (partial / OWNER).write_text(json.dumps(record), encoding="utf-8")


def _owner(partial: Path) -> dict:
    try:
        return json.loads((partial / OWNER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# ---------------------------------------------------------------- processes


def processes_under(folder: Path) -> list:
    """Live processes whose command line mentions `folder` (kernels name their connection file)."""
    import psutil

    marker = str(folder)
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        if proc.pid == os.getpid():
            continue
        try:
            if any(marker in part for part in proc.info["cmdline"] or []):
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def kill_kernels(folder: Path) -> int:
    """Kill every process started for a run (found by the run's path); returns how many."""
    import psutil

    procs = processes_under(folder)
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(procs, timeout=3)
    return len(procs)


def _kill(identities: list[dict]) -> None:
    import psutil

    for identity in identities:
        if _alive(identity):
            with contextlib.suppress(psutil.Error):
                psutil.Process(identity["pid"]).kill()


# ---------------------------------------------------------------- reaping and retention


def reap(reports: Path) -> list[str]:
    """Remove what dead runs left in `reports` (hold the checkout lock); returns the names.

    A partial folder is kept only while its main process lives; its workers and
    kernels are killed before it is removed. Link temporaries are always stale under
    the lock.
    """
    removed = []
    if not reports.is_dir():
        return removed
    live = set()
    for partial in sorted(reports.glob(".partial-*")):
        owner = _owner(partial)
        if owner.get("main") and _alive(owner["main"]):
            live.add(partial.name)
            continue
        _kill(owner.get("workers", []))
        kill_kernels(partial)
        shutil.rmtree(partial, ignore_errors=True)
        removed.append(partial.name)
    _kill_strays(reports, live)
    for tmp in reports.glob(".latest-*"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp.name)
    return removed


def _kill_strays(reports: Path, live: set[str]) -> None:
    """Kill kernels of partial runs whose folder is gone (a run killed while removing it)."""
    import psutil

    prefix = str(reports / ".partial-")
    for proc in processes_under(reports / ".partial-"):
        try:
            parts = [p for p in proc.cmdline() if prefix in p]
        except psutil.Error:
            continue
        names = {Path(p[p.index(prefix) :]).relative_to(reports).parts[0] for p in parts}
        if not names & live:
            with contextlib.suppress(psutil.Error):
                proc.kill()


def publish(partial: Path, final: Path, reports: Path) -> None:
    """Move the finished run into place and point `latest` at it, atomically."""
    from analysis.derived.atomic import checkpoint

    partial.rename(final)
    checkpoint("published-folder")
    link = reports / "latest"
    tmp = reports / f".latest-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(final.name)
    os.replace(tmp, link)


def _started(run_dir: Path) -> str | None:
    """The run's start time from its manifest; None when it is not a run folder."""
    try:
        manifest = json.loads((run_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    run_id = manifest.get("run_id") if isinstance(manifest, dict) else None
    if run_id not in (run_dir.name, run_dir.name.removesuffix("-failed")):
        return None
    return str(manifest.get("started", ""))


def prune(reports: Path, keep: int) -> list[str]:
    """Keep the newest `keep` run folders (published or failed) and the one `latest` names.

    Only folders with a manifest of their own run count as runs: anything else in
    reports/ (reports/figures, a cron log) is never touched.
    """
    latest = reports / "latest"
    current = os.readlink(latest) if latest.is_symlink() else None
    runs = []
    for entry in reports.iterdir():
        if entry.name.startswith(".") or entry.is_symlink() or not entry.is_dir():
            continue
        started = _started(entry)
        if started is not None:
            runs.append((started, entry.name, entry))
    runs.sort(reverse=True)
    removed = []
    for _, name, entry in runs[keep:]:
        if name != current:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(name)
    return removed
