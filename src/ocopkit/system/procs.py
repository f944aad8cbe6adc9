"""Processes: worker processes that end with their parent, and whether a process still runs.

A worker blocked in a task (or waiting on a queue whose other end its own siblings still hold)
outlives a parent that is killed with ``SIGKILL``, and keeps a core busy for nothing.
:func:`die_with_parent`, run first in each worker, asks Linux to send it ``SIGTERM`` when the
parent ends (``prctl(PR_SET_PDEATHSIG)``).
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
"""``prctl`` option: the signal a process receives when its parent ends (``<linux/prctl.h>``)."""


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def die_with_parent(parent: int) -> None:
    """In a new worker process whose parent is ``parent``: be sent ``SIGTERM`` when the parent
    ends (Linux), and exit at once if it has ended already (it may have died before the call).

    Elsewhere than on Linux only the second half applies. Linux sends the signal when the
    *thread* that started the worker ends; the pools here are started from the main thread.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a handler inherited by fork might not end it
    libc = _libc()
    if libc is not None:
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` exists and has not ended (a zombie waiting for its parent to
    collect it counts as ended)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in (b"Z", b"X")
