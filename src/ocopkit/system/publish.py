"""Publish a finished build: replace the output folder only when everything succeeded.

A build writes into a fresh folder beside the destination; :func:`replace_folder` then swaps it
in, so a failed build leaves the previous output byte-for-byte as it was, and readers never see
a half-written folder. On Linux the swap is one atomic exchange of the two names, so a run
killed at any moment (``SIGKILL``) leaves the destination whole: the old folder or the new one.

The published folder is made like any folder the user creates: mode ``0o777`` less the umask
(``drwxr-xr-x`` with the usual umask 022), as are the files and folders the build writes in it.

Temporary folders and files carry their owner's process id in their names
(``.site.building-<pid>-<hex>``, see :func:`owned_name`). A run that is killed leaves them
behind; the next run removes those whose owner no longer runs (:func:`remove_stale`; should
the process id have been given to another process since, the removal waits until that one
ends).
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ocopkit.system.procs import pid_alive

AT_FDCWD = -100
"""``renameat2``: paths relative to the current directory (``<fcntl.h>``)."""
RENAME_EXCHANGE = 2
"""``renameat2``: swap the two names atomically (``<linux/fs.h>``)."""
_OWNER = re.compile(r"(?:^|.*\.)(?P<pid>\d+)-[0-9a-f]{8}")


def owned_name(prefix: str, suffix: str = "") -> str:
    """A new name ``<prefix><pid>-<8 hex digits><suffix>`` naming this process as its owner."""
    return f"{prefix}{os.getpid()}-{secrets.token_hex(4)}{suffix}"


def stale(folder: Path, prefix: str, suffix: str = "") -> list[Path]:
    """The entries of ``folder`` named by :func:`owned_name` with ``prefix`` and ``suffix``
    whose owner process has ended (names without an owner are never listed)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError:
        return []
    found = []
    for name in names:
        if not (name.startswith(prefix) and name.endswith(suffix)
                and len(name) > len(prefix) + len(suffix)):
            continue
        owner = _OWNER.fullmatch(name[len(prefix):len(name) - len(suffix)])
        pid = int(owner["pid"]) if owner else 0
        if pid and pid != os.getpid() and not pid_alive(pid):
            found.append(folder / name)
    return found


def remove_stale(folder: Path, prefix: str, suffix: str = "") -> list[Path]:
    """Remove the :func:`stale` entries of ``folder`` (folders with all they hold); return
    them."""
    removed = stale(folder, prefix, suffix)
    for path in removed:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return removed


@contextmanager
def temporary_folder(parent: Path, prefix: str, *, mode: int = 0o777) -> Iterator[Path]:
    """A new folder ``parent/<prefix><pid>-<hex>`` (``mode`` less the umask), removed on exit;
    stale ones of ended runs are removed first."""
    parent.mkdir(parents=True, exist_ok=True)
    remove_stale(parent, prefix)
    path = parent / owned_name(prefix)
    path.mkdir(mode=mode)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """libc's ``renameat2`` (Linux, glibc 2.28 and later), or ``None``."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> bool:
    """Swap the names ``a`` and ``b`` (both existing) in one atomic step; ``False``, with
    nothing changed, when the system cannot: not Linux, no ``renameat2`` in the C library,
    or the kernel or file system refuses the flag (``ENOSYS``, ``EINVAL``)."""
    function = _renameat2()
    if function is None:
        return False
    if function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(code, os.strerror(code), os.fspath(a), None, os.fspath(b))


@contextmanager
def staging_folder(dest: Path) -> Iterator[Path]:
    """A new empty folder beside ``dest``; removed on error, left for :func:`replace_folder`.

    Stale folders of killed runs beside ``dest`` are dealt with first (:func:`clean_up`)."""
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    clean_up(dest)
    tmp = dest.parent / owned_name(f".{dest.name}.building-")
    tmp.mkdir()  # 0o777 less the umask, as the published folder should be
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def clean_up(dest: Path) -> None:
    """Remove what killed runs left beside ``dest``: staging folders, and old copies set aside
    by the two-rename fallback, except that when ``dest`` is missing (a crash between those
    two renames) the newest old copy is put back as ``dest``."""
    dest = dest.resolve()
    remove_stale(dest.parent, f".{dest.name}.building-")
    old = stale(dest.parent, f".{dest.name}.old-")
    if old and not os.path.lexists(dest):
        max(old, key=lambda p: p.lstat().st_mtime_ns).rename(dest)
    remove_stale(dest.parent, f".{dest.name}.old-")


def replace_folder(staged: Path, dest: Path) -> None:
    """Put ``staged`` in place of ``dest``; the old ``dest`` is removed only after the swap.

    On Linux the two names are exchanged in one step (``renameat2`` with
    ``RENAME_EXCHANGE``): at every moment ``dest`` names a whole folder, the old or the new
    one. The old one, now under the staging name, is then removed; a crash before that leaves
    it for the next run's :func:`clean_up`. Where the exchange is not available (see
    :func:`exchange`), ``dest`` is renamed aside and ``staged`` renamed in: a crash between the
    two renames leaves no ``dest`` until :func:`clean_up` of the next run puts the old one back.
    When ``dest`` does not exist, ``staged`` is simply renamed.
    """
    dest = dest.resolve()
    if not os.path.lexists(dest):
        staged.rename(dest)
        return
    if exchange(staged, dest):
        shutil.rmtree(staged, ignore_errors=True)
        return
    old = dest.parent / owned_name(f".{dest.name}.old-")
    dest.rename(old)
    try:
        staged.rename(dest)
    except OSError:
        old.rename(dest)
        raise
    shutil.rmtree(old, ignore_errors=True)
