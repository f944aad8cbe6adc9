"""``ocopkit serve``: MkDocs' development server with the parallel, cached build.

``mkdocs serve`` rebuilds the whole site on every change, one page after another. Here each
rebuild goes through :func:`ocopkit.mkdocs_plugin.engine.build.build_site` with one
:class:`~ocopkit.mkdocs_plugin.engine.parallel.BuildCache` kept for the life of the server, so after
an edit to one guide only that guide is converted and rendered again. A failed rebuild (a
broken link, bad front matter) prints its problems, without a traceback, and the preview
keeps answering (MkDocs' own server stops answering until the build passes): with invalid
content nothing is rebuilt, with a broken link the pages are shown as built. A rebuild that
crashes (an exception of MkDocs, a plugin or a template) is reported the same way, in one
line, and the pages built before stay.

After a failed rebuild every page the preview serves starts with a red box that lists the
problems (the author's browser reloads by itself and shows it); it goes with the next
successful rebuild. The box is added where MkDocs adds its reload script, through
``LiveReloadServer._inject_js_into_html`` of MkDocs 1.6.1 (a private method; the pin in
``requirements.lock`` is exact, and ``tests/site/test_serve.py`` shows the box in a served page).

The pages are built into ``<temp dir>/ocopkit-serve-<pid>-<hex>``; those of servers that were
killed are removed when the next one starts.
"""

from __future__ import annotations

import html
import logging
import re
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from ocopkit.content import Memos
from ocopkit.mkdocs_plugin.engine.build import build_site
from ocopkit.mkdocs_plugin.engine.parallel import BuildCache
from ocopkit.system.publish import temporary_folder

log = logging.getLogger("mkdocs.plugins.ocopkit")


class Rebuilder:
    """Builds the site into one folder again and again, reusing what did not change."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.cache = BuildCache()
        self.memos = Memos()
        """Content checks remembered file by file for the life of the server."""
        self.failure: list[str] = []
        """The problems of the last rebuild; empty when it succeeded."""

    def __call__(self) -> None:
        started = time.perf_counter()
        self.cache.hits = self.cache.misses = 0
        try:
            errors = build_site(self.config_file, self.site_dir, memos=self.memos,
                                cache=self.cache, serve_url=self.serve_url)
        except (Exception, SystemExit) as error:  # the server must go on: report, no traceback
            errors = [f"{type(error).__name__}: {error}"]
            self.cache = BuildCache()  # what it holds may be half updated: rebuild all next time
        elapsed = time.perf_counter() - started
        self.failure = list(errors)
        if errors:  # the warnings were logged as they happened; the verdict comes last
            log.error(errors[-1])
            log.error(f"build failed in {elapsed:.1f} s; fix the problems above")
            return
        log.info(f"built in {elapsed:.1f} s ({self.cache.misses} steps redone, "
                 f"{self.cache.hits} reused)")


def failure_box(problems: list[str]) -> bytes:
    """The box shown at the top of every page after a failed rebuild (problems escaped)."""
    lines = "".join(f"<li>{html.escape(line)}</li>" for line in problems)
    return ('<div id="ocopkit-build-failed" role="alert" style="position:sticky;top:0;'
            "z-index:10000;margin:0;padding:.8em 1.2em;background:#b71c1c;color:#fff;"
            'font:14px/1.5 sans-serif;max-height:50vh;overflow:auto">'
            "<strong>Lần dựng gần nhất bị lỗi</strong>: trang đang hiển thị bản dựng trước. Sửa "
            "các lỗi dưới đây; trang tự tải lại khi dựng xong."
            f'<ul style="margin:.4em 0 0;padding-left:1.2em">{lines}</ul></div>').encode()


class _PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server that puts the last rebuild's problems on every page."""

    def __init__(self, rebuild: Rebuilder, **kwargs: Any) -> None:
        super().__init__(builder=rebuild, **kwargs)
        self.rebuild = rebuild

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]  # unannotated in mkdocs 1.6.1
        if not self.rebuild.failure:
            return content
        match = re.search(rb"<body[^>]*>", content)
        at = match.end() if match else 0
        return content[:at] + failure_box(self.rebuild.failure) + content[at:]


def serve(config_file: Path, *, dev_addr: str | None = None) -> None:
    """Serve the site at ``dev_addr`` (default: ``dev_addr`` of ``mkdocs.yml``) and rebuild it
    when the docs, ``mkdocs.yml`` or the theme overrides change."""
    config = load_config(str(config_file), **({"dev_addr": dev_addr} if dev_addr else {}))
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)
    with temporary_folder(Path(tempfile.gettempdir()), "ocopkit-serve-", mode=0o700) as site_dir:
        rebuild = Rebuilder(config_file, site_dir, serve_url)
        server = _PreviewServer(rebuild, host=host, port=port, root=str(site_dir),
                                mount_path=mount_path)
        rebuild()
        server.watch(config.docs_dir)
        server.watch(str(config_file))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        try:
            server.serve()  # type: ignore[no-untyped-call]  # unannotated in mkdocs 1.6.1
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
