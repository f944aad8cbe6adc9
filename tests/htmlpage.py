"""Parse built HTML into an element tree and query it (no string-grepping of whole pages)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import tinyhtml5

NS = "{http://www.w3.org/1999/xhtml}"


class Page:
    """A parsed HTML page with a few query helpers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root: Element = tinyhtml5.parse(path.read_bytes())

    def all(self, tag: str, **attrs: str) -> list[Element]:
        found = []
        for el in self.root.iter(NS + tag):
            if all(_attr_matches(el, k, v) for k, v in attrs.items()):
                found.append(el)
        return found

    def one(self, tag: str, **attrs: str) -> Element:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"{self.path}: expected one <{tag} {attrs}>, got {len(found)}"
        return found[0]

    @property
    def lang(self) -> str | None:
        return self.root.get("lang")


def _attr_matches(el: Element, key: str, value: str) -> bool:
    key = key.rstrip("_").replace("_", "-")
    if key == "class":
        return value in (el.get("class") or "").split()
    return el.get(key) == value


def text(el: Element) -> str:
    """The element's text content with white space collapsed."""
    return " ".join("".join(el.itertext()).split())


def children(el: Element, tag: str) -> Iterator[Element]:
    return (c for c in el if c.tag == NS + tag)
