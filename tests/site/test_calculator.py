"""The self-assessment calculator in Chromium: the page's results equal ocopkit.scoring's,
field by field, for random answer sets filled in through the form; it works from file://."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ocopkit.criteria import load_catalogue
from ocopkit.criteria.model import ProductSet
from ocopkit.render.urls import slug
from ocopkit.scoring import NONE_MET, score

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
    page.click("button[data-action=reset]")
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


@pytest.mark.parametrize("code", ["I.1.a", "VI.1"])
def test_calculator_works_from_the_offline_copy(unpacked: Path, browser: Any, code: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((unpacked / "self-assessment" / f"{slug(code)}.html").as_uri(), wait_until="load")
    page.check('input[name="1.1"][value="2"]')
    assert page.locator("#ocop-result").get_attribute("data-total") != ""
    assert page.locator("#ocop-result").is_visible()
    page.close()
    assert errors == []
