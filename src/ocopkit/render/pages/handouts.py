"""The "Tài liệu in" page and the per-page box linking a page to its PDFs.

The page groups the PDFs by who uses them (:data:`PARTS`) and keeps the order of the
manifest, which is reading order (see :func:`~ocopkit.render.handouts.plan_handouts`): guides
under the first course that teaches them, product sets in sheet order. The documents printed
for one thing (both editions of a guide; a product set's score sheet and evidence checklist)
share a row.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass

from ocopkit.render.handouts.documents import KINDS
from ocopkit.render.handouts.render import Entry, Manifest
from ocopkit.render.html import md_esc
from ocopkit.render.pages.base import GeneratedPage

FOLDER = "handouts"
ORDER = ("course-pack", "course-pretest", "course-posttest", "course-test-key", "attendance",
         "guide-trainee", "guide-trainer", "score-sheet", "evidence", "council")
"""The order of kinds in a page's box of PDFs."""


@dataclass(frozen=True)
class Table:
    """A table of the page: a row per subject, a column per kind."""

    label: str
    """The heading of the first column, which names the row's subject."""
    kinds: tuple[str, ...]
    title: str = ""
    """A ``###`` heading above the table, when its part has more than one."""
    other: str = ""
    """The heading of the rows with no :attr:`Entry.section` when others have one."""


@dataclass(frozen=True)
class Part:
    """A ``##`` part of the page: who the PDFs are for, a sentence on them, their tables."""

    title: str
    intro: str
    tables: tuple[Table, ...]


PARTS = (
    Part("Bài hướng dẫn cho học viên và giảng viên",
         "Mỗi bài có bản cho học viên để phát cho lớp và bản cho giảng viên có thêm ghi chú, đáp "
         "án. Bài xếp theo thứ tự học trong các khóa đào tạo; bài đã có ở khóa trước không nhắc "
         "lại.",
         (Table("Bài", ("guide-trainee", "guide-trainer"),
                other="Bài không thuộc khóa đào tạo nào"),)),
    Part("Cho học viên: tự đánh giá sản phẩm",
         "Chủ thể in phiếu của đúng bộ sản phẩm mình: phiếu tự đánh giá để tự chấm điểm, danh "
         "mục minh chứng để đánh dấu giấy tờ đã có. Xếp theo thứ tự phiếu trong bộ tiêu chí.",
         (Table("Bộ sản phẩm", ("score-sheet", "evidence")),)),
    Part("Cho cán bộ và Hội đồng",
         "Phiếu tổng hợp điểm của các thành viên Hội đồng cho một sản phẩm, theo bộ sản phẩm.",
         (Table("Bộ sản phẩm", ("council",)),)),
    Part("Cho đơn vị tổ chức",
         "Bộ tài liệu khóa học gồm trang đầu (đối tượng, thời lượng, tổ chức lớp, tài liệu, "
         "cách đánh giá) và bản cho học viên của các bài trong khóa; bài kiểm tra đầu khóa và "
         "cuối khóa lấy từ câu hỏi ôn tập của các bài, kèm đáp án và bảng tổng hợp cho giảng "
         "viên; danh sách điểm danh in cho từng buổi trong lịch tập huấn.",
         (Table("Khóa học", ("course-pack",), title=KINDS["course-pack"]),
          Table("Khóa học", ("course-pretest", "course-posttest", "course-test-key"),
                title="Kiểm tra đầu khóa và cuối khóa"),
          Table("Buổi học", ("attendance",), title=KINDS["attendance"]))),
)
"""The parts of the page, by audience; every kind of :data:`KINDS` is in one table."""


def size_label(size: int) -> str:
    """``2048`` → ``2 KB``; a size from 1 MB on in MB with one decimal."""
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"


def handout_rows(entries: Sequence[Entry]) -> list[dict[str, Entry]]:
    """Entries in rows, kind → entry: consecutive entries about the same subject (the same
    :attr:`Entry.subject`, or the same file when it has none) share a row, one per kind."""
    rows: list[dict[str, Entry]] = []
    keys: list[str] = []
    for entry in entries:
        key = entry.subject or entry.path
        if rows and keys[-1] == key and entry.kind not in rows[-1]:
            rows[-1][entry.kind] = entry
        else:
            rows.append({entry.kind: entry})
            keys.append(key)
    return rows


def _cell(entry: Entry | None) -> str:
    if entry is None:
        return "—"
    return (f"[{md_esc(KINDS[entry.kind])}]({entry.path}) ({entry.pages} trang, "
            f"{size_label(entry.bytes)})")


def _table(table: Table, entries: list[Entry]) -> list[str]:
    lines = [f"| {table.label} | " + " | ".join(KINDS[k] for k in table.kinds) + " |",
             "|---|" + "---|" * len(table.kinds)]
    for row in handout_rows(entries):
        first = next(iter(row.values()))
        lines.append(f"| {md_esc(first.subject or first.title)} | "
                     + " | ".join(_cell(row.get(k)) for k in table.kinds) + " |")
    return [*lines, ""]


def _sections(table: Table, entries: list[Entry]) -> list[str]:
    """The table, split under a ``###`` heading per section when the entries have any."""
    sections = list(dict.fromkeys(e.section for e in entries))
    if sections == [""]:
        return _table(table, entries)
    lines: list[str] = []
    for section in sections:
        lines += [f"### {md_esc(section or table.other)}", ""]
        lines += _table(table, [e for e in entries if e.section == section])
    return lines


def handouts_index(manifest: Manifest | None) -> GeneratedPage:
    """``handouts/index.md``: every PDF of ``manifest`` under :data:`PARTS`, with its pages
    and size."""
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
    for part in PARTS:
        tables = [(t, [e for e in entries if e.kind in t.kinds]) for t in part.tables]
        tables = [(t, found) for t, found in tables if found]
        if not tables:
            continue
        lines += [f"## {part.title}", "", part.intro, ""]
        for table, found in tables:
            if table.title and len(tables) > 1:
                lines += [f"### {table.title}", ""]
            lines += _sections(table, found)
    lines += offline_copies(size_label(total))
    return GeneratedPage(f"{FOLDER}/index.md", "\n".join(lines), "Tài liệu in")


def offline_copies(pdf_size: str) -> list[str]:
    """Markdown: which offline copy to hand out to whom. The saved site's size is filled in by
    the page script of an online site (from ``offline-files.json``); ``ocopkit bundle`` prints
    the size of the zip and of the ZIM file."""
    return [
        "## Bản sao để đọc khi không có mạng", "",
        "Có ba cách mang trang này đến lớp học không có mạng. Chọn theo máy học viên mang theo:",
        "",
        "| Ai dùng | Bản nên đưa | Cách mở |",
        "|---|---|---|",
        "| Máy tính (Windows, macOS, Linux) ở lớp học, phòng họp | Tệp **.zip** "
        "(`ocopkit bundle`), chép qua USB | Giải nén, nhấp đúp `index.html`; kiểm tra bản "
        "sao bằng `KIEM-TRA.bat` (hướng dẫn trong `DOC-TRUOC.txt`) |",
        "| Điện thoại Android hoặc iPhone, không có mạng ở lớp | Tệp **.zim** "
        "(`ocopkit bundle --format zim`), chép qua cáp, thẻ nhớ hoặc Zalo | Cài ứng dụng "
        "Kiwix (miễn phí) trước buổi học, mở tệp .zim trong Kiwix; tìm kiếm gõ không dấu "
        "được |",
        "| Điện thoại đang có mạng (Wi-Fi của lớp) trước khi đi thực địa | **Trang tự lưu** | "
        "Mở trang chủ, bấm \"Lưu để đọc khi không có mạng\"; trang tự cập nhật khi có bản "
        "mới |", "",
        f"Tài liệu in (PDF) có trong cả ba bản, tổng cộng {pdf_size}; với trang tự lưu, PDF "
        "là tùy chọn. Lệnh `ocopkit bundle` in ra dung lượng tệp .zip và tệp .zim vừa tạo; "
        "hãy ghi dung lượng bên cạnh tệp khi chia sẻ để học viên biết cần bao nhiêu chỗ trống "
        "trên máy.",
        '<p class="ocop-save-sizes" hidden>Trang tự lưu của bản trực tuyến này: '
        '<span data-ocop-size="files"></span>, thêm PDF: <span data-ocop-size="pdfs"></span>.'
        "</p>", ""]


def handout_box(entries: list[Entry], page: str) -> str:
    """Markdown listing the PDFs of one page, with links relative to that page's source."""
    here = posixpath.dirname(page)
    items = [f"    - [{md_esc(KINDS[e.kind])}: {md_esc(e.title)}]"
             f"({posixpath.relpath(f'{FOLDER}/{e.path}', here or '.')}) — {e.pages} trang, "
             f"{size_label(e.bytes)}" for e in sorted(entries, key=lambda e: ORDER.index(e.kind))]
    return "\n".join(['!!! info "Tài liệu in (PDF, khổ A4)"', "", *items, ""])
