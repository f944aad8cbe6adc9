"""Review questions of a guide: the ```questions block read, checked against the criteria
data, every problem reported at once with its file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocopkit.content.questions import check_questions, find_block, without_questions
from ocopkit.criteria.catalogue import Catalogue, load_catalogue

from ..conftest import MINI


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    folder = tmp_path_factory.mktemp("criteria")
    (folder / "mini-2026.yml").write_bytes(MINI.read_bytes())
    return load_catalogue(folder)


GOOD = """# Bài mẫu

Nội dung.

```questions
- question: Sản phẩm 98 điểm thiếu một ô *** có được công nhận 3 sao không?
  type: single
  choices:
    - text: Có
    - text: Không
      correct: true
  explanation: Thiếu mức tối thiểu thì không được công nhận.
- question: Giấy tờ nào là minh chứng?
  type: multiple
  choices:
    - text: Hợp đồng
      correct: true
    - text: Hóa đơn
      correct: true
    - text: Ảnh chụp tự sướng
  explanation: Hai loại đầu chứng minh được.
- question: "Đúng hay sai: 1 sao được cấp giấy chứng nhận."
  type: true-false
  answer: false
  explanation: Không cấp giấy chứng nhận cho 1 và 2 sao.
- question: Trồng 80% trên địa bàn tỉnh. Mức nào?
  type: option
  criterion: I.1.a/1.1
  answer: Từ 75% đến 100%
  explanation: 80% nằm trong khoảng từ 75% đến 100%.
```

Sau khối.
"""


def test_a_good_block_gives_its_questions(catalogue: Catalogue) -> None:
    questions, problems = check_questions(GOOD, "g.md", 5, catalogue)
    assert problems == []
    assert [q.kind for q in questions] == ["single", "multiple", "true-false", "option"]
    single, multiple, true_false, option = questions
    assert [c.correct for c in single.choices] == [False, True]
    assert [c.correct for c in multiple.choices] == [True, True, False]
    assert [(c.text, c.correct) for c in true_false.choices] == [("Đúng", False), ("Sai", True)]
    # The choices of an option question are the criterion's options, from the data.
    assert [(c.text, c.correct) for c in option.choices] == [
        ("Dưới 50%", False), ("Từ 50% đến dưới 75%", False), ("Từ 75% đến 100%", True)]
    assert option.criterion == "I.1.a · 1.1 Nguồn gốc sản phẩm"
    # Lines count from the file: the body starts at line 5, the block's first item at 6 + 4.
    assert single.line == 5 + 5
    assert without_questions(GOOD).count("```") == 0 and "Sau khối." in without_questions(GOOD)
    assert find_block(GOOD) is not None


BAD = """# Bài

```questions
- question: Không có đáp án đúng
  type: single
  choices:
    - text: A
    - text: B
  explanation: x
- question: Hai đáp án đúng
  type: single
  choices:
    - text: A
      correct: true
    - text: B
      correct: true
  explanation: x
- question: Mọi lựa chọn đều đúng
  type: multiple
  choices:
    - text: A
      correct: true
    - text: B
      correct: true
  explanation: x
- question: Lựa chọn rỗng
  type: single
  choices:
    - text: ""
    - text: B
      correct: true
  explanation: x
- question: Mã tiêu chí lạ
  type: option
  criterion: I.9.z/1.1
  answer: Dưới 50%
  explanation: x
- question: Đáp án không khớp
  type: option
  criterion: I.1.a/1.1
  answer: Khoảng 60%
  explanation: x
- question: Thiếu giải thích
  type: true-false
  answer: "false"
- question: Kiểu lạ
  type: essay
  explanation: x
- question: Khóa thừa
  type: true-false
  answer: true
  choices: []
  explanation: x
- question: Không có lựa chọn
  type: single
  choices: []
  explanation: x
```
"""


def test_every_problem_is_reported_at_once_with_its_line(catalogue: Catalogue) -> None:
    questions, problems = check_questions(BAD, "docs/guides/bai.md", 20, catalogue)
    assert questions == ()
    found = [(p.line, p.message) for p in problems]
    text = "\n".join(f"{line}: {message}" for line, message in found)
    assert all(p.file == "docs/guides/bai.md" for p in problems)
    expected = [
        (26, "exactly one choice with 'correct: true', got 0"),
        (32, "exactly one choice with 'correct: true', got 2"),
        (40, "at least one correct and one wrong choice, got 2 correct of 2"),
        (48, "expected non-empty text"),
        (54, "expected SET/CODE of a criterion of the current edition"),
        (60, "expected the exact text of one option of I.1.a · 1.1"),
        (64, "expected true or false, got 'false' (text)"),
        (62, "missing required key 'explanation'"),
        (66, "expected one of: single, multiple, true-false, option"),
        (71, "a 'true-false' question takes no 'choices'"),
        (75, "expected a non-empty list, got an empty list"),
    ]
    for line, words in expected:
        assert any(words in message and at == line for at, message in found), (
            line, words, text)
    assert len(problems) == len(expected)


@pytest.mark.parametrize(("block", "words"), [
    ("```questions\n- question: [unclosed\n```\n", "invalid YAML"),
    ("```questions\nquestion: not a list\n```\n", "expected a list of questions"),
    ("```questions\n- question: A\n  type: true-false\n  answer: true\n  explanation: x\n```\n"
     "\n```questions\n- question: B\n  type: true-false\n  answer: true\n  explanation: x\n"
     "```\n", "one questions block per guide"),
    ("```questions\n- question: A\n  type: true-false\n  answer: true\n  explanation: x\n"
     "- question: A\n  type: true-false\n  answer: false\n  explanation: y\n```\n",
     "duplicate question 'A'"),
])
def test_broken_blocks_are_refused(catalogue: Catalogue, block: str, words: str) -> None:
    _, problems = check_questions("# T\n\n" + block, "g.md", 1, catalogue)
    assert any(words in p.message for p in problems), problems


def test_every_national_guide_has_six_good_questions() -> None:
    from ocopkit.content import check_content
    from ocopkit.mkdocs_plugin.project import load_project

    from ..conftest import ROOT

    project = load_project(ROOT / "mkdocs.yml")
    content, problems = check_content(project.docs_dir, root=ROOT, layout=project.layout,
                                      layers=project.layers)
    assert content is not None and problems == []
    counts = {g.slug: len(g.questions) for g in content.guides}
    assert len(counts) >= 16 and min(counts.values()) >= 6, counts
    for guide in content.guides:
        kinds = {q.kind for q in guide.questions}
        assert {"single", "multiple", "true-false"} <= kinds, guide.slug


def test_the_format_is_documented() -> None:
    from ..conftest import ROOT

    text = (ROOT / "docs" / "developers" / "guide-format.md").read_text(encoding="utf-8")
    assert "```questions" in text and "true-false" in text and "criterion:" in text


def test_problems_carry_the_file_path(catalogue: Catalogue, tmp_path: Path) -> None:
    body = "```questions\n- question: X\n  type: single\n  explanation: y\n```\n"
    _, problems = check_questions(body, str(tmp_path / "a.md"), 7, catalogue)
    assert problems and problems[0].file.endswith("a.md") and problems[0].line >= 7


def test_tests_are_drawn_in_turn_and_differ_where_possible(catalogue: Catalogue) -> None:
    import datetime as dt

    from ocopkit.content.courses import Course, Session, draw_tests
    from ocopkit.content.guides import Guide
    from ocopkit.content.questions import Choice, Question

    def guide(slug: str, count: int) -> Guide:
        questions = tuple(Question("true-false", f"{slug} {i}", (Choice("Đúng", True),
                                                                    Choice("Sai", False)),
                                   "x", i) for i in range(count))
        return Guide(slug, f"{slug}.md", slug, "d", ("hoc-vien",), 60, "co-ban", (), ("o",),
                     ("k",), (), (), (), dt.date(2026, 1, 1), 900, questions)

    guides = [guide("a", 4), guide("b", 2), guide("c", 0)]
    sessions = tuple(Session(g.slug, 60, g.slug) for g in guides)

    def course(quiz: int) -> Course:
        return Course("k", "k.md", "K", "d", "lop-hoc", ("hoc-vien",), (), 1, ("o",),
                      sessions, dt.date(2026, 1, 1), quiz=quiz)

    pre, post = draw_tests(course(3), guides)
    assert [q.text for q in pre] == ["a 0", "b 0", "a 2"]  # in turn, each guide's 1st, 3rd…
    assert [q.text for q in post] == ["a 1", "b 1", "a 3"] and not set(pre) & set(post)
    pre, post = draw_tests(course(5), guides)  # 6 questions for 2 × 5: post repeats one
    assert len(pre) == len(post) == 5 and len(set(pre) & set(post)) == 4
    pre, post = draw_tests(course(10), guides)  # fewer questions than asked: shorter tests
    assert len(pre) == len(post) == 6
