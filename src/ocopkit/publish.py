"""Publish a finished build: replace the output folder only when everything succeeded.

A build writes into a fresh temporary folder beside the destination; :func:`replace_folder`
then swaps it in with renames, so a failed build leaves the previous output byte-for-byte as it
was, and readers never see a half-written folder.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staging_folder(dest: Path) -> Iterator[Path]:
    """A new empty folder beside ``dest``; removed on error, left for :func:`replace_folder`."""
    dest = dest.resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.building-", dir=dest.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def replace_folder(staged: Path, dest: Path) -> None:
    """Swap ``staged`` in as ``dest``; the old ``dest`` is removed only after the swap."""
    dest = dest.resolve()
    old = None
    if dest.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
        old.rmdir()
        dest.rename(old)
    try:
        staged.rename(dest)
    except OSError:
        if old is not None:
            old.rename(dest)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
