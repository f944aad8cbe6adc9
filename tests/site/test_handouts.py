"""Handouts rendered for real: read the PDFs back, decode the QR code, compare editions; the
"Tài liệu in" page of a built site, grouped by audience in reading order."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
import pypdfium2
import pytest
import tinyhtml5
import zxingcpp
from pypdf import PdfReader

from ocopkit.content import check_content
from ocopkit.mkdocs_plugin.project import load_project
from ocopkit.render.handouts import plan_handouts, render_handouts
from ocopkit.render.handouts.render import Entry, Manifest
from ocopkit.render.pages.handouts import handouts_index

from ..conftest import ROOT
from ..htmlpage import NS, Page, text
from .test_print_layout import assert_boxes_beside_text

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
    pack = " ".join(_text(project / "site" / "handouts" / "khoa-hoc" / "khoa-mau.pdf").split())
    assert "Mục lục" in pack and "Thời lượng" in pack and "Tổ chức lớp" in pack
    assert "Tổng cộng 2 giờ 15 phút" in pack
    assert "Một lớp 2 giờ 15 phút, gồm 3 buổi; 3 lớp trong năm, tổng 6 giờ 45 phút" in pack
    assert "Đối tượng Học viên, Cán bộ quản lý." in pack
    # the course says nothing of place, time or assessment: nothing is made up for them
    assert "Địa điểm Thời gian Học viên mang theo" in pack
    assert "Đánh giá học viên" not in pack
    assert "BÍ-MẬT-GIẢNG-VIÊN" not in pack


HOSTILE = '<b>đậm</b> & "x" <script>alert(1)</script>'
LONG_TASK = ("Đã ghi sổ theo từng lô đủ ngày sản xuất, khối lượng, nguồn nguyên liệu, người "
             "phụ trách và nơi bán, để cán bộ xã kiểm tra được khi đến thăm cơ sở")


def test_course_fields_and_task_lists_print_as_text_beside_boxes(project: Path,
                                                                tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(project / "docs", docs)
    course = docs / "courses" / "khoa-mau.md"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "last_reviewed:", f"logistics:\n  place: '{HOSTILE} hội trường'\n  bring:\n"
        f"    - '{HOSTILE} mẫu'\nassessment:\n  - '{HOSTILE} bài cuối'\n"
        "last_reviewed:"), encoding="utf-8")
    guide = docs / "guides" / "bai-mau.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "- [ ] Đã đọc phiếu chấm", f"- [ ] Đã đọc phiếu chấm\n- [ ] {LONG_TASK}\n- [x] Xong"),
        encoding="utf-8")
    content, problems = check_content(docs)
    assert content is not None, problems
    wanted = {"khoa-hoc/khoa-mau.pdf", "huong-dan/bai-mau-hoc-vien.pdf"}
    out = tmp_path / "out"
    render_handouts([d for d in plan_handouts(content, "https://example.org/")
                     if d.path in wanted], out, docs)
    pack = " ".join(_text(out / "khoa-hoc" / "khoa-mau.pdf").split())
    for label, value in (("Địa điểm", "hội trường"), ("Học viên mang theo", "mẫu"),
                         ("Đánh giá học viên", "bài cuối")):
        assert f"{label} {HOSTILE} {value}" in pack, label
    trainee = out / "huong-dan" / "bai-mau-hoc-vien.pdf"
    # ☑ for the ticked item: only empty boxes are checked for their text here
    assert assert_boxes_beside_text(trainee, ["Đã đọc phiếu chấm", LONG_TASK]) == 1
    assert "☑ Xong" in _text(trainee)


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


def _rows(page: Page) -> Iterator[tuple[str, str, Element]]:
    """Every body row of the page's tables with the headings above it, in page order."""
    part = section = ""
    for element in page.one("article").iter():
        if element.tag == NS + "h2":
            part, section = text(element).rstrip("¶").strip(), ""
        elif element.tag == NS + "h3":
            section = text(element).rstrip("¶").strip()
        elif element.tag == NS + "tbody":
            for row in element.iter(NS + "tr"):
                yield part, section, row


def _links(row: Element) -> list[str]:
    return [a.get("href", "") for a in row.iter(NS + "a")]


def test_handouts_page_lists_every_pdf_and_pages_link_to_theirs(project: Path) -> None:
    page = Page(project / "site" / "handouts" / "index.html")
    rows = [(part, section, [text(c) for c in row], _links(row))
            for part, section, row in _rows(page)]
    copies = [cells[1] for part, _, cells, _ in rows
              if part == "Bản sao để đọc khi không có mạng"]
    assert [c.split()[0] for c in copies] == ["Tệp", "Tệp", "Trang"]  # .zip, .zim, saved
    rows = [row for row in rows if row[0] != "Bản sao để đọc khi không có mạng"]
    assert [(part, section, cells[0]) for part, section, cells, _ in rows] == [
        ("Bài hướng dẫn cho học viên và giảng viên", "Khóa mẫu", "Bài mẫu"),
        ("Cho học viên: tự đánh giá sản phẩm", "", "I.1.a Rau, củ, quả, hạt tươi"),
        ("Cho cán bộ và Hội đồng", "", "I.1.a Rau, củ, quả, hạt tươi"),
        ("Cho đơn vị tổ chức", "", "Khóa mẫu")]
    assert [links for *_, links in rows] == [
        ["huong-dan/bai-mau-hoc-vien.pdf", "huong-dan/bai-mau-giang-vien.pdf"],
        ["phieu-cham/i-1-a.pdf", "minh-chung/i-1-a.pdf"], ["hoi-dong/i-1-a.pdf"],
        ["khoa-hoc/khoa-mau.pdf"]]
    manifest = json.loads((project / ".cache" / "handouts" / "manifest.json").read_text())
    sizes = {e["path"]: e["pages"] for e in manifest["entries"]}
    assert rows[0][2][1].startswith(
        f"Bản cho học viên ({sizes['huong-dan/bai-mau-hoc-vien.pdf']} trang, ")
    links = {a.get("href") for a in Page(project / "site" / "guides" / "bai-mau" /
                                         "index.html").all("a")}
    assert {"../../handouts/huong-dan/bai-mau-hoc-vien.pdf",
            "../../handouts/huong-dan/bai-mau-giang-vien.pdf"} <= links
    sheet_links = {a.get("href") for a in Page(project / "site" / "criteria" / "mini-2026" /
                                               "i-1-a" / "index.html").all("a")}
    assert "../../../handouts/phieu-cham/i-1-a.pdf" in sheet_links


def test_national_handouts_page_is_grouped_by_audience_in_reading_order(
        built_site: Path) -> None:
    project = load_project(ROOT / "mkdocs.yml")
    content, problems = check_content(project.docs_dir, root=ROOT, layout=project.layout,
                                      layers=project.layers)
    assert content is not None, problems
    rows = [(part, section, row) for part, section, row in
            _rows(Page(built_site / "handouts" / "index.html"))]
    parts = list(dict.fromkeys(part for part, _, _ in rows))
    assert parts == ["Bài hướng dẫn cho học viên và giảng viên",
                     "Cho học viên: tự đánh giá sản phẩm", "Cho cán bộ và Hội đồng",
                     "Cho đơn vị tổ chức", "Bản sao để đọc khi không có mạng"]
    guides = [(section, row) for part, section, row in rows if part == parts[0]]
    first = [text(c) for c in guides[0][1]]
    assert (guides[0][0], first[0]) == ("Lớp tập huấn cơ bản về OCOP",
                                        "OCOP là gì và chu trình OCOP hằng năm")
    assert list(dict.fromkeys(section for section, _ in guides)) == [
        "Lớp tập huấn cơ bản về OCOP",
        "Chuỗi lớp đánh giá, nâng cao chất lượng và xúc tiến thương mại",
        "Tham quan học tập mô hình OCOP", "Bài không thuộc khóa đào tạo nào"]
    by_title = {g.title: g for g in content.guides}
    assert sorted(text(row[0]) for _, row in guides) == sorted(by_title)  # one row each
    for _, row in guides:  # both editions in the row, or a dash for the one not printed
        guide = by_title[text(row[0])]
        cells = [_links(c) for c in row[1:]]
        assert cells == [[f"huong-dan/{guide.slug}-{suffix}.pdf"] if suffix in guide.handouts
                         else [] for suffix in ("hoc-vien", "giang-vien")], guide.slug
        assert all(text(c) == "—" for c, links in zip(row[1:], cells, strict=True)
                   if not links)
    sets = [row for part, _, row in rows if part == parts[1]]
    edition = content.catalogue.current
    assert [text(r[0]) for r in sets] == [f"{p.code} {p.name}" for p in edition.product_sets]
    assert _links(sets[0]) == ["phieu-cham/i-1-a.pdf", "minh-chung/i-1-a.pdf"]
    packs = [text(row[0]) for part, _, row in rows if part == parts[3]]
    assert packs[0] == "Lớp tập huấn cơ bản về OCOP"
    linked = sorted(link for _, _, row in rows for link in _links(row))
    assert project.handouts_dir is not None
    manifest = json.loads((project.handouts_dir / "manifest.json").read_text())
    assert linked == sorted(e["path"] for e in manifest["entries"])  # every PDF, once


def test_handouts_page_keeps_titles_and_course_names_as_text() -> None:
    evil = '<script>alert(1)</script> | *x* [a](javascript:b) # <b>đậm</b>'

    def entry(path: str, kind: str, section: str) -> Entry:
        return Entry(path, kind, evil, "https://e/", "guides/a.md", 2, 2048, "d", 0.1,
                     evil, section)

    manifest = Manifest((entry("huong-dan/a-hoc-vien.pdf", "guide-trainee", evil),
                         entry("huong-dan/a-giang-vien.pdf", "guide-trainer", evil),
                         entry("huong-dan/b-giang-vien.pdf", "guide-trainer", "")), 0)
    html = markdown.markdown(handouts_index(manifest).content, extensions=["tables"])
    root = tinyhtml5.parse(f"<body>{html}</body>")
    assert not list(root.iter(NS + "script")) and not list(root.iter(NS + "b"))
    assert [text(h) for h in root.iter(NS + "h3")] == [evil, "Bài không thuộc khóa đào tạo nào"]
    rows = [[text(c) for c in row] for row in root.iter(NS + "tr")][1:]
    assert rows[0] == [evil, "Bản cho học viên (2 trang, 2 KB)",
                       "Bản cho giảng viên (2 trang, 2 KB)"]
    assert rows[2] == [evil, "—", "Bản cho giảng viên (2 trang, 2 KB)"]
    assert all(a.get("href", "").startswith("huong-dan/") for a in root.iter(NS + "a"))
