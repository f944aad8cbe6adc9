"""Layers of content: a site's own pages beside a national pack and official editions.

The pack and the official folder here are small real folders (the minimal fixture's content),
so every rule is exercised on files: replacement, collisions, wrong ``replaces``, a local draft
edition, a pinned edition, and every problem reported at once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ocopkit.content import check_content
from ocopkit.source.project import Layers

from ..conftest import MINI, MINIMAL


@pytest.fixture
def layered(tmp_path: Path) -> tuple[Path, Layers]:
    """``tmp/site/official`` (the minimal edition and its change notes), ``tmp/site/pack`` (the
    minimal fixture's guides, courses, toolkit and glossary) and an empty ``tmp/site/docs``."""
    official = tmp_path / "site" / "official"
    official.mkdir(parents=True)
    shutil.copy(MINI, official / MINI.name)
    shutil.copy(MINIMAL / "docs" / "criteria" / "_changes.yml", official / "_changes.yml")
    pack = tmp_path / "site" / "pack"
    for folder in ("guides", "courses", "toolkits", "includes"):
        shutil.copytree(MINIMAL / "docs" / folder, pack / folder)
    docs = tmp_path / "site" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    return docs, Layers(official_criteria=official, national=pack)


def _local_guide(docs: Path, name: str, extra: str = "", title: str = "Bài mẫu") -> Path:
    text = (MINIMAL / "docs" / "guides" / "bai-mau.md").read_text(encoding="utf-8")
    text = text.replace("title: Bài mẫu", f"title: {title}{extra}", 1)
    text = text.replace("# Bài mẫu", f"# {title}", 1)
    path = docs / "guides" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _messages(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [str(p) for p in problems]


def test_a_site_with_no_content_of_its_own_publishes_the_national_layers(
        layered: tuple[Path, Layers]) -> None:
    docs, layers = layered
    content, problems = check_content(docs, root=docs.parent, layers=layers)
    assert problems == []
    assert content is not None and content.sources is not None
    assert [g.slug for g in content.guides] == ["bai-mau"]
    assert [e.id for e in content.catalogue.editions] == ["mini-2026"]
    assert dict(content.sources.packaged_pages) == {
        "guides/bai-mau.md": layers.national / "guides" / "bai-mau.md",  # type: ignore[operator]
        "courses/khoa-mau.md": layers.national / "courses" / "khoa-mau.md",  # type: ignore[operator]
        "toolkits/mau-so-ghi-chep.md":
            layers.national / "toolkits" / "mau-so-ghi-chep.md"}  # type: ignore[operator]
    assert [a.abbr for a in content.glossary]  # the national glossary


def test_local_pages_are_added_and_a_declared_replacement_wins(
        layered: tuple[Path, Layers]) -> None:
    docs, layers = layered
    _local_guide(docs, "bai-cua-tinh", title="Bài của tỉnh")
    _local_guide(docs, "bai-mau", "\nreplaces: bai-mau", title="Bài mẫu của tỉnh")
    content, problems = check_content(docs, root=docs.parent, layers=layers)
    assert problems == []
    assert content is not None and content.sources is not None
    assert {g.slug: g.title for g in content.guides} == {
        "bai-cua-tinh": "Bài của tỉnh", "bai-mau": "Bài mẫu của tỉnh"}
    assert content.guide("bai-mau").path == "docs/guides/bai-mau.md"  # type: ignore[union-attr]
    # the national course names bai-mau: it now gets the local page
    assert "guides/bai-mau.md" not in dict(content.sources.packaged_pages)
    assert content.file_of("guides/bai-mau.md") == docs / "guides" / "bai-mau.md"


def test_collisions_and_wrong_replaces_are_all_reported_with_file_and_line(
        layered: tuple[Path, Layers]) -> None:
    docs, layers = layered
    _local_guide(docs, "bai-mau")  # same name, no replaces
    _local_guide(docs, "bai-khac", "\nreplaces: bai-mau", title="Bài khác")  # not its own name
    _local_guide(docs, "bai-moi", "\nreplaces: bai-moi", title="Bài mới")  # nothing to replace
    _local_guide(docs, "bai-so", "\nreplaces: 12", title="Bài số")  # not text
    courses = docs / "courses"
    courses.mkdir()
    shutil.copy(MINIMAL / "docs" / "courses" / "khoa-mau.md", courses / "khoa-mau.md")
    content, problems = check_content(docs, root=docs.parent, layers=layers)
    assert content is None
    messages = _messages(problems)
    assert ("docs/guides/bai-mau.md:1:1: a national guide has the name 'bai-mau'; add "
            "'replaces: bai-mau' to the front matter to publish this page instead, or rename "
            "the file") in messages
    assert ("docs/courses/khoa-mau.md:1:1: a national course has the name 'khoa-mau'; add "
            "'replaces: khoa-mau' to the front matter to publish this page instead, or rename "
            "the file") in messages
    assert ("docs/guides/bai-khac.md:3:11: replaces: expected this page's own name 'bai-khac' "
            "(a local page replaces the national guide of the same file name), got 'bai-mau'"
            ) in messages
    assert ("docs/guides/bai-moi.md:3:11: replaces: expected the name of a national guide to "
            "replace, got 'bai-moi' (there is no national guide of that name)") in messages
    assert any(m.startswith("docs/guides/bai-so.md:3:11: replaces: expected the name of a "
                            "national page (text), got 12 (integer)") for m in messages)


def test_a_local_draft_edition_is_added_and_never_current(
        layered: tuple[Path, Layers]) -> None:
    docs, layers = layered
    criteria = docs / "criteria"
    criteria.mkdir()
    draft = MINI.read_text(encoding="utf-8").replace("edition: mini-2026", "edition: mini-2027")
    draft = draft.replace("status: current", "status: draft").replace("date: 2026-05-22",
                                                                      "date: 2027-01-10")
    (criteria / "mini-2027.yml").write_text(draft, encoding="utf-8")
    content, problems = check_content(docs, root=docs.parent, layers=layers)
    assert problems == []
    assert content is not None
    assert [e.id for e in content.catalogue.editions] == ["mini-2027", "mini-2026"]
    assert content.catalogue.current.id == "mini-2026"


def test_a_local_edition_with_an_official_id_is_refused(layered: tuple[Path, Layers]) -> None:
    docs, layers = layered
    criteria = docs / "criteria"
    criteria.mkdir()
    shutil.copy(MINI, criteria / MINI.name)
    content, problems = check_content(docs, root=docs.parent, layers=layers)
    assert content is None
    assert any(m.startswith("docs/criteria/mini-2026.yml:1:1: edition: expected an id no other "
                            "edition has, got 'mini-2026'") for m in _messages(problems))


def test_the_pinned_edition_must_exist_and_not_be_a_draft(layered: tuple[Path, Layers]) -> None:
    docs, layers = layered
    wrong = Layers(layers.official_criteria, layers.national, "mini-1999", ("mkdocs.yml", 14))
    content, problems = check_content(docs, root=docs.parent, layers=wrong)
    assert content is None
    assert _messages(problems) == [
        "mkdocs.yml:14:1: plugins.ocopkit.current_edition: expected the id of an edition "
        "(mini-2026), got 'mini-1999'"]
    pinned = Layers(layers.official_criteria, layers.national, "mini-2026")
    content, problems = check_content(docs, root=docs.parent, layers=pinned)
    assert problems == [] and content is not None
    assert content.catalogue.current.id == "mini-2026"


def test_a_local_glossary_adds_to_the_national_one_and_a_duplicate_is_named(
        layered: tuple[Path, Layers]) -> None:
    docs, layers = layered
    (docs / "includes").mkdir()
    national = (layers.national / "includes" / "abbreviations.md").read_text(  # type: ignore[operator]
        encoding="utf-8")
    first = national.splitlines()[0]
    (docs / "includes" / "abbreviations.md").write_text(
        "*[TTKN]: Trung tâm Khuyến nông\n" + first + "\n", encoding="utf-8")
    content, problems = check_content(docs, root=docs.parent, layers=layers)
    assert content is None
    abbr = first[2:first.index("]")]
    assert _messages(problems) == [
        f"docs/includes/abbreviations.md:2:3: duplicate abbreviation '{abbr}' (first at "
        "pack/includes/abbreviations.md:1)"]


def test_without_a_folder_load_catalogue_reads_the_official_editions() -> None:
    from ocopkit import load_catalogue
    from ocopkit.source.packaged import official_criteria

    catalogue = load_catalogue()
    assert catalogue.current.id == "qd-26-2026"
    assert {e.id for e in catalogue.editions} == {p.stem for p in official_criteria().glob(
        "*.yml") if not p.name.startswith("_")}
