"""A site that saves itself (issue 18): visit a built site in Chromium, press the home page's
button, go offline and read, search and use a calculator; then publish a new build and see
its text after a reload, with no file of the old build left."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ..conftest import FIXTURES, MINI
from .conftest import copy_project, ocopkit, search

STATE = "document.querySelector('.ocop-save').getAttribute('data-state')"


def until(page: Any, promise: str, timeout_s: float = 60) -> None:
    """Poll ``promise`` (a JavaScript expression giving a promise) until it resolves true."""
    import time

    deadline = time.monotonic() + timeout_s
    while not page.evaluate(promise):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_s} s: {promise}")
        page.wait_for_timeout(200)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(FIXTURES / "projects" / "minimal",
                           tmp_path_factory.mktemp("savesite") / "project")
    (project / "docs" / "criteria" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    config = project / "mkdocs.yml"  # with search, to search offline
    config.write_text(config.read_text(encoding="utf-8").replace(
        "plugins:\n", "plugins:\n  - search:\n      lang: vi\n", 1), encoding="utf-8")
    proc = ocopkit("build", cwd=project)
    assert proc.returncode == 0, proc.stderr
    return project


def test_the_list_covers_every_file_and_offline_copies_carry_no_worker(
        project: Path, unpacked: Path) -> None:
    site = project / "site"
    listed = json.loads((site / "offline-files.json").read_text(encoding="utf-8"))
    addresses = {a for a, _ in listed["files"]} | {a for a, _ in listed["pdfs"]}
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert len(addresses) == len(files) - 2  # all but sw.js and the list itself
    assert "./" in addresses and "guides/bai-mau/" in addresses
    assert listed["bytes"] == sum(n for _, n in listed["files"])
    assert f'"{listed["version"]}"' in (site / "sw.js").read_text(encoding="utf-8")
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and {i["sizes"] for i in manifest["icons"]} == {
        "192x192", "512x512"}
    # The offline zip is offline already: no worker, no manifest, no button.
    assert not (unpacked / "sw.js").exists() and not (unpacked / "manifest.webmanifest").exists()
    home = (unpacked / "index.html").read_text(encoding="utf-8")
    assert "ocop-save" not in home and 'rel="manifest"' not in home


def test_save_read_offline_then_take_a_new_build(
        project: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(project / "site")
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base, wait_until="load")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    box = page.locator(".ocop-save")
    box.wait_for(state="visible")
    assert "Lưu để đọc khi không có mạng" in box.inner_text()
    assert "MB" in page.inner_text(".ocop-save-size")
    page.click("[data-action='save-site']")
    page.wait_for_function(f"{STATE} === 'saved'", timeout=60_000)
    assert "Đã lưu xong" in page.inner_text(".ocop-save-status")

    page.goto(base + "handouts/", wait_until="load")  # which copy for whom, with sizes
    assert "Bản sao để đọc khi không có mạng" in page.inner_text("article")
    page.locator(".ocop-save-sizes").wait_for(state="visible")
    assert page.inner_text(".ocop-save-sizes").count("MB") == 2

    context.set_offline(True)
    page.goto(base + "guides/bai-mau/", wait_until="load")  # never opened before
    assert "Bài mẫu" in page.inner_text("h1")
    assert "bản sửa mới" not in page.inner_text("article")
    page.goto(base, wait_until="load")
    assert search(page, "bai mau")
    page.goto(base + "self-assessment/i-1-a/", wait_until="load")
    page.check('input[name="1.1"][value="2"]')
    assert page.locator("#ocop-result").get_attribute("data-total") not in ("", "0")
    page.goto(base + "no-such-page/", wait_until="load")  # never saved: the site's 404
    assert "404" in page.content()

    # A new build: the new worker stores the new files, then the old cache goes.
    context.set_offline(False)
    guide = project / "docs" / "guides" / "bai-mau.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "Bài mẫu nói về OCOP và HTX.", "Bài mẫu nói về OCOP và HTX, bản sửa mới."),
        encoding="utf-8")
    proc = ocopkit("build", cwd=project)
    assert proc.returncode == 0, proc.stderr
    version = json.loads((project / "site" / "offline-files.json").read_text())["version"]
    page.goto(base, wait_until="load")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r && r.update())")
    # Once the new worker has stored the new files, the old cache goes; then it controls
    # the page (promises are awaited by evaluate, not by wait_for_function).
    until(page, "caches.keys().then(k => k.length === 1 && k[0] === 'ocop-' + "
          f"{json.dumps(version)})")
    until(page, "navigator.serviceWorker.getRegistration().then(r => !!r && !r.installing "
          "&& !r.waiting && !!r.active && navigator.serviceWorker.controller === r.active)")
    page.reload(wait_until="load")
    context.set_offline(True)
    page.goto(base + "guides/bai-mau/", wait_until="load")
    assert "bản sửa mới" in page.inner_text("article")
    context.close()
    assert errors == []
