"""Edition diffs on a small fixture pair, asserted exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ocopkit.cli import main
from ocopkit.criteria import load_edition
from ocopkit.criteria.diff import CriterionChange, describe, diff_editions

from ..conftest import MINI


def _old_text(mini_text: str) -> str:
    text = mini_text.replace("mini-2026", "mini-2019").replace("date: 2026-05-22",
                                                                "date: 2019-08-21")
    text = text.replace("status: current\n", "status: replaced\n").replace(
        "replaced_by: null", "replaced_by: mini-2026")
    text = text.replace("    name: Rau, củ, quả, hạt tươi", "    name: Rau, củ quả tươi")
    text = text.replace("code: I.1.a", "code: I.1.1").replace("product_sets: [I.1.a]",
                                                               "product_sets: [I.1.1]")
    text = text.replace("name: Liên kết sản xuất", "name: Liên kết")
    text = text.replace("- text: Từ 50% đến dưới 75%\n                    points: 10\n"
                        "                    marker: \"***\"",
                        "- text: Từ 50% đến dưới 75%\n                    points: 5")
    text = text.replace('                    marker: "****"\n', "")
    return text.replace('                    marker: "*****"\n', "")


def test_diff_of_a_fixture_pair(mini_text: str, write_edition: Callable[..., Path]) -> None:
    docs = write_edition(_old_text(mini_text), "mini-2019.yml")
    old = load_edition(docs / "criteria" / "mini-2019.yml")
    new = load_edition(MINI)
    diff = diff_editions(old, new, {"I.1.1": "I.1.a"})
    assert (diff.parts, diff.bands, diff.recognition) == ((), (), ())
    assert diff.sheets_compared
    assert (diff.added_sets, diff.removed_sets) == ((), ())
    (pair,) = diff.sets
    assert (pair.old, pair.new, pair.renamed, pair.matched_by) == ("I.1.1", "I.1.a", True,
                                                                   "mapping")
    assert pair.changes == (
        CriterionChange("options", "1.1", "1.1", "Nguồn gốc sản phẩm",
                        "3 lựa chọn (0, 5, 20 điểm) → 3 lựa chọn (0, 10, 20 điểm)"),
        CriterionChange("minima", "1.1", "1.1", "Nguồn gốc sản phẩm",
                        "lựa chọn 2 là mức tối thiểu 3 sao"),
        CriterionChange("renamed", "1.2", "1.2", "Liên kết sản xuất",
                        "«Liên kết» → «Liên kết sản xuất»"),
        CriterionChange("minima", "1.2", "1.2", "Liên kết sản xuất",
                        "lựa chọn 2 là mức tối thiểu 4 sao"),
        CriterionChange("minima", "2.2", "2.2", "Cấu trúc câu chuyện sản phẩm",
                        "lựa chọn 2 là mức tối thiểu 5 sao"),
    )
    by_name = diff_editions(old, new)
    assert by_name.sets == () and by_name.added_sets == (("I.1.a", "Rau, củ, quả, hạt tươi"),)
    assert by_name.removed_sets == (("I.1.1", "Rau, củ quả tươi"),)


def test_diff_without_sheets_compares_parts_bands_and_recognition(
        mini_text: str, write_edition: Callable[..., Path]) -> None:
    text = _old_text(mini_text)
    text = text.replace("Sản phẩm và sức mạnh của cộng đồng, max: 40}",
                        "Sản phẩm và sức mạnh của cộng đồng, max: 35}")
    text = text.replace("Chất lượng sản phẩm, max: 35}", "Chất lượng sản phẩm, max: 40}")
    head, _, _ = text.partition("product_sets:\n")
    head = head.replace("sheets_available: true", "sheets_available: false")
    head = head.replace("{stars: 3, certificate: true, authority: UBND cấp tỉnh}",
                        "{stars: 3, certificate: true, authority: UBND cấp huyện}")
    head = head.replace("{stars: 4, from: 70, below: 90}", "{stars: 4, from: 70, below: 85}"
                        ).replace("{stars: 5, from: 90}", "{stars: 5, from: 85}")
    head = head.replace("  - code: I\n    name: Sản phẩm thực phẩm\n"
                        "    product_sets: [I.1.1]\n", "")
    docs = write_edition(head.replace("product_groups:\n", "product_groups: []\n")
                         + "product_sets: []\n", "mini-2019.yml")
    old = load_edition(docs / "criteria" / "mini-2019.yml")
    diff = diff_editions(old, load_edition(MINI))
    assert diff.parts == (("A", 35, 40), ("C", 40, 35))
    assert diff.bands == ("4 sao: từ 70 đến dưới 85 → từ 70 đến dưới 90",
                          "5 sao: từ 85 đến 100 → từ 90 đến 100")
    assert diff.recognition == ("3 sao: UBND cấp huyện → UBND cấp tỉnh",)
    assert not diff.sheets_compared
    assert describe(diff).splitlines() == [
        "mini-2019 → mini-2026", "Phần A: 35 → 40 điểm", "Phần C: 40 → 35 điểm",
        "Phân hạng 4 sao: từ 70 đến dưới 85 → từ 70 đến dưới 90",
        "Phân hạng 5 sao: từ 85 đến 100 → từ 90 đến 100",
        "Công nhận 3 sao: UBND cấp huyện → UBND cấp tỉnh",
        "Phiếu đánh giá: không so sánh được (một phiên bản chưa có dữ liệu phiếu)."]


def test_cli_diff_uses_the_mapping_file(mini_text: str, write_edition: Callable[..., Path],
                                        monkeypatch: object, capsys: object) -> None:
    import json

    import pytest

    docs = write_edition(mini_text)
    write_edition(_old_text(mini_text), "mini-2019.yml")
    (docs / "criteria" / "_mappings.yml").write_text(
        "- old: mini-2019\n  new: mini-2026\n  product_sets:\n    I.1.1: I.1.a\n",
        encoding="utf-8")
    changes = docs / "criteria" / "_changes.yml"
    changes.write_text(changes.read_text(encoding="utf-8"), encoding="utf-8")
    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    assert isinstance(capsys, pytest.CaptureFixture)
    monkeypatch.chdir(docs.parent)
    assert main(["criteria", "diff", "mini-2019", "mini-2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["old"] + ">" + s["new"] for s in data["sets"]] == ["I.1.1>I.1.a"]
    assert [c["kind"] for c in data["sets"][0]["changes"]] == ["options", "minima", "renamed",
                                                               "minima", "minima"]
    assert main(["criteria", "diff", "mini-2019", "nope"]) == 1


def _earlier(mini_text: str) -> str:
    """The minimal edition as an earlier edition ``mini-2019`` replaced by it, same sheet."""
    text = mini_text.replace("mini-2026", "mini-2019").replace("date: 2026-05-22",
                                                                "date: 2019-08-21")
    return text.replace("status: current\n", "status: replaced\n").replace(
        "replaced_by: null", "replaced_by: mini-2026")


def test_options_reworded_at_the_same_points_say_which_wording_changed(
        mini_text: str, write_edition: Callable[..., Path]) -> None:
    text = _earlier(mini_text)
    # 2.1: the second option's wording only; 3.1: both options' wording only; 1.1: a point
    # and a wording; 3.2: only the answer keys (case b was case c).
    text = text.replace("- text: Có câu chuyện sản phẩm\n", "- text: Có câu chuyện\n")
    text = text.replace("- text: Không đồng đều\n", "- text: Không đều\n").replace(
        "- text: Đồng đều\n", "- text: Đều\n")
    text = text.replace("- text: Từ 50% đến dưới 75%\n                    points: 10\n",
                        "- text: Từ 50% đến 75%\n                    points: 5\n")
    text = text.replace("                  - key: b\n", "                  - key: c\n")
    docs = write_edition(text, "mini-2019.yml")
    old = load_edition(docs / "criteria" / "mini-2019.yml")
    (pair,) = diff_editions(old, load_edition(MINI)).sets
    assert [(c.new_code, c.detail) for c in pair.changes if c.kind == "options"] == [
        ("1.1", "3 lựa chọn (0, 5, 20 điểm) → 3 lựa chọn (0, 10, 20 điểm); "
                "lời văn lựa chọn 2 thay đổi"),
        ("2.1", "lời văn lựa chọn 2 thay đổi; điểm giữ nguyên (0, 10, 20 điểm)"),
        ("3.1", "lời văn cả 2 lựa chọn thay đổi; điểm giữ nguyên (0, 10 điểm)"),
        ("3.2", "mã trả lời của lựa chọn: a1, a2, c1, c2 → a1, a2, b1, b2"),
    ]


def _before_and_after(row: str) -> list[tuple[str, str]]:
    """Each ``before → after`` of a change text (its parts are separated by ``; ``)."""
    return [(before.strip(), after.strip()) for part in row.split("; ") if " → " in part
            for before, after in [part.split(" → ", 1)]]


def test_no_change_of_any_pair_of_shipped_editions_reads_the_same_before_and_after() -> None:
    import itertools

    from ocopkit import load_catalogue
    from ocopkit.criteria.diff import load_mappings
    from ocopkit.render.pages.changes import change_pages
    from ocopkit.source.packaged import official_criteria

    catalogue = load_catalogue()
    mappings, problems = load_mappings(official_criteria())
    assert problems == [] and len(catalogue.editions) >= 3
    rows = 0
    for old, new in itertools.permutations(catalogue.editions, 2):
        diff = diff_editions(old, new, mappings.get((old.id, new.id)))
        texts = [*diff.bands, *diff.recognition, *(f"{a} → {b}" for _, a, b in diff.parts),
                 *(c.detail for s in diff.sets for c in s.changes)]
        for row in texts:
            for before, after in _before_and_after(row):
                assert before != after, f"{old.id} → {new.id}: {row}"
            rows += 1
        for line in describe(diff).splitlines()[1:]:
            detail = line.partition(": ")[2]
            for before, after in _before_and_after(detail):
                assert before != after, f"{old.id} → {new.id}: {line}"
    assert rows > 1000  # the 1048 and 2026 sheets compared both ways
    # The "Những thay đổi" pages: the "Chi tiết" cell of every table row.
    for page in change_pages(catalogue, mappings, []):
        for line in page.content.splitlines():
            if line.startswith("| ") and not line.startswith(("| Thay đổi |", "|---")):
                detail = line.rstrip(" |").rsplit(" | ", 1)[1]
                for before, after in _before_and_after(detail):
                    assert before != after, f"{page.path}: {line}"
