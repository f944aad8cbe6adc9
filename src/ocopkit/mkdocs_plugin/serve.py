"""``ocopkit serve``: MkDocs' development server with the parallel, cached build.

``mkdocs serve`` rebuilds the whole site on every change, one page after another. Here each
rebuild goes through :func:`ocopkit.mkdocs_plugin.build.build_site` with one
:class:`~ocopkit.mkdocs_plugin.parallel.BuildCache` kept for the life of the server, so after
an edit to one guide only that guide is converted and rendered again. A failed rebuild (a
broken link, bad front matter) prints its problems, without a traceback, and the preview
keeps answering (MkDocs' own server stops answering until the build passes): with invalid
content nothing is rebuilt, with a broken link the pages are shown as built.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from ocopkit.mkdocs_plugin.build import build_site
from ocopkit.mkdocs_plugin.parallel import BuildCache

log = logging.getLogger("mkdocs.plugins.ocopkit")


class Rebuilder:
    """Builds the site into one folder again and again, reusing what did not change."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.cache = BuildCache()

    def __call__(self) -> None:
        started = time.perf_counter()
        self.cache.hits = self.cache.misses = 0
        errors = build_site(self.config_file, self.site_dir, cache=self.cache,
                            serve_url=self.serve_url)
        elapsed = time.perf_counter() - started
        if errors:  # the warnings were logged as they happened; the verdict comes last
            log.error(errors[-1])
            log.error(f"build failed in {elapsed:.1f} s; fix the problems above")
            return
        log.info(f"built in {elapsed:.1f} s ({self.cache.misses} steps redone, "
                 f"{self.cache.hits} reused)")


def serve(config_file: Path, *, dev_addr: str | None = None) -> None:
    """Serve the site at ``dev_addr`` (default: ``dev_addr`` of ``mkdocs.yml``) and rebuild it
    when the docs, ``mkdocs.yml`` or the theme overrides change."""
    config = load_config(str(config_file), **({"dev_addr": dev_addr} if dev_addr else {}))
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)
    site_dir = Path(tempfile.mkdtemp(prefix="ocopkit-serve-"))
    rebuild = Rebuilder(config_file, site_dir, serve_url)
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir),
                              mount_path=mount_path)
    try:
        rebuild()
        server.watch(config.docs_dir)
        server.watch(str(config_file))
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
