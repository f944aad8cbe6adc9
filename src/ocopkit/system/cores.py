"""How many processes may run at once: the cores this process is allowed to use."""

from __future__ import annotations

import os


def available_cores() -> int:
    """The cores of this process's CPU affinity (a container may allow fewer than the machine
    has), or the machine's count where affinity is not known."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
