"""Writing data into HTML and Markdown: every text from YAML or front matter goes through here.

:func:`esc` escapes for HTML element content and attribute values, :func:`md_esc` for inline
Markdown (table cells included); the others build small pieces of HTML from data, escaped.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")
"""Characters Python-Markdown lets a backslash escape and that could start inline syntax."""


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


def minutes_label(minutes: int) -> str:
    """``90`` → ``1 giờ 30 phút``; ``45`` → ``45 phút``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} phút"
    return f"{hours} giờ" + (f" {rest} phút" if rest else "")
