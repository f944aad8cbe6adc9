"""Text from YAML and front matter stays text in every output: a payload corpus injected into
every kind of field of a small project runs no script in Chromium, and reads back as text from
the HTML, the JSON embedded in pages, the feed and the PDFs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2
import pytest

from ocopkit.render.html import md_esc

from ..conftest import FIXTURES, MINI
from ..htmlpage import Page, text
from .conftest import copy_project, ocopkit, search

ATTACKS = ('"><img src=x onerror=alert(1)>', "</title><script>alert(2)</script>",
           "<!--<script>", "</script><script>alert(3)</script>",
           "' onmouseover='alert(4)' x='", "<svg onload=alert(5)>", "[x](javascript:alert(6))",
           "&amp; {{ 7*7 }} \u2028")


def payload(label: str) -> str:
    """A field value: a readable label followed by every attack."""
    return f"{label} " + " ".join(ATTACKS) + " end"


# (file relative to docs/, exact text in the fixture, label of the field that replaces it)
FIELDS = [
    ("criteria/mini-2026.yml", "title: Bộ tiêu chí thử nghiệm", "title", "EDITIONTITLE"),
    ("criteria/mini-2026.yml", "name: Rau, củ, quả, hạt tươi", "name", "SETNAME"),
    ("criteria/mini-2026.yml", "name: TỔ CHỨC SẢN XUẤT", "name", "GROUPNAME"),
    ("criteria/mini-2026.yml", "requirement: 100% sản phẩm được trồng trên địa bàn cấp tỉnh",
     "requirement", "REQUIREMENT"),
    ("criteria/mini-2026.yml", "- text: Dưới 50%", "- text", "OPTIONTEXT"),
    ("criteria/mini-2026.yml", "- Giả mạo hồ sơ", "-", "REJECTION"),
    ("guides/bai-mau.md", "title: Bài mẫu", "title", "GUIDETITLE"),
    ("guides/bai-mau.md", "description: Bài hướng dẫn dùng cho kiểm thử.", "description",
     "GUIDEDESC"),
    ("guides/bai-mau.md", "- Đọc được phiếu chấm.", "-", "OBJECTIVE"),
    ("guides/bai-mau.md", "- Tổng điểm 100.", "-", "KEYPOINT"),
    ("courses/khoa-mau.md", "title: Khóa mẫu", "title", "COURSETITLE"),
    ("courses/khoa-mau.md", "description: Khóa học dùng cho kiểm thử.", "description",
     "COURSEDESC"),
    ("courses/khoa-mau.md", "- title: Thực hành chấm điểm", "- title", "SESSIONTITLE"),
    ("toolkits/mau-so-ghi-chep.md", "title: Mẫu sổ ghi chép", "title", "TOOLKITTITLE"),
    ("toolkits/evidence.yml", "- Sơ đồ vùng trồng và sản lượng từng vùng", "-", "EVIDENCE"),
    ("toolkits/evidence.yml", "tip: Ghi chép theo từng vụ.", "tip", "TIP"),
    ("criteria/_changes.yml", "title: Ban hành bộ tiêu chí thử nghiệm", "title", "NOTETITLE"),
    ("criteria/_changes.yml", "summary: Phiên bản đầu tiên & duy nhất <thử>.", "summary",
     "NOTESUMMARY"),
]


def _inject(project: Path) -> None:
    docs = project / "docs"
    for rel, old, key, label in FIELDS:
        path = docs / rel
        source = path.read_text(encoding="utf-8")
        assert source.count(old) == 1, (rel, old)
        # A JSON string is a valid YAML double-quoted scalar.
        value = json.dumps(payload(label))
        path.write_text(source.replace(old, f"- {value}" if key == "-" else f"{key}: {value}"),
                        encoding="utf-8")
    # The body is Markdown and HTML: the author writes the title's heading escaped.
    guide = docs / "guides" / "bai-mau.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "# Bài mẫu", "# " + md_esc(payload("GUIDETITLE")), 1), encoding="utf-8")
    # Review questions: question, choice and explanation texts, and an option question whose
    # answer is the (hostile) option text of the sheet.
    guide.write_text(guide.read_text(encoding="utf-8") + "\n```questions\n" + "\n".join([
        f"- question: {json.dumps(payload('QUESTION'))}", "  type: single", "  choices:",
        f"    - text: {json.dumps(payload('CHOICE'))}", "      correct: true",
        "    - text: Sai", f"  explanation: {json.dumps(payload('EXPLAIN'))}",
        "- question: Mức nào?", "  type: option", "  criterion: I.1.a/1.1",
        f"  answer: {json.dumps(payload('OPTIONTEXT'))}", "  explanation: Vì vậy."])
        + "\n```\n", encoding="utf-8")
    abbreviations = docs / "includes" / "abbreviations.md"
    abbreviations.write_text(abbreviations.read_text(encoding="utf-8").replace(
        "*[HTX]: Hợp tác xã", "*[HTX]: " + payload("ABBR").replace("\u2028", "")),
        encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(FIXTURES / "projects" / "minimal",
                           tmp_path_factory.mktemp("hostile") / "project")
    (project / "docs" / "criteria" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    _inject(project)
    # Search and tags too: the search index and the tags page list titles.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "plugins:\n  - ocopkit:\n" in text and "  - glossary.md\n" in text
    config.write_text(text.replace(
        "plugins:\n  - ocopkit:\n", "plugins:\n  - search\n  - tags\n  - ocopkit:\n").replace(
        "  - glossary.md\n", "  - glossary.md\n  - tags.md\n"), encoding="utf-8")
    (project / "docs" / "tags.md").write_text("# Thẻ\n\n<!-- material/tags -->\n",
                                             encoding="utf-8")
    proc = ocopkit("build", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project


def _html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_payloads_run_no_script_in_chromium(hostile_site: Path, serve: Callable[[Path], str],
                                            browser: Any) -> None:
    base = serve(hostile_site / "site")
    dialogs: list[str] = []
    errors: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    pages = _html_pages(hostile_site / "site")
    assert len(pages) >= 15
    for path in pages:
        rel = path.relative_to(hostile_site / "site").as_posix()
        page.goto(base + rel, wait_until="load")
        page.mouse.move(10, 10)
        page.mouse.move(400, 300)
    # The review questions answer with hostile texts (no swallowed scripts).
    page.goto(base + "guides/bai-mau/", wait_until="load")
    question = page.locator("fieldset[data-question]").first
    question.locator("input[data-correct]").check()
    assert question.get_attribute("data-answered") == "correct"
    assert "EXPLAIN" in question.inner_text()
    # The calculator works with the hostile option text (no swallowed scripts).
    page.goto(base + "self-assessment/i-1-a/", wait_until="load")
    page.check("input[name='1.1'][value='2']")
    assert page.get_attribute("#ocop-result", "data-total") not in (None, "")
    # Search results show titles and texts from the index.
    page.goto(base, wait_until="load")
    for query in ("GUIDETITLE", "SETNAME", "OPTIONTEXT"):
        results = search(page, query)
        assert any(query in r and "onerror=alert(1)" in r for r in results), (query, results)
    # Any URL fragment (a link cut short, a hand-made one) leaves the calculator working.
    for fragment in ("#a=%E0%A4%A", "#a=__proto__:1,constructor:2,1.1:2&f=%&d=%ZZ",
                     "#%", "#a=1.1:%22%3E%3Cimg%20src=x%20onerror=alert(7)%3E"):
        page.goto(base + "self-assessment/i-1-a/" + fragment, wait_until="load")
        page.check("input[name='1.1'][value='3']")
        assert page.get_attribute("#ocop-result", "data-total") not in (None, ""), fragment
        assert page.is_visible("#ocop-result"), fragment
    page.close()
    assert dialogs == []
    assert errors == []


def test_payloads_are_text_in_titles_nav_and_meta(hostile_site: Path) -> None:
    site = hostile_site / "site"
    guide = Page(site / "guides" / "bai-mau" / "index.html")
    assert text(guide.one("title")).startswith(" ".join(payload("GUIDETITLE").split()))
    (description,) = [m for m in guide.all("meta") if m.get("name") == "description"]
    assert description.get("content") == payload("GUIDEDESC")
    body = text(guide.root)
    for label in ("OBJECTIVE", "KEYPOINT", "QUESTION", "CHOICE", "EXPLAIN", "OPTIONTEXT"):
        assert " ".join(payload(label).split()) in body, label
    sheet = Page(site / "criteria" / "mini-2026" / "i-1-a" / "index.html")
    nav_links = [text(a) for a in sheet.all("a") if "SETNAME" in text(a)]
    assert " ".join(payload("SETNAME").split()) in nav_links[0]
    assert any("EDITIONTITLE" in text(t) for t in sheet.all("title")) or \
        "EDITIONTITLE" in text(sheet.root)
    for label in ("GROUPNAME", "REQUIREMENT", "OPTIONTEXT", "REJECTION"):
        assert " ".join(payload(label).split()) in text(sheet.root), label
    course = Page(site / "courses" / "khoa-mau" / "index.html")
    assert text(course.one("title")).startswith(" ".join(payload("COURSETITLE").split()))
    assert " ".join(payload("SESSIONTITLE").split()) in text(course.root)
    tags = Page(site / "tags" / "index.html")
    assert " ".join(payload("GUIDETITLE").split()) in text(tags.root)
    toolkit = Page(site / "toolkits" / "mau-so-ghi-chep" / "index.html")
    assert text(toolkit.one("title")).startswith(" ".join(payload("TOOLKITTITLE").split()))
    # No element or attribute was injected anywhere.
    for path in _html_pages(site):
        root = Page(path).root
        for el in root.iter():
            assert el.get("onerror") is None and el.get("onload") is None, path
            assert el.get("onmouseover") is None, path


def test_payloads_are_text_in_embedded_json(hostile_site: Path) -> None:
    page = Page(hostile_site / "site" / "self-assessment" / "i-1-a" / "index.html")
    (script,) = [s for s in page.all("script") if s.get("id") == "ocop-sheet"]
    raw = script.text or ""
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw
    data = json.dumps(json.loads(raw), ensure_ascii=False)
    assert json.dumps(payload("OPTIONTEXT"), ensure_ascii=False)[1:-1] in data


def test_payloads_are_text_in_the_feed(hostile_site: Path) -> None:
    feed = ET.parse(hostile_site / "site" / "feed.xml").getroot()
    texts = ["".join(el.itertext()) for el in feed.iter()]
    assert payload("NOTETITLE") in texts
    assert any(payload("NOTESUMMARY") in t for t in texts)


def test_payloads_are_text_in_the_pdfs(hostile_site: Path) -> None:
    handouts = hostile_site / ".cache" / "handouts"
    words = re.compile(r"\s+")
    found: dict[str, bool] = {}
    for pdf in handouts.rglob("*.pdf"):
        document = pypdfium2.PdfDocument(pdf)
        content = words.sub("", "".join(page.get_textpage().get_text_range()
                                        for page in document))
        document.close()
        for label in ("GUIDETITLE", "SETNAME", "OPTIONTEXT", "EVIDENCE", "QUESTION", "CHOICE",
                      "EXPLAIN"):
            if label in content:
                found[label] = found.get(label, False) or words.sub(
                    "", payload(label).replace("\u2028", "")) in content
    assert found == {"GUIDETITLE": True, "SETNAME": True, "OPTIONTEXT": True,
                     "EVIDENCE": True, "QUESTION": True, "CHOICE": True, "EXPLAIN": True}
