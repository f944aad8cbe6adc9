""""Sản phẩm của tôi": one page per product set of the current edition gathering what a
producer needs for it (the sheet, the calculator, the evidence checklist, the PDFs, the guides
to read), and a chooser listing the sets by group, filtered as one types, without diacritics.
"""

from __future__ import annotations

import json
import posixpath

from ocopkit.content import Content
from ocopkit.content.guides import Guide
from ocopkit.criteria.model import Edition, ProductSet
from ocopkit.render.handouts.documents import KINDS
from ocopkit.render.handouts.render import Entry, Manifest
from ocopkit.render.html import md_esc
from ocopkit.render.pages.base import GeneratedPage, product_set_list
from ocopkit.render.pages.calculator import calculator_path
from ocopkit.render.pages.handouts import FOLDER as HANDOUTS
from ocopkit.render.pages.handouts import ORDER, size_label
from ocopkit.render.urls import evidence_path, product_set_path, slug
from ocopkit.source.project import DEFAULT_LAYOUT, Layout
from ocopkit.source.text import fold_table

FOLDER = "san-pham"
TITLE = "Sản phẩm của tôi"
INDEX = f"{FOLDER}/index.md"
SEARCH_BOOST = ["---", "search:", "  boost: 2", "---", ""]
"""Front matter of these pages: a product's page answers "nuoc mam" better than the rows of
its sheet, so search ranks it above them (Material's per-page ``search.boost``)."""
GUIDES_SHOWN = 6
"""At most this many guides are suggested on a product's page, the most specific first."""

FILTER_SCRIPT = """<script>
(function () {
  "use strict";
  var box = document.getElementById("ocop-product-filter");
  if (!box) return;
  var none = document.getElementById("ocop-products-none");
  var article = box.closest("article") || document;
  var TABLE = __FOLD_TABLE__;
  function fold(text) {
    var lower = String(text).normalize("NFC").toLowerCase(), out = "";
    for (var i = 0; i < lower.length; i++) out += TABLE[lower[i]] || lower[i];
    return out.replace(/\\s+/g, " ").trim();
  }
  var lists = [];
  article.querySelectorAll("h2").forEach(function (heading) {
    var list = heading.nextElementSibling;
    if (list && list.tagName === "UL") lists.push({ heading: heading, list: list });
  });
  function show(element, yes) { element.style.display = yes ? "" : "none"; }
  show(box, true);
  box.querySelector("input").addEventListener("input", function (event) {
    var words = fold(event.target.value).split(" ").filter(Boolean), shown = 0;
    lists.forEach(function (entry) {
      var any = false;
      entry.list.querySelectorAll("li").forEach(function (item) {
        var hay = fold(item.textContent);
        var hit = words.every(function (w) { return hay.indexOf(w) !== -1; });
        show(item, hit);
        any = any || hit;
        if (hit) shown++;
      });
      show(entry.heading, any);
      show(entry.list, any);
    });
    show(none, shown === 0);
  });
})();
</script>"""
"""Filters the chooser as one types: every typed word, folded (tones and đ dropped, lower
case, with the table of :func:`~ocopkit.source.text.fold_table`, as search and the Python side
fold), must be in the folded text of a product's line; a group whose products are all hidden is
hidden with its heading (``style.display``: Material's stylesheet outranks ``hidden`` on
lists). Without JavaScript the search box stays hidden and the whole list shows. The table is
filled in where ``__FOLD_TABLE__`` stands."""


def product_path(product_set: ProductSet) -> str:
    """``san-pham/<slug>.md``: the "Sản phẩm của tôi" page of a product set."""
    return f"{FOLDER}/{slug(product_set.code)}.md"


def product_pages(content: Content, manifest: Manifest | None,
                  layout: Layout = DEFAULT_LAYOUT) -> list[GeneratedPage]:
    """The chooser, then one page per product set of the current edition."""
    edition = content.catalogue.current
    return [_chooser(edition),
            *(_product_page(content, edition, s, manifest, layout)
              for s in edition.product_sets)]


def _chooser(edition: Edition) -> GeneratedPage:
    lines = [*SEARCH_BOOST, f"# {TITLE}", "",
             "Chọn sản phẩm của bạn để có trên một trang mọi thứ cần cho nó: phiếu chấm điểm, "
             "công cụ tự chấm, danh mục minh chứng cần chuẩn bị, tài liệu in và các bài hướng "
             "dẫn nên đọc. Không chắc sản phẩm thuộc bộ nào? Gõ tên sản phẩm vào ô tìm dưới "
             "đây (gõ không dấu cũng được), hoặc xem theo nhóm.", "",
             f"Theo bộ tiêu chí ban hành kèm {md_esc(edition.decision)}.", "",
             '<div class="ocop-product-filter" id="ocop-product-filter" style="display:none">'
             '<label for="ocop-product-query">Tìm sản phẩm</label> '
             '<input type="search" id="ocop-product-query" autocomplete="off" '
             'placeholder="ví dụ: nuoc mam, che, gao">'
             '<p id="ocop-products-none" style="display:none">Không có bộ sản phẩm nào khớp. '
             'Thử gõ ngắn '
             "hơn, hoặc xem danh sách theo nhóm.</p></div>", ""]
    lines += product_set_list(edition)
    lines += [FILTER_SCRIPT.replace("__FOLD_TABLE__",
                                    json.dumps(fold_table(), ensure_ascii=False)), ""]
    return GeneratedPage(INDEX, "\n".join(lines), TITLE)


def _product_page(content: Content, edition: Edition, product_set: ProductSet,
                  manifest: Manifest | None, layout: Layout) -> GeneratedPage:
    here = product_path(product_set)
    sheet = product_set_path(edition, product_set, layout)
    evidence = evidence_path(product_set, layout)

    def link(path: str) -> str:
        return posixpath.relpath(path, FOLDER)

    name = f"{product_set.code} {product_set.name}"
    parts = ", ".join(f"Phần {p.part} {p.max} điểm" for p in product_set.parts)
    marked = [c.code for c in product_set.criteria if any(o.marker for o in c.options)]
    lines = [*SEARCH_BOOST, f"# {md_esc(TITLE)}: {md_esc(name)}", "",
             f"{md_esc(product_set.category)}. Cơ quan quản lý: "
             f"{md_esc(product_set.managing_agency)}. Theo {md_esc(edition.decision)}.", "",
             "## 1. Đọc phiếu chấm", "",
             f"[Phiếu {md_esc(product_set.code)}]({link(sheet)}) có "
             f"{len(product_set.criteria)} tiêu chí ({parts}). "
             + (f"Các tiêu chí có ô tối thiểu theo hạng sao: {md_esc(', '.join(marked))}; "
                "thiếu một ô tối thiểu thì không được công nhận hạng đó dù đủ điểm."
                if marked else "Phiếu không có ô tối thiểu theo hạng sao."), ""]
    if product_set.rejection_rules:
        lines += ["Hồ sơ bị loại khi: "
                  + "; ".join(md_esc(r) for r in product_set.rejection_rules) + ".", ""]
    lines += ["## 2. Tự chấm điểm", "",
              f"[Tự đánh giá {md_esc(product_set.code)}]({link(calculator_path(product_set))}): "
              "đánh dấu mức sản phẩm đạt ở từng tiêu chí, xem tổng điểm, hạng sao và những "
              "tiêu chí cần cải thiện. Kết quả chỉ để tham khảo; hạng chính thức do Hội đồng "
              "quyết định.", "",
              "## 3. Chuẩn bị minh chứng", "",
              f"[Danh mục minh chứng {md_esc(product_set.code)}]({link(evidence)}): những giấy "
              "tờ, hồ sơ cần có để chứng minh từng lựa chọn đã tự chấm.", ""]
    entries = _entries(manifest, (sheet, evidence))
    lines += ["## 4. Tài liệu in", ""]
    if entries:
        lines += [f"- [{md_esc(KINDS[e.kind])}]({link(f'{HANDOUTS}/{e.path}')}) — "
                  f"{e.pages} trang, {size_label(e.bytes)}" for e in entries]
    else:
        lines += ["Tài liệu in của bộ sản phẩm này chưa có trong bản dựng này (chạy "
                  "`ocopkit build` để tạo)."]
    lines.append("")
    guides = _guides_for(content, product_set)
    if guides:
        lines += ["## 5. Bài hướng dẫn nên đọc", ""]
        lines += [f"- [{md_esc(g.title)}]({link(f'{layout.guides}/{g.slug}.md')}): "
                  f"{md_esc(g.description)}" for g in guides]
        lines.append("")
    return GeneratedPage(here, "\n".join(lines), f"{TITLE}: {name}",
                         {"product_set": product_set.code}, nav_title=name)


def _entries(manifest: Manifest | None, pages: tuple[str, ...]) -> list[Entry]:
    if manifest is None:
        return []
    found = [e for e in manifest.entries
             if e.page in pages and e.kind in ("score-sheet", "evidence", "council")]
    return sorted(found, key=lambda e: ORDER.index(e.kind))


def _guides_for(content: Content, product_set: ProductSet) -> list[Guide]:
    """Guides for trainees that cover the set's product group: those referring to this very
    sheet first, then those covering fewer groups (more specific), then by title."""
    fitting = [g for g in content.guides if "hoc-vien" in g.audience
               and product_set.product_group in g.product_groups]

    def rank(guide: Guide) -> tuple[int, int, str]:
        named = any(ref.product_set == product_set.code for ref in guide.criteria)
        return (0 if named else 1, len(guide.product_groups), guide.title)

    return sorted(fitting, key=rank)[:GUIDES_SHOWN]
