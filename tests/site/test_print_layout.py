"""Print layout of the national handouts, read back from PDFs the real renderer makes: check
boxes beside their text, no criterion heading alone at the foot of a page, no tool version in
any header or footer, course packs with their organisation sections.

A few documents only (not all of them): the score sheets are those whose criteria fell at a
page break before the sheets kept a heading with its first option.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from ocopkit import __version__
from ocopkit.content import Content, check_content
from ocopkit.content.guides import AUDIENCES
from ocopkit.criteria.model import ProductSet
from ocopkit.mkdocs_plugin.project import load_project
from ocopkit.render.handouts import Document, plan_handouts, render_handouts
from ocopkit.render.handouts.documents import KINDS
from ocopkit.render.html import minutes_label

from ..conftest import ROOT

SHEETS = ("II.1.a", "VI.1", "I.4.b")
"""Sheets with a criterion at the foot of a page when heading rows could end a page."""
GUIDE = "bao-bi-nhan-hang-hoa"
"""A guide with a task list (its "Danh mục kiểm tra")."""
EVIDENCE = "I.5.b"
"""An evidence checklist with items long enough to wrap."""
COURSE = "lop-co-ban-ocop"


@dataclass(frozen=True)
class National:
    """The repository's content, its planned documents and the few rendered here."""

    content: Content
    documents: dict[str, Document]
    out: Path


def _slug(code: str) -> str:
    return code.lower().replace(".", "-")


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> National:
    project = load_project(ROOT / "mkdocs.yml")
    content, problems = check_content(project.docs_dir, root=ROOT, layout=project.layout,
                                      layers=project.layers)
    assert content is not None, problems
    documents = {d.path: d for d in plan_handouts(content, project.site_url, project.markdown)}
    wanted = {*(f"phieu-cham/{_slug(c)}.pdf" for c in SHEETS),
              f"huong-dan/{GUIDE}-hoc-vien.pdf", f"minh-chung/{_slug(EVIDENCE)}.pdf",
              f"khoa-hoc/{COURSE}.pdf", "hoi-dong/i-1-a.pdf",
              "huong-dan/cong-bo-phien-ban-tieu-chi-giang-vien.pdf"}
    out = tmp_path_factory.mktemp("print")
    render_handouts([documents[p] for p in sorted(wanted)], out, project.docs_dir.resolve())
    return National(content, documents, out)


def _product_set(content: Content, code: str) -> ProductSet:
    return next(p for p in content.catalogue.current.product_sets if p.code == code)


def _compact(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(text.split()))


Char = tuple[str, float, float, float]
"""A printed character: itself, its left, right and bottom edges (points)."""


def _page_chars(pdf: Path) -> list[list[Char]]:
    """The characters of each page that are not white space, in reading order."""
    document = pypdfium2.PdfDocument(pdf)
    pages = []
    for page in document:
        textpage = page.get_textpage()
        chars = []
        for i in range(textpage.count_chars()):
            char = textpage.get_text_range(i, 1)
            if char.strip():
                left, bottom, right, _ = textpage.get_charbox(i)
                chars.append((char, left, right, bottom))
        pages.append(chars)
    document.close()
    return pages


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters in printed lines: a new line starts where the text drops by more than
    a descender."""
    lines: list[list[Char]] = []
    for char in chars:
        if lines and char[3] > min(c[3] for c in lines[-1]) - 5:
            lines[-1].append(char)
        else:
            lines.append([char])
    return lines


def assert_boxes_beside_text(pdf: Path, items: list[str]) -> int:
    """Every ☐ of ``pdf`` is followed by the next of ``items`` (in order, all of them): on
    the same line as the box, right of it, its wrapped lines starting where its first line's
    text starts, never under the box. Return how many items wrapped."""
    expected = [_compact(i) for i in items]
    found, wrapped = 0, 0
    for chars in _page_chars(pdf):
        for at, (char, _, right, bottom) in enumerate(chars):
            if char != "☐":
                continue
            assert found < len(expected), f"{pdf.name}: more boxes than items"
            want = expected[found]
            text = chars[at + 1:at + 1 + len(want)]
            assert _compact("".join(c[0] for c in text)) == want, (pdf.name, want)
            first, *rest = _lines(text)
            assert abs(first[0][3] - bottom) < 3, f"{want}: not on the box's line"
            assert first[0][1] > right, f"{want}: starts left of its box"
            for line in rest:  # (a wrapped marker "tối thiểu 3 sao" starts 2.5 pt inside)
                assert abs(line[0][1] - first[0][1]) < 3, f"{want}: wraps under its box"
            wrapped += bool(rest)
            found += 1
    assert found == len(expected), f"{pdf.name}: {found} boxes for {len(expected)} items"
    return wrapped


def test_task_list_items_print_beside_their_boxes(national: National) -> None:
    source = (ROOT / "docs" / "guides" / f"{GUIDE}.md").read_text(encoding="utf-8")
    tasks = re.findall(r"^- \[ \] (.+)$", source, flags=re.MULTILINE)
    assert len(tasks) >= 5
    # Then the worksheet of review questions: a box before every choice, no answers.
    guide = next(g for g in national.content.guides if g.slug == GUIDE)
    choices = [f"{'ABCDEFGH'[i]}. {c.text}" for q in guide.questions
               for i, c in enumerate(q.choices)]
    assert len(choices) >= 12
    assert_boxes_beside_text(national.out / "huong-dan" / f"{GUIDE}-hoc-vien.pdf",
                             tasks + choices)
    lines = PdfReader(national.out / "huong-dan" / f"{GUIDE}-hoc-vien.pdf").pages
    text = "\n".join(p.extract_text() for p in lines)
    assert "☐" not in [line.strip() for line in text.splitlines()]  # never a line of its own


def test_evidence_items_wrap_beside_their_boxes(national: National) -> None:
    content = national.content
    notes = [content.evidence.for_name(c.name) for c in _product_set(content, EVIDENCE).criteria]
    items = [e for n in notes if n is not None for e in n.evidence]
    wrapped = assert_boxes_beside_text(
        national.out / "minh-chung" / f"{_slug(EVIDENCE)}.pdf", items)
    assert wrapped >= 3  # the wrapping was put to the test


def test_score_sheet_options_print_beside_their_boxes(national: National) -> None:
    sheet = _product_set(national.content, SHEETS[0])
    options = [o for c in sheet.criteria
               for o in ([o for case in c.cases for o in case.options] if c.cases
                         else c.options)]
    items = [o.text + (f" tối thiểu {o.marker} sao" if o.marker else "") for o in options]
    assert assert_boxes_beside_text(
        national.out / "phieu-cham" / f"{_slug(SHEETS[0])}.pdf", items) >= 1


@pytest.mark.parametrize("code", SHEETS)
def test_no_page_ends_with_a_criterion_heading(national: National, code: str) -> None:
    product_set = _product_set(national.content, code)
    headings = [f"{c.code} {c.name}"[:24] for c in product_set.criteria]
    pages = PdfReader(national.out / "phieu-cham" / f"{_slug(code)}.pdf").pages
    assert len(pages) > 3
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        starts = [i for i, line in enumerate(lines) if line.startswith(tuple(headings))]
        assert starts or number in (1, len(pages)), f"page {number}: no criterion read back"
        if starts:
            after = lines[starts[-1] + 1:]
            assert any(line.startswith("☐") for line in after), (
                f"{code} page {number} ends with criterion heading {lines[starts[-1]]!r}, "
                f"then only {after}")


def test_no_pdf_prints_the_tool_version(national: National) -> None:
    basis = ("Theo Bộ tiêu chí ban hành kèm theo Quyết định số "
             f"{national.content.catalogue.current.decision}")
    for pdf in sorted(national.out.rglob("*.pdf")):
        document = national.documents[pdf.relative_to(national.out).as_posix()]
        pages = [p.extract_text() for p in PdfReader(pdf).pages]
        whole = "\n".join(pages)
        assert __version__ not in whole and "ocopkit 0" not in whole, pdf.name
        assert re.search(r"Ngày cập nhật nội dung: \d\d/\d\d/\d{4}", whole), pdf.name
        assert "ocopkit.example.org/" in whole, pdf.name  # the site's address, under the QR
        for number, text in enumerate(pages, start=1):
            assert f"Trang {number}/{len(pages)}" in text, (pdf.name, number)
            assert basis in text, (pdf.name, number)  # running footer: the edition
        if len(pages) > 1:  # running header from page 2: title and kind of copy
            second = " ".join(pages[1].split())
            assert " ".join(document.title.split())[:30] in second, pdf.name
            assert KINDS[document.kind] in second, pdf.name


def test_course_pack_prints_who_how_long_where_what_and_how_checked(national: National) -> None:
    course = national.content.course(COURSE)
    assert course is not None and course.logistics.place and course.assessment
    pdf = PdfReader(national.out / "khoa-hoc" / f"{COURSE}.pdf")
    cover = " ".join(" ".join(p.extract_text() for p in pdf.pages[:2]).split())
    headings = ["Mục tiêu", "Đối tượng", "Thời lượng", "Tổ chức lớp", "Tài liệu cần chuẩn bị",
                "Đánh giá học viên", "Mục lục"]
    at = 0
    for heading in headings:  # each one, in this order
        at = cover.find(heading, at)
        assert at >= 0, heading
    assert ", ".join(AUDIENCES[a] for a in course.audience) in cover
    assert (f"Một lớp {minutes_label(course.minutes)}, gồm {len(course.sessions)} buổi; "
            f"{course.classes} lớp trong năm, tổng {minutes_label(course.total_minutes)}"
            in cover)
    assert course.minutes == 90 + 120 + 120 + 90 + 120
    assert f"Tổng cộng {minutes_label(course.minutes)}" in cover
    for label, value in (("Địa điểm", course.logistics.place),
                         ("Thời gian", course.logistics.time)):
        assert f"{label} {' '.join(str(value).split())}" in cover, label
    for text in (*course.logistics.bring, *course.materials, *course.assessment):
        assert " ".join(text.split()) in cover, text
    assert "Bộ tài liệu này: bản cho học viên của 4 bài hướng dẫn" in cover


def test_guides_come_in_course_order(national: National) -> None:
    guides = [d for d in national.documents.values() if d.kind == "guide-trainee"]
    assert guides[0].title == "OCOP là gì và chu trình OCOP hằng năm"
    assert guides[0].section == "Lớp tập huấn cơ bản về OCOP"
    packs = [d.title for d in national.documents.values() if d.kind == "course-pack"]
    assert packs[0] == "Lớp tập huấn cơ bản về OCOP"
