"""A corpus of broken edition files: each must be refused with the exact message and line."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from ocopkit.cli import main

F = "docs/criteria/mini-2026.yml"


def _replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert text.count(old) >= count, f"fixture no longer contains {old!r}"
        return text.replace(old, new, count)

    return edit


def _decompose_second_code(text: str) -> str:
    """Write criterion 1.2's sheet-wide twin: a duplicate of 1.1 whose name is NFD."""
    text = text.replace('- code: "1.2"\n                name: Liên kết sản xuất',
                        '- code: "1.1"\n                name: '
                        + unicodedata.normalize("NFD", "Liên kết sản xuất"))
    return text


CASES = [
    pytest.param(
        _replace("    sheet: 1\n", "     sheet: 1\n"),
        [f"{F}:38:11: invalid YAML: mapping values are not allowed here"],
        id="yaml-syntax-error"),
    pytest.param(
        _replace('Nhóm: Thực phẩm tươi sống"', "Nhóm: Thực phẩm tươi sống"),
        [f"{F}:47:20: invalid YAML: expected <block end>, but found '<scalar>' (while "
         "parsing a block mapping started at line 37)"],
        id="unclosed-quote"),
    pytest.param(
        _replace("                max: 20\n                options:\n                  - text: "
                 "Dưới 50%", "                max: 20\n\t\t\t\toptions:\n                  - "
                 "text: Dưới 50%"),
        [f"{F}:55:1: expected spaces for indentation, got a tab character"],
        id="tab-indentation"),
    pytest.param(
        _replace("points: 10\n                    marker: \"***\"",
                 "points: mười\n                    marker: \"***\""),
        [f"{F}:59:29: product_sets[0].parts[0].groups[0].criteria[0].options[1].points: "
         "expected an integer from 0 to 20 (criterion max), got 'mười' (text)"],
        id="wrong-type"),
    pytest.param(
        _replace('- code: "1.2"', '- code: "1.1"'),
        [f"{F}:66:23: product_sets[0].parts[0].groups[0].criteria[1].code: duplicate "
         "criterion code '1.1' in this product set (first at line 51)"],
        id="duplicate-code"),
    pytest.param(
        _replace("                  - text: Từ 75% đến 100%\n                    points: 20",
                 "                  - text: Từ 75% đến 100%\n                    points: 21"),
        [f"{F}:62:29: product_sets[0].parts[0].groups[0].criteria[0].options[2].points: "
         "expected an integer from 0 to 20 (criterion max), got 21"],
        id="points-over-maximum"),
    pytest.param(
        _replace("      - part: A\n", "      - part: A\n        sum_note: Cộng lại 39.\n"),
        [f"{F}:46:19: product_sets[0].parts[0].sum_note: expected no sum_note, as the groups "
         "of part A sum to the edition's part maximum (40), got a note"],
        id="sum-note-on-a-part-that-adds-up"),
    pytest.param(
        _replace("      - part: A\n", "      - part: A\n        sum_note: 3\n"),
        [f"{F}:46:19: product_sets[0].parts[0].sum_note: expected non-empty text, got 3 "
         "(integer)"],
        id="sum-note-not-text"),
    pytest.param(
        _replace("            name: TỔ CHỨC SẢN XUẤT\n            max: 40",
                 "            name: TỔ CHỨC SẢN XUẤT\n            max: 38"),
        [f"{F}:47:11: product_sets[0].parts[0].groups: expected groups of part A summing to 40 "
         "(the edition's part maximum), got 38 (if the decision prints it so, record why in "
         "sum_note)",
         f"{F}:49:18: product_sets[0].parts[0].groups[0].max: expected the sum of its "
         "criteria maxima (20 + 20 = 40), got 38"],
        id="group-sum-mismatch"),
    pytest.param(
        _replace("{stars: 3, from: 50, below: 70}", "{stars: 3, from: 52, below: 70}"),
        [f"{F}:21:22: star_bands[2].from: gap in star bands: no band covers 50 to below 52; "
         "expected from 50, got 52"],
        id="gap-in-star-bands"),
    pytest.param(
        _replace("                name: Liên kết sản xuất\n",
                 "                name: Liên kết sản xuất\n                weight: 2\n"),
        [f"{F}:68:17: product_sets[0].parts[0].groups[0].criteria[1].weight: unknown key "
         "'weight'; expected one of: code, name, description, requirement, max, applies_if, "
         "yes_no, cases_text, cases, options, notes"],
        id="unknown-key"),
    pytest.param(
        _decompose_second_code,
        [f"{F}:66:23: product_sets[0].parts[0].groups[0].criteria[1].code: duplicate "
         "criterion code '1.1' in this product set (first at line 51)"],
        id="decomposed-unicode"),
    pytest.param(
        _replace("{stars: 4, from: 70, below: 90}", "{stars: 4, from: 70, below: 93}"),
        [f"{F}:23:22: star_bands[4].from: star bands overlap: 90 to below 93 is in two bands; "
         "expected from 93, got 90"],
        id="overlapping-star-bands"),
    pytest.param(
        _replace('marker: "****"', 'marker: "******"'),
        [f"{F}:74:29: product_sets[0].parts[0].groups[0].criteria[1].options[1].marker: "
         "expected '***', '****' or '*****', got '******' (text)"],
        id="marker-not-a-star-level"),
    pytest.param(
        _replace("{stars: 1, from: 0, below: 30}", "{stars: 6, from: 0, below: 30}"),
        [f"{F}:19:13: star_bands[0].stars: expected an integer from 1 to 5, got 6"],
        id="star-level-out-of-range"),
]


@pytest.mark.parametrize(("edit", "expected"), CASES)
def test_broken_file_is_refused_with_every_problem(
        edit: Callable[[str], str], expected: list[str], mini_text: str,
        write_edition: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    docs = write_edition(edit(mini_text))
    monkeypatch.chdir(docs.parent)
    assert main(["check"]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.splitlines()
    assert lines[:-1] == expected
    noun = "problem" if len(expected) == 1 else "problems"
    assert lines[-1] == f"{len(expected)} {noun} in 1 file."


def test_several_files_report_all_problems_at_once(
        mini_text: str, write_edition: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    write_edition(mini_text.replace("points: 21", "x").replace("max: 40", "max: 41", 1))
    other = mini_text.replace("mini-2026", "mini-2025").replace("status: current",
                                                               "status: replaced")
    docs = write_edition(other.replace("title: Bộ tiêu chí thử nghiệm\n", ""), "mini-2025.yml")
    monkeypatch.chdir(docs.parent)
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "4 problems in 2 files."
    assert any(line.startswith("docs/criteria/mini-2025.yml:1:1: missing required key 'title'")
               for line in err)
    assert "docs/criteria/mini-2025.yml:7:14: replaced_by: expected the id of the edition that " \
           "replaced this one, got nothing" in err


def test_decomposed_text_is_normalised_on_load(mini_text: str,
                                               write_edition: Callable[..., Path]) -> None:
    from ocopkit.criteria import load_edition

    nfd = unicodedata.normalize("NFD", mini_text)
    assert nfd != mini_text
    docs = write_edition(nfd)
    edition = load_edition(docs / "criteria" / "mini-2026.yml")
    name = edition.product_sets[0].criteria[0].name
    assert name == "Nguồn gốc sản phẩm"
    assert unicodedata.is_normalized("NFC", name)


def test_missing_file_folder_is_an_error_not_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert capsys.readouterr().err.strip() == "docs: expected the content folder, got no such " \
        "folder"
