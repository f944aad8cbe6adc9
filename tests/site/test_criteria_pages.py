"""The real site: language, one page per product set with correct subtotals, escaping."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ocopkit.criteria import load_catalogue
from ocopkit.render.urls import slug

from ..conftest import DOCS, FIXTURES
from ..htmlpage import Page, text
from .conftest import copy_project, ocopkit

CATALOGUE = load_catalogue(DOCS / "criteria")
CURRENT = CATALOGUE.current


def test_every_page_is_vietnamese(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    assert {Page(p).lang for p in pages} == {"vi"}


def test_current_edition_has_26_product_set_pages(built_site: Path) -> None:
    folder = built_site / "criteria" / CURRENT.id
    pages = sorted(p for p in folder.glob("*/index.html"))
    assert len(CURRENT.product_sets) == 26
    assert len(pages) == 26
    for product_set in CURRENT.product_sets:
        page = Page(folder / slug(product_set.code) / "index.html")
        h1 = text(page.one("h1"))
        assert h1.startswith(product_set.code), h1
        assert product_set.name in h1


@pytest.mark.parametrize("code", [s.code for s in CURRENT.product_sets])
def test_subtotals_on_the_page_match_the_data(built_site: Path, code: str) -> None:
    product_set = CURRENT.product_set(code)
    assert product_set is not None
    page = Page(built_site / "criteria" / CURRENT.id / slug(code) / "index.html")
    tables = page.all("table", class_="ocop-sheet", )
    groups = [t for t in tables if t.get("data-group")]
    assert [t.get("data-group") for t in groups] == [g.code for g in product_set.groups]
    for table, group in zip(groups, product_set.groups, strict=True):
        rows = [r for r in table.iter() if r.get("data-max") is not None]
        shown = [int(r.get("data-max") or 0) for r in rows if r.get("data-criterion")
                 and "ocop-criterion" in (r.get("class") or "").split()]
        subtotal = next(r for r in table.iter() if "ocop-subtotal-row" in (r.get("class") or ""))
        cell = next(c for c in subtotal if "ocop-points" in (c.get("class") or ""))
        assert int(text(cell)) == sum(shown) == group.max
        options = [r for r in table.iter() if r.get("data-option")]
        assert len(options) == sum(len(c.options) for c in group.criteria)
    parts = page.all("p", class_="ocop-subtotal")
    assert [(p.get("data-part"), text(p)) for p in parts] == [
        (sp.part, f"Cộng phần {sp.part}: {sp.max} điểm") for sp in product_set.parts]
    assert [sp.max for sp in product_set.parts] == [40, 25, 35]


def test_edition_overview_names_legal_basis_and_bands(built_site: Path) -> None:
    page = Page(built_site / "criteria" / CURRENT.id / "index.html")
    facts = {text(row[0]): text(row[1]) for row in page.one("table", class_="ocop-facts")
             .iter("{http://www.w3.org/1999/xhtml}tr")}
    assert facts["Văn bản"] == "26/2026/QĐ-TTg"
    assert facts["Ngày ký"] == "22/05/2026"
    assert facts["Tình trạng"] == "đang áp dụng"
    assert facts["Độ tin cậy"].startswith("M:")
    body = text(page.root)
    assert "từ 90 đến 100 điểm" in body and "từ 70 đến dưới 90 điểm" in body


def _escaping_project(tmp_path: Path, mini_text: str) -> Path:
    project = copy_project(FIXTURES / "projects" / "minimal", tmp_path / "escaping")
    evil = mini_text.replace("name: Nguồn gốc sản phẩm",
                             "name: \"Nguồn <script>alert('tc')</script> gốc\"")
    evil = evil.replace("text: Dưới 50%", "text: \"<img src=x onerror=alert(1)> *đậm* [x](y)\"")
    evil = evil.replace("- Giả mạo hồ sơ", "- \"<b>Giả</b> mạo & hồ sơ\"")
    (project / "docs" / "criteria").mkdir(exist_ok=True)
    (project / "docs" / "criteria" / "mini-2026.yml").write_text(evil, encoding="utf-8")
    evidence = project / "docs" / "toolkits" / "evidence.yml"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace(
        "names: [Nguồn gốc sản phẩm]", "names: [\"Nguồn <script>alert('tc')</script> gốc\"]"),
        encoding="utf-8")
    return project


def test_yaml_text_is_escaped_in_html(tmp_path: Path, mini_text: str) -> None:
    project = _escaping_project(tmp_path, mini_text)
    proc = ocopkit("build", cwd=project)
    assert proc.returncode == 0, proc.stderr
    page = Page(project / "site" / "criteria" / "mini-2026" / "i-1-a" / "index.html")
    scripts = [text(s) for s in page.all("script")]
    assert not any("alert" in s for s in scripts)
    assert not page.all("img", src="x")
    row = page.one("tr", data_criterion="1.1")
    assert "Nguồn <script>alert('tc')</script> gốc" in text(row)
    option = page.all("tr", data_option="1")[0]  # criterion 1.1, option 1
    assert text(option).startswith("☐ <img src=x onerror=alert(1)> *đậm* [x](y)")
    body = text(page.root)
    assert "<b>Giả</b> mạo & hồ sơ" in body


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("breakage", ["data", "link"])
def test_failed_build_leaves_previous_site_untouched(tmp_path: Path, mini_text: str,
                                                     breakage: str) -> None:
    project = _escaping_project(tmp_path, mini_text)
    assert ocopkit("build", cwd=project).returncode == 0
    before = _tree_digest(project / "site")
    if breakage == "data":
        data = project / "docs" / "criteria" / "mini-2026.yml"
        data.write_text(data.read_text(encoding="utf-8").replace(
            "Từ 75% đến 100%\n                    points: 20",
            "Từ 75% đến 100%\n                    points: 25"), encoding="utf-8")
    else:
        (project / "docs" / "index.md").write_text("# Fixture\n\n[gãy](nowhere.md)\n",
                                                   encoding="utf-8")
    proc = ocopkit("build", cwd=project)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    if breakage == "data":
        assert ("docs/criteria/mini-2026.yml:62:29: product_sets[0].parts[0].groups[0]"
                ".criteria[0].options[2].points: expected an integer from 0 to 20 (criterion "
                "max), got 25") in proc.stderr.splitlines()
        assert proc.stderr.splitlines()[-1] == ("nothing was built; the previous site is "
                                                "unchanged.")
    else:
        assert "nowhere.md" in proc.stderr
        assert proc.stderr.splitlines()[-1].startswith("build failed; nothing was published")
    assert _tree_digest(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_plain_mkdocs_build_fails_with_the_same_messages(tmp_path: Path, mini_text: str) -> None:
    """The plugin itself refuses bad data (for `mkdocs build` / `mkdocs serve` users)."""
    import subprocess
    import sys

    project = _escaping_project(tmp_path, mini_text)
    data = project / "docs" / "criteria" / "mini-2026.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("max: 40", "max: 41", 1),
                    encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    proc = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert ("docs/criteria/mini-2026.yml:15:3: parts: expected part maxima summing to 100, got "
            "41 + 25 + 35 = 101") in proc.stderr
    assert not (project / "site").exists()


def test_real_guides_carry_tags_trainer_blocks_and_handout_links(built_site: Path) -> None:
    from ocopkit.content import check_content

    content, problems = check_content(DOCS)
    assert content is not None, problems
    assert len(content.guides) >= 15
    for guide in content.guides:
        assert guide.words >= 800, guide.slug
        page = Page(built_site / "guides" / guide.slug / "index.html")
        assert page.all("details", class_="trainer"), guide.slug
        tags = {text(a) for a in page.all("a", class_="md-tag")}
        assert tags, guide.slug
        pdfs = {a.get("href") for a in page.all("a") if (a.get("href") or "").endswith(".pdf")}
        # Both printed editions, or those the guide's `handouts` names.
        assert pdfs == {f"../../handouts/huong-dan/{guide.slug}-{edition}.pdf"
                        for edition in guide.handouts}, guide.slug
        for edition in guide.handouts:
            assert (built_site / "handouts" / "huong-dan" / f"{guide.slug}-{edition}.pdf"
                    ).is_file()
    assert any(g.handouts == ("giang-vien",) for g in content.guides)


def test_real_handouts_embed_the_vietnamese_font(built_site: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built_site / "handouts" / "phieu-cham" / "i-1-a.pdf")
    fonts = {str(f["/BaseFont"]) for page in reader.pages
             for f in (page["/Resources"].get("/Font") or {}).values()
             for f in [f.get_object()]}
    # Be Vietnam Pro for text, the vendored DejaVu symbol subset for ≥, →, …; no system font.
    assert fonts and all("Be-Vietnam-Pro" in f or "DejaVu" in f for f in fonts), fonts
    assert any("Be-Vietnam-Pro" in f for f in fonts)
    assert all("+" in f for f in fonts)  # subset fonts carry a "ABCDEF+" prefix
    text_ = reader.pages[0].extract_text()
    assert "Phần A: Sản phẩm và sức mạnh của cộng đồng (40 điểm)" in text_


def test_navigation_is_pruned_to_the_current_section(built_site: Path) -> None:
    page = Page(built_site / "guides" / "cau-chuyen-san-pham" / "index.html")
    primary = next(n for n in page.all("nav") if "md-nav--primary" in (n.get("class") or ""))
    hrefs = [a.get("href") for a in primary.iter("{http://www.w3.org/1999/xhtml}a")]
    assert "../doc-phieu-cham/" in hrefs  # a sibling in the same section
    assert "../../criteria/" in hrefs  # other sections keep their index
    assert not any(h and h.startswith("../../criteria/qd-26-2026/i-") for h in hrefs)
    assert not any(h and h.startswith("../../self-assessment/i-") for h in hrefs)
    sheet = Page(built_site / "criteria" / "qd-26-2026" / "i-1-a" / "index.html")
    sheet_nav = next(n for n in sheet.all("nav") if "md-nav--primary" in (n.get("class") or ""))
    sheet_links = [a.get("href") for a in sheet_nav.iter("{http://www.w3.org/1999/xhtml}a")]
    assert "../i-1-b/" in sheet_links and "../../../guides/" in sheet_links
