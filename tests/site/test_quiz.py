"""Review questions on the real site (issue 19): the page contract, answering in Chromium
(right, wrong, multiple choice, keyboard, a phone's width), from the offline copy, without
JavaScript, outside the search index; and the worksheet and key read back from the PDFs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ..htmlpage import Page, text
from .conftest import ROOT

GUIDE = "nang-hang-sao"


@pytest.fixture(scope="module")
def guide(built_site: Path) -> Any:
    from ocopkit.content import check_content
    from ocopkit.mkdocs_plugin.project import load_project

    project = load_project(ROOT / "mkdocs.yml")
    content, _ = check_content(project.docs_dir, root=ROOT, layout=project.layout,
                               layers=project.layers)
    assert content is not None
    found = content.guide(GUIDE)
    assert found is not None and len(found.questions) >= 6
    return found


def test_every_guide_page_ends_with_its_questions(built_site: Path, guide: Any) -> None:
    import json

    for path in sorted((built_site / "guides").glob("*/index.html")):
        page = Page(path)
        headings = [text(h).rstrip("¶").strip() for h in page.all("h2")]
        assert "Câu hỏi ôn tập" in headings, path
        fieldsets = [f for f in page.all("fieldset") if f.get("data-question") is not None]
        assert len(fieldsets) >= 6, path
        for fieldset in fieldsets:
            inputs = [i for i in fieldset.iter() if i.tag.endswith("input")]
            assert inputs and any(i.get("data-correct") is not None for i in inputs)
            assert fieldset.get("data-answered") is None
        section = page.one("section", class_="ocop-quiz")
        assert section.get("data-search-exclude") is not None
    # Not in the search index as noise: no question text, no answer or explanation.
    index = json.loads((built_site / "search" / "search_full.json").read_text("utf-8"))
    words = " ".join(d["text"] for d in index["docs"])
    assert guide.questions[0].text[:40] not in words
    assert guide.questions[0].explanation[:40] not in words


def _answer(page: Any, number: int, correct: bool) -> str:
    fieldset = page.locator("fieldset[data-question]").nth(number)
    inputs = fieldset.locator("input")
    kind = fieldset.get_attribute("data-kind")
    marks = [inputs.nth(i).get_attribute("data-correct") is not None
             for i in range(inputs.count())]
    if kind == "multiple":
        for i, right in enumerate(marks):
            if right == correct or (not correct and i == 0):
                inputs.nth(i).check()
        fieldset.locator("[data-action='check']").click()
    else:
        pick = next(i for i, right in enumerate(marks) if right == correct)
        inputs.nth(pick).check()
    return fieldset.get_attribute("data-answered") or ""


def test_answer_right_and_wrong_and_read_the_feedback(
        built_site: Path, serve: Callable[[Path], str], browser: Any, guide: Any) -> None:
    base = serve(built_site)
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + f"guides/{GUIDE}/", wait_until="load")
    first = page.locator("fieldset[data-question]").nth(0)
    assert not first.locator("details").get_attribute("open")
    assert _answer(page, 0, correct=False) == "wrong"
    assert "Chưa đúng" in first.locator(".ocop-q-feedback").inner_text()
    assert first.locator("details").get_attribute("open") is not None  # the explanation
    assert guide.questions[0].explanation[:30] in first.inner_text()
    assert _answer(page, 1, correct=True) == "correct"
    second = page.locator("fieldset[data-question]").nth(1)
    assert second.locator(".ocop-q-feedback").inner_text() == "Đúng."
    kinds = [q.kind for q in guide.questions]
    multiple = kinds.index("multiple")
    assert _answer(page, multiple, correct=True) == "correct"
    score = page.inner_text(".ocop-quiz-score")
    assert "Đã trả lời 3/" in score and "đúng 2 câu" in score
    # Keyboard alone: Tab to a choice of the next question, Space picks it.
    free = next(i for i, k in enumerate(kinds) if i > 1 and k != "multiple" and i != multiple)
    target = page.locator("fieldset[data-question]").nth(free).locator("input").first
    target.focus()
    page.keyboard.press("Space")
    assert page.locator("fieldset[data-question]").nth(free).get_attribute("data-answered")
    # Usable at 360 px: no choice wider than the screen.
    widths = page.eval_on_selector_all(".ocop-q-choice", "els => els.map(e => e.scrollWidth)")
    assert max(widths) <= 360
    context.close()
    assert errors == []


def test_questions_work_from_the_offline_copy(unpacked: Path, browser: Any) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((unpacked / "guides" / f"{GUIDE}.html").as_uri(), wait_until="load")
    assert _answer(page, 0, correct=True) == "correct"
    assert _answer(page, 2, correct=False) == "wrong"
    page.close()
    assert errors == []


def test_without_javascript_questions_and_collapsed_answers_show(
        built_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve(built_site) + f"guides/{GUIDE}/", wait_until="load")
    first = page.locator("fieldset[data-question]").first
    assert first.locator("legend").is_visible()
    assert first.locator("details summary").inner_text() == "Đáp án và giải thích"
    assert first.locator("details").get_attribute("open") is None
    assert not page.locator("[data-action='check']").first.is_visible()
    context.close()


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def test_worksheet_for_trainees_and_key_for_trainers(built_site: Path, guide: Any) -> None:
    trainee = _pdf_text(built_site / "handouts" / "huong-dan" / f"{GUIDE}-hoc-vien.pdf")
    trainer = _pdf_text(built_site / "handouts" / "huong-dan" / f"{GUIDE}-giang-vien.pdf")
    for question in guide.questions:
        start = " ".join(question.text.split())[:40]
        assert start in trainee and start in trainer, start
    explanation = " ".join(guide.questions[0].explanation.split())[:40]
    assert explanation not in trainee and explanation in trainer
    assert "Đáp án:" not in trainee and trainer.count("Đáp án:") >= len(guide.questions)
    assert "Câu hỏi ôn tập: đáp án" in trainer and "Đánh dấu vào ô" in trainee


def test_pre_and_post_tests_with_keys_and_tally_for_each_course(built_site: Path) -> None:
    from ocopkit.content import check_content
    from ocopkit.content.courses import draw_tests
    from ocopkit.mkdocs_plugin.project import load_project

    project = load_project(ROOT / "mkdocs.yml")
    content, _ = check_content(project.docs_dir, root=ROOT, layout=project.layout,
                               layers=project.layers)
    assert content is not None
    courses = [c for c in content.courses if c.quiz]
    assert courses
    folder = built_site / "handouts" / "khoa-hoc"
    for course in courses:
        pre, post = draw_tests(course, content.guides)
        assert len(pre) == len(post) == course.quiz and not set(pre) & set(post)
        taught = {s.guide for s in course.sessions if s.guide}
        owners = {g.slug for g in content.guides for q in pre + post if q in g.questions}
        assert owners == taught  # every guide of the course is asked about
        first = _pdf_text(folder / f"{course.slug}-kiem-tra-dau-khoa.pdf")
        last = _pdf_text(folder / f"{course.slug}-kiem-tra-cuoi-khoa.pdf")
        key = _pdf_text(folder / f"{course.slug}-dap-an-kiem-tra.pdf")
        for questions, sheet in ((pre, first), (post, last)):
            for question in questions:
                start = " ".join(question.text.split())[:40]
                assert start in sheet and start in key, (course.slug, start)
            assert "Đáp án:" not in sheet and "Họ và tên" in sheet
        assert key.count("Đáp án:") == len(pre) + len(post)
        assert "Bảng tổng hợp của lớp" in key and "Số người trả lời đúng từng câu" in key
        # The course page links the three.
        links = {a.get("href") for a in Page(built_site / "courses" / course.slug /
                                             "index.html").all("a")}
        for name in ("kiem-tra-dau-khoa", "kiem-tra-cuoi-khoa", "dap-an-kiem-tra"):
            assert f"../../handouts/khoa-hoc/{course.slug}-{name}.pdf" in links
