"""Editions as workbooks and back: exact round trips, cell-level errors, the two commands.

Every test works on real files in ``tmp_path``: a workbook written by the exporter, edited with
openpyxl as an official would in Excel, and read back by the importer.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from ocopkit.criteria import spreadsheet
from ocopkit.criteria.export import export_edition
from ocopkit.criteria.model import Edition
from ocopkit.criteria.spreadsheet import (
    EDITION_SHEET,
    FIELDS,
    SpreadsheetError,
    import_workbook,
    write_workbook,
)
from ocopkit.criteria.validate import load_edition

from ..conftest import DOCS, MINI, run_cli

EDITIONS = [DOCS / "criteria" / "qd-26-2026.yml", DOCS / "criteria" / "qd-148-2023.yml",
            DOCS / "criteria" / "qd-1048-2019.yml", MINI]
COL = {f: chr(ord("A") + n) for n, f in enumerate(FIELDS)}
"""Column letter of each field as exported (26 fields: A to Z)."""


def _round_trip(edition: Edition, tmp_path: Path) -> tuple[Edition, Path]:
    book = tmp_path / f"{edition.id}.xlsx"
    write_workbook(edition, book)
    out = tmp_path / "out" / f"{edition.id}.yml"
    out.parent.mkdir(exist_ok=True)
    import_workbook(book, out)
    return load_edition(out), book


@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: p.stem)
def test_every_edition_survives_export_and_import(path: Path, tmp_path: Path) -> None:
    original = load_edition(path)
    loaded, _ = _round_trip(original, tmp_path)
    assert export_edition(loaded) == export_edition(original)
    assert loaded == original  # the model too: sections, which the JSON form leaves out
    assert list(tmp_path.joinpath("out").iterdir()) == [tmp_path / "out" / f"{original.id}.yml"]


def test_the_written_yaml_is_laid_out_like_the_hand_kept_files(tmp_path: Path) -> None:
    _round_trip(load_edition(MINI), tmp_path)
    lines = (tmp_path / "out" / "mini-2026.yml").read_text(encoding="utf-8").splitlines()
    for line in ('  - {code: "A", name: Sản phẩm và sức mạnh của cộng đồng, max: 40}',
                 "  - {stars: 5, from: 90}",
                 "  - {stars: 3, certificate: true, authority: UBND cấp tỉnh}",
                 "    product_sets: [I.1.a]", "  # --- I.1.a Rau, củ, quả, hạt tươi (phiếu 1) ---",
                 '  - code: "I.1.a"', '    category: "Sản phẩm: Thực phẩm. Nhóm: Thực phẩm tươi '
                 'sống"', '              - code: "1.1"', '                    marker: "***"',
                 "                  options: [2, 3]", "                yes_no: true"):
        assert line in lines


def _mini_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    return data


def _write_edition(tmp_path: Path, data: dict[str, Any]) -> Edition:
    path = tmp_path / "src" / f"{data['edition']}.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_edition(path)


HOSTILE = [
    '=HYPERLINK("http://example.invalid/?q="&A1,"bấm vào đây")', "=1+1", "+1", "-2",
    "@SUM(A1:A9)", "'quoted", "dòng 1\ndòng 2\n\ndòng 4", "cột\tcột", "a: b # c",
    "[x], {y}", "null", "true", "no", "1.10", "2026-01-01", "~", "*", "&a", "!tag", "%x",
    "`x`", "| x", "> y", "«x»", "...", "---", '"q"', "# không phải chú thích", "x\u2028y",
    "_x0041_", "a" * spreadsheet.MAX_CELL_CHARS,
]


def test_hostile_text_is_text_both_ways(tmp_path: Path) -> None:
    """Formula-like text, YAML-like text, new lines and the longest cell Excel holds come
    back exactly; a text starting with '=' is written as a string, never as a formula."""
    data = _mini_data()
    options = data["product_sets"][0]["parts"][0]["groups"][0]["criteria"][0]["options"]
    options.clear()
    options += [{"text": t, "points": 20 if i == 0 else 0} for i, t in enumerate(HOSTILE)]
    data["title"] = HOSTILE[0]
    data["product_sets"][0]["rejection_rules"] = HOSTILE[:8]
    data["product_sets"][0]["name"] = "=cmd|' /C calc'!A0"
    original = _write_edition(tmp_path, data)
    loaded, book = _round_trip(original, tmp_path)
    assert loaded == original
    assert export_edition(loaded) == export_edition(original)
    with zipfile.ZipFile(book) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(archive.read(n).decode("utf-8") for n in sheets)
    assert "<f>" not in xml  # no formula anywhere in the workbook
    workbook = load_workbook(book)
    cell = workbook["I.1.a"][f"{COL['option.text']}4"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (HOSTILE[0], "s", True)


def test_a_text_longer_than_an_excel_cell_is_refused_on_export(tmp_path: Path) -> None:
    data = _mini_data()
    data["product_sets"][0]["parts"][0]["groups"][0]["criteria"][0]["options"][0]["text"] = (
        "x" * (spreadsheet.MAX_CELL_CHARS + 1))
    edition = _write_edition(tmp_path, data)
    with pytest.raises(SpreadsheetError) as err:
        write_workbook(edition, tmp_path / "x.xlsx")
    assert err.value.lines == [f"I.1.a!{COL['option.text']}4: cannot write a text of 32768 "
                               "characters: an Excel cell holds at most 32767"]
    assert list(tmp_path.glob("*x.xlsx*")) == []


def test_the_workbook_is_laid_out_for_people(tmp_path: Path) -> None:
    book = tmp_path / "mini.xlsx"
    write_workbook(load_edition(MINI), book)
    workbook = load_workbook(book)
    assert workbook.sheetnames == [EDITION_SHEET, "I.1.a"]
    ws = workbook["I.1.a"]
    assert ws.freeze_panes == "A4"
    assert [c.value for c in ws[3]] == list(FIELDS)
    assert ws["U2"].value == "Điểm" and "points" in ws["U2"].comment.text
    assert ws.column_dimensions["T"].width == 50
    assert ws["H4"].number_format == "@" and ws["H4"].alignment.wrap_text
    assert any("V4:V" in str(v.sqref) and "*****" in (v.formula1 or "")
               for v in ws.data_validations.dataValidation)
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=9)]
    assert rows[0][:12] == ["A", "1", "TỔ CHỨC SẢN XUẤT", 40, None, None, None, "1.1",
                            "Nguồn gốc sản phẩm", None,
                            "100% sản phẩm được trồng trên địa bàn cấp tỉnh", 20]
    assert rows[1][19:22] == ["Từ 50% đến dưới 75%", 10, "***"]
    assert rows[3][22:] == ["rejection", None, None, "Bị loại nếu không rõ nguồn gốc"]
    assert rows[4][7] == "1.2" and rows[4][:7] == [None] * 7
    info = {r[0].value: r[8].value for r in ws.iter_rows(min_row=24) if r[0].value != "#"}
    assert info == {"sheet": 1, "name": "Rau, củ, quả, hạt tươi",
                    "category": "Sản phẩm: Thực phẩm. Nhóm: Thực phẩm tươi sống",
                    "managing_agency": "Bộ Nông nghiệp và Môi trường",
                    "rejection_rules": "Giả mạo hồ sơ", "sheet_notes": None,
                    "transcription_notes": None, "sum_notes": None}
    edition = workbook[EDITION_SHEET]
    assert edition.freeze_panes == "A3"
    assert edition["A6"].value == "date" and edition["C6"].value.isoformat() == (
        "2026-05-22T00:00:00")


# --- Editing as an official would, and the errors --------------------------------------------


@pytest.fixture
def mini_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write the minimal edition as ``mini.xlsx`` in ``tmp_path`` (the working folder), apply
    ``edit(workbook)`` with openpyxl and save it under ``name``."""
    monkeypatch.chdir(tmp_path)
    write_workbook(load_edition(MINI), tmp_path / "mini.xlsx")
    (tmp_path / "out").mkdir()

    def make(edit: Callable[[Any], None], name: str = "mini.xlsx") -> Path:
        workbook = load_workbook(tmp_path / "mini.xlsx")
        edit(workbook)
        workbook.save(tmp_path / name)
        return Path(name)

    return make


def _problems(book: Path, out: str = "out/mini-2026.yml") -> list[str]:
    with pytest.raises(SpreadsheetError) as err:
        import_workbook(book, Path(out))
    assert not Path(out).exists()
    assert [p.name for p in Path(out).parent.iterdir()] == []  # no temporary file left
    return err.value.lines


def test_an_edited_workbook_becomes_the_new_edition(mini_book: Callable[..., Path]) -> None:
    def edit(wb: Any) -> None:
        ws = wb["I.1.a"]
        ws["U5"] = 15  # 1.1: the second option from 10 to 15 points
        ws.insert_rows(10)  # 1.2: a third option, typed into a new row
        ws["T10"], ws["U10"], ws["V10"] = "Có hợp đồng dài hạn", 20, "*****"
        ws.insert_rows(8)  # 1.1: a second note
        ws["W8"], ws["X8"], ws["Z8"] = "gate", "sheet", "Dừng nếu không có hồ sơ"
        wb[EDITION_SHEET]["C3"] = "mini-2027"
        wb[EDITION_SHEET]["C6"] = "2027-03-05"  # typed as text: read as a date

    book = mini_book(edit)
    edition = import_workbook(book, Path("out/mini-2027.yml"))
    assert (edition.id, edition.date.isoformat()) == ("mini-2027", "2027-03-05")
    sheet = edition.product_sets[0]
    first, second = sheet.criteria[:2]
    assert [o.points for o in first.options] == [0, 15, 20]
    assert [(n.kind, n.scope, n.text) for n in first.notes] == [
        ("rejection", None, "Bị loại nếu không rõ nguồn gốc"),
        ("gate", "sheet", "Dừng nếu không có hồ sơ")]
    assert [(o.text, o.points, o.marker) for o in second.options] == [
        ("Không có liên kết", 5, None), ("Có hợp đồng liên kết", 20, 4),
        ("Có hợp đồng dài hạn", 20, 5)]
    assert load_edition("out/mini-2027.yml") == edition


def test_bad_cells_are_all_reported_at_once(mini_book: Callable[..., Path]) -> None:
    def edit(wb: Any) -> None:
        ws = wb["I.1.a"]
        ws["U5"] = "ba"  # not an integer
        ws["U6"] = 25  # above the criterion's max (20)
        ws["V9"] = "**"  # no such marker
        ws["T11"] = '=HYPERLINK("http://example.invalid","x")'  # a formula
        ws["H8"] = 1.2  # Excel turned the code into a number
        ws["T12"] = "a\x9bb"  # a C1 control character (XML allows it)
        wb[EDITION_SHEET]["C6"] = "22/05/2026"
        wb[EDITION_SHEET]["C16"] = "=12*3"

    assert _problems(mini_book(edit)) == [
        'mini.xlsx:Phiên bản!C6: date: expected a date YYYY-MM-DD, got "22/05/2026"',
        "mini.xlsx:Phiên bản!C16: certificate_validity_months: expected a value, got a "
        "formula (type the value itself; formulas are not read)",
        "mini.xlsx:I.1.a!U5: points: expected an integer 0–20 (the criterion's max), got "
        '"ba"',
        "mini.xlsx:I.1.a!U6: points: expected an integer 0–20 (the criterion's max), got 25",
        'mini.xlsx:I.1.a!H8: criterion.code: expected a code as text such as "1.10", got 1.2 '
        "(Excel turned what was typed into a number or date: format the cell as Text, or type "
        "an apostrophe ' before it)",
        "mini.xlsx:I.1.a!V9: marker: expected '***', '****', '*****' or nothing, got \"**\"",
        "mini.xlsx:I.1.a!T11: option.text: expected a value, got a formula (type the value "
        "itself; formulas are not read)",
        "mini.xlsx:I.1.a!T12: option.text: expected text without control characters (only "
        'tab and new line are allowed), got U+009B in "a\\x9bb"',
        # 2.2's condition names 2.1, refused for its formula: that check waits for the next run
        "8 problems; nothing was written (checks of totals and references follow once these "
        "are fixed).",
    ]


def test_problems_of_the_written_yaml_point_to_their_cells(
        mini_book: Callable[..., Path]) -> None:
    def edit(wb: Any) -> None:
        ws = wb["I.1.a"]
        ws["L15"] = 12  # 3.1: max 12, but its best option gives 10
        ws["H13"] = "2.1"  # 2.2 renamed 2.1: a duplicate code
        ws["D4"] = 39  # group 1: 39, its criteria sum to 40
        wb[EDITION_SHEET]["C3"] = "Mini 2026"

    assert _problems(mini_book(edit)) == [
        "mini.xlsx:Phiên bản!C3: edition: expected an id of lower-case letters, digits and "
        "'-', got 'Mini 2026'",
        "mini.xlsx:Phiên bản!C3: edition: expected the file name's stem 'mini-2026', got "
        "'Mini 2026'",
        "mini.xlsx:I.1.a!A4: group.max: expected groups of part A summing to 40 (the "
        "edition's part maximum), got 39 (if the decision prints it so, record why in "
        "sum_note)",
        "mini.xlsx:I.1.a!D4: group.max: expected the sum of its criteria maxima (20 + 20 = "
        "40), got 39",
        "mini.xlsx:I.1.a!H13: criterion.code: duplicate criterion code '2.1' in this product "
        "set (first at I.1.a!H10)",
        "mini.xlsx:I.1.a!O13: applies_if.criterion: expected another criterion, got its own "
        "code '2.1'",
        "mini.xlsx:I.1.a!L15: criterion.max: expected the highest option's points (10), got 12",
        "7 problems; nothing was written.",
    ]


def test_rows_that_break_the_layout_are_named(mini_book: Callable[..., Path]) -> None:
    def edit(wb: Any) -> None:
        ws = wb["I.1.a"]
        ws["W4"] = "gate"  # a gate note without its scope and text
        ws["I5"] = "Tên mới"  # a criterion field on a row that continues 1.1
        ws["AB6"] = "ghi chú riêng"  # a column without a field name
        ws["S21"] = "Trường hợp 3"  # a case name without its letter
        ws["A40"] = "ghi_chu"  # an unknown row of the sheet's information

    assert _problems(mini_book(edit)) == [
        "mini.xlsx:I.1.a!X4: note.scope: expected one of 'group', 'sheet', got nothing",
        "mini.xlsx:I.1.a!Z4: note.text: expected text, got nothing",
        "mini.xlsx:I.1.a!I5: criterion.name: expected nothing on a row that continues a "
        "criterion: its fields go on its first row, where criterion.code is, got \"Tên mới\"",
        "mini.xlsx:I.1.a!AB6: value: expected nothing in a column without a field name in row "
        '3, got "ghi chú riêng"',
        "mini.xlsx:I.1.a!S21: case.name: expected the case's letter (case.key) beside its "
        "name, got nothing",
        "mini.xlsx:I.1.a!A40: field: expected one of sheet, name, category, managing_agency, "
        "rejection_rules, sheet_notes, transcription_notes, sum_notes (or # for a heading "
        'row) in column A, got "ghi_chu"',
        "6 problems; nothing was written.",
    ]


def test_missing_columns_and_sheets_are_refused(mini_book: Callable[..., Path]) -> None:
    def edit(wb: Any) -> None:
        wb["I.1.a"].delete_cols(21)  # points
        wb["I.1.a"]["E3"] = "section"  # a field renamed
        wb[EDITION_SHEET].delete_rows(18, 6)  # the table of parts
        wb.create_sheet("Trống")  # an empty sheet is ignored

    assert _problems(mini_book(edit)) == [
        "mini.xlsx:Phiên bản!A1: parts: expected the table [parts] (a row with [parts] in "
        "column A naming its columns), got none",
        "mini.xlsx:I.1.a!A3: section.code: expected a column 'section.code' (Mã mục) in the "
        "field-name row 3, got none",
        "mini.xlsx:I.1.a!A3: points: expected a column 'points' (Điểm) in the field-name row 3, "
        "got none",
        "mini.xlsx:I.1.a!E3: field: expected one of the field names (" + ", ".join(FIELDS)
        + ') once, got "section"',
        "4 problems; nothing was written.",
    ]


def test_problems_without_a_cell_keep_their_yaml_path(mini_book: Callable[..., Path]) -> None:
    book = mini_book(lambda wb: setattr(wb["I.1.a"], "title", "I.1.b"))
    assert _problems(book) == [
        "mini.xlsx: product_sets: missing product set 'I.1.a': product group I lists it, but "
        "no sheet has that code (list it in untranscribed_sets if its sheet is not available)",
        "mini.xlsx:I.1.b!A1: sheet name: expected a product set listed in product_groups, got "
        "'I.1.b'",
        "2 problems; nothing was written.",
    ]


@pytest.mark.parametrize(("content", "got"), [
    (b"edition: mini-2026\n", "a text file"),
    (b"\xd0\xcf\x11\xe0" + bytes(600), "an Excel 97–2003 workbook (.xls) or a "
     "password-protected one; save it as «Excel Workbook (.xlsx)» without a password"),
    (b"PK\x03\x04 broken", "a damaged zip archive"),
    (b"", "an empty file"),
], ids=["text", "xls", "broken-zip", "empty"])
def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  content: bytes, got: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.xlsx").write_bytes(content)
    with pytest.raises(SpreadsheetError) as err:
        import_workbook(Path("x.xlsx"), Path("mini-2026.yml"))
    assert err.value.lines == [f"x.xlsx: expected an .xlsx workbook, got {got}"]


def test_an_opendocument_spreadsheet_is_named(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with zipfile.ZipFile("x.xlsx", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(SpreadsheetError) as err:
        import_workbook(Path("x.xlsx"), Path("mini-2026.yml"))
    assert err.value.lines == ["x.xlsx: expected an .xlsx workbook, got an OpenDocument "
                               "spreadsheet (.ods); save it as «Excel 2007-365 (.xlsx)» in "
                               "LibreOffice"]


def test_limits_refuse_huge_workbooks(mini_book: Callable[..., Path],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    book = mini_book(lambda wb: None)
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 50)
    assert _problems(book) == [
        "mini.xlsx:Phiên bản!A1: rows: expected at most 50 rows, got 61 (delete the empty "
        "rows below the table)", "1 problem; nothing was written."]
    monkeypatch.setattr(spreadsheet, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(SpreadsheetError) as err:
        import_workbook(book, Path("out/mini-2026.yml"))
    assert err.value.lines[0].startswith("mini.xlsx: expected a workbook unpacking to at most "
                                         "0.1 MB in at most 10000 parts, got ")
    Path("big.xlsx").write_bytes(b"PK" + bytes(spreadsheet.MAX_WORKBOOK_BYTES))
    with pytest.raises(SpreadsheetError) as err:
        import_workbook(Path("big.xlsx"), Path("out/mini-2026.yml"))
    assert err.value.lines == ["big.xlsx: expected a workbook of at most 20 MB, got 20.1 MB"]


def test_a_too_long_cell_is_refused(mini_book: Callable[..., Path],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # openpyxl cuts a longer text to Excel's 32767 characters when it writes; another tool
    # may not: the limit is lowered to test the check.
    book = mini_book(lambda wb: wb["I.1.a"].__setitem__("T5", "x" * 150))
    monkeypatch.setattr(spreadsheet, "MAX_CELL_CHARS", 100)
    assert _problems(book) == [
        "mini.xlsx:I.1.a!T5: option.text: expected at most 100 characters, got 150",
        "1 problem; nothing was written."]


def test_out_is_never_overwritten_without_force(mini_book: Callable[..., Path]) -> None:
    book = mini_book(lambda wb: None)
    out = Path("out/mini-2026.yml")
    out.write_text("# kept\n", encoding="utf-8")
    with pytest.raises(SpreadsheetError) as err:
        import_workbook(book, out)
    assert err.value.lines == ["out/mini-2026.yml: expected a new file, got an existing one "
                               "(add --force to replace it)"]
    assert out.read_text(encoding="utf-8") == "# kept\n"
    import_workbook(book, out, force=True)
    assert load_edition(out) == load_edition(MINI)
    with pytest.raises(SpreadsheetError) as err:
        import_workbook(book, Path("out/mini-2026.yaml"))
    assert err.value.lines[0].startswith("out/mini-2026.yaml: expected an edition file name "
                                         "ending in .yml")


# --- The commands ----------------------------------------------------------------------------


def test_cli_exports_the_current_edition_as_a_workbook(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    criteria = project / "docs" / "criteria"
    (criteria / "mini-2026.yml").unlink()
    shutil.copy(DOCS / "criteria" / "qd-26-2026.yml", criteria)
    code, out, err = run_cli(capsys, "criteria", "export", "qd-26-2026", "--xlsx", "out.xlsx")
    assert (code, err) == (0, "")
    assert out == "wrote out.xlsx: qd-26-2026, 26 product sets, 787 criteria, 2579 options\n"
    workbook = load_workbook(project / "out.xlsx", read_only=True)
    edition = load_edition(criteria / "qd-26-2026.yml")
    assert workbook.sheetnames == [EDITION_SHEET, *(s.code for s in edition.product_sets)]
    workbook.close()
    code, out, err = run_cli(capsys, "criteria", "export", "qd-26-2026", "--xlsx", "out.xlsx")
    assert (code, out) == (1, "")
    assert err == ("out.xlsx: expected a new file, got an existing one (add --force to "
                   "replace it)\n")
    code, _, _ = run_cli(capsys, "criteria", "export", "qd-26-2026", "--xlsx", "out.xlsx",
                         "--force")
    assert code == 0
    assert sorted(p.name for p in project.iterdir()) == ["docs", "out.xlsx"]


def test_cli_import_writes_a_checked_edition(project: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "criteria", "export", "mini-2026", "--xlsx", "mini.xlsx")[0] == 0
    original = load_edition(project / "docs" / "criteria" / "mini-2026.yml")
    (project / "docs" / "criteria" / "mini-2026.yml").unlink()
    code, out, err = run_cli(capsys, "criteria", "import", "mini.xlsx", "--out",
                             "docs/criteria/mini-2026.yml")
    assert (code, err) == (0, "")
    assert out == ("wrote docs/criteria/mini-2026.yml: mini-2026, 1 product sets, 7 criteria, "
                   "18 options; next: ocopkit check\n")
    assert load_edition(project / "docs" / "criteria" / "mini-2026.yml") == original
    code, out, _ = run_cli(capsys, "check")
    assert code == 0 and out.startswith("ok: 1 editions, 1 product sets, 7 criteria")


def test_cli_import_errors_exit_1_and_write_nothing(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "criteria", "export", "mini-2026", "--xlsx", "mini.xlsx")
    workbook = load_workbook(project / "mini.xlsx")
    workbook["I.1.a"]["U5"] = "mười"
    workbook["I.1.a"]["V6"] = "4 sao"
    workbook.save(project / "mini.xlsx")
    code, out, err = run_cli(capsys, "criteria", "import", "mini.xlsx", "--out",
                             "new/mini-2026.yml")
    assert (code, out) == (1, "")
    assert err == "new/mini-2026.yml: expected an existing folder new/, got no such folder\n"
    code, out, err = run_cli(capsys, "criteria", "import", "mini.xlsx", "--out",
                             "mini-2026.yml")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "mini.xlsx:I.1.a!U5: points: expected an integer 0–20 (the criterion's max), got "
        '"mười"',
        "mini.xlsx:I.1.a!V6: marker: expected '***', '****', '*****' or nothing, got \"4 sao\"",
        "2 problems; nothing was written."]
    assert sorted(p.name for p in project.iterdir()) == ["docs", "mini.xlsx"]
    (project / "notes.xlsx").write_text("không phải bảng tính", encoding="utf-8")
    code, out, err = run_cli(capsys, "criteria", "import", "notes.xlsx", "--out",
                             "mini-2026.yml")
    assert (code, out, err) == (1, "", "notes.xlsx: expected an .xlsx workbook, got a text "
                                "file\n")


def test_cli_help_documents_the_overwrite_rule(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("import", "export"):
        with pytest.raises(SystemExit):
            run_cli(capsys, "criteria", command, "--help")
        text = " ".join(capsys.readouterr().out.split())
        assert "--force" in text and "never overwritten" in text


def test_json_and_xlsx_do_not_go_together(project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_cli(capsys, "criteria", "export", "mini-2026", "--json", "--xlsx", "x.xlsx")
    assert "not allowed with argument" in capsys.readouterr().err


def test_every_optional_field_survives(tmp_path: Path) -> None:
    """Every optional field set at once (amendments, untranscribed sets, confidence note,
    sheet notes, a section, a derived gate, an eligibility note) survives."""
    data = _mini_data()
    data["status"], data["replaced_by"] = "replaced", "mini-2027"
    data["replaces"] = ["mini-2019", "mini-2023"]
    data["amendments"] = [{"decision": "1/2027/QĐ-TTg", "date": dt.date(2027, 1, 2),
                           "summary": "Sửa: một điều, hai điều"}]
    data["confidence_note"] = "Chưa đối chiếu: bản chép #2"
    data["untranscribed_sets"] = [{"code": "I.1.b", "name": "Thịt, trứng"}]
    data["product_groups"][0]["product_sets"].append("I.1.b")
    sheet = data["product_sets"][0]
    sheet["sheet_notes"] = ["Ghi chú chung 1", "Ghi chú chung 2"]
    sheet["transcription_notes"] = ["Sửa «1.1»: …"]
    group = sheet["parts"][2]["groups"][0]
    group["criteria"] = [{"code": "3.1", "name": "Ngoại hình", "max": 10, "criteria": [
        {**group["criteria"][0], "code": "3.1.1", "max": 10,
         "description": "(đánh giá bằng mắt)",
         "notes": [{"kind": "gate", "scope": "sheet", "derived": "zero", "text": "Nếu 0"},
                   {"kind": "eligibility", "text": "Không đánh giá sản phẩm …"},
                   {"kind": "note", "text": "Ghi chú"}]}]},
        group["criteria"][1]]
    data["product_sets"][0] = sheet
    data["edition"] = "mini-2026"
    original = _write_edition(tmp_path, data)
    assert original.product_sets[0].groups[2].sections
    loaded, _ = _round_trip(original, tmp_path)
    assert loaded == original
    assert export_edition(loaded) == export_edition(original)


def _info_row(ws: Any, tag: str) -> int:
    return next(r[0].row for r in ws.iter_rows(min_row=4) if r[0].value == tag)


def test_a_part_recorded_as_printed_carries_its_note_both_ways(
        mini_book: Callable[..., Path]) -> None:
    def edit(wb: Any) -> None:
        ws = wb["I.1.a"]
        ws["L8"], ws["U9"], ws["D4"] = 19, 19, 39  # 1.2 tops at 19: part A adds up to 39
        ws.cell(row=_info_row(ws, "sum_notes"), column=9).value = "A: Bản in cộng lại 39."

    edition = import_workbook(mini_book(edit), Path("out/mini-2026.yml"))
    part = edition.product_sets[0].parts[0]
    assert (part.part, part.max, part.sum_note) == ("A", 39, "Bản in cộng lại 39.")
    assert load_edition("out/mini-2026.yml") == edition
    again = Path("again.xlsx")
    write_workbook(edition, again)
    ws = load_workbook(again)["I.1.a"]
    assert ws.cell(row=_info_row(ws, "sum_notes"), column=9).value == "A: Bản in cộng lại 39."


def test_a_sum_note_names_a_part_of_its_sheet(mini_book: Callable[..., Path]) -> None:
    def edit(wb: Any) -> None:
        ws = wb["I.1.a"]
        row = _info_row(ws, "sum_notes")
        ws.cell(row=row, column=9).value = "D: không có phần D"

    problems = _problems(mini_book(edit))
    assert problems[0].startswith("mini.xlsx:I.1.a!I")
    assert problems[0].endswith(": sum_notes: expected a part code of this sheet (A, B, C), a "
                                'colon and the note, got "D: không có phần D"')
    assert problems[-1] == "1 problem; nothing was written."
