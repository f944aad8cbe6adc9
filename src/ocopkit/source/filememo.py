"""Results computed from a file, remembered while the file's bytes stay the same.

``ocopkit serve`` checks all content before every rebuild; with a memo, only the files that
changed since the previous rebuild are parsed and validated again. A one-off command checks
each file once, so the memo costs it one read and one hash per file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


MAX_DIGEST_BYTES = 8 * 1024 * 1024
"""Larger files are not remembered: no source may be that large (the readers refuse it with a
clear problem), and hashing it before every check would cost time for nothing."""


def file_digest(path: Path) -> str | None:
    """BLAKE2 digest of the file's bytes (read in chunks), or ``None`` when it cannot be read
    or is larger than :data:`MAX_DIGEST_BYTES`."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        with path.open("rb") as handle:
            if os.fstat(handle.fileno()).st_size > MAX_DIGEST_BYTES:
                return None
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class FileMemo(Generic[T]):
    """``memo.get(path, extra, compute)``: ``compute()``'s result for this path, these other
    inputs (``extra``) and the file's current bytes; computed again when any of them changes.
    Results are shared, so they must not be changed by the caller."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, Hashable], tuple[str, T]] = {}

    def get(self, path: Path, extra: Hashable, compute: Callable[[], T]) -> T:
        digest = file_digest(path)
        if digest is None:
            return compute()
        key = (str(path), extra)
        held = self._items.get(key)
        if held is not None and held[0] == digest:
            return held[1]
        value = compute()
        self.put(path, extra, value, digest)
        return value

    def known(self, path: Path, extra: Hashable) -> T | None:
        """The remembered result if the file did not change, else ``None``."""
        held = self._items.get((str(path), extra))
        if held is not None and held[0] == file_digest(path):
            return held[1]
        return None

    def put(self, path: Path, extra: Hashable, value: T, digest: str | None) -> None:
        """Remember ``value``, computed from the bytes whose digest was ``digest`` before the
        computation, unless the file has changed since (a save during a rebuild)."""
        if digest is not None and file_digest(path) == digest:
            self._items[(str(path), extra)] = (digest, value)
