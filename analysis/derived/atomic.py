"""Folders replaced whole, and one run at a time: what `build` and `report` write with.

write_atomically: the files are written to a fresh staging folder beside the
target, which is then exchanged with it in one step (Linux
`renameat2(RENAME_EXCHANGE)`), so that the target holds the old or the new
files at every instant, even under kill -9; the staging name then holds the
old files and is removed. Where the exchange is not available, two renames are
used and a leftover of an interrupted swap is restored by the next write.
Writers of one folder take turns (a lock on its parent folder), and each write
first removes the staging folders that dead writers left.

checkout_lock: held by `build` and `report` for their whole run, so that one
runs at a time per checkout (a second one waits up to a limit, then gives up
with `Busy`).

Standard library only: the report imports this before it forks its workers.
"""

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from analysis import config


class Busy(Exception):
    """Another build or report holds this checkout's lock."""


@contextlib.contextmanager
def folder_lock(folder: Path, wait: float | None = None) -> Iterator[None]:
    """An exclusive lock on `folder` itself (flock on the folder), held for the block.

    Locking the folder creates no file, works on a read-only checkout and ends with
    the process however it ends (the kernel drops the lock). wait: seconds to wait
    for it (None: as long as it takes); raises Busy when they have passed.
    """
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise Busy(f"another build or report is running in {folder}") from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # releases the lock


def checkout_lock(root: Path | None = None, wait: float = 0.0):
    """The lock `build`, `report`, `baselines` and `notebooks` hold while they run.

    See `folder_lock`.
    """
    return folder_lock(root or config.ROOT, wait)


def checkpoint(phase: str) -> None:
    """Fault-injection point for the fault tests: pause here when ANALYSIS_PAUSE_AT names it.

    The test then kills the process at that exact phase. Costs one dictionary lookup.
    """
    if os.environ.get("ANALYSIS_PAUSE_AT") == phase:
        print(f"paused at {phase}", file=sys.stderr, flush=True)
        time.sleep(60)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directory entries in one step; False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _remove(path: Path) -> None:
    """Remove a file, a link (never what it points to) or a folder tree."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.is_symlink() or path.exists():
        path.unlink()


def reap_staging(target: Path) -> None:
    """Remove what interrupted writes of `target` left (call with the folder lock held).

    `.<name>-new-*` folders are staging of dead writers (or the old tables after an
    exchange); a `.<name>-old-*` folder is the previous tables of an interrupted
    two-rename swap: it is put back if `target` is missing, else removed.
    """
    for old in sorted(target.parent.glob(f".{target.name}-old-*")):
        if not target.exists() and not target.is_symlink():
            old.rename(target)
        else:
            _remove(old)
    for staging in target.parent.glob(f".{target.name}-new-*"):
        _remove(staging)


def reap(target: Path) -> None:
    """`reap_staging` under the folder lock, when the folder above `target` exists."""
    if target.parent.is_dir():
        with folder_lock(target.parent):
            reap_staging(target)


def _swap_in(staging: Path, target: Path) -> None:
    """Put `staging` at `target`; the previous `target` (if any) is then removed."""
    if not (target.exists() or target.is_symlink()):
        staging.rename(target)
        return
    if _exchange(staging, target):
        checkpoint("build-swapped")
        _remove(staging)  # it now holds the previous tables (or whatever was there)
        return
    old = target.parent / f".{target.name}-old-{os.getpid()}"
    target.rename(old)
    staging.rename(target)
    _remove(old)


def write_atomically(texts: dict[str, str], target: Path) -> None:
    """Replace `target` with a folder holding exactly `texts`, all or nothing.

    A symlink or a plain file at `target` is replaced by the folder (never written
    through). Concurrent writers of one folder take turns.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(target.parent):
        reap_staging(target)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        except OSError as err:  # name the folder the user knows, not a random name
            raise OSError(err.errno, err.strerror, str(target)) from None
        try:
            staging.chmod(0o755)
            for name, text in texts.items():
                (staging / name).write_text(text, encoding="utf-8", newline="")
            checkpoint("build-staged")
            _swap_in(staging, target)
        finally:
            if staging.exists() or staging.is_symlink():
                _remove(staging)
