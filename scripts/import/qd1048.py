#!/usr/bin/env python3
"""One-off importer: Decision 1048/QĐ-TTg (2019) scoring sheets -> docs/criteria/qd-1048-2019.yml.

Reads a plain-text conversion of the decision from the shared reference folder, NFC-normalises
it, parses Phụ lục I (classification, managing ministries) and the scoring sheets of Phụ lục
III, applies the explicit corrections listed below, checks every sheet arithmetically and
writes the edition YAML in the layout of ``docs/developers/criteria-format.md`` (same layout
as qd-26-2026.yml). Two texts are read; the layout is told from the text itself:

- **the complete text** (default): ``shared/reference/sources/qd-1048-2019-QD-TTg.full.txt``,
  antiword output of the original .doc, all 26 sheets. Word tables are drawn as
  ``|text|points|`` rows; a long cell wraps over several rows whose text continues the cell
  above (``full_tokens`` joins them unless a row starts a new item); text outside tables is
  in paragraphs (lines up to a blank line). The points of a Word cell are stacked from its
  top, so a "N Điểm" cell can stand one or more rows above the option it belongs to, within
  the same table ("drift"); numbers are still assigned in printed order (see below) and the
  report lists every drifted cell. Corrections: ``FULL_TEXT_FIXES``.
- **the older, truncated text** (``--source …/qd-1048-2019-QD-TTg.txt``): a flattened copy of a
  .doc that turns into binary garbage in the middle of sheet 11 (line 2726); sheets 1–10 were
  first transcribed from it. Table cells are separated by `` | ``; sheets 1–3 keep each part on
  one or two very long lines, from sheet 4 on option texts and their "N Điểm" cells are in
  separate runs. The script detects the truncation, parses the complete sheets before it and
  writes only those (``product_groups`` then list only the written sets). Kept so that the
  first transcription can still be reproduced and compared. Corrections:
  ``LEGACY_TEXT_FIXES``.

Both are read the same way once cut into cells (tokens): every criterion heading opens a
"maximum" slot and every "□" option a "points" slot, in reading order, and the "N Điểm" tokens
fill the slots in order (in the older text a number must come after its slot; in the complete
text it may come before it, within the same table). Every slot must be filled and every number
used; the arithmetic checks (criterion max = best option, group = sum of criteria, parts =
35/25/40) then catch a number that went to the wrong slot. A sheet whose printed points do not
add up and cannot be corrected from the text itself is written as printed, with the part's
``sum_note`` saying so (``FULL_SUM_NOTES``); the check then expects exactly that printed sum.

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
that is not purely mechanical is written to the product set's ``transcription_notes``; from
the complete text every note also names the line ("…, dòng N").
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    CRITERIA_DIR,
    FLOW_KEYS,
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

DEFAULT_SOURCE_CANDIDATES = source_candidates("qd-1048-2019-QD-TTg.full.txt")
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
    # in sentence case, as in the other edition files. TITLE checks the wording.
    "title": "Ban hành Bộ tiêu chí đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm",
    "date": dt.date(2019, 8, 21),
    "signer": "Vương Đình Huệ (Phó Thủ tướng, ký thay Thủ tướng)",
    "status": "replaced",
    "replaces": [],
    "replaced_by": "qd-148-2023",
    "source": None,  # the layout's (see Layout)
    "confidence": "H",
    "confidence_note": None,  # the layout's
    "sheets_available": True,
    "parts": [
        {"code": "A", "name": "Sản phẩm và sức mạnh của cộng đồng", "max": 35},
        {"code": "B", "name": "Khả năng tiếp thị", "max": 25},
        {"code": "C", "name": "Chất lượng sản phẩm", "max": 40},
    ],
    "star_bands": [
        {"stars": 1, "from": 0, "below": 30},
        {"stars": 2, "from": 30, "below": 50},
        {"stars": 3, "from": 50, "below": 70},
        {"stars": 4, "from": 70, "below": 90},
        {"stars": 5, "from": 90},
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
TITLE = "VỀ VIỆC BAN HÀNH BỘ TIÊU CHÍ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM CHƯƠNG TRÌNH MỖI XÃ MỘT SẢN PHẨM"

# Ministries named in the "Bộ chủ trì quản lý" column of Phụ lục I (one cell can name
# several, separated by ", "; "Văn hóa, Thể thao và Du lịch" itself contains a comma, hence
# the list instead of a split).
MINISTRIES = ["Nông nghiệp và Phát triển nông thôn", "Công Thương", "Y tế",
              "Khoa học và Công nghệ", "Văn hóa, Thể thao và Du lịch"]


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
#         renumber - a heading code printed twice or out of sequence, renumbered (see the note)
#         drift   - a points cell moved to the row of its option (see the note)
#         moved   - text printed away from its criterion, moved to it (see the note)
#         typo    - another obvious typo (see the note)
#   note  Vietnamese explanation for transcription_notes ("" for the kinds summarised
#         automatically per sheet: enc, code, punct)
#   where optional criterion code the note is about, when it is not the criterion in force
#         where the new text stands (a points cell printed under the next criterion)
#
# Two tables: FULL_TEXT_FIXES for the complete text (qd-1048-2019-QD-TTg.full.txt, the
# default source) and LEGACY_TEXT_FIXES for the older, truncated text (qd-1048-2019-QD-TTg.txt,
# sheets 1–10), kept so that the first transcription can still be reproduced and compared.

FULL_TEXT_FIXES: list[tuple] = [
    # --- Phụ lục I ------------------------------------------------------------------------
    (198, "Vãn hóa, Thể thao và", "Văn hóa, Thể thao và", "typo",
     "Phụ lục I in «Bộ chủ trì quản lý» của nhóm VI.1 là «Vãn hóa, Thể thao và Du lịch»; "
     "ghi «Văn hóa»."),
    # --- sheet 1 --------------------------------------------------------------------------
    (1830, "thông/đặc sản", "thống/đặc sản", "typo",
     "lựa chọn 4 in «… gắn với bảo tồn sản phẩm truyền thông/đặc sản/thế mạnh của địa "
     "phương»; ghi «truyền thống» như ở phiếu 3–19."),  # 2.1, option 4
    (1861, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    # --- sheet 2 --------------------------------------------------------------------------
    (2139, "thông/đặc sản", "thống/đặc sản", "typo",
     "lựa chọn 4 in «… gắn với bảo tồn sản phẩm truyền thông/đặc sản/thế mạnh của địa "
     "phương»; ghi «truyền thống» như ở phiếu 3–19."),  # 2.1, option 4
    (2173, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    # --- sheet 3 --------------------------------------------------------------------------
    (2481, "|2 Điểm HĐTV)", "|HĐTV)", "points",
     "trong lời lựa chọn a2 «(Ban giám đốc, HĐQT, 2 Điểm HĐTV)» có một ô «2 Điểm» lạc vào "
     "giữa chữ; đã bỏ (điểm 2 của lựa chọn này được in riêng ở cột điểm)."),
    (2482, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    (2484, "b Trường hợp 2:", "b. Trường hợp 2:", "code", ""),  # 3.2
    (2597, "8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM", "8. TÍNH ĐỘC ĐÁO", "name",
     "tên nhóm in «CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM» (trùng tên nhóm 9 ngay sau) nhưng mô "
     "tả «(Chất lượng: Có nét riêng, khác biệt, không lẫn với sản phẩm khác, …)» và các lựa "
     "chọn «Trung bình / Tương đối độc đáo / Độc đáo / Rất độc đáo» là của tiêu chí tính độc "
     "đáo (cùng nội dung với nhóm 8 «TÍNH ĐỘC ĐÁO» ở phiếu 1, 4); ghi tên «TÍNH ĐỘC ĐÁO». "
     "Cần đối chiếu Công báo."),
    # --- sheet 4 --------------------------------------------------------------------------
    (2756, "tái tạo,... )/", "tái tạo,...)/", "punct", ""),  # 1.6 option 1
    (2830, "4. TIẾP THEO", "4. TIẾP THỊ", "name",
     "tên nhóm in «TIẾP THEO»; ghi «TIẾP THỊ» như ở mọi phiếu khác (bản chép có chỗ đổi "
     "«thị» thành «THEO», xem cả phiếu 5, nhóm 10)."),
    (2938, "|3 điểm", "|2 điểm", "points",
     "ô điểm tối đa của 9.1 ghi «3 điểm» (cột điểm của nhóm 9 in «3 / 0 / 1 / 2 / 3 / 0 / 1 / "
     "2 / 3»), trong khi 9.1 chỉ có ba lựa chọn 0, 1, 2 điểm và với 3 thì Phần C thành 41 "
     "điểm; ghi 2 (9.1 được 2 điểm ở phiếu 1–3, 5–10, Phần C đủ 40).", "9.1"),
    (2952, "hóa CHẤT không", "hóa chất không", "enc", ""),  # 9.2 «Tham khảo»
    (2967, "TOAÌN CẦU", "TOÀN CẦU", "enc", ""),  # group 11
    (3012, "độc tố vi nằm trong", "độc tố vi nấm trong", "typo",
     "in «… giới hạn ô nhiễm độc tố vi nằm trong thực phẩm» (tên QCVN "
     "8-1:2011/BYT); ghi «vi nấm» như ở các phiếu khác.", "ghi chú cuối phiếu"),
    # --- sheet 5 --------------------------------------------------------------------------
    (3050, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (3265, "CÔNG BÔì CHẤT", "CÔNG BỐ CHẤT", "enc", ""),
    (3265, "KIểM TRA", "KIỂM TRA", "enc", ""),
    (3295, "các THEO trường", "các thị trường", "typo",
     "lựa chọn 3 in «Có thể xuất khẩu đến các THEO trường có tiêu chuẩn cao …»; ghi «các thị "
     "trường» như ở mọi phiếu khác."),  # group 10
    (3296, "(MyÞ, Nhâòt,", "(Mỹ, Nhật,", "enc", ""),  # group 10
    # --- sheet 6 --------------------------------------------------------------------------
    (3374, "SẢN PHẩM VÀ", "SẢN PHẨM VÀ", "enc", ""),
    (3377, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (3606, "9. ĐẢM BẢO CHẤT SẢN PHẨM", "9. ĐẢM BẢO CHẤT LƯỢNG SẢN PHẨM", "name",
     "tên nhóm in «ĐẢM BẢO CHẤT SẢN PHẨM» (thiếu chữ «LƯỢNG»); ghi «ĐẢM BẢO CHẤT LƯỢNG "
     "SẢN PHẨM» như ở mọi phiếu khác."),
    # --- sheet 7 --------------------------------------------------------------------------
    (3763, "3 Đỉểm", "3 Điểm", "enc", ""),
    (3777, "|góp của cộng đồng địa phương < 51%                           |        |",
     "|góp của cộng đồng địa phương < 51%                           |        |\n"
     "|□ HTX tổ chức, hoạt động theo Luật HTX 2012 hoặc công ty cổ phần có vốn góp của cộng "
     "đồng địa phương ≥ 51%|3 Điểm|", "option",
     "bản in chỉ có hai lựa chọn (1 và 2 điểm) dù điểm tối đa in là 3 và Phần A chỉ đủ 35 "
     "điểm với 3 điểm ở đây: thiếu lựa chọn thứ ba (toàn văn .doc và bản chép trước giống "
     "nhau). Đã thêm lựa chọn 3 «HTX tổ chức, hoạt động theo Luật HTX 2012 hoặc công ty cổ "
     "phần có vốn góp của cộng đồng địa phương ≥ 51%» (3 điểm), chép từ tiêu chí 3.1 của các "
     "phiếu khác (suy ra khi chép; cần đối chiếu Công báo)."),  # 3.1
    (3916, "CÔNG BÔì CHẤT", "CÔNG BỐ CHẤT", "enc", ""),
    (3916, "KIểM TRA", "KIỂM TRA", "enc", ""),
    (3931, "SẢN PHẩM", "SẢN PHẨM", "enc", ""),
    # --- sheet 8 --------------------------------------------------------------------------
    (4025, "SẢN PHẩM VÀ", "SẢN PHẨM VÀ", "enc", ""),
    (4028, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    # --- sheet 9 --------------------------------------------------------------------------
    (4356, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (4570, "CÔNG BÔì CHẤT", "CÔNG BỐ CHẤT", "enc", ""),
    (4570, "KIểM TRA", "KIỂM TRA", "enc", ""),
    # --- sheet 10 -------------------------------------------------------------------------
    (4679, "SẢN PHẩM VÀ", "SẢN PHẨM VÀ", "enc", ""),
    (4682, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (4891, "(CHẤT  lượng:", "(Chất lượng:", "enc", ""),
    (4897, "SẢN PHẩM,", "SẢN PHẨM,", "enc", ""),
    (4897, "KIểM TRA", "KIỂM TRA", "enc", ""),
    (4912, "SẢN PHẩM", "SẢN PHẨM", "enc", ""),
    # --- sheet 11 -------------------------------------------------------------------------
    (5009, "1. Tổ CHỨC", "1. TỔ CHỨC", "enc", ""),
    (5023, "(KhaÒ năng", "(Khả năng", "enc", ""),
    (5055, "PHÁT TRIÊÒN SẢN PHẩM", "PHÁT TRIỂN SẢN PHẨM", "enc", ""),
    (5087, "Lýòa chọn", "Lựa chọn", "enc", ""),
    (5225, "CÔNG BÔì CHẤT", "CÔNG BỐ CHẤT", "enc", ""),
    (5225, "KIểM TRA", "KIỂM TRA", "enc", ""),
    (5240, "SẢN PHẩM", "SẢN PHẨM", "enc", ""),
    # --- sheet 12 -------------------------------------------------------------------------
    (5543, "xoan đều", "xoăn đều", "typo",
     "lựa chọn 2 và 3 (dòng 5543, 5545) in «… (cánh chè dài, xoan đều, …)»; ghi «xoăn đều» "
     "(cánh chè xoăn, như cách gọi ngoại hình chè khô; lỗi gõ).", "6.1.2"),
    (5545, "xoan đều", "xoăn đều", "typo", "", "6.1.2"),
    (5551, "6.2.1 Màu nước", "6.2.1. Màu nước", "code", ""),
    # --- sheet 13 -------------------------------------------------------------------------
    (5900, "|2 Điểm", "|3 Điểm", "points",
     "ô điểm tối đa của 6.3 «Màu nước» in «2 Điểm», trong khi lựa chọn cao nhất «Trong sáng, "
     "rất phù hợp, bền màu» được 3 điểm và với 2 thì Phần C chỉ có 39 điểm; ghi 3 (tiêu chí "
     "«Màu nước» cùng các lựa chọn này được 3 điểm ở phiếu 12, 14), Phần C đủ 40.", "6.3"),
    (5901, "Hõi đục", "Hơi đục", "enc", ""),
    # --- sheet 14 -------------------------------------------------------------------------
    (6256, "|6.1.3. Mùi", "|6.1.4. Mùi", "renumber",
     "mục «Mùi» in mã 6.1.3, trùng với mục «Màu sắc» ngay trước; đánh lại là 6.1.4 (và "
     "«Vị» in 6.1.4 thành 6.1.5) cho các mục của 6.1 «Ngoại hình» theo thứ tự."),
    (6260, "|6.1.4. Vị", "|6.1.5. Vị", "renumber",
     "mục «Vị» in mã 6.1.4; đánh lại là 6.1.5 (xem 6.1.4)."),
    (6267, "Hõi đục", "Hơi đục", "enc", ""),
    # --- sheet 15 -------------------------------------------------------------------------
    (6383, "Rýợu trắng", "Rượu trắng", "enc", ""),
    # --- sheet 17 -------------------------------------------------------------------------
    (7285, "|5 Điểm", "|3 Điểm", "points",
     "ô điểm tối đa của 6.1 «Tạp chất lạ» in «5 Điểm», trong khi hai lựa chọn chỉ được 0 và 3 "
     "điểm và với 5 thì Phần C thành 42 điểm; ghi 3 (bằng lựa chọn cao nhất; Phần C đủ 40; "
     "tiêu chí này ở phiếu tương ứng của Quyết định 26/2026 cũng tối đa 3 điểm).", "6.1"),
    # --- sheet 19 -------------------------------------------------------------------------
    (7959, "không đánh giá các bước tiếp theo nếu không có số đăng ký thuốc/giấy tiếp", "",
     "moved",
     "đoạn «không đánh giá các bước tiếp theo nếu không có số đăng ký thuốc/giấy tiếp nhận "
     "đăng ký bản công bố sản phẩm (hoặc tương đương)» (dòng 7959–7960) in riêng ở đầu Phần "
     "C, trước nhóm 6, không có nhãn «Ghi chú:» và viết thường ở đầu; ghi là ghi chú (dừng "
     "đánh giá) của tiêu chí đầu tiên của Phần C (6), sau lựa chọn cuối của nó (dòng 7968), "
     "như ghi chú «Không đánh giá các bước tiếp theo nếu không có Phiếu công bố…» của nhóm 6 "
     "ở phiếu 20. Cần đối chiếu Công báo.",
     "6"),
    (7960, "nhận đăng ký bản công bố sản phẩm (hoặc tương đương)", "", "moved", "", "6"),
    (7962, "|6. Chất lượng nguyên liệu", "|6. CHẤT LƯỢNG NGUYÊN LIỆU", "name",
     "tên nhóm in chữ thường «Chất lượng nguyên liệu»; ghi in hoa «CHẤT LƯỢNG NGUYÊN LIỆU» "
     "như mọi tên nhóm khác."),
    (7968, "|□ Sử dụng trên 75%                                           |5 Điểm  |",
     "|□ Sử dụng trên 75%                                           |5 Điểm  |\n"
     "|Ghi chú: Không đánh giá các bước tiếp theo nếu không có số đăng ký thuốc/giấy tiếp "
     "nhận đăng ký bản công bố sản phẩm (hoặc tương đương)|", "moved", "", "6"),
    (7990, "|3 Điểm", "|5 Điểm", "points",
     "nhóm 10 «KIỂM TRA ĐỊNH KỲ» in điểm tối đa 5 nhưng ba lựa chọn chỉ được 0, 1, 3 điểm; "
     "các nhóm khác của Phần C đều khớp và Phần C chỉ đủ 40 điểm khi nhóm 10 được 5, nên "
     "lựa chọn cao nhất «Có, đạt đầy đủ» được ghi 5 điểm thay cho 3 (suy ra khi chép; cần "
     "đối chiếu Công báo).", "10"),
    # --- sheet 20 -------------------------------------------------------------------------
    (8080, "nguyên liệu cỏ nguồn gốc", "nguyên liệu có nguồn gốc", "typo",
     "lựa chọn 3 in «Sử dụng nguyên liệu cỏ nguồn gốc trong tỉnh …»; ghi «có nguồn gốc» như "
     "ở mọi phiếu khác."),
    (8161, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    (8266, "người sử dụng,...)", "người sử dụng,...", "typo",
     "ghi chú in «Sử dụng trực tiếp sản phẩm … minh chứng người sử dụng,...)» với dấu «)» "
     "thừa (không có dấu mở ngoặc); đã bỏ."),
    # --- sheet 21 -------------------------------------------------------------------------
    (8393, "tái tạo,... )/", "tái tạo,...)/", "punct", ""),
    (8403, "thông/đặc sản", "thống/đặc sản", "typo",
     "lựa chọn 4 in «… gắn với bảo tồn sản phẩm truyền thông/đặc sản/thế mạnh của địa "
     "phương»; ghi «truyền thống» như ở phiếu 3–19."),  # 2.1, option 4
    (8435, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    (8531, "người sử dụng,...)", "người sử dụng,...", "typo",
     "ghi chú in «Sử dụng trực tiếp sản phẩm … minh chứng người sử dụng,...)» với dấu «)» "
     "thừa (không có dấu mở ngoặc); đã bỏ."),
    # --- sheet 22 -------------------------------------------------------------------------
    (8649, "tái tạo,... )/", "tái tạo,...)/", "punct", ""),
    (8659, "thông/đặc sản", "thống/đặc sản", "typo",
     "lựa chọn 4 in «… gắn với bảo tồn sản phẩm truyền thông/đặc sản/thế mạnh của địa "
     "phương»; ghi «truyền thống» như ở phiếu 3–19."),  # 2.1, option 4
    (8691, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    (8789, "người sử dụng,...)", "người sử dụng,...", "typo",
     "ghi chú in «Sử dụng trực tiếp sản phẩm … minh chứng người sử dụng,...)» với dấu «)» "
     "thừa (không có dấu mở ngoặc); đã bỏ."),
    # --- sheet 23 -------------------------------------------------------------------------
    (8910, "tái tạo,... )/", "tái tạo,...)/", "punct", ""),
    (8920, "thông/đặc sản", "thống/đặc sản", "typo",
     "lựa chọn 4 in «… gắn với bảo tồn sản phẩm truyền thông/đặc sản/thế mạnh của địa "
     "phương»; ghi «truyền thống» như ở phiếu 3–19."),  # 2.1, option 4
    (8952, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    (9056, "nguyên Iiệu/", "nguyên liệu/", "enc", ""),
    # --- sheet 24 -------------------------------------------------------------------------
    (9173, "tái tạo,... )/", "tái tạo,...)/", "punct", ""),
    (9183, "thông/đặc sản", "thống/đặc sản", "typo",
     "lựa chọn 4 in «… gắn với bảo tồn sản phẩm truyền thông/đặc sản/thế mạnh của địa "
     "phương»; ghi «truyền thống» như ở phiếu 3–19."),  # 2.1, option 4
    (9215, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    (9318, "nguyên Iiệu/", "nguyên liệu/", "enc", ""),
    # --- sheet 25 -------------------------------------------------------------------------
    (9442, "tái tạo,... )/", "tái tạo,...)/", "punct", ""),
    (9452, "thông/đặc sản", "thống/đặc sản", "typo",
     "lựa chọn 4 in «… gắn với bảo tồn sản phẩm truyền thông/đặc sản/thế mạnh của địa "
     "phương»; ghi «truyền thống» như ở phiếu 3–19."),  # 2.1, option 4
    (9484, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    (9591, "nguyên Iiệu/", "nguyên liệu/", "enc", ""),
    (9591, "|3 Điểm", "|5 Điểm", "points",
     "ô điểm tối đa của 6.5 in «3 Điểm», trong khi lựa chọn cao nhất «Vật liệu chất lượng "
     "cao, … có tiêu chuẩn nguyên liệu và minh chứng chất lượng, sử dụng» được 5 điểm và với "
     "3 thì Phần C chỉ có 38 điểm; ghi 5 (bằng lựa chọn cao nhất; Phần C đủ 40).", "6.5"),
    # --- sheet 26 -------------------------------------------------------------------------
    (9672, "|1. Tổ chức dịch vụ", "|1. TỔ CHỨC DỊCH VỤ", "name",
     "tên nhóm in chữ thường «Tổ chức dịch vụ»; ghi in hoa «TỔ CHỨC DỊCH VỤ» như các nhóm "
     "2–5 của phiếu."),
    (9735, "quản trị cao cao cấp", "quản trị cao cấp", "typo",
     "lựa chọn a2 in «… quản trị cao cao cấp là người trong tỉnh …» (lặp chữ «cao»); ghi "
     "«cao cấp» như ở phiếu 4–19."),  # 3.2, case a, option 2
    (9756, "Khu vực khách hành chính", "Khu vực khách hàng chính", "typo",
     "tên tiêu chí in «Khu vực khách hành chính»; ghi «khách hàng chính» (lỗi gõ; ở các phiếu "
     "khác là «Khu vực phân phối chính»)."),
]

FULL_GROUP_MAX_CELLS: list[tuple[int, int, str]] = [
    (3551, 20, "6"),  # sheet 6: "6. CHỈ TIÊU CẢM QUAN | 20 Điểm"
    (4530, 20, "6"),  # sheet 9: "6. CHỈ TIÊU CẢM QUAN | 20 Điểm"
    (6976, 5, "8"),  # sheet 16: "8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM, KIỂM TRA ĐỊNH KỲ | 5 điểm"
    (7649, 5, "8"),  # sheet 18: "8. CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM, KIỂM TRA ĐỊNH KỲ | 5 Điểm"
    (8254, 9, "9"),  # sheet 20: "9. HIỆU QUẢ SỬ DỤNG | 9 Điểm" (9.1 6 + 9.2 3)
]

FULL_EXTRA_NOTES: list[tuple[int, str]] = [
    (2, "Phần C: các nhóm được đánh số 6, 7, 9, 10, 11 (không có nhóm 8; nhóm 7 là «TÍNH ĐỘC "
        "ĐÁO», không có nhóm «DINH DƯỠNG»); ghi đúng số in, tổng Phần C vẫn là 40."),
    (6, "6.1: lựa chọn 1 in «Có tạp chất, không nhận được» (0 điểm); ghi nguyên văn (có lẽ "
        "thiếu chữ «chấp»); cần đối chiếu Công báo."),
    (6, "6.2: hai lựa chọn «Tương đối đồng đều» và «Đồng đều» đều in 3 điểm (dãy điểm 0, 1, 3, "
        "3); ghi nguyên văn; cần đối chiếu Công báo (ở phiếu 9 cùng các lựa chọn này là 0, 1, "
        "2, 3)."),
    (9, "6.1: lựa chọn 1 in «Có tạp chất, không nhận được» (0 điểm); ghi nguyên văn (có lẽ "
        "thiếu chữ «chấp»); cần đối chiếu Công báo."),
    (13, "6.1: ghi chú «… sẽ không xem xét thêm các tiêu chuẩn khác» được ghi là ghi chú dừng "
         "đánh giá (gate), như ghi chú cùng chỗ «… sẽ không đánh giá các bước tiếp theo» ở "
         "phiếu 12, 14."),
    (15, "Nhóm 6: các tiêu chí được đánh số 6.1, 6.2, 6.3, 6.5 (không có 6.4); ghi đúng số in, "
         "tổng nhóm vẫn là 20."),
    (16, "Nhóm 6: các tiêu chí được đánh số 6.1, 6.2, 6.3, 6.5 (không có 6.4); ghi đúng số in, "
         "tổng nhóm vẫn là 20."),
]

# Parts whose printed points do not add up to the edition's part maximum, with nothing in the
# text saying which number is wrong: written as printed, the part carrying this sum_note.
# (sheet, part) -> (printed sum, note)
FULL_SUM_NOTES: dict[tuple[int, str], tuple[int, str]] = {
    (26, "A"): (34, "Các điểm in của Phần A cộng lại chỉ được 34 (nhóm 1: 6 + 10 + 3 = 19; "
                "nhóm 2: 3 + 3 = 6; nhóm 3: 3 + 2 + 1 + 1 + 2 = 9), trong khi tiêu đề Phần A "
                "(dòng 9670–9671) và Điều 1 của quyết định ghi 35 điểm. Điểm tối đa của mọi tiêu chí "
                "đều khớp với lựa chọn cao nhất, nên văn bản không cho biết con số nào in sai. "
                "Dữ liệu ghi đúng như bản in: phiếu này tối đa 99 điểm (34 + 25 + 40). Chưa đối "
                "chiếu Công báo."),
}

LEGACY_TEXT_FIXES: list[tuple] = [
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
LEGACY_GROUP_MAX_CELLS: list[tuple[int, int, str]] = [
    (1380, 20, "6"),  # sheet 6: "□ Không phát hiện tạp chất | 20 Điểm" (6.1 option 3)
    (2192, 20, "6"),  # sheet 9: "□ Không phát hiện tạp chất | 20 Điểm" (6.1 option 3)
]

GROUP_MAX_LEFT: dict[tuple[int, int], str] = {}  # filled in main(), emptied while parsing

# Transcription notes that are not tied to a text change (source inconsistencies recorded
# as printed, structural decisions). (sheet, note)
LEGACY_EXTRA_NOTES: list[tuple[int, str]] = [
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


@dataclass(frozen=True)
class Layout:
    """Where things are in one of the two texts, and the corrections that text needs."""

    name: str  # "full" (antiword output of the complete .doc) or "legacy" (older, truncated)
    file: str  # the source file name, for the edition's source.file
    description: str  # the edition's source.description
    confidence_note: str
    title_lines: tuple[int, ...]  # lines holding the decision's name line, in capitals
    annex_i: tuple[int, int]  # first and last line of the Phụ lục I table
    toc: tuple[int, int]  # first and last line of the contents table of Phụ lục III
    annex_iii_start: int  # "PHỤ LỤC III"
    text_fixes: list[tuple]
    group_max_cells: list[tuple[int, int, str]]
    extra_notes: list[tuple[int, str]]
    # lines of group headings printed in sentence case and kept so (otherwise a group heading
    # is told from other numbered text by its capitals)
    sentence_case_groups: frozenset[int] = frozenset()
    # parts written as printed though they do not add up: (sheet, part) -> (sum, note)
    sum_notes: dict[tuple[int, str], tuple[int, str]] = field(default_factory=dict)


AMENDED = ("Phụ lục đã được sửa đổi bởi Quyết định 781/QĐ-TTg ngày 08/6/2020 mà nội dung sửa "
           "đổi chưa có ở đây.")

FULL = Layout(
    name="full",
    file="qd-1048-2019-QD-TTg.full.txt",
    description="Bản chuyển văn bản (antiword) của tệp .doc đầy đủ của Quyết định 1048/QĐ-TTg "
    "(LawSoft/thuvienphapluat.vn), gồm đủ 26 phiếu; chữ chưa chuẩn hóa Unicode, đã chuẩn hóa "
    "NFC khi chép.",
    confidence_note="Văn bản quyết định (bản .doc đầy đủ, chưa đối chiếu Công báo); " + AMENDED,
    title_lines=(11, 12),
    annex_i=(143, 199),
    toc=(1715, 1742),
    annex_iii_start=1707,
    text_fixes=FULL_TEXT_FIXES,
    group_max_cells=FULL_GROUP_MAX_CELLS,
    extra_notes=FULL_EXTRA_NOTES,
    # sheet 26, Phần C: groups 6–12 ("6. Vị trí", …), as in the 2026 edition's sheet 26
    sentence_case_groups=frozenset({9808, 9813, 9818, 9822, 9827, 9832, 9836}),
    sum_notes=FULL_SUM_NOTES,
)

LEGACY = Layout(
    name="legacy",
    file="qd-1048-2019-QD-TTg.txt",
    description="Bản chuyển văn bản (text) từ một bản .doc công khai của Quyết định "
    "1048/QĐ-TTg; chữ chưa chuẩn hóa Unicode, đã chuẩn hóa NFC khi chép.",
    confidence_note="Văn bản quyết định; " + AMENDED,
    title_lines=(2,),
    annex_i=(37, 37),  # the whole Phụ lục I table is this one line
    toc=(578, 578),  # "STT | Nội dung | Trang | …" on one line
    annex_iii_start=575,
    text_fixes=LEGACY_TEXT_FIXES,
    group_max_cells=LEGACY_GROUP_MAX_CELLS,
    extra_notes=LEGACY_EXTRA_NOTES,
)


class Source(BaseSource):
    def __init__(self, path: Path):
        super().__init__(path)
        # The older text has the whole Phụ lục I table on one line; antiword draws tables
        # as "|cell|cell|" rows.
        head = clean(self.orig[LEGACY.annex_i[0] - 1]) if len(self.orig) > 37 else ""
        self.layout = LEGACY if head.startswith("STT | Phân loại sản phẩm") else FULL
        self.truncated_at = next(
            (n for n in range(self.layout.annex_iii_start, len(self.lines) + 1)
             if RE_GARBAGE.search(self.lines[n - 1])), None)

    @property
    def full(self) -> bool:
        return self.layout is FULL

    def apply_fixes(self) -> None:
        self.apply_text_fixes(self.layout.text_fixes)

    def sheet_starts(self) -> dict[int, int]:
        """Sheet number -> line of its heading "N. Bộ sản phẩm: …" (before the truncation)."""
        end = self.truncated_at or len(self.lines) + 1
        out = {}
        for n in range(self.layout.annex_iii_start, end):
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


def table_cells(src: Source, lines: tuple[int, int]) -> list[str]:
    """The non-empty cells of a table in reading order. The older text has a table on one
    line, cells separated by " | "; antiword draws each row as "|cell|cell|" and wraps a long
    cell over several rows whose first cell is empty: those are joined to the row above."""
    first, last = lines
    if not src.full:
        return [c for c in (clean(c) for n in range(first, last + 1)
                            for c in src.lines[n - 1].split(" | ")) if c]
    rows: list[list[str]] = []
    for n in range(first, last + 1):
        raw = src.lines[n - 1].strip()
        if not (raw.startswith("|") and raw.endswith("|")):
            raise SystemExit(f"line {n}: expected a table row, got {raw[:80]!r}")
        cells = [clean(c) for c in raw[1:-1].split("|")]
        if rows and not cells[0]:
            rows[-1] = [join(a, b) if b else a for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    return [c for row in rows for c in row if c]


def parse_annex_i(src: Source) -> tuple[list[dict], list[dict]]:
    """Return (ngành list, leaf list). A leaf is a product set: a phân nhóm, a nhóm without
    phân nhóm or a ngành without nhóm, in table order, with its code and ministries."""
    cells = table_cells(src, src.layout.annex_i)
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
    cells = table_cells(src, src.layout.toc)
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
# Under a part title (sheet 26, Phần C): each "□" item is a yes/no criterion, the points of
# every item marked "Có" are added up.
ADDITIVE = "(Được cộng tổng điểm các nội dung ghi Có)"
HEADER_SKIP = ("Tên sản phẩm", "Mã số sản phẩm", "T: Mã tỉnh", "(T: Mã tỉnh", "Tên chủ thể",
               "Địa chỉ", "Tên chú thể")  # (sheet 23 of the full text prints "chú")


class Tok:
    """A cell of text (``n``: its first line, ``ns``: every line it covers) or a points cell."""

    __slots__ = ("i", "n", "ns", "text")

    def __init__(self, i: int, n: int, text: str, ns: tuple[int, ...] | None = None):
        self.i, self.n, self.text = i, n, text
        self.ns = ns or (n,)

    def __repr__(self):
        return f"<{self.n}:{self.text[:40]!r}>"


def tokens(src: Source, start: int, end: int) -> list[Tok]:
    return full_tokens(src, start, end) if src.full else legacy_tokens(src, start, end)


# What starts a new cell of text in the antiword layout (anything else in the text column of
# a table row continues the cell above: antiword wraps a long cell over several rows).
RE_CELL_START = re.compile(
    r"^(?:□|\(|- |Ghi chú|Chú ý|Lưu ý|Tham khảo|Lựa chọn|Chỉ áp dụng|Chỉ ra|[a-z]\.? Trường hợp"
    r"|Tổng Điểm|Kết quả|Xếp hạng|Phần [ABC]:)")


def starts_cell(t: str) -> bool:
    if RE_CELL_START.match(t) or RE_C3.match(t) or RE_CRIT.match(t):
        return True
    m = RE_GROUP.match(t)
    return bool(m and m.group(2)[:1].isupper())


def full_tokens(src: Source, start: int, end: int) -> list[Tok]:
    """Cells of the antiword layout. A table row is "|text|points|" (or one "|text|" cell);
    the text of a wrapped cell continues on the next rows, and a points cell can stand on
    any row of its option: the text of consecutive rows is joined into one cell unless a
    row starts a new item (``starts_cell``), and the points cells of those rows follow the
    joined text, each with its own line. Text outside tables is a paragraph (lines up to a
    blank line), one cell."""
    cells: list[list] = []  # [text, lines, [(line, points cell)]]
    in_table = in_para = False
    # A correction can add a row: the corrected line then holds several, split at "\n".
    rows = [(n, r.rstrip()) for n in range(start, end) for r in src.lines[n - 1].split("\n")]
    for n, raw in rows:
        if len(raw) > 1 and raw.startswith("|") and raw.endswith("|"):
            left, *rights = (clean(c) for c in raw[1:-1].split("|"))
            cur = cells[-1] if cells and in_table else None
            if left and (cur is None or not cur[0] or starts_cell(left)
                         or RE_PART.match(cur[0]) or cur[0] == "Kết quả"):
                cells.append([left, [n], []])
            elif left:
                cur[0] = join(cur[0], left)
                cur[1].append(n)
            elif cur is None:
                cells.append(["", [n], []])
            cells[-1][2].extend((n, r) for r in rights if r)
            in_table, in_para = True, False
        elif raw.strip():
            if in_para:
                cells[-1][0] = join(cells[-1][0], raw)
                cells[-1][1].append(n)
            else:
                cells.append([clean(raw), [n], []])
            in_table, in_para = False, True
        else:
            in_table = in_para = False
    out: list[Tok] = []
    for text, lines, points in cells:
        # "Phần B: KHẢ NĂNG TIẾP THỊ (25 Điểm)" in one paragraph: the part and its title
        if m := re.match(r"^(Phần [ABC]:) (.+)$", text):
            out.append(Tok(len(out), lines[0], m.group(1), tuple(lines)))
            text = m.group(2)
        if text:
            out.append(Tok(len(out), lines[0], text, tuple(lines)))
        for n, cell in points:
            out.append(Tok(len(out), n, cell))
    return out


def legacy_tokens(src: Source, start: int, end: int) -> list[Tok]:
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
        self.drifts: list[tuple[int, str]] = []  # (line, slot) points cells above their slot

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
            for n in t.ns:
                self.loc.setdefault(n, self.here())
            self.loc_tok[t.i] = self.here()
        if self.complete and not self.finished:
            self.err("no «Kết quả» line")
        return self

    def parse_header(self) -> int:
        state = "heading"
        for k, t in enumerate(self.toks):
            self.tok = t
            for n in t.ns:
                self.loc[n] = "đầu phiếu"
            x = t.text
            if RE_PART.match(x):
                if not (self.heading and self.category):
                    self.err("incomplete sheet header")
                if not self.rules:
                    self.events.append("Phiếu không in dòng «Bị loại khi: …» (không có "
                                       "rejection_rules).")
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
            elif x.startswith(HEADER_SKIP) or re.fullmatch(r"-{10,}", x):
                continue  # form fields, and a rule under the heading (antiword)
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
        if x == ADDITIVE and not self.part["groups"]:
            self.part["_additive"] = t.n  # every item marked "Có" scores: see post()
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
        elif (m := RE_GROUP.match(x)) and (m.group(2) == m.group(2).upper()
                                           or t.n in self.src.layout.sentence_case_groups):
            self.close_group()
            self.group = {"code": m.group(1), "name": m.group(2), "entries": [],
                          "_tok": t, "_n": t.n,
                          "_as_printed": t.n in self.src.layout.sentence_case_groups}
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
        if re.search(r"ngày (?:\.\.\.|…) tháng (?:\.\.\.|…) năm 20", x):
            return
        if self.src.full and (x in ("Người đánh giá", "(Ký và ghi rõ họ tên)")
                              or x.lower().startswith("tổng điểm (phần a + b + c)")
                              or re.fullmatch(r"[.…]+", x)):
            return  # the signature block (drawn as a table by antiword), blank answer lines
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
        for part in self.parts:
            if part.get("_additive"):
                self.make_additive(part)
        for _p, _g, c in self.all_crits():
            if c["description"] is not None:
                c["description"] = strip_parens(c["description"])
            for nt in c["notes"]:
                if nt["_label"] == "Tham khảo":
                    nt["text"] = nt["text"] + " " + join_items(nt.pop("_items"))
                nt["kind"] = note_kind(nt["text"])
                if "sẽ không xem xét thêm các tiêu chuẩn khác" in nt["text"]:
                    nt["kind"] = "gate"  # sheet 13 of the full text: see FULL_EXTRA_NOTES
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

    def make_additive(self, part: dict):
        """Each group of the part, scored directly, has "□" items whose points are added up
        (one for every item marked "Có"): each item becomes a yes/no criterion of the group
        ("N.1", "N.2", … in printed order), the printed group maximum is checked against
        their sum."""
        for g in part["groups"]:
            (c,) = g["entries"]
            if not g.get("_direct") or c["cases"] or c["notes"] or c["description"]:
                raise ParseError(f"sheet {self.sheet}: additive group {g['code']} is not a "
                                 "plain list of items")
            g["entries"] = [
                {"code": f"{g['code']}.{k}", "name": o["text"], "description": None,
                 "max": o["points"], "applies_text": None, "options": [], "cases_text": None,
                 "cases": [], "notes": [], "yes_no": True, "_i": o["_i"], "_n": o["_n"],
                 "_section": None}
                for k, o in enumerate(c["options"], start=1)]
            g["_direct"] = False
            g["_printed_max"] = c["max"]
        codes = [g["code"] for g in part["groups"]]
        self.events.append(
            f"Phần {part['part']} in «{ADDITIVE[1:-1]}»: điểm của mọi nội dung «□» được "
            f"đánh dấu Có được cộng lại, nên mỗi nội dung của các nhóm {codes[0]}–{codes[-1]} "
            "được ghi là một tiêu chí Có/Không (yes_no) với điểm in của nó; mã "
            f"{codes[0]}.1, {codes[0]}.2, … do người chép đánh theo thứ tự in; điểm tối đa in "
            "của mỗi nhóm bằng tổng điểm các nội dung.")

    def same_table(self, a: int, b: int) -> bool:
        """Lines a to b are all rows of one table (no blank line or paragraph between)."""
        return all(self.src.lines[n - 1].startswith("|") for n in range(a, b + 1))

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
            # In the antiword layout a points cell can stand rows above its option (the
            # points of a Word cell are stacked from its top while the options wrap over
            # several rows): it may then come before its slot, within the same table.
            early = k < len(slots) and slots[k][0] > num.i
            if k >= len(slots) or (early and not (
                    self.src.full and self.same_table(num.n, slots[k][2]["_n"]))):
                self.err("number with no open slot before it (stray number)")
            _, kind, obj = slots[k]
            if early:
                self.drifts.append((num.n, obj.get("code") or obj.get("text")))
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


def verify_sheet(p: SheetParser, printed_sums: dict[str, int] | None = None,
                 ) -> tuple[list[str], list[str], dict]:
    """Return (errors, warnings, stats). ``printed_sums``: parts recorded as not adding up
    (part -> the printed sum expected instead of the edition's part maximum)."""
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
            if g["name"] != g["name"].upper() and not g.get("_as_printed"):
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
                if c.get("yes_no"):  # one "□" item, scored Có/Không
                    n_opts += 1
                    if bad_spacing(c["name"]) or "□" in c["name"]:
                        warns.append(f"{c['code']}: check the text {c['name']!r}")
                    continue
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
        expected = (printed_sums or {}).get(part["part"], PART_MAX.get(part["part"]))
        if gsum != expected:
            errs.append(f"part {part['part']}: groups sum to {gsum}, expected {expected}")
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
            if a["line"] in t.ns and probe in t.text and t.i in p.loc_tok:
                return p.loc_tok[t.i]
    return p.loc.get(a["line"], "?")


def fix_location_and_line(p: SheetParser, a: dict) -> str:
    """``fix_location`` and the line of the source text the correction was made on."""
    return f"{fix_location(p, a)}, dòng {a['line']}"


def transcription_notes(p: SheetParser, src: Source) -> list[str]:
    locate = fix_location_and_line if src.full else fix_location
    # A correction with an empty note and a kind that is not summarised is one step of a
    # correction spread over several lines; the step that carries the note stands for it.
    noted = SimpleNamespace(applied=[a for a in src.applied
                                     if a["note"] or a["kind"] in KIND_SUMMARY])
    notes = correction_notes(p, noted, KIND_SUMMARY, src.layout.extra_notes, locate=locate)
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
    ]
    if src.full:
        lines += [
            "# Chép từ toàn văn quyết định: bản chuyển văn bản bằng antiword của tệp .doc gốc đầy đủ",
            f"# ({src.layout.file}); {len(written)} của {len(leaves)} phiếu có trong dữ liệu. "
            "Mọi chỗ sửa",
            "# bản chép được ghi trong transcription_notes của bộ sản phẩm, kèm số dòng trong bản",
            "# chép. Phiếu 1–10 trước đây chép từ bản qd-1048-2019-QD-TTg.txt (bị cắt giữa phiếu",
            "# 11); nay được chép lại từ toàn văn và đã đối chiếu với lần chép trước.",
        ]
        for (sheet, part), (_sum, note) in sorted(src.layout.sum_notes.items()):
            lines += textwrap.wrap(note, width=92, initial_indent=f"# GHI NHƯ BẢN IN (phiếu "
                                   f"{sheet}, Phần {part}, sum_note): ",
                                   subsequent_indent="#   ")
        lines.append("# Danh mục Phụ lục I (mã, phiếu, tên trong mục lục Phụ lục III, bộ chủ trì):")
        for k, leaf in enumerate(leaves, start=1):
            mark = "" if leaf["code"] in written else "  [chưa ghi, xem trên]"
            lines.append(f"#   {leaf['code']:7} phiếu {k:2}: {toc.get(k, leaf['name'])} "
                         f"({leaf['agency']}){mark}")
        return lines
    lines += [
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

    lay = src.layout
    print(f"Source: {source} ({len(src.orig)} lines; NFC already: {src.was_nfc}; layout "
          f"{lay.name})")
    printed = clean(" ".join(src.lines[n - 1] for n in lay.title_lines))
    if printed != TITLE:
        print(f"ERROR title line(s) {lay.title_lines}: {printed!r}")
        failed = True
    elif clean(TITLE.removeprefix("VỀ VIỆC ")).lower() != EDITION["title"].lower():
        print("ERROR the title does not have the wording of the name line")
        failed = True
    print(f"Corrections: {len(lay.text_fixes)} text fixes")
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
    GROUP_MAX_LEFT.update({(n, v): code for (n, v, code) in lay.group_max_cells})
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
        notes = {part: sn for (n, part), sn in lay.sum_notes.items() if n == sheet}
        errs, warns, st = verify_sheet(p, {part: total for part, (total, _) in notes.items()})
        abc = "/".join(str(st["sums"].get(x, "?")) for x in "ABC")
        boxes = f"{st['boxes']}" + (f"+{st['added']}" if st["added"] else "")
        for part in p.parts:
            if part["part"] in notes:
                part["sum_note"] = notes[part["part"]][1]
        result = "OK" if not errs else "FAIL"
        if notes and not errs:
            result += " (as printed: " + ", ".join(f"{x} = {t}" for x, (t, _) in notes.items()) + ")"
        print(f"{sheet:5} {leaf['code']:7} {st['groups']:3} {st['criteria']:4} {st['options']:4} "
              f"{st['cases']:5} {boxes:5} {abc:9} {result}")
        gl = " ".join(f"{g['code']}={g['max']}" for x in p.parts for g in x["groups"])
        print(f"      groups {gl}")
        for e in errs:
            print(f"      ERROR {e}")
        for w in warns:
            print(f"      warn  {w}")
        if p.drifts:
            print(f"      drift {len(p.drifts)} points cell(s) printed above their option, "
                  "assigned in printed order: lines "
                  + ", ".join(str(n) for n, _ in p.drifts))
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
    data["source"] = {"file": lay.file, "description": lay.description}
    data["confidence_note"] = lay.confidence_note
    # The older text: only the written sets are listed. The full text: every set of Phụ lục I.
    listed = written
    data["product_groups"] = [
        {"code": g["code"], "name": g["name"],
         "product_sets": [lf["code"] for lf in leaves
                          if lf["code"].split(".")[0] == g["code"] and lf["code"] in listed]}
        for g in nganh]
    data["product_sets"] = sets
    return write_edition(data, head_comment(nganh, leaves, toc, written, src), args.output,
                         args.check, flow_keys=(*FLOW_KEYS, "untranscribed_sets"))


if __name__ == "__main__":
    sys.exit(main())
