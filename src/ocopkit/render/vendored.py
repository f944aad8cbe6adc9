"""The third-party files that ship inside the ocopkit package (fonts, browser scripts).

They are fetched from pinned npm packages by ``scripts/vendor_assets.py`` (licences in each
folder and on the site's "Thành phần bên thứ ba" page). The MkDocs plugin serves them to every
site as ``assets/vendor/…``; the handouts read their fonts from here and from nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "assets" / "vendor"
"""The folder of vendored files inside the installed package."""
SITE_FOLDER = "assets/vendor"
"""Where a site serves them."""


def vendored_files() -> Iterator[tuple[str, Path]]:
    """Each vendored file as (path on the site, file), in a stable order."""
    for path in sorted(VENDOR.rglob("*")):
        if path.is_file():
            yield f"{SITE_FOLDER}/{path.relative_to(VENDOR).as_posix()}", path
