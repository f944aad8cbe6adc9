"""Run a strict MkDocs build into a given folder (used by ``ocopkit build``, ``bundle`` and
``serve``), on every core (:mod:`ocopkit.mkdocs_plugin.engine.parallel`)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ocopkit.content import Content, Memos
from ocopkit.mkdocs_plugin.engine.parallel import BuildCache, build
from ocopkit.mkdocs_plugin.plugin import OcopPlugin


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path, site_dir: Path, *, content: Content | None = None,
               memos: Memos | None = None, cache: BuildCache | None = None,
               serve_url: str | None = None) -> list[str]:
    """Build the site into ``site_dir`` in strict mode; return error lines (empty on success).

    ``content`` is the project's content as the caller already checked it: the plugin uses it
    instead of checking the docs folder again; otherwise the content is checked with ``memos``
    (what earlier checks remembered). ``cache`` and ``serve_url`` are for the
    development server: pages whose inputs did not change since the previous build with the
    same cache are not built again, and the site is addressed at ``serve_url``."""
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        if serve_url:
            config.site_url = serve_url
        plugin = config.plugins.get("ocopkit")
        if isinstance(plugin, OcopPlugin):
            plugin.checked, plugin.memos = content, memos
        config.plugins.on_startup(command="serve" if serve_url else "build", dirty=False)
        try:
            build(config, serve_url=serve_url, cache=cache)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as err:
        return [*collector.messages, str(err)]
    finally:
        logger.removeHandler(collector)
    return collector.messages
