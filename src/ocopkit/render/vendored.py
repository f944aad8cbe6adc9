"""The files every site gets from the ocopkit package: the theme's template overrides, the
stylesheets and the third-party files (fonts, browser scripts).

Third-party files are fetched from pinned npm packages by ``scripts/vendor_assets.py``
(licences in each folder and on the site's "Thành phần bên thứ ba" page). The MkDocs plugin
serves them to every site as ``assets/vendor/…``; the handouts read their fonts from here and
from nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "assets" / "vendor"
"""The folder of vendored files inside the installed package."""
SITE_FOLDER = "assets/vendor"
"""Where a site serves them."""
THEME_OVERRIDES = Path(__file__).resolve().parent / "theme"
"""Template overrides of Material (``main.html``, partials), searched after a site's own
``custom_dir``."""
STYLESHEETS = Path(__file__).resolve().parent / "assets" / "stylesheets"
STYLESHEET_FOLDER = "assets/stylesheets"
SITE_STYLESHEETS = (f"{STYLESHEET_FOLDER}/ocop.css", f"{STYLESHEET_FOLDER}/print.css")
"""The stylesheets every page loads, in order."""


def vendored_files() -> Iterator[tuple[str, Path]]:
    """Each packaged file a site serves as (path on the site, file), in a stable order: the
    vendored files, then the stylesheets."""
    for folder, base in ((SITE_FOLDER, VENDOR), (STYLESHEET_FOLDER, STYLESHEETS)):
        for path in sorted(base.rglob("*")):
            if path.is_file():
                yield f"{folder}/{path.relative_to(base).as_posix()}", path
