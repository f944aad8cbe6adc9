"""Each page's menu: sections the page is not in show their index only; a large section keeps
its index and the entries around the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Section, get_navigation
from mkdocs.structure.pages import Page

from ocopkit.mkdocs_plugin.engine.navprune import page_nav


def _navigation(tmp_path: Path, guides: int) -> tuple[Any, dict[str, Page]]:
    docs = tmp_path / "docs"
    names = ["index.md", "guides/index.md", *(f"guides/g{i:02}.md" for i in range(guides)),
             "criteria/index.md", "criteria/a.md"]
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(f"# {name}\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(docs),
                      "site_dir": str(tmp_path / "site")})
    errors, _warnings = config.validate()
    assert errors == []
    files = Files([File(name, str(docs), str(tmp_path / "site"), True) for name in names])
    nav = get_navigation(files, config)
    return nav, {p.file.src_uri: p for p in nav.pages}


def _shape(items: list[Any]) -> list[Any]:
    return [{item.title: _shape(item.children)} if isinstance(item, Section)
            else item.file.src_uri for item in items]


def test_other_sections_show_their_index_only(tmp_path: Path) -> None:
    nav, pages = _navigation(tmp_path, 3)
    view = page_nav(nav, pages["criteria/a.md"])
    assert _shape(view.items) == ["index.md",
                                  {"Criteria": ["criteria/index.md", "criteria/a.md"]},
                                  {"Guides": ["guides/index.md"]}]
    assert view.pages is nav.pages and view.homepage is nav.homepage


def test_a_large_section_keeps_its_index_and_the_pages_around_the_current_one(
        tmp_path: Path) -> None:
    nav, pages = _navigation(tmp_path, 40)
    view = page_nav(nav, pages["guides/g20.md"], limit=30, radius=2)
    assert _shape(view.items)[2] == {"Guides": ["guides/index.md", "guides/g18.md",
                                                "guides/g19.md", "guides/g20.md",
                                                "guides/g21.md", "guides/g22.md"]}
    # The navigation itself is not changed.
    assert len(nav.items[2].children) == 41


def test_without_a_page_every_section_shows_its_index(tmp_path: Path) -> None:
    nav, _ = _navigation(tmp_path, 3)
    assert _shape(page_nav(nav, None).items) == [
        "index.md", {"Criteria": ["criteria/index.md"]}, {"Guides": ["guides/index.md"]}]
