"""Insert generated pages into a user-written ``nav`` (plain lists and dicts)."""

from __future__ import annotations

from typing import Any

from ocopkit.pages import GeneratedPage


def _tree(pages: list[GeneratedPage], index: str) -> list[Any]:
    """Generated pages as nav entries: the index, then one section per folder."""
    entries: list[Any] = [index]
    folders: dict[str, list[Any]] = {}
    for page in pages:
        if page.path == index:
            continue
        folder = page.path.rsplit("/", 1)[0]
        folders.setdefault(folder, [])
        if page.path.endswith("/index.md"):
            folders[folder].insert(0, {page.title: page.path})
        else:
            folders[folder].append({page.title: page.path})
    for items in folders.values():
        title = next(iter(items[0]))
        short = title.split(":")[0]
        entries.append({short: [next(iter(items[0].values())), *items[1:]]})
    return entries


def add_to_nav(nav: list[Any], index: str, pages: list[GeneratedPage]) -> list[Any]:
    """Replace the nav entry whose value is ``index`` by a section holding the generated pages.

    ``- Bộ tiêu chí: criteria/index.md`` becomes ``- Bộ tiêu chí: [criteria/index.md,
    {26/2026/QĐ-TTg: [...]}, ...]``. Other entries are returned unchanged.
    """
    out: list[Any] = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if value == index:
                out.append({title: _tree(pages, index)})
            elif isinstance(value, list):
                out.append({title: add_to_nav(value, index, pages)})
            else:
                out.append(item)
        elif item == index:
            out.append(_tree(pages, index))
        else:
            out.append(item)
    return out
