"""A faster reader of page HTML for Material's search index.

Material's search plugin splits every page into sections with a subclass of
:class:`html.parser.HTMLParser`, whose tokenizer, written in Python, takes most of the time
of indexing (about a fifth of a whole build). The HTML it reads is what Python-Markdown
wrote, which is regular, so :class:`FastParser` finds tags with one regular expression and
calls Material's own ``handle_starttag``, ``handle_endtag`` and ``handle_data`` in the same
order and with the same arguments as ``HTMLParser`` would: the sections, and so the index,
are the same (``tests/site/test_parallel_build.py`` compares whole builds).

:func:`use_fast_parser` puts it in the search plugin for one build.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from material.plugins.search.plugin import Parser, SearchIndex

_TAG = re.compile(r"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(
    r"([^\s/>=][^\s/=>]*)(?:\s*=+\s*('[^']*'|\"[^\"]*\"|(?![\'\"])[^>\s]*))?")
_RAW_TEXT_END = {name: re.compile(f"</{name}", re.I) for name in ("script", "style")}


class FastParser(Parser):
    """Material's section parser with a tokenizer for well-formed HTML."""

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
            if rest.rstrip().endswith("/"):
                self.handle_starttag(name, attributes)
                self.handle_endtag(name)
                continue
            self.handle_starttag(name, attributes)
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
    def _attributes(raw: str) -> list[tuple[str, str | None]]:
        attributes: list[tuple[str, str | None]] = []
        for match in _ATTRIBUTE.finditer(raw):
            name, value = match.groups()
            if value is not None:
                if value[:1] in ("'", '"') and value[:1] == value[-1:] and len(value) > 1:
                    value = value[1:-1]
                value = unescape(value)
            attributes.append((name.lower(), value))
        return attributes


class FastSearchIndex(SearchIndex):
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
    index = getattr(search_plugin, "search_index", None)
    if type(index) is SearchIndex:
        fast = FastSearchIndex(**index.config)
        fast.entries = index.entries
        search_plugin.search_index = fast
