"""Toolkit pages: an evidence checklist per product set, and the toolkit index."""

from __future__ import annotations

from ocopkit.content import Content
from ocopkit.criteria.model import Edition, ProductSet
from ocopkit.render.html import md_esc
from ocopkit.render.pages.base import GeneratedPage
from ocopkit.render.urls import evidence_path, product_set_path, slug


def evidence_pages(content: Content) -> list[GeneratedPage]:
    """One evidence checklist per product set of the edition the evidence notes are for."""
    edition = content.catalogue.get(content.evidence.edition)
    assert edition is not None
    return [_evidence_page(content, edition, s) for s in edition.product_sets]


def _evidence_page(content: Content, edition: Edition, product_set: ProductSet) -> GeneratedPage:
    title = f"Danh mục minh chứng {product_set.code} {product_set.name}"
    lines = ["---", "search:", "  exclude: true", "---", "",
             f"# Danh mục minh chứng: {md_esc(product_set.code)} {md_esc(product_set.name)}", "",
             f"Những gì chủ thể cần chuẩn bị để chứng minh lựa chọn đã tự chấm ở từng tiêu chí "
             f"của [phiếu {md_esc(product_set.code)}](../../"
             f"{product_set_path(edition, product_set, content.layout)}) theo "
             f"{md_esc(edition.decision)}. Đánh dấu từng ô "
             "khi đã có tài liệu trong hồ sơ.", ""]
    for part in product_set.parts:
        lines += [f"## Phần {md_esc(part.part)}", ""]
        for group in part.groups:
            for criterion in group.criteria:
                notes = content.evidence.for_name(criterion.name)
                lines += [f"### {md_esc(criterion.code)}. {md_esc(criterion.name)} "
                          f"({criterion.max} điểm)", ""]
                assert notes is not None  # check_evidence guarantees every name is covered
                lines += [f"- [ ] {md_esc(item)}" for item in notes.evidence]
                if notes.tip:
                    lines += ["", f"*Mẹo:* {md_esc(notes.tip)}"]
                lines.append("")
    return GeneratedPage(evidence_path(product_set, content.layout), "\n".join(lines), title,
                         {"product_set": product_set.code},
                         nav_title=f"{product_set.code} {product_set.name}")


def toolkits_index(content: Content) -> GeneratedPage:
    edition = content.catalogue.get(content.evidence.edition)
    assert edition is not None
    lines = ["# Bộ công cụ chuẩn hóa quy trình và sản phẩm", "",
             "Công cụ giúp chủ thể chuẩn hóa quy trình sản xuất và sản phẩm theo bộ tiêu chí "
             "OCOP: biểu mẫu để dùng ngay và danh mục minh chứng cho từng bộ sản phẩm.", "",
             "## Biểu mẫu", ""]
    lines += [f"- [{md_esc(t.title)}]({t.slug}.md): {md_esc(t.description)}"
              for t in content.templates]
    lines += ["", f"## Danh mục minh chứng theo bộ sản phẩm ({md_esc(edition.decision)})", ""]
    lines += [f"- [{md_esc(s.code)} {md_esc(s.name)}](minh-chung/{slug(s.code)}.md)"
              for s in edition.product_sets]
    lines.append("")
    return GeneratedPage(f"{content.layout.toolkits}/index.md", "\n".join(lines),
                         "Bộ công cụ chuẩn hóa")
