"""Build the real site once per session, and serve folders over HTTP on loopback."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..conftest import FIXTURES, MINI, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


SESSION_EPOCH = os.environ.get("SOURCE_DATE_EPOCH") or str(
    int(time.time()) // 86400 * 86400)
"""One build date for the whole test session: bundles built before and after midnight are
still named and dated alike."""


def ocopkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("ocopkit")
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True,
                          check=False, env={**os.environ, "SOURCE_DATE_EPOCH": SESSION_EPOCH})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``ocopkit build`` of the real project into a temporary site folder."""
    out = tmp_path_factory.mktemp("real") / "site"
    proc = ocopkit("build", "--site-dir", str(out), cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[object]:
    """``serve(folder) -> base URL``; servers stop at the end of the session."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright. Never skipped: `make test` installs it."""
    if not CHROMIUM.exists():
        pytest.fail("/usr/bin/chromium is missing: run `make test` (scripts/system-deps.sh "
                    "--test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def copy_project(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def search(page: object, query: str, timeout_s: float = 30, *,
           links: bool = False, stage: str = "full") -> list[str]:
    """Type ``query`` into Material's search box as a user does; return the text of each
    result (title and excerpt), best first, or with ``links`` the address each result opens.

    The search index is built in a web worker after each page load; keystrokes made before it
    is ready are not answered, so the query is typed again (as an impatient user would) until
    results or "no results" appear. Search has two stages (titles and headings, then the whole
    index, which the first query loads); the answer is read at ``stage``: "full" once
    ``<html data-ocop-search>`` says so, "titles" while it says "titles" or "loading".
    """
    import time

    deadline = time.monotonic() + timeout_s
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    while True:
        box.click()
        box.fill("")
        box.press_sequentially(query, delay=20)
        now = page.evaluate(  # type: ignore[attr-defined]
            "document.documentElement.getAttribute('data-ocop-search')")
        if now not in ({"full"} if stage == "full" else {"titles", "loading"}):
            if stage != "full" or now != "loading":
                page.wait_for_timeout(200)  # type: ignore[attr-defined]
            else:
                page.wait_for_function(  # type: ignore[attr-defined]
                    "document.documentElement.getAttribute('data-ocop-search') === 'full'",
                    timeout=max(deadline - time.monotonic(), 0.1) * 1000)
            if time.monotonic() > deadline:
                raise AssertionError(f"search for {query!r} did not reach the {stage} stage "
                                     f"in {timeout_s} s (it is {now!r})")
            continue
        for _ in range(10):
            page.wait_for_timeout(200)  # type: ignore[attr-defined]
            items = page.locator("li.md-search-result__item")  # type: ignore[attr-defined]
            meta = page.inner_text(".md-search-result__meta")  # type: ignore[attr-defined]
            if items.count() or "Không" in meta:
                if links:
                    return [items.nth(i).locator("a").first.get_attribute("href")
                            for i in range(items.count())]
                return [" ".join(t.split()) for t in items.all_inner_texts()]
        if time.monotonic() > deadline:
            raise AssertionError(f"search for {query!r} gave no answer in {timeout_s} s")


def refuse_outside(context: Any, allowed: Callable[[str], bool]) -> list[str]:
    """Abort every request of ``context`` whose URL ``allowed`` refuses; return the list the
    refused URLs are added to (a test asserts it stays empty)."""
    outside: list[str] = []

    def route(r: Any) -> None:
        if allowed(r.request.url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return outside


@pytest.fixture(scope="session")
def bundle_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = ocopkit("bundle", "--out", str(out), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    zips = list(out.glob("ocop-offline-qd-26-2026-*.zip"))
    assert len(zips) == 1
    return zips[0]


@pytest.fixture(scope="session")
def unpacked(bundle_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(target)
    (root,) = list(target.iterdir())
    return root


@pytest.fixture(scope="session")
def minimal_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture project with the small edition, built with ``ocopkit build``."""
    project = copy_project(FIXTURES / "projects" / "minimal",
                           tmp_path_factory.mktemp("minimal") / "project")
    (project / "docs" / "criteria" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    proc = ocopkit("build", cwd=project)
    assert proc.returncode == 0, proc.stderr
    return project
