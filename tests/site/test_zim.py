"""The ZIM file as Kiwix reads it (issue 18): libzim's reader (metadata, entries, main page,
MD5 check), libzim's search with queries typed without diacritics, and Debian's kiwix-serve
on loopback with the pages opened in Chromium."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from ..conftest import ROOT
from .conftest import ocopkit, refuse_outside, search

KIWIX_SERVE = Path("/usr/bin/kiwix-serve")
REQUIRED = {"Name", "Title", "Creator", "Publisher", "Date", "Description", "Language",
            "Illustration_48x48@1", "LongDescription", "Tags", "Source"}
NOTES = {"DOC-TRUOC.txt", "KIEM-TRA.bat", "KIEM-TRA.ps1", "SHA256SUMS"}


@pytest.fixture(scope="module")
def zim_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("zim")
    proc = ocopkit("bundle", "--format", "zim", "--out", str(out), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    (path,) = list(out.glob("ocop-offline-qd-26-2026-*.zim"))
    assert not list(out.glob("*.tmp"))
    assert "files" in proc.stdout and "ZIM file is ready" not in proc.stdout
    return path


@pytest.fixture(scope="module")
def archive(zim_file: Path) -> Any:
    from libzim.reader import Archive

    return Archive(zim_file)


def test_metadata_main_page_entries_and_checksum(archive: Any, unpacked: Path) -> None:
    from PIL import Image

    assert set(archive.metadata_keys) >= REQUIRED
    meta = {k: archive.get_metadata(k) for k in REQUIRED - {"Illustration_48x48@1"}}
    assert meta["Language"] == b"vie" and meta["Name"] == b"ocop_vie_qd-26-2026"
    assert meta["Title"].decode() == "OCOP — Tài liệu đào tạo"
    assert meta["Source"] == b"https://ocopkit.example.org/"
    assert len(meta["Description"].decode()) <= 80
    assert b"_ftindex:yes" in meta["Tags"]
    icon = Image.open(io.BytesIO(archive.get_metadata("Illustration_48x48@1")))
    assert (icon.format, icon.size) == ("PNG", (48, 48))
    # Every file of the offline copy (the zip's folder without its notes), nothing else.
    site = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    site -= NOTES
    entries = [archive._get_entry_by_id(i) for i in range(archive.entry_count)]
    files = [e for e in entries if not e.is_redirect]
    redirects = [e for e in entries if e.is_redirect]
    assert len(files) == len(site)
    # The only other entries: each page's title without diacritics, for Kiwix's suggestions.
    assert redirects and all(e.path.startswith("_khong-dau/") for e in redirects)
    assert {e.get_redirect_entry().path for e in redirects} <= site
    assert not archive.has_entry_by_path("sw.js")  # offline already: no service worker
    for path in sorted(site)[::25]:
        item = archive.get_entry_by_path(path).get_item()
        assert bytes(item.content) == (unpacked / path).read_bytes(), path
    main = archive.main_entry
    assert (main.get_redirect_entry() if main.is_redirect else main).path == "index.html"
    assert archive.has_fulltext_index and archive.has_title_index
    assert archive.has_checksum and archive.check()
    pdfs = [p for p in site if p.endswith(".pdf")]
    assert pdfs and archive.get_entry_by_path(pdfs[0]).get_item().mimetype == "application/pdf"


@pytest.mark.parametrize(("plain", "accented", "page"), [
    ("dong goi", "đóng gói", "guides/bao-bi-nhan-hang-hoa.html"),
    ("dat chuan", "đạt chuẩn", "guides/du-lich-cong-dong.html"),
    ("dong thap", "Đồng Tháp", "guides/doc-phieu-cham.html"),
])
def test_libzim_search_finds_queries_without_diacritics(
        archive: Any, plain: str, accented: str, page: str) -> None:
    """libzim alone finds no "đ" word typed either way; the folded and toneless forms each
    page carries in its index text make both find the same pages."""
    from libzim.search import Query, Searcher

    from ocopkit.render.zim import page_text
    from ocopkit.source.text import fold_diacritics

    searcher = Searcher(archive)

    def found(query: str) -> list[str]:
        result = searcher.search(Query().set_query(query))
        return list(result.getResults(0, result.getEstimatedMatches()))

    without, with_marks = found(plain), found(accented)
    assert without and set(without) == set(with_marks)
    assert page in without
    text = page_text(bytes(archive.get_entry_by_path(page).get_item().content).decode())
    assert accented.lower() in text.lower()
    first = page_text(bytes(archive.get_entry_by_path(without[0]).get_item().content).decode())
    assert any(word in fold_diacritics(first.lower()).split() for word in plain.split())
    # Review questions are left out of the index text, as out of the site's search.
    html = bytes(archive.get_entry_by_path(page).get_item().content).decode()
    assert "Chọn một đáp án." in html and "Chọn một đáp án." not in page_text(html)
    # What the site's own search leaves out or ranks low is not in the ZIM's index either.
    assert not any(p.startswith(("developers/", "criteria/qd-1048-2019/", "404"))
                   for p in without)


def test_kiwix_suggests_titles_typed_without_diacritics(archive: Any) -> None:
    from libzim.suggestion import SuggestionSearcher

    def suggested(query: str) -> list[str]:
        result = SuggestionSearcher(archive).suggest(query)
        paths = list(result.getResults(0, 10))
        return [(e.get_redirect_entry() if e.is_redirect else e).path
                for e in map(archive.get_entry_by_path, paths)]

    assert "guides/ho-so-tu-danh-gia.html" in suggested("ho so tu danh gia")
    assert "guides/ho-so-tu-danh-gia.html" in suggested("hồ sơ tự đánh giá")
    entry = archive.get_entry_by_path("guides/ho-so-tu-danh-gia.html")
    assert entry.title == "Chuẩn bị hồ sơ và báo cáo tự đánh giá"  # no site name after it


def test_verify_checks_the_zim_checksum(zim_file: Path, tmp_path: Path) -> None:
    ok = ocopkit("bundle", "verify", str(zim_file), cwd=ROOT)
    assert ok.returncode == 0 and "MD5" in ok.stdout
    broken = tmp_path / "broken.zim"
    data = bytearray(zim_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    broken.write_bytes(bytes(data))
    bad = ocopkit("bundle", "verify", str(broken), cwd=ROOT)
    assert bad.returncode == 1 and "checksum" in bad.stderr and "Traceback" not in bad.stderr


@pytest.fixture(scope="module")
def kiwix(zim_file: Path) -> Iterator[str]:
    """``kiwix-serve`` on loopback; the address of the book's home page."""
    if not KIWIX_SERVE.exists():
        pytest.fail("kiwix-serve is missing: run `make test` (scripts/system-deps.sh --test "
                    "installs kiwix-tools)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # --nosearchbar: kiwix-serve's own bar would cover the site's header (its search button);
    # the Kiwix apps show the pages without it.
    server = subprocess.Popen([str(KIWIX_SERVE), "--nosearchbar", "-i", "127.0.0.1", "-p",
                               str(port), str(zim_file)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/{zim_file.stem}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_pages_work_in_kiwix_serve(kiwix: str, browser: Any) -> None:
    """Navigation, the site's own search, a calculator and a PDF, as a browser opens them
    from kiwix-serve; nothing is fetched from anywhere else."""
    assert shutil.which("kiwix-serve")
    context = browser.new_context()
    outside = refuse_outside(
        context, lambda url: url.startswith(("http://127.0.0.1", "data:", "blob:")))
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(kiwix + "guides/index.html", wait_until="load")
    page.locator("article a[href$='bao-bi-nhan-hang-hoa.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("guides/bao-bi-nhan-hang-hoa.html")
    assert "Bao bì" in page.inner_text("h1")
    hrefs = search(page, "bao bi", links=True, timeout_s=60)
    assert urlparse(hrefs[0] or "").path.endswith("/guides/bao-bi-nhan-hang-hoa.html"), hrefs[:3]

    # A review question answered inside the ZIM.
    page.goto(kiwix + "guides/bao-bi-nhan-hang-hoa.html", wait_until="load")
    question = page.locator("fieldset[data-question]").first
    question.locator("input[data-correct]").first.check()
    assert question.get_attribute("data-answered") == "correct"

    page.goto(kiwix + "self-assessment/i-1-a.html", wait_until="load")
    page.check('input[name="1.1"][value="2"]')
    assert page.locator("#ocop-result").get_attribute("data-total") not in ("", "0")

    page.goto(kiwix + "handouts/index.html", wait_until="load")
    href = page.locator("article a[href$='.pdf']").first.get_attribute("href")
    assert href
    response = context.request.get(page.url.rsplit("/", 1)[0] + "/" + href)
    assert response.ok and response.body()[:5] == b"%PDF-"
    context.close()
    assert outside == [] and errors == []
