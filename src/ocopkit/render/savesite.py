"""A site that saves itself on a phone (online builds only): web manifest, service worker and
the list of files to save.

- :func:`web_manifest` lets a phone add the site to its home screen;
- :func:`file_list` is written after the build (:data:`FILE_LIST`, by
  :func:`write_save_files`): every file of the site
  with its size, PDFs apart, and a version that changes whenever any file changes;
- :func:`service_worker` (:data:`SERVICE_WORKER`, ``sw.js`` beside this module) keeps the pages
  a reader opens, answers from them without a network, and on request (the home page's
  button, ``save.js``) stores every file of the list. Its cache is named after the version: a
  new build installs a new worker, which stores the new files (all of them if the reader had
  saved the site) before it deletes the old cache, so a reader never gets a mix of two builds.

The offline zip and the ZIM file carry none of this: they are already offline, and a service
worker does not run from ``file://``.
"""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from pathlib import Path

SERVICE_WORKER = "sw.js"
"""At the site's root, so that its scope is the whole site."""
WEB_MANIFEST = "manifest.webmanifest"
FILE_LIST = "offline-files.json"
SAVE_SCRIPT = "assets/javascripts/ocop-save.js"
ICONS = {192: "assets/icons/ocop-192.png", 512: "assets/icons/ocop-512.png"}
NOT_SAVED = frozenset({SERVICE_WORKER, FILE_LIST})
"""Files never stored: the worker and the list are fetched fresh, to notice a new build."""


def web_manifest(name: str, short_name: str, description: str) -> str:
    """The web manifest (JSON): name, icons, colours; opens at the site's home page."""
    data = {"name": name, "short_name": short_name, "description": description, "lang": "vi",
            "start_url": "./", "scope": "./", "display": "standalone",
            "background_color": "#ffffff", "theme_color": "#2e7d32",
            "icons": [{"src": path, "sizes": f"{size}x{size}", "type": "image/png"}
                      for size, path in ICONS.items()]}
    return json.dumps(data, ensure_ascii=False, indent=1)


def _url(rel: str) -> str:
    """The address a browser asks for (directory URLs: ``guides/x/``, the home page ``./``)."""
    if rel == "index.html":
        return "./"
    if rel.endswith("/index.html"):
        return rel.removesuffix("index.html")
    return rel


def file_list(site: Path, directory_urls: bool = True) -> dict[str, object]:
    """:data:`FILE_LIST` for the built ``site``: ``version``, ``files`` and ``pdfs``
    (each ``[address, bytes]``), ``bytes`` and ``pdf_bytes`` (totals)."""
    digest = hashlib.sha256()
    pages: list[tuple[str, int]] = []
    pdfs: list[tuple[str, int]] = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or path.is_symlink() or rel in NOT_SAVED:
            continue
        data = path.read_bytes()
        digest.update(f"{rel}\0{hashlib.sha256(data).hexdigest()}\n".encode())
        entry = (_url(rel) if directory_urls else rel, len(data))
        (pdfs if rel.endswith(".pdf") else pages).append(entry)
    return {"version": digest.hexdigest()[:16],
            "files": pages, "bytes": sum(n for _, n in pages),
            "pdfs": pdfs, "pdf_bytes": sum(n for _, n in pdfs)}


def write_save_files(site: Path, directory_urls: bool = True) -> None:
    """Write :data:`FILE_LIST` and the :data:`SERVICE_WORKER` of its version into ``site``
    (after every other file is written: the list covers them)."""
    listed = file_list(site, directory_urls)
    (site / FILE_LIST).write_text(json.dumps(listed, ensure_ascii=False,
                                             separators=(",", ":")), encoding="utf-8")
    (site / SERVICE_WORKER).write_text(service_worker(str(listed["version"])),
                                       encoding="utf-8")


def service_worker(version: str) -> str:
    """``sw.js`` for the build whose :func:`file_list` has ``version``."""
    template = files("ocopkit.render").joinpath("sw.js").read_text(encoding="utf-8")
    return (template.replace("__VERSION__", json.dumps(version))
            .replace("__FILE_LIST__", json.dumps(FILE_LIST)))


def save_script() -> str:
    """The page side (``save.js``): registers the worker, runs the home page's button."""
    template = files("ocopkit.render").joinpath("save.js").read_text(encoding="utf-8")
    return (template.replace("__SERVICE_WORKER__", json.dumps(SERVICE_WORKER))
            .replace("__FILE_LIST__", json.dumps(FILE_LIST)))


def save_block() -> str:
    """HTML for the home page: the button, hidden until ``save.js`` shows it with the sizes."""
    return ('<div class="ocop-save" data-state="idle" hidden>'
            '<p><button type="button" class="md-button md-button--primary" '
            'data-action="save-site">Lưu để đọc khi không có mạng</button> '
            '<span class="ocop-save-size"></span></p>'
            '<p><label><input type="checkbox" name="save-pdfs"> Lưu cả tài liệu in (PDF) '
            '<span class="ocop-save-pdf-size"></span></label></p>'
            '<p class="ocop-save-status" role="status" aria-live="polite"></p></div>'
            '<p class="ocop-save-none">Trình duyệt này không lưu được trang. Để đọc khi không '
            'có mạng, hãy dùng bản sao ngoại tuyến (tệp .zip cho máy tính, tệp .zim cho ứng dụng '
            'Kiwix) ở trang Tài liệu in.</p>')
