#!/usr/bin/env python3
"""One-off importer: Decision 26/2026/QĐ-TTg scoring sheets -> docs/criteria/qd-26-2026.yml.

Reads the plain-text transcript in the shared reference folder
(``shared/reference/sources/qd-26-2026-QD-TTg.txt``), parses Phụ lục I (classification,
managing agencies) and the 26 scoring sheets of Phụ lục II, applies the explicit
corrections listed in the tables below, checks every sheet arithmetically and writes the
edition YAML in the layout of ``docs/developers/criteria-format.md``.

After the first run the YAML file is the hand-edited source of truth; this script is kept
so the import can be reproduced and audited. Hand edits made since the import (the script
does not reproduce them): the intermediate headings 6.1/6.2 of sheets 11 and 13 became
``criteria`` sections, and ``product_groups`` list their product set codes. Run:

    python scripts/import/qd26.py [--source PATH] [--output PATH] [--check]

``--check`` parses and verifies without writing. The script exits non-zero when a
verification fails. Python 3.11, standard library + PyYAML (only used to re-read the
generated file and compare it with the data it was generated from). What this importer
shares with ``qd1048.py`` (text helpers, corrections, output data, YAML writer, command
line) is in ``common.py`` next to it, which the script imports from its own folder; the
folder name ``import`` is a Python keyword, so it is run as a script, not with ``-m``.

Every manual fix lives in one of the tables in the "CORRECTIONS" section, keyed by the
1-based line number in the source file, and each table entry asserts the text it expects to
find there, so a different copy of the source makes the script stop instead of silently
producing different data. Every fix is also written to the product set's
``transcription_notes``.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path

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

DEFAULT_SOURCE_CANDIDATES = source_candidates("qd-26-2026-QD-TTg.txt")
DEFAULT_OUTPUT = CRITERIA_DIR / "qd-26-2026.yml"

# ---------------------------------------------------------------------------------------
# Edition header (values fixed by the brief, not parsed)
# ---------------------------------------------------------------------------------------

EDITION = {
    "edition": "qd-26-2026",
    "decision": "26/2026/QĐ-TTg",
    "title": "Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm mỗi xã một sản phẩm",
    "date": dt.date(2026, 5, 22),
    "signer": "Hồ Quốc Dũng (Phó Thủ tướng, ký thay Thủ tướng)",
    "status": "current",
    "replaces": ["qd-148-2023"],
    "replaced_by": None,
    "source": {
        "file": "qd-26-2026-QD-TTg.txt",
        "description": "Bản chuyển văn bản (text) từ một bản HTML công khai của Quyết định "
        "26/2026/QĐ-TTg; chưa đối chiếu với Công báo.",
    },
    "confidence": "M",
    "confidence_note": "Một bản chép duy nhất, chưa đối chiếu với Công báo; các chỗ sửa lỗi "
    "chép được ghi trong transcription_notes của từng bộ.",
    "sheets_available": True,
    "parts": [
        {"code": "A", "name": "Sản phẩm và sức mạnh của cộng đồng", "max": 40},
        {"code": "B", "name": "Khả năng tiếp thị", "max": 25},
        {"code": "C", "name": "Chất lượng sản phẩm", "max": 35},
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
        {"stars": 5, "certificate": True, "authority": "Bộ Nông nghiệp và Môi trường"},
    ],
    "certificate_validity_months": 36,
    "product_groups": [
        {"code": "I", "name": "Sản phẩm thực phẩm"},
        {"code": "II", "name": "Sản phẩm đồ uống"},
        {"code": "III", "name": "Sản phẩm dược liệu và sản phẩm từ dược liệu"},
        {"code": "IV", "name": "Sản phẩm hàng thủ công mỹ nghệ"},
        {"code": "V", "name": "Sản phẩm sinh vật cảnh"},
        {"code": "VI", "name": "Sản phẩm dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"},
    ],
}
PART_MAX = {"A": 40, "B": 25, "C": 35}

# Sheet number (Phụ lục II) -> product set code (Phụ lục I)
SHEET_CODES = {
    1: "I.1.a", 2: "I.1.b", 3: "I.2.a", 4: "I.2.b", 5: "I.3.a", 6: "I.3.b", 7: "I.3.c",
    8: "I.3.d", 9: "I.4.a", 10: "I.4.b", 11: "I.5.a", 12: "I.5.b", 13: "I.6",
    14: "II.1.a", 15: "II.1.b", 16: "II.2.a", 17: "II.2.b", 18: "III.1", 19: "III.2",
    20: "III.3", 21: "IV.1", 22: "IV.2", 23: "V.1", 24: "V.2", 25: "V.3", 26: "VI.1",
}

# Line (1-based) where each sheet's heading starts. Sheet 19's heading "19." stands alone on
# its line and "Bộ sản phẩm: …" follows; sheets 12 and 13 have no "Bộ sản phẩm:" prefix.
SHEET_START = {
    1: 729, 2: 1181, 3: 1619, 4: 2066, 5: 2514, 6: 2946, 7: 3394, 8: 3886, 9: 4384,
    10: 4827, 11: 5276, 12: 5732, 13: 6183, 14: 6647, 15: 7066, 16: 7488, 17: 7897,
    18: 8359, 19: 8844, 20: 9318, 21: 9784, 22: 10204, 23: 10617, 24: 11003, 25: 11383,
    26: 11749,
}
ANNEX_I_RANGE = (520, 664)  # lines of Phụ lục I (1-based, end exclusive)
ANNEX_III_START = 12201  # "PHỤ LỤC III": end of the last sheet

# ---------------------------------------------------------------------------------------
# CORRECTIONS
# ---------------------------------------------------------------------------------------
# Each entry: (line, old, new, kind, note)
#   line  1-based line number in the source file
#   old   text that must occur exactly once in that line (the script stops otherwise)
#   new   replacement
#   kind  split   - a word split by a stray space in the transcript ("sản phẩ m")
#         number  - a number split by a stray space ("3 5" for 35)
#         punct   - a stray space before punctuation ("thuyết phục .")
#         marker  - a star marker split by spaces
#         bullet  - an option printed with another bullet than "□"
#         code    - a heading code printed without its dot / with a space before the dot
#         points  - a points value changed (see the note)
#         stray   - a stray line removed (see the note)
#         typo    - another obvious typo (see the note)
#   note  Vietnamese explanation for transcription_notes ("" for kinds that are summarised
#         automatically per sheet: split, number, punct, marker, code)
TEXT_FIXES: list[tuple[int, str, str, str, str]] = [
    # --- isolated fixes, in line order ---------------------------------------------------
    (1906, "* * * *", "****", "marker", ""),  # sheet 3, 5.1 option 5
    (2431, "đường khử tự đo", "đường khử tự do", "typo",
     "mô tả in «đường khử tự đo»; ghi «đường khử tự do» (lỗi chính tả)."),  # sheet 4, group 7
    (2438, "13", "3", "points",
     "lựa chọn 3 «Có trên 2 chỉ tiêu» in điểm «13» (vượt điểm tối đa 3 của nhóm); ghi 3 "
     "(cùng lựa chọn này được 3 điểm ở phiếu 1)."),  # sheet 4, group 7
    (2896, "Ghi chú: Sản Tiêu chuẩn", "Ghi chú: Bản Tiêu chuẩn", "typo",
     "ghi chú in «Sản Tiêu chuẩn sản phẩm phải có phiếu kiểm nghiệm…»; ghi «Bản Tiêu chuẩn…» "
     "như ghi chú cùng chỗ ở các phiếu khác."),  # sheet 5, group 8
    (3818, "o Rất độc đáo", "□ Rất độc đáo", "bullet",
     "lựa chọn 4 «Rất độc đáo và có tính đặc trưng» (5 điểm, *****) được in với ký hiệu «o» "
     "thay cho «□»; vẫn ghi là một lựa chọn."),  # sheet 7, group 7
    (5215, "8 CÔNG BỐ", "8. CÔNG BỐ", "code", ""),  # sheet 10, group 8
    (5609, "11", "1", "points",
     "lựa chọn 2 «Có rất ít tạp chất, chấp nhận được» in điểm «11» (vượt điểm tối đa 2 của "
     "tiêu chí); ghi 1 (các lựa chọn 0, ?, 2; cùng lựa chọn này được 1 điểm ở phiếu 12)."),
    (5625, "6.2 Nước", "6.2. Nước", "code", ""),  # sheet 11: codes without their final dot
    (5627, "6.2.1 Màu", "6.2.1. Màu", "code", ""),
    (5637, "6.2.2 Mùi", "6.2.2. Mùi", "code", ""),
    (6511, "6.1.1 Tạp", "6.1.1. Tạp", "code", ""),  # sheet 13: codes without their final dot
    (6539, "6.1.4 Mùi", "6.1.4. Mùi", "code", ""),
    (6547, "6.1.5 Vị", "6.1.5. Vị", "code", ""),
    (6555, "6.2 Nước", "6.2. Nước", "code", ""),
    (6557, "6.2.1 Màu", "6.2.1. Màu", "code", ""),
    (7160, "nghiệp, ... )", "nghiệp, ...)", "punct", ""),  # sheet 15, 1.6 option 2
    (7774, "độc trưng", "đặc trưng", "typo",
     "yêu cầu in «giá trị độc trưng của sản phẩm»; ghi «đặc trưng» (lỗi chính tả)."),  # sheet 16
    (8215, "độc trưng", "đặc trưng", "typo",
     "yêu cầu in «giá trị độc trưng của sản phẩm»; ghi «đặc trưng» (lỗi chính tả)."),  # sheet 17
    (10594, "năng..", "năng.", "typo",
     "ghi chú kết thúc bằng «..»; ghi một dấu chấm."),  # sheet 22, group 9
    (10969, "1", "", "stray",
     "ngay sau điểm tối đa «4» của nhóm có một dòng chỉ ghi số «1», không thuộc lựa chọn "
     "nào (hai lựa chọn in sau đó có điểm 2 và 4); dòng này được bỏ qua."),  # sheet 23, grp 9
    (11688, "phẩm :", "phẩm", "typo",
     "lựa chọn 3 «Rất đẹp, bắt mắt và ấn tượng so với đặc tính sản phẩm :» có dấu «:» thừa ở "
     "cuối; đã bỏ."),  # sheet 25, 6.2
    (11933, "4.2 Liên", "4.2. Liên", "code", ""),  # sheet 26: code without its final dot
    # --- sheets 18 (end), 19, 20: words/numbers split by a stray space, spaces before punctuation ---
    (8769, "K Ỳ", "KỲ", "split", ""),
    (8771, "toàn )", "toàn)", "punct", ""),
    (8797, "PHẨ M", "PHẨM", "split", ""),
    (8809, "DÙN G", "DÙNG", "split", ""),
    (8817, "CẦ U", "CẦU", "split", ""),
    (8821, "ti n", "tin", "split", ""),
    (8822, "năng .", "năng.", "punct", ""),
    (8832, "CỘN G", "CỘNG", "split", ""),
    (8833, "10 0", "100", "number", ""),
    (8866, "A :", "A:", "punct", ""),
    (8868, "Điểm )", "Điểm)", "punct", ""),
    (8869, "4 0", "40", "number", ""),
    (8870, "1 .", "1.", "code", ""),
    (8872, "1 7", "17", "number", ""),
    (8873, "liệ u", "liệu", "split", ""),
    (8886, "tr ị", "trị", "split", ""),
    (8899, "phố i", "phối", "split", ""),
    (8902, "xuất )", "xuất)", "punct", ""),
    (8913, "xuấ t", "xuất", "split", ""),
    (8929, "xuấ t", "xuất", "split", ""),
    (8944, "xuấ t", "xuất", "split", ""),
    (8954, "PHẨ M", "PHẨM", "split", ""),
    (8955, "1 1", "11", "number", ""),
    (8956, "phẩ m", "phẩm", "split", ""),
    (8975, "phẩ m", "phẩm", "split", ""),
    (8989, "hó a", "hóa", "split", ""),
    (9006, "ĐỒN G", "ĐỒNG", "split", ""),
    (9007, "1 2", "12", "number", ""),
    (9009, "doan h", "doanh", "split", ""),
    (9024, "tậ t", "tật", "split", ""),
    (9033, "phươn g", "phương", "split", ""),
    (9044, "doan h", "doanh", "split", ""),
    (9056, "tu ệ", "tuệ", "split", ""),
    (9067, "*** *", "****", "marker", ""),
    (9079, "B :", "B:", "punct", ""),
    (9081, "Điểm )", "Điểm)", "punct", ""),
    (9082, "2 5", "25", "number", ""),
    (9083, "TH Ị", "THỊ", "split", ""),
    (9084, "1 3", "13", "number", ""),
    (9085, "chín h", "chính", "split", ""),
    (9101, "phố i", "phối", "split", ""),
    (9103, "phẩm )", "phẩm)", "punct", ""),
    (9117, "phẩ m", "phẩm", "split", ""),
    (9138, "PHẨ M", "PHẨM", "split", ""),
    (9139, "1 2", "12", "number", ""),
    (9140, "phẩ m", "phẩm", "split", ""),
    (9158, "phẩ m", "phẩm", "split", ""),
    (9160, "phẩ m", "phẩm", "split", ""),
    (9168, "phươn g", "phương", "split", ""),
    (9171, "phục .", "phục.", "punct", ""),
    (9187, "C :", "C:", "punct", ""),
    (9189, "Điểm )", "Điểm)", "punct", ""),
    (9190, "3 5", "35", "number", ""),
    (9191, "LƯỢN G", "LƯỢNG", "split", ""),
    (9207, "địn h", "định", "split", ""),
    (9208, "7 .", "7.", "code", ""),
    (9210, "bố )", "bố)", "punct", ""),
    (9218, "QUẢ N", "QUẢN", "split", ""),
    (9228, "DỤN G", "DỤNG", "split", ""),
    (9230, "dụng )", "dụng)", "punct", ""),
    (9241, "ĐÁ O", "ĐÁO", "split", ""),
    (9244, "phương )", "phương)", "punct", ""),
    (9256, "11 .", "11.", "code", ""),
    (9257, "K Ỳ", "KỲ", "split", ""),
    (9259, "toàn )", "toàn)", "punct", ""),
    (9267, "PHẨ M", "PHẨM", "split", ""),
    (9282, "DÙN G", "DÙNG", "split", ""),
    (9290, "CẦ U", "CẦU", "split", ""),
    (9295, "năng .", "năng.", "punct", ""),
    (9305, "CỘN G", "CỘNG", "split", ""),
    (9306, "10 0", "100", "number", ""),
    (9334, "ch í", "chí", "split", ""),
    (9336, "A :", "A:", "punct", ""),
    (9338, "Điểm )", "Điểm)", "punct", ""),
    (9339, "4 0", "40", "number", ""),
    (9340, "1 .", "1.", "code", ""),
    (9341, "XUẤ T", "XUẤT", "split", ""),
    (9342, "1 7", "17", "number", ""),
    (9343, "liệ u", "liệu", "split", ""),
    (9355, "gố c", "gốc", "split", ""),
    (9356, "tr ị", "trị", "split", ""),
    (9369, "phố i", "phối", "split", ""),
    (9372, "xuất )", "xuất)", "punct", ""),
    (9383, "xuấ t", "xuất", "split", ""),
    (9399, "xuấ t", "xuất", "split", ""),
    (9414, "xuấ t", "xuất", "split", ""),
    (9424, "PHẨ M", "PHẨM", "split", ""),
    (9425, "1 1", "11", "number", ""),
    (9426, "phẩ m", "phẩm", "split", ""),
    (9445, "phẩ m", "phẩm", "split", ""),
    (9459, "hó a", "hóa", "split", ""),
    (9475, "ĐỒN G", "ĐỒNG", "split", ""),
    (9476, "1 2", "12", "number", ""),
    (9478, "doan h", "doanh", "split", ""),
    (9493, "tậ t", "tật", "split", ""),
    (9502, "phươn g", "phương", "split", ""),
    (9513, "doan h", "doanh", "split", ""),
    (9526, "tu ệ", "tuệ", "split", ""),
    (9537, "*** *", "****", "marker", ""),
    (9549, "B :", "B:", "punct", ""),
    (9551, "Điểm )", "Điểm)", "punct", ""),
    (9552, "2 5", "25", "number", ""),
    (9553, "TH Ị", "THỊ", "split", ""),
    (9554, "1 3", "13", "number", ""),
    (9555, "chín h", "chính", "split", ""),
    (9571, "phố i", "phối", "split", ""),
    (9573, "phẩm )", "phẩm)", "punct", ""),
    (9587, "phẩ m", "phẩm", "split", ""),
    (9608, "PHẨ M", "PHẨM", "split", ""),
    (9609, "1 2", "12", "number", ""),
    (9610, "phẩ m", "phẩm", "split", ""),
    (9628, "phẩ m", "phẩm", "split", ""),
    (9630, "phẩ m", "phẩm", "split", ""),
    (9638, "phươn g", "phương", "split", ""),
    (9641, "phục .", "phục.", "punct", ""),
    (9657, "C :", "C:", "punct", ""),
    (9659, "Điểm )", "Điểm)", "punct", ""),
    (9660, "3 5", "35", "number", ""),
    (9661, "LƯỢN G", "LƯỢNG", "split", ""),
    (9674, "địn h", "định", "split", ""),
    (9675, "7 .", "7.", "code", ""),
    (9678, "bố )", "bố)", "punct", ""),
    (9686, "QUẢ N", "QUẢN", "split", ""),
    (9696, "DỤN G", "DỤNG", "split", ""),
    (9698, "dụng )", "dụng)", "punct", ""),
    (9718, "ĐÁ O", "ĐÁO", "split", ""),
    (9733, "PHẨ M", "PHẨM", "split", ""),
    (9748, "DÙN G", "DÙNG", "split", ""),
    (9756, "CẦ U", "CẦU", "split", ""),
    (9761, "năng .", "năng.", "punct", ""),
    (9771, "CỘN G", "CỘNG", "split", ""),
    (9772, "10 0", "100", "number", ""),
]

# Options printed without a points line. (line of the option's "□", points, note)
_NOCERT = ("lựa chọn 1 «Không được cấp giấy chứng nhận chất lượng» không có dòng điểm trong "
           "bản chép; ghi 0 (mức thấp nhất, dưới lựa chọn 1 điểm; cùng lựa chọn này được 0 "
           "điểm ở phiếu 1).")
MISSING_POINTS: list[tuple[int, int, str]] = [
    (2105, 0, _NOCERT),  # sheet 4, 1.2
    (3433, 0, _NOCERT),  # sheet 7, 1.2
    (4866, 0, _NOCERT),  # sheet 10, 1.2
    (5315, 0, _NOCERT),  # sheet 11, 1.2
]

# Lines that start a criterion description although they are not in parentheses.
# (line, note or "")
DESCRIPTION_LINES: list[tuple[int, str]] = [
    (9719, ""),  # sheet 20, group 11 TÍNH ĐỘC ĐÁO: "Chất lượng: (mùi thơm, …): Có nét riêng…"
    (10148, ""),  # sheet 21, group 7 CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM: "Áp dụng bắt buộc đối với…"
    (10945, ""),  # sheet 23, group 7 TÍNH ĐỘC ĐÁO: "Chất lượng (màu sắc, mùi thơm,...): …"
    (11335, ""),  # sheet 24, group 7 TÍNH ĐỘC ĐÁO: "Chất lượng: Có nét riêng…"
    (11701, ""),  # sheet 25, group 7 TÍNH ĐỘC ĐÁO: "Chất lượng: có nét riêng…"
]

# Transcription notes that are not tied to a text change (source inconsistencies recorded
# as printed, structural decisions). (sheet, note)
EXTRA_NOTES: list[tuple[int, str]] = [
    (7, "3.1: lựa chọn 2 «Công ty TNHH; hoặc doanh nghiệp tư nhân; …» in 1 điểm, bằng lựa "
        "chọn 1; ở 25 phiếu còn lại lựa chọn này được 2 điểm. Ghi nguyên văn (1); cần đối "
        "chiếu Công báo."),
    (16, "6.4: ghi chú «Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các "
         "bước tiếp theo» in sau tiêu chí 6.4 và nói về các chỉ tiêu 6.1–6.4 của nhóm 6; được "
         "gắn vào 6.4 theo vị trí in."),
    (19, "2.3: lựa chọn 1 in «Đơn đăng ký nhãn hiệu đã được cơ quan có thẩm quyền chấp nhận "
         "hoặc công bố (đã qua vòng thẩm định hình thức)», trùng với lựa chọn 1 của 3.5 (Sở hữu "
         "trí tuệ); ở các phiếu khác lựa chọn 1 của 2.3 là «Có nhãn, ghi nhãn hàng hóa đầy đủ, "
         "đúng quy định». Ghi nguyên văn; cần đối chiếu Công báo."),
    (23, "6.2: hai lựa chọn đầu «Chấp nhận được» và «Phù hợp với đặc tính sản phẩm» đều in 1 "
         "điểm. Ghi nguyên văn; cần đối chiếu Công báo."),
    (26, "Phần A: tiêu đề phần in «(35 Điểm)» nhưng dòng điểm tối đa in 40 và tổng các nhóm "
         "là 14 + 12 + 14 = 40; ghi 40 (đúng với khung 40/25/35 của Quyết định)."),
]

# ---------------------------------------------------------------------------------------
# Source reading
# ---------------------------------------------------------------------------------------


class Source(BaseSource):
    def apply_fixes(self) -> None:
        self.apply_text_fixes(TEXT_FIXES)
        for (n, pts, note) in MISSING_POINTS:
            if "□" not in self.lines[n - 1]:
                raise SystemExit(f"missing-points correction at line {n}: no option there")
            self.applied.append({"line": n, "old": "", "new": str(pts), "kind": "missing",
                                 "note": note})

    def sheet_range(self, sheet: int) -> tuple[int, int]:
        start = SHEET_START[sheet]
        end = SHEET_START.get(sheet + 1, ANNEX_III_START)
        return start, end


# ---------------------------------------------------------------------------------------
# Phụ lục I: product groups, subgroups and managing agencies
# ---------------------------------------------------------------------------------------


def parse_annex_i(src: Source) -> dict[str, dict]:
    """Return {code: {"name": ..., "agency": ...}} for the leaf entries of Phụ lục I."""
    a, b = ANNEX_I_RANGE
    lines = [clean(src.lines[n - 1]) for n in range(a, b)]
    # keep the table body only: from the first roman numeral to the footnote rule
    i0 = lines.index("I")
    i1 = next(i for i, t in enumerate(lines) if t.startswith("____"))
    body = lines[i0:i1]
    roman = {"I", "II", "III", "IV", "V", "VI"}
    leaves: dict[str, dict] = {}
    cur_roman = cur_group = None
    cur: dict | None = None  # entry being read (group or subgroup)
    field = None
    for t in body:
        if t in roman:
            cur_roman, cur_group, cur, field = t, None, None, None
        elif re.fullmatch(r"\d+", t):
            cur_group = t
            cur = {"code": f"{cur_roman}.{t}", "name": "", "agency": ""}
            field = None
        elif re.fullmatch(r"[a-z]", t):
            cur = {"code": f"{cur_roman}.{cur_group}.{t}", "name": "", "agency": ""}
            field = None
        elif t.startswith(("Nhóm:", "Phân nhóm:")):
            assert cur is not None, t
            cur["name"] = t.split(":", 1)[1].strip()
            field = "name"
        elif t.startswith("Bộ ") and cur is not None and field in ("name", "agency"):
            if field == "name":
                field = "agency"
            cur["agency"] = join(cur["agency"], t)
            leaves[cur["code"]] = cur
        elif cur is not None and field:
            cur[field] = join(cur[field], t)
        # other lines (roman group titles) are ignored: the group names are fixed above
    for v in leaves.values():
        v["agency"] = re.sub(r"\s*;\s*", "; ", v["agency"]).strip()
    return leaves


# ---------------------------------------------------------------------------------------
# Sheet parser
# ---------------------------------------------------------------------------------------

RE_PART = re.compile(r"^(?:Phần|PHẦN) ([ABC])\s*:?\s*(.*)$")
RE_LOOSE_CODE = re.compile(r"^\d+ ?\.(\d+)?|^\d+ [A-ZĐ]")  # anything that looks like a code
RE_NUM = re.compile(r"^\d+$")
RE_NOTE = re.compile(r"^(Ghi chú|Chú ý)\s*:\s*(.*)$")
RE_CASE = re.compile(r"^([ab])\. (Trường hợp \d+:.*)$")
RE_MARKER = re.compile(r"\s*(\*+)$")
STORY_NONE = "Không có câu chuyện sản phẩm"


class SheetParser(SheetParserBase):
    def __init__(self, sheet: int, src: Source):
        super().__init__(sheet, src)
        self.start, self.end = src.sheet_range(sheet)
        self.heading = ""
        self.category = ""
        self.rules: list[dict] = []  # {"label", "text"}
        self.pending = None  # option waiting for its points
        self.total = None
        self.missing_used: list[int] = []
        self.n = 0

    # -- helpers -------------------------------------------------------------------------
    def err(self, msg: str):
        raise ParseError(f"sheet {self.sheet}, line {self.n}: {msg} :: {self.src.lines[self.n - 1]!r}")

    def close_option(self):
        opt = self.pending
        if opt is None:
            return
        missing = {n: p for (n, p, _note) in MISSING_POINTS}
        if opt["_line"] in missing:
            opt["points"] = missing[opt["_line"]]
            self.missing_used.append(opt["_line"])
            self.pending = None
        else:
            self.n = opt["_line"]
            self.err("option without points")

    def finish_crit(self):
        self.close_option()
        c = self.crit
        if c is not None:
            if c["max"] is None:
                self.err(f"criterion {c['code']} without max")
            if not c["options"] and not c["cases"] and not c["_intermediate"]:
                c["yes_no"] = True
        self.crit = self.case = None

    def finish_group(self):
        self.finish_crit()
        g = self.group
        if g is not None and g["_desc"] is not None and not g["_direct"]:
            self.err(f"group {g['code']} has a description but sub-criteria")
        self.group = None

    def direct_crit(self):
        """A group scored directly: create its single criterion."""
        g = self.group
        if g is None or g["criteria"]:
            self.err("option/note outside a criterion")
        if g["max"] is None:
            self.err("group without max")
        c = self.new_crit(g["code"], g["name"])
        c["max"] = g["max"]
        c["description"] = g["_desc"]
        g["_direct"] = True
        g["criteria"].append(c)
        self.crit = c
        return c

    def new_crit(self, code, name):
        return {"code": code, "name": name, "description": None, "requirement": None,
                "max": None, "applies_text": None, "options": [], "cases_text": None,
                "cases": [], "notes": [], "yes_no": False, "_line": self.n,
                "_intermediate": False, "_children": []}

    # -- main loop -----------------------------------------------------------------------
    def parse(self):
        lines = [(n, clean(self.src.lines[n - 1])) for n in range(self.start, self.end)]
        i = self.parse_header(lines)
        for n, t in lines[i:]:
            self.n = n
            if self.total is not None:
                break
            self.loc[n] = self.here()
            if not t:
                continue
            if self.part is None and not RE_PART.match(t):
                self.err("expected Part A")
            if t.startswith("TỔNG CỘNG"):
                self.finish_group()
                self.collector = ("END", None)
                self.loc[n] = "TỔNG CỘNG"
                continue
            if self.collector and self.collector[0] == "END":
                if not RE_NUM.match(t):
                    self.err("expected total")
                self.total = int(t)
                self.loc[n] = "TỔNG CỘNG"
                continue
            self.dispatch(n, t)
            self.loc[n] = self.here()
        if self.total is None:
            self.err("no TỔNG CỘNG")
        self.post()
        return self

    def dispatch(self, n: int, t: str):
        if RE_NUM.match(t):
            self.on_number(int(t))
        elif m := RE_PART.match(t):
            self.finish_group()
            self.part = {"part": m.group(1), "title": m.group(2), "max": None,
                         "groups": [], "_line": n}
            self.parts.append(self.part)
            self.collector = (self.part, "title")
        elif t.startswith("□"):
            self.close_option()
            c = self.crit or self.direct_crit()
            if c["_intermediate"]:
                self.err("option under an intermediate criterion")
            if c["max"] is None:
                self.err("option before the criterion max")
            opt = {"text": t[1:].strip(), "points": None, "marker": None, "_line": n}
            (self.case["options"] if self.case else c["options"]).append(opt)
            if c["cases"] and self.case is None:
                self.err("option after cases but outside a case")
            self.pending = opt
            self.collector = (opt, "text")
        elif m := RE_C3.match(t):
            self.finish_crit()
            g = self.group
            parent_code = f"{m.group(1)}.{m.group(2)}"
            if g is None or m.group(1) != g["code"]:
                self.err("sub-criterion outside its group")
            parent = next((c for c in g.get("_inter", []) if c["code"] == parent_code), None)
            if parent is None:
                last = g["criteria"][-1] if g["criteria"] else None
                if last is None or last["code"] != parent_code or last["options"] or last["notes"]:
                    self.err("sub-criterion without an intermediate parent")
                g["criteria"].pop()
                last["_intermediate"] = True
                g.setdefault("_inter", []).append(last)
                parent = last
            c = self.new_crit(f"{parent_code}.{m.group(3)}", m.group(4))
            c["_parent"] = parent_code
            parent["_children"].append(c["code"])
            g["criteria"].append(c)
            self.crit = c
            self.collector = (c, "name")
        elif m := RE_CRIT.match(t):
            self.finish_crit()
            g = self.group
            if g is None or m.group(1) != g["code"]:
                self.err("criterion outside its group")
            c = self.new_crit(f"{m.group(1)}.{m.group(2)}", m.group(3))
            g["criteria"].append(c)
            self.crit = c
            self.collector = (c, "name")
        elif m := RE_GROUP.match(t):
            self.finish_group()
            expected = sum(len(p["groups"]) for p in self.parts) + 1
            if int(m.group(1)) != expected:
                self.err(f"group number {m.group(1)}, expected {expected}")
            self.group = {"code": m.group(1), "name": m.group(2), "max": None,
                          "criteria": [], "_desc": None, "_direct": False, "_line": n}
            self.part["groups"].append(self.group)
            self.collector = (self.group, "name")
        elif m := RE_NOTE.match(t):
            c = self.crit or self.direct_crit()
            if self.pending is not None:
                self.events.append(
                    f"{c['code']}: dòng «{m.group(1)}:» nằm giữa nội dung lựa chọn và điểm "
                    f"của lựa chọn đó trong bản chép; điểm được gán cho lựa chọn.")
            note = {"kind": None, "text": m.group(2), "_label": m.group(1), "_line": n}
            c["notes"].append(note)
            self.collector = (note, "text")
        elif t.startswith("Chỉ áp dụng khi"):
            c = self.crit
            if c is None or c["applies_text"] is not None:
                self.err("misplaced condition")
            c["applies_text"] = t
            self.collector = (c, "applies_text")
        elif t.startswith("Yêu cầu:"):
            c = self.crit
            if c is None or c["requirement"] is not None or c["options"]:
                self.err("misplaced requirement")
            c["requirement"] = t.split(":", 1)[1].strip()
            self.collector = (c, "requirement")
        elif t.startswith("Lựa chọn một trong"):
            c = self.crit or self.direct_crit()
            if c["options"] or c["cases"]:
                self.err("misplaced cases lead-in")
            c["cases_text"] = t.rstrip(":").strip()
            self.collector = None
        elif m := RE_CASE.match(t):
            c = self.crit
            if c is None or c["cases_text"] is None:
                self.err("case outside a cases criterion")
            self.close_option()
            self.case = {"key": m.group(1), "name": m.group(2), "options": []}
            c["cases"].append(self.case)
            self.collector = (self.case, "name")
        elif t.startswith("(") or n in dict(DESCRIPTION_LINES):
            self.on_paren(t)
        elif RE_LOOSE_CODE.match(t):
            self.err("line looks like a heading but does not parse (add a correction)")
        else:
            self.add(t)

    def on_number(self, v: int):
        if self.pending is not None:
            self.pending["points"] = v
            self.pending = None
        elif self.crit is not None and self.crit["max"] is None:
            self.crit["max"] = v
        elif self.crit is None and self.group is not None and self.group["max"] is None:
            self.group["max"] = v
        elif self.group is None and self.part is not None and self.part["max"] is None:
            self.part["max"] = v
        else:
            self.err("unexpected number")
        self.collector = None

    def on_paren(self, t: str):
        col = self.collector
        if col is not None and (col[0] is not self.crit and col[0] is not self.group
                                or col[1] in ("description", "_desc", "requirement",
                                              "applies_text")):
            # continuation of an option, note, case name, description, requirement
            self.add(t)
            return
        c = self.crit
        if c is not None:
            if c["description"] is not None or c["options"] or c["cases"]:
                self.err("second description")
            c["description"] = t
            self.collector = (c, "description")
        elif self.group is not None:
            if self.group["_desc"] is not None:
                self.err("second group description")
            self.group["_desc"] = t
            self.collector = (self.group, "_desc")
        else:
            self.add(t)

    def parse_header(self, lines) -> int:
        """Heading, category, rejection rules. Returns the index of the "Phần A" line."""
        state = "heading"
        for i, (n, t) in enumerate(lines):
            self.n = n
            self.loc[n] = "đầu phiếu"
            if not t:
                continue
            if RE_PART.match(t):
                return i
            if state == "heading":
                if t.startswith("(Sản phẩm:"):
                    state = "category"
                    self.category = t
                    if t.endswith(")"):
                        state = "skip"
                else:
                    self.heading = join(self.heading, t)
            elif state == "category":
                self.category = join(self.category, t)
                if t.endswith(")"):
                    state = "skip"
            elif m := re.match(r"^((?:Hồ sơ )?[Bb]ị loại khi)\s*:\s*(.*)$", t):
                self.rules.append({"label": m.group(1), "text": m.group(2), "_line": n})
                state = "rule"
            elif t in ("Các tiêu chí", "Thang điểm"):
                state = "skip"
            elif state == "rule":
                self.rules[-1]["text"] = join(self.rules[-1]["text"], t)
        self.err("no Part A")

    # -- post-processing -----------------------------------------------------------------
    def all_crits(self):
        for p in self.parts:
            for g in p["groups"]:
                for c in g["criteria"]:
                    yield p, g, c

    def post(self):
        # heading: "N. Bộ sản phẩm: X" / "N." + "Bộ sản phẩm: X" / "N. X"
        h = re.sub(r"^\d+\.\s*", "", self.heading)
        self.has_prefix = h.startswith("Bộ sản phẩm:")
        self.name = h.split(":", 1)[1].strip() if self.has_prefix else h
        cat = self.category
        if not (cat.startswith("(") and cat.endswith(")")):
            raise ParseError(f"sheet {self.sheet}: category {cat!r}")
        self.category = cat[1:-1].strip()
        for p, g, c in self.all_crits():
            for o in self.iter_options(c):
                m = RE_MARKER.search(o["text"])
                if m:
                    o["marker"] = m.group(1)
                    o["text"] = o["text"][: m.start()].rstrip()
            if c["description"] is not None:
                c["description"] = strip_parens(c["description"])
            for nt in c["notes"]:
                nt["kind"] = note_kind(nt["text"])
        for p in self.parts:
            for g in p["groups"]:
                g["_inter"] = g.get("_inter", [])
                if g["_desc"] is not None and not g["_direct"]:
                    raise ParseError(f"sheet {self.sheet}: group {g['code']} description lost")
        # applies_if
        story = [c for _, _, c in self.all_crits() if c["name"] == "Câu chuyện sản phẩm"]
        for _, _, c in self.all_crits():
            if c["applies_text"] is None:
                continue
            if c["applies_text"] != "Chỉ áp dụng khi có câu chuyện sản phẩm" or len(story) != 1:
                raise ParseError(f"sheet {self.sheet}: unexpected condition {c['applies_text']!r}")
            s = story[0]
            c["applies_if"] = {
                "text": c["applies_text"],
                "criterion": s["code"],
                "options": [i + 1 for i, o in enumerate(s["options"]) if o["text"] != STORY_NONE],
            }


# ---------------------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------------------

VALID_MARKERS = {"***", "****", "*****"}


def verify_sheet(p: SheetParser, src: Source) -> tuple[list[str], list[str], dict]:
    """Return (errors, warnings, stats)."""
    errs: list[str] = []
    warns: list[str] = []
    s = p.sheet
    codes = []
    n_opts = n_yes_no = n_crit = 0
    markers = defaultdict(int)
    errs += part_order_errors(p.parts)
    for part in p.parts:
        gsum = 0
        for g in part["groups"]:
            codes.append(g["code"])
            csum = 0
            for c in g["criteria"]:
                n_crit += 1
                if c["code"] != g["code"]:
                    codes.append(c["code"])
                csum += c["max"]
                opts = list(SheetParser.iter_options(c))
                if c["yes_no"]:
                    n_yes_no += 1
                    if c["max"] is None or c["max"] <= 0:
                        errs.append(f"{c['code']}: yes_no without max")
                elif c["cases"]:
                    for cs in c["cases"]:
                        top = max(o["points"] for o in cs["options"])
                        if top != c["max"]:
                            errs.append(f"{c['code']} case {cs['key']}: max {c['max']} != best option {top}")
                else:
                    top = max(o["points"] for o in opts)
                    if top != c["max"]:
                        errs.append(f"{c['code']}: max {c['max']} != best option {top}")
                warns += option_order_warnings(c)
                for o in opts:
                    n_opts += 1
                    if o["points"] is None:
                        errs.append(f"{c['code']}: option without points")
                    if o["marker"] is not None:
                        markers[o["marker"]] += 1
                        if o["marker"] not in VALID_MARKERS:
                            errs.append(f"{c['code']}: bad marker {o['marker']!r}")
                texts = [c["name"], c["description"] or "", c["requirement"] or ""]
                texts += [o["text"] for o in opts] + [nt["text"] for nt in c["notes"]]
                texts += [cs["name"] for cs in c["cases"]]
                for t in texts:
                    if "*" in t or "□" in t:
                        errs.append(f"{c['code']}: stray '*' or '□' in {t!r}")
                    if bad_spacing(t):
                        warns.append(f"{c['code']}: spacing around punctuation in {t!r}")
            for inter in g["_inter"]:
                kids = [c for c in g["criteria"] if c.get("_parent") == inter["code"]]
                ksum = sum(c["max"] for c in kids)
                if ksum != inter["max"]:
                    errs.append(f"{inter['code']}: max {inter['max']} != sum of sub-criteria {ksum}")
            if csum != g["max"]:
                errs.append(f"group {g['code']}: max {g['max']} != sum of criteria {csum}")
            gsum += g["max"]
            if s != 26 and g["name"] != g["name"].upper():
                errs.append(f"group {g['code']}: name not upper case {g['name']!r}")
        if gsum != part["max"]:
            errs.append(f"part {part['part']}: max {part['max']} != sum of groups {gsum}")
        if part["max"] != PART_MAX.get(part["part"]):
            errs.append(f"part {part['part']}: max {part['max']} != {PART_MAX.get(part['part'])}")
        m = re.search(r"\((\d+) điểm\)", part["title"], re.IGNORECASE)
        if not m:
            errs.append(f"part {part['part']}: no '(NN Điểm)' in title {part['title']!r}")
        elif int(m.group(1)) != part["max"]:
            msg = f"part {part['part']}: title says {m.group(1)} but max line says {part['max']}"
            if not any(sh == s and "Phần " + part["part"] in txt for sh, txt in EXTRA_NOTES):
                errs.append(msg + " (no transcription note)")
            else:
                warns.append(msg + " (recorded as printed, with a transcription note)")
    if p.total != 100:
        errs.append(f"total {p.total}")
    if sum(x["max"] for x in p.parts) != 100:
        errs.append("parts do not sum to 100")
    errs += duplicate_code_errors(codes)
    # option count against the "□" in the original text of the sheet
    boxes = sum(src.orig[n - 1].count("□") for n in range(p.start, p.end))
    bullets = sum(1 for a in src.applied if a["kind"] == "bullet" and p.start <= a["line"] < p.end)
    if boxes + bullets != n_opts:
        errs.append(f"options emitted {n_opts} != '□' in source {boxes} + bullet fixes {bullets}")
    missing_here = [n for (n, _pts, _note) in MISSING_POINTS if p.start <= n < p.end]
    if sorted(missing_here) != sorted(p.missing_used):
        errs.append(f"unused missing-points corrections {missing_here} vs {p.missing_used}")
    stats = {"criteria": n_crit, "options": n_opts, "yes_no": n_yes_no, "boxes": boxes,
             "bullets": bullets, "markers": dict(markers),
             "groups": sum(len(x["groups"]) for x in p.parts)}
    return errs, warns, stats


# ---------------------------------------------------------------------------------------
# Transcription notes
# ---------------------------------------------------------------------------------------

KIND_SUMMARY = {
    "split": "Chữ bị tách bởi dấu cách trong bản chép, đã ghép lại",
    "number": "Số bị tách bởi dấu cách trong bản chép, đã ghép lại (tổng các mục con khớp với số đã ghép)",
    "punct": "Dấu cách thừa trước/sau dấu câu trong bản chép, đã bỏ",
    "marker": "Dấu sao bị tách bởi dấu cách trong bản chép, đã ghép lại",
    "code": "Mã nhóm/tiêu chí in thiếu dấu chấm hoặc có dấu cách trước dấu chấm, đã chuẩn hóa",
}


def transcription_notes(p: SheetParser, src: Source) -> list[str]:
    notes = correction_notes(p, src, KIND_SUMMARY, EXTRA_NOTES)
    if not p.has_prefix:
        notes.append(f"Tiêu đề phiếu in không có «Bộ sản phẩm:»; tên ghi đúng như tiêu đề: «{p.name}».")
    labels = {r["label"] for r in p.rules}
    if labels - {"Hồ sơ bị loại khi"}:
        notes.append("Quy tắc loại hồ sơ được in với nhãn «" + "», «".join(sorted(labels))
                     + ":» (không phải «Hồ sơ bị loại khi:»).")
    texts = [r["text"] for r in p.rules]
    if len(set(texts)) != len(texts):
        notes.append("Dòng «Hồ sơ bị loại khi: …» được in lặp lại nguyên văn trong bản chép; chỉ ghi một lần.")
    for part in p.parts:
        for g in part["groups"]:
            for inter in g["_inter"]:
                kids = [c["code"] for c in g["criteria"] if c.get("_parent") == inter["code"]]
                notes.append(
                    f"Nhóm {g['code']} có tiêu chí trung gian «{inter['code']}. {inter['name']}» "
                    f"({inter['max']} điểm = tổng {', '.join(kids)}). Định dạng chỉ có hai cấp "
                    f"(nhóm, tiêu chí) nên các tiêu chí con được ghi thẳng trong nhóm {g['code']}; "
                    f"tiêu chí trung gian chỉ được ghi lại ở đây.")
            notes += label_notes(g["criteria"], {"Ghi chú"})
    return notes


# ---------------------------------------------------------------------------------------
# Output data
# ---------------------------------------------------------------------------------------


def product_set(p: SheetParser, annex: dict, src: Source) -> dict:
    code = SHEET_CODES[p.sheet]
    rules = []
    for r in p.rules:
        if r["text"] not in rules:
            rules.append(r["text"])
    return product_set_out(code=code, sheet=p.sheet, name=p.name, category=p.category,
                           agency=annex[code]["agency"], rules=rules, sheet_notes=[],
                           notes=transcription_notes(p, src), parts=p.parts,
                           entries="criteria")


HEAD_COMMENT = [
    "# Bộ tiêu chí OCOP theo Quyết định 26/2026/QĐ-TTg (Phụ lục I, Phụ lục II).",
    *origin_comment("scripts/import/qd26.py"),
]


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------


def sheet_details(p: SheetParser) -> str:
    kinds = defaultdict(int)
    bits = []
    for _, g, c in p.all_crits():
        for nt in c["notes"]:
            kinds[nt["kind"]] += 1
        if c.get("applies_if"):
            a = c["applies_if"]
            bits.append(f"applies_if {c['code']}→{a['criterion']}{a['options']}")
        if c["yes_no"]:
            bits.append(f"yes_no {c['code']}")
        if c["cases"]:
            bits.append(f"cases {c['code']}")
    for part in p.parts:
        for g in part["groups"]:
            for inter in g["_inter"]:
                bits.append(f"intermediate {inter['code']}")
    notes = "notes " + " ".join(f"{k}={v}" for k, v in sorted(kinds.items()))
    return "; ".join([notes] + bits) + f"; rules {len({r['text'] for r in p.rules})}"


def main(argv=None) -> int:
    args = arg_parser(__doc__, DEFAULT_OUTPUT).parse_args(argv)
    source = find_source(args.source, DEFAULT_SOURCE_CANDIDATES)
    if source is None:
        return 2
    src = Source(source)
    src.apply_fixes()
    annex = parse_annex_i(src)

    print(f"Source: {source}")
    print(f"Corrections applied: {len(src.applied)}")
    print()
    print("Phụ lục I (managing agencies):")
    for sheet, code in SHEET_CODES.items():
        a = annex.get(code)
        print(f"  {code:7} {a['name'] if a else '??':60.60} | {a['agency'] if a else '??'}")
    print()

    failed = False
    sets = []
    totals = defaultdict(int)
    print("Checks per sheet: criterion max == best option (each case too); group max == sum of")
    print("its criteria (intermediate 6.x == sum of 6.x.y); part max == sum of groups; parts ==")
    print("40/25/35 and total 100; options emitted == '□' in the sheet's source lines (+ options")
    print("printed with another bullet); markers in {***, ****, *****}; codes unique.")
    print("Columns: groups, criteria, options (yes/no criteria not counted), yes/no criteria,")
    print("'□' in source (+bullet fixes), markers ***/****/*****, part maxima.")
    print()
    print("sheet code    grp crit opts y/n  □  markers(3/4/5)  A/B/C     result")
    for sheet in SHEET_CODES:
        try:
            p = SheetParser(sheet, src).parse()
        except ParseError as e:
            print(f"PARSE ERROR: {e}")
            failed = True
            continue
        errs, warns, st = verify_sheet(p, src)
        mk = "/".join(str(st["markers"].get(m, 0)) for m in ("***", "****", "*****"))
        abc = "/".join(str(x["max"]) for x in p.parts)
        print(f"{sheet:5} {SHEET_CODES[sheet]:7} {st['groups']:3} {st['criteria']:4} "
              f"{st['options']:4} {st['yes_no']:3} {st['boxes']:3}{'+' + str(st['bullets']) if st['bullets'] else '  '}"
              f" {mk:14} {abc:9} {'OK' if not errs else 'FAIL'}")
        print("      " + sheet_details(p))
        for e in errs:
            print(f"      ERROR {e}")
        for w in warns:
            print(f"      warn  {w}")
        failed |= bool(errs)
        for k in ("criteria", "options", "yes_no", "groups"):
            totals[k] += st[k]
        if SHEET_CODES[sheet] not in annex:
            print(f"      ERROR no Phụ lục I entry for {SHEET_CODES[sheet]}")
            failed = True
        sets.append(product_set(p, annex, src))
    print(f"total: {totals['groups']} groups, {totals['criteria']} criteria, "
          f"{totals['options']} options, {totals['yes_no']} yes/no criteria")
    print()
    print("Corrections (sheet, line, kind, old -> new, note):")
    for a in sorted(src.applied, key=lambda x: x["line"]):
        sheet = max(k for k, v in SHEET_START.items() if v <= a["line"])
        print(f"  {sheet:2} {a['line']:6} {a['kind']:7} {a['old']!r} -> {a['new']!r}  {a['note']}")
    if failed:
        print("\nVERIFICATION FAILED: nothing written", file=sys.stderr)
        return 1

    data = dict(EDITION)
    data["product_sets"] = sets
    return write_edition(data, HEAD_COMMENT, args.output, args.check,
                         flow_keys=(*FLOW_KEYS, "product_groups"))


if __name__ == "__main__":
    sys.exit(main())
