"""Search that finds what people mean: the fixed query list (``search_queries.QUERIES``) run
through the site's own search box in Chromium; each query's expected page must be among the
first three results for at least 90 % of the queries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from .conftest import search
from .search_queries import QUERIES


def _rank(hrefs: list[str], expected: str) -> int | None:
    """1-based rank of the first result on the expected page (any section of it)."""
    for rank, href in enumerate(hrefs, start=1):
        if urlparse(href).path.lstrip("/") == expected:
            return rank
    return None


@pytest.fixture(scope="module")
def ranks(built_site: Path, serve: Callable[[Path], str], browser: Any) -> dict[str, int | None]:
    base = serve(built_site)
    page = browser.new_page()
    page.goto(base, wait_until="networkidle")
    found = {query: _rank(search(page, query, links=True), expected)
             for query, expected in QUERIES}
    page.close()
    return found


def test_the_query_list_is_real_and_long_enough(built_site: Path) -> None:
    assert len(QUERIES) >= 25
    for query, expected in QUERIES:
        assert (built_site / expected / "index.html").is_file(), (query, expected)


def test_the_expected_page_is_in_the_first_three_for_nine_queries_in_ten(
        ranks: dict[str, int | None]) -> None:
    at1 = sum(r == 1 for r in ranks.values()) / len(ranks)
    at3 = sum(r is not None and r <= 3 for r in ranks.values()) / len(ranks)
    print(f"\nsearch hit rate over {len(ranks)} queries: at 1 {at1:.0%}, at 3 {at3:.0%}")
    misses = {q: r for q, r in ranks.items() if r is None or r > 3}
    assert at3 >= 0.9, misses


def test_the_index_is_small_plain_utf8_and_holds_no_replaced_edition(built_site: Path) -> None:
    import gzip
    import json

    first = (built_site / "search" / "search_index.json").read_bytes()
    raw = (built_site / "search" / "search_full.json").read_bytes()
    assert "sản phẩm".encode() in raw and b"\\u1ea3" not in raw  # UTF-8, not \\u escapes
    # What a phone downloads before its first result: titles and headings.
    assert len(gzip.compress(first, 9)) <= 300 * 1024
    assert len(first) < len(raw) / 3
    assert ([d["location"] for d in json.loads(first)["docs"]]
            == [d["location"] for d in json.loads(raw)["docs"]])
    locations = [d["location"] for d in json.loads(raw)["docs"]]
    assert any(loc.startswith("criteria/qd-26-2026/") for loc in locations)
    assert not any(loc.startswith(("criteria/qd-1048-2019/", "criteria/qd-148-2023/"))
                   for loc in locations)
    boosts = {d["location"]: d.get("boost") for d in json.loads(raw)["docs"]
              if "#" not in d["location"]}
    assert boosts["guides/ocop-la-gi/"] == 2 and boosts["san-pham/i-4-a/"] == 2
    assert boosts["developers/"] == 0.3 and boosts["criteria/qd-26-2026/i-4-a/"] is None


def test_titles_answer_before_the_whole_index_arrives(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    """On a slow connection the first stage answers alone: with the whole index held back,
    a guide is found by its title and a criteria page by a heading, and the result list says
    more is loading; once the index is let through, text deep in a guide is found too."""
    base = serve(built_site)
    # page.route does not see what a service worker fetches: the site's worker is kept off.
    page = browser.new_page(service_workers="block")
    held: list[Any] = []
    page.route("**/search/search_full.json", lambda route: held.append(route))
    page.goto(base, wait_until="networkidle")
    assert _rank(search(page, "ho so tu danh gia", links=True, stage="titles"),
                 "guides/ho-so-tu-danh-gia/") == 1
    assert page.evaluate("document.documentElement.getAttribute('data-ocop-search')") \
        == "loading"
    meta = page.locator(".md-search-result__meta")
    assert "đang tải thêm nội dung" in meta.evaluate(
        "el => getComputedStyle(el, '::after').content")
    deep = "nhan thieu han su dung"
    before = search(page, deep, stage="titles")
    assert held, "the first query asked for the whole index"
    held[0].continue_()
    after = search(page, deep)
    assert len(after) > len(before)
    assert "đang tải" not in meta.evaluate("el => getComputedStyle(el, '::after').content")
    page.close()


def test_a_failed_load_of_the_whole_index_keeps_titles_and_is_tried_again(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(built_site)
    page = browser.new_page(service_workers="block")  # as above
    tries: list[str] = []

    def fail_once(route: Any) -> None:
        tries.append(route.request.url)
        if len(tries) == 1:
            route.fulfill(status=503, body="")
        else:
            route.continue_()

    page.route("**/search/search_full.json", fail_once)
    page.goto(base, wait_until="networkidle")
    assert search(page, "bao bi", stage="titles")  # answered although the load failed
    assert search(page, "nhan thieu han su dung")  # a later query loads it again
    assert len(tries) == 2
    page.close()
