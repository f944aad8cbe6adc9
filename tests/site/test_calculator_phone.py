"""The self-assessment calculator on a 360 × 780 phone in Chromium, used as a producer does:
the pinned summary stays two lines and the full result is part of the page; "Làm lại từ đầu"
asks first and can be undone; the product, producer and date travel in the link and print;
the link is copied and printed as a QR code that reads back as the page's address."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
import zxingcpp
from PIL import Image

from ocopkit.render.pages.calculator import FIELD_MAX

from .test_browser import AXE
from .test_calculator import CASES, EDITION, _case

PHONE = {"width": 360, "height": 780}
SHEET = EDITION.product_set("I.1.a")
assert SHEET is not None


def _fragment(answers: dict[str, str]) -> str:
    return "#a=" + ",".join(f"{k}:{v}" for k, v in answers.items())


def _checked(page: Any) -> dict[str, str]:
    return dict(page.evaluate("""() => [...document.querySelectorAll(
        'form.ocop-calc input[type=radio]:checked')].map(r => [r.name, r.value])"""))


def _in_view(page: Any, selector: str) -> bool:
    return bool(page.evaluate("""(selector) => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight;
    }""", selector))


GEOMETRY = """() => {
    const summary = document.getElementById('ocop-result');
    const detail = document.getElementById('ocop-detail');
    const lines = [...summary.querySelectorAll('p')].reduce((n, p) => n + Math.round(
        p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)), 0);
    const s = getComputedStyle(summary), d = getComputedStyle(detail);
    return {lines, overflowing: summary.scrollHeight - summary.clientHeight,
            overflow: s.overflowY, detailPosition: d.position, detailOverflow: d.overflowY,
            detailInside: summary.contains(detail)};
}"""


def test_summary_is_two_lines_and_the_advice_is_in_the_page(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    answers, _ = _case("72 points, a *** box missed")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{serve(built_site)}self-assessment/i-1-a/{_fragment(answers)}",
              wait_until="load")
    state = page.url
    box = page.locator("#ocop-result").bounding_box()
    geometry = page.evaluate(GEOMETRY)
    # Pinned to the bottom of the screen, two lines, nothing hidden inside it.
    assert box["y"] + box["height"] == PHONE["height"] and box["height"] <= 80, box
    assert geometry["lines"] <= 2 and geometry["overflowing"] == 0, geometry
    assert geometry["overflow"] == "visible"
    assert page.inner_text("#ocop-result .ocop-summary-line") == \
        "72/100 điểm · chưa được công nhận"
    # The full result flows with the page, after the form, not in a box of its own.
    assert geometry["detailPosition"] == "static" and geometry["detailOverflow"] == "visible"
    assert not geometry["detailInside"]
    advice = "#ocop-detail .ocop-advice li"
    assert not _in_view(page, advice)
    page.click("#ocop-result >> text=Xem chi tiết kết quả")
    assert _in_view(page, advice)
    item = page.inner_text(advice)
    criterion = SHEET.criterion("2.2")
    assert criterion is not None and item.startswith("Tiêu chí 2.2. " + criterion.name)
    needed = criterion.option("3")
    current = criterion.option("2")
    assert needed is not None and current is not None
    assert f"“{needed.text}”" in item and f"“{current.text}”" in item  # options by words
    assert "lựa chọn 3" not in item and "→" not in item
    assert page.url == state  # the link did not put an anchor in place of the answers
    # The criterion's link leads to it, ready to change the answer.
    page.click(f"{advice} >> a")
    assert _in_view(page, "#ocop-c-2\\.2")
    assert page.evaluate("document.activeElement.closest('fieldset').dataset.criterion") == "2.2"
    assert page.url == state and _checked(page) == answers
    context.close()


@pytest.mark.parametrize("width", [360, 320])
def test_summary_fits_two_lines_whatever_the_outcome(
        built_site: Path, serve: Callable[[Path], str], browser: Any, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": PHONE["height"]})
    page = context.new_page()
    base = f"{serve(built_site)}self-assessment/"
    seen = set()
    for code, name in [("i-1-a", n) for n in CASES] + [("vi-1", "empty"), ("iv-2", "empty")]:
        answers, dossier = _case(name) if code == "i-1-a" else ({}, False)
        page.goto(base + code + "/" + _fragment(answers) + ("&d=1" if dossier else ""),
                  wait_until="load")
        geometry = page.evaluate(GEOMETRY)
        assert geometry["lines"] <= 2 and geometry["overflowing"] == 0, (code, name, geometry)
        seen.add(page.inner_text("#ocop-result .ocop-summary-line").split(" · ")[1])
    assert len(seen) >= 5  # every kind of outcome was measured
    context.close()


def test_reset_asks_in_the_page_and_undo_brings_the_answers_back(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    answers, _ = _case("4 stars with every minimum")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{serve(built_site)}self-assessment/i-1-a/{_fragment(answers)}&sp=Rau%20m%C3%A1",
              wait_until="load")
    state, chosen = page.url, _checked(page)
    assert page.get_attribute("#ocop-result", "data-total") == "75"
    page.click("button[data-action=reset]")
    confirm = page.locator(".ocop-confirm")
    assert confirm.is_visible() and "Xóa mọi lựa chọn" in confirm.inner_text()
    assert _checked(page) == chosen  # asking changed nothing
    page.click("button[data-action=reset-cancel]")
    assert not confirm.is_visible() and page.url == state and _checked(page) == chosen
    page.click("button[data-action=reset]")
    page.click("button[data-action=reset-confirm]")
    assert _checked(page) == {} and page.get_attribute("#ocop-result", "data-total") == "0"
    assert page.input_value("input[data-field=product]") == "Rau má"  # the product stays
    assert page.inner_text(".ocop-undo").startswith("Đã xóa các lựa chọn.")
    page.click("button[data-action=undo]")
    assert _checked(page) == chosen and page.url == state
    assert page.get_attribute("#ocop-result", "data-total") == "75"
    assert page.inner_text(".ocop-undo") == "Đã khôi phục các lựa chọn."
    # A new choice after clearing ends the undo: it would overwrite that choice.
    page.click("button[data-action=reset]")
    page.click("button[data-action=reset-confirm]")
    page.check('input[name="1.1"][value="2"]')
    assert page.locator("button[data-action=undo]").count() == 0
    assert dialogs == []  # no window.confirm
    context.close()


FIELDS = {"product": "Bánh tráng phơi sương <b>Trảng Bàng</b>",
          "producer": "HTX Nông nghiệp Ánh Dương", "date": "15/6/2026"}


def _pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_product_fields_travel_in_the_link_and_print(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    url = f"{serve(built_site)}self-assessment/i-1-a/"
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(url, wait_until="load")
    for key, value in FIELDS.items():
        page.fill(f"input[data-field={key}]", value)
    page.check('input[name="1.1"][value="3"]')
    link = page.url
    assert "&sp=" in link and "&cs=" in link and "&ng=" in link
    page.reload(wait_until="load")
    assert {k: page.input_value(f"input[data-field={k}]") for k in FIELDS} == FIELDS
    context.close()
    # A fresh browser (nothing stored): the link alone brings the fields back, and they print.
    other = browser.new_context(viewport=PHONE)
    dialogs: list[str] = []
    page = other.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(link, wait_until="load")
    assert {k: page.input_value(f"input[data-field={k}]") for k in FIELDS} == FIELDS
    assert page.is_checked('input[name="1.1"][value="3"]')
    assert not page.is_visible(".ocop-fields-print")
    page.emulate_media(media="print")
    printed = page.locator(".ocop-fields-print")
    assert printed.is_visible() and not page.is_visible("input[data-field=product]")
    text = printed.inner_text()
    assert all(value in text for value in FIELDS.values()), text
    assert printed.locator("b").count() == 0  # the name's markup stays text
    pdf = _pdf_text(page.pdf(format="A4"))
    for value in FIELDS.values():
        assert re.sub(r"\s+", "", value) in pdf, value
    # A hand-made link: markup stays text, an overlong value is cut, the sheet still works.
    page.emulate_media(media="screen")
    page.goto(url + "#a=1.1:2&sp=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&cs=" + "x" * 500
              + "&ng=%E0%A4%A", wait_until="load")
    assert page.input_value("input[data-field=product]") == "<img src=x onerror=alert(1)>"
    assert len(page.input_value("input[data-field=producer]")) == FIELD_MAX
    assert page.input_value("input[data-field=date]") == ""
    assert page.locator(".ocop-calc-fields img").count() == 0
    assert page.get_attribute("#ocop-result", "data-total") == "2"
    assert dialogs == []
    other.close()


def _decode_qr(page: Any) -> list[str]:
    page.wait_for_selector(".ocop-qr-code svg", state="attached")
    page.emulate_media(media="print")
    qr = page.locator(".ocop-qr-code svg")
    assert qr.is_visible()
    image = Image.open(io.BytesIO(qr.screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_share_link_is_copied_and_printed_as_a_qr_code(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    answers, _ = _case("72 points, a *** box missed")
    context = browser.new_context(viewport=PHONE, device_scale_factor=2,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{serve(built_site)}self-assessment/i-1-a/{_fragment(answers)}"
              "&sp=Rau%20m%C3%A1&cs=T%E1%BB%95%20h%E1%BB%A3p%20t%C3%A1c&ng=1%2F7%2F2026",
              wait_until="load")
    page.click("button[data-action=copy]")
    assert page.inner_text(".ocop-copy-status") == "Đã sao chép đường dẫn."
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    assert page.input_value(".ocop-share-link") == page.url
    assert not page.is_visible(".ocop-qr") and not page.is_visible(".ocop-share-local")
    assert _decode_qr(page) == [page.url]
    # After a change, the printed code follows the new address.
    page.emulate_media(media="screen")
    page.check('input[name="1.1"][value="1"]')
    assert "1.1:1" in page.url and _decode_qr(page) == [page.url]
    context.close()


def test_axe_finds_no_serious_violations_in_a_filled_calculator(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    answers, _ = _case("72 points, a *** box missed")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{serve(built_site)}self-assessment/i-1-a/{_fragment(answers)}&sp=Rau",
              wait_until="load")
    page.click("button[data-action=reset]")  # the question open, too
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    bad = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
