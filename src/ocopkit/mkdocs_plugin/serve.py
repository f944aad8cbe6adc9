"""``ocopkit serve``: MkDocs' development server with the parallel, cached build.

``mkdocs serve`` rebuilds the whole site on every change, one page after another. Here each
rebuild goes through :func:`ocopkit.mkdocs_plugin.build.build_site` with one
:class:`~ocopkit.mkdocs_plugin.parallel.BuildCache` kept for the life of the server, so after
an edit to one guide only that guide is converted and rendered again. A failed rebuild (a
broken link, bad front matter) prints its problems, without a traceback, and the preview
keeps answering (MkDocs' own server stops answering until the build passes): with invalid
content nothing is rebuilt, with a broken link the pages are shown as built. A rebuild that
crashes (an exception of MkDocs, a plugin or a template) is reported the same way, in one
line, and the pages built before stay.

The pages are built into ``<temp dir>/ocopkit-serve-<pid>-<hex>``; those of servers that were
killed are removed when the next one starts.
"""

from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from ocopkit.mkdocs_plugin.build import build_site
from ocopkit.mkdocs_plugin.parallel import BuildCache
from ocopkit.publish import temporary_folder

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
        try:
            errors = build_site(self.config_file, self.site_dir, cache=self.cache,
                                serve_url=self.serve_url)
        except (Exception, SystemExit) as error:  # the server must go on: report, no traceback
            errors = [f"{type(error).__name__}: {error}"]
            self.cache = BuildCache()  # what it holds may be half updated: rebuild all next time
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
    with temporary_folder(Path(tempfile.gettempdir()), "ocopkit-serve-", mode=0o700) as site_dir:
        rebuild = Rebuilder(config_file, site_dir, serve_url)
        server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir),
                                  mount_path=mount_path)
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
