#!/usr/bin/env python3
"""One-off importer: Decision 1048/QĐ-TTg (2019) scoring sheets -> docs/criteria/qd-1048-2019.yml.

Reads the plain-text conversion of a .doc copy of the decision in the shared reference folder
(``shared/reference/sources/qd-1048-2019-QD-TTg.txt``), NFC-normalises it, parses Phụ lục I
(classification, managing ministries) and the scoring sheets of Phụ lục III, applies the
explicit corrections listed below, checks every sheet arithmetically and writes the edition
YAML in the layout of ``docs/developers/criteria-format.md`` (same layout as qd-26-2026.yml).

THE SOURCE IS TRUNCATED. The .doc-to-text conversion turns into binary garbage (Word
formatting tables) in the middle of sheet 11 (line 2726, Phần C, criterion 6.1); sheets 12–26
are not in the text at all. The script detects the truncation point, parses the complete
sheets before it, reports the incomplete sheet and the missing ones (their names are known
from the table of contents of Phụ lục III) and writes only the complete sheets. The
``product_groups`` of the output list only the codes of the sheets that were written (the
validator requires a sheet for every listed code); the full Phụ lục I list is printed in the
report and kept in a comment at the top of the YAML. Given a complete copy of the text
(``--source``), the same parser should handle all 26 sheets, but sheets 12–26 have never
been seen: expect new corrections.

Layout of the text (a .doc table flattened): table cells are separated by `` | ``; sheets 1–3
keep each part on one or two very long lines with every "N Điểm" right after its option;
from sheet 4 on, option texts and their "N Điểm" cells are in separate runs (three "□" lines
followed by a cell "3 Điểm / 1 Điểm / 2 Điểm / 3 Điểm": the criterion maximum, then the
option points in order). Both layouts are read the same way: the text is cut into cells
(tokens); every criterion heading opens a "maximum" slot and every "□" option a "points" slot,
in reading order, and each "N Điểm" token fills the oldest open slot that precedes it.
Every slot must be filled and every number used; the arithmetic checks (criterion max = best
option, group = sum of criteria, parts = 35/25/40) then catch a number that went to the
wrong slot.

Run:

    python scripts/import/qd1048.py [--source PATH] [--output PATH] [--check] [--dump N]

``--check`` parses and verifies without writing; ``--dump N`` prints the parsed sheet N with
its source line numbers. Exit status is non-zero when a verification fails. Python 3.11,
standard library + PyYAML (only used to re-read the generated file). What this importer
shares with ``qd26.py`` (text helpers, corrections, output data, YAML writer, command line)
is in ``common.py`` next to it, which the script imports from its own folder; the folder
name ``import`` is a Python keyword, so it is run as a script, not with ``-m``.

Every manual fix lives in the tables of the "CORRECTIONS" section, keyed by the 1-based line
number in the source file; each entry asserts the exact text it replaces, so a different copy
of the source makes the script stop instead of silently producing different data. Every fix
that is not purely mechanical is written to the product set's ``transcription_notes``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    CRITERIA_DIR,
    RE_C3,
    RE_CRIT,
    RE_GROUP,
    ParseError,
    SheetParserBase,
    arg_parser,
    bad_spacing,
    clean,
    correction_notes,
    duplicate_code_errors,
    find_source,
    join,
    label_notes,
    note_kind,
    option_order_warnings,
    origin_comment,
    part_order_errors,
    product_set_out,
    source_candidates,
    strip_parens,
    write_edition,
)
from common import Source as BaseSource

DEFAULT_SOURCE_CANDIDATES = source_candidates("qd-1048-2019-QD-TTg.txt")
DEFAULT_OUTPUT = CRITERIA_DIR / "qd-1048-2019.yml"

# ---------------------------------------------------------------------------------------
# Edition header (values fixed by the task, not parsed)
# ---------------------------------------------------------------------------------------

AGENCY_NN = "Bộ Nông nghiệp và Phát triển nông thôn"
EDITION = {
    "edition": "qd-1048-2019",
    "decision": "1048/QĐ-TTg",
    # The name line of the decision is printed in capitals ("VỀ VIỆC BAN HÀNH BỘ TIÊU CHÍ
    # ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM", line 2); the same words
    # in sentence case, as in the other edition files. TITLE_LINE checks the wording.
    "title": "Ban hành Bộ tiêu chí đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm",
    "date": dt.date(2019, 8, 21),
    "signer": "Vương Đình Huệ (Phó Thủ tướng, ký thay Thủ tướng)",
    "status": "replaced",
    "replaces": [],
    "replaced_by": "qd-148-2023",
    "source": {
        "file": "qd-1048-2019-QD-TTg.txt",
        "description": "Bản chuyển văn bản (text) từ một bản .doc công khai của Quyết định "
        "1048/QĐ-TTg; chữ chưa chuẩn hóa Unicode, đã chuẩn hóa NFC khi chép.",
    },
    "confidence": "H",
    "confidence_note": "Văn bản quyết định; Phụ lục đã được sửa đổi bởi Quyết định 781/QĐ-TTg "
    "ngày 08/6/2020 mà nội dung sửa đổi chưa có ở đây.",
    "sheets_available": True,
    "parts": [
        {"code": "A", "name": "Sản phẩm và sức mạnh của cộng đồng", "max": 35},
        {"code": "B", "name": "Khả năng tiếp thị", "max": 25},
        {"code": "C", "name": "Chất lượng sản phẩm", "max": 40},
    ],
    "star_bands": [
        {"stars": 1, "min": 0, "max": 29},
        {"stars": 2, "min": 30, "max": 49},
        {"stars": 3, "min": 50, "max": 69},
        {"stars": 4, "min": 70, "max": 89},
        {"stars": 5, "min": 90, "max": 100},
    ],
    "recognition": [
        {"stars": 1, "certificate": False, "authority": None},
        {"stars": 2, "certificate": False, "authority": None},
        {"stars": 3, "certificate": True, "authority": "UBND cấp tỉnh"},
        {"stars": 4, "certificate": True, "authority": "UBND cấp tỉnh"},
        {"stars": 5, "certificate": True, "authority": AGENCY_NN},
    ],
    "certificate_validity_months": 36,
}
PART_MAX = {"A": 35, "B": 25, "C": 40}
TITLE_LINE = (2, "VỀ VIỆC BAN HÀNH BỘ TIÊU CHÍ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM CHƯƠNG TRÌNH "
                 "MỖI XÃ MỘT SẢN PHẨM")

# Ministries named in the "Bộ chủ trì quản lý" column of Phụ lục I (one cell can name
# several, separated by ", "; "Văn hóa, Thể thao và Du lịch" itself contains a comma, hence
# the list instead of a split).
MINISTRIES = ["Nông nghiệp và Phát triển nông thôn", "Công Thương", "Y tế",
              "Khoa học và Công nghệ", "Văn hóa, Thể thao và Du lịch"]

ANNEX_I_LINE = 37  # the whole Phụ lục I table is this one line
ANNEX_III_START = 575  # "PHỤ LỤC III"
TOC_LINE = 578  # table of contents of Phụ lục III: "STT | Nội dung | Trang | …"

# ---------------------------------------------------------------------------------------
# CORRECTIONS
# ---------------------------------------------------------------------------------------
# Each entry: (line, old, new, kind, note[, where])
#   line  1-based line number in the source file
#   old   text that must occur exactly once in that line (the script stops otherwise)
#   new   replacement
#   kind  enc     - a letter garbled by the .doc conversion: a Windows-1258 tone mark left
#                   as a Latin-1 letter ("BÔì" for "BỐ", "TOAÌN" for "TOÀN") or a
#                   lower-case letter inside a word in capitals ("Tổ CHỨC", "PHẩM")
#         code    - a heading code printed without its dot ("b Trường hợp 2")
#         name    - a group/criterion name changed (see the note)
#         points  - a points cell added, removed or changed (see the note)
#         option  - an option missing from the text, added (see the note)
#         punct   - a stray space before punctuation
#         typo    - another obvious typo (see the note)
#   note  Vietnamese explanation for transcription_notes ("" for the kinds summarised
#         automatically per sheet: enc, code, punct)
#   where optional criterion code the note is about, when it is not the criterion in force
#         where the new text stands (a points cell printed under the next criterion)
TEXT_FIXES: list[tuple] = [
    # --- Phụ lục I ------------------------------------------------------------------------
    (37, "Vãn hóa, Thể thao và Du lịch", "Văn hóa, Thể thao và Du lịch", "typo",
     "Phụ lục I in «Bộ chủ trì quản lý» của nhóm VI.1 là «Vãn hóa, Thể thao và Du lịch»; "
     "ghi «Văn hóa»."),
    # --- sheet 1 (one long line per part) ------------------------------------------------
    (591, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–11."),  # 3.2, case a, option 2
    (591, "bảo tồn sản phẩm truyền thông/", "bảo tồn sản phẩm truyền thống/", "typo",
     "lựa chọn 4 in «… gắn với bảo tồn sản phẩm truyền thông/đặc sản/thế mạnh của địa "
     "phương»; ghi «truyền thống» như ở phiếu 3–11."),  # 2.1, option 4
    # --- sheet 2 -----------------------------------------------------------------------------
    (624, "bảo tồn sản phẩm truyền thông/", "bảo tồn sản phẩm truyền thống/", "typo",
     "lựa chọn 4 in «… gắn với bảo tồn sản phẩm truyền thông/đặc sản/thế mạnh của địa "
     "phương»; ghi «truyền thống» như ở phiếu 3–11."),  # 2.1, option 4
    (624, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–11."),  # 3.2, case a, option 2
    # --- sheet 3 -----------------------------------------------------------------------------
    (659, "(Ban giám đốc, HĐQT, 2 Điểm HĐTV)", "(Ban giám đốc, HĐQT, HĐTV)", "points",
     "trong lời lựa chọn a2 «(Ban giám đốc, HĐQT, 2 Điểm HĐTV)» có một ô «2 Điểm» lạc vào "
     "giữa chữ; đã bỏ (điểm 2 của lựa chọn này được in riêng ngay sau lời lựa chọn)."),
    (659, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–11."),  # 3.2, case a, option 2
    (659, "b Trường hợp 2:", "b. Trường hợp 2:", "code", ""),  # 3.2
    (665, "8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM |", "8. TÍNH ĐỘC ĐÁO |", "name",
     "tên nhóm in «CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM» (trùng tên nhóm 9 ngay sau) nhưng mô "
     "tả «(Chất lượng: Có nét riêng, khác biệt, không lẫn với sản phẩm khác, …)» và các lựa "
     "chọn «Trung bình / Tương đối độc đáo / Độc đáo / Rất độc đáo» là của tiêu chí tính độc "
     "đáo (cùng nội dung với nhóm 8 «TÍNH ĐỘC ĐÁO» ở phiếu 1, 4); ghi tên «TÍNH ĐỘC ĐÁO». "
     "Cần đối chiếu Công báo."),
    # --- sheet 4 -----------------------------------------------------------------------------
    (780, "4. TIẾP THEO", "4. TIẾP THỊ", "name",
     "tên nhóm in «TIẾP THEO»; ghi «TIẾP THỊ» như ở mọi phiếu khác (bản chép có chỗ đổi "
     "«thị» thành «THEO», xem cả phiếu 5, nhóm 10)."),
    (903, "| 3 điểm", "| 2 điểm", "points",
     "ô điểm tối đa của 9.1 (ô đầu tiên của dãy «3 điểm / 0 / 1 / 2 / 3 / 0 / 1 / 2 / 3» in "
     "sau 9.2) ghi «3 điểm», trong khi 9.1 chỉ có ba lựa chọn 0, 1, 2 điểm và với 3 thì Phần "
     "C thành 41 điểm; ghi 2 (9.1 được 2 điểm ở phiếu 1–3, 5–10, Phần C đủ 40).", "9.1"),
    (730, "tái tạo,... )/", "tái tạo,...)/", "punct", ""),  # 1.6 option 2
    (913, "hóa CHẤT không", "hóa chất không", "enc", ""),  # 9.2 «Tham khảo»
    (929, "TOAÌN CẦU", "TOÀN CẦU", "enc", ""),  # group 11
    (952, "độc tố vi nằm trong", "độc tố vi nấm trong", "typo",
     "in «… giới hạn ô nhiễm độc tố vi nằm trong thực phẩm» (tên QCVN "
     "8-1:2011/BYT); ghi «vi nấm» như ở các phiếu khác.", "ghi chú cuối phiếu"),
    # --- sheet 5 -----------------------------------------------------------------------------
    (967, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (1167, "CÔNG BÔì CHẤT", "CÔNG BỐ CHẤT", "enc", ""),
    (1167, "KIểM TRA", "KIỂM TRA", "enc", ""),
    (1199, "các THEO trường", "các thị trường", "typo",
     "lựa chọn 3 in «Có thể xuất khẩu đến các THEO trường có tiêu chuẩn cao …»; ghi «các thị "
     "trường» như ở mọi phiếu khác."),  # group 10
    (1199, "(MyÞ, Nhâòt,", "(Mỹ, Nhật,", "enc", ""),  # group 10
    # --- sheet 6 -----------------------------------------------------------------------------
    (1233, "SẢN PHẩM VÀ", "SẢN PHẨM VÀ", "enc", ""),
    (1233, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (1455, "9. ĐẢM BẢO CHẤT SẢN PHẨM", "9. ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM", "name",
     "tên nhóm in «ĐẢM BẢO CHẤT SẢN PHẨM» (thiếu chữ «LƯỢNG»); ghi «ĐẢM BẢO CHẤT LƯỢNG "
     "SẢN PHẨM» như ở mọi phiếu khác."),
    # --- sheet 7 -----------------------------------------------------------------------------
    (1563, "| 2 Điểm |  | 3.2. Sự tham gia",
     "| 2 Điểm |  | □ HTX tổ chức, hoạt động theo Luật HTX 2012 hoặc công ty cổ phần có vốn góp "
     "của cộng đồng địa phương ≥ 51% | 3 Điểm |  | 3.2. Sự tham gia", "option",
     "bản chép chỉ có hai lựa chọn (1 và 2 điểm) dù điểm tối đa in là 3 và Phần A chỉ đủ 35 "
     "điểm với 3 điểm ở đây: thiếu lựa chọn thứ ba. Đã thêm lựa chọn 3 «HTX tổ chức, hoạt động "
     "theo Luật HTX 2012 hoặc công ty cổ phần có vốn góp của cộng đồng địa phương ≥ 51%» (3 "
     "điểm), chép từ tiêu chí 3.1 của các phiếu 1–6, 8–10 (suy ra khi chép; cần đối chiếu "
     "Công báo)."),  # 3.1
    (1552, "3 Đỉểm", "3 Điểm", "enc", ""),
    (1707, "CÔNG BÔì CHẤT", "CÔNG BỐ CHẤT", "enc", ""),
    (1707, "KIểM TRA", "KIỂM TRA", "enc", ""),
    (1723, "SẢN PHẩM", "SẢN PHẨM", "enc", ""),
    # --- sheet 8 -----------------------------------------------------------------------------
    (1772, "SẢN PHẩM VÀ", "SẢN PHẨM VÀ", "enc", ""),
    (1772, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    # --- sheet 9 -----------------------------------------------------------------------------
    (2044, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (2250, "CÔNG BÔì CHẤT", "CÔNG BỐ CHẤT", "enc", ""),
    (2250, "KIểM TRA", "KIỂM TRA", "enc", ""),
    # --- sheet 10 ----------------------------------------------------------------------------
    (2315, "SẢN PHẩM VÀ", "SẢN PHẨM VÀ", "enc", ""),
    (2315, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (2491, "(CHẤT  lượng:", "(Chất lượng:", "enc", ""),
    (2520, "SẢN PHẩM,", "SẢN PHẨM,", "enc", ""),
    (2520, "KIểM TRA", "KIỂM TRA", "enc", ""),
    (2536, "SẢN PHẩM", "SẢN PHẨM", "enc", ""),
    # --- sheet 11 (incomplete: not written, fixed so that Parts A and B parse) ----------------
    (2585, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (2597, "(KhaÒ năng", "(Khả năng", "enc", ""),
    (2622, "PHÁT TRIÊÒN SẢN PHẩM", "PHÁT TRIỂN SẢN PHẨM", "enc", ""),
    (2645, "Lýòa chọn", "Lựa chọn", "enc", ""),
]

# "N Điểm" cells that are the printed maximum of a group with sub-criteria (most sheets print
# no group maximum; these few do, somewhere in the column of points). They are taken out of
# the stream of option points and checked against the sum of the group's criteria.
# (line, value, group code)
GROUP_MAX_CELLS: list[tuple[int, int, str]] = [
    (1380, 20, "6"),  # sheet 6: "□ Không phát hiện tạp chất | 20 Điểm" (6.1 option 3)
    (2192, 20, "6"),  # sheet 9: "□ Không phát hiện tạp chất | 20 Điểm" (6.1 option 3)
]

GROUP_MAX_LEFT: dict[tuple[int, int], str] = {}  # filled in main(), emptied while parsing

# Transcription notes that are not tied to a text change (source inconsistencies recorded
# as printed, structural decisions). (sheet, note)
EXTRA_NOTES: list[tuple[int, str]] = [
    (2, "Phần C: các nhóm được đánh số 6, 7, 9, 10, 11 (không có nhóm 8; nhóm 7 là «TÍNH ĐỘC "
        "ĐÁO», không có nhóm «DINH DƯỠNG»); ghi đúng số in, tổng Phần C vẫn là 40."),
    (6, "6.1: lựa chọn 1 in «Có tạp chất, không nhận được» (0 điểm); ghi nguyên văn (có lẽ "
        "thiếu chữ «chấp»); cần đối chiếu Công báo."),
    (6, "6.2: hai lựa chọn «Tương đối đồng đều» và «Đồng đều» đều in 3 điểm (dãy điểm 0, 1, 3, "
        "3); ghi nguyên văn; cần đối chiếu Công báo (ở phiếu 9 cùng các lựa chọn này là 0, 1, "
        "2, 3)."),
    (9, "6.1: lựa chọn 1 in «Có tạp chất, không nhận được» (0 điểm); ghi nguyên văn (có lẽ "
        "thiếu chữ «chấp»); cần đối chiếu Công báo."),
]

# ---------------------------------------------------------------------------------------
# Source reading
# ---------------------------------------------------------------------------------------


# Characters that cannot occur in the Vietnamese text: the binary tail of the .doc.
RE_GARBAGE = re.compile(r"[\u0000-\u0008\u000e-\u001f\u0370-\u1dff\u2c00-\u2dff\u3000-\u9fff"
                        r"\ua000-\ud7ff\ue000-\uf8ff\ufb00-\ufffd]")


class Source(BaseSource):
    def __init__(self, path: Path):
        super().__init__(path)
        self.truncated_at = next(
            (n for n in range(ANNEX_III_START, len(self.lines) + 1)
             if RE_GARBAGE.search(self.lines[n - 1])), None)

    def apply_fixes(self) -> None:
        self.apply_text_fixes(TEXT_FIXES)

    def sheet_starts(self) -> dict[int, int]:
        """Sheet number -> line of its heading "N. Bộ sản phẩm: …" (before the truncation)."""
        end = self.truncated_at or len(self.lines) + 1
        out = {}
        for n in range(ANNEX_III_START, end):
            m = re.match(r"^(\d+)\. Bộ sản phẩm:", clean(self.lines[n - 1]))
            if m:
                k = int(m.group(1))
                if k in out or k != len(out) + 1:
                    raise SystemExit(f"line {n}: unexpected sheet heading {k}")
                out[k] = n
        return out


# ---------------------------------------------------------------------------------------
# Phụ lục I and the table of contents of Phụ lục III
# ---------------------------------------------------------------------------------------

ROMAN = ("I", "II", "III", "IV", "V", "VI")


def sentence_case(s: str) -> str:
    s = s.lower()
    return s[:1].upper() + s[1:]


def parse_annex_i(src: Source) -> tuple[list[dict], list[dict]]:
    """Return (ngành list, leaf list). A leaf is a product set: a phân nhóm, a nhóm without
    phân nhóm or a ngành without nhóm, in table order, with its code and ministries."""
    cells = [clean(c) for c in src.lines[ANNEX_I_LINE - 1].split(" | ")]
    cells = [c for c in cells if c]
    if cells[:3] != ["STT", "Phân loại sản phẩm", "Bộ chủ trì quản lý1"]:
        raise SystemExit(f"Phụ lục I: unexpected table head {cells[:3]}")
    cells = cells[3:]
    nganh: list[dict] = []
    entries: list[dict] = []  # every row: level, code, name, agency
    i = 0
    while i < len(cells):
        c = cells[i]
        if c in ROMAN:
            name = cells[i + 1]
            if not name.startswith("NGÀNH "):
                raise SystemExit(f"Phụ lục I: ngành {c} name {name!r}")
            row = {"level": 0, "code": c, "name": name, "agency": None}
            nganh.append({"code": c, "name": sentence_case(name), "printed": name})
            i += 2
        elif re.fullmatch(r"\d+", c):
            m = re.fullmatch(r"Nhóm\s*:\s*(.+)", cells[i + 1])
            if not m:
                raise SystemExit(f"Phụ lục I: nhóm {c}: {cells[i + 1]!r}")
            row = {"level": 1, "code": f"{nganh[-1]['code']}.{c}", "name": m.group(1),
                   "agency": None}
            i += 2
        elif re.fullmatch(r"\d+\.\d+", c):
            m = re.fullmatch(r"Phân nhóm\s*:\s*(.+)", cells[i + 1])
            if not m:
                raise SystemExit(f"Phụ lục I: phân nhóm {c}: {cells[i + 1]!r}")
            row = {"level": 2, "code": f"{nganh[-1]['code']}.{c}", "name": m.group(1),
                   "agency": None}
            i += 2
        elif c.startswith("1 Theo Nghị định"):  # footnote of "Bộ chủ trì quản lý"
            break
        else:
            if not entries or entries[-1]["agency"] is not None:
                raise SystemExit(f"Phụ lục I: unexpected cell {c!r}")
            entries[-1]["agency"] = c
            i += 1
            continue
        entries.append(row)
    leaves = []
    for k, e in enumerate(entries):
        nxt = entries[k + 1] if k + 1 < len(entries) else None
        if nxt is not None and nxt["level"] > e["level"]:
            continue  # has children
        if e["agency"] is None:
            raise SystemExit(f"Phụ lục I: {e['code']} without a ministry")
        leaves.append({"code": e["code"], "name": e["name"], "agency_cell": e["agency"],
                       "agency": agencies(e["agency"])})
    return nganh, leaves


def agencies(cell: str) -> str:
    rest, out = cell, []
    while rest:
        hit = next((m for m in MINISTRIES if rest.startswith(m)), None)
        if hit is None:
            raise SystemExit(f"Phụ lục I: unknown ministry in {cell!r}")
        out.append("Bộ " + hit)
        rest = rest[len(hit):]
        if rest.startswith(", "):
            rest = rest[2:]
        elif rest:
            raise SystemExit(f"Phụ lục I: cannot split ministries {cell!r}")
    return "; ".join(out)


def parse_toc(src: Source) -> dict[int, str]:
    cells = [clean(c) for c in src.lines[TOC_LINE - 1].split(" | ")]
    cells = [c for c in cells if c]
    out = {}
    for a, b in itertools.pairwise(cells):
        if re.fullmatch(r"\d+", a) and b.startswith("Bộ sản phẩm:"):
            out[int(a)] = b.split(":", 1)[1].strip()
    return out


# ---------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------

RE_NUM = re.compile(r"^(\d+) (?:Điểm|điểm|Điêm|điêm)$")
RE_PART = re.compile(r"^Phần ([ABC]):$")
RE_PART_TITLE = re.compile(r"^(.+) \((\d+) Điểm\)$")
RE_LOOSE_CODE = re.compile(r"^\d+\s*\.?\s*\d*\s*\.?\s*\d*\.? ?[A-ZÀ-ỸĐ]")
RE_CASES = re.compile(r"^Lựa chọn (?:một|1) trong hai trường hợp sau:?$")
RE_CASE = re.compile(r"^([a-z])\. (Trường hợp \d+: .+)$")
RE_NOTE = re.compile(r"^(Ghi chú|Chú ý|Lưu ý)\s*:\s*(.*)$")
RE_REF = re.compile(r"^Tham khảo\s*:\s*(.*)$")
HEADER_SKIP = ("Tên sản phẩm", "Mã số sản phẩm", "T: Mã tỉnh", "(T: Mã tỉnh", "Tên chủ thể",
               "Địa chỉ")


class Tok:
    __slots__ = ("i", "n", "text")

    def __init__(self, i: int, n: int, text: str):
        self.i, self.n, self.text = i, n, text

    def __repr__(self):
        return f"<{self.n}:{self.text[:40]!r}>"


def tokens(src: Source, start: int, end: int) -> list[Tok]:
    out: list[Tok] = []
    for n in range(start, end):
        for cell in re.split(r"\s*\|\s*", src.lines[n - 1]):
            t = clean(cell)
            if t:
                out.append(Tok(len(out), n, t))
    return out


# ---------------------------------------------------------------------------------------
# Sheet parser
# ---------------------------------------------------------------------------------------


class SheetParser(SheetParserBase):
    def __init__(self, sheet: int, src: Source, start: int, end: int, complete: bool):
        super().__init__(sheet, src)
        self.start, self.end = start, end
        self.complete = complete  # False: the sheet runs into the truncation
        self.toks = tokens(src, start, end)
        self.heading = self.category = ""
        self.rules: list[str] = []
        self.sheet_notes: list[str] = []
        self.numbers: list[Tok] = []
        self.loc_tok: dict[int, str] = {}  # token index -> where
        self.tok: Tok | None = None
        self.finished = False  # reached "Kết quả"

    # -- helpers -------------------------------------------------------------------------
    def err(self, msg: str):
        t = self.tok
        where = f"line {t.n}: {t.text[:120]!r}" if t else ""
        raise ParseError(f"sheet {self.sheet}: {msg} :: {where}")

    def new_crit(self, code: str, name: str, at: Tok) -> dict:
        return {"code": code, "name": name, "description": None, "max": None,
                "applies_text": None, "options": [], "cases_text": None, "cases": [],
                "notes": [], "_i": at.i, "_n": at.n, "_section": None}

    def direct_crit(self) -> dict:
        """A group scored directly: create its single criterion (its maximum slot is the
        group heading)."""
        g = self.group
        if g is None or g["entries"]:
            self.err("option/note outside a criterion")
        c = self.new_crit(g["code"], g["name"], g["_tok"])
        c["description"] = g.pop("_desc", None)
        g["entries"].append(c)
        g["_direct"] = True
        self.crit = c
        return c

    # -- main loop -----------------------------------------------------------------------
    def parse(self):
        i = self.parse_header()
        for t in self.toks[i:]:
            self.tok = t
            if self.finished:
                self.footer(t)
                continue
            self.dispatch(t)
            self.loc.setdefault(t.n, self.here())
            self.loc_tok[t.i] = self.here()
        if self.complete and not self.finished:
            self.err("no «Kết quả» line")
        return self

    def parse_header(self) -> int:
        state = "heading"
        for k, t in enumerate(self.toks):
            self.tok = t
            self.loc[t.n] = "đầu phiếu"
            x = t.text
            if RE_PART.match(x):
                if not (self.heading and self.category and self.rules):
                    self.err("incomplete sheet header")
                return k
            if state == "heading":
                m = re.match(r"^(\d+)\. Bộ sản phẩm: (.+)$", x)
                if not m or int(m.group(1)) != self.sheet:
                    self.err("expected the sheet heading")
                self.heading = m.group(2)
                state = "category"
            elif state == "category":
                if not (x.startswith("(Ngành:") and x.endswith(")")):
                    self.err("expected the category line")
                self.category = x[1:-1].strip()
                state = "fields"
            elif x.startswith(HEADER_SKIP):
                continue
            elif m := re.match(r"^Bị loại khi\s*:\s*(.+)$", x):
                self.rules.append(m.group(1))
                state = "rule"
            elif state == "rule":
                self.rules[-1] = join(self.rules[-1], x)
            else:
                self.err("unexpected text in the sheet header")
        self.err("no Part A")

    def dispatch(self, t: Tok):
        x = t.text
        if m := RE_NUM.match(x):
            if self.part is None:
                self.err("number before Part A")
            key = (t.n, int(m.group(1)))
            if key in GROUP_MAX_LEFT:
                code = GROUP_MAX_LEFT.pop(key)
                g = next((g for g in self.part["groups"] if g["code"] == code), None)
                if g is None:
                    self.err(f"printed group maximum for a group {code} not in this part")
                g["_printed_max"] = key[1]
                self.events.append(
                    f"Nhóm {code}: điểm tối đa của nhóm ({key[1]}) được in lẫn trong cột điểm "
                    f"của các lựa chọn; đã tách ra và đối chiếu với tổng các tiêu chí.")
                return
            self.numbers.append(t)
            return
        if x.startswith("Tổng Điểm phần "):
            m = re.match(r"^Tổng Điểm phần ([ABC]):", x)
            if not m or self.part is None or m.group(1) != self.part["part"]:
                self.err("unexpected part total line")
            self.close_group()
            self.part["_closed"] = True
            self.collector = None
            return
        if x == "Kết quả":
            if not self.parts or not self.parts[-1].get("_closed"):
                self.err("«Kết quả» before the end of Part C")
            self.finished = True
            self.collector = None
            return
        if m := RE_PART.match(x):
            self.close_group()
            if self.part is not None and not self.part.get("_closed"):
                self.err("new part before the previous part's total line")
            self.part = {"part": m.group(1), "title": None, "groups": [], "_n": t.n}
            self.parts.append(self.part)
            self.collector = (self.part, "title")
            return
        if self.part is None:
            self.err("text before Part A")
        if self.part["title"] is None:
            m = RE_PART_TITLE.match(x)
            if not m:
                self.err("expected the part title")
            self.part["title"] = m.group(1)
            self.part["_printed_max"] = int(m.group(2))
            self.collector = None
            return
        if x.startswith("□"):
            c = self.crit or self.direct_crit()
            if c["cases"] and self.case is None:
                self.err("option after the cases lead-in but outside a case")
            opt = {"text": x[1:].strip(), "_i": t.i, "_n": t.n, "points": None}
            (self.case["options"] if self.case else c["options"]).append(opt)
            self.collector = (opt, "text")
        elif m := RE_C3.match(x):
            self.close_crit()
            g = self.group
            parent_code = f"{m.group(1)}.{m.group(2)}"
            if g is None or m.group(1) != g["code"]:
                self.err("sub-criterion outside its group")
            parent = g["entries"][-1] if g["entries"] else None
            if parent is None or parent["code"] != parent_code:
                self.err("sub-criterion without its heading")
            if "criteria" not in parent:  # the heading becomes a section
                if parent["options"] or parent["notes"] or parent["cases"]:
                    self.err("section heading with options")
                parent["criteria"] = []
                parent["_is_section"] = True
            c = self.new_crit(f"{parent_code}.{m.group(3)}", m.group(4), t)
            c["_section"] = parent_code
            parent["criteria"].append(c)
            self.crit = c
            self.collector = (c, "name")
        elif m := RE_CRIT.match(x):
            self.close_crit()
            g = self.group
            if g is None or m.group(1) != g["code"]:
                self.err("criterion outside its group")
            if g.get("_direct"):
                self.err("criterion in a group scored directly")
            c = self.new_crit(f"{m.group(1)}.{m.group(2)}", m.group(3), t)
            g["entries"].append(c)
            self.crit = c
            self.collector = (c, "name")
        elif (m := RE_GROUP.match(x)) and m.group(2) == m.group(2).upper():
            self.close_group()
            self.group = {"code": m.group(1), "name": m.group(2), "entries": [],
                          "_tok": t, "_n": t.n}
            self.part["groups"].append(self.group)
            self.collector = (self.group, "name")
        elif RE_CASES.match(x):
            c = self.crit or self.direct_crit()
            if c["options"] or c["cases"] or c["cases_text"]:
                self.err("misplaced cases lead-in")
            c["cases_text"] = x.rstrip(":").strip()
            self.collector = None
        elif m := RE_CASE.match(x):
            c = self.crit
            if c is None or c["cases_text"] is None:
                self.err("case outside a criterion with cases")
            keys = [cs["key"] for cs in c["cases"]]
            if m.group(1) != "abcdefgh"[len(keys)]:
                self.err("case letters out of order")
            self.case = {"key": m.group(1), "name": m.group(2), "options": []}
            c["cases"].append(self.case)
            self.collector = (self.case, "name")
        elif x.startswith("Chỉ áp dụng khi"):
            c = self.crit
            if c is None or c["applies_text"] is not None or c["options"]:
                self.err("misplaced condition")
            c["applies_text"] = x.rstrip(":").strip()
            self.collector = None
        elif m := RE_NOTE.match(x):
            c = self.crit or self.direct_crit()
            note = {"text": m.group(2), "_label": m.group(1), "_n": t.n}
            c["notes"].append(note)
            self.collector = (note, "text")
        elif m := RE_REF.match(x):
            c = self.crit or self.direct_crit()
            note = {"text": x, "_label": "Tham khảo", "_n": t.n, "_items": []}
            c["notes"].append(note)
            self.collector = (note, "_items")
        elif self.collector and self.collector[1] == "_items" and x.startswith("- "):
            self.collector[0]["_items"].append(x[2:].strip())
        elif x.startswith("(") or (self.collector and self.collector[1] == "name"
                                   and self.crit_or_group_open()):
            self.on_description(x)
        elif RE_LOOSE_CODE.match(x) or x.startswith(("Lựa chọn", "Chỉ áp dụng")):
            self.err("line looks like a heading but does not parse (add a correction)")
        else:
            self.add(x)

    def crit_or_group_open(self) -> bool:
        """True when the collector is a heading name with nothing under it yet."""
        obj = self.collector[0]
        if obj is self.crit:
            return not (obj["options"] or obj["cases"] or obj["notes"])
        if obj is self.group:
            return not obj["entries"]
        return False

    def on_description(self, x: str):
        col = self.collector
        if col is not None and col[1] not in ("name", "description", "_desc"):
            self.add(x)  # continuation of an option, note or case name
            return
        c = self.crit
        if c is not None:
            if c["description"] is not None or c["options"] or c["cases"]:
                self.err("second description")
            c["description"] = x
            self.collector = (c, "description")
        elif self.group is not None and not self.group["entries"]:
            if self.group.get("_desc") is not None:
                self.err("second group description")
            self.group["_desc"] = x
            self.collector = (self.group, "_desc")
        else:
            self.err("description with nowhere to go")

    def close_crit(self):
        self.crit = self.case = None

    def close_group(self):
        self.close_crit()
        g = self.group
        if g is not None and g.get("_desc") is not None:
            self.err(f"group {g['code']} has a description but sub-criteria")
        self.group = None

    def footer(self, t: Tok):
        """After «Kết quả»: only the whole-sheet notes printed after "Ghi chú:" are kept."""
        x = t.text
        if getattr(self, "_in_notes", False):
            if x.startswith("- "):
                if not self.sheet_notes:
                    self.err("list item before a sheet note")
                self._items[-1].append(x[2:].strip())
            else:
                self.sheet_notes.append(x)
                self._items.append([])
            return
        if x == "Ghi chú:":
            self._in_notes = True
            self._items: list[list[str]] = []
            return
        if x.startswith(("Tổng Điểm (Phần A + B + C)", "Xếp hạng:", "Ý kiến của người đánh giá")):
            return
        if re.search(r"ngày \.\.\. tháng \.\.\. năm 20", x):
            return
        self.err("unexpected text after «Kết quả»")

    # -- post-processing -----------------------------------------------------------------
    def all_crits(self):
        """(part, group, criterion) for every scored criterion, sections flattened."""
        for p in self.parts:
            for g in p["groups"]:
                for e in g["entries"]:
                    if e.get("_is_section"):
                        for c in e["criteria"]:
                            yield p, g, c
                    else:
                        yield p, g, e

    def post(self):
        if not self.complete:
            return self
        # sheet notes: list items joined into their note
        notes = []
        for text, items in zip(self.sheet_notes, getattr(self, "_items", []), strict=True):
            if items:
                text = text + " " + join_items(items)
            notes.append(text)
        self.sheet_notes = notes
        self.assign_numbers()
        for _p, _g, c in self.all_crits():
            if c["description"] is not None:
                c["description"] = strip_parens(c["description"])
            for nt in c["notes"]:
                if nt["_label"] == "Tham khảo":
                    nt["text"] = nt["text"] + " " + join_items(nt.pop("_items"))
                nt["kind"] = note_kind(nt["text"])
        # applies_if: "Chỉ áp dụng khi có câu chuyện…" -> the story criterion, the options
        # that say there is a (documented) story
        story = [c for _, _, c in self.all_crits() if c["name"] == "Câu chuyện về sản phẩm"]
        for _, _, c in self.all_crits():
            if c["applies_text"] is None:
                continue
            if not c["applies_text"].startswith("Chỉ áp dụng khi có câu chuyện") or len(story) != 1:
                raise ParseError(f"sheet {self.sheet}: unexpected condition {c['applies_text']!r}")
            s = story[0]
            opts = [k + 1 for k, o in enumerate(s["options"])
                    if o["text"].startswith("Có câu chuyện")]
            c["applies_if"] = {"text": c["applies_text"], "criterion": s["code"],
                               "options": opts}
        # group maxima: sum of the entries; sections: sum of their sub-criteria
        for p in self.parts:
            for g in p["groups"]:
                for e in g["entries"]:
                    if e.get("_is_section"):
                        e["_sum"] = sum(c["max"] for c in e["criteria"])
                g["max"] = sum(e["max"] for e in g["entries"])
        return self

    def assign_numbers(self):
        """Fill every maximum/points slot with the "N Điểm" tokens, oldest open slot first."""
        slots = []  # (token index, kind, object)
        for p in self.parts:
            for g in p["groups"]:
                for e in g["entries"]:
                    if e.get("_is_section"):
                        slots.append((e["_i"], "max", e))
                        crits = e["criteria"]
                    else:
                        crits = [e]
                    for c in crits:
                        slots.append((c["_i"], "max", c))
                        for o in self.iter_options(c):
                            slots.append((o["_i"], "points", o))
        slots.sort(key=lambda s: s[0])
        k = 0
        for num in self.numbers:
            self.tok = num
            if k >= len(slots) or slots[k][0] > num.i:
                self.err("number with no open slot before it (stray number)")
            _, kind, obj = slots[k]
            obj["max" if kind == "max" else "points"] = int(RE_NUM.match(num.text).group(1))
            obj["_num_n"] = num.n
            k += 1
        if k < len(slots):
            _, kind, obj = slots[k]
            what = obj.get("code") or obj.get("text")
            raise ParseError(f"sheet {self.sheet}: {len(slots) - k} slot(s) without a number, "
                             f"first: {kind} of {what!r} (line {obj['_n']})")


def join_items(items: list[str]) -> str:
    """A printed "- …" list as one line: the items joined with "; ", each item's own final
    ";", ":" or "." dropped (not an ellipsis), the last item's final stop kept."""
    out = [re.sub(r"(?<!\.)[.;:]$", "", it).strip() for it in items[:-1]] + [items[-1]]
    return "; ".join(out)


# ---------------------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------------------


def verify_sheet(p: SheetParser) -> tuple[list[str], list[str], dict]:
    """Return (errors, warnings, stats)."""
    errs: list[str] = []
    warns: list[str] = []
    codes: list[str] = []
    n_opts = n_crit = n_cases = 0
    errs += part_order_errors(p.parts)
    sums = {}
    for part in p.parts:
        gsum = 0
        for g in part["groups"]:
            codes.append(g["code"])
            if g["name"] != g["name"].upper():
                errs.append(f"group {g['code']}: name not upper case {g['name']!r}")
            for e in g["entries"]:
                if e.get("_is_section"):
                    codes.append(e["code"])
                    if e["max"] != e["_sum"]:
                        errs.append(f"section {e['code']}: printed max {e['max']} != sum "
                                    f"{e['_sum']}")
            for _, g2, c in p.all_crits():
                if g2 is not g:
                    continue
                n_crit += 1
                if c["code"] != g["code"]:
                    codes.append(c["code"])
                opts = list(SheetParser.iter_options(c))
                if not opts:
                    errs.append(f"{c['code']}: no options")
                    continue
                if c["cases"]:
                    n_cases += 1
                    for cs in c["cases"]:
                        top = max(o["points"] for o in cs["options"])
                        if top != c["max"]:
                            warns.append(f"{c['code']} case {cs['key']}: best option {top} "
                                         f"< max {c['max']}")
                top = max(o["points"] for o in opts)
                if top != c["max"]:
                    errs.append(f"{c['code']}: max {c['max']} != best option {top}")
                warns += option_order_warnings(c)
                n_opts += len(opts)
                texts = [c["name"], c["description"] or "", c.get("applies_text") or ""]
                texts += [o["text"] for o in opts] + [nt["text"] for nt in c["notes"]]
                texts += [cs["name"] for cs in c["cases"]]
                for t in texts:
                    if "□" in t or RE_GARBAGE.search(t):
                        errs.append(f"{c['code']}: stray '□' or garbage in {t!r}")
                    if re.search(r"\d+ (?:Điểm|điểm)", t) and "0 Điểm" not in t:
                        warns.append(f"{c['code']}: points text inside {t!r}")
                    if bad_spacing(t):
                        warns.append(f"{c['code']}: spacing around punctuation in {t!r}")
            if g.get("_printed_max") is not None and g["_printed_max"] != g["max"]:
                errs.append(f"group {g['code']}: printed max {g['_printed_max']} != sum of "
                            f"criteria {g['max']}")
            gsum += g["max"]
        sums[part["part"]] = gsum
        if gsum != PART_MAX.get(part["part"]):
            errs.append(f"part {part['part']}: groups sum to {gsum}, expected "
                        f"{PART_MAX.get(part['part'])}")
        if part["_printed_max"] != PART_MAX.get(part["part"]):
            errs.append(f"part {part['part']}: title says {part['_printed_max']}")
    errs += duplicate_code_errors(codes)
    boxes = sum(p.src.orig[n - 1].count("□") for n in range(p.start, p.end))
    added = sum(a["new"].count("□") - a["old"].count("□") for a in p.src.applied
                if p.start <= a["line"] < p.end)
    if boxes + added != n_opts:
        errs.append(f"options emitted {n_opts} != '□' in source {boxes} + added by "
                    f"corrections {added}")
    stats = {"groups": sum(len(x["groups"]) for x in p.parts), "criteria": n_crit,
             "options": n_opts, "cases": n_cases, "boxes": boxes, "added": added,
             "sums": sums}
    return errs, warns, stats


# ---------------------------------------------------------------------------------------
# Transcription notes
# ---------------------------------------------------------------------------------------

KIND_SUMMARY = {
    "enc": "Chữ bị lỗi mã khi chuyển từ .doc (dấu thanh Windows-1258 còn lại thành chữ Latin-1, "
           "hoặc chữ thường/in hoa lẫn vào giữa chữ in hoa/thường), đã sửa",
    "code": "Mã tiêu chí/trường hợp in thiếu dấu chấm, đã chuẩn hóa",
    "punct": "Dấu cách thừa trước dấu câu trong bản chép, đã bỏ",
}


def fix_location(p: SheetParser, a: dict) -> str:
    """Where a correction landed: the criterion of the token that holds the new text (a
    line of sheets 1–3 holds a whole part), else of the line; or the explicit location."""
    if a.get("where"):
        return a["where"]
    probe = clean(a["new"].strip(" |").split(" | ")[0])
    if probe:
        for t in p.toks:
            if t.n == a["line"] and probe in t.text and t.i in p.loc_tok:
                return p.loc_tok[t.i]
    return p.loc.get(a["line"], "?")


def transcription_notes(p: SheetParser, src: Source) -> list[str]:
    notes = correction_notes(p, src, KIND_SUMMARY, EXTRA_NOTES, locate=fix_location)
    for _, _, c in p.all_crits():
        for cs in c["cases"]:
            top = max(o["points"] for o in cs["options"])
            if top < c["max"]:
                notes.append(
                    f"{c['code']}: «{cs['name']}» (trường hợp {cs['key']}) có điểm cao nhất "
                    f"{top}, thấp hơn điểm tối đa {c['max']} của tiêu chí; ghi đúng như bản in.")
    conds = [c for _, _, c in p.all_crits() if c.get("applies_if")]
    if conds:
        a = conds[0]["applies_if"]
        story = next(c for _, _, c in p.all_crits() if c["code"] == a["criterion"])
        absent = [f"{k} «{o['text']}»" for k, o in enumerate(story["options"], start=1)
                  if k not in a["options"]]
        if any(c["applies_if"]["options"] != a["options"] for c in conds):
            raise SystemExit(f"sheet {p.sheet}: different applies_if options")
        notes.append(
            f"{', '.join(c['code'] for c in conds)}: điều kiện "
            + " / ".join(f"«{c['applies_if']['text']}»" for c in conds)
            + f" được ghi là applies_if với tiêu chí {a['criterion']}, các lựa chọn "
            f"{', '.join(map(str, a['options']))} (các lựa chọn «Có câu chuyện…»); các lựa "
            f"chọn {'; '.join(absent)} được hiểu là chưa có câu chuyện (suy ra khi chép).")
    notes += label_notes((c for _, _, c in p.all_crits()), {"Ghi chú", "Tham khảo"})
    return notes


# ---------------------------------------------------------------------------------------
# Output data
# ---------------------------------------------------------------------------------------


def product_set(p: SheetParser, leaf: dict, src: Source) -> dict:
    return product_set_out(code=leaf["code"], sheet=p.sheet, name=p.heading,
                           category=p.category, agency=leaf["agency"], rules=list(p.rules),
                           sheet_notes=list(p.sheet_notes), notes=transcription_notes(p, src),
                           parts=p.parts, entries="entries")


def head_comment(nganh, leaves, toc, written: set[str], src: Source) -> list[str]:
    lines = [
        "# Bộ tiêu chí OCOP theo Quyết định 1048/QĐ-TTg (Phụ lục I, Phụ lục III).",
        *origin_comment("scripts/import/qd1048.py"),
        "#",
        f"# CHƯA ĐỦ PHIẾU: bản chép (qd-1048-2019-QD-TTg.txt) bị cắt ở dòng {src.truncated_at}",
        "# (giữa phiếu 11, Phần C, tiêu chí 6.1; phần sau là mã nhị phân của tệp .doc), nên chỉ",
        f"# có {len(written)} phiếu đầy đủ (1–{len(written)}). product_groups chỉ liệt kê các bộ đã có",
        "# phiếu ở đây; danh mục đầy đủ của Phụ lục I (mã, phiếu, tên, bộ chủ trì) là:",
    ]
    for k, leaf in enumerate(leaves, start=1):
        mark = "" if leaf["code"] in written else "  [chưa có phiếu]"
        lines.append(f"#   {leaf['code']:7} phiếu {k:2}: {toc.get(k, leaf['name'])} "
                     f"({leaf['agency']}){mark}")
    return lines


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------


def dump(p: SheetParser) -> None:
    """Print a parsed sheet with source lines (option line / points line), for checking."""
    print(f"--- sheet {p.sheet}: {p.heading} ({p.category}) lines {p.start}-{p.end - 1}")
    for r in p.rules:
        print(f"    rule: {r}")
    for part in p.parts:
        print(f"  Phần {part['part']}: {part['title']} ({part['_printed_max']})")
        for g in part["groups"]:
            pm = f" printed {g['_printed_max']}" if g.get("_printed_max") is not None else ""
            print(f"    [{g['code']}] {g['name']} = {g.get('max')}{pm}  (line {g['_n']})")
            for e in g["entries"]:
                crits = e["criteria"] if e.get("_is_section") else [e]
                if e.get("_is_section"):
                    print(f"      section {e['code']} {e['name']} max {e['max']}")
                for c in crits:
                    print(f"      {c['code']} {c['name']} | max {c['max']} (L{c['_n']}"
                          f"/L{c.get('_num_n')})")
                    if c["description"]:
                        print(f"         desc: {c['description']}")
                    if c.get("applies_if"):
                        print(f"         applies_if: {c['applies_if']}")
                    if c["cases_text"]:
                        print(f"         cases_text: {c['cases_text']}")
                    groups = [(cs["key"] + ". " + cs["name"], cs["options"]) for cs in c["cases"]]
                    for label, opts in groups or [(None, c["options"])]:
                        if label:
                            print(f"         case {label}")
                        for k, o in enumerate(opts, start=1):
                            print(f"         {k}. [{o['points']}] {o['text']}  (L{o['_n']}/"
                                  f"L{o.get('_num_n')})")
                    for nt in c["notes"]:
                        print(f"         note {nt.get('kind')}: {nt['text']}")
    for sn in p.sheet_notes:
        print(f"  sheet note: {sn}")


def main(argv=None) -> int:
    ap = arg_parser(__doc__, DEFAULT_OUTPUT)
    ap.add_argument("--dump", type=int, action="append", default=[],
                    help="print the parsed sheet N with source line numbers (repeatable)")
    args = ap.parse_args(argv)
    source = find_source(args.source, DEFAULT_SOURCE_CANDIDATES)
    if source is None:
        return 2
    src = Source(source)
    src.apply_fixes()
    failed = False

    print(f"Source: {source} ({len(src.orig)} lines; NFC already: {src.was_nfc})")
    n, title = TITLE_LINE
    if clean(src.lines[n - 1]) != title:
        print(f"ERROR title line {n} is {src.lines[n - 1]!r}")
        failed = True
    elif clean(title.removeprefix("VỀ VIỆC ")).lower() != EDITION["title"].lower():
        print("ERROR the title does not have the wording of the name line")
        failed = True
    print(f"Corrections: {len(TEXT_FIXES)} text fixes")
    nganh, leaves = parse_annex_i(src)
    toc = parse_toc(src)
    print()
    print("Phụ lục I (sheet: code, Phụ lục I name | table of contents of Phụ lục III | ministries):")
    for k, leaf in enumerate(leaves, start=1):
        print(f"  {k:2} {leaf['code']:7} {leaf['name'][:45]:45} | {toc.get(k, '??')[:45]:45} | "
              f"{leaf['agency']}")
    if len(leaves) != len(toc):
        print(f"ERROR {len(leaves)} product sets in Phụ lục I, {len(toc)} sheets in the contents")
        failed = True
    GROUP_MAX_LEFT.clear()
    GROUP_MAX_LEFT.update({(n, v): code for (n, v, code) in GROUP_MAX_CELLS})
    starts = src.sheet_starts()
    print()
    if src.truncated_at:
        print(f"SOURCE TRUNCATED at line {src.truncated_at} (binary .doc data from there on).")
    print(f"Sheet headings found: {min(starts)}–{max(starts)} of {len(toc)}; missing: "
          + (", ".join(f"{k} {toc[k]}" for k in sorted(toc) if k not in starts) or "none"))
    print()
    print("Checks per sheet: criterion max == best option (over all cases; each case checked "
          "too);")
    print("group max = sum of its criteria; part A/B/C groups = 35/25/40 and the part title "
          "agrees;")
    print("options emitted == '□' in the sheet's source lines; every number used, every slot "
          "filled.")
    print()
    print("sheet code    grp crit opts cases □     A/B/C     result")
    sets = []
    written: set[str] = set()
    totals = defaultdict(int)
    for sheet, start in sorted(starts.items()):
        end = starts.get(sheet + 1) or src.truncated_at or len(src.lines) + 1
        complete = not (src.truncated_at and end == src.truncated_at and sheet + 1 not in starts)
        leaf = leaves[sheet - 1]
        try:
            p = SheetParser(sheet, src, start, end, complete).parse().post()
        except ParseError as e:
            print(f"PARSE ERROR: {e}")
            failed = True
            continue
        if sheet in args.dump:
            dump(p)
        if not complete:
            got = ", ".join(f"Phần {x['part']}" + ("" if x.get("_closed") else " (dở)")
                            for x in p.parts)
            print(f"{sheet:5} {leaf['code']:7} INCOMPLETE (runs into the truncation at line "
                  f"{src.truncated_at}; read: {got}) -> not written")
            continue
        errs, warns, st = verify_sheet(p)
        abc = "/".join(str(st["sums"].get(x, "?")) for x in "ABC")
        boxes = f"{st['boxes']}" + (f"+{st['added']}" if st["added"] else "")
        print(f"{sheet:5} {leaf['code']:7} {st['groups']:3} {st['criteria']:4} {st['options']:4} "
              f"{st['cases']:5} {boxes:5} {abc:9} {'OK' if not errs else 'FAIL'}")
        gl = " ".join(f"{g['code']}={g['max']}" for x in p.parts for g in x["groups"])
        print(f"      groups {gl}")
        for e in errs:
            print(f"      ERROR {e}")
        for w in warns:
            print(f"      warn  {w}")
        failed |= bool(errs)
        for k in ("groups", "criteria", "options", "cases"):
            totals[k] += st[k]
        sets.append(product_set(p, leaf, src))
        written.add(leaf["code"])
    if GROUP_MAX_LEFT:
        print(f"ERROR unused GROUP_MAX_CELLS entries: {sorted(GROUP_MAX_LEFT)}")
        failed = True
    print(f"total: {len(sets)} sheets, {totals['groups']} groups, {totals['criteria']} "
          f"criteria, {totals['options']} options, {totals['cases']} criteria with cases")
    print()
    print("Corrections (line, kind, old -> new, note):")
    for a in sorted(src.applied, key=lambda x: x["line"]):
        print(f"  {a['line']:5} {a['kind']:6} {a['old']!r} -> {a['new']!r}  {a['note']}")
    if failed:
        print("\nVERIFICATION FAILED: nothing written", file=sys.stderr)
        return 1

    data = dict(EDITION)
    data["product_groups"] = [
        {"code": g["code"], "name": g["name"],
         "product_sets": [lf["code"] for lf in leaves
                          if lf["code"].split(".")[0] == g["code"] and lf["code"] in written]}
        for g in nganh]
    data["product_sets"] = sets
    return write_edition(data, head_comment(nganh, leaves, toc, written, src), args.output,
                         args.check)


if __name__ == "__main__":
    sys.exit(main())
