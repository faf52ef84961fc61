"""Processes that end with their parent, however the parent ends (kill -9 included).

Linux delivers a chosen signal to a process when the thread that started it
exits (`prctl(PR_SET_PDEATHSIG)`). Report workers ask for SIGKILL when the
main process dies, and each kernel when its worker dies; the parent's pid is
checked right after, in case it died before the request was made. Elsewhere
(no prctl) this does nothing: ipykernel still polls for its parent each second.
"""

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> bool:
    """Be killed when `parent_pid` (this process's parent) dies; False where not supported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        supported = libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        supported = False
    if os.getppid() != parent_pid:  # the parent is already gone
        os._exit(1)
    return supported
