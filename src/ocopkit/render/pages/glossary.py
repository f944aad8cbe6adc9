"""The glossary page, generated from the same abbreviations as the site's tooltips."""

from __future__ import annotations

from ocopkit.content import Content
from ocopkit.render.html import md_esc
from ocopkit.render.pages.base import GeneratedPage


def glossary_page(content: Content) -> GeneratedPage:
    entries = sorted(content.glossary, key=lambda a: a.abbr.casefold())
    lines = ["# Bảng chữ viết tắt", "",
             "Các chữ viết tắt dùng trong tài liệu OCOP. Trên mọi trang, rê chuột hoặc chạm vào "
             "chữ viết tắt để xem nghĩa.", "", "| Viết tắt | Nghĩa |", "|---|---|"]
    lines += [f"| {md_esc(a.abbr)} | {md_esc(a.text)} |" for a in entries]
    lines.append("")
    return GeneratedPage("glossary.md", "\n".join(lines), "Bảng chữ viết tắt")
