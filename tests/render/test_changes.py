"""The "Những thay đổi" section as the core returns it (no MkDocs): the Atom feed, the
stylesheet a browser shows it with, and the page on following it."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.dom.minidom
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown

from ocopkit.criteria.catalogue import Catalogue, load_catalogue
from ocopkit.criteria.changes import ChangeNote
from ocopkit.render.pages.changes import FEED_CSS, HELP_TITLE, atom_feed, change_pages
from ocopkit.render.urls import feed_help_path, feed_path, feed_stylesheet_path
from ocopkit.source.project import Layout

from ..conftest import MINI

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HOSTILE = 'Tiêu chí <script>alert(1)</script> & "x" ]]> <?pi?> <!--'


def _catalogue(folder: Path, decision: str = "99/2026/QĐ-TTg") -> Catalogue:
    text = MINI.read_text(encoding="utf-8")
    assert "decision: 99/2026/QĐ-TTg" in text
    text = text.replace("decision: 99/2026/QĐ-TTg", f"decision: '{decision}'")
    (folder / "mini-2026.yml").write_text(text, encoding="utf-8")
    return load_catalogue(folder)


def _notes() -> list[ChangeNote]:
    return [ChangeNote(dt.date(2026, 6, 1), "mini-2026", HOSTILE, HOSTILE + " tóm tắt"),
            ChangeNote(dt.date(2026, 5, 22), "mini-2026", "Ban hành", "Bộ tiêu chí mới.")]


def test_the_feed_names_a_css_stylesheet_beside_it(tmp_path: Path) -> None:
    feed = atom_feed(_notes(), _catalogue(tmp_path), "https://example.org/tinh")
    document = xml.dom.minidom.parseString(feed.encode())
    (instruction,) = [n for n in document.childNodes
                      if n.nodeType == n.PROCESSING_INSTRUCTION_NODE]
    assert instruction.target == "xml-stylesheet"
    assert instruction.data == 'type="text/css" href="feed.css"'
    # The address resolves, from the feed, to where the plugin serves the stylesheet.
    assert posixpath.join(posixpath.dirname(feed_path()), "feed.css") == feed_stylesheet_path()
    assert (feed_path(), feed_stylesheet_path()) == ("feed.xml", "feed.css")  # at the root
    assert '@namespace atom url("http://www.w3.org/2005/Atom");' in FEED_CSS
    # What a reader needs but a person does not is hidden; the XHTML content is shown.
    assert ("atom|id, atom|updated, atom|author, atom|link, atom|category, atom|summary {\n"
            "  display: none;") in FEED_CSS


def test_the_feed_stays_atom_with_data_as_text_and_working_links(tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path, decision=HOSTILE)
    feed = ET.fromstring(atom_feed(_notes(), catalogue, "https://example.org/tinh/"))
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{required}"), required
    (subtitle,) = feed.findall(f"{ATOM}subtitle")
    assert subtitle.get("type") == "xhtml"
    (div,) = list(subtitle)  # Atom's xhtml: exactly one XHTML div
    assert div.tag == f"{XHTML}div"
    assert [a.get("href") for a in div.iter(f"{XHTML}a")] == [
        "https://example.org/tinh/criteria/changes/theo-doi/",
        "https://example.org/tinh/criteria/changes/"]
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [HOSTILE, "Ban hành"]
    first = entries[0]
    assert first.findtext(f"{ATOM}summary") == HOSTILE + " tóm tắt"
    (content,) = first.findall(f"{ATOM}content")
    assert content.get("type") == "xhtml" and [c.tag for c in content] == [f"{XHTML}div"]
    shown = "".join(content.itertext())
    assert HOSTILE + " tóm tắt" in shown and f"theo {HOSTILE}" in shown
    assert "Ngày 01/06/2026" in shown
    # Only the elements the feed writes: no data became markup.
    tags = {el.tag.split("}")[1] for el in content.iter()}
    assert tags == {"content", "div", "p", "a"}
    links = [a.get("href") for a in content.iter(f"{XHTML}a")]
    alternate = first.find(f"{ATOM}link")
    assert alternate is not None and links[0] == alternate.get("href")
    assert links == ["https://example.org/tinh/criteria/mini-2026/",
                     "https://example.org/tinh/criteria/changes/"]


def test_the_help_page_says_how_to_follow_the_feed_and_the_index_links_it(
        tmp_path: Path) -> None:
    catalogue = _catalogue(tmp_path)
    pages = change_pages(catalogue, {}, _notes(), site_url="https://example.org/tinh/")
    assert [p.path for p in pages][:2] == ["criteria/changes/index.md", feed_help_path()]
    index, help_page = pages[0], pages[1]
    assert help_page.title == HELP_TITLE
    index_links = re.findall(r"\]\(([^)]+)\)", index.content)
    assert {"../../feed.xml", "theo-doi.md"} <= set(index_links)
    html = markdown.markdown(help_page.content)
    feed = "https://example.org/tinh/feed.xml"
    assert f'<a href="{feed}"><strong>{feed}</strong></a>' in html  # the address to copy
    assert 'href="../../feed.xml"' in html and 'href="index.md"' in html
    for words in ("trình đọc tin", "thư điện tử", "Thunderbird", "ngoại tuyến"):
        assert words in html, words
    # Without a site address the page links the feed; in renamed folders it follows them.
    (local,) = [p for p in change_pages(catalogue, {}, [], Layout(criteria="tieu-chi"))
                if p.path == "tieu-chi/changes/theo-doi.md"]
    assert "[feed.xml](../../feed.xml)" in local.content
