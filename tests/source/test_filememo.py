"""Remembered results follow the file's bytes, including a save made while computing."""

from __future__ import annotations

from pathlib import Path

from ocopkit.source.filememo import FileMemo


def test_result_is_reused_until_the_bytes_change(tmp_path: Path) -> None:
    path = tmp_path / "bai.md"
    path.write_text("một", encoding="utf-8")
    memo: FileMemo[str] = FileMemo()
    calls: list[str] = []

    def compute() -> str:
        calls.append("x")
        return path.read_text(encoding="utf-8").upper()

    assert memo.get(path, None, compute) == "MỘT"
    assert memo.get(path, None, compute) == "MỘT"
    assert len(calls) == 1
    assert memo.get(path, "other inputs", compute) == "MỘT" and len(calls) == 2
    path.write_text("hai", encoding="utf-8")
    assert memo.known(path, None) is None
    assert memo.get(path, None, compute) == "HAI" and len(calls) == 3


def test_a_save_during_the_computation_is_not_remembered(tmp_path: Path) -> None:
    path = tmp_path / "bai.md"
    path.write_text("cũ", encoding="utf-8")
    memo: FileMemo[str] = FileMemo()

    def compute_while_saved() -> str:
        seen = path.read_text(encoding="utf-8")
        path.write_text("mới", encoding="utf-8")  # the author saves meanwhile
        return seen

    assert memo.get(path, None, compute_while_saved) == "cũ"
    assert memo.known(path, None) is None
    path.write_text("cũ", encoding="utf-8")  # back to the first bytes: still not remembered
    assert memo.known(path, None) is None
