""""Những thay đổi": a page per pair of editions, the change notes, and their Atom feed."""

from __future__ import annotations

import datetime as dt
import itertools
from xml.sax.saxutils import escape, quoteattr

from ocopkit.criteria.catalogue import Catalogue
from ocopkit.criteria.changes import ChangeNote
from ocopkit.criteria.diff import KIND_VI, EditionDiff, diff_editions
from ocopkit.criteria.model import Edition
from ocopkit.render.html import admonition, md_esc
from ocopkit.render.pages.base import GeneratedPage
from ocopkit.render.urls import changes_folder, feed_path, slug
from ocopkit.source.project import DEFAULT_LAYOUT, Layout


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
                 notes: list[ChangeNote],
                 layout: Layout = DEFAULT_LAYOUT) -> list[GeneratedPage]:
    diffs = [(old, new, diff_editions(old, new, mappings.get((old.id, new.id))))
             for old, new in pairs(catalogue)]
    index = ["# Những thay đổi giữa các phiên bản bộ tiêu chí", "",
             "Mỗi trang so sánh hai phiên bản: điểm các phần, ngưỡng hạng sao, cơ quan công "
             "nhận và, khi cả hai phiên bản có dữ liệu phiếu, từng bộ sản phẩm và từng tiêu chí. "
             "Bản tin thay đổi có ở dạng [Atom](../feed.xml) để theo dõi.", ""]
    index += [f"- [{md_esc(o.decision)} → {md_esc(n.decision)}]({o.id}--{n.id}.md)"
              for o, n, _ in diffs]
    index += ["", "## Bản tin thay đổi", ""]
    for note in notes:
        edition = catalogue.get(note.edition)
        index += [f"### {note.date:%d/%m/%Y} · {md_esc(note.title)}", "",
                  f"{md_esc(note.summary)} ({md_esc(edition.decision if edition else '')})", ""]
    pages = [GeneratedPage(f"{changes_folder(layout)}/index.md", "\n".join(index),
                           "Những thay đổi")]
    pages += [_pair_page(old, new, diff, layout) for old, new, diff in diffs]
    return pages


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
    """The change notes as an Atom 1.0 feed (newest first)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    updated = max((n.date for n in notes), default=dt.date(2000, 1, 1))
    entries = []
    for i, note in enumerate(notes):
        link = f"{base}{layout.criteria}/{note.edition}/"
        entries.append(
            "  <entry>\n"
            f"    <id>{escape(base)}{changes_folder(layout)}/#{note.date.isoformat()}-{i}</id>\n"
            f"    <title>{escape(note.title)}</title>\n"
            f"    <updated>{note.date.isoformat()}T00:00:00Z</updated>\n"
            f"    <link rel=\"alternate\" href={quoteattr(link)}/>\n"
            f"    <category term={quoteattr(note.edition)}/>\n"
            f"    <summary>{escape(note.summary)}</summary>\n"
            "  </entry>")
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n"
            f"  <id>{escape(base)}{feed_path(layout)}</id>\n"
            "  <title>Thay đổi bộ tiêu chí OCOP</title>\n"
            f"  <updated>{updated.isoformat()}T00:00:00Z</updated>\n"
            "  <author><name>ocopkit</name></author>\n"
            f"  <link rel=\"self\" href={quoteattr(base + feed_path(layout))}/>\n"
            f"  <link rel=\"alternate\" href={quoteattr(base + changes_folder(layout) + '/')}/>\n"
            + "\n".join(entries) + "\n</feed>\n")
