"""Shared fixtures: the repository's paths and a writer for small edition files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ocopkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "criteria" / "valid" / "mini-2026.yml"
SOURCES = ROOT.parent / "shared" / "reference" / "sources"


@pytest.fixture(autouse=True)
def _environment_restored() -> Iterator[None]:
    """Each test leaves the process environment as it found it.

    The PDF renderer sets ``FONTCONFIG_FILE`` (a configuration with no font) in the process
    that renders, meant for its worker; a test that renders in the pytest process would
    otherwise hand that setting to every later subprocess, Chromium included (whose search
    then never answered).
    """
    saved = dict(os.environ)
    yield
    if dict(os.environ) != saved:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture
def mini_text() -> str:
    return MINI.read_text(encoding="utf-8")


MINIMAL = FIXTURES / "projects" / "minimal"

ANSWERS = """\
edition: mini-2026
product_set: I.1.a
answers:
  "1.1": 2
  "1.2": 1
  "2.1": 1
  "3.1": 2
  "3.2": b2
  "4": 2
"""
"""A valid answers file for the minimal edition's sheet I.1.a."""


@pytest.fixture
def write_edition(tmp_path: Path) -> Callable[..., Path]:
    """Copy the minimal project's docs to ``tmp_path/docs``, write edition text to
    ``docs/criteria/<name>`` and return the docs folder."""

    def write(text: str, name: str = "mini-2026.yml") -> Path:
        if not (tmp_path / "docs").exists():
            shutil.copytree(MINIMAL / "docs", tmp_path / "docs")
        folder = tmp_path / "docs" / "criteria"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
        return tmp_path / "docs"

    return write


@pytest.fixture
def project(mini_text: str, write_edition: Callable[..., Path],
            monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the minimal edition, as the working folder."""
    docs = write_edition(mini_text)
    monkeypatch.chdir(docs.parent)
    return docs.parent


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``ocopkit ARGS`` in this process: exit status, standard output, standard error."""
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err
