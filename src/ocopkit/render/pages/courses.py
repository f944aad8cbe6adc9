"""Course pages: the session table with computed totals, and the course catalogue."""

from __future__ import annotations

from ocopkit.content import Content
from ocopkit.content.courses import FORMATS, Course
from ocopkit.content.guides import AUDIENCES, TOPICS
from ocopkit.render.html import esc, md_esc, minutes_label
from ocopkit.render.pages.base import GeneratedPage
from ocopkit.render.pages.handouts import FOLDER as HANDOUTS
from ocopkit.source.project import DEFAULT_LAYOUT, Layout


def course_header(course: Course, layout: Layout = DEFAULT_LAYOUT) -> str:
    """HTML inserted after a course's ``# title``: facts and the sessions with totals."""
    facts = [("Hình thức", FORMATS[course.format]),
             ("Đối tượng", ", ".join(AUDIENCES[a] for a in course.audience)),
             ("Chủ đề", ", ".join(TOPICS[t] for t in course.topics)),
             ("Số lớp trong năm", str(course.classes)),
             ("Thời lượng một lớp", minutes_label(course.minutes)),
             ("Tổng thời lượng các lớp", minutes_label(course.total_minutes)),
             ("Cập nhật", f"{course.last_reviewed:%d/%m/%Y}")]
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th><td>{esc(v)}</td></tr>' for k, v in facts)
    lines = [f'<table class="ocop-course-facts"><tbody>{rows}</tbody></table>', "",
             '!!! abstract "Mục tiêu"', ""]
    lines += [f"    - {md_esc(o)}" for o in course.objectives]
    lines += ["", "## Các buổi học", "", "| Buổi | Nội dung | Thời lượng |", "|---:|---|---:|"]
    for i, session in enumerate(course.sessions, start=1):
        name = (f"[{md_esc(session.title)}](../{layout.guides}/{session.guide}.md)"
                if session.guide
                else md_esc(session.title))
        lines.append(f"| {i} | {name} | {session.minutes} phút |")
    lines += [f"| | **Tổng cộng** | **{minutes_label(course.minutes)}** |", ""]
    return "\n".join(lines)


def course_organisation(course: Course) -> str:
    """Markdown for the end of a course page, from its front matter: how a class is organised
    (``logistics``), what to prepare (``materials``, with the printed pack) and how learning is
    checked (``assessment``); the course pack prints the same. Empty when the course sets none
    of them."""
    where = course.logistics
    lines: list[str] = []
    facts = [(label, value) for label, value in (("Địa điểm", where.place),
                                                 ("Thời gian", where.time)) if value]
    if facts or where.bring:
        lines += ["## Tổ chức lớp", ""]
        lines += [f"- **{label}**: {md_esc(value)}" for label, value in facts]
        if where.bring:
            lines.append("- **Học viên mang theo**:")
            lines += [f"    - {md_esc(item)}" for item in where.bring]
        lines.append("")
    if course.materials:
        lines += ["## Tài liệu cần chuẩn bị", ""]
        lines += [f"- {md_esc(item)}" for item in course.materials]
        lines += [f"- Bộ tài liệu in của khóa: trang [Tài liệu in](../{HANDOUTS}/index.md).",
                  ""]
    if course.assessment:
        lines += ["## Đánh giá học viên", ""]
        lines += [f"- {md_esc(item)}" for item in course.assessment]
        lines.append("")
    return "\n".join(lines)


def courses_index(content: Content) -> GeneratedPage:
    """``courses/index.md``: the programme with totals, then courses by audience."""
    courses = list(content.courses)
    lines = ["# Khóa đào tạo", "",
             "Chương trình các lớp tập huấn OCOP. Thời lượng được tính từ các bài hướng dẫn "
             "của từng buổi học.", "",
             "| Khóa | Hình thức | Số lớp | Một lớp | Tổng các lớp |", "|---|---|---:|---:|---:|"]
    for c in courses:
        lines.append(f"| [{md_esc(c.title)}]({c.slug}.md) | {FORMATS[c.format]} | {c.classes} "
                     f"| {minutes_label(c.minutes)} | {minutes_label(c.total_minutes)} |")
    classes = sum(c.classes for c in courses)
    total = sum(c.total_minutes for c in courses)
    lines += [f"| **Tổng cộng** | | **{classes}** | | **{minutes_label(total)}** |", "",
              f'<p class="ocop-total" data-classes="{classes}" data-minutes="{total}">'
              f"Cả chương trình: {len(courses)} khóa, {classes} lớp, "
              f"{minutes_label(total)} giảng dạy.</p>", "", "## Theo đối tượng", ""]
    for key, label in AUDIENCES.items():
        members = [c for c in courses if key in c.audience]
        if members:
            lines += [f"### {md_esc(label)}", ""]
            lines += [f"- [{md_esc(c.title)}]({c.slug}.md) — {c.classes} lớp × "
                      f"{minutes_label(c.minutes)}" for c in members]
            lines.append("")
    return GeneratedPage(f"{content.layout.courses}/index.md", "\n".join(lines),
                         "Khóa đào tạo")
