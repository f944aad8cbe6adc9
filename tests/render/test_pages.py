"""Generated pages, read as the core returns them (no MkDocs): where they go, what they are
called, and that data stays text in their Markdown and embedded JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest

from ocopkit.criteria.catalogue import Catalogue, load_catalogue
from ocopkit.render.pages.base import fill_blocks
from ocopkit.render.pages.calculator import calculator_pages
from ocopkit.render.pages.criteria import criteria_pages

from ..conftest import MINI


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    text = MINI.read_text(encoding="utf-8").replace(
        "name: Rau, củ, quả, hạt tươi", 'name: "Rau <b>tươi</b> & *sạch* </script><!--"')
    (tmp_path / "mini-2026.yml").write_text(text, encoding="utf-8")
    return load_catalogue(tmp_path)


def test_criteria_pages_are_an_index_an_edition_and_a_page_per_product_set(
        catalogue: Catalogue) -> None:
    pages = criteria_pages(catalogue)
    assert [p.path for p in pages] == ["criteria/index.md", "criteria/mini-2026/index.md",
                                       "criteria/mini-2026/i-1-a.md"]
    sheet = pages[2]
    assert sheet.title == 'I.1.a Rau <b>tươi</b> & *sạch* </script><!--'


def test_data_in_a_generated_page_converts_to_text(catalogue: Catalogue) -> None:
    sheet = criteria_pages(catalogue)[2]
    html = fill_blocks(markdown.markdown(sheet.content, extensions=["tables", "attr_list"]),
                       sheet.blocks)
    assert "<b>" not in html and "<em>" not in html and "</script>" not in html
    assert "Rau &lt;b&gt;tươi&lt;/b&gt; &amp; *sạch* &lt;/script&gt;&lt;!--" in html


def test_calculator_pages_embed_the_sheet_as_script_safe_json(catalogue: Catalogue) -> None:
    index, page = calculator_pages(catalogue)
    assert (index.path, page.path, page.label) == (
        "self-assessment/index.md", "self-assessment/i-1-a.md",
        "I.1.a Rau <b>tươi</b> & *sạch* </script><!--")
    (block,) = [b for b in page.blocks if 'id="ocop-sheet"' in b]
    raw = re.search(r'id="ocop-sheet">(.*)</script>', block, re.S)
    assert raw is not None and "<" not in raw[1] and ">" not in raw[1] and "&" not in raw[1]
    assert json.loads(raw[1])["product_set"]["name"] == "Rau <b>tươi</b> & *sạch* </script><!--"


def test_calculator_share_link_points_to_the_published_page(catalogue: Catalogue) -> None:
    """A copy opened from disk shares the site's address (``data-online``); a site with no
    ``site_url`` leaves it empty and the script shares the page's own address."""
    def online(site_url: str) -> str | None:
        (block,) = [b for b in calculator_pages(catalogue, site_url=site_url)[1].blocks
                    if "ocop-share" in b]
        found = re.search(r'class="ocop-share" data-online="([^"]*)"', block)
        return found[1] if found else None

    assert online("https://tinh.example.vn/ocop") == (
        "https://tinh.example.vn/ocop/self-assessment/i-1-a/")
    assert online('https://x.example/"><script>') == (
        "https://x.example/&quot;&gt;&lt;script&gt;/self-assessment/i-1-a/")
    assert online("") == ""


def _two_editions(folder: Path, status: str) -> None:
    """The minimal edition and a later one, ``mini-2027``, with ``status``."""
    folder.mkdir()
    text = MINI.read_text(encoding="utf-8")
    (folder / "mini-2026.yml").write_text(text, encoding="utf-8")
    later = (text.replace("edition: mini-2026", "edition: mini-2027")
             .replace("decision: 99/2026/QĐ-TTg", "decision: 98/2027/QĐ-UBND")
             .replace("date: 2026-05-22", "date: 2027-01-10")
             .replace("status: current", f"status: {status}"))
    (folder / "mini-2027.yml").write_text(later, encoding="utf-8")


def _text_of(page_markdown: str) -> str:
    html = markdown.markdown(page_markdown, extensions=["tables", "attr_list", "admonition",
                                                         "md_in_html"])
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_local_draft_edition_has_a_banner_and_no_calculators(tmp_path: Path) -> None:
    _two_editions(tmp_path / "c", "draft")
    catalogue = load_catalogue(tmp_path / "c")
    assert catalogue.current.id == "mini-2026"
    pages = {p.path: p for p in criteria_pages(catalogue)}
    draft = _text_of(pages["criteria/mini-2027/i-1-a.md"].content)
    assert "Bản dự thảo, chưa áp dụng" in draft and "98/2027/QĐ-UBND" in draft
    assert "Tự chấm điểm theo phiếu này" not in draft
    assert "Bản dự thảo" not in _text_of(pages["criteria/mini-2026/i-1-a.md"].content)
    assert "dự thảo, chưa áp dụng" in _text_of(pages["criteria/index.md"].content)
    assert all("mini-2027" not in p.content for p in calculator_pages(catalogue))


def test_a_pinned_edition_is_the_sites_current_one(tmp_path: Path) -> None:
    from ocopkit.criteria.catalogue import check_catalogue

    folder = tmp_path / "c"
    _two_editions(folder, "current")
    old = (folder / "mini-2026.yml").read_text(encoding="utf-8")
    (folder / "mini-2026.yml").write_text(old.replace("status: current", "status: replaced")
                                          .replace("replaced_by: null", "replaced_by: mini-2027"),
                                          encoding="utf-8")
    catalogue, problems = check_catalogue(folder, pin=("mini-2026", "mkdocs.yml", 9))
    assert problems == [] and catalogue is not None
    assert catalogue.current.id == "mini-2026"
    pages = {p.path: p for p in criteria_pages(catalogue)}
    pinned = _text_of(pages["criteria/mini-2026/i-1-a.md"].content)
    assert "Bộ tiêu chí đã có bản thay thế" in pinned and "Tự chấm điểm theo phiếu này" in pinned
    newer = _text_of(pages["criteria/mini-2027/i-1-a.md"].content)
    assert "Không phải bộ tiêu chí trang này đang dùng" in newer
    calculators = calculator_pages(catalogue)
    assert calculators[1].path == "self-assessment/i-1-a.md"
    assert "mini-2026" in calculators[1].content


def test_a_part_recorded_as_printed_shows_its_note(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    for old, new in (("      - part: A\n", "      - part: A\n        sum_note: 'In <b>39</b>.'\n"),
                     ("            name: TỔ CHỨC SẢN XUẤT\n            max: 40",
                      "            name: TỔ CHỨC SẢN XUẤT\n            max: 39"),
                     ("name: Liên kết sản xuất\n                max: 20",
                      "name: Liên kết sản xuất\n                max: 19")):
        assert old in text, old
        text = text.replace(old, new, 1)
    text = text.replace("                  - text: Có hợp đồng liên kết\n"
                        "                    points: 20", "                  - text: Có hợp "
                        "đồng liên kết\n                    points: 19")
    (tmp_path / "mini-2026.yml").write_text(text, encoding="utf-8")
    sheet = criteria_pages(load_catalogue(tmp_path))[2]
    shown = _text_of(sheet.content)
    assert "Phần A: " in shown and "(39 điểm)" in shown
    assert "Điểm in của phần này cộng lại 39, không phải 40" in shown
    assert "In &lt;b&gt;39&lt;/b&gt;." in shown  # the note is text
    assert "Tổng cộng 99 điểm" in shown
