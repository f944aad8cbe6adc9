""""Những thay đổi": a page per pair of editions, the change notes, their Atom feed, the
stylesheet a browser shows the feed with, and a page saying how to follow the feed."""

from __future__ import annotations

import datetime as dt
import itertools
import posixpath
from importlib.resources import files
from xml.sax.saxutils import escape, quoteattr

from ocopkit.criteria.catalogue import Catalogue
from ocopkit.criteria.changes import ChangeNote
from ocopkit.criteria.diff import KIND_VI, EditionDiff, diff_editions
from ocopkit.criteria.model import Edition
from ocopkit.render.html import admonition, esc, md_esc
from ocopkit.render.pages.base import GeneratedPage
from ocopkit.render.urls import (
    changes_folder,
    feed_help_path,
    feed_path,
    feed_stylesheet_path,
    page_url,
    slug,
)
from ocopkit.source.project import DEFAULT_LAYOUT, Layout

FEED_TITLE = "Thay đổi bộ tiêu chí OCOP"
FEED_CSS = files("ocopkit.render.pages").joinpath("feed.css").read_text(encoding="utf-8")
"""The stylesheet of the feed (served as :func:`~ocopkit.render.urls.feed_stylesheet_path`):
browsers show an Atom file with an ``xml-stylesheet`` of type ``text/css`` as a page."""
HELP_TITLE = "Cách theo dõi bản tin thay đổi"
XHTML = "http://www.w3.org/1999/xhtml"


def pairs(catalogue: Catalogue) -> list[tuple[Edition, Edition]]:
    """Consecutive editions (oldest first), plus oldest → current when those differ from a
    consecutive pair and both have sheets (so sheets can be compared across a gap)."""
    ordered = sorted(catalogue.editions, key=lambda e: e.date)
    out = list(itertools.pairwise(ordered))
    with_sheets = [e for e in ordered if e.sheets_available]
    if len(with_sheets) >= 2 and (with_sheets[0], with_sheets[-1]) not in out:
        out.append((with_sheets[0], with_sheets[-1]))
    return out


def change_path(old: Edition, new: Edition, layout: Layout = DEFAULT_LAYOUT) -> str:
    return f"{changes_folder(layout)}/{old.id}--{new.id}.md"


def change_pages(catalogue: Catalogue, mappings: dict[tuple[str, str], dict[str, str]],
                 notes: list[ChangeNote], layout: Layout = DEFAULT_LAYOUT,
                 site_url: str = "") -> list[GeneratedPage]:
    """The index (pairs and change notes), the page on following the feed, then a page per
    pair of editions; ``site_url`` gives the feed's full address on the help page."""
    diffs = [(old, new, diff_editions(old, new, mappings.get((old.id, new.id))))
             for old, new in pairs(catalogue)]
    feed, help_page = _relative(feed_path(), layout), _relative(feed_help_path(layout),
                                                                      layout)
    index = ["# Những thay đổi giữa các phiên bản bộ tiêu chí", "",
             "Mỗi trang so sánh hai phiên bản: điểm các phần, ngưỡng hạng sao, cơ quan công "
             "nhận và, khi cả hai phiên bản có dữ liệu phiếu, từng bộ sản phẩm và từng tiêu chí. "
             f"Các bản tin thay đổi (cuối trang này) cũng được đăng thành một [nguồn tin]({feed}) "
             "để nhận tin tự động bằng trình đọc tin hoặc thư điện tử: xem "
             f"[{HELP_TITLE}]({help_page}).", ""]
    index += [f"- [{md_esc(o.decision)} → {md_esc(n.decision)}]({o.id}--{n.id}.md)"
              for o, n, _ in diffs]
    index += ["", "## Bản tin thay đổi", ""]
    for note in notes:
        edition = catalogue.get(note.edition)
        index += [f"### {note.date:%d/%m/%Y} · {md_esc(note.title)}", "",
                  f"{md_esc(note.summary)} ({md_esc(edition.decision if edition else '')})", ""]
    pages = [GeneratedPage(f"{changes_folder(layout)}/index.md", "\n".join(index),
                           "Những thay đổi"), feed_help_page(site_url, layout)]
    pages += [_pair_page(old, new, diff, layout) for old, new, diff in diffs]
    return pages


def _relative(path: str, layout: Layout) -> str:
    """A link from a page of the changes folder to ``path`` (relative to the docs folder)."""
    return posixpath.relpath(path, changes_folder(layout))


def feed_help_page(site_url: str = "", layout: Layout = DEFAULT_LAYOUT) -> GeneratedPage:
    """What the feed is and how an official follows it in a feed reader or by e-mail."""
    feed = _relative(feed_path(), layout)
    url = _base(site_url) + feed_path()
    address = (f'<a href="{esc(url)}"><strong>{esc(url)}</strong></a>' if site_url
               else f"[{md_esc(feed_path())}]({feed})")
    lines = [
        f"# {HELP_TITLE}", "",
        "Mỗi khi bộ tiêu chí OCOP trên trang này được cập nhật (có quyết định mới, hoặc sửa "
        "một chỗ chép sai), người quản trị trang viết một **bản tin thay đổi** ngắn: tiêu đề, "
        "ngày, một hai câu nói điều gì thay đổi và liên kết tới phiên bản bộ tiêu chí liên "
        "quan. Các bản tin hiện ở cuối trang [Những thay đổi](index.md).", "",
        "Các bản tin này cũng được đăng thành một **nguồn tin** (tiếng Anh: *feed*), tại địa "
        "chỉ:", "", address, "",
        "Nguồn tin là một tệp mà các phần mềm đọc tin tự kiểm tra định kỳ. Khi có bản tin "
        "mới, phần mềm báo cho bạn, nên bạn không phải vào trang này thường xuyên để xem có gì "
        "mới. Bạn không cần tài khoản trên trang này và không phải để lại địa chỉ thư điện tử.",
        "",
        f"Khi mở [nguồn tin]({feed}) trong trình duyệt, bạn thấy danh sách các bản tin, mới "
        "nhất lên đầu. Tệp này viết cho phần mềm đọc; muốn được báo tin tự động, làm theo một "
        "trong hai cách dưới đây.", "",
        "## Cách 1: dùng trình đọc tin", "",
        "Trình đọc tin (tiếng Anh: *feed reader*, *RSS reader*) là phần mềm hoặc ứng dụng gom "
        "tin mới từ nhiều trang vào một chỗ. Nguồn tin của trang này theo định dạng Atom, mà "
        "các trình đọc tin đều đọc được.", "",
        "1. Chép địa chỉ nguồn tin ở trên (bấm chuột phải vào liên kết, chọn \"Sao chép địa "
        "chỉ liên kết\").",
        "2. Trong trình đọc tin, tìm mục có tên như \"Thêm nguồn tin\", \"Đăng ký\" hoặc "
        "tiếng Anh \"Add feed\", \"Subscribe\".",
        "3. Dán địa chỉ vào và xác nhận. Các bản tin hiện ngay; bản tin mới sẽ tự đến sau này.",
        "",
        "## Cách 2: nhận tin qua thư điện tử", "",
        "Hộp thư trên trình duyệt thường không tự đọc nguồn tin. Có hai cách để bản tin đến "
        "cùng chỗ với thư:", "",
        "- Dùng một phần mềm thư điện tử trên máy tính có sẵn mục đọc nguồn tin, ví dụ "
        "Thunderbird (miễn phí). Thêm địa chỉ nguồn tin như ở Cách 1; bản tin hiện như thư, "
        "bên cạnh hộp thư của bạn.",
        "- Dùng một dịch vụ chuyển nguồn tin thành thư điện tử (tìm với từ khóa \"RSS to "
        "email\"): dán địa chỉ nguồn tin, nhập địa chỉ thư của bạn; mỗi bản tin mới được gửi "
        "thành một thư. Đây là dịch vụ bên ngoài, không thuộc trang này: hỏi bộ phận công nghệ "
        "thông tin của đơn vị trước khi dùng.", "",
        "## Điều cần biết", "",
        "- Bản tin chỉ có khi bộ tiêu chí thay đổi, nên có thể nhiều tháng không có tin mới. Đó "
        "là bình thường.",
        "- Bản tin chỉ nói vắn tắt. Muốn biết từng tiêu chí, từng lựa chọn đã đổi thế nào, mở "
        "trang [Những thay đổi](index.md): mỗi cặp phiên bản có một trang so sánh.",
        "- Trình đọc tin cần mạng: bản sao ngoại tuyến (chép vào USB) có tệp nguồn tin nhưng "
        "không tự cập nhật được.",
        "- Mỗi trang đào tạo (của quốc gia, của một tỉnh hay trung tâm đào tạo) có nguồn tin "
        "riêng, ở địa chỉ của chính trang đó. Nên theo dõi nguồn tin của trang mà lớp học của "
        "bạn dùng.", ""]
    return GeneratedPage(feed_help_path(layout), "\n".join(lines), HELP_TITLE)


def _base(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


def _pair_page(old: Edition, new: Edition, diff: EditionDiff, layout: Layout) -> GeneratedPage:
    title = f"{old.decision} → {new.decision}"
    lines = [f"# Thay đổi: {md_esc(title)}", "",
             f"So sánh [{md_esc(old.decision)}](../{old.id}/index.md) ({old.date:%d/%m/%Y}) "
             f"với [{md_esc(new.decision)}](../{new.id}/index.md) ({new.date:%d/%m/%Y}).", "",
             "## Điểm, phân hạng và công nhận", ""]
    general = ([f"- Phần {p}: {a} → {b} điểm" for p, a, b in diff.parts]
               + [f"- Phân hạng {md_esc(b)}" for b in diff.bands]
               + [f"- Công nhận {md_esc(r)}" for r in diff.recognition])
    lines += general or ["- Không thay đổi."]
    lines.append("")
    for amendment in new.amendments:
        lines += [f"- Sửa đổi bởi {md_esc(amendment.decision)} ({amendment.date:%d/%m/%Y}): "
                  f"{md_esc(amendment.summary)}"]
    if not diff.sheets_compared:
        lines += ["", admonition("note", "Không so sánh được từng phiếu",
                                 "<p>Một trong hai phiên bản chưa có dữ liệu phiếu đánh giá (xem "
                                 "trang phiên bản), nên trang này chỉ so sánh thông tin chung."
                                 "</p>")]
        return GeneratedPage(change_path(old, new, layout), "\n".join(lines), f"Thay đổi {title}")
    lines += ["", "## Bộ sản phẩm", "",
              f"{len(diff.sets)} bộ được ghép, {len(diff.added_sets)} bộ mới, "
              f"{len(diff.removed_sets)} bộ không còn.", ""]
    lines += [f"- Mới: {md_esc(c)} {md_esc(n)}" for c, n in diff.added_sets]
    lines += [f"- Không còn: {md_esc(c)} {md_esc(n)}" for c, n in diff.removed_sets]
    lines += [f"- Chưa so sánh được (phiếu của {md_esc(old.decision)} chưa có dữ liệu): "
              f"{md_esc(a)} → {md_esc(b)} {md_esc(n)}" for a, b, n in diff.uncompared_sets]
    for s in diff.sets:
        renamed = f" (trước đây «{md_esc(s.old_name)}»)" if s.renamed else ""
        lines += ["", f"### {md_esc(s.old)} → {md_esc(s.new)} {md_esc(s.new_name)}{renamed}", "",
                  f"[Phiếu mới](../{new.id}/{slug(s.new)}.md) · "
                  f"[phiếu cũ](../{old.id}/{slug(s.old)}.md) · {len(s.changes)} thay đổi", ""]
        if s.changes:
            lines += ["| Thay đổi | Tiêu chí | Chi tiết |", "|---|---|---|"]
            for ch in s.changes:
                code = ch.new_code or ch.old_code or ""
                was = f" (trước: {ch.old_code})" if ch.old_code and ch.old_code != code else ""
                lines.append(f"| {KIND_VI[ch.kind]} | {md_esc(code)}{md_esc(was)} "
                             f"{md_esc(ch.name)} | {md_esc(ch.detail)} |")
    lines.append("")
    return GeneratedPage(change_path(old, new, layout), "\n".join(lines), f"Thay đổi {title}")


def atom_feed(notes: list[ChangeNote], catalogue: Catalogue, site_url: str,
              layout: Layout = DEFAULT_LAYOUT) -> str:
    """The change notes as an Atom 1.0 feed (newest first).

    It names its stylesheet (:data:`FEED_CSS`, beside it) so that a browser shows it as a page;
    the subtitle and each entry's content are XHTML (Atom's ``type="xhtml"``), so their links
    work in a browser as in a feed reader. Every text from the data is escaped."""
    base = _base(site_url)
    updated = max((n.date for n in notes), default=dt.date(2000, 1, 1))
    changes = page_url(base, f"{changes_folder(layout)}/index.md")
    help_url = page_url(base, feed_help_path(layout))
    entries = []
    for i, note in enumerate(notes):
        link = f"{base}{layout.criteria}/{note.edition}/"
        edition = catalogue.get(note.edition)
        decision = edition.decision if edition else note.edition
        content = (f"<p class=\"date\">Ngày {note.date:%d/%m/%Y} · Bộ tiêu chí theo "
                   f"{escape(decision)}</p><p>{escape(note.summary)}</p><p><a "
                   f"href={quoteattr(link)}>Xem bộ tiêu chí {escape(decision)}</a> · <a "
                   f"href={quoteattr(changes)}>Những thay đổi</a></p>")
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(base)}{changes_folder(layout)}/#{note.date.isoformat()}-{i}</id>\n"
            f"    <title>{escape(note.title)}</title>\n"
            f"    <updated>{note.date.isoformat()}T00:00:00Z</updated>\n"
            f"    <link rel=\"alternate\" href={quoteattr(link)}/>\n"
            f"    <category term={quoteattr(note.edition)}/>\n"
            f"    <summary>{escape(note.summary)}</summary>\n"
            f"    <content type=\"xhtml\"><div xmlns=\"{XHTML}\">{content}</div></content>\n"
            "  </entry>")
    subtitle = ("<p>Nguồn tin này báo mỗi khi bộ tiêu chí OCOP trên trang được cập nhật. Nó "
                "được viết cho trình đọc tin; để nhận tin tự động qua trình đọc tin hoặc thư "
                f"điện tử, xem <a href={quoteattr(help_url)}>{escape(HELP_TITLE)}</a>.</p>"
                f"<p><a href={quoteattr(changes)}>Những thay đổi giữa các phiên bản</a></p>")
    stylesheet = posixpath.relpath(feed_stylesheet_path(),
                                   posixpath.dirname(feed_path()))
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            f"<?xml-stylesheet type=\"text/css\" href={quoteattr(stylesheet)}?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n"
            f"  <id>{escape(base)}{feed_path()}</id>\n"
            f"  <title>{FEED_TITLE}</title>\n"
            f"  <subtitle type=\"xhtml\"><div xmlns=\"{XHTML}\">{subtitle}</div></subtitle>\n"
            f"  <updated>{updated.isoformat()}T00:00:00Z</updated>\n"
            "  <author><name>ocopkit</name></author>\n"
            f"  <link rel=\"self\" href={quoteattr(base + feed_path())}/>\n"
            f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(changes)}/>\n"
            + "\n".join(entries) + "\n</feed>\n")
