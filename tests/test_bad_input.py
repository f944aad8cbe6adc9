"""Hostile and broken input (issue 13): every file is refused with a ``file:line:col`` problem
and exit 1, quickly and without a traceback, or read as the author meant it."""

from __future__ import annotations

import dataclasses
import json
import time
import unicodedata
from pathlib import Path

import pytest

from ocopkit.cli import describe_score
from ocopkit.content import check_content
from ocopkit.criteria.catalogue import Catalogue, load_catalogue
from ocopkit.criteria.diff import load_mappings
from ocopkit.scoring import score
from ocopkit.source.yaml import (
    MAX_DATA_BYTES,
    MAX_PAGE_BYTES,
    load_yaml,
    printable,
)

from .conftest import ANSWERS, DOCS, run_cli

F = "docs/criteria/mini-2026.yml"
GUIDE = "docs/guides/bai-mau.md"
COURSE = "docs/courses/khoa-mau.md"
BOMB = "".join(
    f"{name}: &{name} [{', '.join(['x'] * 9 if i == 0 else ['*' + 'abcdefghi'[i - 1]] * 9)}]\n"
    for i, name in enumerate("abcdefghi"))
"""Nine levels of nine aliases: 9**9 (387 million) values once expanded."""
BOMB_PROBLEM = ("d[1]: expected at most 2000 values reached through aliases (&anchor/*alias), "
                "got more")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    code, out, err = run_cli(capsys, *args)
    return code, out, err.splitlines()


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """Run the command; assert it failed cleanly; return its problem lines (no summary)."""
    code, out, err = run(capsys, *args)
    assert (code, out) == (1, ""), err
    assert err[-1].endswith((" file.", " files.")), err
    return err[:-1]


# --- 1. Bounded YAML ---------------------------------------------------------------------------


def test_alias_bomb_in_an_edition_is_refused_in_well_under_five_seconds(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / F
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + BOMB, encoding="utf-8")
    started = time.perf_counter()
    problems = refused(capsys, "check")
    assert time.perf_counter() - started < 5
    # The fourth alias line, second alias: 909 values so far, then 820 more per *c.
    assert problems == [f"{F}:{lines + 4}:12: {BOMB_PROBLEM}"]


def test_alias_bomb_in_front_matter_is_refused(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / GUIDE, "---\n", "---\n" + BOMB)
    started = time.perf_counter()
    assert refused(capsys, "check") == [f"{GUIDE}:5:12: {BOMB_PROBLEM}"]
    assert time.perf_counter() - started < 5


def test_answers_file_refuses_anchors_and_aliases(project: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (project / "bomb.yml").write_text(BOMB, encoding="utf-8")
    assert refused(capsys, "score", "bomb.yml") == [
        "bomb.yml:1:4: expected values written out, got the anchor '&a' (anchors and aliases "
        "are not allowed here)"]
    (project / "answers.yml").write_text(ANSWERS.replace('"1.1": 2', '"1.1": &two 2')
                                         + 'findings: []\n', encoding="utf-8")
    assert refused(capsys, "score", "answers.yml") == [
        "answers.yml:4:10: expected values written out, got the anchor '&two' (anchors and "
        "aliases are not allowed here)"]


def test_a_few_aliases_in_an_edition_still_work(project: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, "{stars: 3, certificate: true, authority: UBND cấp tỉnh}",
         "{stars: 3, certificate: true, authority: &tinh UBND cấp tỉnh}")
    edit(project / F, "{stars: 4, certificate: true, authority: UBND cấp tỉnh}",
         "{stars: 4, certificate: true, authority: *tinh}")
    code, out, err = run(capsys, "check")
    assert (code, err) == (0, [])
    assert out.startswith("ok: 1 editions")


def test_recursive_alias_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, "replaces: []", "replaces: &r [*r]")
    assert refused(capsys, "check") == [
        f"{F}:7:11: replaces[0]: expected an alias outside the value of its anchor, got a "
        "value that contains itself"]


def test_deep_nesting_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, "replaces: []", "replaces: " + "[" * 60 + "]" * 60)
    assert refused(capsys, "check") == [
        f"{F}:7:60: replaces" + "[0]" * 49 + ": expected at most 50 levels of nesting, got more"]


def test_nesting_too_deep_for_libyaml_is_refused(project: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, "replaces: []", "replaces: " + "[" * 5000)
    assert refused(capsys, "check") == [
        f"{F}:7:1010: expected at most 50 levels of nesting, got more"]


def test_real_files_fit_the_size_limits_with_room_to_spare() -> None:
    assert max(p.stat().st_size for p in (DOCS / "criteria").glob("*.yml")) < MAX_DATA_BYTES / 4
    pages = [p for p in DOCS.rglob("*.md")]
    assert max(p.stat().st_size for p in pages) < MAX_PAGE_BYTES / 10


def _grow(path: Path, size: int) -> bytes:
    """Pad ``path`` with a YAML/Markdown comment line to exactly ``size`` bytes; return the
    original bytes."""
    data = path.read_bytes()
    path.write_bytes(data + b"\n# " + b"x" * (size - len(data) - 3))
    return data


def test_oversized_files_are_refused_naming_the_size(project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    original = _grow(project / F, MAX_DATA_BYTES + 1)
    assert refused(capsys, "check") == [f"{F}:1:1: expected a file of at most 5 MB, got 5.1 MB"]
    _grow(project / F, 11 * 1024 * 1024 // 2)
    assert refused(capsys, "check") == [f"{F}:1:1: expected a file of at most 5 MB, got 5.5 MB"]
    (project / F).write_bytes(original)
    _grow(project / GUIDE, 3 * 1024 * 1024 // 2)
    assert refused(capsys, "check") == [
        f"{GUIDE}:1:1: expected a file of at most 1 MB, got 1.5 MB"]
    (project / "answers.yml").write_text(ANSWERS, encoding="utf-8")
    _grow(project / "answers.yml", MAX_PAGE_BYTES + 1)
    assert refused(capsys, "score", "answers.yml") == [
        "answers.yml:1:1: expected a file of at most 1 MB, got 1.1 MB"]


def test_files_just_under_the_limits_are_read(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _grow(project / F, MAX_DATA_BYTES)
    _grow(project / GUIDE, MAX_PAGE_BYTES)
    assert run(capsys, "check")[0] == 0


# --- 2. Broken values --------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "old", "new", "where"), [
    pytest.param(F, "date: 2026-05-22", "date: 2026-02-30", f"{F}:4:7: date", id="edition"),
    pytest.param(GUIDE, "last_reviewed: 2026-11-01", "last_reviewed: 2026-13-45",
                 f"{GUIDE}:17:16: last_reviewed", id="guide"),
    pytest.param(COURSE, "last_reviewed: 2026-11-01", "last_reviewed: 2026-02-30",
                 f"{COURSE}:16:16: last_reviewed", id="course"),
    pytest.param("docs/toolkits/mau-so-ghi-chep.md", "last_reviewed: 2026-11-01",
                 "last_reviewed: 2026-04-31",
                 "docs/toolkits/mau-so-ghi-chep.md:5:16: last_reviewed", id="toolkit"),
    pytest.param("docs/criteria/_changes.yml", "- date: 2026-05-22", "- date: 2026-00-10",
                 "docs/criteria/_changes.yml:1:9: [0].date", id="change-note"),
])
def test_impossible_date_is_a_problem(path: str, old: str, new: str, where: str, project: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / path, old, new)
    got = new.split(": ")[1]
    assert refused(capsys, "check") == [f"{where}: expected a date YYYY-MM-DD, got '{got}'"]


PLAIN = "expected a plain YAML value (text, number, true/false, date, list or mapping), got"


@pytest.mark.parametrize(("value", "message"), [
    ("!!int abc", "expected an integer, got 'abc'"),
    ('!!int ""', "expected an integer, got ''"),
    ("!!float x", "expected a number, got 'x'"),
    ("!!bool maybe", "expected true or false, got 'maybe'"),
    ("!!timestamp soon", "expected a date YYYY-MM-DD, got 'soon'"),
    ("!!binary QUJD", f"{PLAIN} the tag '!!binary'"),
    ("!foo bar", f"{PLAIN} the tag '!foo'"),
    ("!!python/object:os.system x", f"{PLAIN} the tag '!!python/object:os.system'"),
    ("!!str [a]", f"{PLAIN} the tag '!!str'"),
    ("!!set {a}", f"{PLAIN} the tag '!!set'"),
    ("!!omap [a: 1]", f"{PLAIN} the tag '!!omap'"),
    ("1" * 5000, f"expected an integer, got '{'1' * 37}...'"),
])
def test_bad_explicit_tag_is_a_problem(value: str, message: str, project: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / COURSE, "classes: 3", f"classes: {value}")
    assert refused(capsys, "check") == [f"{COURSE}:7:10: classes: {message}"]


def test_standard_tags_still_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / COURSE, "classes: 3", "classes: !!int '3'")
    edit(project / GUIDE, "last_reviewed: 2026-11-01", "last_reviewed: !!timestamp 2026-11-01")
    assert run(capsys, "check")[0] == 0


def test_merge_key_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, "source:\n", "source:\n  <<: {file: a.txt}\n")
    assert refused(capsys, "check") == [
        f"{F}:10:3: source: expected a plain key, got the merge key '<<'; write the keys out "
        "instead"]


def test_non_utf8_glossary_names_the_line_and_column_of_the_byte(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs/includes/abbreviations.md").write_bytes(
        "*[HTX]: Hợp tác xã\n*[OCOP]: Ch".encode() + "ương".encode("cp1258") + b"\n")
    assert refused(capsys, "check") == [
        "docs/includes/abbreviations.md:2:12: expected UTF-8 text, got the byte 0xfd, which is "
        "not UTF-8 here; save the file as UTF-8"]


def test_non_utf8_edition_names_the_line_and_column_of_the_byte(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / F
    path.write_bytes(path.read_bytes().replace("Người Ký".encode(), "Người K".encode()
                                               + "ý".encode("latin-1")))
    assert refused(capsys, "check") == [
        f"{F}:5:16: expected UTF-8 text, got the byte 0xfd, which is not UTF-8 here; save the "
        "file as UTF-8"]


def test_utf16_page_is_named_as_such(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / GUIDE
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert refused(capsys, "check") == [
        f"{GUIDE}:1:1: expected UTF-8 text, got UTF-16 (the file starts with a UTF-16 byte order "
        "mark); save it as UTF-8"]


def test_byte_order_mark_is_accepted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in (GUIDE, F, "docs/includes/abbreviations.md"):
        path = project / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    (project / "answers.yml").write_bytes(b"\xef\xbb\xbf" + ANSWERS.encode())
    code, _, err = run(capsys, "check")
    assert (code, err) == (0, [])
    content, _ = check_content(project / "docs", root=project)
    assert content is not None
    assert content.guides[0].title == "Bài mẫu"
    assert content.glossary[0].abbr == "HTX"
    assert run(capsys, "score", "answers.yml")[0] == 0


def test_empty_glossary_is_a_problem(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs/includes/abbreviations.md").write_text("\n\n", encoding="utf-8")
    assert refused(capsys, "check") == [
        "docs/includes/abbreviations.md:1:1: expected at least one abbreviation "
        "('*[ABBR]: meaning'), got none"]


@pytest.mark.parametrize(("extra", "expected"), [
    pytest.param("findings: 5\n", ["answers.yml:10:11: findings: expected a list of criterion "
                                   "codes such as [\"6.1\"], got 5 (integer)"], id="findings-int"),
    pytest.param('findings: "1.1"\n', ["answers.yml:10:11: findings: expected a list of "
                                       "criterion codes such as [\"6.1\"], got '1.1' (text)"],
                 id="findings-text"),
    pytest.param("findings: [1.1, {a: 1}]\n", [
        "answers.yml:10:12: findings[0]: expected a criterion code as text such as \"6.1\", "
        "got 1.1 (decimal number)",
        "answers.yml:10:17: findings[1]: expected a criterion code as text such as \"6.1\", "
        "got a mapping"], id="findings-items"),
    pytest.param('findings: ["6.1", "1.1", "2.1"]\n', [
        "answers.yml:10:12: findings[0]: finding '6.1': expected a criterion of I.1.a with a "
        "rejection, eligibility or gate note",
        "answers.yml:10:26: findings[2]: finding '2.1': expected a criterion of I.1.a with a "
        "rejection, eligibility or gate note"], id="findings-unknown-codes"),
    pytest.param('dossier_rejected: "no"\n', ["answers.yml:10:19: dossier_rejected: expected "
                                              "true or false, got 'no' (text)"],
                 id="dossier-rejected-text"),
    pytest.param("dossier_rejected: 0\n", ["answers.yml:10:19: dossier_rejected: expected true "
                                           "or false, got 0 (integer)"],
                 id="dossier-rejected-number"),
])
def test_answers_of_the_wrong_kind_are_problems(extra: str, expected: list[str], project: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (project / "answers.yml").write_text(ANSWERS + extra, encoding="utf-8")
    assert refused(capsys, "score", "answers.yml") == expected


def test_answer_codes_must_not_be_decimal_numbers(project: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (project / "answers.yml").write_text(ANSWERS.replace('"1.1": 2', "1.10: 2"),
                                         encoding="utf-8")
    assert refused(capsys, "score", "answers.yml") == [
        "answers.yml:4:3: answers.1.1: expected a criterion code as text such as \"1.1\", got "
        "1.1 (decimal number)"]


def test_whole_number_codes_are_read_and_reported_as_written(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "answers.yml").write_text(ANSWERS.replace('"4": 2', "4: 7"), encoding="utf-8")
    assert refused(capsys, "score", "answers.yml") == [
        "answers.yml:9:6: answers.4: criterion 4: expected one of 0, 1, 2, got 7"]


def test_dossier_rejected_false_and_true_score(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (project / "answers.yml").write_text(ANSWERS + "dossier_rejected: false\nfindings: []\n",
                                         encoding="utf-8")
    code, out, _ = run(capsys, "score", "answers.yml")
    assert code == 0
    assert "Kết quả: 3 sao, hạng được công nhận và cấp giấy chứng nhận." in out
    (project / "answers.yml").write_text(ANSWERS + "dossier_rejected: true\n", encoding="utf-8")
    code, out, _ = run(capsys, "score", "answers.yml")
    assert code == 0
    assert "Bị loại, không xếp hạng: Hồ sơ bị loại: Giả mạo hồ sơ" in out.splitlines()


NFD_NAME = unicodedata.normalize("NFD", "Sản phẩm")


def test_decomposed_text_is_composed_everywhere(project: Path) -> None:
    assert NFD_NAME != "Sản phẩm"
    docs = project / "docs"
    edit(docs / "guides/bai-mau.md", "title: Bài mẫu", "title: " + unicodedata.normalize(
        "NFD", "Bài mẫu"))
    edit(docs / "guides/bai-mau.md", "Bài mẫu nói về", "Sa\u0309n pha\u0302\u0309m nói về")
    edit(docs / "courses/khoa-mau.md", "title: Khóa mẫu", 'title: "Kho\\u0301a mẫu"')
    edit(docs / "criteria/_changes.yml", "title: Ban hành", f"title: {NFD_NAME} ban hành")
    edit(docs / "includes/abbreviations.md", "Hợp tác xã", unicodedata.normalize(
        "NFD", "Hợp tác xã"))
    content, problems = check_content(docs, root=project)
    assert problems == []
    assert content is not None
    texts = [content.guides[0].title, content.courses[0].title, content.change_notes[0].title,
             content.glossary[0].text]
    assert texts == ["Bài mẫu", "Khóa mẫu", "Sản phẩm ban hành bộ tiêu chí thử nghiệm",
                     "Hợp tác xã"]
    from ocopkit.source.frontmatter import read_page

    page, _ = read_page(docs / "guides/bai-mau.md", GUIDE)
    assert page is not None
    assert "Sản phẩm nói về" in page.body
    assert all(unicodedata.is_normalized("NFC", t) for t in [*texts, page.body])


def test_decomposed_mappings_and_answers_are_composed(tmp_path: Path) -> None:
    (tmp_path / "_mappings.yml").write_text(
        f"- old: a\n  new: b\n  product_sets: {{\"{NFD_NAME}\": \"Sa\\u0309n\"}}\n",
        encoding="utf-8")
    mappings, problems = load_mappings(tmp_path)
    assert problems == []
    assert mappings == {("a", "b"): {"Sản phẩm": "Sản"}}
    (tmp_path / "answers.yml").write_text(f"product_set: {NFD_NAME}\n", encoding="utf-8")
    located, problems = load_yaml(tmp_path / "answers.yml", anchors=False)
    assert (located.data, problems) == ({"product_set": "Sản phẩm"}, [])


@pytest.mark.parametrize(("old", "new", "where"), [
    pytest.param("name: Nguồn gốc sản phẩm", 'name: "Nguồn gốc\\e[2J\\e]0;pwned\\a"',
                 f"{F}:52:23: product_sets[0].parts[0].groups[0].criteria[0].name: expected "
                 "text without control characters (only tab and newline are allowed), got "
                 "'Nguồn gốc\\x1b[2J\\x1b]0;pwned\\x07'", id="escape-sequence"),
    pytest.param("signer: Người Ký Thử", 'signer: "Người \\x9b2J"',
                 f"{F}:5:9: signer: expected text without control characters (only tab and "
                 "newline are allowed), got 'Người \\x9b2J'", id="c1-control"),
    pytest.param("signer: Người Ký Thử", 'signer: "Người\\rKý"',
                 f"{F}:5:9: signer: expected text without control characters (only tab and "
                 "newline are allowed), got 'Người\\x0dKý'", id="carriage-return"),
    pytest.param("signer: Người Ký Thử", "signer: Người \x1b[2J Thử",
                 f"{F}:5:15: expected text without control characters (only tab and newline "
                 "are allowed), got '\\x1b'", id="raw-escape"),
    pytest.param("source:\n", '"key\\0": 1\nsource:\n',
                 f"{F}:9:1: key\\x00: expected text without control characters (only tab and "
                 "newline are allowed), got 'key\\x00'", id="control-in-key"),
])
def test_control_characters_are_refused(old: str, new: str, where: str, project: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, old, new)
    problems = refused(capsys, "check")
    assert problems == [where]
    assert all("\x1b" not in line and "\x9b" not in line for line in problems)


def test_control_characters_in_a_page_body_are_refused_at_their_position(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / GUIDE, "Bài mẫu nói về OCOP", "Bài mẫu nói về \x1b]0;pwned\x07OCOP")
    assert refused(capsys, "check") == [
        f"{GUIDE}:22:16: expected text without control characters (only tab and newline are "
        "allowed), got '\\x1b'"]


def test_tab_inside_text_is_allowed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, "signer: Người Ký Thử", 'signer: "Người\\tKý"')
    assert run(capsys, "check")[0] == 0


def test_printable_escapes_controls_but_keeps_tab_and_newline() -> None:
    assert printable("a\x1b[2J\x1b]0;pwned\x07\tb\n\x9b\x7f") == (
        "a\\x1b[2J\\x1b]0;pwned\\x07\tb\n\\x9b\\x7f")


def _hostile_catalogue(docs: Path) -> Catalogue:
    """The project's edition with control characters in names, as if they had slipped past
    validation, plus a renamed copy to diff against."""
    edition = load_catalogue(docs / "criteria").editions[0]
    sheet = edition.product_sets[0]
    bad = dataclasses.replace(sheet, name="Rau\x1b[2J\x1b]0;pwned\x07\x9b")
    new = dataclasses.replace(edition, id="mini-2027", product_sets=(bad,),
                              decision="1/2027\x1b[31m")
    return Catalogue((new, edition))


def test_terminal_output_escapes_control_characters(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    catalogue = _hostile_catalogue(project / "docs")
    monkeypatch.setattr("ocopkit.cli._catalogue", lambda args: catalogue)
    for args in (["criteria", "list"], ["criteria", "list", "--json"],
                 ["criteria", "diff", "mini-2026", "mini-2027"],
                 ["criteria", "diff", "mini-2026", "mini-2027", "--json"]):
        code, out, err = run(capsys, *args)
        assert (code, err) == (0, [])
        assert not any(c in out for c in "\x1b\x07\x9b"), args
    code, out, _ = run(capsys, "criteria", "list")
    assert "mini-2027  1/2027\\x1b[31m  2026-05-22  current  1 product sets" in out.splitlines()
    assert "  I.1.a    Rau\\x1b[2J\\x1b]0;pwned\\x07\\x9b  (7 criteria)" in out.splitlines()
    code, out, _ = run(capsys, "criteria", "list", "--json")
    assert json.loads(out)[0]["decision"] == "1/2027\x1b[31m"
    code, out, _ = run(capsys, "criteria", "diff", "mini-2026", "mini-2027")
    assert "Rau\\x1b[2J\\x1b]0;pwned\\x07\\x9b" in out
    code, out, _ = run(capsys, "criteria", "diff", "mini-2026", "mini-2027", "--json")
    assert "Rau\\u001b[2J\\u001b]0;pwned\\u0007\\u009b" in out
    assert json.loads(out)["added_sets"][0][1] == "Rau\x1b[2J\x1b]0;pwned\x07\x9b"


def test_score_summary_escapes_control_characters(project: Path) -> None:
    edition = load_catalogue(project / "docs" / "criteria").editions[0]
    sheet = edition.product_sets[0]
    hostile = dataclasses.replace(sheet, rejection_rules=("Giả mạo\x1b[2J",))
    answers = {"1.1": 2, "1.2": 1, "2.1": 1, "3.1": 2, "3.2": "b2", "4": 2}
    text = describe_score(score(edition, hostile, answers, dossier_rejected=True), edition,
                          hostile)
    assert "Bị loại, không xếp hạng: Hồ sơ bị loại: Giả mạo\\x1b[2J" in text.splitlines()
    assert "\x1b" not in text
    # The advice names options by their words: those are escaped too.
    criterion = hostile.criterion("1.2")
    assert criterion is not None
    options = tuple(dataclasses.replace(o, text=o.text + "\x1b[31m") for o in criterion.options)
    worded = dataclasses.replace(hostile, parts=tuple(
        dataclasses.replace(part, groups=tuple(
            dataclasses.replace(group, criteria=tuple(
                dataclasses.replace(c, options=options) if c.code == "1.2" else c
                for c in group.criteria)) for group in part.groups))
        for part in hostile.parts))
    text = describe_score(score(edition, worded, answers), edition, worded)
    assert "\x1b" not in text and "Có hợp đồng liên kết\\x1b[31m" in text


def test_file_of_too_many_values_is_refused(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, "replaces: []", "replaces: [" + "x, " * 250_000 + "x]")
    started = time.perf_counter()
    # Values 1-8: the root mapping, six texts and the list; item i is value 9 + i.
    assert refused(capsys, "check") == [
        f"{F}:7:{12 + 3 * 249_992}: replaces[249992]: expected at most 250000 values in one "
        "file, got more"]
    assert time.perf_counter() - started < 10


def test_unknown_product_set_is_named_where_it_is_written(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "answers.yml").write_text(ANSWERS.replace("I.1.a", "I.9.z"), encoding="utf-8")
    assert refused(capsys, "score", "answers.yml") == [
        "answers.yml:2:14: product_set: expected a product set of mini-2026 (I.1.a), got 'I.9.z'"]


def test_broken_mappings_file_is_named_relative_to_the_project(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs/criteria/_mappings.yml").write_text(
        "- old: mini-2026\n  new: !!int abc\n  product_sets: {}\n", encoding="utf-8")
    assert refused(capsys, "criteria", "diff", "mini-2026", "mini-2026") == [
        "docs/criteria/_mappings.yml:2:8: [0].new: expected an integer, got 'abc'"]


@pytest.mark.parametrize("code", ["[I.1.a]", "{a: 1}"])
def test_product_set_code_of_the_wrong_kind_is_a_problem(
        code: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, "  - code: I.1.a", f"  - code: {code}")
    kind = "a list" if code.startswith("[") else "a mapping"
    assert f"{F}:37:11: product_sets[0].code: expected non-empty text, got {kind}" in refused(
        capsys, "check")


def test_many_recursive_aliases_are_one_problem(project: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / F, "replaces: []", "replaces: &r [" + "*r, " * 5000 + "*r]")
    assert refused(capsys, "check") == [
        f"{F}:7:11: replaces[0]: expected an alias outside the value of its anchor, got a "
        "value that contains itself"]


def test_installed_command_refuses_an_alias_bomb_without_a_traceback(project: Path) -> None:
    import subprocess
    import sys

    (project / F).write_text((project / F).read_text(encoding="utf-8") + BOMB, encoding="utf-8")
    exe = Path(sys.executable).with_name("ocopkit")
    started = time.perf_counter()
    proc = subprocess.run([str(exe), "check"], cwd=project, capture_output=True, text=True,
                          check=False, timeout=60)
    assert time.perf_counter() - started < 5
    assert (proc.returncode, proc.stdout) == (1, "")
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-1] == "1 problem in 1 file."
