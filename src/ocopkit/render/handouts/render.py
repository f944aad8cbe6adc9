"""Render handouts with WeasyPrint: in parallel, skipping documents whose inputs are unchanged.

The output folder holds the PDFs and ``manifest.json`` (one entry per PDF, in the order of the
documents: path, kind, title, url, page, pages, bytes, digest, seconds, subject, section). A
document whose digest matches the manifest and whose PDF
exists is not rendered again; PDFs no longer planned are removed.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from ocopkit.render.handouts.documents import Document
from ocopkit.render.vendored import VENDOR
from ocopkit.system.cores import available_cores
from ocopkit.system.procs import die_with_parent

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Entry:
    """One rendered PDF as listed in the manifest."""

    path: str
    kind: str
    title: str
    url: str
    page: str
    pages: int
    bytes: int
    digest: str
    seconds: float
    subject: str = ""
    """:attr:`Document.subject` (absent from manifests written before it existed)."""
    section: str = ""
    """:attr:`Document.section`."""


@dataclass(frozen=True)
class Manifest:
    """The rendered PDFs of a project, in the order they were planned."""

    entries: tuple[Entry, ...]
    rendered: int
    """How many PDFs this run rendered (the others were unchanged)."""

    def for_page(self, page: str) -> list[Entry]:
        """The PDFs belonging to the site page ``page`` (path under ``docs/``)."""
        return [e for e in self.entries if e.page == page]


def load_manifest(folder: Path) -> Manifest | None:
    """The manifest of a handouts folder, or ``None`` when there is none (or it is unreadable)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(tuple(Entry(**e) for e in data["entries"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None


FONTS_CONF = Path(__file__).resolve().parent / "fonts.conf"
"""fontconfig configuration with no font: WeasyPrint sees only the stylesheet's @font-face
fonts (vendored), never the machine's."""


def _render_one(html: str, base_url: str, target: str) -> tuple[int, float]:
    # In the worker, before fontconfig starts: the machine's fonts are never used. WeasyPrint
    # warns on import that fontconfig has no font: that is the point, so this one warning
    # (and only it) is silenced here.
    os.environ["FONTCONFIG_FILE"] = str(FONTS_CONF)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "No fonts configured in FontConfig", UserWarning)
        from weasyprint import HTML

    from ocopkit.render.handouts.fetch import ProjectFetcher, keep_online_links

    started = time.perf_counter()
    fetcher = ProjectFetcher([Path(base_url), VENDOR])
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
    keep_online_links(document)
    tmp = target + ".tmp"
    document.write_pdf(tmp)
    os.replace(tmp, target)
    return len(document.pages), time.perf_counter() - started


def render_handouts(documents: list[Document], out: Path, base_url: Path, *,
                    workers: int | None = None) -> Manifest:
    """Render what changed into ``out`` and write the manifest; return it."""
    out.mkdir(parents=True, exist_ok=True)
    previous = {e.path: e for e in (load_manifest(out) or Manifest((), 0)).entries}
    todo = [d for d in documents if not (
        d.path in previous and previous[d.path].digest == d.digest and (out / d.path).is_file())]
    results: dict[str, tuple[int, float]] = {}
    for doc in todo:
        (out / doc.path).parent.mkdir(parents=True, exist_ok=True)
    if todo:
        count = workers or available_cores()
        with ProcessPoolExecutor(max_workers=min(count, len(todo)), initializer=die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            futures = {d.path: pool.submit(_render_one, d.html, str(base_url) + os.sep,
                                           str(out / d.path)) for d in todo}
            results = {path: future.result() for path, future in futures.items()}
    entries = []
    for doc in documents:
        if doc.path in results:
            pages, seconds = results[doc.path]
        else:
            pages, seconds = previous[doc.path].pages, previous[doc.path].seconds
        entries.append(Entry(doc.path, doc.kind, doc.title, doc.url, doc.page, pages,
                             (out / doc.path).stat().st_size, doc.digest, round(seconds, 3),
                             doc.subject, doc.section))
    planned = {d.path for d in documents}
    for stale in out.rglob("*.pdf"):
        if stale.relative_to(out).as_posix() not in planned:
            stale.unlink()
    manifest = Manifest(tuple(entries), len(todo))
    (out / MANIFEST).write_text(json.dumps({"entries": [asdict(e) for e in entries]},
                                           ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest
