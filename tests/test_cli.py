"""The ``ocopkit`` command line, run in-process on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ANSWERS, ROOT, run_cli


def test_check_passes_on_valid_content(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "check")
    assert (code, err) == (0, "")
    assert out.startswith("ok: 1 editions, 1 product sets, 7 criteria, 18 options, 1 guides, "
                          "1 courses, 1 toolkit templates, 2 abbreviations, 0 training sessions "
                          "checked in ")


def test_score_json_has_the_documented_fields(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (project / "answers.yml").write_text(ANSWERS, encoding="utf-8")
    code, out, err = run_cli(capsys, "score", "answers.yml", "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["total"] == 50
    assert result["parts"] == {"A": 15, "B": 0, "C": 35}
    assert (result["band_stars"], result["stars"], result["certifiable"]) == (3, 3, True)
    assert result["blocking"] == [{"criterion": "1.2", "name": "Liên kết sản xuất", "stars": 4,
                                   "current": "1", "current_points": 5, "needed": "2",
                                   "needed_points": 20}]


def test_score_text_tells_what_to_improve(project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (project / "answers.yml").write_text(ANSWERS, encoding="utf-8")
    code, out, _ = run_cli(capsys, "score", "answers.yml")
    assert code == 0
    assert "Tổng điểm: 50 (A: 15, B: 0, C: 35)" in out.splitlines()
    lines = out.splitlines()
    assert "Theo tổng điểm: 3 sao (50 điểm, trong khoảng từ 50 đến dưới 70 điểm)." in lines
    assert "Kết quả: 3 sao, hạng được công nhận và cấp giấy chứng nhận." in lines
    assert lines[lines.index("Để lên 4 sao:") + 1:] == [
        "- Cần thêm ít nhất 20 điểm (hạng 4 sao là từ 70 đến dưới 90 điểm).",
        "- Tiêu chí 1.2. Liên kết sản xuất: cần đạt ít nhất “Có hợp đồng liên kết” (20 điểm, "
        "ô tối thiểu 4 sao); hiện đang ở “Không có liên kết”."]  # options by their words


def test_score_errors_name_the_answer_line(project: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad = ANSWERS.replace('"1.1": 2', '"1.1": 9').replace('  "4": 2\n', "")
    (project / "answers.yml").write_text(bad, encoding="utf-8")
    code, out, err = run_cli(capsys, "score", "answers.yml")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "answers.yml:3:1: answers: missing answers for criteria: 4",
        "answers.yml:4:10: answers.1.1: criterion 1.1: expected one of 0, 1, 2, 3, got 9",
        "2 problems in 1 file.",
    ]


def test_score_refuses_unknown_keys_and_missing_answers(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "answers.yml").write_text("edition: mini-2026\nproduct_set: I.1.a\nanswer: {}\n",
                                         encoding="utf-8")
    code, _, err = run_cli(capsys, "score", "answers.yml")
    assert code == 1
    assert err.splitlines() == [
        "answers.yml:1:1: expected 'answers' as a mapping of criterion code to option number",
        "answers.yml:3:1: answer: unknown key 'answer'; expected one of: edition, product_set, "
        "answers, findings, dossier_rejected",
        "2 problems in 1 file.",
    ]


def test_criteria_list_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "criteria", "list", "--json")
    assert code == 0
    assert json.loads(out) == [{"edition": "mini-2026", "decision": "99/2026/QĐ-TTg",
                                "date": "2026-05-22", "status": "current",
                                "product_sets": ["I.1.a"]}]


def test_criteria_export_json_shape(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "criteria", "export", "mini-2026", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == 2
    assert [p["max"] for p in data["parts"]] == [40, 25, 35]
    sheet = data["product_sets"][0]
    criteria = [c for p in sheet["parts"] for g in p["groups"] for c in g["criteria"]]
    assert [c["code"] for c in criteria] == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4"]
    first = criteria[0]["options"][1]
    assert first == {"number": 2, "key": "2", "text": "Từ 50% đến dưới 75%", "points": 10,
                     "marker": 3}
    cases = criteria[5]
    assert cases["cases"] == [{"key": "a", "name": "Trường hợp 1: Sản phẩm tươi",
                               "options": ["a1", "a2"]},
                              {"key": "b", "name": "Trường hợp 2: Sản phẩm sơ chế",
                               "options": ["b1", "b2"]}]
    assert criteria[3]["applies_if"] == {"text": "Chỉ áp dụng khi có câu chuyện sản phẩm",
                                         "criterion": "2.1", "options": [2, 3]}


def test_export_of_unknown_edition_is_refused(project: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "criteria", "export", "qd-0-1900")
    assert code == 1
    assert err.strip() == "unknown edition 'qd-0-1900'; expected one of: mini-2026"


def test_installed_command_checks_the_shipped_content() -> None:
    exe = Path(sys.executable).with_name("ocopkit")
    proc = subprocess.run([str(exe), "check"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.startswith("ok: 3 editions, 52 product sets, 1577 criteria, 5395 options, "
                                  "16 guides, ")


def test_a_missing_optional_package_is_named_with_the_command_that_installs_it(
        project: Path) -> None:
    # `None` in sys.modules makes `import weasyprint` fail as if it were not installed.
    probe = ("import sys; sys.modules['weasyprint'] = None\n"
             "from ocopkit.cli import main\nsys.exit(main(['handouts']))\n")
    (project / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://example.org/\nplugins:\n  - ocopkit:\n"
        "      official_criteria: false\n      national_content: false\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=project, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip() == ("ocopkit handouts: needs the Python package 'weasyprint', "
                                   "which is not installed; install it with: pip install "
                                   "'ocopkit[site]'")


def test_several_answers_files_are_a_councils_sheets(project: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a.yml").write_text(ANSWERS, encoding="utf-8")  # 50 points
    (project / "b.yml").write_text(ANSWERS.replace('"1.2": 1', '"1.2": 2'), encoding="utf-8")
    (project / "c.yml").write_text(ANSWERS.replace('"1.1": 2', '"1.1": 3'), encoding="utf-8")
    code, out, err = run_cli(capsys, "score", "a.yml", "b.yml", "c.yml", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    council = data["council"]
    assert [m["total"] for m in council["members"]] == [50, 65, 60]
    assert council["average"] == pytest.approx(175 / 3)
    assert (council["band_stars"], council["stars"]) == (3, 3)
    assert council["interpretation"] and len(data["members"]) == 3
    code, out, _ = run_cli(capsys, "score", "a.yml", "b.yml", "c.yml")
    assert code == 0
    assert "Tổng điểm trung bình: 58,3333" in out.splitlines()


def test_council_sheets_of_another_product_set_are_refused(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a.yml").write_text(ANSWERS, encoding="utf-8")
    (project / "b.yml").write_text(ANSWERS.replace("edition: mini-2026", "edition: qd-0"),
                                   encoding="utf-8")
    code, _, err = run_cli(capsys, "score", "a.yml", "b.yml")
    assert code == 1
    assert err.startswith("b.yml:1:10: edition: expected one of mini-2026, got 'qd-0'")
