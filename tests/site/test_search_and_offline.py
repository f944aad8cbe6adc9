"""Search that forgives missing diacritics, on the served site and on the file:// bundle; the
bundle's checksums, verification and reproducibility."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from ocopkit.source.text import fold_diacritics

from ..conftest import ROOT
from ..htmlpage import Page, text
from .conftest import ocopkit, refuse_outside, search

QUERIES = [("san pham", "sản phẩm", 3), ("dat chuan", "đạt chuẩn", 1),
           ("DONG THAP", "đồng tháp", 1), ("nuoc mam", "nước mắm", 3),
           ("ma so vung trong", "mã số vùng trồng", 3), ("hop tac xa", "hợp tác xã", 3)]


def _contains(result: str, phrase: str) -> bool:
    return fold_diacritics(phrase) in fold_diacritics(result)


@pytest.fixture(scope="module")
def served(built_site: Path, serve: Callable[[Path], str], browser: Any) -> Any:
    page = browser.new_page()
    page.goto(serve(built_site), wait_until="networkidle")
    yield page
    page.close()


def _page_text(site: Path, href: str) -> str:
    """The text of the built page a result links to (``http://host/a/b/#x`` → a/b/index.html)."""
    path = urlparse(href).path.strip("/")
    file = site / path / "index.html" if not path.endswith(".html") else site / path
    return text(Page(file).root)


@pytest.mark.parametrize(("query", "phrase", "top"), QUERIES)
def test_undiacritised_query_finds_pages_with_the_phrase(built_site: Path, served: Any,
                                                         query: str, phrase: str,
                                                         top: int) -> None:
    shown = search(served, query)
    hrefs = search(served, query, links=True)
    assert len(hrefs) >= top, shown
    assert _contains(shown[0], phrase), f"first result for {query!r} shows: {shown[0][:150]}"
    for rank, href in enumerate(hrefs[:top], start=1):
        assert _contains(_page_text(built_site, href), phrase), f"result {rank}: {href}"


def test_accented_query_ranks_exact_matches_first(served: Any) -> None:
    results = search(served, "đạt chuẩn")
    assert results and "đạt chuẩn" in results[0].lower()


def test_decomposed_query_is_normalised(served: Any) -> None:
    query = unicodedata.normalize("NFD", "sản phẩm")
    assert query != "sản phẩm"
    results = search(served, query)
    assert results and "sản phẩm" in results[0].lower()


def test_offline_copy_fetches_nothing_and_search_works(unpacked: Path, browser: Any) -> None:
    context = browser.new_context()
    outside = refuse_outside(context, lambda url: url.startswith(("file:", "data:")))
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in ["index.html", "guides/cau-chuyen-san-pham.html",
                 "criteria/qd-26-2026/i-1-a.html", "handouts/index.html", "glossary.html"]:
        assert (unpacked / path).is_file(), path
        page.goto((unpacked / path).as_uri(), wait_until="load")
        assert page.title(), path
    page.goto((unpacked / "index.html").as_uri(), wait_until="load")
    for query, phrase, _ in QUERIES[:4]:
        results = search(page, query, timeout_s=60)
        assert results and _contains(results[0], phrase), (query, results[:1])
    context.close()
    assert outside == []
    assert errors == []


def test_bundle_has_note_checksums_and_handouts(unpacked: Path) -> None:
    note = (unpacked / "DOC-TRUOC.txt").read_text(encoding="utf-8")
    assert "CÁCH MỞ" in note and "sha256sum -c SHA256SUMS" in note
    # Which copy for whom, and what this one holds once unpacked.
    assert "BẢN SAO NÀO CHO AI" in note and "Kiwix" in note and "tệp .zim" in note
    site = [p for p in unpacked.rglob("*") if p.is_file() and p.name not in {
        "DOC-TRUOC.txt", "KIEM-TRA.bat", "KIEM-TRA.ps1", "SHA256SUMS"}]
    megabytes = f"{sum(p.stat().st_size for p in site) / 1048576:.1f}".replace(".", ",")
    assert f"chiếm {len(site)} tệp, {megabytes} MB." in note
    sums = (unpacked / "SHA256SUMS").read_text().splitlines()
    listed = {line.split("  ", 1)[1] for line in sums}
    files = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    assert listed == files - {"SHA256SUMS"}
    for line in sums[:20]:
        digest, rel = line.split("  ", 1)
        assert hashlib.sha256((unpacked / rel).read_bytes()).hexdigest() == digest
    assert any(p.endswith(".pdf") for p in listed)
    shim = unpacked / "assets" / "vendor" / "iframe-worker" / "shim.js"
    assert shim.is_file()
    assert "unpkg.com" not in (unpacked / "index.html").read_text(encoding="utf-8")


def test_verify_names_missing_and_altered_files(unpacked: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(unpacked, copy)
    assert ocopkit("bundle", "verify", str(copy), cwd=ROOT).returncode == 0
    (copy / "glossary.html").write_text("hỏng", encoding="utf-8")
    (copy / "handouts" / "phieu-cham" / "i-1-a.pdf").unlink()
    (copy / "extra.txt").write_text("?", encoding="utf-8")
    proc = ocopkit("bundle", "verify", str(copy), cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "missing: handouts/phieu-cham/i-1-a.pdf",
        "altered: glossary.html",
        "not listed in SHA256SUMS: extra.txt",
        "3 problems: the copy is not whole.",
    ]


def test_zip_is_reproducible_and_verifiable(bundle_zip: Path, tmp_path: Path) -> None:
    proc = ocopkit("bundle", "--out", str(tmp_path), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    again = tmp_path / bundle_zip.name
    assert again.read_bytes() == bundle_zip.read_bytes()
    assert ocopkit("bundle", "verify", str(again), cwd=ROOT).returncode == 0
