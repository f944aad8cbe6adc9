"""Fuzzed input (issue 13): whatever a guide's front matter, an edition file or an answers file
holds, ``ocopkit`` ends with success or with ``file:line:col`` problems and exit 1, never a
traceback, and prints no raw control character."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .conftest import MINI, run_cli

SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
"""Examples are reproducible (derandomized, no example database); the project fixture is made
once per test, and each example rewrites the one file it fuzzes."""

PROBLEM = re.compile(r"^.+:\d+:\d+: ")
SUMMARY = re.compile(r"^\d+ problems? in \d+ files?(; nothing was built)?\.$")
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

SNIPPETS = st.sampled_from([
    "2026-02-30", "2026-13-45", "2026-05-22", "2026-05-22 25:61:00", "!!int abc", "!!int 7",
    "!!float x", "!!bool maybe", "!!binary QUJD", "!foo bar", "!!timestamp soon", "!!str [a]",
    "!!set {a}", "!!omap [a: 1]", "!!python/object:os.system x", "&a [1, 2]", "*a", "[*a, *a]",
    "&b {x: 1}", '"\\e[2J\\e]0;pwned\\a"', '"\\x9b"', '"\\0"', '"\\u0309"', "~", "null", "yes",
    "no", '"no"', "0x1F", "1:30", "1.10", ".inf", ".nan", "-0", "'unclosed", '"unclosed', "[",
    "{", "]", "- a", "|\n  block", ">\n  folded", "<<: {a: 1}", "? [a]", "\t", "\x00", "\x1b[2J",
    "\x9b", "\x85", "\ufeff", "\ufffe", "\u2028", "Sa\u0309n pha\u0302\u0309m", "[" * 60,
    "[[[[[[]]]]]]", "1" * 5000, "%YAML 1.1", "---", "...", "#", "@", "`", "a: b: c",
])
VALUES = st.one_of(
    SNIPPETS,
    st.text(max_size=12),
    st.integers(min_value=-10, max_value=10**6).map(str),
    st.lists(SNIPPETS, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
)


def assert_clean_outcome(code: int, out: str, err: str) -> None:
    """Exit 0, or exit 1 with ``file:line:col:`` lines and a summary; nothing raw on the
    terminal."""
    assert code in (0, 1)
    event(f"exit {code}")
    assert not RAW_CONTROL.search(out + err.replace("\n", " "))
    if code == 0:
        assert err == ""
        return
    lines = err.splitlines()
    assert lines, "exit 1 without a message"
    assert SUMMARY.match(lines[-1]), lines[-1]
    for line in lines[:-1]:
        assert PROBLEM.match(line), line


GUIDE_KEYS = ("title", "description", "audience", "duration", "level", "topics", "objectives",
              "key_points", "prerequisites", "product_groups", "criteria", "last_reviewed",
              "handouts")


@SETTINGS
@given(entries=st.lists(st.tuples(st.one_of(st.sampled_from(GUIDE_KEYS), st.text(max_size=6)),
                                  VALUES), max_size=8),
       keep=st.lists(st.sampled_from(GUIDE_KEYS), unique=True))
def test_fuzzed_guide_front_matter_is_a_clean_outcome(
        entries: list[tuple[str, str]], keep: list[str], project: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = project / "docs" / "guides" / "bai-mau.md"
    original = path.read_text(encoding="utf-8")
    head, body = original.split("\n---\n", 1)
    kept = [line for line in head.split("\n")[1:] if line.split(":")[0] in keep
            or line.startswith("  ")]
    front = "\n".join(kept + [f"{key}: {value}" for key, value in entries])
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    try:
        assert_clean_outcome(*run_cli(capsys, "check"))
    finally:
        path.write_text(original, encoding="utf-8")


MINI_LINES = MINI.read_text(encoding="utf-8").split("\n")
MUTATION = st.tuples(st.sampled_from(["value", "delete", "duplicate", "insert"]),
                     st.integers(min_value=0, max_value=len(MINI_LINES) - 1), VALUES)


def _mutate(lines: list[str], kind: str, at: int, value: str) -> list[str]:
    at = min(at, len(lines) - 1)
    line = lines[at]
    if kind == "value" and ": " in line:
        return [*lines[:at], line.split(": ", 1)[0] + ": " + value, *lines[at + 1:]]
    if kind == "delete":
        return lines[:at] + lines[at + 1:]
    if kind == "duplicate":
        return lines[:at + 1] + lines[at:]
    indent = line[:len(line) - len(line.lstrip(" "))]
    return [*lines[:at], f"{indent}{value}", *lines[at:]]


@SETTINGS
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_fuzzed_edition_file_is_a_clean_outcome(
        mutations: list[tuple[str, int, str]], project: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    lines = list(MINI_LINES)
    for kind, at, value in mutations:
        lines = _mutate(lines, kind, at, value)
    path = project / "docs" / "criteria" / "mini-2026.yml"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert_clean_outcome(*run_cli(capsys, "check"))
    assert_clean_outcome(*run_cli(capsys, "criteria", "list"))


ANSWER_LINES = ["edition: mini-2026", "product_set: I.1.a", "answers:", '  "1.1": 2',
                '  "1.2": 1', '  "2.1": 1', '  "3.1": 2', '  "3.2": b2', '  "4": 2',
                "findings: []", "dossier_rejected: false"]
ANSWER_MUTATION = st.tuples(st.sampled_from(["value", "delete", "duplicate", "insert"]),
                            st.integers(min_value=0, max_value=len(ANSWER_LINES) - 1),
                            st.one_of(VALUES, st.sampled_from(['"1.1"', '["1.1"]', '["3.1"]',
                                                               "[4]", "true", "b1", "0"])))


@SETTINGS
@given(mutations=st.lists(ANSWER_MUTATION, max_size=4), as_json=st.booleans())
def test_fuzzed_answers_file_is_a_clean_outcome(
        mutations: list[tuple[str, int, str]], as_json: bool, project: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    lines = list(ANSWER_LINES)
    for kind, at, value in mutations:
        lines = _mutate(lines, kind, at, value)
    (project / "answers.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["score", "answers.yml", *(["--json"] if as_json else [])]
    assert_clean_outcome(*run_cli(capsys, *args))
