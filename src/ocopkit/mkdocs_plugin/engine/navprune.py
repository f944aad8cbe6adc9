"""Per-page navigation that stays small however large the site grows.

Material renders the whole navigation into every page, so a site of N pages costs N × N to
build and each page carries the whole site's menu. Here each page gets a view of the
navigation in which a section the page is not in shows only its index page (or its first
entry), and the section the page is in, when it has more than ``limit`` entries, keeps its
index page and the ``radius`` entries around the current page. Every section's index page (a
generated catalogue: guides, criteria, toolkits…) lists all its entries, so nothing becomes
unreachable, and a page's menu has the same size whatever the size of the site.
"""

from __future__ import annotations

import copy
from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

LIMIT = 30
RADIUS = 5


def _is_index(item: Any) -> bool:
    return isinstance(item, Page) and item.is_index


def _contains(item: Any, page: Page | None) -> bool:
    if item is page:
        return True
    return isinstance(item, Section) and any(_contains(c, page) for c in item.children)


def _prune(items: list[Any], page: Page | None, limit: int, radius: int) -> list[Any]:
    out = []
    for item in items:
        if not isinstance(item, Section):
            out.append(item)
            continue
        children = item.children
        here = next((i for i, c in enumerate(children) if _contains(c, page)), None)
        if here is None:
            children = [c for c in children if _is_index(c)][:1] or children[:1]
        elif len(children) > limit:
            keep = [c for c in children if _is_index(c)][:1]
            lo, hi = max(0, here - radius), min(len(children), here + radius + 1)
            children = keep + [c for c in children[lo:hi] if c not in keep]
        view = copy.copy(item)
        view.children = _prune(children, page, limit, radius)
        out.append(view)
    return out


def page_nav(nav: Navigation, page: Page | None, *, limit: int = LIMIT,
             radius: int = RADIUS) -> Navigation:
    """A view of ``nav`` for one page: the same pages and home page, its items with large
    sections pruned around ``page`` (without a page, as on the 404 page, every section shows
    only its index). ``nav`` itself is not changed."""
    view = copy.copy(nav)
    view.items = _prune(nav.items, page, limit, radius)
    return view
