"""Insert generated and catalogued pages into a user-written ``nav`` (plain lists and dicts)."""

from __future__ import annotations

from typing import Any

from ocopkit.render.html import esc
from ocopkit.render.pages import GeneratedPage

NavEntries = list[Any]


def folder_tree(pages: list[GeneratedPage], index: str) -> NavEntries:
    """Generated pages as nav entries: one section per folder, titled by the folder's index page
    (text before any ':'), its other pages after it. Titles are HTML-escaped: MkDocs and
    Material treat nav titles as HTML."""
    entries: NavEntries = []
    folders: dict[str, NavEntries] = {}
    for page in pages:
        if page.path == index:
            continue
        folder = page.path.rsplit("/", 1)[0]
        items = folders.setdefault(folder, [])
        if page.path.endswith("/index.md"):
            items.insert(0, {esc(page.title): page.path})
        else:
            items.append({esc(page.title): page.path})
    for items in folders.values():
        (title, path), = items[0].items()
        entries.append({title.split(":")[0]: [path, *items[1:]]})
    return entries


def expand(nav: NavEntries, sections: dict[str, NavEntries]) -> NavEntries:
    """Replace each nav entry whose value is a key of ``sections`` (a section index such as
    ``guides/index.md``) by a section: the index page first, then the given entries.

    ``- Hướng dẫn: guides/index.md`` becomes ``- Hướng dẫn: [guides/index.md, {...}, ...]``.
    """
    out: NavEntries = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, str) and value in sections:
                out.append({title: [value, *sections[value]]})
            elif isinstance(value, list):
                out.append({title: expand(value, sections)})
            else:
                out.append(item)
        elif isinstance(item, str) and item in sections:
            out.append([item, *sections[item]])
        else:
            out.append(item)
    return out
