"""Self-assessment calculator pages: one per product set of the current edition.

Each page is a plain HTML form (printable without JavaScript) with the sheet's data embedded as
JSON; ``calculator.js`` scores it live. Contract for tests and tools: one radio group per
criterion (``name`` = criterion code, ``value`` = option number, or ``a1``/``b2`` inside cases,
``0`` = none met), each criterion's fieldset with the id :func:`criterion_id`; three text
fields for the product, its producer and the date (``data-field`` = :data:`FIELDS` keys); a
small summary ``#ocop-result`` pinned to the bottom of the screen, carrying ``data-edition``,
``data-product-set``, ``data-total``, ``data-stars`` and ``data-certifiable``; and the full
result ``#ocop-detail`` at the end of the form: the points per part, one sentence each for the
band by points (``.ocop-band``), what the marked minima allow (``.ocop-minima``) and the
outcome (``.ocop-outcome``), what to improve, the share link with its QR code (printed), and
"Làm lại từ đầu", which asks first and can be undone.
"""

from __future__ import annotations

import json
from importlib.resources import files

from ocopkit.criteria.catalogue import Catalogue
from ocopkit.criteria.export import export_product_set
from ocopkit.criteria.model import Criterion, Edition, Option, ProductSet
from ocopkit.render.html import esc, md_esc
from ocopkit.render.pages.base import Blocks, GeneratedPage, product_set_list
from ocopkit.render.urls import page_url, product_set_path, slug
from ocopkit.scoring import NONE_MET, RANK_RULE, score
from ocopkit.source.project import DEFAULT_LAYOUT, Layout

FOLDER = "self-assessment"
SCRIPT = "assets/javascripts/ocop-calculator.js"
"""The calculator script on the site; it loads the vendored QR generator
(``assets/vendor/qrcode-generator/qrcode.js``) beside it, on calculator pages only."""
FIELDS = {"product": "Tên sản phẩm", "producer": "Chủ thể sản xuất",
          "date": "Ngày tự đánh giá"}
"""The text fields printed with the answers and kept with them (in the address and on the
device): ``data-field`` key → label."""
FIELD_MAX = 120
"""The most characters a field keeps."""


def calculator_script() -> str:
    """The calculator's browser script."""
    return files("ocopkit.render").joinpath("calculator.js").read_text(encoding="utf-8")


def calculator_path(product_set: ProductSet) -> str:
    """The calculator page of ``product_set``, relative to the docs folder."""
    return f"{FOLDER}/{slug(product_set.code)}.md"


def calculator_pages(catalogue: Catalogue, layout: Layout = DEFAULT_LAYOUT,
                     site_url: str = "") -> list[GeneratedPage]:
    """The index of the current edition's calculators, then one calculator per product set.

    With ``site_url`` (the published site), a calculator's share link and QR code point to
    its page there, also in a copy opened from a computer's disk, whose own address no one
    else can open."""
    edition = catalogue.current
    pages = [_page(edition, s, layout, site_url) for s in edition.product_sets]
    return [_index(edition), *pages]


def _index(edition: Edition) -> GeneratedPage:
    lines = ["# Tự đánh giá sản phẩm", "",
             "Chọn bộ sản phẩm của bạn, đánh dấu mức đạt được ở từng tiêu chí và xem ngay tổng "
             "điểm, hạng sao, những tiêu chí cần cải thiện để lên hạng. Công cụ chạy ngay trên "
             "máy, không gửi dữ liệu đi đâu và dùng được khi không có mạng. Kết quả chỉ để tham "
             "khảo; hạng chính thức do Hội đồng đánh giá quyết định.", "",
             f"Theo bộ tiêu chí ban hành kèm {md_esc(edition.decision)}.", ""]
    lines += product_set_list(edition)
    lines += ["## Cách tính điểm", "",
              "Công cụ này, lệnh `ocopkit score` và phiếu in tính theo cùng các quy tắc sau, đọc "
              "từ chính lời văn của quyết định:", ""]
    lines += [f"- {md_esc(rule)}" for rule in SCORING_RULES_VI]
    lines.append("")
    return GeneratedPage(f"{FOLDER}/index.md", "\n".join(lines), "Tự đánh giá")


SCORING_RULES_VI = (
    "Điểm tiêu chí là điểm của lựa chọn đạt được; không đạt lựa chọn nào thì 0 điểm. Tiêu chí "
    "\"chỉ áp dụng khi …\" không được chấm khi điều kiện không thỏa.",
    "Hạng theo tổng điểm là khoảng nửa mở như Điều 3 khoản 3 viết: \"từ 70 đến dưới 90 điểm\" "
    "là 4 sao, \"từ 90 đến 100 điểm\" là 5 sao. Hội đồng xếp hạng theo \"tổng điểm trung "
    "bình\" của các thành viên; điểm trung bình giữ nguyên phần thập phân vì quyết định không "
    "quy định làm tròn (89,6 điểm là 4 sao).",
    RANK_RULE,
    "Với hội đồng, một ô có dấu sao được coi là đạt khi điểm trung bình của các thành viên ở "
    "tiêu chí đó đạt điểm của ô (cùng cách lấy trung bình như tổng điểm; quyết định không nói "
    "thêm). Kết quả ghi rõ bao nhiêu thành viên cho đạt ô đó.",
    "\"Không xem xét các chỉ tiêu khác nếu …\" dừng chấm các chỉ tiêu còn lại trong cùng nhóm; "
    "\"… sẽ không đánh giá các bước tiếp theo\" dừng chấm mọi tiêu chí sau nó trên phiếu. Điều "
    "kiện viết theo điểm (\"Nếu bị 0 điểm\", \"Nếu được 0 điểm tại một trong các chỉ tiêu "
    "trên\") được tính tự động từ các lựa chọn.",
    "Ghi chú \"Không đánh giá những sản phẩm …\" là điều kiện để được đánh giá: sản phẩm thuộc "
    "trường hợp đó không được chấm, như sản phẩm bị loại.",
    "Sản phẩm 1 sao, 2 sao không có quyết định công nhận và không được cấp giấy chứng nhận "
    "(Điều 4 khoản 1 điểm a).",
)
"""The rules the scoring engine applies (:data:`ocopkit.scoring.INTERPRETATION`), in plain
Vietnamese for the self-assessment page."""


def sheet_data(edition: Edition, product_set: ProductSet) -> dict[str, object]:
    """What the page embeds: the product set as exported, and the edition facts scoring needs."""
    return {"edition": {"edition": edition.id, "decision": edition.decision,
                        "parts": [{"code": p.code, "name": p.name} for p in edition.parts],
                        "star_bands": [{"stars": b.stars, "from": b.start, "below": b.below}
                                       for b in edition.star_bands],
                        "recognition": [{"stars": r.stars, "certificate": r.certificate}
                                        for r in edition.recognition]},
            "product_set": export_product_set(product_set)}


_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _json_for_script(data: object) -> str:
    """JSON that stays data inside ``<script>``: no ``</script>``, no ``<!--`` (which would make
    the parser swallow the rest of the page), no raw U+2028/9; ``JSON.parse`` reads the same
    values."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_UNSAFE)


def _page(edition: Edition, product_set: ProductSet, layout: Layout,
          site_url: str) -> GeneratedPage:
    empty = score(edition, product_set, {c.code: NONE_MET for c in product_set.criteria})
    title = f"Tự đánh giá {product_set.code} {product_set.name}"
    criteria_page = "../" + product_set_path(edition, product_set, layout)
    form = [f'<form class="ocop-calc" data-edition="{esc(edition.id)}" '
            f'data-product-set="{esc(product_set.code)}" autocomplete="off">',
            '<div class="ocop-calc-tools"><button type="button" class="md-button" '
            'data-action="print">In phiếu và kết quả</button></div>']
    if product_set.rejection_rules:
        form.append('<label class="ocop-finding"><input type="checkbox" name="dossier_rejected" '
                    f'value="1"> Hồ sơ thuộc trường hợp bị loại: '
                    f'{esc("; ".join(product_set.rejection_rules))}</label>')
    part_names = {p.code: p.name for p in edition.parts}
    for part in product_set.parts:
        form.append(f'<h2 class="ocop-calc-part">Phần {esc(part.part)}: '
                    f"{esc(part_names.get(part.part, ''))} <span class=\"ocop-calc-sum\" "
                    f'data-part-total="{esc(part.part)}">–/{part.max}</span></h2>')
        for group in part.groups:
            form.append(f'<h3 class="ocop-calc-group">{esc(group.code)}. {esc(group.name)} '
                        f'<span class="ocop-calc-sum" data-group-total="{esc(group.code)}">'
                        f"–/{group.max}</span></h3>")
            form += [_fieldset(c) for c in group.criteria]
    form.append("</form>")
    summary = (f'<div id="ocop-result" class="ocop-result" data-edition="{esc(edition.id)}" '
               f'data-product-set="{esc(product_set.code)}" data-total="{empty.total}" '
               f'data-stars="{"null" if empty.stars is None else empty.stars}" '
               'data-certifiable="false" hidden><p class="ocop-summary-line" '
               'aria-live="polite"></p><p class="ocop-summary-more"><a href="#ocop-detail" '
               'data-action="detail">Xem chi tiết kết quả</a><span class="ocop-summary-left">'
               "</span></p></div>")
    blocks = Blocks()
    lines = ["---", "search:", "  exclude: true", "---", "",
             f"# Tự đánh giá: {md_esc(product_set.code)} {md_esc(product_set.name)}", "",
             f"Phiếu theo {md_esc(edition.decision)}; nội dung từng tiêu chí xem tại "
             f"[trang bộ tiêu chí]({criteria_page}). Chọn một mức ở mỗi tiêu chí: tổng điểm "
             "và hạng sao hiện ở cuối màn hình, kết quả đầy đủ và việc cần làm để lên hạng ở "
             "cuối trang. Các lựa chọn được lưu trên máy này và trong đường dẫn của trang, để "
             "gửi cho người khác.", "",
             '<noscript><p class="ocop-noscript">Trình duyệt đang tắt JavaScript: bạn vẫn có '
             "thể in trang này làm phiếu giấy để tự đánh dấu và cộng điểm.</p></noscript>", "",
             blocks.add(_fields() + "".join(form) + summary
                       + _detail(page_url(site_url, calculator_path(product_set))
                                 if site_url else "")
                        + '<script type="application/json" id="ocop-sheet">'
                        f"{_json_for_script(sheet_data(edition, product_set))}</script>"), ""]
    return GeneratedPage(calculator_path(product_set), "\n".join(lines), title,
                         {"product_set": product_set.code}, tuple(blocks.items),
                         nav_title=f"{product_set.code} {product_set.name}")


def _fields() -> str:
    """The product, producer and date: inputs on screen, their text on paper (blank lines to
    write on when the page is printed without JavaScript)."""
    inputs = "".join(f'<label>{esc(label)} <input type="text" name="{esc(key)}" '
                     f'data-field="{esc(key)}" maxlength="{FIELD_MAX}" autocomplete="off">'
                     "</label>" for key, label in FIELDS.items())
    printed = "".join(f'<span>{esc(label)}: <strong data-field-print="{esc(key)}"></strong>'
                      "</span>" for key, label in FIELDS.items())
    return ('<fieldset class="ocop-calc ocop-calc-fields"><legend>Sản phẩm được tự đánh giá'
            f'</legend>{inputs}<p class="ocop-fields-print">{printed}</p></fieldset>')


def _detail(online: str) -> str:
    """The full result at the end of the form; ``calculator.js`` writes its body. ``online``:
    the page's address on the published site (share links use it), or empty."""
    return ('<section id="ocop-detail" class="ocop-detail" aria-labelledby="ocop-detail-title" '
            'tabindex="-1" hidden><h2 id="ocop-detail-title">Kết quả tự đánh giá</h2>'
            '<div class="ocop-result-body"></div>'
            f'<div class="ocop-share" data-online="{esc(online)}"><h3>Gửi hoặc lưu phiếu này</h3>'
            "<p>Đường dẫn dưới đây chứa mọi lựa chọn và thông tin sản phẩm: ai mở nó cũng thấy "
            "đúng phiếu này.</p>"
            '<p class="ocop-share-row"><input type="text" class="ocop-share-link" readonly '
            'aria-label="Đường dẫn của phiếu"> <button type="button" class="md-button" '
            'data-action="copy">Sao chép đường dẫn</button></p>'
            '<p class="ocop-copy-status" role="status"></p>'
            '<p class="ocop-share-local" hidden>Bạn đang mở bản sao trên máy: đường dẫn này chỉ '
            "mở được trên chính máy này.</p>"
            '<p class="ocop-share-online" hidden>Bạn đang mở bản sao trên máy: đường dẫn và mã QR '
            "mở phiếu này trên trang web, cần có mạng.</p>"
            '<figure class="ocop-qr"><div class="ocop-qr-code"></div><figcaption>Quét mã để mở '
            "lại phiếu này với các lựa chọn đã đánh dấu.</figcaption></figure></div>"
            '<div class="ocop-calc-tools"><button type="button" class="md-button" '
            'data-action="print">In phiếu và kết quả</button></div>'
            '<div class="ocop-reset"><button type="button" class="md-button" '
            'data-action="reset" aria-expanded="false">Làm lại từ đầu</button>'
            '<div class="ocop-confirm" role="group" aria-labelledby="ocop-confirm-text" hidden>'
            '<p id="ocop-confirm-text">Xóa mọi lựa chọn đã đánh dấu? Tên sản phẩm, chủ thể và '
            "ngày vẫn được giữ.</p><button type=\"button\" class=\"md-button md-button--primary\" "
            'data-action="reset-confirm">Xóa các lựa chọn</button> <button type="button" '
            'class="md-button" data-action="reset-cancel">Không xóa</button></div>'
            '<p class="ocop-undo" role="status"></p></div></section>')


def criterion_id(code: str) -> str:
    """The id of a criterion's fieldset, the target of the result's links to it."""
    return f"ocop-c-{code}"


def _fieldset(criterion: Criterion) -> str:
    parts = [f'<fieldset class="ocop-criterion" id="{esc(criterion_id(criterion.code))}" '
             f'data-criterion="{esc(criterion.code)}">'
             f"<legend>{esc(criterion.code)}. {esc(criterion.name)} "
             f"<span class=\"ocop-calc-max\">(tối đa {criterion.max} điểm)</span></legend>"]
    if criterion.requirement:
        parts.append(f'<p class="ocop-req">Yêu cầu: {esc(criterion.requirement)}</p>')
    if criterion.applies_if:
        parts.append(f'<p class="ocop-cond">{esc(criterion.applies_if.text)} (tiêu chí '
                     f"{esc(criterion.applies_if.criterion)}).</p>")
    if criterion.cases:
        for case in criterion.cases:
            parts.append(f'<p class="ocop-case">{esc(case.key)}. {esc(case.name)}</p>')
            parts += [_radio(criterion, o) for o in case.options]
    else:
        parts += [_radio(criterion, o) for o in criterion.options]
    parts.append(f'<label class="ocop-option ocop-none"><input type="radio" '
                 f'name="{esc(criterion.code)}" value="{NONE_MET}"> Không đạt lựa chọn nào '
                 '<span class="ocop-pts">0 điểm</span></label>')
    for note in criterion.notes:
        if note.kind == "gate" and note.derived is not None:
            parts.append(f'<p class="ocop-note">Điều kiện dừng (tự tính từ điểm): '
                         f"{esc(note.text)} ({GATE_EFFECT[note.scope or 'sheet']})</p>")
        elif note.kind in ("rejection", "gate", "eligibility"):
            effect = ("sản phẩm bị loại" if note.kind == "rejection"
                      else "sản phẩm không thuộc đối tượng đánh giá" if note.kind == "eligibility"
                      else GATE_EFFECT[note.scope or "sheet"])
            label = "Điều kiện đánh giá" if note.kind == "eligibility" else "Áp dụng cho sản phẩm"
            parts.append(f'<label class="ocop-finding ocop-{note.kind}"><input type="checkbox" '
                         f'name="finding" value="{esc(criterion.code)}"> {label}: '
                         f"{esc(note.text)} ({effect})</label>")
        else:
            parts.append(f'<p class="ocop-note">Ghi chú: {esc(note.text)}</p>')
    parts.append("</fieldset>")
    return "".join(parts)


GATE_EFFECT = {"group": "các tiêu chí sau trong cùng nhóm không được chấm",
               "sheet": "các tiêu chí sau trên phiếu không được chấm"}


def _radio(criterion: Criterion, option: Option) -> str:
    marker = (f' <span class="ocop-marker">tối thiểu {option.marker} sao</span>'
              if option.marker else "")
    return (f'<label class="ocop-option"><input type="radio" name="{esc(criterion.code)}" '
            f'value="{esc(option.key)}"> {esc(option.text)} <span class="ocop-pts">'
            f"{option.points} điểm</span>{marker}</label>")
