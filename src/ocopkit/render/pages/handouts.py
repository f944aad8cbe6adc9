"""The "Tài liệu in" page and the per-page box linking a page to its PDFs."""

from __future__ import annotations

import posixpath

from ocopkit.render.handouts.documents import KINDS
from ocopkit.render.handouts.render import Entry, Manifest
from ocopkit.render.html import md_esc
from ocopkit.render.pages.base import GeneratedPage

FOLDER = "handouts"
ORDER = ("course-pack", "attendance", "guide-trainee", "guide-trainer", "score-sheet", "evidence",
         "council")


def size_label(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"


def handouts_index(manifest: Manifest | None) -> GeneratedPage:
    lines = ["# Tài liệu in", "",
             "Tài liệu khổ A4 để phát tay trong lớp học. Mỗi tài liệu ghi rõ bộ tiêu chí mà nó "
             "theo, ngày cập nhật, số trang và có mã QR dẫn về trang trực tuyến.", ""]
    if manifest is None or not manifest.entries:
        lines += ["Chưa có tài liệu in trong bản dựng này (chạy `ocopkit build` để tạo).", ""]
        return GeneratedPage(f"{FOLDER}/index.md", "\n".join(lines), "Tài liệu in")
    entries = manifest.entries
    total = sum(e.bytes for e in entries)
    lines += [f"**{len(entries)} tệp PDF, {sum(e.pages for e in entries)} trang, "
              f"{size_label(total)}.**", ""]
    for kind in ORDER:
        group = [e for e in entries if e.kind == kind]
        if not group:
            continue
        lines += [f"## {KINDS[kind]}", "", "| Tài liệu | Số trang | Dung lượng |",
                  "|---|---:|---:|"]
        lines += [f"| [{md_esc(e.title)}]({e.path}) | {e.pages} | {size_label(e.bytes)} |"
                  for e in group]
        lines.append("")
    return GeneratedPage(f"{FOLDER}/index.md", "\n".join(lines), "Tài liệu in")


def handout_box(entries: list[Entry], page: str) -> str:
    """Markdown listing the PDFs of one page, with links relative to that page's source."""
    here = posixpath.dirname(page)
    items = [f"    - [{md_esc(KINDS[e.kind])}: {md_esc(e.title)}]"
             f"({posixpath.relpath(f'{FOLDER}/{e.path}', here or '.')}) — {e.pages} trang, "
             f"{size_label(e.bytes)}" for e in sorted(entries, key=lambda e: ORDER.index(e.kind))]
    return "\n".join(['!!! info "Tài liệu in (PDF, khổ A4)"', "", *items, ""])
