"""Vietnamese everywhere and no dead ends: no English string of Material's on any built page, a
Vietnamese 404 page that works at any depth, distinct titles, breadcrumbs, a header title that
links home, developer pages outside the trainees' menu."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..htmlpage import NS, Page, text
from .conftest import search

ENGLISH = ("Initializing search", "Made with", "Material for MkDocs", "Back to top",
           "Skip to content", "Type to start searching", "No matching documents",
           "Copy to clipboard", "Copied to clipboard", "Previous", "Next", "Table of contents",
           "Contributors", "Metadata", "Tabs", "RSS feed", "Last update", "Search",
           "Share", "Clear", "Select language", "Navigation", "Header", "Footer",
           "Trở lại mục lục")
"""Material's English interface strings (and the Vietnamese back-to-top label that said "back to
the table of contents"). Matched as whole words in text, attributes and the page's
``__config`` translations."""

ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "value", "data-md-state")


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def _ui_strings(page: Page) -> Iterator[str]:
    """Everything of a page a reader sees or hears that is not its content: the text outside
    ``<article>``, attribute values, and the translations Material's scripts show."""
    article = {id(el) for a in page.all("article") for el in a.iter()}
    for el in page.root.iter():
        if id(el) in article or el.tag in (NS + "script", NS + "style"):
            if el.tag == NS + "script" and el.get("id") == "__config":
                yield from json.loads(el.text or "{}").get("translations", {}).values()
            continue
        for name in ATTRIBUTES:
            if el.get(name):
                yield el.get(name) or ""
        if el.text:
            yield el.text
        if el.tail:
            yield el.tail


def _english_in(strings: Iterator[str]) -> set[str]:
    import re

    found = set()
    for value in strings:
        for word in ENGLISH:
            if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", value):
                found.add(word)
    return found


def test_no_page_shows_an_english_interface_string(built_site: Path) -> None:
    pages = _pages(built_site)
    assert len(pages) > 150
    bad = {p.relative_to(built_site).as_posix(): sorted(found) for p in pages
           if (found := _english_in(_ui_strings(Page(p))))}
    assert bad == {}


def test_the_check_finds_material_strings_when_they_are_there(tmp_path: Path) -> None:
    page = tmp_path / "x.html"
    page.write_text('<html><body><nav aria-label="Header"></nav><footer>Made with '
                    '<a>Material for MkDocs</a></footer><script id="__config">{"translations": '
                    '{"search.result.initializer": "Initializing search"}}</script>'
                    "<article>Search words in content are content</article></body></html>",
                    encoding="utf-8")
    assert _english_in(_ui_strings(Page(page))) == {
        "Header", "Made with", "Material for MkDocs", "Initializing search"}


def test_titles_are_distinct(built_site: Path) -> None:
    titles = Counter(text(Page(p).one("title")) for p in _pages(built_site)
                     if p.name != "404.html")
    shared = {t: n for t, n in titles.items() if n > 1}
    assert shared == {}
    assert "Tự đánh giá I.1.a Rau, củ, quả, hạt tươi - OCOP — Tài liệu đào tạo" in titles
    assert "Danh mục minh chứng I.1.a Rau, củ, quả, hạt tươi - OCOP — Tài liệu đào tạo" in titles


def test_developer_pages_are_outside_the_menu_and_reachable(built_site: Path) -> None:
    home = Page(built_site / "index.html")
    menu = [a.get("href") or "" for nav in home.all("nav", class_="md-nav--primary")
            for a in nav.iter(NS + "a")]
    assert menu and not any("developers" in href for href in menu)
    assert any(a.get("href") == "developers/" for a in home.all("a"))
    index = Page(built_site / "developers" / "index.html")
    linked = {a.get("href") for a in index.all("a")}
    assert {"criteria-format/", "api/", "performance/"} <= linked


def test_pages_have_breadcrumbs_and_the_header_title_links_home(built_site: Path) -> None:
    page = Page(built_site / "criteria" / "qd-26-2026" / "i-1-a" / "index.html")
    crumbs = [text(li) for nav in page.all("nav", class_="md-path") for li in nav.iter(NS + "li")]
    assert crumbs and crumbs[0] == "Trang chủ" and "Bộ tiêu chí" in crumbs
    home = [a for a in page.all("a", class_="ocop-home-link")]
    assert len(home) == 1 and home[0].get("href") == "../../.."


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``404.html`` with status 404 for a missing address, as static hosts do."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def static_host(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_NotFoundHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("missing", ["khong-co", "a/b/c/d/khong-co/", "criteria/qd-26-2026/x/"])
def test_a_missing_address_gets_a_styled_vietnamese_page_with_a_way_on(
        static_host: str, browser: Any, missing: str) -> None:
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400
            and r.url != static_host + missing else None)
    response = page.goto(static_host + missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    assert page.inner_text("h1") == "Không tìm thấy trang"
    assert page.title().startswith("Không tìm thấy trang - ")
    # Styled: Material's stylesheet and the site's own reached the page.
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert header == "sticky"
    assert failed == []
    sections = page.eval_on_selector_all(".ocop-404-sections a", "as => as.map(a => a.href)")
    assert len(sections) >= 6
    for href in sections:
        assert page.request.get(href).status == 200, href
    page.click("label.ocop-404-search")
    assert search(page, "dong goi"), "search from the 404 page found nothing"
    page.close()


def test_the_header_title_takes_a_phone_reader_home(built_site: Path,
                                                    serve: Callable[[Path], str],
                                                    browser: Any) -> None:
    base = serve(built_site)
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(base + "guides/", wait_until="load")
    assert not page.is_visible(".md-header__button.md-logo")  # Material hides it on phones
    page.click("a.ocop-home-link")
    page.wait_for_load_state("load")
    assert page.url == base
    context.close()


def test_a_wide_table_scrolls_with_a_hint_on_a_phone_only(built_site: Path,
                                                          serve: Callable[[Path], str],
                                                          browser: Any) -> None:
    base = serve(built_site)
    phone = browser.new_context(viewport={"width": 360, "height": 780})
    page = phone.new_page()
    page.goto(base + "guides/", wait_until="load")
    page.wait_for_selector(".ocop-scroll-hint")
    assert page.inner_text(".ocop-scroll-hint").startswith("Bảng rộng hơn màn hình")
    box = page.locator(".ocop-scroll-hint + *").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    assert box.get_attribute("tabindex") == "0"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the page itself fits
    box.evaluate("b => b.scrollLeft = b.scrollWidth")
    assert box.evaluate("b => b.scrollLeft") > 0
    phone.close()
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.goto(base + "guides/", wait_until="load")
    page.wait_for_timeout(300)
    assert page.locator(".ocop-scroll-hint").count() == 0
    desk.close()


def test_notes_are_set_in_readable_type(built_site: Path, serve: Callable[[Path], str],
                                        browser: Any) -> None:
    base = serve(built_site)
    page = browser.new_page()
    page.goto(base + "criteria/qd-26-2026/i-1-a/", wait_until="load")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                         "'.md-typeset .admonition, .md-typeset details')).fontSize)")
    assert size >= 15
    page.close()
