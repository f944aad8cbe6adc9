"""The minimal fixture project built for real: guide headers, trainer blocks, tooltips,
catalogues whose totals are sums, course sessions, evidence checklists and the glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..htmlpage import NS, Page, text


@pytest.fixture(scope="module")
def minimal_site(minimal_project: Path) -> Path:
    return minimal_project / "site"


def test_trainer_block_is_collapsed_with_its_title(minimal_site: Path) -> None:
    page = Page(minimal_site / "guides" / "bai-mau" / "index.html")
    block = page.one("details", class_="trainer")
    assert block.get("open") is None
    summary = next(block.iter(NS + "summary"))
    assert text(summary) == "Ghi chú cho giảng viên"
    assert "BÍ-MẬT-GIẢNG-VIÊN" in text(block)


def test_abbreviations_get_tooltips(minimal_site: Path) -> None:
    page = Page(minimal_site / "guides" / "bai-mau" / "index.html")
    titles = {text(a): a.get("title") for a in page.all("abbr")}
    assert titles["HTX"] == "Hợp tác xã"
    assert titles["OCOP"] == "Chương trình Mỗi xã một sản phẩm (One Commune One Product)"
    glossary = Page(minimal_site / "glossary" / "index.html")
    rows = [text(r) for r in glossary.one("table").iter(NS + "tr")][1:]
    assert rows == ["HTX Hợp tác xã",
                    "OCOP Chương trình Mỗi xã một sản phẩm (One Commune One Product)"]


def test_guide_header_shows_metadata_and_resolved_criteria(minimal_site: Path) -> None:
    page = Page(minimal_site / "guides" / "bai-mau" / "index.html")
    facts = {text(r[0]): text(r[1]) for r in page.one("table", class_="ocop-guide-facts")
             .iter(NS + "tr")}
    assert facts["Đối tượng"] == "Học viên, Giảng viên"
    assert facts["Thời lượng"] == "1 giờ"
    assert facts["Trình độ"] == "Cơ bản"
    links = [a.get("href") for a in page.all("a") if "Cấu trúc câu chuyện" in text(a)]
    assert links == ["../../criteria/mini-2026/i-1-a/"]


def test_catalogue_totals_are_sums_of_guides(minimal_site: Path) -> None:
    page = Page(minimal_site / "guides" / "index.html")
    totals = {p.get("data-key"): (int(p.get("data-count") or 0), int(p.get("data-minutes") or 0))
              for p in page.all("p", class_="ocop-total")}
    assert totals == {"hoc-vien": (1, 60), "giang-vien": (1, 60), "tieu-chi": (1, 60)}


def test_course_sessions_and_programme_totals_are_computed(minimal_site: Path) -> None:
    page = Page(minimal_site / "courses" / "khoa-mau" / "index.html")
    rows = [[text(c) for c in r] for r in page.all("table")[1].iter(NS + "tr")][1:]
    assert rows == [["1", "Bài mẫu", "60 phút"], ["2", "Bài mẫu", "45 phút"],
                    ["3", "Thực hành chấm điểm", "30 phút"], ["", "Tổng cộng", "2 giờ 15 phút"]]
    facts = {text(r[0]): text(r[1]) for r in page.one("table", class_="ocop-course-facts")
             .iter(NS + "tr")}
    assert facts["Tổng thời lượng các lớp"] == "6 giờ 45 phút"  # 3 classes × 135 minutes
    index = Page(minimal_site / "courses" / "index.html")
    total = index.one("p", class_="ocop-total")
    assert (total.get("data-classes"), total.get("data-minutes")) == ("3", "405")


def test_evidence_checklist_covers_every_criterion(minimal_site: Path) -> None:
    page = Page(minimal_site / "toolkits" / "minh-chung" / "i-1-a" / "index.html")
    headings = [text(h).rstrip("¶").strip() for h in page.all("h3")]
    assert headings == ["1.1. Nguồn gốc sản phẩm (20 điểm)", "1.2. Liên kết sản xuất (20 điểm)",
                        "2.1. Câu chuyện sản phẩm (20 điểm)",
                        "2.2. Cấu trúc câu chuyện sản phẩm (5 điểm)", "3.1. Hình dạng (10 điểm)",
                        "3.2. Mùi vị (20 điểm)", "4. GHI NHÃN SONG NGỮ (5 điểm)"]
    items = [text(li) for li in page.all("li", class_="task-list-item")]
    assert len(items) == 7
    assert items[0] == "Sơ đồ vùng trồng và sản lượng từng vùng"


def test_pages_lose_template_indentation_but_keep_code_blocks(built_site: Path) -> None:
    guide = (built_site / "guides" / "ocop-la-gi" / "index.html").read_text(encoding="utf-8")
    assert "\n " not in guide.split("<pre", 1)[0]
    developers = Page(built_site / "developers" / "criteria-format" / "index.html")
    code = "".join(developers.all("pre")[0].itertext())
    assert "\n  " in code  # YAML keeps its indentation


def test_not_found_page_lists_sections_not_every_page(built_site: Path) -> None:
    page = Page(built_site / "404.html")
    links = {a.get("href") for a in page.all("a")}
    assert any(href and href.rstrip("/").endswith("guides") for href in links), links
    assert not any(href and "ocop-la-gi" in href for href in links)


@pytest.mark.parametrize("slug", ["lop-co-ban-ocop", "tham-quan-hoc-tap"])
def test_course_page_shows_its_organisation_once_from_front_matter(built_site: Path,
                                                                   slug: str) -> None:
    """Place, time, what to bring, materials and assessment come from the front matter (as in
    the course pack), once each, before the trainer notes."""
    import yaml

    from ..conftest import ROOT

    source = (ROOT / "docs" / "courses" / f"{slug}.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(source.split("---\n")[1])
    page = Page(built_site / "courses" / slug / "index.html")
    headings = [text(h).rstrip("¶").strip() for h in page.all("h2")]
    wanted = ["Tổ chức lớp", "Tài liệu cần chuẩn bị", "Đánh giá học viên"]
    assert [h for h in headings if h in wanted] == wanted
    whole = " ".join(text(page.one("article")).split())
    for item in [meta["logistics"]["place"], meta["logistics"]["time"],
                 *meta["logistics"]["bring"], *meta["materials"], *meta["assessment"]]:
        assert whole.count(" ".join(item.split())) == 1, item
    assert whole.index("Đánh giá học viên") < whole.index("Ghi chú cho giảng viên")
