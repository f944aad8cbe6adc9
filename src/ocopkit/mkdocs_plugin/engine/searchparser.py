"""A faster reader of page HTML for Material's search index.

Material's search plugin splits every page into sections with a subclass of
:class:`html.parser.HTMLParser`; indexing took about a fifth of a whole build. The HTML it
reads is what Python-Markdown wrote, which is regular, so :class:`FastParser` finds tags with
one regular expression and applies Material's rules for sections, kept tags, skipped blocks
and white space on plain tag names: the sections, and so the index, are the same
(``tests/site/test_search_parser.py`` compares both parsers on tricky HTML and
``tests/site/test_parallel_build.py`` compares whole builds).

:func:`use_fast_parser` puts it in the search plugin for one build.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from material.plugins.search.plugin import Element, SearchIndex, Section, void

_VOID = frozenset(void)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})

_TAG = re.compile(r"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(
    r"([^\s/>=][^\s/=>]*)(?:\s*=+\s*('[^']*'|\"[^\"]*\"|(?![\'\"])[^>\s]*))?")
_RAW_TEXT_END = {name: re.compile(f"</{name}", re.I) for name in ("script", "style")}


class FastParser:
    """Material's section parser (``material.plugins.search.plugin.Parser``), rewritten for
    speed: the same sections, titles and texts for the same HTML.

    Material compares its elements by tag name only, so an element it puts on its skip list
    stands for every open element with that tag; here the skip list and the open elements
    are tag names, which is the same thing, done with plain strings.
    """

    def __init__(self) -> None:
        self.skip: set[str] = {"object", "script", "style"}
        self.tags: list[str] = []  # the open elements, outermost first
        self.anchors: list[bool] = []  # open <a> elements: is it a heading's permalink?
        self.permalinks = 0  # how many of them are
        self.section: Section | None = None
        self.data: list[Section] = []

    # -- tokenizer -----------------------------------------------------------------------

    def feed(self, data: str) -> None:
        position, end = 0, len(data)
        text: list[str] = []
        while position < end:
            opening = data.find("<", position)
            if opening < 0:
                text.append(data[position:])
                break
            if opening > position:
                text.append(data[position:opening])
            position = opening
            match = _TAG.match(data, position)
            if match is None:
                if text:  # HTMLParser hands over the text before a lone "<" on its own
                    self.handle_data(unescape("".join(text)))
                    text = []
                position = self._skip_markup(data, position)
                continue
            if text:
                self.handle_data(unescape("".join(text)))
                text = []
            closing, name, rest = match.groups()
            name = name.lower()
            position = match.end()
            if closing:
                self.handle_endtag(name)
                continue
            attributes = self._attributes(rest)
            self.handle_starttag(name, attributes)
            if rest.rstrip().endswith("/"):
                self.handle_endtag(name)
                continue
            if name in _RAW_TEXT_END:
                found = _RAW_TEXT_END[name].search(data, position)
                stop = end if found is None else found.start()
                if stop > position:
                    self.handle_data(data[position:stop])
                position = stop
        if text:
            self.handle_data(unescape("".join(text)))

    def close(self) -> None:
        """Nothing is buffered between calls of :meth:`feed`."""

    def _skip_markup(self, data: str, position: int) -> int:
        """Skip a comment, declaration or processing instruction; a lone ``<`` is text."""
        if data.startswith("<!--", position):
            stop = data.find("-->", position + 4)
            return len(data) if stop < 0 else stop + 3
        if data.startswith(("<!", "<?"), position):
            stop = data.find(">", position)
            return len(data) if stop < 0 else stop + 1
        self.handle_data("<")
        return position + 1

    @staticmethod
    def _attributes(raw: str) -> dict[str, str | None]:
        attributes: dict[str, str | None] = {}
        for match in _ATTRIBUTE.finditer(raw):
            name, value = match.groups()
            if value is not None:
                if value[:1] in ("'", '"') and value[:1] == value[-1:] and len(value) > 1:
                    value = value[1:-1]
                value = unescape(value)
            attributes[name.lower()] = value
        return attributes

    # -- Material's handlers, on tag names -----------------------------------------------

    def _skipping(self) -> bool:
        skip = self.skip
        return any(tag in skip for tag in self.tags)

    def _target(self, section: Section) -> list[str]:
        target: list[str] = section.title if section.el.tag in self.tags else section.text
        return target

    def handle_starttag(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in _VOID:
            return
        self.tags.append(tag)
        if tag == "a":
            permalink = attrs.get("class") == "headerlink"
            self.anchors.append(permalink)
            self.permalinks += permalink
        if tag in _HEADINGS:
            depth = len(self.tags)
            if "id" in attrs:
                if tag != "h1" and not self.data:
                    self.section = Section(Element("hx"), depth)
                    self.data.append(self.section)
                self.section = Section(Element(tag, attrs), depth)
                if self.data:
                    self.section.id = attrs["id"]
                self.data.append(self.section)
        if self.section is None:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip.add(tag)
                return
        if tag in _KEEP and not self._skipping():
            self._target(self.section).append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        tags = self.tags
        if not tags or tags[-1] != tag:
            return
        section = self.section
        assert section is not None
        if section.depth > len(tags):
            for earlier in reversed(self.data):
                if earlier.depth <= len(tags):
                    section.depth = float("inf")
                    self.section = section = earlier
                    break
        tags.pop()
        if tag == "a":
            self.permalinks -= self.anchors.pop()
        if tag in self.skip:
            if tag not in ("script", "style", "object"):
                self.skip.remove(tag)
            return
        if tag in _KEEP and not self._skipping():
            data = self._target(section)
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return
        if "pre" not in self.tags:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if self.section is None:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        section = self.section
        if section.el.tag in self.tags:
            if not self.permalinks:
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or "pre" in self.tags:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))


class FastSearchIndex(SearchIndex):  # type: ignore[misc]  # Material ships no types: Any
    """Material's search index, reading pages with :class:`FastParser`."""

    def add_entry_from_context(self, page: Any) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        parser = FastParser()
        parser.feed(page.content)
        parser.close()
        for section in parser.data:
            if not section.is_excluded():
                self.create_entry_for_section(section, page.toc, page.url, page)


def use_fast_parser(search_plugin: Any) -> None:
    """Swap the index of Material's search plugin (after its ``on_config``) for one that
    reads pages with :class:`FastParser`; entries already added are kept."""
    index: Any = getattr(search_plugin, "search_index", None)
    if type(index) is SearchIndex:
        fast = FastSearchIndex(**index.config)
        fast.entries = index.entries
        search_plugin.search_index = fast
