"""The unit every page generator returns, and the blocks of HTML kept out of its Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from ocopkit.criteria.model import Edition
from ocopkit.render.html import md_esc
from ocopkit.render.urls import slug


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
    nav_title: str = ""
    """A shorter title for the navigation, inside a section that already says what the page is
    (``I.1.a Rau…`` under "Tự đánh giá"); ``title`` when empty."""

    @property
    def label(self) -> str:
        """The title the navigation shows."""
        return self.nav_title or self.title


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


def product_set_list(edition: Edition) -> list[str]:
    """Markdown lines listing the edition's product sets under a heading per product group,
    each linking the page ``<slug>.md`` beside the listing page (calculators, products)."""
    lines: list[str] = []
    for group in edition.product_groups:
        sets = [s for s in edition.product_sets if s.product_group == group.code]
        if sets:
            lines += [f"## {md_esc(group.code)}. {md_esc(group.name)}", ""]
            lines += [f"- [{md_esc(s.code)} {md_esc(s.name)}]({slug(s.code)}.md)" for s in sets]
            lines.append("")
    return lines

