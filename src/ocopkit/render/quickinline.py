"""A Python-Markdown extension that skips inline processing of text with no inline markup.

Python-Markdown runs every inline pattern (code spans, links, emphasis, entities…) over
every piece of text: a table cell with two plain words is searched sixteen times. Each
pattern needs a character to start: a backtick, ``[``, ``<``, ``&``, ``*``, ``_``, ``\\``,
or two spaces before a line break. Text without any of them cannot match, so
:class:`QuickInlineProcessor` hands it back unchanged without trying the patterns: the HTML is
the same, and on the guides of this site conversion is about a third faster.

The characters are known per pattern *expression*, not per name: when an extension adds a
pattern this module does not know, or a new Python-Markdown changes one, every text goes
through the patterns as before.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE
from markdown.treeprocessors import InlineProcessor

#: The regular expression of each known inline pattern, and the texts one of which it needs.
TRIGGERS: dict[str, tuple[str, ...]] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # code span (escaped backticks too)
    r"\\(.)": ("\\",),  # backslash escape
    r"\[\^([^\]]*)\]": ("[",),  # footnote reference
    r"(?<!\!)\[": ("[",),  # links and references, also mkdocs-autorefs
    r"\!\[": ("[",),  # images
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # <https://…>
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # <name@example.org>
    r"  \n": ("  \n",),  # hard line break
    HTML_RE: ("<",),  # inline HTML
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # entity
    r"\*|_": ("*", "_"),  # emphasis and strong
}


def trigger_expression(expressions: list[str]) -> re.Pattern[str] | None:
    """One expression that finds any text one of the given pattern expressions needs, or
    ``None`` when one of them is not in :data:`TRIGGERS`."""
    needed: set[str] = set()
    for expression in expressions:
        if expression not in TRIGGERS:
            return None
        needed.update(TRIGGERS[expression])
    singles = sorted(t for t in needed if len(t) == 1)
    longer = sorted(t for t in needed if len(t) > 1)
    parts = ([f"[{''.join(re.escape(c) for c in singles)}]"] if singles else []) + [
        re.escape(t) for t in longer]
    return re.compile("|".join(parts)) if parts else re.compile(r"(?!)")


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's inline processor, returning at once text no pattern can match."""

    _cache: ClassVar[dict[tuple[str, ...], re.Pattern[str] | None]] = {}

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.triggers: re.Pattern[str] | None = None

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        # types-Markdown 3.11.3.20261108 types the registry as one of treeprocessors'
        # InlineProcessor; it holds inlinepatterns.Pattern objects, which have compiled_re.
        expressions = tuple(
            p.compiled_re.pattern  # type: ignore[attr-defined]  # stubs name the wrong class
            for p in self.inlinePatterns)
        if expressions not in self._cache:
            self._cache[expressions] = trigger_expression(list(expressions))
        self.triggers = self._cache[expressions]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self.triggers is not None and not self.triggers.search(data):
            return data
        # ignore: Python-Markdown's private (name-mangled) method, which this one overrides,
        # is not in the stubs.
        text: str = InlineProcessor._InlineProcessor__handleInline(  # type: ignore[attr-defined]
            self, data, patternIndex)
        return text


class QuickInlineExtension(Extension):
    """``markdown.Markdown(extensions=[..., QuickInlineExtension()])``: put it last, so that it
    replaces the inline processor after the other extensions added their patterns."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)


def makeExtension(**kwargs: Any) -> QuickInlineExtension:
    """Entry point for ``extensions=["ocopkit.render.quickinline"]``."""
    return QuickInlineExtension(**kwargs)
