"""What WeasyPrint may read while rendering a handout: the project's own files, nothing else.

Handouts are built from author text; a page could name ``file:///etc/passwd`` as an image or an
attachment, or a web address. :class:`ProjectFetcher` answers only ``file:`` URLs inside the
given folders (after resolving symbolic links) and ``data:`` URLs; every other request fails,
and WeasyPrint leaves that resource out. :func:`keep_online_links` drops every link of a
rendered document that is not an address on the web, an e-mail or phone link, or an anchor
inside the document, so no PDF carries a path of the machine that built it or an attachment.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher

from ocopkit.render.urls import ONLINE_SCHEMES


class ProjectFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types: Any
    """A WeasyPrint URL fetcher limited to files under ``roots`` and ``data:`` URLs."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.roots = tuple(Path(os.path.realpath(r)) for r in roots)

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = urlsplit(url)
        if parts.scheme.lower() == "file":
            if parts.netloc not in ("", "localhost"):
                raise ValueError(f"refused {url}: not a file of this project")
            path = Path(os.path.realpath(url2pathname(parts.path)))
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"refused {url}: outside the project's files")
        elif parts.scheme.lower() != "data":
            raise ValueError(f"refused {url}: handouts read only the project's own files")
        return super().fetch(url, headers)


def keep_online_links(document: Any) -> None:
    """Remove from a rendered WeasyPrint document every link that is not ``http(s):``,
    ``mailto:``, ``tel:`` or internal, and every attachment."""
    for page in document.pages:
        page.links[:] = [link for link in page.links if link[0] == "internal" or (
            link[0] == "external" and urlsplit(str(link[1])).scheme.lower() in ONLINE_SCHEMES)]
    document.metadata.attachments = []
