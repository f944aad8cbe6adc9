"""The served site in real Chromium: nothing is fetched from other hosts; axe finds no serious
or critical accessibility violations."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from ..conftest import ROOT
from .conftest import refuse_outside, search

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "about/", "criteria/", "criteria/qd-26-2026/", "criteria/qd-26-2026/i-1-a/",
         "criteria/qd-26-2026/vi-1/", "guides/", "developers/api/"]


def test_no_request_leaves_the_site(built_site: Path, serve: Callable[[Path], str],
                                    browser: Any) -> None:
    base = serve(built_site)
    host = urlparse(base).netloc
    errors: list[str] = []
    context = browser.new_context()
    outside = refuse_outside(context, lambda url: urlparse(url).netloc == host
                             or url.startswith("data:"))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    seen = 0
    for path in PAGES:
        response = page.goto(base + path, wait_until="networkidle")
        assert response is not None and response.status == 200, path
        seen += 1
    page.goto(base, wait_until="networkidle")
    results = search(page, "sản phẩm")
    context.close()
    assert seen == len(PAGES)
    assert results, "searching 'sản phẩm' found nothing"
    assert outside == []
    assert errors == []


@pytest.mark.parametrize("path", ["", "criteria/qd-26-2026/i-1-a/", "guides/"])
def test_axe_finds_no_serious_violations(built_site: Path, serve: Callable[[Path], str],
                                         browser: Any, path: str) -> None:
    assert AXE.is_file(), "run `npm ci` (make test does) to install axe-core"
    base = serve(built_site)
    page = browser.new_page()
    page.goto(base + path, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    page.close()
    bad = [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, ensure_ascii=False, indent=1)


def test_criteria_page_prints_on_a4_without_navigation(built_site: Path,
                                                       serve: Callable[[Path], str],
                                                       browser: Any, tmp_path: Path) -> None:
    base = serve(built_site)
    page = browser.new_page()
    page.goto(base + "criteria/qd-26-2026/i-1-a/", wait_until="networkidle")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none", "none", "none"]
    breaks = page.evaluate("""() => getComputedStyle(
        document.querySelector('table.ocop-sheet tr')).breakInside""")
    assert breaks == "avoid"
    pdf = tmp_path / "sheet.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.close()
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (
        210, 297)
    first = reader.pages[0].extract_text()
    assert "I.1.a · Rau, củ, quả, hạt tươi" in first


def test_no_page_requests_anything_that_is_missing(built_site: Path,
                                                   serve: Callable[[Path], str],
                                                   browser: Any) -> None:
    """Every built page, opened as a reader opens it: no request answered 4xx or 5xx."""
    base = serve(built_site)
    context = browser.new_context()
    page = context.new_page()
    missing: list[str] = []
    page.on("response", lambda r: missing.append(f"{page.url} -> {r.url} {r.status}")
            if r.status >= 400 else None)
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
                   if "assets" not in p.parts)
    assert len(pages) > 150
    for rel in pages:
        address = base + rel.removesuffix("index.html")
        response = page.goto(address, wait_until="load")
        assert response is not None and response.status == 200, address
        page.wait_for_load_state("networkidle")
    context.close()
    assert missing == []
