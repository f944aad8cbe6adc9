"""The handouts of a project and their print HTML.

Per guide a trainee and a trainer edition (or the one its front matter's ``handouts`` names);
per product set of the current edition a self-assessment score sheet, an evidence checklist
and a council summary form; per course a workshop pack. Documents come in reading order
(guides as the courses teach them, product sets in sheet order), which the site's "Tài liệu
in" page keeps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from importlib.resources import files

from ocopkit import __version__
from ocopkit.content import Content
from ocopkit.content.courses import FORMATS, Course, course_order, draw_tests, reading_order
from ocopkit.content.guides import AUDIENCES, LEVELS, Guide
from ocopkit.content.questions import Question, without_questions
from ocopkit.criteria.model import Criterion, Edition, Option, ProductSet
from ocopkit.render.handouts.markdown import (
    BOX,
    PLAIN,
    SiteMarkdown,
    render_markdown,
    split_trainer_blocks,
    without_title,
)
from ocopkit.render.handouts.qr import qr_svg
from ocopkit.render.html import esc, minutes_label
from ocopkit.render.pages.questions import answer_key_html, worksheet_html
from ocopkit.render.urls import evidence_path, page_url, product_set_path, slug
from ocopkit.render.vendored import VENDOR
from ocopkit.scoring import RANK_RULE
from ocopkit.source.frontmatter import read_page
from ocopkit.source.project import Layout

PRINT_CSS = (files("ocopkit.render.handouts").joinpath("print.css").read_text(encoding="utf-8")
             .replace('url("vendor/', f'url("{VENDOR.as_uri()}/'))
"""The print stylesheet, its fonts read from the package's vendored folder."""
KINDS = {"guide-trainee": "Bản cho học viên", "guide-trainer": "Bản cho giảng viên",
         "score-sheet": "Phiếu tự đánh giá", "evidence": "Danh mục minh chứng",
         "course-pack": "Bộ tài liệu khóa học", "council": "Phiếu tổng hợp điểm Hội đồng",
         "attendance": "Danh sách điểm danh", "course-pretest": "Bài kiểm tra đầu khóa",
         "course-posttest": "Bài kiểm tra cuối khóa",
         "course-test-key": "Đáp án và bảng tổng hợp kiểm tra"}


@dataclass(frozen=True)
class Document:
    """One PDF to render: where it goes, what it is, its online page and its print HTML."""

    path: str
    """Relative output path, e.g. ``huong-dan/cau-chuyen-san-pham-hoc-vien.pdf``."""
    kind: str
    title: str
    url: str
    """The page online that the QR code points to."""
    page: str
    """The site page (path under ``docs/``) the document belongs to."""
    html: str
    subject: str = ""
    """What it is about (a guide's title, a product set's code and name): the documents
    printed for one thing share it, and the handouts page lists them in one row."""
    section: str = ""
    """The heading the handouts page lists it under, when its kind is split further (a
    guide: the title of the first course that teaches it; empty for no course)."""

    @property
    def digest(self) -> str:
        """Changes whenever anything that shapes the PDF changes."""
        return hashlib.sha256(f"{__version__}\n{self.html}".encode()).hexdigest()


def plan_handouts(content: Content, site_url: str,
                  markdown: SiteMarkdown = PLAIN) -> list[Document]:
    """Every handout of the project, in a stable order; guides are converted with the site's
    Markdown extensions ``markdown`` (see :func:`print_markdown`)."""
    edition, layout = content.catalogue.current, content.layout
    out: list[Document] = []
    for course, guides in reading_order(content.courses, content.guides):
        for guide in guides:
            body = _guide_body(content, guide)
            for trainer in (False, True):
                if ("giang-vien" if trainer else "hoc-vien") not in guide.handouts:
                    continue
                out.append(_guide_document(edition, guide, body, site_url, layout, markdown,
                                           trainer=trainer, section=course.title if course
                                           else ""))
    for product_set in edition.product_sets:
        out.append(_score_sheet(edition, product_set, site_url, layout))
        out.append(_evidence(content, edition, product_set, site_url))
        out.append(_council_form(edition, product_set, site_url, layout))
    for course in course_order(content.courses, content.guides):
        out.append(_course_pack(content, edition, course, site_url, markdown))
        if course.quiz:
            out += _course_tests(content, edition, course, site_url)
    # attendance builds on this module's page frame: imported here, not at the top
    from ocopkit.render.handouts.attendance import attendance_documents

    out += attendance_documents(
        content.sessions, {c.slug: c.title for c in content.courses},
        {c.slug: [s.title for s in c.sessions] for c in content.courses}, edition, site_url,
        layout)
    return out


def _guide_page(guide: Guide, layout: Layout) -> str:
    """The guide's page, relative to the docs folder."""
    return f"{layout.guides}/{guide.slug}.md"


def _guide_body(content: Content, guide: Guide) -> str:
    page, problems = read_page(content.file_of(_guide_page(guide, content.layout)), guide.path)
    assert page is not None and not problems, problems  # validated by check_content
    return without_title(page.body)


def _basis(edition: Edition) -> str:
    return (f"Theo Bộ tiêu chí ban hành kèm theo Quyết định số {edition.decision} ngày "
            f"{edition.date:%d/%m/%Y}")


def _wrap(title: str, kind: str, edition: Edition, url: str, dated: dt.date, body: str) -> str:
    """The print page of a document: the title block (kind, title, criteria edition, content
    date, QR code to ``url`` with its address) above ``body``. No tool version is printed:
    a reader needs the content's date and edition, not the software's."""
    short = url.split("://", 1)[-1]
    head = (f'<div class="title-block"><div class="text"><div class="kind">{esc(KINDS[kind])}'
            f'</div><h1>{esc(title)}</h1><div class="meta basis">{esc(_basis(edition))}</div>'
            f'<div class="meta">Ngày cập nhật nội dung: {dated:%d/%m/%Y}</div></div>'
            f'<div class="qr">{qr_svg(url)}<div>'
            f"{esc(short)}</div></div></div>")
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{esc(title)}'
            f"</title><meta name=\"author\" content=\"ocopkit\"><style>{PRINT_CSS}</style></head>"
            f"<body>{head}{body}</body></html>")


def _facts_table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f"<table class=\"facts\"><tbody>{cells}</tbody></table>"


def _guide_html(guide: Guide, body: str, site_url: str, layout: Layout,
                markdown: SiteMarkdown, *, trainer: bool) -> str:
    facts = [("Đối tượng", ", ".join(AUDIENCES[a] for a in guide.audience)),
             ("Thời lượng", minutes_label(guide.duration)), ("Trình độ", LEVELS[guide.level])]
    parts = [_facts_table(facts), "<h2>Mục tiêu</h2><ul>"
             + "".join(f"<li>{esc(o)}</li>" for o in guide.objectives) + "</ul>",
             "<h2>Ý chính cần nhớ</h2><ul>"
             + "".join(f"<li>{esc(k)}</li>" for k in guide.key_points) + "</ul>"]
    if trainer and guide.criteria:
        parts.append("<h2>Tiêu chí liên quan</h2><ul>" + "".join(
            f"<li>{esc(r.product_set + ' · ' if r.product_set else '')}{esc(r.code)} "
            f"{esc(r.name)}</li>" for r in guide.criteria) + "</ul>")
    parts.append(render_markdown(split_trainer_blocks(without_questions(body), keep=trainer),
                                 _guide_page(guide, layout), site_url, markdown))
    if guide.questions:  # trainees get a worksheet, trainers the key
        parts.append(answer_key_html(guide.questions) if trainer
                     else worksheet_html(guide.questions))
    return "".join(parts)


def _guide_document(edition: Edition, guide: Guide, body: str, site_url: str, layout: Layout,
                    markdown: SiteMarkdown, *, trainer: bool, section: str) -> Document:
    kind = "guide-trainer" if trainer else "guide-trainee"
    suffix = "giang-vien" if trainer else "hoc-vien"
    url = page_url(site_url, _guide_page(guide, layout))
    html = _wrap(guide.title, kind, edition, url, guide.last_reviewed,
                 _guide_html(guide, body, site_url, layout, markdown, trainer=trainer))
    return Document(f"huong-dan/{guide.slug}-{suffix}.pdf", kind, guide.title, url,
                    _guide_page(guide, layout), html, guide.title, section)


def _check_item(content: str) -> str:
    """A check-box line of a printed list: the box and ``content`` (safe HTML) on one line,
    the text wrapping beside the box (print.css ``.check``)."""
    return f'<div class="check"><span class="box">{BOX}</span>{content}</div>'


def _marker(option: Option) -> str:
    return (f'<span class="marker">tối thiểu {option.marker} sao</span>'
            if option.marker else "")


def _criterion_rows(criterion: Criterion) -> str:
    """The criterion's heading row, then its options (under their cases) and notes. The
    heading and case rows are kept with the row after them at a page break (print.css)."""
    rows = [f'<tr class="criterion"><td>{esc(criterion.code)}</td><td>{esc(criterion.name)}'
            + (f'<div class="note">{esc(criterion.applies_if.text)}</div>'
               if criterion.applies_if else "")
            + f'</td><td class="num">{criterion.max}</td><td></td></tr>']
    for case in criterion.cases or ():
        rows.append(f'<tr class="case"><td></td><td colspan="3"><em>{esc(case.key)}. '
                    f"{esc(case.name)}</em></td></tr>")
        rows += [_option_row(o) for o in case.options]
    if not criterion.cases:
        rows += [_option_row(o) for o in criterion.options]
    rows += [f'<tr><td></td><td colspan="3" class="note">{esc(n.text)}</td></tr>'
             for n in criterion.notes]
    return "".join(rows)


def _option_row(option: Option) -> str:
    return (f"<tr><td></td><td>{_check_item(f'{esc(option.text)} {_marker(option)}')}</td>"
            f'<td class="num">{option.points}</td><td></td></tr>')


def _subject(product_set: ProductSet) -> str:
    """What a product set's documents are about: its code and name."""
    return f"{product_set.code} {product_set.name}"


def _score_sheet(edition: Edition, product_set: ProductSet, site_url: str,
                 layout: Layout) -> Document:
    title = _subject(product_set)
    parts = [_facts_table([("Tên sản phẩm", ""), ("Tên chủ thể", ""), ("Địa chỉ", ""),
                           ("Ngày tự đánh giá", "")])]
    if product_set.rejection_rules:
        parts.append("<p><strong>Hồ sơ bị loại khi:</strong> "
                     + "; ".join(esc(r) for r in product_set.rejection_rules) + "</p>")
    part_names = {p.code: p.name for p in edition.parts}
    for part in product_set.parts:
        parts.append(f"<h2>Phần {esc(part.part)}: {esc(part_names.get(part.part, ''))} "
                     f"({part.max} điểm)</h2>")
        parts.append('<table><thead><tr><th>Mã</th><th>Tiêu chí / lựa chọn</th>'
                     '<th class="num">Điểm</th><th>Điểm đạt</th></tr></thead><tbody>')
        for group in part.groups:
            parts.append(f'<tr class="subtotal group"><td>{esc(group.code)}</td>'
                         f'<td>{esc(group.name)}</td><td class="num">{group.max}</td><td></td>'
                         "</tr>")
            parts += [_criterion_rows(c) for c in group.criteria]
            parts.append(f'<tr class="subtotal"><td></td><td>Cộng nhóm {esc(group.code)}</td>'
                         f'<td class="num">{group.max}</td><td><span class="fill"></span></td>'
                         "</tr>")
        parts.append(f'<tr class="subtotal"><td></td><td>Cộng phần {esc(part.part)}</td>'
                     f'<td class="num">{part.max}</td><td><span class="fill"></span></td></tr>'
                     "</tbody></table>")
    parts.append('<table><tbody><tr class="subtotal"><td>Tổng cộng</td><td class="num">'
                 f'{sum(p.max for p in product_set.parts)}</td><td><span class="fill"></span>'
                 "</td></tr></tbody></table>")
    bands = "".join(f"<tr><td>{b.stars} sao</td><td>{esc(b.label)} điểm</td></tr>"
                    for b in reversed(edition.star_bands))
    parts.append("<h2>Phân hạng</h2><table><thead><tr><th>Hạng</th><th>Tổng điểm</th></tr>"
                 f"</thead><tbody>{bands}</tbody></table>"
                 f"<p class=\"note\">{esc(RANK_RULE)}</p>"
                 '<div class="sign"><span>Hạng theo điểm: ........ sao</span>'
                 "<span>Hạng sau yêu cầu tối thiểu: ........ sao</span></div>"
                 '<div class="sign"><span>Người tự đánh giá (ký, ghi rõ họ tên)</span>'
                 "<span>Ngày ..... tháng ..... năm ........</span></div>")
    url = page_url(site_url, product_set_path(edition, product_set, layout))
    html = _wrap(title, "score-sheet", edition, url, edition.date, "".join(parts))
    return Document(f"phieu-cham/{slug(product_set.code)}.pdf", "score-sheet", title, url,
                    product_set_path(edition, product_set, layout), html, _subject(product_set))


COUNCIL_MEMBERS = 9
"""Rows for members on the council summary form (a provincial council is usually 7 to 9)."""


def _council_form(edition: Edition, product_set: ProductSet, site_url: str,
                  layout: Layout) -> Document:
    """The council's summary of one product: each member's part totals, the average, the
    marked minima judged on the criterion averages, the level and the signatures."""
    title = f"Tổng hợp điểm Hội đồng {product_set.code} {product_set.name}"
    heads = "".join(f'<th class="num">Phần {esc(p.part)} ({p.max})</th>'
                    for p in product_set.parts)
    empty = "".join("<td></td>" for _ in product_set.parts)
    rows = "".join(f"<tr><td>{i}</td><td></td>{empty}<td></td><td></td></tr>"
                   for i in range(1, COUNCIL_MEMBERS + 1))
    members = (f"<h2>Điểm của từng thành viên</h2><table class=\"council\"><thead><tr><th>STT"
               f"</th><th>Họ và tên thành viên</th>{heads}<th class=\"num\">Tổng (100)</th>"
               f"<th>Ký</th></tr></thead><tbody>{rows}<tr class=\"subtotal\"><td></td><td>"
               f"Điểm trung bình</td>{empty}<td></td><td></td></tr></tbody></table>"
               "<p class=\"note\">Điểm trung bình = tổng điểm của các thành viên chia cho số thành "
               "viên, giữ nguyên phần thập phân (quyết định không quy định làm tròn).</p>")
    marked = [(c, o) for c in product_set.criteria for o in c.options if o.marker]
    minima = "".join(f"<tr><td>{esc(c.code)}</td><td>{esc(c.name)}: {esc(o.text)}</td>"
                     f'<td class="num">{o.marker}</td><td class="num">{o.points}</td><td></td>'
                     "<td></td></tr>" for c, o in marked)
    minima_table = ("<h2>Ô có dấu sao (yêu cầu tối thiểu)</h2><table><thead><tr><th>Mã</th>"
                    "<th>Tiêu chí: ô tối thiểu</th><th class=\"num\">Hạng</th><th class=\"num\">"
                    "Điểm cần</th><th>Điểm TB</th><th>Số TV cho đạt</th></tr></thead>"
                    f"<tbody>{minima}</tbody></table><p class=\"note\">Một ô được coi là đạt khi "
                    "điểm trung bình của các thành viên ở tiêu chí đó không thấp hơn điểm cần.</p>")
    bands = "; ".join(f"{b.stars} sao: {esc(b.label)} điểm" for b in reversed(edition.star_bands))
    ending = (f"<h2>Kết luận</h2><p class=\"note\">{esc(bands)}. {esc(RANK_RULE)}</p>"
              '<div class="sign"><span>Hạng theo điểm trung bình: ........ sao</span>'
              "<span>Hạng được đề nghị công nhận: ........ sao</span></div>"
              '<p>Lý do (nếu bị loại hoặc chưa đạt ô tối thiểu): '
              "........................................................................</p>"
              '<div class="sign"><span>Thư ký Hội đồng (ký, ghi rõ họ tên)</span>'
              "<span>Chủ tịch Hội đồng (ký, ghi rõ họ tên)</span></div>")
    facts = _facts_table([("Tên sản phẩm", ""), ("Tên chủ thể", ""), ("Hội đồng cấp", ""),
                          ("Ngày họp", "")])
    url = page_url(site_url, product_set_path(edition, product_set, layout))
    html = _wrap(title, "council", edition, url, edition.date,
                 facts + members + minima_table + ending)
    return Document(f"hoi-dong/{slug(product_set.code)}.pdf", "council", title, url,
                    product_set_path(edition, product_set, layout), html, _subject(product_set))


def _evidence(content: Content, edition: Edition, product_set: ProductSet,
              site_url: str) -> Document:
    title = f"Danh mục minh chứng {product_set.code} {product_set.name}"
    rows = []
    for criterion in product_set.criteria:
        notes = content.evidence.for_name(criterion.name)
        items = notes.evidence if notes else ()
        rows.append(f'<tr class="criterion"><td>{esc(criterion.code)}</td>'
                    f"<td>{esc(criterion.name)}</td><td class=\"num\">{criterion.max}</td></tr>")
        rows += [f'<tr><td></td><td colspan="2">{_check_item(esc(i))}</td></tr>' for i in items]
    body = ("<p>Đánh dấu từng ô khi tài liệu đã có trong hồ sơ.</p><table><thead><tr>"
            '<th>Mã</th><th>Tiêu chí / minh chứng</th><th class="num">Điểm</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")
    page = evidence_path(product_set, content.layout)
    url = page_url(site_url, page)
    html = _wrap(title, "evidence", edition, url, edition.date, body)
    return Document(f"minh-chung/{slug(product_set.code)}.pdf", "evidence", title, url, page,
                    html, _subject(product_set))


def _items(texts: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(t)}</li>" for t in texts) + "</ul>"


def _course_cover(course: Course, guides: list[Guide]) -> str:
    """The first pages of a course pack: what the course is for, who it is for, how long it
    takes, how a class is organised, what to prepare, how learning is checked, the contents.
    A place, time or list the course leaves open prints as an empty cell to write in."""
    sessions = "".join(
        f"<tr><td>{i}</td><td>{esc(s.title)}</td><td class=\"num\">{s.minutes} phút</td></tr>"
        for i, s in enumerate(course.sessions, start=1))
    where = course.logistics
    organisation = "".join(f"<tr><th>{esc(label)}</th><td>{value}</td></tr>" for label, value in (
        ("Hình thức", esc(FORMATS[course.format])), ("Địa điểm", esc(where.place or "")),
        ("Thời gian", esc(where.time or "")),
        ("Học viên mang theo", _items(where.bring) if where.bring else "")))
    prepared = ([*course.materials] + ([f"Bộ tài liệu này: bản cho học viên của {len(guides)} "
                                        "bài hướng dẫn (xem Mục lục)."] if guides else []))
    toc = "".join(f'<li><a href="#g-{esc(g.slug)}">{esc(g.title)}</a></li>' for g in guides)
    return "".join([
        f'<div class="cover"><p>{esc(course.description)}</p>',
        "<h2>Mục tiêu</h2>", _items(course.objectives),
        "<h2>Đối tượng</h2>",
        f"<p>{esc(', '.join(AUDIENCES[a] for a in course.audience))}.</p>",
        "<h2>Thời lượng</h2>",
        f"<p>Một lớp {esc(minutes_label(course.minutes))}, gồm {len(course.sessions)} buổi; "
        f"{course.classes} lớp trong năm, tổng {esc(minutes_label(course.total_minutes))}.</p>",
        "<table><thead><tr><th>Buổi</th><th>Nội dung</th><th class=\"num\">Thời lượng</th>"
        f"</tr></thead><tbody>{sessions}<tr class=\"subtotal\"><td></td><td>Tổng cộng</td>"
        f'<td class="num">{esc(minutes_label(course.minutes))}</td></tr></tbody></table>',
        f'<h2>Tổ chức lớp</h2><table class="facts"><tbody>{organisation}</tbody></table>',
        ("<h2>Tài liệu cần chuẩn bị</h2>" + _items(prepared)) if prepared else "",
        ("<h2>Đánh giá học viên</h2>" + _items(course.assessment)) if course.assessment else "",
        f'<h2>Mục lục</h2><ul class="toc">{toc}</ul></div>' if toc else "</div>"])


def _course_pack(content: Content, edition: Edition, course: Course, site_url: str,
                 markdown: SiteMarkdown) -> Document:
    """The workshop pack of a course: :func:`_course_cover`, then the trainee edition of
    each of its guides (once each, in session order)."""
    guides = [content.guide(s.guide) for s in course.sessions if s.guide]
    unique = list(dict.fromkeys(g for g in guides if g is not None))
    layout = content.layout
    sections = [f'<section class="guide" id="g-{esc(g.slug)}"><h2>{esc(g.title)}</h2>'
                + _guide_html(g, _guide_body(content, g), site_url, layout, markdown,
                              trainer=False)
                + "</section>" for g in unique]
    page = f"{layout.courses}/{course.slug}.md"
    url = page_url(site_url, page)
    html = _wrap(course.title, "course-pack", edition, url, course.last_reviewed,
                 _course_cover(course, unique) + "".join(sections))
    return Document(f"khoa-hoc/{course.slug}.pdf", "course-pack", course.title, url, page,
                    html, course.title)


LEARNER_ROWS = 30
"""Rows of the class tally sheet (a class is about 30 to 40 people; more rows print blank)."""


def _test_head() -> str:
    return ('<table class="facts"><tbody><tr><th>Họ và tên</th><td></td></tr>'
            "<tr><th>Đơn vị, địa phương</th><td></td></tr><tr><th>Ngày</th><td></td></tr>"
            "</tbody></table>")


def _tally(pre: list[Question], post: list[Question]) -> str:
    """The class tally sheet: per learner the two scores; per question how many answered it
    right, before and after (the questions learners still miss are the ones to go over)."""
    learners = "".join(f"<tr><td class=\"num\">{i}</td><td></td><td></td><td></td></tr>"
                       for i in range(1, LEARNER_ROWS + 1))
    questions = "".join(f"<tr><td class=\"num\">{i}</td><td></td><td></td></tr>"
                        for i in range(1, max(len(pre), len(post)) + 1))
    return ('<section class="tally"><h2>Bảng tổng hợp của lớp</h2>'
            "<p>Điểm của mỗi học viên là số câu trả lời đúng.</p>"
            '<table><thead><tr><th class="num">STT</th><th>Họ và tên</th>'
            f"<th>Đầu khóa (/{len(pre)})</th><th>Cuối khóa (/{len(post)})</th></tr></thead>"
            f"<tbody>{learners}</tbody></table>"
            "<h2>Số người trả lời đúng từng câu</h2>"
            '<table><thead><tr><th class="num">Câu</th><th>Đầu khóa</th><th>Cuối khóa</th>'
            f"</tr></thead><tbody>{questions}</tbody></table></section>")


def _course_tests(content: Content, edition: Edition, course: Course,
                  site_url: str) -> list[Document]:
    """The pre-test and post-test of a course (for learners: questions and boxes) and, for
    the trainer, both answer keys and the class tally sheet."""
    pre, post = draw_tests(course, content.guides)
    page = f"{content.layout.courses}/{course.slug}.md"
    url = page_url(site_url, page)
    out = []
    for kind, questions, name in (("course-pretest", pre, "kiem-tra-dau-khoa"),
                                  ("course-posttest", post, "kiem-tra-cuoi-khoa")):
        html = _wrap(course.title, kind, edition, url, course.last_reviewed,
                     _test_head() + worksheet_html(questions, KINDS[kind]))
        out.append(Document(f"khoa-hoc/{course.slug}-{name}.pdf", kind, course.title, url,
                            page, html, course.title))
    key = (answer_key_html(pre, f"{KINDS['course-pretest']}: đáp án")
           + answer_key_html(post, f"{KINDS['course-posttest']}: đáp án") + _tally(pre, post))
    out.append(Document(f"khoa-hoc/{course.slug}-dap-an-kiem-tra.pdf", "course-test-key",
                        course.title, url, page,
                        _wrap(course.title, "course-test-key", edition, url,
                              course.last_reviewed, key), course.title))
    return out
