"""The parallel build gives the same site as MkDocs' own build; the serve cache rebuilds only
what changed and still reports every problem."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

import pytest
from markdown.extensions import Extension
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from ocopkit.mkdocs_plugin import plugin as plugin_module
from ocopkit.mkdocs_plugin.engine import parallel

from ..conftest import FIXTURES, MINI, ROOT
from .conftest import copy_project


def _digests(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _build(project: Path, site: Path, **options: object) -> None:
    cwd = Path.cwd()
    os.chdir(project)  # the plugin resolves the project root from the working folder
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            parallel.build(config, **options)  # type: ignore[arg-type]
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(FIXTURES / "projects" / "minimal", tmp_path / "project")
    (project / "docs" / "criteria" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    config = project / "mkdocs.yml"  # with the search plugin, whose index the workers fill
    config.write_text(config.read_text(encoding="utf-8").replace(
        "plugins:\n  - ocopkit", "plugins:\n  - search\n  - ocopkit"), encoding="utf-8")
    return project


class _Unused(Extension):
    """Stands for QuickInlineExtension in the reference build: registers nothing."""

    def extendMarkdown(self, md: object) -> None:
        pass


def test_parallel_build_of_the_real_site_equals_mkdocs_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file of the real site (API reference, tags, search index…) is byte for byte what
    MkDocs' own one-process build writes with Material's own search parser and
    Python-Markdown's own inline processor."""
    with monkeypatch.context() as patch:  # MkDocs as shipped: no fast parser, no quick inline
        patch.setattr(plugin_module, "use_fast_parser", lambda search: None)
        patch.setattr(plugin_module, "QuickInlineExtension", _Unused)
        _build(ROOT, tmp_path / "serial", workers=1)
    _build(ROOT, tmp_path / "parallel", workers=2)
    serial, spread = _digests(tmp_path / "serial"), _digests(tmp_path / "parallel")
    assert len(serial) > 250
    assert spread == serial


def test_worker_warnings_reach_strict_mode(project: Path, tmp_path: Path) -> None:
    guide = project / "docs" / "guides" / "bai-mau.md"
    guide.write_text(guide.read_text(encoding="utf-8")
                     + "\nXem [trang không có](khong-co.md).\n", encoding="utf-8")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        with pytest.raises(Abort, match="strict mode"):
            _build(project, tmp_path / "site", workers=2)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert any("khong-co.md" in message and "guides/bai-mau.md" in message
               for message in records), records


def test_cache_rebuilds_only_the_changed_page(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    cache = parallel.BuildCache()
    _build(project, site, workers=2, cache=cache)
    first = _digests(site)
    assert cache.hits == 0 and cache.misses > 10

    cache.hits = cache.misses = 0
    _build(project, site, workers=2, cache=cache)
    assert cache.misses == 0 and cache.hits > 10
    assert _digests(site) == first

    guide = project / "docs" / "guides" / "bai-mau.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "Bài mẫu nói về OCOP và HTX.", "Bài mẫu nói về OCOP, HTX và câu chuyện sản phẩm."),
        encoding="utf-8")
    cache.hits = cache.misses = 0
    _build(project, site, workers=2, cache=cache)
    assert cache.misses == 2  # its conversion and its rendering, nothing else
    changed = {path for path, digest in _digests(site).items() if first.get(path) != digest}
    assert "guides/bai-mau/index.html" in changed
    assert "search/search_full.json" in changed
    index = json.loads((site / "search" / "search_full.json").read_text(encoding="utf-8"))
    assert any("câu chuyện sản phẩm" in doc["text"] for doc in index["docs"])

    fresh = tmp_path / "fresh"
    _build(project, fresh, workers=2)
    assert _digests(site) == _digests(fresh)


def test_cache_repeats_warnings_of_unchanged_pages(project: Path, tmp_path: Path) -> None:
    """A broken link fails every rebuild, not only the one after the edit."""
    guide = project / "docs" / "guides" / "bai-mau.md"
    guide.write_text(guide.read_text(encoding="utf-8")
                     + "\nXem [trang không có](khong-co.md).\n", encoding="utf-8")
    cache = parallel.BuildCache()
    for _ in range(2):
        with pytest.raises(Abort, match="strict mode"):
            _build(project, tmp_path / "site", workers=2, cache=cache)
    assert cache.hits > 0


def test_cache_rebuilds_everything_when_an_include_changes(project: Path,
                                                           tmp_path: Path) -> None:
    site = tmp_path / "site"
    cache = parallel.BuildCache()
    _build(project, site, workers=2, cache=cache)
    abbreviations = project / "docs" / "includes" / "abbreviations.md"
    abbreviations.write_text(abbreviations.read_text(encoding="utf-8").replace(
        "Hợp tác xã", "Hợp tác xã (tổ chức kinh tế tập thể)"), encoding="utf-8")
    cache.hits = cache.misses = 0
    _build(project, site, workers=2, cache=cache)
    assert cache.hits == 0
    html = (site / "guides" / "bai-mau" / "index.html").read_text(encoding="utf-8")
    assert "tổ chức kinh tế tập thể" in html
