"""Guide Markdown to print HTML, with or without the trainer blocks.

On paper a task list item (``- [ ] …``) prints as a ☐ glyph in front of its text, on the same
line, the text wrapping beside it (print.css ``li.task-list-item``): a form check box is not a
thing to print, and WeasyPrint sets it on a line of its own.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from typing import Any
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from ocopkit.content.guides import TRAINER_BLOCK
from ocopkit.render.urls import ONLINE_SCHEMES, page_url

SiteMarkdown = tuple[tuple[str, dict[str, Any]], ...]
"""A site's Markdown extensions with their options, in order (:attr:`Project.markdown`)."""
SITE_ONLY = frozenset({"toc"})
"""Extensions that only make sense on a web page (heading permalinks)."""
PRINT_OPTIONS = {"pymdownx.tasklist": {"custom_checkbox": False, "clickable_checkbox": False}}
"""Options that differ on paper: plain, disabled check boxes, which :class:`PrintBoxes` turns
into glyphs."""
BOX = "\u2610"
"""The empty check box printed before a list item or an option (☐, in the vendored symbols
font)."""
BOX_CHECKED = "\u2611"
"""A ticked box (☑), for a task list item written ``- [x]``."""
_CHECKBOX = re.compile(r'<input type="checkbox" disabled( checked)?/>\s*')
"""A task list box as pymdownx.tasklist writes it with :data:`PRINT_OPTIONS`, and the space
after it."""
PLAIN: SiteMarkdown = (("abbr", {}), ("admonition", {}), ("tables", {}),
                       ("pymdownx.details", {}), ("pymdownx.tasklist", {}))
"""For a project known only by its docs folder (no ``mkdocs.yml``)."""


def print_markdown(site: SiteMarkdown) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The site's extensions for print: without the web-only ones, with the print options,
    and :mod:`ocopkit.render.quickinline` last."""
    names = [name for name, _ in site if name not in SITE_ONLY]
    configs = {name: {**options, **PRINT_OPTIONS.get(name, {})}
               for name, options in site if name not in SITE_ONLY}
    return [*names, "ocopkit.render.quickinline"], {k: v for k, v in configs.items() if v}


def split_trainer_blocks(body: str, *, keep: bool) -> str:
    """Drop every trainer block (trainee edition) or open it as a plain admonition (trainer
    edition). A block is its start line plus the indented or blank lines after it."""
    out: list[str] = []
    inside = False
    for line in body.split("\n"):
        if start := TRAINER_BLOCK.match(line):  # the pattern the guide check requires
            inside = True
            if keep:
                out.append("!!! trainer" + line[start.end():])
            continue
        if inside and (line.startswith("    ") or not line.strip()):
            if keep:
                out.append(line)
            continue
        inside = False
        out.append(line)
    return "\n".join(out)




def site_link(href: str, page: str, site_url: str) -> str | None:
    """Where a link of docs page ``page`` (``guides/x.md``) points in a PDF: absolute online
    addresses and in-document anchors unchanged, a relative link as the address of that page
    (or file) on the site, anything else (``file:``, ``data:``, a link out of the docs folder)
    ``None``, for no link at all. A PDF never links to a path on the machine that built it."""
    parts = urlsplit(href)
    if parts.scheme:
        return href if parts.scheme.lower() in ONLINE_SCHEMES and (
            parts.netloc or parts.scheme.lower() in ("mailto", "tel")) else None
    if parts.netloc:  # //host/path
        return None
    if not parts.path:
        return href if href.startswith("#") else None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    if resolved.startswith("../") or resolved == ".." or parts.path.startswith("/"):
        return None
    if resolved.endswith(".md"):
        target = page_url(site_url, resolved)
    else:
        target = (site_url if site_url.endswith("/") else site_url + "/") + resolved
    return target + (f"#{parts.fragment}" if parts.fragment else "")


class _SiteLinks(Treeprocessor):
    def __init__(self, md: markdown.Markdown, page: str, site_url: str) -> None:
        super().__init__(md)
        self.page = page
        self.site_url = site_url

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href")
            if href is None:
                continue
            target = site_link(href, self.page, self.site_url)
            if target is None:
                del link.attrib["href"]
            else:
                link.set("href", target)


class SiteLinksExtension(Extension):
    """Point the links of a page's Markdown at the online site (see :func:`site_link`)."""

    def __init__(self, page: str, site_url: str) -> None:
        super().__init__()
        self.page = page
        self.site_url = site_url

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SiteLinks(md, self.page, self.site_url), "ocop_site_links",
                                   1)


class PrintBoxes(Postprocessor):
    """Task list check boxes as glyphs (:data:`BOX`, :data:`BOX_CHECKED`) in a ``box`` span,
    after the stashed HTML is back in place."""

    def run(self, text: str) -> str:
        return _CHECKBOX.sub(lambda m: f'<span class="box">{BOX_CHECKED if m[1] else BOX}'
                             "</span>", text)


class PrintBoxesExtension(Extension):
    """Register :class:`PrintBoxes` after Python-Markdown restores raw HTML (priority 30)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.postprocessors.register(PrintBoxes(md), "ocop_print_boxes", 25)


def render_markdown(body: str, page: str, site_url: str, site: SiteMarkdown = PLAIN) -> str:
    """Render the Markdown of docs page ``page`` with the site's extensions (minus the
    MkDocs-only ones), its links pointing at the online site, task list boxes as glyphs."""
    names, configs = print_markdown(site)
    return markdown.markdown(body, extensions=[*names, SiteLinksExtension(page, site_url),
                                               PrintBoxesExtension()],
                             extension_configs=configs)


def without_title(body: str) -> str:
    """The body without its first ``# title`` line (the print layout has its own title)."""
    return re.sub(r"\A\s*# .*\n", "", body, count=1)
