"""Attendance sheets ("Danh sách điểm danh"): one A4 PDF per session of the training calendar
that is not cancelled, to sign in class.

The sheet has one numbered empty row per place (``capacity``), but at least
:data:`MIN_ROWS` (people come without registering) and at most :data:`MAX_ROWS` (a bigger
class prints the sheet twice, which the sheet says).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ocopkit.content.sessions import TrainingSession
from ocopkit.criteria.model import Edition
from ocopkit.render.handouts.documents import Document, _facts_table, _wrap
from ocopkit.render.html import esc
from ocopkit.render.pages.sessions import anchor, sessions_page_path, time_range
from ocopkit.render.urls import page_url
from ocopkit.source.project import Layout

KIND = "attendance"
FOLDER = "diem-danh"
"""The sheets' folder among the handouts."""
MIN_ROWS = 10
MAX_ROWS = 60
COLUMNS = (("stt", "STT"), ("ho-ten", "Họ và tên"), ("don-vi", "Đơn vị"),
           ("dien-thoai", "Số điện thoại"), ("chu-ky", "Chữ ký"))


def attendance_rows(capacity: int) -> int:
    """How many empty rows a sheet has for a class of ``capacity`` places."""
    return min(max(capacity, MIN_ROWS), MAX_ROWS)


def attendance_documents(sessions: Sequence[TrainingSession], course_titles: Mapping[str, str],
                         course_topics: Mapping[str, Sequence[str]], edition: Edition,
                         site_url: str, layout: Layout) -> list[Document]:
    """A sheet per session that is not cancelled, in the order of ``sessions``;
    ``course_topics`` are the session titles of each course (the sheet's "Nội dung")."""
    page = sessions_page_path(layout)
    out = []
    for s in sessions:
        if s.status == "cancelled":
            continue
        course_title = course_titles.get(s.course, s.course)
        title = f"{s.title or course_title} – {s.place.commune} – {s.start:%d/%m/%Y}"
        url = f"{page_url(site_url, page)}#{anchor(s)}"
        body = _sheet(s, course_title, course_topics.get(s.course, ()))
        out.append(Document(f"{FOLDER}/{s.id}.pdf", KIND, title, url, page,
                            _wrap(title, KIND, edition, url, edition.date, body)))
    return out


def _sheet(s: TrainingSession, course_title: str, topics: Sequence[str]) -> str:
    facts = _facts_table([("Khóa học", course_title), ("Thời gian", time_range(s.start, s.end)),
                          ("Địa điểm", str(s.place)), ("Giảng viên", ", ".join(s.trainers)),
                          ("Số chỗ", f"{s.capacity} chỗ"), ("Liên hệ", s.contact)])
    parts = [facts]
    if topics:
        parts.append("<h2>Nội dung</h2><ol>" + "".join(f"<li>{esc(t)}</li>" for t in topics)
                     + "</ol>")
    rows = attendance_rows(s.capacity)
    head = "".join(f'<th class="{key}">{esc(label)}</th>' for key, label in COLUMNS)
    empty = "".join(f'<td class="{key}"></td>' for key, _ in COLUMNS[1:])
    body = "".join(f'<tr><td class="stt">{i}</td>{empty}</tr>' for i in range(1, rows + 1))
    parts.append(f'<h2>Danh sách học viên</h2><table class="attendance"><thead><tr>{head}</tr>'
                 f"</thead><tbody>{body}</tbody></table>")
    if s.capacity > rows:
        parts.append(f'<p class="note">Lớp có {s.capacity} chỗ: danh sách in sẵn {rows} dòng, '
                     "in thêm một bản nếu cần.</p>")
    parts.append(f'<div class="attendance-end"><p>Tổng số học viên có mặt: ........ / '
                 f'{s.capacity}</p><div class="sign"><span>Giảng viên<br>(ký, ghi rõ họ tên)'
                 "</span><span>Ngày ..... tháng ..... năm ........<br>Đại diện đơn vị tổ chức"
                 "<br>(ký, ghi rõ họ tên)</span></div></div>")
    return "".join(parts)
