"""Skipping inline processing of plain text changes no HTML."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from ocopkit.render.quickinline import QuickInlineExtension, QuickInlineProcessor

from ..conftest import DOCS

SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
                   "tables", "toc", "pymdownx.details", "pymdownx.superfences",
                   "pymdownx.tasklist"]
GLOSSARY = {"abbr": {"glossary": {"HTX": "Hợp tác xã", "OCOP": "Mỗi xã một sản phẩm"}}}
TRICKY = """# Tiêu đề *nghiêng* và `mã`

Chữ thường không dấu gì cả; HTX và OCOP.
Dòng có hai khoảng trắng cuối{BREAK}ngắt dòng, a\\*b, 3 < 5 & 7 > 2, &amp; &#8212;
<span>html</span> <https://vi.wikipedia.org>
<tien@example.org> [liên kết](https://example.org) ![ảnh](a.png) [^1] __đậm__ _nghiêng_
``mã có ` bên trong`` \\`không phải mã\\` [tham chiếu][ref] [ref]

| Mã | Nội dung |
|---|---|
| 1.1 | chữ trơn |
| 1.2 | **đậm** |

!!! tip "Lưu ý"

    Văn bản trong hộp, *nhấn mạnh*.

- [ ] việc cần làm
- [x] việc đã làm

[^1]: Chú thích.
[ref]: https://example.org/ref
""".replace("{BREAK}", "  \n")


def _html(text: str, quick: bool) -> str:
    extensions: list[object] = list(SITE_EXTENSIONS)
    if quick:
        extensions.append(QuickInlineExtension())
    return markdown.markdown(text, extensions=extensions, extension_configs=GLOSSARY)


@pytest.mark.parametrize("path", sorted(DOCS.rglob("*.md")), ids=lambda p: p.name)
def test_every_page_of_the_site_converts_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _html(text, quick=True) == _html(text, quick=False)


def test_every_kind_of_inline_markup_converts_the_same() -> None:
    quick = _html(TRICKY, quick=True)
    assert quick == _html(TRICKY, quick=False)
    assert "<em>nghiêng</em>" in quick and "<br />" in quick and 'href="#fn:1"' in quick


def test_unknown_patterns_turn_the_shortcut_off() -> None:
    md = markdown.Markdown(extensions=[QuickInlineExtension()])
    md.convert("chữ *nghiêng*")
    processor = md.treeprocessors["inline"]
    assert isinstance(processor, QuickInlineProcessor) and processor.triggers is not None
    md = markdown.Markdown(extensions=["pymdownx.tilde", QuickInlineExtension()])
    assert md.convert("~~gạch~~ chữ") == "<p><del>gạch</del> chữ</p>"
    assert md.treeprocessors["inline"].triggers is None  # type: ignore[attr-defined]
