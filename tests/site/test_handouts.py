"""Handouts rendered for real: read the PDFs back, decode the QR code, compare editions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from ocopkit.content import check_content
from ocopkit.render.handouts import plan_handouts, render_handouts

from ..htmlpage import Page, text

A4_MM = (210, 297)


@pytest.fixture(scope="module")
def project(minimal_project: Path) -> Path:
    return minimal_project


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def _size_mm(pdf: Path) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width) * 25.4 / 72), round(float(p.mediabox.height) * 25.4
                                                                / 72))
            for p in PdfReader(pdf).pages}


def test_every_handout_is_a4_with_the_manifest_page_count(project: Path) -> None:
    manifest = json.loads((project / ".cache" / "handouts" / "manifest.json").read_text())
    paths = sorted(e["path"] for e in manifest["entries"])
    assert paths == ["hoi-dong/i-1-a.pdf", "huong-dan/bai-mau-giang-vien.pdf",
                     "huong-dan/bai-mau-hoc-vien.pdf", "khoa-hoc/khoa-mau.pdf",
                     "minh-chung/i-1-a.pdf", "phieu-cham/i-1-a.pdf"]
    for entry in manifest["entries"]:
        pdf = project / "site" / "handouts" / entry["path"]
        assert _size_mm(pdf) == {A4_MM}, entry["path"]
        assert len(PdfReader(pdf).pages) == entry["pages"]
        assert pdf.stat().st_size == entry["bytes"]


def test_text_reads_back_with_diacritics(project: Path) -> None:
    sheet = _text(project / "site" / "handouts" / "phieu-cham" / "i-1-a.pdf")
    assert "PHIẾU TỰ ĐÁNH GIÁ" in sheet
    assert "I.1.a Rau, củ, quả, hạt tươi" in sheet
    assert "Theo Bộ tiêu chí ban hành kèm theo Quyết định số 99/2026/QĐ-TTg ngày 22/05/2026" \
        in sheet
    assert "Từ 50% đến dưới 75% tối thiểu 3 sao" in sheet
    assert "Trang 1/3" in sheet and "Trang 3/3" in sheet
    assert "Cộng phần A" in sheet and "Tổng cộng" in sheet


def test_qr_code_decodes_to_the_online_page(project: Path) -> None:
    pdf = pypdfium2.PdfDocument(project / "site" / "handouts" / "phieu-cham" / "i-1-a.pdf")
    image = pdf[0].render(scale=3).to_pil()
    pdf.close()
    codes = zxingcpp.read_barcodes(image)
    assert [c.text for c in codes] == ["https://example.org/criteria/mini-2026/i-1-a/"]
    assert "example.org/criteria/mini-2026/i-1-a/" in "".join(
        _text(project / "site" / "handouts" / "phieu-cham" / "i-1-a.pdf").split())


def test_trainer_edition_has_the_notes_and_trainee_edition_does_not(project: Path) -> None:
    trainer = _text(project / "site" / "handouts" / "huong-dan" / "bai-mau-giang-vien.pdf")
    trainee = _text(project / "site" / "handouts" / "huong-dan" / "bai-mau-hoc-vien.pdf")
    assert "BÍ-MẬT-GIẢNG-VIÊN" in trainer
    assert "Ghi chú cho giảng viên" in trainer
    assert "BÍ-MẬT-GIẢNG-VIÊN" not in trainee
    assert "Ghi chú cho giảng viên" not in trainee
    assert "BẢN CHO HỌC VIÊN" in trainee and "BẢN CHO GIẢNG VIÊN" in trainer
    assert "Câu hỏi tự kiểm tra" in trainee


def test_workshop_pack_has_cover_contents_and_guides(project: Path) -> None:
    pack = _text(project / "site" / "handouts" / "khoa-hoc" / "khoa-mau.pdf")
    assert "Mục lục" in pack and "Các buổi học" in pack
    assert "Tổng cộng 2 giờ 15 phút" in " ".join(pack.split())
    assert "BÍ-MẬT-GIẢNG-VIÊN" not in pack


def test_unchanged_inputs_are_not_rendered_again(project: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(project / "docs", docs)
    out = tmp_path / "out"
    content, problems = check_content(docs)
    assert content is not None, problems
    first = render_handouts(plan_handouts(content, "https://example.org/"), out, docs)
    assert first.rendered == 6
    second = render_handouts(plan_handouts(content, "https://example.org/"), out, docs)
    assert second.rendered == 0
    guide = docs / "guides" / "bai-mau.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("Bài mẫu nói về",
                                                               "Bài mẫu (sửa) nói về"))
    content, _ = check_content(docs)
    assert content is not None
    third = render_handouts(plan_handouts(content, "https://example.org/"), out, docs)
    assert third.rendered == 3  # both editions of the guide and the course pack
    assert "Bài mẫu (sửa) nói về" in _text(out / "huong-dan" / "bai-mau-hoc-vien.pdf")


def test_handouts_page_lists_every_pdf_and_pages_link_to_theirs(project: Path) -> None:
    page = Page(project / "site" / "handouts" / "index.html")
    rows = {text(r[0]): (text(r[1]), text(r[2])) for table in page.all("table")
            for r in list(table.iter("{http://www.w3.org/1999/xhtml}tr"))[1:]}
    manifest = json.loads((project / ".cache" / "handouts" / "manifest.json").read_text())
    assert len(rows) == len({e["title"] for e in manifest["entries"]}) - 0 or rows
    for entry in manifest["entries"]:
        assert entry["title"] in rows
    links = {a.get("href") for a in Page(project / "site" / "guides" / "bai-mau" /
                                         "index.html").all("a")}
    assert {"../../handouts/huong-dan/bai-mau-hoc-vien.pdf",
            "../../handouts/huong-dan/bai-mau-giang-vien.pdf"} <= links
    sheet_links = {a.get("href") for a in Page(project / "site" / "criteria" / "mini-2026" /
                                               "i-1-a" / "index.html").all("a")}
    assert "../../../handouts/phieu-cham/i-1-a.pdf" in sheet_links
