"""The self-assessment calculator in Chromium: the page's results equal ocopkit.scoring's,
field by field, for random answer sets filled in through the form, and its sentences carry the
same star numbers; it works from file://, QR code included."""

from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image

from ocopkit.criteria import load_catalogue
from ocopkit.criteria.model import ProductSet
from ocopkit.render.urls import slug
from ocopkit.scoring import NONE_MET, Score, explain, score

from ..conftest import DOCS
from ..htmlpage import Page

EDITION = load_catalogue(DOCS / "criteria").current
SAMPLES = 208  # 8 per product set


def _random_answers(rng: random.Random, sheet: ProductSet) -> tuple[dict[str, str], list[str],
                                                                    bool]:
    answers = {}
    for criterion in sheet.criteria:
        keys = [o.key for o in criterion.options]
        answers[criterion.code] = NONE_MET if rng.random() < 0.08 else rng.choice(keys)
    findable = [c.code for c in sheet.criteria
                if any(n.kind in ("rejection", "gate", "eligibility") and n.derived is None
                       for n in c.notes)]
    findings = [code for code in findable if rng.random() < 0.15]
    return answers, findings, bool(sheet.rejection_rules) and rng.random() < 0.05


def _applicable(sheet: ProductSet, answers: dict[str, str], code: str) -> bool:
    criterion = sheet.criterion(code)
    assert criterion is not None
    cond = criterion.applies_if
    if cond is None:
        return True
    target = sheet.criterion(cond.criterion)
    option = target.option(answers[cond.criterion]) if target else None
    return option is not None and option.number in cond.options


CLICK_THROUGH = """({answers, findings, dossier}) => {
    document.querySelector('button[data-action=reset]').click();
    document.querySelector('button[data-action=reset-confirm]').click();
    const skipped = [];
    for (const [code, value] of answers) {
        const radio = document.querySelector(`input[name="${code}"][value="${value}"]`);
        if (radio.disabled) { skipped.push(code); continue; }
        radio.click();
    }
    for (const code of findings) {
        document.querySelector(`input[name="finding"][value="${code}"]`).click();
    }
    if (dossier) document.querySelector('input[name="dossier_rejected"]').click();
    return skipped;
}"""


def _page_result(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => {
        const r = document.getElementById('ocop-result').dataset;
        const n = (v) => v === 'null' ? null : +v;
        return {edition: r.edition, product_set: r.productSet, total: +r.total,
                stars: n(r.stars), band_stars: n(r.bandStars), minima_stars: n(r.minimaStars),
                certifiable: r.certifiable === 'true', rejected: r.rejected === 'true',
                parts: JSON.parse(r.parts), groups: JSON.parse(r.groups),
                points_needed: +r.pointsNeeded, blocking: JSON.parse(r.blocking),
                unmet: JSON.parse(r.unmet), gated: JSON.parse(r.gated), verdict: r.verdict};
    }""")


SENTENCES = """() => {
    const say = (selector) => {
        const node = document.querySelector(selector);
        return node ? node.textContent : null;
    };
    return {band: say('#ocop-detail .ocop-band'), minima: say('#ocop-detail .ocop-minima'),
            outcome: say('#ocop-detail .ocop-outcome'),
            summary: say('#ocop-result .ocop-summary-line')};
}"""


def _stars(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+) sao", text)]


def _lowest_marker(sheet: ProductSet) -> int | None:
    markers = [o.marker for c in sheet.criteria for o in c.options if o.marker is not None]
    return min(markers) if markers else None


def assert_sentences_agree(said: dict[str, str | None], expected: Score,
                           sheet: ProductSet) -> None:
    """The band, minima and outcome sentences and the summary name the star numbers of
    ``score()``, and never claim minima are met when the band has none."""
    band, minima, outcome, summary = (said["band"], said["minima"], said["outcome"],
                                      said["summary"])
    assert outcome is not None and summary is not None
    if expected.rejected:
        assert band is None and minima is None
        assert "bị loại" in outcome and "bị loại" in summary
        assert _stars(outcome) == [] and _stars(summary) == []
        return
    assert band is not None and minima is not None
    assert _stars(band) == [expected.band_stars], band
    assert f"({expected.total} điểm" in band
    unmet = [b.criterion for b in expected.unmet]
    lowest = _lowest_marker(sheet)
    if unmet:
        assert minima.startswith("Chưa đạt"), minima
        codes = re.search(r"tiêu chí (.*?);", minima)
        assert codes is not None and codes.group(1).split(", ") == unmet, minima
        assert _stars(minima) == [expected.band_stars] + (
            [expected.stars] if expected.stars is not None else []), minima
    elif lowest is not None and expected.band_stars is not None \
            and expected.band_stars >= lowest:
        assert minima.startswith("Đạt mọi ô tối thiểu"), minima
        assert _stars(minima) == [expected.band_stars], minima
    else:  # no marked minimum up to the band: nothing is said to be met
        assert "không có ô tối thiểu" in minima and "đạt" not in minima.lower(), minima
    if expected.stars is None:
        assert _stars(outcome) == [] and "chưa đủ điều kiện" in outcome, outcome
        assert _stars(summary) == [] and "chưa được công nhận" in summary, summary
    else:
        assert set(_stars(outcome)) == {expected.stars}, outcome
        assert _stars(summary) == [expected.stars], summary
        recognised = "được công nhận và cấp giấy chứng nhận" in outcome
        assert recognised == expected.certifiable and (
            "không được công nhận" in outcome) != expected.certifiable, outcome
    assert summary.startswith(f"{expected.total}/100 điểm"), summary


def test_calculator_matches_the_scoring_engine(built_site: Path, serve: Callable[[Path], str],
                                               browser: Any) -> None:
    base = serve(built_site)
    rng = random.Random(2026)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    compared = 0
    for sheet in EDITION.product_sets:
        page.goto(f"{base}self-assessment/{slug(sheet.code)}/", wait_until="load")
        for _ in range(SAMPLES // len(EDITION.product_sets)):
            answers, findings, dossier = _random_answers(rng, sheet)
            # Click the inputs in sheet order as a user would (DOM clicks: same events as a
            # pointer, without Playwright's per-action waits, so 200+ sheets stay quick).
            skipped = page.evaluate(CLICK_THROUGH, {
                "answers": [[c.code, answers[c.code]] for c in sheet.criteria],
                "findings": findings, "dossier": dossier})
            assert skipped == [c.code for c in sheet.criteria
                               if not _applicable(sheet, answers, c.code)]
            shown = _page_result(page)
            applicable = {k: v for k, v in answers.items() if _applicable(sheet, answers, k)}
            expected = score(EDITION, sheet, applicable, findings=findings,
                             dossier_rejected=dossier).as_dict()
            want = {k: expected[k] for k in ("total", "stars", "band_stars", "minima_stars",
                                             "certifiable", "rejected", "parts", "groups",
                                             "points_needed", "blocking", "unmet", "gated",
                                             "verdict")}
            got = {k: shown[k] for k in want}
            assert (shown["edition"], shown["product_set"]) == (EDITION.id, sheet.code)
            assert got == want, (sheet.code, answers, findings, dossier)
            assert_sentences_agree(page.evaluate(SENTENCES), score(
                EDITION, sheet, applicable, findings=findings, dossier_rejected=dossier), sheet)
            compared += 1
    page.close()
    assert compared >= 200
    assert errors == []


def test_answers_survive_in_the_address_and_reset_clears_them(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    url = f"{serve(built_site)}self-assessment/i-1-a/"
    page = browser.new_page()
    page.goto(url, wait_until="load")
    page.check('input[name="1.1"][value="3"]')
    page.check('input[name="4.1"][value="4"]')
    assert page.url.endswith("#a=1.1:3,4.1:4")
    shared = browser.new_page()
    shared.goto(page.url, wait_until="load")
    assert shared.locator('input[name="1.1"][value="3"]').is_checked()
    assert shared.locator("#ocop-result").get_attribute("data-total") == "8"
    shared.close()
    page.goto(url, wait_until="load")  # no fragment: localStorage brings the answers back
    assert page.locator('input[name="4.1"][value="4"]').is_checked()
    page.goto(url + "#ocop-detail", wait_until="load")  # an anchor is no state: same again
    assert page.locator('input[name="4.1"][value="4"]').is_checked()
    page.click("button[data-action=reset]")
    page.click("button[data-action=reset-confirm]")
    assert page.locator("#ocop-result").get_attribute("data-total") == "0"
    assert not page.locator('input[name="1.1"]:checked').count()
    page.close()


def test_conditional_criterion_is_disabled_until_its_condition_holds(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    page = browser.new_page()
    page.goto(f"{serve(built_site)}self-assessment/i-1-a/", wait_until="load")
    page.check('input[name="5.1"][value="1"]')  # "Không có câu chuyện sản phẩm"
    assert page.locator('input[name="5.2"]').first.is_disabled()
    page.check('input[name="5.1"][value="3"]')
    assert page.locator('input[name="5.2"]').first.is_enabled()
    page.close()


def test_keyboard_alone_can_answer(built_site: Path, serve: Callable[[Path], str],
                                   browser: Any) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{serve(built_site)}self-assessment/i-1-a/", wait_until="load")
    page.focus('input[name="1.1"][value="1"]')
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert page.locator('input[name="1.1"][value="2"]').is_checked()
    assert page.locator("#ocop-result").get_attribute("data-total") == "2"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    page.close()


def test_page_embeds_its_data_and_works_without_javascript(built_site: Path) -> None:
    page = Page(built_site / "self-assessment" / "vi-1" / "index.html")
    data = json.loads("".join(page.one("script", id="ocop-sheet").itertext()))
    assert data["product_set"]["code"] == "VI.1"
    radios = page.all("input", type="radio")
    sheet = EDITION.product_set("VI.1")
    assert sheet is not None
    assert len(radios) == sum(len(c.options) + 1 for c in sheet.criteria)
    values = {r.get("value") for r in radios if r.get("name") == "8"}
    assert values == {"a1", "a2", "b1", "b2", "0"}
    result = page.one("div", id="ocop-result")
    assert result.get("data-edition") == "qd-26-2026" and result.get("data-product-set") == "VI.1"
    # Without JavaScript the sheet prints for filling in by hand: blank product fields, no
    # result (the script shows it); every criterion can be linked to.
    fields = [f for f in page.all("input", type="text") if f.get("data-field")]
    assert [(f.get("data-field"), f.get("value")) for f in fields] == [
        ("product", None), ("producer", None), ("date", None)]
    assert result.get("hidden") is not None
    assert page.one("section", id="ocop-detail").get("hidden") is not None
    ids = {f.get("id") for f in page.all("fieldset", class_="ocop-criterion")}
    assert ids == {f"ocop-c-{c.code}" for c in sheet.criteria}


@pytest.mark.parametrize("code", ["I.1.a", "VI.1"])
def test_calculator_works_from_the_offline_copy(unpacked: Path, browser: Any, code: str) -> None:
    context = browser.new_context(device_scale_factor=2)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((unpacked / "self-assessment" / f"{slug(code)}.html").as_uri(), wait_until="load")
    page.check('input[name="1.1"][value="2"]')
    assert page.locator("#ocop-result").get_attribute("data-total") != ""
    assert page.locator("#ocop-result").is_visible()
    # The QR generator is the copy's own file. A file:// address opens on this computer only,
    # so the link and the printed code point to the page on the site (mkdocs.yml site_url).
    assert page.is_visible(".ocop-share-online") and not page.is_visible(".ocop-share-local")
    page.wait_for_selector(".ocop-qr-code svg", state="attached")
    page.emulate_media(media="print")
    image = Image.open(io.BytesIO(page.locator(".ocop-qr-code svg").screenshot()))
    assert page.url.startswith("file://") and "#a=1.1:2" in page.url
    online = f"https://ocopkit.example.org/self-assessment/{slug(code)}/#{page.url.split('#')[1]}"
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [online]
    assert page.input_value(".ocop-share-link") == online
    context.close()
    assert errors == []


def _answers_with_total(sheet: ProductSet, answers: dict[str, str], target: int,
                        keep: frozenset[str] = frozenset()) -> dict[str, str]:
    """``answers`` lowered, criterion by criterion (those in ``keep`` left alone), to the
    lowest options that keep the total at ``target`` or above."""
    for criterion in sheet.criteria:
        if criterion.code in keep:
            continue
        for option in sorted(criterion.options, key=lambda o: o.points):
            trial = {**answers, criterion.code: option.key}
            if score(EDITION, sheet, trial).total >= target:
                answers = trial
                break
    assert score(EDITION, sheet, answers).total == target
    return answers


def _best(sheet: ProductSet) -> dict[str, str]:
    return {c.code: max(c.options, key=lambda o: o.points).key for c in sheet.criteria}


def _case(name: str) -> tuple[dict[str, str], bool]:
    """Named answer sets on I.1.a: (answers, dossier rejected)."""
    sheet = EDITION.product_set("I.1.a")
    assert sheet is not None
    marked = frozenset(c.code for c in sheet.criteria if any(o.marker for o in c.options))
    if name == "empty":
        return {}, False
    if name == "72 points, a *** box missed":  # 2.2: "Đóng gói … thông thường" (1 point)
        return _answers_with_total(sheet, {**_best(sheet), "2.2": "2"}, 72,
                                   keep=frozenset({"2.2"})), False
    if name == "rejected dossier":
        return _best(sheet), True
    if name == "recognised below its band":  # 2.1 short of its **** box, 98 points
        return {**_best(sheet), "2.1": "2"}, False
    if name == "2 stars":
        return _answers_with_total(sheet, _best(sheet), 40), False
    assert name == "4 stars with every minimum"
    return _answers_with_total(sheet, _best(sheet), 75, keep=marked), False


CASES: dict[str, tuple[int, int, int | None] | None] = {
    "empty": (0, 1, 1), "72 points, a *** box missed": (72, 4, None), "rejected dossier": None,
    "recognised below its band": (98, 5, 3), "2 stars": (40, 2, 2),
    "4 stars with every minimum": (75, 4, 4)}
"""Each case's total, band and recognised stars by ``score()`` (``None``: rejected)."""


def _cli_score(sheet: ProductSet, answers: dict[str, str], dossier: bool) -> str:
    """What ``ocopkit score`` prints for these answers (the real command, in a subprocess)."""
    import subprocess
    import sys
    import tempfile

    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.yml"
        path.write_text(yaml.safe_dump({"edition": EDITION.id, "product_set": sheet.code,
                                        "answers": answers, "dossier_rejected": dossier},
                                       allow_unicode=True), encoding="utf-8")
        proc = subprocess.run([str(Path(sys.executable).with_name("ocopkit")), "score",
                               str(path)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("name", list(CASES))
def test_sentences_carry_the_star_numbers_of_the_engine(
        built_site: Path, serve: Callable[[Path], str], browser: Any, name: str) -> None:
    sheet = EDITION.product_set("I.1.a")
    assert sheet is not None
    answers, dossier = _case(name)
    full = {c.code: answers.get(c.code, NONE_MET) for c in sheet.criteria}
    expected = score(EDITION, sheet, full, dossier_rejected=dossier)
    assert expected.rejected if CASES[name] is None else (
        (expected.total, expected.band_stars, expected.stars) == CASES[name])
    page = browser.new_page()
    fragment = "#a=" + ",".join(f"{k}:{v}" for k, v in answers.items()) + (
        "&d=1" if dossier else "")
    page.goto(f"{serve(built_site)}self-assessment/i-1-a/{fragment}", wait_until="load")
    shown = _page_result(page)
    assert (shown["total"], shown["band_stars"], shown["stars"], shown["verdict"]) == (
        expected.total, expected.band_stars, expected.stars, expected.verdict)
    said = page.evaluate(SENTENCES)
    assert_sentences_agree(said, expected, sheet)
    detail = page.inner_text("#ocop-detail")
    # The calculator and `ocopkit score` say the same sentences (`scoring.explain`).
    words = explain(expected, EDITION, sheet)
    assert (said["band"] or "", said["minima"] or "", said["outcome"]) == (
        words.band, words.minima, words.outcome)
    shown_text = " ".join(detail_text.split()) if (detail_text := page.inner_text(
        "#ocop-detail")) else ""
    for line in words.advice if not expected.rejected else ():
        assert " ".join(line.split()) in shown_text, line
    cli = _cli_score(sheet, full, dossier)
    for sentence in (words.band, words.minima, words.outcome, *(
            f"- {a}" for a in (words.advice if not expected.rejected else ()))):
        assert not sentence or sentence in cli.splitlines(), (sentence, cli)
    if name == "72 points, a *** box missed":
        assert "2.2" in (said["minima"] or "")
        assert "Xếp hạng" not in detail
    if name == "empty":
        assert "Đạt mọi" not in detail and "đạt đủ" not in detail
    page.close()
