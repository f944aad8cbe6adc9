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
