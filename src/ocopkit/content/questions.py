"""Review questions of a guide ("Câu hỏi ôn tập"): a ```` ```questions ```` block of YAML.

An author writes the block once, anywhere in the guide (usually at its end); the site shows it
as "Câu hỏi ôn tập" with answers checked in the browser, the trainee handout as a worksheet
and the trainer handout as an answer key (``docs/developers/guide-format.md``). Each question:

- ``question``: the text; ``type``: ``single`` (exactly one correct choice), ``multiple`` (at
  least one correct and one wrong), ``true-false`` (``answer: true|false``) or ``option``
  ("which option of criterion X fits this case": ``criterion: SET/CODE`` of the current
  edition and ``answer:`` the exact text of one of its options; the choices are the
  criterion's options, read from the criteria data, so the question follows the edition);
- ``choices`` (``single``, ``multiple``): a list of ``{text, correct}``;
- ``explanation``: why, in a few sentences.

Every problem is reported at once with its ``file:line:col``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ocopkit.criteria.catalogue import Catalogue
from ocopkit.errors import Problem
from ocopkit.source.checker import Checker, describe
from ocopkit.source.yaml import KeyPath, parse_yaml

FENCE = re.compile(r"^```questions[ \t]*\n(?P<yaml>.*?)^```[ \t]*$\n?", re.M | re.S)
KINDS = ("single", "multiple", "true-false", "option")
KEYS = {"single": ("question", "type", "choices", "explanation"),
        "multiple": ("question", "type", "choices", "explanation"),
        "true-false": ("question", "type", "answer", "explanation"),
        "option": ("question", "type", "criterion", "answer", "explanation")}
ALL_KEYS = ("question", "type", "choices", "answer", "criterion", "explanation")
TRUE_FALSE = ("Đúng", "Sai")
MAX_QUESTIONS = 100


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool


@dataclass(frozen=True)
class Question:
    """A validated question; ``choices`` in the order shown (for ``option``, the sheet's)."""

    kind: str
    text: str
    choices: tuple[Choice, ...]
    explanation: str
    line: int
    """Line of the question in its guide (for messages and anchors)."""
    criterion: str = ""
    """``option``: the criterion as shown ("I.4.a · 1.4 Liên kết chuỗi trong sản xuất")."""


def find_block(markdown: str) -> re.Match[str] | None:
    """The ```` ```questions ```` block of a page's Markdown, if any."""
    return FENCE.search(markdown)


def without_questions(markdown: str) -> str:
    """``markdown`` with its questions block removed."""
    return FENCE.sub("", markdown, count=1)


def check_questions(body: str, shown: str, body_line: int,
                    catalogue: Catalogue) -> tuple[tuple[Question, ...], list[Problem]]:
    """The questions of a guide's ``body`` (which starts at line ``body_line`` of ``shown``),
    checked against the current edition of ``catalogue``; and every problem."""
    blocks = list(FENCE.finditer(body))
    if not blocks:
        return (), []
    problems: list[Problem] = []
    first_line = body_line + body[:blocks[0].start()].count("\n")
    for extra in blocks[1:]:
        line = body_line + body[:extra.start()].count("\n")
        problems.append(Problem(shown, line, 1, "", "expected one questions block per guide, "
                                f"got another (the first is at line {first_line})"))
    located, found = parse_yaml(blocks[0]["yaml"], shown, line_offset=first_line)
    problems += found
    if found:
        return (), problems
    checker = Checker(located, problems)
    data = located.data
    if not isinstance(data, list) or not data:
        checker.add((), f"expected a list of questions, got {describe(data)}")
        return (), problems
    if len(data) > MAX_QUESTIONS:
        checker.add((), f"expected at most {MAX_QUESTIONS} questions, got {len(data)}")
        return (), problems
    questions = [_question(checker, (i,), raw, catalogue) for i, raw in enumerate(data)]
    seen: dict[str, int] = {}
    for i, question in enumerate(questions):
        if question is not None:
            checker.unique(seen, question.text, (i, "question"), "question")
    return tuple(q for q in questions if q is not None), problems


def _question(c: Checker, keys: KeyPath, value: Any, catalogue: Catalogue) -> Question | None:
    before = len(c.problems)
    raw = c.mapping(value, keys, ALL_KEYS)
    if raw is None:
        return None
    text = c.text(raw, "question", keys)
    kind = c.field(raw, "type", keys, lambda v: v in KINDS, "one of: " + ", ".join(KINDS))
    explanation = c.text(raw, "explanation", keys)
    if kind is None:
        return None
    for key in raw:
        if key in ALL_KEYS and key not in KEYS[kind]:
            c.add((*keys, key), f"a '{kind}' question takes no '{key}'; expected only: "
                  + ", ".join(KEYS[kind]), key=True)
    choices: tuple[Choice, ...] = ()
    criterion = ""
    line = c.located.where(keys)[0]
    if kind in ("single", "multiple"):
        choices = _choices(c, keys, raw, kind)
    elif kind == "true-false":
        answer = c.field(raw, "answer", keys, lambda v: isinstance(v, bool), "true or false")
        if answer is not None:
            choices = (Choice(TRUE_FALSE[0], answer), Choice(TRUE_FALSE[1], not answer))
    else:
        choices, criterion = _option(c, keys, raw, catalogue)
    if len(c.problems) > before or text is None or explanation is None:
        return None
    return Question(kind, text, choices, explanation, line, criterion)


def _choices(c: Checker, keys: KeyPath, raw: dict[str, Any], kind: str) -> tuple[Choice, ...]:
    out: list[Choice] = []
    seen: dict[str, int] = {}
    for item_keys, record in c.records(raw, "choices", keys, ("text", "correct")):
        text = c.text(record, "text", item_keys)
        correct = c.field(record, "correct", item_keys, lambda v: isinstance(v, bool),
                          "true or false", required=False, default=False)
        c.unique(seen, text, (*item_keys, "text"), "choice", scope=" in this question")
        if text is not None:
            out.append(Choice(text, bool(correct)))
    if not out or len(out) != len(raw.get("choices") or []):  # already reported
        return tuple(out)
    right = sum(choice.correct for choice in out)
    if len(out) < 2:
        c.add((*keys, "choices"), f"expected at least 2 choices, got {len(out)}")
    elif kind == "single" and right != 1:
        c.add((*keys, "choices"), "a 'single' question needs exactly one choice with "
              f"'correct: true', got {right}")
    elif kind == "multiple" and not 0 < right < len(out):
        c.add((*keys, "choices"), "a 'multiple' question needs at least one correct and one "
              f"wrong choice, got {right} correct of {len(out)}")
    return tuple(out)


def _option(c: Checker, keys: KeyPath, raw: dict[str, Any],
            catalogue: Catalogue) -> tuple[tuple[Choice, ...], str]:
    """The choices of an ``option`` question: the options of its criterion, in the current
    edition; the answer is the one whose text it gives."""
    reference = c.text(raw, "criterion", keys)
    answer = c.text(raw, "answer", keys)
    if reference is None:
        return (), ""
    edition = catalogue.current
    code_set, _, code = reference.partition("/")
    product_set = edition.product_set(code_set) if code else None
    criterion = product_set.criterion(code) if product_set else None
    if product_set is None or criterion is None:
        c.add((*keys, "criterion"), f"expected SET/CODE of a criterion of the current edition "
              f"{edition.id} (e.g. 'I.4.a/1.4'), got '{reference}'")
        return (), ""
    # (shown, text) of every option, in sheet order; a case's options name their case.
    options = [(o.text, o.text) for o in criterion.options] + [
        (f"{k.name}: {o.text}", o.text) for k in criterion.cases for o in k.options]
    label = f"{product_set.code} · {criterion.code} {criterion.name}"
    if answer is None:
        return (), label
    texts = [text for _, text in options]
    if texts.count(answer) != 1:
        shown = "; ".join(f"'{t[:60]}'" for t in texts)
        got = "matches no option" if answer not in texts else "matches several options"
        c.add((*keys, "answer"), f"expected the exact text of one option of {label}: "
              f"{shown}; '{answer[:80]}' {got}")
        return (), label
    return tuple(Choice(shown, text == answer) for shown, text in options), label

