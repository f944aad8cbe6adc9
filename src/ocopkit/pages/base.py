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


def esc(text: object) -> str:
    """Escape data for HTML (element content and attribute values)."""
    return html.escape(str(text), quote=True)


def md_esc(text: object) -> str:
    """Escape data for inline Markdown: HTML-escaped and Markdown syntax neutralised."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def stars_label(stars: int) -> str:
    return f"{stars} sao"
