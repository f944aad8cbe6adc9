"""The offline site as a ZIM file, the format the Kiwix apps and ``kiwix-serve`` read.

:func:`write_zim` packs every file of a site built for offline reading (pages, assets, search
index, PDFs) into one ZIM file with python-libzim: the home page as main page, the metadata
Kiwix asks for (:class:`ZimMetadata`, with a 48×48 :func:`~ocopkit.render.icons.star_icon`)
and libzim's title and full-text indexes. libzim finds no word with "đ" by itself, so
every page's index text also carries its words folded by
:func:`~ocopkit.source.text.fold_diacritics` ("Đóng gói" → "dong goi"): a query typed without
diacritics finds it. The file is written under a temporary name and renamed when complete.

libzim gives each file a random UUID and so a new checksum: the same inputs give the same
entries, paths, titles and contents, not the same bytes. Kiwix checks a copy with the MD5
checksum libzim writes at the end of the file (:func:`verify_zim`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ocopkit.render.icons import star_icon
from ocopkit.render.search import SEARCH_FULL
from ocopkit.source.text import fold_diacritics
from ocopkit.system.publish import owned_name, remove_stale

FOLDED_TITLES = "_khong-dau"
"""Folder of the redirects that carry each page's title without diacritics."""
ZIM_TMP = ".zim.tmp"
"""Ending of a ZIM being written (``<name>.<pid>-<hex>.zim.tmp``) until it is renamed."""

MIMETYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript",
    ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
    ".gif": "image/gif", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
    ".ttf": "font/ttf", ".pdf": "application/pdf", ".ics": "text/calendar",
    ".txt": "text/plain", ".md": "text/plain", ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".map": "application/json",
}
"""Media types by file ending (others are ``application/octet-stream``)."""
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml")

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>", re.S | re.I)
UNSEARCHED = re.compile(r"<(section|thead)\b[^>]*\bdata-search-exclude\b.*?</\1>", re.S)
"""What the site keeps out of its own search (review questions, table heads)."""
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ZimMetadata:
    """What Kiwix shows of a ZIM file in its library (https://wiki.openzim.org/wiki/Metadata)."""

    name: str
    """Stable identifier of the content across versions ("ocop_vie_qd-26-2026")."""
    title: str
    creator: str
    publisher: str
    date: dt.date
    description: str
    """At most 80 characters (longer text is cut, the rest goes to ``long_description``)."""
    long_description: str
    source: str
    tags: tuple[str, ...] = ("ocop", "dao-tao", "_category:other", "_pictures:yes",
                             "_videos:no", "_details:yes", "_ftindex:yes")
    language: str = "vie"


@dataclass(frozen=True)
class ZimInfo:
    path: Path
    entries: int
    """Files of the site (the redirects of :data:`FOLDED_TITLES` not counted)."""
    bytes: int


def mimetype(path: str) -> str:
    return MIMETYPES.get(os.path.splitext(path)[1].lower(), "application/octet-stream")


def page_title(page: str, fallback: str) -> str:
    """The text of a page's ``<title>``."""
    found = TITLE.search(page)
    title = " ".join(html.unescape(TAG.sub("", found[1])).split()) if found else ""
    return title or fallback


def page_text(page: str) -> str:
    """The words a reader sees in a page's article (the whole body if it has none), without
    what the site leaves out of its own search."""
    found = ARTICLE.search(page)
    body = UNSEARCHED.sub(" ", HIDDEN.sub(" ", found[1] if found else page))
    return " ".join(html.unescape(TAG.sub(" ", body)).split())


def without_tones(word: str) -> str:
    """``word`` without its tone and vowel marks but with "đ" kept ("đóng" → "đong"): how
    libzim reads a query typed with diacritics."""
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)))


def index_words(title: str, text: str) -> str:
    """The text libzim indexes for a page: its words, then other forms of those that hold
    diacritics: folded ("đóng" → "dong", for queries typed without them) and without tones
    ("đóng" → "đong": libzim strips the tones of a query but keeps its "đ", and finds no "đ"
    word of a page by itself)."""
    seen: set[str] = set()
    extra: list[str] = []
    for word in re.findall(r"\w+", f"{title} {text}"):
        lower = word.lower()
        for form in (fold_diacritics(lower), without_tones(lower)):
            if form != lower and form not in seen:
                seen.add(form)
                extra.append(form)
    return f"{text}\n{' '.join(extra)}"


def searchable(site: Path) -> set[str] | None:
    """The pages the site's own search holds at full weight (files of ``site``): those its
    front matter left out of search (replaced editions) or ranked low (developer pages) are
    left out of the ZIM's indexes too. ``None`` when the site has no search index."""
    index = site / SEARCH_FULL
    if not index.is_file():
        return None
    pages: set[str] = set()
    for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
        location = str(doc.get("location", ""))
        if "#" in location or float(doc.get("boost", 1) or 1) < 1:
            continue
        pages.add(location + "index.html" if location == "" or location.endswith("/")
                  else location)
    return pages


def _files(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(site).as_posix(), path


def write_zim(site: Path, out: Path, meta: ZimMetadata, main_page: str = "index.html",
              workers: int = 2) -> ZimInfo:
    """Pack ``site`` (built for offline reading) into ``out``; see the module's description."""
    from libzim.writer import (
        Creator,
        FileProvider,
        Hint,
        IndexData,
        Item,
    )

    class PageIndex(IndexData):  # type: ignore[misc]
        def __init__(self, title: str, content: str) -> None:
            self.title, self.content = title, content

        def has_indexdata(self) -> bool:
            return True

        def get_title(self) -> str:
            return self.title

        def get_content(self) -> str:
            return self.content

        def get_keywords(self) -> str:
            return ""

        def get_wordcount(self) -> int:
            return len(self.content.split())

    indexed = searchable(site)

    class SiteFile(Item):  # type: ignore[misc]
        def __init__(self, rel: str, path: Path) -> None:
            super().__init__()
            self.rel, self.path, self.kind = rel, path, mimetype(rel)
            self.title, self.index = "", None
            if self.kind == "text/html":
                page = path.read_text(encoding="utf-8", errors="replace")
                self.title = page_title(page, rel).removesuffix(f" - {meta.title}")
                if indexed is None or rel in indexed:
                    self.index = PageIndex(self.title,
                                           index_words(self.title, page_text(page)))

        def get_path(self) -> str:
            return self.rel

        def get_title(self) -> str:
            return self.title

        def get_mimetype(self) -> str:
            return self.kind

        def get_contentprovider(self) -> FileProvider:
            return FileProvider(str(self.path))

        def get_hints(self) -> dict[Hint, int]:
            return {Hint.FRONT_ARTICLE: self.index is not None,
                    Hint.COMPRESS: self.kind.startswith(COMPRESSIBLE)}

        def get_indexdata(self) -> IndexData | None:
            return self.index

    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out.parent, "", ZIM_TMP)
    tmp = out.with_name(owned_name(out.stem + ".", ZIM_TMP))
    entries = 0
    try:
        creator = (Creator(tmp).config_verbose(False)
                   .config_indexing(True, meta.language).config_nbworkers(workers))
        with _quiet_stdout(), creator:
            creator.set_mainpath(main_page)
            folded: list[tuple[str, str]] = []
            for rel, path in _files(site):
                item = SiteFile(rel, path)
                creator.add_item(item)
                entries += 1
                plain = without_tones(item.title).replace("đ", "d").replace("Đ", "D")
                if item.index is not None and plain != item.title:
                    folded.append((rel, plain))
            # Kiwix suggests pages by title as one types; its title index does not fold "đ".
            # A redirect per page with the folded title makes "dong goi" suggest "Đóng gói".
            for rel, plain in folded:
                creator.add_redirection(f"{FOLDED_TITLES}/{rel}", plain, rel,
                                        {Hint.FRONT_ARTICLE: True})
            description, rest = _short(meta.description, 80)
            long = " ".join(part for part in (rest, meta.long_description) if part)
            for name, value in (("Name", meta.name), ("Title", _short(meta.title, 30)[0]),
                                ("Creator", meta.creator), ("Publisher", meta.publisher),
                                ("Date", meta.date.isoformat()), ("Description", description),
                                ("LongDescription", _short(long, 4000)[0] or description),
                                ("Language", meta.language), ("Tags", ";".join(meta.tags)),
                                ("Source", meta.source), ("Scraper", "ocopkit")):
                if value:
                    creator.add_metadata(name, value)
            creator.add_illustration(48, star_icon(48))
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return ZimInfo(out, entries, out.stat().st_size)


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """libzim prints its progress ("ZIM file is ready!") on standard output even when not
    verbose; the command's own lines are the only ones there."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _short(text: str, limit: int) -> tuple[str, str]:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters; and the
    rest."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words, ""
    cut = words.rfind(" ", 0, limit - 1)
    cut = cut if cut > limit // 2 else limit - 1
    return words[:cut].rstrip(" ,;:") + "…", words[cut:].strip()


def verify_zim(path: Path) -> list[str]:
    """Problems of a ZIM file: unreadable, no checksum, or a checksum that does not match."""
    from libzim.reader import Archive

    try:
        archive = Archive(path)
    except RuntimeError as error:
        return [f"{path}: not a readable ZIM file ({error})"]
    if not archive.has_checksum:
        return [f"{path}: the file carries no checksum"]
    if not archive.check():
        return [f"{path}: the checksum does not match: the file is damaged or incomplete"]
    return []
