"""The council summary form: one per product set of the current edition, read back from a
real PDF."""

from __future__ import annotations

import os
from pathlib import Path

from pypdf import PdfReader

from ocopkit import load_catalogue
from ocopkit.render.handouts.documents import _council_form
from ocopkit.render.handouts.render import _render_one
from ocopkit.source.project import DEFAULT_LAYOUT

from ..conftest import DOCS


def test_the_council_form_lists_members_parts_average_minima_and_signatures(
        tmp_path: Path) -> None:
    edition = load_catalogue().current
    sheet = edition.product_set("I.1.a")
    assert sheet is not None
    doc = _council_form(edition, sheet, "https://example.org/", DEFAULT_LAYOUT)
    assert (doc.path, doc.kind) == ("hoi-dong/i-1-a.pdf", "council")
    pages, _ = _render_one(doc.html, str(DOCS.resolve()) + os.sep, str(tmp_path / "f.pdf"))
    assert pages >= 1
    text = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(tmp_path / "f.pdf").pages)
    for words in ("Tổng hợp điểm Hội đồng I.1.a", "Họ và tên thành viên", "Phần A (40)",
                  "Phần B (25)", "Phần C (35)", "Tổng (100)", "Điểm trung bình",
                  "giữ nguyên phần thập phân", "từ 70 đến dưới 90", "Chủ tịch Hội đồng"):
        assert words in text, words
    marked = [c.code for c in sheet.criteria if any(o.marker for o in c.options)]
    assert marked and all(code in text for code in marked)
