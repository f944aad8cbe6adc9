"""The training calendar as the site shows it: its page and a course's block converted with
Python-Markdown, the iCalendar feed parsed back with ``icalendar``, and an attendance sheet
rendered to a real PDF and read back with pypdf. Sessions are read from YAML files."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from xml.etree.ElementTree import Element

import icalendar
import markdown
import pytest
import tinyhtml5
from pypdf import PdfReader

from ocopkit.content.sessions import TrainingSession, check_sessions, session_files
from ocopkit.criteria.catalogue import load_catalogue
from ocopkit.render.handouts.attendance import attendance_documents, attendance_rows
from ocopkit.render.handouts.render import _render_one
from ocopkit.render.pages.sessions import course_sessions_block, sessions_ics, sessions_page
from ocopkit.source.project import Layout

from ..conftest import MINI
from ..htmlpage import NS

EXTENSIONS = ["admonition", "pymdownx.details", "attr_list", "tables", "md_in_html"]
TODAY = dt.date(2027, 1, 13)
LAYOUT = Layout()
TITLES = {"lop-co-ban-ocop": "Lớp cơ bản OCOP", "tham-quan": "Tham quan mô hình"}
TOPICS = {"lop-co-ban-ocop": ["Chu trình OCOP", "Câu chuyện sản phẩm"]}
HOSTILE = '<script>alert(1)</script> *đậm* | ô [x](javascript:alert(1)) `mã`'
"""Markup, emphasis, a table pipe, a javascript: link and code, written as a title."""


def session_yaml(sid: str, start: str, end: str, *, status: str = "planned",
                 course: str = "lop-co-ban-ocop", extra: str = "") -> str:
    return f"""\
- id: {sid}
  course: {course}
  start: {start}
  end: {end}
  place: {{venue: Hội trường {sid}, commune: Xã Phong Điền, province: Thành phố Cần Thơ}}
  trainers: [Nguyễn Văn A, Trần Thị B]
  capacity: 40
  contact: Trung tâm Khuyến nông
  status: {status}
{extra}"""


HOSTILE_EXTRA = """\
  title: '<script>alert(1)</script> *đậm* | ô [x](javascript:alert(1)) `mã`'
  registration: |-
    Dòng một | ô

    # Tiêu đề giả
    <img src=x onerror=alert(1)>
    ??? note "giả"
        [bấm](javascript:alert(2))
"""


def load(tmp_path: Path, text: str) -> list[TrainingSession]:
    folder = tmp_path / "sessions"
    folder.mkdir(exist_ok=True)
    (folder / "lich.yml").write_text(text, encoding="utf-8")
    sessions, problems = check_sessions(session_files(folder), set(TITLES), root=tmp_path)
    assert problems == []
    return sessions


@pytest.fixture
def sessions(tmp_path: Path) -> list[TrainingSession]:
    """Two past, one under way on :data:`TODAY`, two upcoming (one cancelled), one of
    another course."""
    return load(tmp_path, "".join([
        session_yaml("cu-nhat", "2026-05-04 08:00", "2026-05-04 11:30", status="done"),
        session_yaml("hom-qua", "2027-01-11 08:00", "2027-01-12 16:30", status="done"),
        session_yaml("sau-nay", "2027-03-01 08:00", "2027-03-02 16:30"),
        session_yaml("dang-hoc", "2027-01-12 08:00", "2027-01-13 16:30"),
        session_yaml("bi-huy", "2027-02-01 13:30", "2027-02-01 17:00", status="cancelled"),
        session_yaml("tham-quan-1", "2027-02-10 07:00", "2027-02-10 17:00", course="tham-quan"),
    ]))


def to_html(text: str) -> Element:
    html = markdown.markdown(text, extensions=EXTENSIONS)
    root: Element = tinyhtml5.parse(f"<!DOCTYPE html><html><body>{html}</body></html>")
    return root


def ids(root: Element) -> list[str]:
    return [el.get("id", "") for el in root.iter() if el.get("id", "").startswith("s-")]


def test_the_page_lists_upcoming_classes_by_start_then_the_past_ones_collapsed(
        sessions: list[TrainingSession]) -> None:
    page = sessions_page(sessions, TITLES, LAYOUT, TODAY)
    assert (page.path, page.title) == ("sessions/index.md", "Lịch tập huấn")
    root = to_html(page.content)
    (details,) = root.iter(NS + "details")
    assert "note" in details.get("class", "").split()
    summary = details.find(NS + "summary")
    assert summary is not None and summary.text == "Các lớp đã tổ chức (2)"
    inside = ids(details)
    assert inside == ["s-hom-qua", "s-cu-nhat"]  # latest first
    assert [i for i in ids(root) if i not in inside] == [
        "s-dang-hoc", "s-bi-huy", "s-tham-quan-1", "s-sau-nay"]
    assert '??? note "Các lớp đã tổ chức (2)"\n\n    | Thời gian |' in page.content
    text = " ".join("".join(root.itertext()).split())
    assert "08:00 12/01/2027 – 16:30 13/01/2027" in text
    assert "13:30 – 17:00 01/02/2027" in text  # within a day: the date once
    assert "Số chỗ: 40 chỗ" in text
    assert "Địa điểm: Hội trường dang-hoc, Xã Phong Điền, Thành phố Cần Thơ" in text
    assert "Giảng viên: Nguyễn Văn A, Trần Thị B" in text
    assert "Liên hệ: Trung tâm Khuyến nông" in text
    headings = ["".join(h.itertext()) for h in root.iter(NS + "h3")]
    assert headings == ["Lớp cơ bản OCOP", "Lớp cơ bản OCOP (Đã hủy)", "Tham quan mô hình",
                        "Lớp cơ bản OCOP"]
    assert "Trạng thái: Đã hủy" in text
    hrefs = {a.get("href") for a in root.iter(NS + "a") if a.get("href")}
    assert hrefs == {"../sessions.ics", "../handouts/index.md",
                     "../courses/lop-co-ban-ocop.md", "../courses/tham-quan.md"}
    assert "Thêm vào lịch điện thoại: tải tệp sessions.ics" in text
    assert "Tài liệu in" in text


def test_a_calendar_without_sessions_says_so() -> None:
    page = sessions_page([], TITLES, LAYOUT, TODAY)
    assert "Chưa có lớp tập huấn nào được lên lịch." in page.content
    assert "???" not in page.content


def test_only_past_sessions_say_none_is_coming(sessions: list[TrainingSession]) -> None:
    page = sessions_page(sessions, TITLES, LAYOUT, dt.date(2030, 1, 1))
    assert "Hiện chưa có lớp nào sắp diễn ra." in page.content
    assert '??? note "Các lớp đã tổ chức (6)"' in page.content


def test_renamed_folders_move_the_page_and_its_links(sessions: list[TrainingSession]) -> None:
    layout = Layout(courses="khoa-hoc", sessions="lich")
    page = sessions_page(sessions, TITLES, layout, TODAY)
    assert page.path == "lich/index.md"
    assert "](../khoa-hoc/lop-co-ban-ocop.md)" in page.content
    block = course_sessions_block("lop-co-ban-ocop", sessions, layout, TODAY)
    assert "](../lich/index.md#s-dang-hoc)" in block


def test_hostile_text_stays_text_on_the_page_and_the_course_block(tmp_path: Path) -> None:
    sessions = load(tmp_path, session_yaml("moi", "2027-02-01 08:00", "2027-02-01 11:00",
                                           extra=HOSTILE_EXTRA)
                    + session_yaml("cu", "2026-02-01 08:00", "2026-02-01 11:00",
                                   extra=HOSTILE_EXTRA))
    page = sessions_page(sessions, {"lop-co-ban-ocop": HOSTILE}, LAYOUT, TODAY)
    block = course_sessions_block("lop-co-ban-ocop", sessions, LAYOUT, TODAY)
    for text in (page.content, block):
        root = to_html(text)
        tags = {el.tag.removeprefix(NS) for el in root.iter()}
        assert tags <= {"html", "head", "body", "h1", "h2", "h3", "p", "a", "ul", "li",
                        "strong", "details", "summary", "table", "thead", "tbody", "tr", "th",
                        "td"}, tags
        hrefs = [h for a in root.iter(NS + "a") if (h := a.get("href")) is not None]
        assert all(h.startswith("../") for h in hrefs), hrefs
        shown = "".join(root.itertext())
        assert "<script>alert(1)</script> *đậm* | ô [x](javascript:alert(1)) `mã`" in shown
    root = to_html(page.content)
    assert len(list(root.iter(NS + "details"))) == 1
    assert ["".join(h.itertext()) for h in root.iter(NS + "h1")] == ["Lịch tập huấn"]
    (details,) = root.iter(NS + "details")
    (body,) = details.iter(NS + "tbody")
    assert [len(tr.findall(NS + "td")) for tr in body] == [4]  # the pipes split no cell
    assert ("Dòng một | ô # Tiêu đề giả <img src=x onerror=alert(1)> ??? note \"giả\" [bấm]"
            "(javascript:alert(2))") in " ".join("".join(root.itertext()).split())


def test_the_course_block_lists_its_upcoming_classes_and_counts_the_past(
        sessions: list[TrainingSession]) -> None:
    block = course_sessions_block("lop-co-ban-ocop", sessions, LAYOUT, TODAY)
    assert block.startswith("## Lịch các lớp\n")
    root = to_html(block)
    items = [" ".join("".join(li.itertext()).split()) for li in root.iter(NS + "li")]
    assert items == [
        "08:00 12/01/2027 – 16:30 13/01/2027 — Hội trường dang-hoc, Xã Phong Điền, "
        "Thành phố Cần Thơ — Dự kiến",
        "13:30 – 17:00 01/02/2027 — Hội trường bi-huy, Xã Phong Điền, Thành phố Cần Thơ — "
        "Đã hủy",
        "08:00 01/03/2027 – 16:30 02/03/2027 — Hội trường sau-nay, Xã Phong Điền, "
        "Thành phố Cần Thơ — Dự kiến"]
    links = [a.get("href") for li in root.iter(NS + "li") for a in li.iter(NS + "a")]
    assert links == ["../sessions/index.md#s-dang-hoc", "../sessions/index.md#s-bi-huy",
                     "../sessions/index.md#s-sau-nay"]
    assert "Đã qua: 2 lớp (xem Lịch tập huấn)." in "".join(root.itertext())
    assert course_sessions_block("khong-co-lop", sessions, LAYOUT, TODAY) == ""
    later = course_sessions_block("lop-co-ban-ocop", sessions, LAYOUT, dt.date(2030, 1, 1))
    assert "Chưa có lớp nào sắp diễn ra." in later and "Đã qua: 5 lớp" in later


STAMP = dt.datetime(2027, 1, 13, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def test_the_ics_feed_parses_back_with_utc_times(sessions: list[TrainingSession]) -> None:
    text = sessions_ics(sessions, TITLES, "https://ocop.example.vn/", LAYOUT, STAMP)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert re.search(r"^ ", text, re.M)  # long descriptions are folded
    assert text == sessions_ics(list(reversed(sessions)), TITLES, "https://ocop.example.vn/",
                                LAYOUT, STAMP)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["prodid"]) == "-//ocopkit//Lich tap huan//VI"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["x-wr-calname"]) == "Lịch tập huấn OCOP"
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert list(events) == ["cu-nhat@ocop.example.vn", "hom-qua@ocop.example.vn",
                            "dang-hoc@ocop.example.vn", "bi-huy@ocop.example.vn",
                            "tham-quan-1@ocop.example.vn", "sau-nay@ocop.example.vn"]
    event = events["dang-hoc@ocop.example.vn"]
    utc = dt.UTC
    assert event.decoded("dtstart") == dt.datetime(2027, 1, 12, 1, 0, tzinfo=utc)
    assert event.decoded("dtend") == dt.datetime(2027, 1, 13, 9, 30, tzinfo=utc)
    assert event.decoded("dtstamp") == dt.datetime(2027, 1, 13, 2, 15, tzinfo=utc)
    assert "DTSTART:20270112T010000Z\r\n" in text and "DTEND:20270113T093000Z\r\n" in text
    assert str(event["summary"]) == "Lớp cơ bản OCOP"
    assert str(event["location"]) == "Hội trường dang-hoc, Xã Phong Điền, Thành phố Cần Thơ"
    assert str(event["url"]) == "https://ocop.example.vn/sessions/#s-dang-hoc"
    description = str(event["description"])
    for part in ("Giảng viên: Nguyễn Văn A, Trần Thị B", "Số chỗ: 40",
                 "Liên hệ: Trung tâm Khuyến nông"):
        assert part in description
    assert {uid: str(e["status"]) for uid, e in events.items()} == {
        "cu-nhat@ocop.example.vn": "CONFIRMED", "hom-qua@ocop.example.vn": "CONFIRMED",
        "dang-hoc@ocop.example.vn": "CONFIRMED", "bi-huy@ocop.example.vn": "CANCELLED",
        "tham-quan-1@ocop.example.vn": "CONFIRMED", "sau-nay@ocop.example.vn": "CONFIRMED"}
    assert str(events["tham-quan-1@ocop.example.vn"]["summary"]) == "Tham quan mô hình"


def test_hostile_text_round_trips_through_the_feed(tmp_path: Path) -> None:
    sessions = load(tmp_path, session_yaml("moi", "2027-02-01 08:00", "2027-02-01 11:00",
                                           extra=HOSTILE_EXTRA + "  trainers: ['A, B; C\\D']\n"
                                           ).replace("  trainers: [Nguyễn Văn A, Trần Thị B]\n",
                                                     ""))
    text = sessions_ics(sessions, TITLES, "http://localhost:8000/ocop/", LAYOUT,
                        dt.datetime(2027, 1, 1))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["summary"]) == HOSTILE
    assert str(event["uid"]) == "moi@localhost"
    assert str(event["url"]) == "http://localhost:8000/ocop/sessions/#s-moi"
    assert event.decoded("dtstamp") == dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    description = str(event["description"])
    assert "Giảng viên: A, B; C\\D\n" in description
    assert sessions[0].registration is not None
    assert f"Đăng ký: {sessions[0].registration}\n" in description


def test_attendance_sheets_have_numbered_rows_and_render_to_pdf(
        sessions: list[TrainingSession], tmp_path: Path) -> None:
    edition = load_catalogue(MINI.parent).current
    docs = attendance_documents(sessions, TITLES, TOPICS, edition, "https://ocop.example.vn/",
                                LAYOUT)
    assert [d.path for d in docs] == [
        "diem-danh/cu-nhat.pdf", "diem-danh/hom-qua.pdf", "diem-danh/dang-hoc.pdf",
        "diem-danh/tham-quan-1.pdf", "diem-danh/sau-nay.pdf"]  # not the cancelled one
    doc = docs[2]
    assert (doc.kind, doc.page, doc.url) == (
        "attendance", "sessions/index.md", "https://ocop.example.vn/sessions/#s-dang-hoc")
    assert doc.title == "Lớp cơ bản OCOP – Xã Phong Điền – 12/01/2027"
    assert len(re.findall(r'<td class="stt">', doc.html)) == 40
    assert "<li>Chu trình OCOP</li><li>Câu chuyện sản phẩm</li>" in doc.html
    assert "Nội dung" not in docs[3].html  # no topics given for that course
    assert [attendance_rows(n) for n in (1, 10, 40, 60, 61, 10000)] == [10, 10, 40, 60, 60, 60]

    target = tmp_path / "dang-hoc.pdf"
    pages, _ = _render_one(doc.html, str(tmp_path) + "/", str(target))
    reader = PdfReader(target)
    assert len(reader.pages) == pages >= 2  # 40 rows of 9 mm do not fit one A4 page
    first = unicodedata.normalize("NFC", reader.pages[0].extract_text())
    flat = " ".join(first.split())
    for expected in ("Danh sách điểm danh".upper(), "Họ và tên", "Đơn vị", "Số điện thoại",
                     "Chữ ký", "STT", "Lớp cơ bản OCOP", "Hội trường dang-hoc, Xã Phong Điền, "
                     "Thành phố Cần Thơ", "Nguyễn Văn A, Trần Thị B", "40 chỗ"):
        assert expected in flat, expected
    last = " ".join(unicodedata.normalize("NFC", reader.pages[-1].extract_text()).split())
    assert "Đại diện đơn vị tổ chức" in last and "40" in last


def test_a_big_class_gets_the_capped_sheet_and_a_note(tmp_path: Path) -> None:
    sessions = load(tmp_path, session_yaml("lon", "2027-02-01 08:00", "2027-02-01 11:00")
                    .replace("capacity: 40", "capacity: 120"))
    edition = load_catalogue(MINI.parent).current
    (doc,) = attendance_documents(sessions, TITLES, TOPICS, edition, "https://x.vn/", LAYOUT)
    assert len(re.findall(r'<td class="stt">', doc.html)) == 60
    assert "Lớp có 120 chỗ: danh sách in sẵn 60 dòng, in thêm một bản nếu cần." in doc.html
