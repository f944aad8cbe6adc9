"""The training calendar: its page, the block of a course page listing the course's classes,
and the iCalendar feed (RFC 5545) for phones and calendar apps.

Times are shown as written (local Vietnam time); the feed gives them in UTC. Every text from
the sessions' YAML goes through :func:`~ocopkit.render.html.md_esc` with its whitespace
collapsed to single spaces, so a value never becomes Markdown, HTML or a broken table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

import icalendar

from ocopkit.content.sessions import LOCAL_OFFSET, STATUSES, TrainingSession
from ocopkit.render.html import md_esc
from ocopkit.render.pages.base import GeneratedPage
from ocopkit.render.pages.handouts import FOLDER as HANDOUTS_FOLDER
from ocopkit.render.urls import page_url
from ocopkit.source.project import DEFAULT_LAYOUT, Layout

TITLE = "Lịch tập huấn"
FEED_PATH = "sessions.ics"
"""The iCalendar feed, at the top of the docs folder (the page links ``../sessions.ics``)."""
CALENDAR_NAME = "Lịch tập huấn OCOP"
PRODID = "-//ocopkit//Lich tap huan//VI"
ICS_STATUS = {"planned": "CONFIRMED", "cancelled": "CANCELLED", "done": "CONFIRMED"}
"""A published planned class is scheduled, not a maybe: TENTATIVE would show as unsure."""
UID_HOST = "ocopkit.invalid"
"""The UID domain when the site URL has no host."""


def sessions_page_path(layout: Layout = DEFAULT_LAYOUT) -> str:
    return f"{layout.sessions}/index.md"


def anchor(session: TrainingSession) -> str:
    """The id of a session on the calendar page (ids are lower-case letters, digits and
    hyphens, so safe in HTML as they are)."""
    return f"s-{session.id}"


def time_range(start: dt.datetime, end: dt.datetime) -> str:
    """``08:00 – 16:30 12/01/2027`` within a day, else ``08:00 12/01/2027 – 16:30 13/01/2027``."""
    if start.date() == end.date():
        return f"{start:%H:%M} – {end:%H:%M} {start:%d/%m/%Y}"
    return f"{start:%H:%M %d/%m/%Y} – {end:%H:%M %d/%m/%Y}"


def session_name(session: TrainingSession, course_titles: Mapping[str, str]) -> str:
    """The session's title, or its course's."""
    return session.title or course_titles.get(session.course, session.course)


def is_upcoming(session: TrainingSession, today: dt.date) -> bool:
    """Not over before ``today`` (a class under way is still upcoming)."""
    return session.end.date() >= today


def _t(text: object) -> str:
    """Data as one line of inline Markdown text."""
    return md_esc(" ".join(str(text).split()))


def _status(session: TrainingSession) -> str:
    label = STATUSES[session.status]
    return f"**{label}**" if session.status == "cancelled" else label


def sessions_page(sessions: Sequence[TrainingSession], course_titles: Mapping[str, str],
                  layout: Layout, today: dt.date) -> GeneratedPage:
    """``{sessions}/index.md``: upcoming classes by start, then past ones (latest first) in a
    collapsed block."""
    upcoming = sorted((s for s in sessions if is_upcoming(s, today)),
                      key=lambda s: (s.start, s.id))
    past = sorted((s for s in sessions if not is_upcoming(s, today)),
                  key=lambda s: (s.start, s.id), reverse=True)
    lines = [f"# {TITLE}", "",
             "Các lớp tập huấn OCOP đã lên lịch. Giờ ghi theo giờ Việt Nam (UTC+7).", "",
             f"Thêm vào lịch điện thoại: tải tệp [sessions.ics](../{FEED_PATH}) (định dạng "
             "iCalendar, mở được bằng ứng dụng lịch của điện thoại hoặc máy tính). Mỗi lớp có "
             f"danh sách điểm danh in sẵn trên trang [Tài liệu in](../{HANDOUTS_FOLDER}/"
             "index.md).", ""]
    if not sessions:
        lines += ["Chưa có lớp tập huấn nào được lên lịch.", ""]
        return GeneratedPage(sessions_page_path(layout), "\n".join(lines), TITLE)
    lines += ["## Các lớp sắp tới", ""]
    if not upcoming:
        lines += ["Hiện chưa có lớp nào sắp diễn ra.", ""]
    for session in upcoming:
        lines += _session_card(session, course_titles, layout)
    if past:
        lines += ["## Các lớp đã qua", "", f'??? note "Các lớp đã tổ chức ({len(past)})"', "",
                  "    | Thời gian | Lớp | Địa điểm | Trạng thái |", "    |---|---|---|---|"]
        for s in past:
            lines.append(f'    | <a id="{anchor(s)}"></a>{time_range(s.start, s.end)} '
                         f"| {_class_name(s, course_titles, layout)} | {_t(s.place)} "
                         f"| {_status(s)} |")
        lines.append("")
    return GeneratedPage(sessions_page_path(layout), "\n".join(lines), TITLE)


def _course_link(session: TrainingSession, course_titles: Mapping[str, str],
                 layout: Layout) -> str:
    title = course_titles.get(session.course, session.course)
    return f"[{_t(title)}](../{layout.courses}/{session.course}.md)"


def _class_name(session: TrainingSession, course_titles: Mapping[str, str],
                layout: Layout) -> str:
    link = _course_link(session, course_titles, layout)
    return f"{_t(session.title)} ({link})" if session.title else link


def _session_card(s: TrainingSession, course_titles: Mapping[str, str],
                  layout: Layout) -> list[str]:
    heading = _t(session_name(s, course_titles))
    if s.status == "cancelled":
        heading += f" ({STATUSES['cancelled']})"
    facts = [("Thời gian", time_range(s.start, s.end)),
             ("Khóa học", _course_link(s, course_titles, layout)),
             ("Địa điểm", _t(s.place)),
             ("Giảng viên", _t(", ".join(s.trainers))),
             ("Số chỗ", f"{s.capacity} chỗ"),
             ("Liên hệ", _t(s.contact))]
    if s.registration:
        facts.append(("Đăng ký", _t(s.registration)))
    facts.append(("Trạng thái", _status(s)))
    return [f'<a id="{anchor(s)}"></a>', "", f"### {heading}", "",
            *(f"- **{k}:** {v}" for k, v in facts), ""]


def course_sessions_block(course: str, sessions: Sequence[TrainingSession], layout: Layout,
                          today: dt.date) -> str:
    """Markdown for a course page (``{courses}/{course}.md``): its upcoming classes linked to
    the calendar and how many are past; ``""`` when the course has none."""
    mine = [s for s in sessions if s.course == course]
    if not mine:
        return ""
    page = f"../{sessions_page_path(layout)}"
    upcoming = sorted((s for s in mine if is_upcoming(s, today)), key=lambda s: (s.start, s.id))
    past = len(mine) - len(upcoming)
    lines = ["## Lịch các lớp", ""]
    for s in upcoming:
        parts = [f"[{time_range(s.start, s.end)}]({page}#{anchor(s)})"]
        if s.title:
            parts.append(_t(s.title))
        parts += [_t(s.place), _status(s)]
        lines.append("- " + " — ".join(parts))
    if not upcoming:
        lines.append("Chưa có lớp nào sắp diễn ra.")
    lines.append("")
    if past:
        lines += [f"Đã qua: {past} lớp (xem [{TITLE}]({page})).", ""]
    return "\n".join(lines)


def sessions_ics(sessions: Sequence[TrainingSession], course_titles: Mapping[str, str],
                 site_url: str, layout: Layout, stamp: dt.datetime) -> str:
    """The calendar as iCalendar text (CRLF line ends, long lines folded), the same for the
    same input: one event per session, times in UTC, ``stamp`` (naive means UTC) as every
    event's DTSTAMP."""
    host = urlsplit(site_url).hostname or UID_HOST
    page = page_url(site_url, sessions_page_path(layout))
    utc_stamp = (stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None
                 else stamp.astimezone(dt.UTC)).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for s in sorted(sessions, key=lambda s: (s.start, s.id)):
        url = f"{page}#{anchor(s)}"
        event = icalendar.Event()
        event.add("uid", f"{s.id}@{host}")
        event.add("dtstamp", utc_stamp)
        event.add("dtstart", _utc(s.start))
        event.add("dtend", _utc(s.end))
        event.add("summary", session_name(s, course_titles))
        event.add("location", str(s.place))
        event.add("description", _description(s, course_titles, url))
        event.add("url", url)
        event.add("status", ICS_STATUS[s.status])
        calendar.add_component(event)
    text: bytes = calendar.to_ical()  # icalendar leaves to_ical unannotated
    return text.decode("utf-8")


def _utc(local: dt.datetime) -> dt.datetime:
    """A naive local (UTC+7) time as an aware UTC one."""
    return (local - LOCAL_OFFSET).replace(tzinfo=dt.UTC)


def _description(s: TrainingSession, course_titles: Mapping[str, str], url: str) -> str:
    lines = [f"Khóa học: {course_titles.get(s.course, s.course)}",
             f"Giảng viên: {', '.join(s.trainers)}",
             f"Số chỗ: {s.capacity}",
             f"Liên hệ: {s.contact}"]
    if s.registration:
        lines.append(f"Đăng ký: {s.registration}")
    lines += [f"Trạng thái: {STATUSES[s.status]}", url]
    return "\n".join(lines)
