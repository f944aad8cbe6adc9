#!/usr/bin/env python3
"""One-off importer: Decision 26/2026/QĐ-TTg scoring sheets -> docs/criteria/qd-26-2026.yml.

Reads the plain-text transcript in the shared reference folder
(``shared/reference/sources/qd-26-2026-QD-TTg.txt``), parses Phụ lục I (classification,
managing agencies) and the 26 scoring sheets of Phụ lục II, applies the explicit
corrections listed in the tables below, checks every sheet arithmetically and writes the
edition YAML in the layout of ``docs/criteria/FORMAT.draft.md``.

After the first run the YAML file is the hand-edited source of truth; this script is kept
so the import can be reproduced and audited:

    python scripts/import_qd26.py [--source PATH] [--output PATH] [--check]

``--check`` parses and verifies without writing. The script exits non-zero when a
verification fails. Python 3.11, standard library + PyYAML (only used to re-read the
generated file and compare it with the data it was generated from).

Every manual fix lives in one of the tables in the "CORRECTIONS" section, keyed by the
1-based line number in the source file, and each table entry asserts the text it expects to
find there, so a different copy of the source makes the script stop instead of silently
producing different data. Every fix is also written to the product set's
``transcription_notes``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE_CANDIDATES = [
    REPO.parent / "shared" / "reference" / "sources" / "qd-26-2026-QD-TTg.txt",
    REPO / "shared" / "reference" / "sources" / "qd-26-2026-QD-TTg.txt",
]
DEFAULT_OUTPUT = REPO / "docs" / "criteria" / "qd-26-2026.yml"

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
    10: 4827, 11: 5276, 12: 5732, 13: 6182, 14: 6647, 15: 7066, 16: 7488, 17: 7897,
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
#   kind  split   - a word or number split by a stray space in the transcript
#         punct   - a stray space before punctuation (or a stray trailing punctuation mark)
#         marker  - a star marker split by spaces
#         bullet  - an option printed with another bullet than "□"
#         code    - a heading code printed without its dot / with a space before the dot
#         points  - a points value changed (see the note)
#         typo    - another obvious typo (see the note)
#   note  Vietnamese explanation for transcription_notes ("" for kinds that are summarised
#         automatically: split, punct, marker, code)
TEXT_FIXES: list[tuple[int, str, str, str, str]] = []

# Options printed without a points line. (line of the option's "□", points, note)
MISSING_POINTS: list[tuple[int, int, str]] = []

# Transcription notes that are not tied to a text change (source inconsistencies recorded
# as printed, structural decisions). (sheet, note)
EXTRA_NOTES: list[tuple[int, str]] = []

