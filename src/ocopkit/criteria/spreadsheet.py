"""An edition as an Excel workbook for officials who work in a spreadsheet, and back to YAML.

:func:`write_workbook` lays an edition out as a workbook (``ocopkit criteria export EDITION
--xlsx FILE``); :func:`import_workbook` reads such a workbook, checks it cell by cell, writes
the edition YAML and validates the written file with the project's validator before putting it
in place (``ocopkit criteria import FILE.xlsx --out docs/criteria/NEW.yml``). Every problem is
reported at once as ``FILE.xlsx:SHEET!CELL: field: expected …, got …``.

Layout
------

Sheet ``Phiên bản`` (the edition). Column A names the field of each row for the importer
(grey); a row whose A starts with ``#`` is a heading for people and is skipped.

- key/value rows: A the field (``decision``, ``source.file``…), B its Vietnamese label, C the
  value. ``replaces`` takes one row per edition id.
- small tables (``parts``, ``star_bands``, ``recognition``, ``product_groups``,
  ``amendments``, ``untranscribed_sets``): a row with A ``[parts]`` names the columns
  (``code``, ``name``, ``max``); each data row has A ``parts``. ``product_groups.product_sets``
  is a list of codes separated by commas; a star band's ``below`` is empty on the highest band.

One sheet per product set, named by its code (``I.1.a``), in sheet order:

- row 1 a title, row 2 the Vietnamese column headings (with a comment on what each holds),
  row 3 the field names of :data:`TABLE` (the importer finds columns by these names), frozen;
- then one row per option. A value is written on the first row it applies to and left empty
  below: ``part`` on the part's first row, ``group.*`` on the group's, the criterion's fields on
  its first row, ``case.*`` on the case's first option (a filled ``part``, ``group.code``,
  ``criterion.code`` or ``case.key`` starts a new one; empty, the row continues the one above;
  an empty optional cell is an absent value). ``section.code`` is written on the first
  row of every criterion of a section (name and max on its first criterion). A criterion with
  ``yes_no`` has no option rows; each note of a criterion takes a row of its own after its
  options (``note.kind``, ``note.scope``, ``note.derived``, ``note.text``);
- after the table, a row with A ``#`` starts the sheet's information: A the field (``sheet``,
  ``name``, ``category``, ``managing_agency``, and one row per ``rejection_rules``,
  ``sheet_notes``, ``transcription_notes`` and ``sum_notes`` item), B its label, the value in
  the one other non-empty cell (column I as exported). A ``sum_notes`` item is a part's
  ``sum_note``, written ``A: why the part's printed points do not add up``.

Text is written as text cells, never as formulas: a text starting with ``=`` is stored as a
string with Excel's quote prefix, text columns are formatted as text (``@``) so what an official
types there stays text (``1.10`` stays ``1.10``). The importer refuses formula and error cells,
control characters, texts longer than an Excel cell, workbooks over :data:`MAX_WORKBOOK_BYTES`
(or unpacking to more than :data:`MAX_UNPACKED_BYTES`), sheets over :data:`MAX_ROWS` rows.

Export then import gives back the same edition (every field of the model); YAML comments of a
hand-kept file are not carried (they are not data).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from yaml import ScalarNode
from yaml.resolver import Resolver

from ocopkit.criteria.model import Criterion, Edition, Group, ProductSet
from ocopkit.criteria.validate import (
    CONFIDENCE,
    GATE_SCOPES,
    GATE_TRIGGERS,
    MARKERS,
    NOTE_KINDS,
    check_edition_file,
)
from ocopkit.errors import Problem
from ocopkit.source.yaml import CONTROL, KeyPath, format_path, printable
from ocopkit.system.publish import owned_name, remove_stale

EDITION_SHEET = "Phiên bản"
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
"""Largest workbook read: an exported edition of 26 sheets is about 0.3 MB."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Most bytes the parts of a workbook (a zip archive) may unpack to: a zip bomb is refused
before anything is unpacked."""
MAX_SHEETS = 200
MAX_ROWS = 5000
"""Most rows of one sheet: the largest real sheet has about 130."""
MAX_COLUMNS = 60
MAX_CELL_CHARS = 32767
"""Excel's own limit for the text of one cell."""
STATUSES = ("current", "replaced", "draft")
YES, NO = "có", "không"
TEXT_FORMAT = "@"


class SpreadsheetError(Exception):
    """The workbook or the file cannot be used; ``lines`` is the report to print."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


@dataclass(frozen=True, order=True)
class Ref:
    """A cell: sheet position in the workbook (for sorting), sheet name, row and column."""

    order: int
    sheet: str
    row: int
    column: int

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    def __str__(self) -> str:
        return f"{self.sheet}!{self.coordinate}"


@dataclass(frozen=True)
class CellProblem:
    """One thing wrong with one cell (or, without ``ref``, with the whole workbook)."""

    file: str
    ref: Ref | None
    field: str
    message: str

    @property
    def key(self) -> tuple[int, int, int, int]:
        """Workbook-level problems first, then by sheet, row and column (problems of one cell
        in the order found)."""
        if self.ref is None:
            return (0, 0, 0, 0)
        return (1, self.ref.order, self.ref.row, self.ref.column)

    def __str__(self) -> str:
        """One line (a new line in a sheet name or a value is shown as ``\\n``)."""
        where = f"{self.file}:{self.ref}:" if self.ref else f"{self.file}:"
        line = f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"
        return printable(line).replace("\n", "\\n").replace("\t", "\\t")


def report(problems: Iterable[CellProblem], *, tail: str = "nothing was written.") -> list[str]:
    """The problems sorted by sheet, row and column, and a last line counting them."""
    found = sorted(problems, key=lambda p: p.key)
    noun = "problem" if len(found) == 1 else "problems"
    return [str(p) for p in found] + [f"{len(found)} {noun}; {tail}"]


# --- The columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    field: str
    heading: str
    width: int
    help: str
    text: bool = True
    """Formatted as text (``@``): what is typed stays text."""


TABLE: tuple[Column, ...] = (
    Column("part", "Phần", 7, "Mã phần (A, B, C), ghi ở dòng đầu tiên của mỗi phần."),
    Column("group.code", "Mã nhóm", 8, "Mã nhóm tiêu chí (1, 2, …), ghi ở dòng đầu tiên của "
           "nhóm; các dòng sau của nhóm để trống."),
    Column("group.name", "Tên nhóm tiêu chí", 24, "Tên nhóm, ghi cùng dòng với mã nhóm."),
    Column("group.max", "Điểm tối đa của nhóm", 9, "Số nguyên; bằng tổng điểm tối đa các tiêu "
           "chí (và mục) của nhóm.", text=False),
    Column("section.code", "Mã mục", 8, "Chỉ khi nhóm có mục gộp tiêu chí con (6.1 gồm 6.1.1, "
           "6.1.2): ghi mã mục ở dòng đầu của mỗi tiêu chí con."),
    Column("section.name", "Tên mục", 16, "Tên mục, ghi ở tiêu chí con đầu tiên của mục."),
    Column("section.max", "Điểm tối đa của mục", 9, "Số nguyên; bằng tổng điểm tối đa các "
           "tiêu chí con.", text=False),
    Column("criterion.code", "Mã tiêu chí", 9, "Mã tiêu chí (1.1, 6.1.2, 7). Ô có mã là dòng "
           "đầu của một tiêu chí mới; các dòng sau (lựa chọn, ghi chú) để trống."),
    Column("criterion.name", "Tên tiêu chí", 40, "Tên tiêu chí, ghi cùng dòng với mã."),
    Column("description", "Giải thích", 30, "Không bắt buộc: lời giải thích trong ngoặc."),
    Column("requirement", "Yêu cầu", 30, "Không bắt buộc: nội dung sau «Yêu cầu:»."),
    Column("criterion.max", "Điểm tối đa của tiêu chí", 9, "Số nguyên; bằng điểm của lựa "
           "chọn cao nhất.", text=False),
    Column("yes_no", "Chỉ chấm Có/Không", 9, "«có» nếu phiếu chỉ ghi điểm, không in lựa chọn "
           "(hiểu là Không = 0 điểm, Có = điểm tối đa); khi đó không có dòng lựa chọn."),
    Column("applies_if.text", "Chỉ áp dụng khi", 24, "Không bắt buộc: lời văn điều kiện "
           "(«Chỉ áp dụng khi có câu chuyện sản phẩm»)."),
    Column("applies_if.criterion", "Điều kiện: tiêu chí", 10, "Mã tiêu chí làm điều kiện "
           "(5.1)."),
    Column("applies_if.options", "Điều kiện: các lựa chọn", 10, "Số thứ tự các lựa chọn của "
           "tiêu chí điều kiện làm điều kiện thỏa, cách nhau bằng dấu phẩy: 2, 3, 4, 5."),
    Column("cases_text", "Lời dẫn các trường hợp", 20, "Chỉ với tiêu chí chấm theo trường "
           "hợp: «Lựa chọn một trong hai trường hợp sau»."),
    Column("case.key", "Trường hợp", 7, "Chữ của trường hợp (a, b), ghi ở lựa chọn đầu tiên "
           "của trường hợp."),
    Column("case.name", "Tên trường hợp", 24, "Tên trường hợp, cùng dòng với chữ a, b."),
    Column("option.text", "Nội dung lựa chọn", 50, "Mỗi lựa chọn một dòng, theo đúng thứ tự "
           "trên phiếu (được đánh số 1, 2, 3…)."),
    Column("points", "Điểm", 7, "Số nguyên từ 0 đến điểm tối đa của tiêu chí.", text=False),
    Column("marker", "Yêu cầu tối thiểu (sao)", 9, "***, **** hoặc ***** nếu lựa chọn là yêu "
           "cầu tối thiểu cho hạng sao đó; để trống nếu không."),
    Column("note.kind", "Loại ghi chú", 11, "Mỗi ghi chú một dòng, sau các lựa chọn: note "
           "(ghi chú), rejection (bị loại), gate (dừng đánh giá), eligibility (điều kiện được "
           "đánh giá)."),
    Column("note.scope", "Ghi chú dừng: phạm vi", 10, "Chỉ với gate: group (các chỉ tiêu khác "
           "của nhóm) hoặc sheet (các bước tiếp theo của phiếu)."),
    Column("note.derived", "Ghi chú dừng: khi", 11, "Không bắt buộc, chỉ với gate: zero (tiêu "
           "chí này 0 điểm) hoặc zero_above (một tiêu chí phía trên trong nhóm 0 điểm)."),
    Column("note.text", "Nội dung ghi chú", 45, "Lời ghi chú, chép nguyên văn."),
)
FIELDS = tuple(c.field for c in TABLE)
CRITERION_FIELDS = ("criterion.name", "description", "requirement", "criterion.max", "yes_no",
                    "applies_if.text", "applies_if.criterion", "applies_if.options",
                    "cases_text")
GROUP_FIELDS = ("group.name", "group.max")
SECTION_FIELDS = ("section.name", "section.max")
OPTION_FIELDS = ("option.text", "points", "marker")
NOTE_FIELDS = ("note.kind", "note.scope", "note.derived", "note.text")
HEADING_ROW, FIELD_ROW, FIRST_ROW = 2, 3, 4
INFO_VALUE_COLUMN = FIELDS.index("criterion.name") + 1

EDITION_ROWS: tuple[tuple[str, str], ...] = (
    ("edition", "Mã phiên bản (trùng tên tệp .yml)"),
    ("decision", "Số hiệu văn bản"),
    ("title", "Tên văn bản"),
    ("date", "Ngày ký (năm-tháng-ngày)"),
    ("signer", "Người ký"),
    ("status", "Trạng thái: current (đang áp dụng), replaced (đã thay thế), draft (dự thảo)"),
    ("replaces", "Thay thế phiên bản (mỗi mã một dòng)"),
    ("replaced_by", "Được thay thế bởi phiên bản"),
    ("source.file", "Tệp văn bản dùng để chép"),
    ("source.description", "Bản chép lấy từ đâu"),
    ("confidence", "Độ tin cậy: H (cao), M (trung bình), L (thấp)"),
    ("confidence_note", "Lưu ý về độ tin cậy (không bắt buộc)"),
    ("sheets_available", "Đã chép các phiếu đánh giá (có/không)"),
    ("certificate_validity_months", "Thời hạn giấy chứng nhận (tháng)"),
)
EDITION_LISTS = ("replaces",)
EDITION_REQUIRED = ("edition", "decision", "title", "date", "signer", "status", "source.file",
                    "source.description", "confidence", "sheets_available",
                    "certificate_validity_months")

TableSpec = tuple[str, str, tuple[tuple[str, str], ...]]
TABLES: tuple[TableSpec, ...] = (
    ("parts", "CÁC PHẦN ĐIỂM (tổng bằng 100)",
     (("code", "Mã phần"), ("name", "Tên phần"), ("max", "Điểm tối đa"))),
    ("star_bands", "HẠNG SAO THEO TỔNG ĐIỂM (phủ kín 0–100)",
     (("stars", "Số sao"), ("from", "Từ điểm (tính cả điểm này)"),
      ("below", "Đến dưới điểm (không tính điểm này; để trống ở hạng cao nhất)"))),
    ("recognition", "CÔNG NHẬN THEO HẠNG SAO",
     (("stars", "Số sao"), ("certificate", "Cấp giấy chứng nhận (có/không)"),
      ("authority", "Cơ quan cấp"))),
    ("product_groups", "NHÓM SẢN PHẨM (PHỤ LỤC I)",
     (("code", "Mã nhóm"), ("name", "Tên nhóm"),
      ("product_sets", "Mã các bộ sản phẩm, cách nhau bằng dấu phẩy"))),
    ("amendments", "VĂN BẢN SỬA ĐỔI (không bắt buộc)",
     (("decision", "Số hiệu"), ("date", "Ngày (năm-tháng-ngày)"), ("summary", "Tóm tắt"))),
    ("untranscribed_sets", "BỘ SẢN PHẨM CHƯA CHÉP PHIẾU (không bắt buộc)",
     (("code", "Mã bộ sản phẩm"), ("name", "Tên bộ sản phẩm"))),
)
REQUIRED_TABLES = ("parts", "star_bands", "recognition", "product_groups")

INFO_ROWS: tuple[tuple[str, str], ...] = (
    ("sheet", "Số phiếu (thứ tự trong Phụ lục II)"),
    ("name", "Tên bộ sản phẩm"),
    ("category", "Phân loại (Sản phẩm: …. Nhóm: …)"),
    ("managing_agency", "Cơ quan quản lý"),
    ("rejection_rules", "Hồ sơ bị loại khi (mỗi điều một dòng)"),
    ("sheet_notes", "Ghi chú chung của phiếu (mỗi ghi chú một dòng)"),
    ("transcription_notes", "Ghi chú khi chép từ văn bản (mỗi chỗ một dòng)"),
    ("sum_notes", "Phần có tổng điểm in khác điểm tối đa của phần (mỗi phần một dòng: "
                  "«A: lời giải thích»)"),
)
INFO_LISTS = ("rejection_rules", "sheet_notes", "transcription_notes", "sum_notes")
INFO_TITLE = "THÔNG TIN CHUNG CỦA PHIẾU"

HELP_LINES = (
    "Cách dùng bảng tính này",
    "Mỗi bộ sản phẩm là một trang, tên trang là mã bộ (I.1.a). Mỗi lựa chọn của phiếu là một "
    "dòng; mã và tên tiêu chí chỉ ghi ở dòng đầu của tiêu chí, các dòng sau để trống.",
    "Cột A (màu xám) và dòng tên trường (dòng 3 của mỗi trang bộ sản phẩm) để máy đọc: không "
    "sửa, không xóa. Dòng bắt đầu bằng # là tiêu đề cho người đọc.",
    "Thông tin chung của mỗi phiếu (số phiếu, tên, phân loại, cơ quan quản lý, hồ sơ bị loại "
    "khi, ghi chú) nằm ở cuối trang, sau bảng lựa chọn.",
    "Thêm lựa chọn, tiêu chí hoặc ghi chú: chèn dòng rồi gõ vào; giữ đúng thứ tự như trên "
    "phiếu. Không sắp xếp lại các dòng, không dùng công thức.",
    "Khi sửa xong: ocopkit criteria import TỆP.xlsx --out docs/criteria/MÃ-PHIÊN-BẢN.yml, rồi "
    "ocopkit check.",
)

# --- Writing a workbook ----------------------------------------------------------------------

_TITLE_FONT = Font(bold=True, size=13)
_BOLD = Font(bold=True)
_FIELD_FONT = Font(italic=True, size=8, color="808080")
_TAG_FONT = Font(size=8, color="808080")
_HEADING_FILL = PatternFill("solid", fgColor="DDEBF7")
_FIELD_FILL = PatternFill("solid", fgColor="F2F2F2")
_GROUP_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
_THIN = Side(style="thin", color="A6A6A6")
_CRITERION_TOP = Border(top=_THIN)
_GROUP_TOP = Border(top=Side(style="medium", color="7F7F7F"))


@dataclass(frozen=True)
class WorkbookInfo:
    """What :func:`write_workbook` wrote."""

    path: Path
    product_sets: int
    criteria: int
    options: int


def write_workbook(edition: Edition, path: Path, *, force: bool = False) -> WorkbookInfo:
    """Write ``edition`` as a workbook at ``path``: into a temporary file beside it, then
    renamed, so ``path`` is never half-written; an existing file is replaced only with
    ``force``. Raise :class:`SpreadsheetError` when it cannot be written."""
    _check_destination(path, force, what="workbook")
    workbook = build_workbook(edition)
    tmp = _temporary(path)
    try:
        try:
            workbook.save(tmp)
        except OSError as err:
            raise SpreadsheetError([f"{printable(str(path))}: cannot write the file: "
                                    f"{err.strerror or err}"]) from None
        _publish(tmp, path, force)
    finally:
        tmp.unlink(missing_ok=True)
    return WorkbookInfo(path, len(edition.product_sets),
                        sum(len(s.criteria) for s in edition.product_sets),
                        sum(len(c.options) for s in edition.product_sets for c in s.criteria))


def build_workbook(edition: Edition) -> Workbook:
    """The workbook of an edition (see the module docstring for the layout)."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = EDITION_SHEET
    _edition_sheet(sheet, edition)
    for product_set in edition.product_sets:
        _product_set_sheet(workbook.create_sheet(product_set.code), product_set)
    return workbook


def _put(ws: Worksheet, row: int, column: int, value: Any, where: str = "") -> None:
    """Write a value; text always as text (a leading ``=`` never makes a formula)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        if CONTROL.search(value) or _NON_PRINTABLE.search(value):
            raise SpreadsheetError([f"{where or ws.title}: cannot write text with control "
                                    f"characters: {printable(value[:40])!r}"])
        if len(value) > MAX_CELL_CHARS:
            raise SpreadsheetError([f"{where or ws.title}: cannot write a text of {len(value)} "
                                    f"characters: an Excel cell holds at most {MAX_CELL_CHARS}"])
        cell.value = value
        cell.data_type = "s"
        if value.startswith("="):
            cell.quotePrefix = True
    else:
        cell.value = value


def _edition_sheet(ws: Worksheet, e: Edition) -> None:
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 70
    ws.column_dimensions["D"].width = 50
    for letter in "BCD":
        ws.column_dimensions[letter].number_format = TEXT_FORMAT
    row = 1
    _put(ws, row, 1, "#")
    _put(ws, row, 2, f"Phiên bản bộ tiêu chí: {e.decision}")
    ws.cell(row=row, column=2).font = _TITLE_FONT
    row += 1
    for column, heading in enumerate(("Trường (để máy đọc)", "Mục", "Giá trị"), start=1):
        _put(ws, row, column, heading if column > 1 else "#")
        ws.cell(row=row, column=column).font = _BOLD
        ws.cell(row=row, column=column).fill = _HEADING_FILL
    ws.freeze_panes = "A3"
    values: dict[str, Any] = {
        "edition": e.id, "decision": e.decision, "title": e.title, "date": e.date,
        "signer": e.signer, "status": e.status, "replaces": list(e.replaces),
        "replaced_by": e.replaced_by, "source.file": e.source.file,
        "source.description": e.source.description, "confidence": e.confidence,
        "confidence_note": e.confidence_note,
        "sheets_available": YES if e.sheets_available else NO,
        "certificate_validity_months": e.certificate_validity_months,
    }
    choices = {"status": STATUSES, "confidence": CONFIDENCE, "sheets_available": (YES, NO)}
    for tag, label in EDITION_ROWS:
        items = values[tag] if tag in EDITION_LISTS else [values[tag]]
        for item in items or [None]:
            row += 1
            _tag(ws, row, tag)
            _put(ws, row, 2, label)
            _put(ws, row, 3, item)
            ws.cell(row=row, column=3).alignment = _WRAP
            if isinstance(item, dt.date):
                ws.cell(row=row, column=3).number_format = "yyyy-mm-dd"
            if tag in choices:
                _choice(ws, choices[tag], f"C{row}")
    rows: dict[str, list[tuple[Any, ...]]] = {
        "parts": [(p.code, p.name, p.max) for p in e.parts],
        "star_bands": [(b.stars, b.start, b.below) for b in e.star_bands],
        "recognition": [(r.stars, YES if r.certificate else NO, r.authority)
                        for r in e.recognition],
        "product_groups": [(g.code, g.name, ", ".join(g.product_sets))
                           for g in e.product_groups],
        "amendments": [(a.decision, a.date, a.summary) for a in e.amendments],
        "untranscribed_sets": [(u.code, u.name) for u in e.untranscribed],
    }
    for name, title, columns in TABLES:
        row += 2
        _put(ws, row, 1, "#")
        _put(ws, row, 2, title)
        ws.cell(row=row, column=2).font = _BOLD
        row += 1
        _put(ws, row, 1, "#")
        for column, (_, heading) in enumerate(columns, start=2):
            _put(ws, row, column, heading)
            ws.cell(row=row, column=column).font = _BOLD
            ws.cell(row=row, column=column).fill = _HEADING_FILL
            ws.cell(row=row, column=column).alignment = _WRAP
        row += 1
        _tag(ws, row, f"[{name}]")
        for column, (field_name, _) in enumerate(columns, start=2):
            _put(ws, row, column, field_name)
            ws.cell(row=row, column=column).font = _FIELD_FONT
            ws.cell(row=row, column=column).fill = _FIELD_FILL
        first = row + 1
        for values_row in rows[name]:
            row += 1
            _tag(ws, row, name)
            for column, value in enumerate(values_row, start=2):
                _put(ws, row, column, value)
                ws.cell(row=row, column=column).alignment = _WRAP
                if isinstance(value, dt.date):
                    ws.cell(row=row, column=column).number_format = "yyyy-mm-dd"
        if name == "recognition" and row >= first:
            _choice(ws, (YES, NO), f"C{first}:C{row}")
    row += 2
    for n, line in enumerate(HELP_LINES):
        _put(ws, row, 1, "#")
        _put(ws, row, 2, line)
        ws.cell(row=row, column=2).font = _BOLD if n == 0 else Font()
        row += 1


def _tag(ws: Worksheet, row: int, tag: str) -> None:
    _put(ws, row, 1, tag)
    ws.cell(row=row, column=1).font = _TAG_FONT
    ws.cell(row=row, column=1).alignment = Alignment(vertical="top")


def _choice(ws: Worksheet, values: Sequence[str], cells: str) -> None:
    """A drop-down list of the allowed values (empty allowed) on ``cells``."""
    validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="Giá trị không hợp lệ",
                                error="Chọn một trong: " + ", ".join(values))
    ws.add_data_validation(validation)
    validation.add(cells)


def _product_set_sheet(ws: Worksheet, s: ProductSet) -> None:
    where = f"{s.code}"
    _put(ws, 1, 1, f"Phiếu {s.sheet} · {s.code}: {s.name} (thông tin chung của phiếu ở cuối "
         "trang, sau bảng lựa chọn)", where)
    ws.cell(row=1, column=1).font = _TITLE_FONT
    for column, spec in enumerate(TABLE, start=1):
        letter = get_column_letter(column)
        ws.column_dimensions[letter].width = spec.width
        if spec.text:
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
        _put(ws, HEADING_ROW, column, spec.heading)
        heading = ws.cell(row=HEADING_ROW, column=column)
        heading.font, heading.fill, heading.alignment = _BOLD, _HEADING_FILL, _WRAP
        heading.comment = Comment(f"{spec.heading} ({spec.field}): {spec.help}", "ocopkit",
                                  height=140, width=260)
        _put(ws, FIELD_ROW, column, spec.field)
        cell = ws.cell(row=FIELD_ROW, column=column)
        cell.font, cell.fill = _FIELD_FONT, _FIELD_FILL
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.print_title_rows = f"{HEADING_ROW}:{FIELD_ROW}"
    ws.page_setup.orientation = "landscape"
    columns = {f: n for n, f in enumerate(FIELDS, start=1)}
    styles: dict[tuple[bool, int, bool], Any] = {}
    row = FIRST_ROW - 1
    for part in s.parts:
        for g_index, group in enumerate(part.groups):
            for c_index, criterion in enumerate(group.criteria):
                lines = _criterion_rows(group, criterion)
                head = lines[0]
                if c_index == 0:
                    head.update({"group.code": group.code, "group.name": group.name,
                                 "group.max": group.max})
                    if g_index == 0:
                        head["part"] = part.part
                for n, line in enumerate(lines):
                    row += 1
                    filled = set()
                    for field_name, value in line.items():
                        if value is not None:
                            _put(ws, row, columns[field_name], value,
                                 f"{where}!{get_column_letter(columns[field_name])}{row}")
                            filled.add(columns[field_name])
                    # A line above each criterion (a thicker one above each group), across the
                    # table; on the other rows only the cells written are styled.
                    border = 0 if n else (2 if c_index == 0 else 1)
                    for column in range(1, len(TABLE) + 1) if border else sorted(filled):
                        fill = border == 2 and column <= columns["group.max"]
                        _style(ws.cell(row=row, column=column), styles,
                               (TABLE[column - 1].text, border, fill))
    last = row
    if last >= FIRST_ROW:
        for field_name, allowed in (("marker", tuple(MARKERS)), ("yes_no", (YES, NO)),
                                    ("note.kind", NOTE_KINDS), ("note.scope", GATE_SCOPES),
                                    ("note.derived", GATE_TRIGGERS)):
            letter = get_column_letter(columns[field_name])
            _choice(ws, allowed, f"{letter}{FIRST_ROW}:{letter}{last}")
    row += 2
    _put(ws, row, 1, "#")
    _put(ws, row, 2, f"{INFO_TITLE} {s.code}")
    ws.cell(row=row, column=2).font = _TITLE_FONT
    row += 1
    _put(ws, row, 1, "#")
    _put(ws, row, 2, "Mục")
    _put(ws, row, INFO_VALUE_COLUMN, "Giá trị")
    for column in (2, INFO_VALUE_COLUMN):
        ws.cell(row=row, column=column).font = _BOLD
        ws.cell(row=row, column=column).fill = _HEADING_FILL
    values: dict[str, Any] = {"sheet": s.sheet, "name": s.name, "category": s.category,
                              "managing_agency": s.managing_agency,
                              "rejection_rules": list(s.rejection_rules),
                              "sheet_notes": list(s.sheet_notes),
                              "transcription_notes": list(s.transcription_notes),
                              "sum_notes": [f"{p.part}: {p.sum_note}" for p in s.parts
                                            if p.sum_note is not None]}
    for tag, label in INFO_ROWS:
        items = values[tag] if tag in INFO_LISTS else [values[tag]]
        for item in items or [None]:
            row += 1
            _tag(ws, row, tag)
            _put(ws, row, 2, label)
            ws.cell(row=row, column=2).alignment = Alignment(vertical="top")
            _put(ws, row, INFO_VALUE_COLUMN, item,
                 f"{where}!{get_column_letter(INFO_VALUE_COLUMN)}{row}")
            ws.cell(row=row, column=INFO_VALUE_COLUMN).alignment = _WRAP


def _style(cell: Any, styles: dict[tuple[bool, int, bool], Any],
           key: tuple[bool, int, bool]) -> None:
    """Style a table cell: text (``@``, wrapped) or number (centred), with no line, a line or
    a thicker line above, group fill or not. The first cell of a kind is styled attribute by
    attribute; the others copy its style array (much faster for thousands of cells)."""
    cached = styles.get(key)
    if cached is not None:
        cell._style = copy(cached)
    else:
        text, border, fill = key
        cell.quotePrefix = False
        cell.alignment = _WRAP if text else _CENTER
        if text:
            cell.number_format = TEXT_FORMAT
        if border:
            cell.border = _GROUP_TOP if border == 2 else _CRITERION_TOP
        if fill:
            cell.fill = _GROUP_FILL
        styles[key] = copy(cell._style)
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.quotePrefix = True


def _criterion_rows(group: Group, c: Criterion) -> list[dict[str, Any]]:
    """The rows of one criterion: its fields on the first, one option per row, then one note
    per row."""
    head: dict[str, Any] = {
        "criterion.code": c.code, "criterion.name": c.name, "description": c.description,
        "requirement": c.requirement, "criterion.max": c.max,
        "yes_no": YES if c.yes_no else None, "cases_text": c.cases_text}
    section = group.section_of(c.code)
    if section is not None:
        head["section.code"] = section.code
        if section.criteria[0] == c.code:
            head.update({"section.name": section.name, "section.max": section.max})
    if c.applies_if is not None:
        head.update({"applies_if.text": c.applies_if.text,
                     "applies_if.criterion": c.applies_if.criterion,
                     "applies_if.options": ", ".join(map(str, c.applies_if.options))})
    rows: list[dict[str, Any]] = []
    if not c.yes_no:
        cases = c.cases or ()
        for case in cases:
            for n, option in enumerate(case.options):
                line = _option(option.text, option.points, option.marker)
                if n == 0:
                    line.update({"case.key": case.key, "case.name": case.name})
                rows.append(line)
        if not cases:
            rows += [_option(o.text, o.points, o.marker) for o in c.options]
    rows = rows or [{}]
    rows[0].update(head)
    rows += [{"note.kind": n.kind, "note.scope": n.scope, "note.derived": n.derived,
              "note.text": n.text} for n in c.notes]
    return rows


def _option(text: str, points: int, marker: int | None) -> dict[str, Any]:
    return {"option.text": text, "points": points,
            "marker": "*" * marker if marker is not None else None}


# --- Files -----------------------------------------------------------------------------------


def _check_destination(path: Path, force: bool, *, what: str) -> None:
    shown = printable(str(path))
    if path.is_dir():
        raise SpreadsheetError([f"{shown}: expected a file name for the {what}, got a folder"])
    if not path.parent.is_dir():
        raise SpreadsheetError([f"{shown}: expected an existing folder "
                                f"{printable(str(path.parent))}/, got no such folder"])
    if os.path.lexists(path) and not force:
        raise SpreadsheetError([f"{shown}: expected a new file, got an existing one (add "
                                "--force to replace it)"])


def _temporary(path: Path) -> Path:
    """A new temporary name beside ``path`` naming this process (stale ones are removed)."""
    prefix = f".{path.name}."
    remove_stale(path.parent, prefix, ".tmp")
    return path.parent / owned_name(prefix, ".tmp")


def _publish(tmp: Path, dest: Path, force: bool) -> None:
    """Put the finished ``tmp`` at ``dest`` in one step; without ``force`` an existing
    ``dest`` (even one created meanwhile) is never replaced."""
    if force:
        os.replace(tmp, dest)
        return
    try:
        os.link(tmp, dest)
    except FileExistsError:
        raise SpreadsheetError([f"{printable(str(dest))}: expected a new file, got an existing "
                                "one (add --force to replace it)"]) from None
    except OSError:  # a file system without hard links (FAT, some network drives)
        if os.path.lexists(dest):
            raise SpreadsheetError([f"{printable(str(dest))}: expected a new file, got an "
                                    "existing one (add --force to replace it)"]) from None
        os.replace(tmp, dest)


# --- Reading a workbook ----------------------------------------------------------------------


class _Failed:
    """A cell already reported (formula, control characters, …): present but unusable."""

    def __repr__(self) -> str:
        return "FAILED"


FAILED = _Failed()


@dataclass(frozen=True)
class Raw:
    value: Any
    ref: Ref


Row = dict[str, Raw]
Parser = Callable[["_Reader", Raw, str], Any]


class _Reader:
    """Collects the data of the edition, where each value came from, and every problem."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[CellProblem] = []
        self.cells: dict[KeyPath, tuple[Ref, str]] = {}
        self.bad: set[Ref] = set()
        self.anchors: set[KeyPath] = set()
        self.structural = False

    def add(self, ref: Ref | None, field: str, message: str, *, structural: bool = False) -> None:
        self.problems.append(CellProblem(self.shown, ref, field, message))
        if ref is not None:
            self.bad.add(ref)
        self.structural = self.structural or structural

    def put(self, target: dict[str, Any], key: str, path: KeyPath, raw: Raw | None,
            field: str, parse: Parser, *, required: bool = True, null: bool = False,
            at: Ref | None = None) -> None:
        """Set ``target[key]`` from a cell. An empty cell is reported when ``required`` (at
        ``at``) and sets ``None``; else it sets ``None`` with ``null``, nothing without."""
        if raw is None:
            if required or null:
                target[key] = None
                if at is not None:
                    self.cells[(*path, key)] = (at, field)
                    if required:
                        parse(self, Raw(None, at), field)
            return
        target[key] = _parse(self, raw, field, parse)
        self.cells[(*path, key)] = (raw.ref, field)

    def mark(self, path: KeyPath, ref: Ref, field: str) -> None:
        """Where a mapping or list starts (the validator names it for totals, missing keys,
        references)."""
        if path not in self.cells:
            self.cells[path] = (ref, field)
            self.anchors.add(path)


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return f"the date {value.date().isoformat()}" if value.time() == dt.time() else (
            f"the date and time {value.isoformat(sep=' ')}")
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return '"' + printable(text).replace("\n", "\\n") + '"'
    return type(value).__name__


_NUMBER_HINT = (" (Excel turned what was typed into a number or date: format the cell as Text, "
                "or type an apostrophe ' before it)")


def _text(reader: _Reader, raw: Raw, field: str) -> str | None:
    value = raw.value
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    hint = _NUMBER_HINT if isinstance(value, float | dt.date | dt.time) else ""
    reader.add(raw.ref, field, f"expected text, got {_shown(value)}{hint}")
    return None


def _code(reader: _Reader, raw: Raw, field: str) -> str | None:
    value = raw.value
    if isinstance(value, float):
        reader.add(raw.ref, field, f"expected a code as text such as \"1.10\", got "
                   f"{_shown(value)}{_NUMBER_HINT}")
        return None
    return _text(reader, raw, field)


def _integer(low: int, high: int, what: str = "") -> Parser:
    def parse(reader: _Reader, raw: Raw, field: str) -> int | None:
        value = raw.value
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif (isinstance(value, float) and value.is_integer()) or (
                isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value)):
            number = int(value)
        if number is None or not low <= number <= high:
            reader.add(raw.ref, field, f"expected an integer {low}–{high}{what}, got "
                       f"{_shown(value)}")
            return None
        return number

    return parse


def _choice_of(values: Sequence[str]) -> Parser:
    def parse(reader: _Reader, raw: Raw, field: str) -> str | None:
        if isinstance(raw.value, str) and raw.value in values:
            return raw.value
        shown = ", ".join(f"'{v}'" for v in values)
        reader.add(raw.ref, field, f"expected one of {shown}, got {_shown(raw.value)}")
        return None

    return parse


def _marker(reader: _Reader, raw: Raw, field: str) -> str | None:
    if isinstance(raw.value, str) and raw.value in MARKERS:
        return raw.value
    reader.add(raw.ref, field, f"expected '***', '****', '*****' or nothing, got "
               f"{_shown(raw.value)}")
    return None


def _yes_no(reader: _Reader, raw: Raw, field: str) -> bool | None:
    value = raw.value
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.casefold() in (YES, NO):
        return value.casefold() == YES
    reader.add(raw.ref, field, f"expected \"{YES}\" or \"{NO}\", got {_shown(value)}")
    return None


def _date(reader: _Reader, raw: Raw, field: str) -> dt.date | None:
    value = raw.value
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    reader.add(raw.ref, field, f"expected a date YYYY-MM-DD, got {_shown(value)}")
    return None


def _numbers(reader: _Reader, raw: Raw, field: str) -> list[int] | None:
    value = raw.value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return [value]
    if isinstance(value, str):
        items = [item.strip() for item in value.split(",")]
        if all(re.fullmatch(r"[1-9][0-9]{0,3}", item) for item in items):
            return [int(item) for item in items]
    hint = _NUMBER_HINT if isinstance(value, float) else ""
    reader.add(raw.ref, field, f"expected option numbers separated by commas such as "
               f"\"2, 3\", got {_shown(value)}{hint}")
    return None


def _codes(reader: _Reader, raw: Raw, field: str) -> list[str] | None:
    text = _code(reader, raw, field)
    if text is None:
        return None
    items = [item.strip() for item in text.split(",")]
    if not all(items):
        reader.add(raw.ref, field, f"expected codes separated by commas such as \"I.1.a, "
                   f"I.1.b\", got {_shown(text)}")
        return None
    return items


_NON_PRINTABLE = re.compile("[\ufffe\uffff\ud800-\udfff]")
"""Characters YAML cannot hold even escaped as the loader reads them back."""


def _cell(reader: _Reader, cell: Any, ref: Ref, field: str) -> Raw | None:
    """A cell's value as the importer sees it: ``None`` when empty; text NFC-normalised,
    line ends as ``\\n``, spaces around removed; a formula, an error value, control characters
    or too long a text reported and returned as :data:`FAILED`."""
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "f" or not isinstance(value, str | int | float | bool | dt.date
                                               | dt.time | dt.timedelta):
        reader.add(ref, field, "expected a value, got a formula (type the value itself; "
                   "formulas are not read)")
        return Raw(FAILED, ref)
    if cell.data_type == "e":
        reader.add(ref, field, f"expected a value, got the error value {_shown(value)}")
        return Raw(FAILED, ref)
    if isinstance(value, float) and not math.isfinite(value):
        reader.add(ref, field, f"expected a value, got {value}")
        return Raw(FAILED, ref)
    if isinstance(value, dt.time | dt.timedelta):
        reader.add(ref, field, f"expected a value, got the time {value}")
        return Raw(FAILED, ref)
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            reader.add(ref, field, f"expected at most {MAX_CELL_CHARS} characters, got "
                       f"{len(value)}")
            return Raw(FAILED, ref)
        value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
        value = value.strip()
        if not value:
            return None
        bad = CONTROL.search(value) or _NON_PRINTABLE.search(value)
        if bad:
            reader.add(ref, field, "expected text without control characters (only tab and "
                       f"new line are allowed), got U+{ord(bad[0]):04X} in {_shown(value)}")
            return Raw(FAILED, ref)
    return Raw(value, ref)


def _mb(size: int) -> str:
    """``20971520`` → ``20 MB``; rounded up to a tenth, so a size over a limit never reads as
    the limit itself."""
    return f"{math.ceil(size * 10 / 1048576) / 10:.1f}".removesuffix(".0") + " MB"


def _describe_file(data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ("an Excel 97–2003 workbook (.xls) or a password-protected one; save it as "
                "«Excel Workbook (.xlsx)» without a password")
    if not data:
        return "an empty file"
    if data.lstrip().startswith((b"<", b"{", b"[")) or b"\x00" not in data[:4096]:
        return "a text file"
    return "a file that is not a zip archive"


def _open(path: Path, shown: str) -> Any:
    """The workbook at ``path`` opened read-only, or :class:`SpreadsheetError`."""
    expected = f"{shown}: expected an .xlsx workbook, got "
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_WORKBOOK_BYTES + 1)
    except OSError as err:
        raise SpreadsheetError([f"{shown}: cannot read the file: {err.strerror or err}"]) from None
    if len(data) > MAX_WORKBOOK_BYTES:
        raise SpreadsheetError([f"{shown}: expected a workbook of at most "
                                f"{_mb(MAX_WORKBOOK_BYTES)}, got {_mb(path.stat().st_size)}"])
    if not data.startswith(b"PK"):
        raise SpreadsheetError([expected + _describe_file(data)])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise SpreadsheetError([expected + "a damaged zip archive"]) from None
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        kind = "a zip archive without a workbook"
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype"):
            kind = ("an OpenDocument spreadsheet (.ods); save it as «Excel 2007-365 (.xlsx)» "
                    "in LibreOffice")
        elif "word/document.xml" in names:
            kind = "a Word document"
        raise SpreadsheetError([expected + kind])
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES or len(infos) > 10_000:
        raise SpreadsheetError([f"{shown}: expected a workbook unpacking to at most "
                                f"{_mb(MAX_UNPACKED_BYTES)} in at most 10000 parts, got "
                                f"{_mb(unpacked)} in {len(infos)} parts"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=False,
                                 keep_links=False)
    except Exception as err:  # openpyxl raises many kinds on a broken file
        raise SpreadsheetError([expected + f"a workbook that cannot be read "
                                f"({type(err).__name__}: {printable(str(err))[:200]})"]) from None


def _rows(reader: _Reader, ws: Any, order: int) -> list[tuple[int, list[Any]]] | None:
    """The rows of a sheet (number and cells), or ``None`` for a sheet too big to read."""
    name = ws.title
    if not ws.max_row or not ws.max_column:  # no <dimension> in the file: count the cells
        ws.calculate_dimension(force=True)
    max_row, max_column = ws.max_row or 0, ws.max_column or 0
    first = Ref(order, name, 1, 1)
    if max_row > MAX_ROWS:
        reader.add(first, "rows", f"expected at most {MAX_ROWS} rows, got {max_row} (delete the "
                   "empty rows below the table)", structural=True)
        return None
    if max_column > MAX_COLUMNS:
        reader.add(first, "columns", f"expected at most {MAX_COLUMNS} columns, got "
                   f"{max_column} (delete the empty columns right of the table)",
                   structural=True)
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(n, list(cells)) for n, cells in
                enumerate(ws.iter_rows(min_row=1, max_col=max(max_column, 1)), start=1)]


def read_workbook(path: Path, *, shown: str | None = None) -> tuple[dict[str, Any], _Reader]:
    """The edition data of a workbook (plain data as its YAML holds it) and the reader with the
    cell of every value and every problem found. Raise :class:`SpreadsheetError` for a file
    that is not a workbook."""
    shown = shown or str(path)
    reader = _Reader(shown)
    workbook = _open(path, shown)
    try:
        return _read_sheets(reader, workbook, shown)
    except SpreadsheetError:
        raise
    except Exception as err:  # a part of the archive openpyxl reads only now is broken
        raise SpreadsheetError([f"{shown}: expected an .xlsx workbook, got a workbook that "
                                f"cannot be read ({type(err).__name__}: "
                                f"{printable(str(err))[:200]})"]) from None
    finally:
        workbook.close()


def _read_sheets(reader: _Reader, workbook: Any,
                 shown: str) -> tuple[dict[str, Any], _Reader]:
    """The edition sheet and the product set sheets, in workbook order."""
    sheets = list(workbook.worksheets)
    if len(sheets) > MAX_SHEETS:
        raise SpreadsheetError([f"{shown}: expected at most {MAX_SHEETS} sheets, got "
                                f"{len(sheets)}"])
    data: dict[str, Any] = {}
    edition = next((n for n, ws in enumerate(sheets) if ws.title == EDITION_SHEET), None)
    if edition is None:
        names = ", ".join(ws.title for ws in sheets)
        reader.add(None, "sheets", f"expected a sheet named '{EDITION_SHEET}' with the "
                   f"edition's information, got the sheets {names}", structural=True)
    else:
        rows = _rows(reader, sheets[edition], edition)
        if rows is not None:
            _read_edition(reader, rows, edition, data)
    product_sets: list[dict[str, Any]] = []
    for n, ws in enumerate(sheets):
        rows = _rows(reader, ws, n) if n != edition else None
        if rows is not None:
            path_keys: KeyPath = ("product_sets", len(product_sets))
            product_set = _read_product_set(reader, ws.title, rows, n, path_keys)
            if product_set is not None:
                product_sets.append(product_set)
    data["product_sets"] = product_sets
    return data, reader


def _non_empty(reader: _Reader, cells: list[Any], row: int, order: int, sheet: str,
               fields: dict[int, str]) -> dict[int, Raw]:
    out = {}
    for column, cell in enumerate(cells, start=1):
        raw = _cell(reader, cell, Ref(order, sheet, row, column), fields.get(column, "value"))
        if raw is not None:
            out[column] = raw
    return out


def _tagged(reader: _Reader, cells: list[Any], row: int, order: int, sheet: str,
            fields: Callable[[str], str | dict[int, str]]) -> tuple[Raw | None,
                                                                   dict[int, Raw]] | None:
    """A row named in column A: the name's cell and the other non-empty cells, each checked
    under the field the name gives it (``fields``: one name for all, or one per column);
    ``None`` for an empty row or a heading row (``#`` in column A, not read further)."""
    tag_raw = _cell(reader, cells[0], Ref(order, sheet, row, 1), "field") if cells else None
    tag = _tag_of(tag_raw)
    if tag is not None and tag.startswith("#"):
        return None
    names = fields(tag or "")
    rest = {}
    for column, cell in enumerate(cells[1:], start=2):
        name = names if isinstance(names, str) else names.get(column, "value")
        raw = _cell(reader, cell, Ref(order, sheet, row, column), name)
        if raw is not None:
            rest[column] = raw
    if tag_raw is None and not rest:
        return None
    return tag_raw, rest


def _tag_of(raw: Raw | None) -> str | None:
    return raw.value if raw is not None and isinstance(raw.value, str) else None


EDITION_PARSERS: dict[str, Parser] = {
    "edition": _text, "decision": _text, "title": _text, "date": _date, "signer": _text,
    "status": _choice_of(STATUSES), "replaces": _code, "replaced_by": _code,
    "source.file": _text, "source.description": _text, "confidence": _choice_of(CONFIDENCE),
    "confidence_note": _text, "sheets_available": _yes_no,
    "certificate_validity_months": _integer(1, 120),
}
REQUIRED, NULL, OPTIONAL = "required", "null", "optional"
"""An empty cell is reported; written as null; left out."""
TABLE_PARSERS: dict[str, dict[str, tuple[Parser, str]]] = {
    "parts": {"code": (_code, REQUIRED), "name": (_text, REQUIRED),
              "max": (_integer(1, 100), REQUIRED)},
    "star_bands": {"stars": (_integer(1, 5), REQUIRED), "from": (_integer(0, 100), REQUIRED),
                   "below": (_integer(1, 100), OPTIONAL)},
    "recognition": {"stars": (_integer(1, 5), REQUIRED), "certificate": (_yes_no, REQUIRED),
                    "authority": (_text, NULL)},
    "product_groups": {"code": (_code, REQUIRED), "name": (_text, REQUIRED),
                       "product_sets": (_codes, OPTIONAL)},
    "amendments": {"decision": (_text, REQUIRED), "date": (_date, REQUIRED),
                   "summary": (_text, REQUIRED)},
    "untranscribed_sets": {"code": (_code, REQUIRED), "name": (_text, REQUIRED)},
}


def _read_edition(reader: _Reader, rows: list[tuple[int, list[Any]]], order: int,
                  data: dict[str, Any]) -> None:
    sheet = EDITION_SHEET
    top = Ref(order, sheet, 1, 1)
    seen: dict[str, Ref] = {}
    columns: dict[str, dict[int, str]] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    source: dict[str, Any] = {}
    data["replaces"] = []
    def fields(tag: str) -> str | dict[int, str]:
        if tag in columns:
            return columns[tag]
        return tag if tag in EDITION_PARSERS else "field"

    for number, cells in rows:
        got = _tagged(reader, cells, number, order, sheet, fields)
        if got is None:
            continue
        tag_raw, values = got
        tag = _tag_of(tag_raw)
        if tag is None:
            where = tag_raw.ref if tag_raw else Ref(order, sheet, number, 1)
            if tag_raw is None or tag_raw.value is not FAILED:
                reader.add(where, "field", "expected a field name in column A (or # for a "
                           f"heading row), got {_shown(tag_raw.value if tag_raw else None)}")
            continue
        if tag.startswith("[") and tag.endswith("]") and tag[1:-1] in TABLE_PARSERS:
            name = tag[1:-1]
            _table_columns(reader, name, values, columns, Ref(order, sheet, number, 1))
            continue
        if tag in TABLE_PARSERS:
            if tag not in columns:
                reader.add(Ref(order, sheet, number, 1), "field", f"expected the row "
                           f"[{tag}] naming the columns above the rows of '{tag}', got none",
                           structural=True)
                continue
            _table_row(reader, tag, values, columns[tag], tables, Ref(order, sheet, number, 1))
            continue
        if tag not in EDITION_PARSERS:
            known = ", ".join([t for t, _ in EDITION_ROWS] + [f"[{t}]" for t in TABLE_PARSERS])
            reader.add(Ref(order, sheet, number, 1), "field", f"expected one of {known}, got "
                       f"{_shown(tag)}")
            continue
        values.pop(2, None)  # the label
        if len(values) > 1:
            cells_shown = ", ".join(raw.ref.coordinate for raw in values.values())
            reader.add(Ref(order, sheet, number, 3), tag, "expected one value in column C, "
                       f"got values in {cells_shown}")
            continue
        raw = next(iter(values.values()), None)
        at = raw.ref if raw else Ref(order, sheet, number, 3)
        if tag in EDITION_LISTS:
            if raw is not None:
                reader.cells[(tag, len(data[tag]))] = (raw.ref, tag)
                reader.mark((tag,), raw.ref, tag)
                data[tag].append(_parse(reader, raw, tag, EDITION_PARSERS[tag]))
            continue
        if tag in seen:
            reader.add(at, tag, f"expected one row '{tag}', got another (first at "
                       f"{seen[tag]})")
            continue
        seen[tag] = at
        if tag.startswith("source."):
            reader.mark(("source",), at, tag)
            reader.put(source, tag.removeprefix("source."), ("source",), raw, tag,
                       EDITION_PARSERS[tag], required=True, at=at)
        else:
            reader.put(data, tag, (), raw, tag, EDITION_PARSERS[tag],
                       required=tag in EDITION_REQUIRED, null=tag == "replaced_by", at=at)
    for tag in EDITION_REQUIRED:
        if tag not in seen:
            reader.add(top, tag, f"expected a row '{tag}' (column A) with its value in column "
                       "C, got none", structural=True)
    for name in REQUIRED_TABLES:
        if name not in columns:
            reader.add(top, name, f"expected the table [{name}] (a row with [{name}] in "
                       "column A naming its columns), got none", structural=True)
    data["source"] = source
    for name in TABLE_PARSERS:
        if name in tables or name in REQUIRED_TABLES:
            data[name] = tables.get(name, [])


def _table_columns(reader: _Reader, name: str, values: dict[int, Raw],
                   columns: dict[str, dict[int, str]], ref: Ref) -> None:
    if name in columns:
        reader.add(ref, "field", f"expected one row [{name}], got another", structural=True)
        return
    expected = TABLE_PARSERS[name]
    found: dict[int, str] = {}
    for column, raw in values.items():
        if raw.value in expected and raw.value not in found.values():
            found[column] = raw.value
        else:
            reader.add(raw.ref, "field", f"expected one of the columns of [{name}] ("
                       f"{', '.join(expected)}), got {_shown(raw.value)}", structural=True)
    for field_name in expected:
        if field_name not in found.values():
            reader.add(ref, field_name, f"expected a column '{field_name}' in the row "
                       f"[{name}], got none", structural=True)
    columns[name] = found


def _table_row(reader: _Reader, name: str, values: dict[int, Raw], columns: dict[int, str],
               tables: dict[str, list[dict[str, Any]]], ref: Ref) -> None:
    rows = tables.setdefault(name, [])
    path: KeyPath = (name, len(rows))
    if not rows:
        reader.mark((name,), ref, "field")
    reader.mark(path, ref, name)
    record: dict[str, Any] = {}
    by_field = {}
    for column, raw in values.items():
        if column not in columns:
            reader.add(raw.ref, "value", f"expected nothing in a column without a field name "
                       f"in the row [{name}], got {_shown(raw.value)}")
        else:
            by_field[columns[column]] = raw
    for field_name, (parse, mode) in TABLE_PARSERS[name].items():
        column = next((c for c, f in columns.items() if f == field_name), ref.column)
        reader.put(record, field_name, path, by_field.get(field_name), field_name, parse,
                   required=mode == REQUIRED, null=mode == NULL,
                   at=Ref(ref.order, ref.sheet, ref.row, column))
    if name == "product_groups" and record.get("product_sets") is None:
        record["product_sets"] = []
    rows.append(record)


# --- Product set sheets -----------------------------------------------------------------------


PARSERS: dict[str, Parser] = {
    "part": _code, "group.code": _code, "group.name": _text, "group.max": _integer(1, 100),
    "section.code": _code, "section.name": _text, "section.max": _integer(1, 100),
    "criterion.code": _code, "criterion.name": _text, "description": _text,
    "requirement": _text, "criterion.max": _integer(1, 100), "yes_no": _yes_no,
    "applies_if.text": _text, "applies_if.criterion": _code, "applies_if.options": _numbers,
    "cases_text": _text, "case.key": _code, "case.name": _text, "option.text": _text,
    "marker": _marker, "note.kind": _choice_of(NOTE_KINDS),
    "note.scope": _choice_of(GATE_SCOPES), "note.derived": _choice_of(GATE_TRIGGERS),
    "note.text": _text,
}
INFO_PARSERS: dict[str, Parser] = {
    "sheet": _integer(1, 999), "name": _text, "category": _text, "managing_agency": _text,
    "rejection_rules": _text, "sheet_notes": _text, "transcription_notes": _text,
    "sum_notes": _text,
}


def _read_product_set(reader: _Reader, sheet: str, rows: list[tuple[int, list[Any]]],
                      order: int, path: KeyPath) -> dict[str, Any] | None:
    top = Ref(order, sheet, 1, 1)
    if not any(cell.value is not None for _, cells in rows for cell in cells):
        return None  # an empty sheet (or one too big, reported): nothing to read
    header = next((n for n, cells in rows[:20]
                   if any(c.value == "criterion.code" for c in cells)), None)
    if header is None:
        reader.add(top, "sheet", f"expected the row of field names ({', '.join(FIELDS[:3])}, …) "
                   "in the first 20 rows of a product set's sheet, got none", structural=True)
        return None
    columns: dict[int, str] = {}
    for column, cell in enumerate(rows[header - 1][1], start=1):
        raw = _cell(reader, cell, Ref(order, sheet, header, column), "field")
        if raw is None or raw.value is FAILED:
            continue
        if raw.value in FIELDS and raw.value not in columns.values():
            columns[column] = raw.value
        else:
            reader.add(raw.ref, "field", f"expected one of the field names ({', '.join(FIELDS)})"
                       f" once, got {_shown(raw.value)}", structural=True)
    missing = [f for f in FIELDS if f not in columns.values()]
    for field_name in missing:
        heading = next(c.heading for c in TABLE if c.field == field_name)
        reader.add(Ref(order, sheet, header, 1), field_name, f"expected a column "
                   f"'{field_name}' ({heading}) in the field-name row {header}, got none",
                   structural=True)
    if missing:
        return None
    product_set: dict[str, Any] = {"code": sheet}
    reader.mark(path, top, "sheet name")
    reader.cells[(*path, "code")] = (top, "sheet name")
    end = next((n for n, cells in rows[header:]
                if isinstance(cells[0].value, str) and cells[0].value.strip().startswith("#")),
               None)
    table = [r for r in rows[header:] if end is None or r[0] < end]
    info = [r for r in rows if end is not None and r[0] > end]
    if end is None:
        reader.add(Ref(order, sheet, rows[-1][0] + 1, 1), "sheet", f"expected the block "
                   f"{INFO_TITLE} after the table (a row with # in column A, then the rows "
                   "sheet, name, category, managing_agency, …), got none", structural=True)
    _read_info(reader, info, order, sheet, path, product_set,
               Ref(order, sheet, end or 1, 1))
    parts = _read_table(reader, table, order, sheet, path, columns,
                        Ref(order, sheet, header, next(c for c, f in columns.items()
                                                       if f == "part")))
    product_set["parts"] = parts
    _attach_sum_notes(reader, product_set, path)
    return product_set


SUM_NOTE = re.compile(r"([A-Z]):\s*(\S.*)", re.DOTALL)


def _attach_sum_notes(reader: _Reader, product_set: dict[str, Any], path: KeyPath) -> None:
    """Move each ``sum_notes`` item (``A: …``) to its part as ``sum_note``."""
    notes = product_set.pop("sum_notes", [])
    by_code = {part.get("part"): (j, part) for j, part in enumerate(product_set["parts"])}
    for n, note in enumerate(notes):
        ref, _ = reader.cells.pop((*path, "sum_notes", n), (Ref(0, "", 1, 1), ""))
        if not isinstance(note, str):
            continue  # refused by its parser already
        match = SUM_NOTE.fullmatch(note.strip())
        if match is None or match[1] not in by_code:
            codes = ", ".join(str(c) for c in by_code if c)
            reader.add(ref, "sum_notes", f"expected a part code of this sheet ({codes}), a "
                       f"colon and the note, got {_shown(note)}")
            continue
        j, part = by_code[match[1]]
        if "sum_note" in part:
            reader.add(ref, "sum_notes", f"expected one note for part {match[1]}, got another")
            continue
        part["sum_note"] = match[2]
        reader.cells[(*path, "parts", j, "sum_note")] = (ref, "sum_notes")


def _read_info(reader: _Reader, rows: list[tuple[int, list[Any]]], order: int, sheet: str,
               path: KeyPath, product_set: dict[str, Any], marker: Ref) -> None:
    seen: dict[str, Ref] = {}
    lists: dict[str, list[Any]] = {name: [] for name in INFO_LISTS}
    for number, cells in rows:
        got = _tagged(reader, cells, number, order, sheet,
                      lambda tag: tag if tag in INFO_PARSERS else "value")
        if got is None:
            continue
        tag_raw, values = got
        tag = _tag_of(tag_raw)
        if tag not in INFO_PARSERS:
            if tag_raw is None or tag_raw.value is not FAILED:
                reader.add(tag_raw.ref if tag_raw else Ref(order, sheet, number, 1), "field",
                           f"expected one of {', '.join(INFO_PARSERS)} (or # for a heading "
                           f"row) in column A, got {_shown(tag)}")
            continue
        values.pop(2, None)  # the label
        if len(values) > 1:
            cells_shown = ", ".join(raw.ref.coordinate for raw in values.values())
            reader.add(Ref(order, sheet, number, INFO_VALUE_COLUMN), tag, "expected one "
                       f"value, got values in {cells_shown}")
            continue
        raw = next(iter(values.values()), None)
        at = raw.ref if raw else Ref(order, sheet, number, INFO_VALUE_COLUMN)
        if tag in INFO_LISTS:
            if raw is not None:
                reader.cells[(*path, tag, len(lists[tag]))] = (raw.ref, tag)
                reader.mark((*path, tag), raw.ref, tag)
                lists[tag].append(_parse(reader, raw, tag, INFO_PARSERS[tag]))
            continue
        if tag in seen:
            reader.add(at, tag, f"expected one row '{tag}', got another (first at "
                       f"{seen[tag]})")
            continue
        seen[tag] = at
        reader.put(product_set, tag, path, raw, tag, INFO_PARSERS[tag], at=at)
    for tag, _ in INFO_ROWS:
        if tag not in seen and tag not in INFO_LISTS:
            reader.add(marker, tag, f"expected a row '{tag}' in the block {INFO_TITLE}, got "
                       "none", structural=True)
    product_set["rejection_rules"] = lists["rejection_rules"]
    for name in ("sheet_notes", "transcription_notes", "sum_notes"):
        if lists[name]:
            product_set[name] = lists[name]


def _read_table(reader: _Reader, rows: list[tuple[int, list[Any]]], order: int, sheet: str,
                path: KeyPath, columns: dict[int, str], heading: Ref) -> list[dict[str, Any]]:
    """The parts of a product set from its option rows."""
    parts: list[dict[str, Any]] = []
    reader.mark((*path, "parts"), heading, "part")
    group: dict[str, Any] | None = None
    group_path: KeyPath = ()
    section: dict[str, Any] | None = None
    section_path: KeyPath = ()
    criterion: dict[str, Any] | None = None
    criterion_path: KeyPath = ()
    criterion_max: int | None = None
    case: dict[str, Any] | None = None
    case_path: KeyPath = ()
    for number, cells in rows:
        row: Row = {}
        for column, raw in _non_empty(reader, cells, number, order, sheet, columns).items():
            if column in columns:
                row[columns[column]] = raw
            else:
                reader.add(raw.ref, "value", "expected nothing in a column without a field "
                           f"name in row {heading.row}, got {_shown(raw.value)}")
        if not row:
            continue
        if "part" in row:
            part_path: KeyPath = (*path, "parts", len(parts))
            part: dict[str, Any] = {}
            reader.put(part, "part", part_path, row["part"], "part", _code)
            reader.mark(part_path, row["part"].ref, "part")
            reader.mark((*part_path, "groups"), row["part"].ref, "group.max")
            part["groups"] = []
            parts.append(part)
            group = section = criterion = case = None
            if "group.code" not in row:
                reader.add(_ref_of(row, "part", columns, number, order, sheet, "group.code"),
                           "group.code", "expected the code of the part's first group on the "
                           "part's first row, got nothing")
        if "group.code" in row:
            if not parts:
                reader.add(row["group.code"].ref, "part", "expected the part (A, B, C) on the "
                           "first row of the table, got nothing")
                parts.append({"part": None, "groups": []})
            groups = parts[-1]["groups"]
            group_path = (*path, "parts", len(parts) - 1, "groups", len(groups))
            group = {}
            raw = row["group.code"]
            reader.put(group, "code", group_path, raw, "group.code", _code)
            reader.mark(group_path, raw.ref, "group.code")
            reader.mark((*group_path, "criteria"), raw.ref, "group.code")
            for key in ("name", "max"):
                reader.put(group, key, group_path, row.get(f"group.{key}"), f"group.{key}",
                           PARSERS[f"group.{key}"], at=_ref_of(row, "group.code", columns,
                                                               number, order, sheet,
                                                               f"group.{key}"))
            group["criteria"] = []
            groups.append(group)
            section = criterion = case = None
            if "criterion.code" not in row:
                reader.add(_ref_of(row, "group.code", columns, number, order, sheet,
                                   "criterion.code"), "criterion.code", "expected the code of "
                           "the group's first criterion on the group's first row, got nothing")
        else:
            for name in GROUP_FIELDS:
                if name in row:
                    reader.add(row[name].ref, name, "expected nothing here: group fields go "
                               "on the group's first row, where group.code is, got "
                               f"{_shown(row[name].value)}")
        if "criterion.code" in row:
            if group is None:
                reader.add(row["criterion.code"].ref, "group.code", "expected a group before "
                           "the first criterion (group.code on the first row), got nothing")
                continue
            entries = group["criteria"]
            if "section.code" in row:
                code_raw = row["section.code"]
                code = _code(reader, code_raw, "section.code") \
                    if code_raw.value is not FAILED else None
                if section is not None and code is not None and section.get("code") == code \
                        and entries and entries[-1] is section:
                    for name in SECTION_FIELDS:
                        key = name.removeprefix("section.")
                        if name in row and _parsed(reader, row[name], name) != section.get(key):
                            reader.add(row[name].ref, name, f"expected nothing (or the value "
                                       f"on the section's first criterion), got "
                                       f"{_shown(row[name].value)}")
                else:
                    section_path = (*group_path, "criteria", len(entries))
                    section = {"code": code}
                    reader.cells[(*section_path, "code")] = (code_raw.ref, "section.code")
                    reader.mark(section_path, code_raw.ref, "section.code")
                    reader.mark((*section_path, "criteria"), code_raw.ref, "section.code")
                    for key in ("name", "max"):
                        reader.put(section, key, section_path, row.get(f"section.{key}"),
                                   f"section.{key}", PARSERS[f"section.{key}"],
                                   at=_ref_of(row, "section.code", columns, number, order,
                                              sheet, f"section.{key}"))
                    section["criteria"] = []
                    entries.append(section)
                holder = section["criteria"]
                criterion_path = (*section_path, "criteria", len(holder))
            else:
                section = None
                for name in SECTION_FIELDS:
                    if name in row:
                        reader.add(row[name].ref, name, "expected nothing without a "
                                   f"section.code, got {_shown(row[name].value)}")
                holder = entries
                criterion_path = (*group_path, "criteria", len(holder))
            criterion, case = _criterion_start(reader, row, criterion_path, columns, number,
                                               order, sheet), None
            criterion_max = criterion["max"] if isinstance(criterion.get("max"), int) else None
            holder.append(criterion)
        else:
            for name in ("section.code", *SECTION_FIELDS, *CRITERION_FIELDS):
                if name in row:
                    reader.add(row[name].ref, name, "expected nothing on a row that continues "
                               "a criterion: its fields go on its first row, where "
                               f"criterion.code is, got {_shown(row[name].value)}")
        if criterion is None:
            first = next(iter(row.values()))
            reader.add(first.ref, "criterion.code", "expected a criterion (criterion.code) "
                       "on this row or above, got nothing")
            continue
        if "case.key" in row:
            cases = criterion.setdefault("cases", [])
            case_path = (*criterion_path, "cases", len(cases))
            case = {}
            reader.put(case, "key", case_path, row["case.key"], "case.key", _code)
            reader.mark(case_path, row["case.key"].ref, "case.key")
            reader.mark((*criterion_path, "cases"), row["case.key"].ref, "case.key")
            reader.mark((*case_path, "options"), row["case.key"].ref, "case.key")
            reader.put(case, "name", case_path, row.get("case.name"), "case.name", _text,
                       at=_ref_of(row, "case.key", columns, number, order, sheet, "case.name"))
            case["options"] = []
            cases.append(case)
        elif "case.name" in row:
            reader.add(row["case.name"].ref, "case.name", "expected the case's letter "
                       "(case.key) beside its name, got nothing")
        if any(name in row for name in OPTION_FIELDS):
            if case is not None:
                options = case["options"]
                option_path: KeyPath = (*case_path, "options", len(options))
            else:
                options = criterion.setdefault("options", [])
                option_path = (*criterion_path, "options", len(options))
                reader.mark((*criterion_path, "options"), _first_ref(row, OPTION_FIELDS),
                            "option.text")
            option: dict[str, Any] = {}
            anchor = _first_ref(row, OPTION_FIELDS)
            reader.mark(option_path, anchor, "option.text")
            reader.put(option, "text", option_path, row.get("option.text"), "option.text",
                       _text, at=_ref_of(row, None, columns, number, order, sheet,
                                         "option.text"))
            limit = criterion_max if criterion_max is not None else 100
            what = " (the criterion's max)" if criterion_max is not None else ""
            reader.put(option, "points", option_path, row.get("points"), "points",
                       _integer(0, limit, what),
                       at=_ref_of(row, None, columns, number, order, sheet, "points"))
            reader.put(option, "marker", option_path, row.get("marker"), "marker", _marker,
                       required=False)
            options.append(option)
        if any(name in row for name in NOTE_FIELDS):
            notes = criterion.setdefault("notes", [])
            note_path: KeyPath = (*criterion_path, "notes", len(notes))
            reader.mark((*criterion_path, "notes"), _first_ref(row, NOTE_FIELDS), "note.kind")
            reader.mark(note_path, _first_ref(row, NOTE_FIELDS), "note.kind")
            note: dict[str, Any] = {}
            for name in NOTE_FIELDS:
                key = name.removeprefix("note.")
                reader.put(note, key, note_path, row.get(name), name, PARSERS[name],
                           required=key in ("kind", "text") or (
                               key == "scope" and note.get("kind") == "gate"),
                           at=_ref_of(row, None, columns, number, order, sheet, name))
            notes.append(note)
    return parts


def _parse(reader: _Reader, raw: Raw, field: str, parse: Parser) -> Any:
    """The parsed value of a cell, ``None`` when it is unusable (already reported)."""
    return None if raw.value is FAILED else parse(reader, raw, field)


def _parsed(reader: _Reader, raw: Raw, field: str) -> Any:
    return _parse(reader, raw, field, PARSERS[field])


def _first_ref(row: Row, fields: Sequence[str]) -> Ref:
    return next(row[f].ref for f in fields if f in row)


def _ref_of(row: Row, anchor: str | None, columns: dict[int, str], number: int, order: int,
            sheet: str, field: str) -> Ref:
    """The cell of ``field`` on this row (for a problem about an empty cell)."""
    if field in row:
        return row[field].ref
    column = next((c for c, f in columns.items() if f == field), None)
    if column is None and anchor is not None and anchor in row:
        return row[anchor].ref
    return Ref(order, sheet, number, column or 1)


def _criterion_start(reader: _Reader, row: Row, path: KeyPath, columns: dict[int, str],
                     number: int, order: int, sheet: str) -> dict[str, Any]:
    raw = row["criterion.code"]
    criterion: dict[str, Any] = {}
    reader.put(criterion, "code", path, raw, "criterion.code", _code)
    reader.mark(path, raw.ref, "criterion.code")

    def at(field_name: str) -> Ref:
        return _ref_of(row, "criterion.code", columns, number, order, sheet, field_name)

    reader.put(criterion, "name", path, row.get("criterion.name"), "criterion.name", _text,
               at=at("criterion.name"))
    for key in ("description", "requirement"):
        reader.put(criterion, key, path, row.get(key), key, _text, required=False)
    reader.put(criterion, "max", path, row.get("criterion.max"), "criterion.max",
               PARSERS["criterion.max"], at=at("criterion.max"))
    condition = ("applies_if.text", "applies_if.criterion", "applies_if.options")
    if any(name in row for name in condition):
        applies: dict[str, Any] = {}
        apath: KeyPath = (*path, "applies_if")
        reader.mark(apath, _first_ref(row, condition), "applies_if.text")
        for name in condition:
            reader.put(applies, name.removeprefix("applies_if."), apath, row.get(name), name,
                       PARSERS[name], at=at(name))
        criterion["applies_if"] = applies
    if "yes_no" in row:
        value = None if row["yes_no"].value is FAILED else _yes_no(reader, row["yes_no"],
                                                                    "yes_no")
        reader.cells[(*path, "yes_no")] = (row["yes_no"].ref, "yes_no")
        if value is not False:
            criterion["yes_no"] = value
    reader.put(criterion, "cases_text", path, row.get("cases_text"), "cases_text", _text,
               required=False)
    return criterion


# --- Writing the YAML -------------------------------------------------------------------------


_RESOLVER = Resolver()
_PLAIN_START = re.compile(r"[\w(«“]")
QUOTED_KEYS = ("code", "part", "criterion", "marker", "key")


def _plain(text: str, flow: bool) -> bool:
    """Whether ``text`` can be written as a plain YAML scalar and read back as the same text."""
    if not text or text != text.strip() or not _PLAIN_START.match(text):
        return False
    if any(ch in text for ch in "\n\t\r\x85\u2028\u2029\ufeff") or ": " in text or " #" in text:
        return False
    if text.endswith(":") or (flow and any(ch in text for ch in ",[]{}")):
        return False
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


def _scalar(value: Any, *, flow: bool = False, quote: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if not quote and _plain(text, flow):
        return text
    escaped = json.dumps(text, ensure_ascii=False)
    return escaped.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace(
        "\x85", "\\x85").replace("\ufeff", "\\ufeff")


def _comment(text: str) -> str:
    return " ".join(printable(text).split())


class _Yaml:
    """Builds the edition YAML line by line, remembering the key path on each line."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.paths: dict[int, KeyPath] = {}

    def line(self, text: str, path: KeyPath | None = None) -> None:
        self.lines.append(text)
        if path is not None:
            self.paths[len(self.lines)] = path

    def pair(self, indent: str, key: str, value: Any, path: KeyPath, *,
             quote: bool = False) -> None:
        self.line(f"{indent}{key}: {_scalar(value, quote=quote)}", (*path, key))

    def flow_list(self, indent: str, key: str, values: Any, path: KeyPath) -> None:
        items = values if isinstance(values, list) else []
        shown = ", ".join(_scalar(v, flow=True) for v in items)
        self.line(f"{indent}{key}: [{shown}]" if isinstance(values, list) else
                  f"{indent}{key}: {_scalar(values)}", (*path, key))

    def flow_map(self, indent: str, record: dict[str, Any], path: KeyPath) -> None:
        shown = ", ".join(f"{k}: {_scalar(v, flow=True, quote=k in QUOTED_KEYS)}"
                          for k, v in record.items())
        self.line(f"{indent}- {{{shown}}}", path)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def edition_yaml(data: dict[str, Any], source_name: str) -> _Yaml:
    """The edition data as YAML laid out like the hand-kept files."""
    out = _Yaml()
    out.line(f"# Bộ tiêu chí OCOP theo văn bản {_comment(str(data.get('decision') or '…'))}.")
    out.line(f"# Tạo bằng «ocopkit criteria import» từ bảng tính {_comment(source_name)}; "
             "có thể sửa tiếp bằng tay.")
    out.line("# Định dạng: docs/developers/criteria-format.md.")
    out.line("")
    for key in ("edition", "decision", "title", "date", "signer", "status"):
        out.pair("", key, data.get(key), ())
    out.flow_list("", "replaces", data.get("replaces", []), ())
    out.pair("", "replaced_by", data.get("replaced_by"), ())
    if data.get("amendments"):
        out.line("amendments:", ("amendments",))
        for i, item in enumerate(data["amendments"]):
            prefix = "  - "
            for key, value in item.items():
                out.line(f"{prefix}{key}: {_scalar(value)}", ("amendments", i, key))
                prefix = "    "
    out.line("source:", ("source",))
    for key, value in data.get("source", {}).items():
        out.pair("  ", key, value, ("source",))
    out.pair("", "confidence", data.get("confidence"), ())
    if data.get("confidence_note") is not None:
        out.pair("", "confidence_note", data["confidence_note"], ())
    out.pair("", "sheets_available", data.get("sheets_available"), ())
    for key in ("parts", "star_bands", "recognition"):
        _flow_records(out, key, data.get(key, []))
    out.pair("", "certificate_validity_months", data.get("certificate_validity_months"), ())
    groups = data.get("product_groups", [])
    out.line("product_groups:" + ("" if groups else " []"), ("product_groups",))
    for i, g in enumerate(groups):
        path: KeyPath = ("product_groups", i)
        out.line(f"  - code: {_scalar(g.get('code'), quote=True)}", (*path, "code"))
        out.pair("    ", "name", g.get("name"), path)
        out.flow_list("    ", "product_sets", g.get("product_sets"), path)
    if data.get("untranscribed_sets"):
        _flow_records(out, "untranscribed_sets", data["untranscribed_sets"])
    sets = data.get("product_sets", [])
    out.line("product_sets:" + ("" if sets else " []"), ("product_sets",))
    for i, s in enumerate(sets):
        _product_set_yaml(out, s, ("product_sets", i))
    return out


def _flow_records(out: _Yaml, key: str, records: list[dict[str, Any]]) -> None:
    out.line(f"{key}:" + ("" if records else " []"), (key,))
    for i, record in enumerate(records):
        out.flow_map("  ", record, (key, i))


def _product_set_yaml(out: _Yaml, s: dict[str, Any], path: KeyPath) -> None:
    out.line("")
    out.line(f"  # --- {_comment(str(s.get('code')))} {_comment(str(s.get('name') or ''))} "
             f"(phiếu {_comment(str(s.get('sheet')))}) ---")
    out.line(f"  - code: {_scalar(s['code'], quote=True)}", (*path, "code"))
    for key in ("sheet", "name", "category", "managing_agency"):
        out.pair("    ", key, s.get(key), path)
    for key in ("rejection_rules", "sheet_notes", "transcription_notes"):
        if s.get(key):
            _text_list(out, "    ", key, s[key], path)
    out.line("    parts:", (*path, "parts"))
    for j, part in enumerate(s.get("parts", [])):
        ppath: KeyPath = (*path, "parts", j)
        out.line(f"      - part: {_scalar(part.get('part'), quote=True)}", (*ppath, "part"))
        if part.get("sum_note") is not None:
            out.pair("        ", "sum_note", part["sum_note"], ppath)
        out.line("        groups:", (*ppath, "groups"))
        for k, group in enumerate(part.get("groups", [])):
            gpath: KeyPath = (*ppath, "groups", k)
            out.line(f"          - code: {_scalar(group.get('code'), quote=True)}",
                     (*gpath, "code"))
            out.pair("            ", "name", group.get("name"), gpath)
            out.pair("            ", "max", group.get("max"), gpath)
            out.line("            criteria:", (*gpath, "criteria"))
            for m, entry in enumerate(group.get("criteria", [])):
                _entry_yaml(out, entry, (*gpath, "criteria", m), "              ")


def _text_list(out: _Yaml, indent: str, key: str, items: list[Any], path: KeyPath) -> None:
    out.line(f"{indent}{key}:" + ("" if items else " []"), (*path, key))
    for n, item in enumerate(items):
        out.line(f"{indent}  - {_scalar(item)}", (*path, key, n))


def _entry_yaml(out: _Yaml, entry: dict[str, Any], path: KeyPath, indent: str) -> None:
    """A criterion, or a section with its sub-criteria."""
    out.line(f"{indent}- code: {_scalar(entry.get('code'), quote=True)}", (*path, "code"))
    inner = indent + "  "
    if "criteria" in entry:
        out.pair(inner, "name", entry.get("name"), path)
        out.pair(inner, "max", entry.get("max"), path)
        out.line(f"{inner}criteria:", (*path, "criteria"))
        for n, child in enumerate(entry["criteria"]):
            _entry_yaml(out, child, (*path, "criteria", n), inner + "  ")
        return
    for key in ("name", "description", "requirement", "max"):
        if key in entry:
            out.pair(inner, key, entry[key], path)
    if "applies_if" in entry:
        cond = entry["applies_if"]
        apath: KeyPath = (*path, "applies_if")
        out.line(f"{inner}applies_if:", apath)
        out.pair(inner + "  ", "text", cond.get("text"), apath)
        out.pair(inner + "  ", "criterion", cond.get("criterion"), apath, quote=True)
        out.flow_list(inner + "  ", "options", cond.get("options"), apath)
    if "yes_no" in entry:
        out.pair(inner, "yes_no", entry["yes_no"], path)
    if "cases_text" in entry:
        out.pair(inner, "cases_text", entry["cases_text"], path)
    if "cases" in entry:
        out.line(f"{inner}cases:", (*path, "cases"))
        for n, case in enumerate(entry["cases"]):
            cpath: KeyPath = (*path, "cases", n)
            out.line(f"{inner}  - key: {_scalar(case.get('key'), quote=True)}", (*cpath, "key"))
            out.pair(inner + "    ", "name", case.get("name"), cpath)
            _options_yaml(out, case.get("options", []), cpath, inner + "    ")
    if "options" in entry:
        _options_yaml(out, entry["options"], path, inner)
    if "notes" in entry:
        out.line(f"{inner}notes:", (*path, "notes"))
        for n, note in enumerate(entry["notes"]):
            npath: KeyPath = (*path, "notes", n)
            prefix = f"{inner}  - "
            for key, value in note.items():
                out.line(f"{prefix}{key}: {_scalar(value)}", (*npath, key))
                prefix = f"{inner}    "


def _options_yaml(out: _Yaml, options: list[dict[str, Any]], path: KeyPath,
                  indent: str) -> None:
    out.line(f"{indent}options:", (*path, "options"))
    for n, option in enumerate(options):
        opath: KeyPath = (*path, "options", n)
        out.line(f"{indent}  - text: {_scalar(option.get('text'))}", (*opath, "text"))
        out.pair(indent + "    ", "points", option.get("points"), opath)
        if "marker" in option:
            out.pair(indent + "    ", "marker", option["marker"], opath, quote=True)


# --- Importing --------------------------------------------------------------------------------


def import_workbook(source: Path, out: Path, *, force: bool = False,
                    shown: str | None = None) -> Edition:
    """Read the workbook ``source``, write its edition as YAML at ``out`` and return it.

    The YAML goes to a temporary file beside ``out``, is validated there with the project's
    validator and only then renamed to ``out``; an existing ``out`` is replaced only with
    ``force``. Every problem (of a cell, of the workbook, or of the YAML when it cannot be
    traced to a cell) is raised at once in a :class:`SpreadsheetError`.
    """
    shown = shown or str(source)
    if out.suffix != ".yml" or out.name.startswith(("_", ".")):
        raise SpreadsheetError([f"{printable(str(out))}: expected an edition file name ending "
                                "in .yml and not starting with _ (such as "
                                "docs/criteria/qd-xx-2027.yml), got "
                                f"'{printable(out.name)}'"])
    _check_destination(out, force, what="edition")
    data, reader = read_workbook(source, shown=shown)
    if reader.structural:
        raise SpreadsheetError(report(reader.problems))
    text = edition_yaml(data, Path(shown).name)
    tmp = _temporary(out)
    try:
        try:
            tmp.write_text(text.text(), encoding="utf-8")
        except OSError as err:
            raise SpreadsheetError([f"{printable(str(out))}: cannot write the file: "
                                    f"{err.strerror or err}"]) from None
        edition, problems = check_edition_file(tmp, display_path=str(out))
        traced, later = _traced(reader, text, problems)
        found = reader.problems + traced
        if found:
            raise SpreadsheetError(report(found, tail=(
                "nothing was written (checks of totals and references follow once these are "
                "fixed)." if later else "nothing was written.")))
        assert edition is not None
        _publish(tmp, out, force)
    finally:
        tmp.unlink(missing_ok=True)
    return edition


_SEGMENT = re.compile(r"(\[\d+\]|\.?[^.\[]+)$")
_FIRST_AT = re.compile(r"\(first at line (\d+)\)")


def _traced(reader: _Reader, text: _Yaml,
            problems: list[Problem]) -> tuple[list[CellProblem], int]:
    """The validator's problems about the written YAML, each at the cell its value came from;
    those that cannot be traced keep their YAML key path. With problems of cells already
    found, only the validator's problems about one other cell are kept (a problem about a
    total or a reference may follow from a refused cell): return them and how many were
    left for the next run."""
    by_path = {format_path(keys): where for keys, where in reader.cells.items()}
    anchors = {format_path(keys) for keys in reader.anchors}
    out, later = [], 0
    for problem in problems:
        message = _FIRST_AT.sub(lambda m: _line_cell(reader, text, int(m[1])), problem.message)
        probe = problem.key_path
        while probe and probe not in by_path:
            probe = _SEGMENT.sub("", probe)
        if reader.problems and (not probe or probe != problem.key_path or probe in anchors):
            later += 1
            continue
        if not probe:
            where = problem.key_path or f"line {problem.line}"
            out.append(CellProblem(reader.shown, None, where, message))
            continue
        ref, field_name = by_path[probe]
        if ref not in reader.bad:
            out.append(CellProblem(reader.shown, ref, field_name, message))
    return out, later


def _line_cell(reader: _Reader, text: _Yaml, line: int) -> str:
    keys = text.paths.get(line)
    where = reader.cells.get(keys) if keys is not None else None
    return f"(first at {where[0]})" if where else f"(first at line {line} of the YAML)"
