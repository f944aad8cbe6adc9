"""Guides, courses, toolkit pages and the glossary: metadata validated with file:line errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ocopkit.cli import main
from ocopkit.content.guides import CriterionRef, count_words, resolve_reference
from ocopkit.criteria import load_catalogue
from ocopkit.source.layers import resolve_sources

from ..conftest import MINI


def _replace(docs: Path, rel: str, pairs: list[tuple[str, str]]) -> None:
    path = docs / rel
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, f"{rel} no longer contains {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_bad_metadata_in_every_kind_of_content_is_reported_at_once(
        mini_text: str, write_edition: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    docs = write_edition(mini_text)
    _replace(docs, "guides/bai-mau.md", [
        ("audience: [hoc-vien, giang-vien]", "audience: [hoc-vien, nong-dan]"),
        ("duration: 60", "duration: 5"),
        ("level: co-ban", "level: de"),
        ('  - "I.1.a/2.2"', '  - "I.1.a/9.9"\n  - "qd-0-1900/X/1.1"\n  - "1.2"'),
        ("prerequisites: []", "prerequisites: [khong-co]"),
        ("last_reviewed: 2026-11-01", "last_reviewed: hôm qua\nauthor: Ai đó"),
        ("## Câu hỏi tự kiểm tra", "## Câu hỏi")])
    _replace(docs, "courses/khoa-mau.md", [
        ("  - title: Thực hành chấm điểm\n    minutes: 30",
         "  - title: Thực hành chấm điểm\n  - guide: bai-khac"),
        ("format: lop-hoc", "format: hoi-thao")])
    abbreviations = docs / "includes" / "abbreviations.md"
    abbreviations.write_text(abbreviations.read_text(encoding="utf-8")
                             + "HTX = Hợp tác xã\n*[HTX]: Hợp tác xã\n", encoding="utf-8")
    _replace(docs, "toolkits/evidence.yml", [
        ("  - names: [GHI NHÃN SONG NGỮ]\n    evidence:\n      - Nhãn sản phẩm có tiếng nước "
         "ngoài\n", "  - names: [Ghi nhãn]\n    evidence: []\n")])
    monkeypatch.chdir(docs.parent)
    assert main(["check"]) == 1
    c, g = "docs/courses/khoa-mau.md", "docs/guides/bai-mau.md"
    a, e = "docs/includes/abbreviations.md", "docs/toolkits/evidence.yml"
    assert capsys.readouterr().err.splitlines() == [
        f"{c}:4:9: format: expected one of: lop-hoc, tham-quan, ngay-hoi, got 'hoi-thao' (text)",
        f"{c}:14:5: sessions[2]: missing required key 'minutes'; expected minutes from 5 to 600",
        f"{c}:15:12: sessions[3].guide: expected the name of a guide (a file of the guides "
        "folder, without "
        ".md), got 'bai-khac'",
        f"{g}:4:22: audience[1]: expected one of: hoc-vien, giang-vien, can-bo, to-chuc; got "
        "'nong-dan' (text)",
        f"{g}:5:11: duration: expected a duration in minutes from 15 to 480, got 5",
        f"{g}:6:8: level: expected one of: co-ban, nang-cao, chuyen-sau, got 'de' (text)",
        f"{g}:12:17: prerequisites[0]: expected the name of another guide (a file of the "
        "guides folder, without .md), got 'khong-co'",
        f"{g}:16:5: criteria[1]: criterion reference 'I.1.a/9.9' does not resolve: no "
        "criterion '9.9' in mini-2026/I.1.a",
        f"{g}:17:5: criteria[2]: criterion reference 'qd-0-1900/X/1.1' does not resolve: no "
        "edition 'qd-0-1900'",
        f"{g}:19:16: last_reviewed: expected a date (YYYY-MM-DD), got 'hôm qua' (text)",
        f"{g}:20:1: author: unknown key 'author'; expected one of: title, description, "
        "audience, duration, level, topics, objectives, key_points, prerequisites, "
        "product_groups, criteria, last_reviewed, handouts, replaces",
        f"{g}:22:1: expected a '## Câu hỏi tự kiểm tra' section, got none",
        f"{a}:3:1: expected '*[ABBR]: meaning', got 'HTX = Hợp tác xã'",
        f"{a}:4:3: duplicate abbreviation 'HTX' (first at line 1)",
        f"{e}:3:3: entries: criterion name 'GHI NHÃN SONG NGỮ' of mini-2026 has no evidence "
        "notes",
        f"{e}:16:13: entries[4].names[0]: expected a criterion name of mini-2026, got "
        "'Ghi nhãn'",
        f"{e}:17:15: entries[4].evidence: expected at least one piece of evidence, got none",
        "17 problems in 4 files.",
    ]


def test_short_guide_without_trainer_block_is_refused(
        mini_text: str, write_edition: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    docs = write_edition(mini_text)
    guide = docs / "guides" / "bai-mau.md"
    text = guide.read_text(encoding="utf-8")
    head, _, _ = text.partition("Bài mẫu nói về")
    guide.write_text(head + "Ngắn.\n\n- [ ] Một việc\n\n## Câu hỏi tự kiểm tra\n\n1. Hỏi?\n",
                     encoding="utf-8")
    monkeypatch.chdir(docs.parent)
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "docs/guides/bai-mau.md:19:1: expected a body of at least 800 words, got 12",
        "docs/guides/bai-mau.md:19:1: expected a trainer block ('??? trainer \"Ghi chú cho "
        "giảng viên\"') with the answers, got none",
        "2 problems in 1 file.",
    ]


def test_page_without_front_matter_is_refused(
        mini_text: str, write_edition: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    docs = write_edition(mini_text)
    (docs / "guides" / "khong-dau.md").write_text("# Không có phần đầu\n", encoding="utf-8")
    monkeypatch.chdir(docs.parent)
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "docs/guides/khong-dau.md:1:1: expected front matter starting with '---' on the first "
        "line, got none",
        "1 problem in 1 file.",
    ]


def test_criterion_references_resolve_in_three_forms() -> None:
    from ocopkit.criteria import load_edition
    from ocopkit.criteria.catalogue import Catalogue

    catalogue = Catalogue((load_edition(MINI),))
    full = resolve_reference("mini-2026/I.1.a/2.2", catalogue)
    assert full == CriterionRef("mini-2026/I.1.a/2.2", "mini-2026", "I.1.a", "2.2",
                                "Cấu trúc câu chuyện sản phẩm")
    assert resolve_reference("I.1.a/2.2", catalogue) == CriterionRef(
        "I.1.a/2.2", "mini-2026", "I.1.a", "2.2", "Cấu trúc câu chuyện sản phẩm")
    bare = resolve_reference("3.1", catalogue)
    assert isinstance(bare, CriterionRef) and bare.product_set is None
    assert resolve_reference("I.9/1.1", catalogue) == "no product set 'I.9' in edition mini-2026"
    assert resolve_reference("a/b/c/d", catalogue) == ("expected EDITION/SET/CODE, SET/CODE or "
                                                       "CODE")


def test_bare_code_must_exist_in_every_sheet_of_the_real_edition() -> None:
    from ..conftest import DOCS

    catalogue = load_catalogue(DOCS / "criteria")
    assert isinstance(resolve_reference("3.5", catalogue), CriterionRef)
    reason = resolve_reference("1.5", catalogue)
    assert isinstance(reason, str)
    assert reason.startswith("criterion '1.5' is not in every sheet of qd-26-2026 (missing in")
    assert "VI.1" in reason


def test_words_are_counted_as_a_reader_sees_them() -> None:
    assert count_words("# Tiêu đề\n\nSản phẩm <b>đạt</b> chuẩn.\n\n```\nmã nguồn\n```\n") == 6


def test_reading_many_guides_in_worker_processes_gives_the_same_result(
        write_edition: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from ocopkit.content import check_content
    from ocopkit.content import guides as guides_module

    docs = write_edition(MINI.read_text(encoding="utf-8"))
    sample = (docs / "guides" / "bai-mau.md").read_text(encoding="utf-8")
    for i in range(12):
        text = sample.replace("title: Bài mẫu", f"title: Bài mẫu {i}").replace(
            "# Bài mẫu", f"# Bài mẫu {i}")
        if i % 4 == 1:
            text = text.replace("duration: 60", "duration: 5")
        if i % 4 == 2:
            text = text.replace('  - "1.1"', '  - "9.9"')
        (docs / "guides" / f"bai-{i:02d}.md").write_text(text, encoding="utf-8")

    def check(parallel_from: int) -> list[str]:
        monkeypatch.setattr(guides_module, "PARALLEL_FROM", parallel_from)
        content, problems = check_content(docs)  # a new memo: nothing remembered
        assert content is None
        return [str(p) for p in problems]

    one_process, spread = check(10**6), check(2)
    assert len(one_process) == 6
    assert spread == one_process
    sources, _ = resolve_sources(docs)
    guides, _ = guides_module.check_guides(sources, load_catalogue(docs / "criteria"))
    assert len(guides) == 7


def test_a_guide_names_the_printed_editions_it_has(
        mini_text: str, write_edition: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from ocopkit.content import check_content
    from ocopkit.render.handouts import plan_handouts

    docs = write_edition(mini_text)
    content, problems = check_content(docs)
    assert content is not None and problems == []
    guide = content.guide("bai-mau")
    assert guide is not None and guide.handouts == ("hoc-vien", "giang-vien")  # by default

    def guide_pdfs() -> list[str]:
        checked, found = check_content(docs)
        assert checked is not None, found
        return [d.path for d in plan_handouts(checked, "https://example.org/")
                if d.page == "guides/bai-mau.md"]

    assert guide_pdfs() == ["huong-dan/bai-mau-hoc-vien.pdf", "huong-dan/bai-mau-giang-vien.pdf"]
    _replace(docs, "guides/bai-mau.md", [("last_reviewed: 2026-11-01",
                                          "last_reviewed: 2026-11-01\nhandouts: [giang-vien]")])
    assert guide_pdfs() == ["huong-dan/bai-mau-giang-vien.pdf"]  # no trainee edition
    monkeypatch.chdir(docs.parent)
    _replace(docs, "guides/bai-mau.md", [("handouts: [giang-vien]",
                                          "handouts: [hoc-sinh, giang-vien, giang-vien]")])
    assert main(["check"]) == 1
    g = "docs/guides/bai-mau.md"
    assert capsys.readouterr().err.splitlines() == [
        f"{g}:18:12: handouts[0]: expected one of: hoc-vien, giang-vien; got 'hoc-sinh' (text)",
        f"{g}:18:34: handouts[2]: duplicate printed edition 'giang-vien' (first at line 18)",
        "2 problems in 1 file."]
    _replace(docs, "guides/bai-mau.md", [("handouts: [hoc-sinh, giang-vien, giang-vien]",
                                          "handouts: []")])
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{g}:18:11: handouts: expected a non-empty list, got an empty list",
        "1 problem in 1 file."]


def test_the_officials_publishing_guide_has_no_trainee_edition() -> None:
    from ocopkit.content import check_content
    from ocopkit.render.handouts import plan_handouts

    from ..conftest import DOCS

    content, problems = check_content(DOCS)
    assert content is not None, problems
    pdfs = {d.path for d in plan_handouts(content, "https://example.org/")
            if d.kind.startswith("guide-")}
    assert "huong-dan/cong-bo-phien-ban-tieu-chi-giang-vien.pdf" in pdfs
    assert "huong-dan/cong-bo-phien-ban-tieu-chi-hoc-vien.pdf" not in pdfs
    others = [g for g in content.guides if g.slug != "cong-bo-phien-ban-tieu-chi"]
    assert others and all(f"huong-dan/{g.slug}-hoc-vien.pdf" in pdfs for g in others)
