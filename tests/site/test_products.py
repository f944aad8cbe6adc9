""""Sản phẩm của tôi": a producer picks the product from the home page (typing without
diacritics) and finds its sheet, calculator, evidence checklist, PDFs and guides on one page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ocopkit import load_catalogue

from ..conftest import DOCS
from ..htmlpage import NS, Page, text

CURRENT = load_catalogue(DOCS / "criteria").current


def test_every_product_set_of_the_current_edition_has_its_page(built_site: Path) -> None:
    folder = built_site / "san-pham"
    chooser = Page(folder / "index.html")
    links = [a.get("href") for a in chooser.all("a") if (a.get("href") or "").endswith("/")
             and "/" not in (a.get("href") or "").rstrip("/")]
    codes = {s.code for s in CURRENT.product_sets}
    assert len(CURRENT.product_sets) == 26
    for product_set in CURRENT.product_sets:
        slug = product_set.code.lower().replace(".", "-")
        assert f"{slug}/" in links, product_set.code
        page = Page(folder / slug / "index.html")
        body = text(page.one("article"))
        assert f"Sản phẩm của tôi: {product_set.code} {product_set.name}" in body
        hrefs = [a.get("href") or "" for a in page.one("article").iter(NS + "a")]
        assert f"../../criteria/{CURRENT.id}/{slug}/" in hrefs
        assert f"../../self-assessment/{slug}/" in hrefs
        assert f"../../toolkits/minh-chung/{slug}/" in hrefs
        pdfs = [h for h in hrefs if h.endswith(".pdf")]
        assert f"../../handouts/phieu-cham/{slug}.pdf" in pdfs
        assert f"../../handouts/minh-chung/{slug}.pdf" in pdfs
        for href in hrefs:
            if href.startswith("../../"):
                target = (folder / slug / href).resolve()
                assert (target / "index.html" if href.endswith("/") else target).is_file(), href
    assert codes  # every set checked above


def test_a_producer_finds_the_product_from_the_home_page_typing_without_diacritics(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(built_site)
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(base, wait_until="load")
    page.click("article a[href='san-pham/']")
    page.wait_for_load_state("load")
    assert page.url == base + "san-pham/"
    visible = "() => [...document.querySelectorAll('article li')]" \
              ".filter(li => li.offsetParent !== null).map(li => li.textContent.trim())"
    everything = page.evaluate(visible)
    assert len(everything) == 26
    page.fill("#ocop-product-query", "nuoc mam")
    shown = page.evaluate(visible)
    assert shown and all("nước mắm" in s.lower() for s in shown), shown
    headings = page.evaluate("() => [...document.querySelectorAll('article h2')]"
                             ".filter(h => h.offsetParent !== null).length")
    assert headings == 1  # the other groups are hidden with their products
    page.fill("#ocop-product-query", "khong co san pham nay")
    assert page.evaluate(visible) == []
    assert page.is_visible("#ocop-products-none")
    page.fill("#ocop-product-query", "")
    assert len(page.evaluate(visible)) == 26
    page.fill("#ocop-product-query", "duoc lieu")
    first = page.locator("article li a").filter(visible=True).first
    name = first.inner_text()
    assert "dược liệu" in name.lower(), name
    first.click()
    page.wait_for_load_state("load")
    assert page.inner_text("h1").startswith("Sản phẩm của tôi: ")
    response = page.goto(page.url, wait_until="load")
    assert response is not None and response.status == 200
    context.close()


def test_without_javascript_the_whole_list_shows_and_no_search_box(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(built_site)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "san-pham/", wait_until="load")
    assert not page.is_visible("#ocop-product-query")
    assert page.locator("article li a").count() == 26
    context.close()
