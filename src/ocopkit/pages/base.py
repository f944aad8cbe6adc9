"""The unit every page generator returns, and escaping for text that comes from data."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")
"""Characters Python-Markdown lets a backslash escape and that could start inline syntax."""


@dataclass(frozen=True)
class GeneratedPage:
    """A page to add to the site: ``path`` relative to the docs folder, Markdown ``content``."""

    path: str
    content: str
    title: str
    meta: dict[str, object] = field(default_factory=dict)
    blocks: tuple[str, ...] = ()
    """Large HTML blocks kept out of the Markdown: ``content`` holds :func:`block_marker`
    paragraphs that the engine replaces with these after converting the Markdown (parsing big
    raw HTML through Markdown is slow and gains nothing)."""


def block_marker(index: int) -> str:
    """The paragraph that stands for ``blocks[index]`` in the Markdown."""
    return f"OCOPBLOCK{index}X"


def fill_blocks(html: str, blocks: tuple[str, ...]) -> str:
    """Put the HTML blocks in place of their marker paragraphs in converted HTML."""
    for i, block in enumerate(blocks):
        html = html.replace(f"<p>{block_marker(i)}</p>", block, 1)
    return html


class Blocks:
    """Collects HTML blocks while a page's Markdown is written."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, html: str) -> str:
        self.items.append(html)
        return "\n" + block_marker(len(self.items) - 1) + "\n"


def esc(text: object) -> str:
    """Escape data for HTML (element content and attribute values)."""
    return html.escape(str(text), quote=True)


def md_esc(text: object) -> str:
    """Escape data for inline Markdown (also inside table cells): HTML-escaped, Markdown
    syntax and table pipes neutralised."""
    escaped = html.escape(str(text), quote=False).replace("|", "&#124;")
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def admonition(kind: str, title: str, body_html: str, *, collapsed: bool = False) -> str:
    """An admonition as raw HTML (Material's classes), so generated pages do not depend on the
    Markdown extensions a project enables. ``title`` is data and is escaped here; ``body_html``
    must already be safe HTML."""
    if collapsed:
        return (f'<details class="{kind}"><summary>{esc(title)}</summary>{body_html}'
                "</details>\n")
    return (f'<div class="admonition {kind}"><p class="admonition-title">{esc(title)}</p>'
            f"{body_html}</div>\n")


def html_list(items: list[str]) -> str:
    """A ``<ul>`` of data strings (escaped here)."""
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"
