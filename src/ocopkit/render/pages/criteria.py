"""Criteria pages: the editions index, one overview per edition, one page per product set.

Every string that comes from the YAML goes through :func:`esc` (inside HTML) or :func:`md_esc`
(inside Markdown), so a criterion text containing ``<script>`` shows as text.
"""

from __future__ import annotations

from ocopkit.criteria.catalogue import Catalogue
from ocopkit.criteria.model import Criterion, Edition, Group, Option, ProductSet, SheetPart
from ocopkit.render.html import admonition, esc, html_list, md_esc
from ocopkit.render.pages.base import Blocks, GeneratedPage
from ocopkit.render.urls import edition_path, product_set_path, slug
from ocopkit.scoring import RANK_RULE
from ocopkit.source.project import DEFAULT_LAYOUT, Layout

CONFIDENCE_VI = {"H": "cao (văn bản gốc hoặc hai nguồn độc lập)",
                 "M": "trung bình (một nguồn tốt, cần đối chiếu văn bản gốc)",
                 "L": "thấp (nguồn yếu hoặc gián tiếp, cần đối chiếu văn bản gốc)"}
STATUS_VI = {"current": "đang áp dụng", "replaced": "đã được thay thế",
             "draft": "dự thảo, chưa áp dụng"}
NOTE_VI = {"note": "Ghi chú", "rejection": "Điều kiện loại", "gate": "Điều kiện dừng đánh giá",
           "eligibility": "Điều kiện được đánh giá"}


def criteria_pages(catalogue: Catalogue,
                   layout: Layout = DEFAULT_LAYOUT) -> list[GeneratedPage]:
    """Every generated criteria page of the catalogue, index first."""
    pages = [_index_page(catalogue, layout)]
    for edition in catalogue.editions:
        pages.append(_edition_page(catalogue, edition, layout))
        pages.extend(_product_set_page(catalogue, edition, s, layout)
                     for s in edition.product_sets)
    return pages


def _banner(catalogue: Catalogue, edition: Edition, depth: int) -> str:
    current = catalogue.current
    up = "../" * depth
    if edition is current:
        if edition.status != "replaced" or edition.replaced_by is None:
            return ""
        return admonition("info", "Bộ tiêu chí đã có bản thay thế",
                          f"<p>Trang web này vẫn dùng {esc(edition.decision)} cho các lớp tập "
                          f"huấn, nhưng bộ tiêu chí này đã được thay bằng "
                          f'<a href="{up}{edition.replaced_by}/">{esc(edition.replaced_by)}</a>.'
                          "</p>")
    link = f'<a href="{up}{current.id}/">{esc(current.decision)}</a>'
    if edition.status == "draft":
        return admonition("warning", "Bản dự thảo, chưa áp dụng",
                          f"<p>Trang này là bản dự thảo {esc(edition.decision)}, do đơn vị "
                          f"quản lý trang web này đưa lên để góp ý; không dùng để chấm điểm "
                          f"hay lập hồ sơ. Bộ tiêu chí đang dùng là {link}.</p>")
    if edition.status == "current":
        return admonition("info", "Không phải bộ tiêu chí trang này đang dùng",
                          f"<p>{esc(edition.decision)} đang có hiệu lực, nhưng các lớp tập huấn "
                          f"trên trang web này vẫn dùng {link}.</p>")
    return admonition("warning", "Phiên bản cũ, không còn áp dụng",
                      f"<p>Trang này thuộc {esc(edition.decision)}, đã được thay thế. Bộ tiêu "
                      f"chí đang áp dụng là {link}.</p>")


def _index_page(catalogue: Catalogue, layout: Layout) -> GeneratedPage:
    current = catalogue.current
    lines = ["# Bộ tiêu chí OCOP", "",
             "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP được lưu dưới dạng dữ liệu và hiển "
             "thị tự động trên các trang dưới đây. Điểm của từng lựa chọn, dấu sao yêu cầu tối "
             "thiểu và các ghi chú được chép nguyên văn từ quyết định.", "",
             f"**Đang áp dụng:** [{md_esc(current.decision)} — {md_esc(current.title)}]"
             f"({current.id}/index.md), ký ngày {current.date:%d/%m/%Y}.", ""]
    if current.sheets_available:
        lines += ["## Các bộ sản phẩm theo nhóm", ""]
        lines += _sets_by_group(current, prefix=f"{current.id}/")
    lines += ["## Các phiên bản", "", "| Quyết định | Ngày ký | Tình trạng | Phiếu đánh giá |",
              "|---|---|---|---|"]
    for e in catalogue.editions:
        sheets = f"{len(e.product_sets)} bộ" if e.sheets_available else "chưa có dữ liệu"
        lines.append(f"| [{md_esc(e.decision)}]({e.id}/index.md) | {e.date:%d/%m/%Y} | "
                     f"{STATUS_VI[e.status]} | {sheets} |")
    lines.append("")
    return GeneratedPage(f"{layout.criteria}/index.md", "\n".join(lines), "Bộ tiêu chí OCOP")


def _sets_by_group(edition: Edition, prefix: str) -> list[str]:
    lines: list[str] = []
    for group in edition.product_groups:
        sets = [s for s in edition.product_sets if s.product_group == group.code]
        if not sets:
            continue
        lines += [f"### {md_esc(group.code)}. {md_esc(group.name)}", ""]
        lines += [f"- [{md_esc(s.code)} {md_esc(s.name)}]({prefix}{slug(s.code)}.md) — "
                  f"{len(s.criteria)} tiêu chí" for s in sets]
        lines.append("")
    return lines


def _edition_page(catalogue: Catalogue, edition: Edition, layout: Layout) -> GeneratedPage:
    title = f"{edition.decision}: {edition.title}"
    lines = [*_search_front_matter(edition), f"# {md_esc(title)}", "",
             _banner(catalogue, edition, 1)]
    facts = [("Văn bản", edition.decision), ("Tên", edition.title),
             ("Ngày ký", f"{edition.date:%d/%m/%Y}"), ("Người ký", edition.signer),
             ("Tình trạng", STATUS_VI[edition.status])]
    if edition.replaces:
        facts.append(("Thay thế", ", ".join(_decision_of(catalogue, e) for e in edition.replaces)))
    if edition.replaced_by:
        facts.append(("Được thay thế bởi", _decision_of(catalogue, edition.replaced_by)))
    facts += [("Nguồn dữ liệu", f"{edition.source.file} — {edition.source.description}"),
              ("Độ tin cậy", f"{edition.confidence}: {CONFIDENCE_VI[edition.confidence]}")]
    if edition.confidence_note:
        facts.append(("Lưu ý", edition.confidence_note))
    facts.append(("Hiệu lực giấy chứng nhận", f"{edition.certificate_validity_months} tháng"))
    lines += ['<table class="ocop-facts">', "<tbody>"]
    lines += [f"<tr><th scope=\"row\">{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts]
    lines += ["</tbody>", "</table>", ""]
    lines += ["## Cấu trúc điểm", "", "| Phần | Nội dung | Điểm tối đa |", "|---|---|---:|"]
    lines += [f"| {md_esc(p.code)} | {md_esc(p.name)} | {p.max} |" for p in edition.parts]
    lines += [f"| | **Tổng cộng** | **{sum(p.max for p in edition.parts)}** |", ""]
    lines += ["## Phân hạng theo tổng điểm", "",
              "Hạng tính theo tổng điểm trung bình của các thành viên Hội đồng (Điều 3, khoản 3). "
              "Điểm trung bình giữ nguyên phần thập phân: quyết định không quy định làm tròn, nên "
              "89,6 điểm vẫn là hạng 4 sao (\"từ 70 đến dưới 90 điểm\").", "",
              "| Hạng | Tổng điểm | Công nhận, cấp giấy chứng nhận |", "|---|---|---|"]
    for band in reversed(edition.star_bands):
        rec = edition.recognition_for(band.stars)
        who = (f"có — {md_esc(rec.authority)}" if rec and rec.certificate and rec.authority
               else "không công nhận, không cấp giấy chứng nhận")
        lines.append(f"| {band.stars} sao | {band.label} điểm | {who} |")
    lines.append("")
    if edition.untranscribed:
        lines += [admonition("warning", "Chưa đủ phiếu",
                             f"<p>{len(edition.untranscribed)} bộ sản phẩm của phiên bản này "
                             "chưa có phiếu trong dữ liệu (bản văn bản dùng để chép không đủ):</p>"
                             + html_list([f"{u.code} {u.name}" for u in edition.untranscribed]))]
    if edition.product_sets:
        lines += [md_esc(RANK_RULE), ""]
        lines += ["## Các bộ sản phẩm", ""]
        lines += _sets_by_group(edition, prefix="")
    else:
        lines += ["## Phiếu đánh giá", "",
                  admonition("note", "Chưa có dữ liệu phiếu",
                             "<p>Nội dung các phiếu đánh giá của phiên bản này chưa được chép "
                             "vào dữ liệu vì chưa có văn bản nguồn đáng tin cậy. Trang chỉ nêu "
                             "thông tin chung; không dùng trang này để chấm điểm.</p>")]
    return GeneratedPage(edition_path(edition, layout), "\n".join(lines), title)


def _decision_of(catalogue: Catalogue, edition_id: str) -> str:
    other = catalogue.get(edition_id)
    return other.decision if other else edition_id


def _product_set_page(catalogue: Catalogue, edition: Edition, product_set: ProductSet,
                      layout: Layout) -> GeneratedPage:
    title = f"{product_set.code} {product_set.name}"
    lines = [*_search_front_matter(edition),
             f"# {md_esc(product_set.code)} · {md_esc(product_set.name)}", "",
             _banner(catalogue, edition, 1),
             f'<p class="ocop-sheet-meta">Phiếu số {product_set.sheet} — Phụ lục II, '
             f'<a href="../">{esc(edition.decision)}</a> · {esc(product_set.category)} · '
             f"Cơ quan chủ trì quản lý: {esc(product_set.managing_agency)}</p>", ""]
    if product_set.rejection_rules:
        lines += [admonition("danger", "Hồ sơ bị loại khi",
                             html_list(list(product_set.rejection_rules)))]
    if edition is catalogue.current:
        lines += [f"**Tự chấm điểm theo phiếu này:** [Tự đánh giá {md_esc(product_set.code)}]"
                  f"(../../self-assessment/{slug(product_set.code)}.md)", ""]
    lines += ["Các lựa chọn có nhãn **Tối thiểu N sao** là mức tối thiểu sản phẩm phải đạt ở "
              "tiêu chí đó để được xếp hạng N sao (dấu `***`, `****`, `*****` trên phiếu).", ""]
    blocks = Blocks()
    for part in product_set.parts:
        lines += _part_section(edition, part, blocks)
    if product_set.sheet_notes:
        lines += [admonition("note", "Ghi chú của phiếu", html_list(list(product_set.sheet_notes)))]
    lines += ['<table class="ocop-sheet ocop-total"><tbody><tr><th scope="row">Tổng cộng</th>'
              f'<td class="ocop-points">{sum(p.max for p in product_set.parts)} điểm</td>'
              "</tr></tbody></table>", ""]
    if product_set.transcription_notes:
        lines += [admonition("info", "Ghi chú khi chép dữ liệu từ văn bản",
                             html_list(list(product_set.transcription_notes)), collapsed=True)]
    return GeneratedPage(product_set_path(edition, product_set, layout), "\n".join(lines),
                         title,
                         {"product_set": product_set.code, "edition": edition.id},
                         tuple(blocks.items))


def _part_section(edition: Edition, part: SheetPart, blocks: Blocks) -> list[str]:
    name = next((p.name for p in edition.parts if p.code == part.part), part.part)
    lines = [f"## Phần {md_esc(part.part)}: {md_esc(name)} ({part.max} điểm)", ""]
    if part.sum_note is not None:
        lines += [admonition("warning", f"Điểm in của phần này cộng lại {part.max}, không phải "
                             f"{_edition_max(edition, part)}", f"<p>{esc(part.sum_note)}</p>"), ""]
    for group in part.groups:
        heading, table = _group_table(group)
        lines += [heading, "", blocks.add(table), ""]
    lines += [f'<p class="ocop-subtotal" data-part="{esc(part.part)}">Cộng phần '
              f"{esc(part.part)}: <strong>{part.max} điểm</strong></p>", ""]
    return lines


def _search_front_matter(edition: Edition) -> list[str]:
    """A replaced edition's pages stay on the site (with their banner) but out of the search
    index: a trainee searching "nuoc mam" wants today's sheet, not the 2019 one."""
    if edition.status != "replaced":
        return []
    return ["---", "search:", "  exclude: true", "---", ""]


def _edition_max(edition: Edition, part: SheetPart) -> int | str:
    return next((p.max for p in edition.parts if p.code == part.part), "?")


def _group_table(group: Group) -> tuple[str, str]:
    """The group's Markdown heading and its table as one HTML block."""
    heading = f"### {md_esc(group.code)}. {md_esc(group.name)} ({group.max} điểm)"
    lines = [f'<table class="ocop-sheet" data-group="{esc(group.code)}">',
             "<thead data-search-exclude><tr><th scope=\"col\">Mã</th>"
             "<th scope=\"col\">Tiêu chí và lựa chọn</th>"
             "<th scope=\"col\">Điểm</th><th scope=\"col\">Yêu cầu tối thiểu</th></tr></thead>",
             "<tbody>"]
    for criterion in group.criteria:
        section = group.section_of(criterion.code)
        if section is not None and section.criteria[0] == criterion.code:
            lines.append(f'<tr class="ocop-section" data-section="{esc(section.code)}">'
                         f"<th scope=\"row\">{esc(section.code)}</th><td><strong>"
                         f"{esc(section.name)}</strong> (gồm {', '.join(section.criteria)})</td>"
                         f'<td class="ocop-points">{section.max}</td><td></td></tr>')
        lines += _criterion_rows(criterion)
    lines += [f'<tr class="ocop-subtotal-row"><th scope="row" colspan="2">Cộng nhóm '
              f"{esc(group.code)}</th><td class=\"ocop-points\">{group.max}</td><td></td></tr>",
              "</tbody>", "</table>"]
    return heading, spaced("".join(lines))


def spaced(table: str) -> str:
    """Table HTML with white space between rows, cells and a cell's blocks, which browsers
    ignore there: text read from it (the search index's snippets) keeps its words apart
    ("1.1 Nguồn gốc sản phẩm Yêu cầu: …", not "1.1Nguồn gốc sản phẩmYêu cầu: …")."""
    for tag in ("</tr>", "</td>", "</th>", "</strong>", "</div>"):
        table = table.replace(tag, tag + " ")
    return table


def _criterion_rows(criterion: Criterion) -> list[str]:
    details = []
    if criterion.description:
        details.append(f'<div class="ocop-desc">({esc(criterion.description)})</div>')
    if criterion.requirement:
        details.append(f'<div class="ocop-req">Yêu cầu: {esc(criterion.requirement)}</div>')
    if criterion.applies_if:
        details.append(f'<div class="ocop-cond">{esc(criterion.applies_if.text)} (tiêu chí '
                       f"{esc(criterion.applies_if.criterion)})</div>")
    if criterion.cases_text:
        details.append(f'<div class="ocop-cases">{esc(criterion.cases_text)}:</div>')
    rows = [f'<tr class="ocop-criterion" id="tc-{esc(criterion.code)}" '
            f'data-criterion="{esc(criterion.code)}" data-max="{criterion.max}">'
            f'<th scope="row">{esc(criterion.code)}</th>'
            f'<td><strong>{esc(criterion.name)}</strong>{"".join(details)}</td>'
            f'<td class="ocop-points">{criterion.max}</td><td></td></tr>']
    if criterion.cases:
        for case in criterion.cases:
            rows.append(f'<tr class="ocop-case"><td></td><td colspan="3">'
                        f"{esc(case.key)}. {esc(case.name)}</td></tr>")
            rows += [_option_row(o) for o in case.options]
    else:
        rows += [_option_row(o) for o in criterion.options]
    for note in criterion.notes:
        rows.append(f'<tr class="ocop-note ocop-note-{note.kind}"><td></td><td colspan="3">'
                    f"<strong>{NOTE_VI[note.kind]}:</strong> {esc(note.text)}</td></tr>")
    return rows


def _option_row(option: Option) -> str:
    marker = (f'<span class="ocop-marker" data-stars="{option.marker}">Tối thiểu '
              f"{option.marker} sao</span>" if option.marker else "")
    return (f'<tr class="ocop-option" data-option="{esc(option.key)}" '
            f'data-points="{option.points}"><td></td><td>☐ {esc(option.text)}</td>'
            f'<td class="ocop-points">{option.points}</td><td>{marker}</td></tr>')
