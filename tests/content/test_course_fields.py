"""A course's optional organisation fields (``logistics``, ``materials``, ``assessment``):
read into the model, every mistake reported at its file:line:col; and the order in which the
courses teach the guides."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ocopkit.cli import main
from ocopkit.content import check_content
from ocopkit.content.courses import Logistics, course_order, reading_order
from ocopkit.mkdocs_plugin.project import load_project

from ..conftest import ROOT

COURSE = "courses/khoa-mau.md"


def _add_to_front_matter(docs: Path, lines: str) -> None:
    path = docs / COURSE
    text = path.read_text(encoding="utf-8")
    assert text.count("\nlast_reviewed:") == 1
    path.write_text(text.replace("\nlast_reviewed:", "\n" + lines + "last_reviewed:"),
                    encoding="utf-8")


def test_organisation_fields_are_read(mini_text: str,
                                      write_edition: Callable[..., Path]) -> None:
    docs = write_edition(mini_text)
    _add_to_front_matter(docs, "logistics:\n  place: Hội trường UBND xã\n  bring:\n"
                               "    - Mẫu sản phẩm\n    - Nhãn đang dùng\n"
                               "materials: [Phiếu chấm]\n"
                               "assessment:\n  - 'Bài cuối lớp: tự chấm'\n")
    content, problems = check_content(docs)
    assert content is not None, problems
    course = content.courses[0]
    assert course.logistics == Logistics("Hội trường UBND xã", None,
                                         ("Mẫu sản phẩm", "Nhãn đang dùng"))
    assert course.materials == ("Phiếu chấm",)
    assert course.assessment == ("Bài cuối lớp: tự chấm",)


def test_a_course_without_them_is_valid(mini_text: str,
                                        write_edition: Callable[..., Path]) -> None:
    content, problems = check_content(write_edition(mini_text))
    assert content is not None, problems
    course = content.courses[0]
    assert (course.logistics, course.materials, course.assessment) == (Logistics(), (), ())


def test_every_mistake_in_them_is_reported_at_its_place(
        mini_text: str, write_edition: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    docs = write_edition(mini_text)
    _add_to_front_matter(docs, 'logistics:\n  place: ""\n  bring: Mẫu sản phẩm\n  room: 5\n'
                               "materials: []\nassessment:\n  - 3\n  - Bài cuối lớp\n")
    monkeypatch.chdir(docs.parent)
    assert main(["check"]) == 1
    c = f"docs/{COURSE}"
    assert capsys.readouterr().err.splitlines() == [
        f"{c}:17:10: logistics.place: expected non-empty text, got '' (text)",
        f"{c}:18:10: logistics.bring: expected a list, got 'Mẫu sản phẩm' (text)",
        f"{c}:19:3: logistics.room: unknown key 'room'; expected one of: place, time, bring",
        f"{c}:20:12: materials: expected a non-empty list of texts, got an empty list",
        f"{c}:22:5: assessment[0]: expected non-empty text, got 3 (integer)",
        "5 problems in 1 file.",
    ]


@pytest.mark.parametrize(("value", "message"), [
    ("{}", "logistics: expected at least one of: place, time, bring; got none"),
    ("", "logistics: expected a mapping, got nothing"),
    ("[Hội trường]", "logistics: expected a mapping, got a list"),
])
def test_logistics_must_say_something(
        mini_text: str, write_edition: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], value: str, message: str) -> None:
    docs = write_edition(mini_text)
    _add_to_front_matter(docs, f"logistics: {value}\n")
    monkeypatch.chdir(docs.parent)
    assert main(["check"]) == 1
    first, summary = capsys.readouterr().err.splitlines()
    assert first.startswith(f"docs/{COURSE}:16:") and first.endswith(message)
    assert summary == "1 problem in 1 file."


def test_the_national_courses_teach_the_guides_in_reading_order() -> None:
    project = load_project(ROOT / "mkdocs.yml")
    content, problems = check_content(project.docs_dir, root=ROOT, layout=project.layout,
                                      layers=project.layers)
    assert content is not None, problems
    courses = course_order(content.courses, content.guides)
    assert [c.slug for c in courses] == ["lop-co-ban-ocop", "chuoi-nang-cao-chat-luong",
                                         "tham-quan-hoc-tap", "ngay-hoi-san-pham-ocop"]
    order = reading_order(content.courses, content.guides)
    slugs = [g.slug for _, guides in order for g in guides]
    assert sorted(slugs) == sorted(g.slug for g in content.guides)  # each guide once
    assert slugs[0] == "ocop-la-gi"
    for course, guides in order:
        if course is None:  # taught by no course: by title, last
            assert (course, guides) == order[-1]
            assert [g.slug for g in guides] == ["cong-bo-phien-ban-tieu-chi"]
            continue
        taught = [s.guide for s in course.sessions if s.guide]
        assert [g.slug for g in guides] == [s for s in taught if s in
                                            {g.slug for g in guides}]  # in session order
    # a course teaching only guides met earlier has no section of its own
    assert "ngay-hoi-san-pham-ocop" not in {c.slug for c, _ in order if c is not None}
    for course in content.courses:  # the national courses fill the organisation fields
        assert course.logistics.place and course.logistics.time and course.logistics.bring
        assert course.materials and course.assessment
