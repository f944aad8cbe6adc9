"""``ocopkit serve`` for real: it serves the site, shows an edit after the rebuild, and when
an edit breaks the build it says why (no traceback) and keeps answering."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import tinyhtml5

from ..conftest import FIXTURES, MINI
from .conftest import copy_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _failure_box(page: str | None) -> str | None:
    """The text of the 'build failed' box of a served page, or ``None`` when it has none."""
    root = tinyhtml5.parse(page or "")
    box = next((el for el in root.iter() if el.get("id") == "ocopkit-build-failed"), None)
    return None if box is None else " ".join("".join(box.itertext()).split())


def _wait_for(predicate: object, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.3)
    raise AssertionError(f"not true after {timeout_s} s")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    project = copy_project(FIXTURES / "projects" / "minimal", tmp_path / "project")
    (project / "docs" / "criteria" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    port = _free_port()
    log = tmp_path / "serve.log"
    exe = Path(sys.executable).with_name("ocopkit")
    with log.open("w") as out:
        proc = subprocess.Popen([str(exe), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_shows_an_edit_and_survives_a_broken_one(server: tuple[Path, str, Path]) -> None:
    project, base, log = server
    page = base + "guides/bai-mau/"
    _wait_for(lambda: "Bài mẫu nói về" in (_fetch(page) or ""))

    guide = project / "docs" / "guides" / "bai-mau.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("Bài mẫu nói về", "Bài mẫu đã sửa nói về"), encoding="utf-8")
    _wait_for(lambda: "Bài mẫu đã sửa" in (_fetch(page) or ""))
    assert "steps redone" in log.read_text(encoding="utf-8")

    guide.write_text(text.replace("Bài mẫu nói về", "Bài mẫu đã sửa nói về")
                     + "\nXem [trang không có](khong-co.md).\n", encoding="utf-8")
    _wait_for(lambda: "build failed" in log.read_text(encoding="utf-8"))
    output = log.read_text(encoding="utf-8")
    assert "khong-co.md" in output
    assert "Traceback" not in output
    served = _fetch(page) or ""
    assert "Bài mẫu đã sửa" in served  # the preview still answers, with the problems on top
    box = _failure_box(served)
    assert box is not None and box.startswith("Lần dựng gần nhất bị lỗi")
    assert "khong-co.md" in box

    guide.write_text(text, encoding="utf-8")  # fixed: the box goes
    _wait_for(lambda: _failure_box(_fetch(page)) is None and "Bài mẫu nói về" in (
        _fetch(page) or ""))


def test_serve_survives_a_rebuild_that_crashes_and_cleans_up_after_killed_servers(
        tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "projects" / "minimal", tmp_path / "project")
    (project / "docs" / "criteria" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8")
    template = project / "overrides" / "main.html"
    template.parent.mkdir()
    template.write_text('{% extends "base.html" %}\n', encoding="utf-8")
    temp = tmp_path / "tmp"  # the server's temporary folder, with what killed servers left
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (temp / f"ocopkit-serve-{dead.pid}-0123abcd" / "guides").mkdir(parents=True)
    sleeper = subprocess.Popen(["sleep", "120"])
    (temp / f"ocopkit-serve-{sleeper.pid}-0123abcd").mkdir()
    port = _free_port()
    log = tmp_path / "serve.log"
    exe = Path(sys.executable).with_name("ocopkit")
    with log.open("w") as out:
        proc = subprocess.Popen([str(exe), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "TMPDIR": str(temp)})
    try:
        page = f"http://127.0.0.1:{port}/guides/bai-mau/"
        _wait_for(lambda: "Bài mẫu nói về" in (_fetch(page) or ""))
        (own,) = temp.glob(f"ocopkit-serve-{proc.pid}-*")
        assert stat.S_IMODE(own.stat().st_mode) == 0o700
        assert sorted(p.name for p in temp.iterdir()) == sorted(
            [own.name, f"ocopkit-serve-{sleeper.pid}-0123abcd"])

        template.write_text('{% extends "base.html" %}\n{% block content %}{{ oops( '
                            '{% endblock %}\n', encoding="utf-8")
        _wait_for(lambda: "build failed" in log.read_text(encoding="utf-8"))
        output = log.read_text(encoding="utf-8")
        assert "TemplateSyntaxError: unexpected '%'" in output
        assert "Traceback" not in output
        served = _fetch(page) or ""
        assert "Bài mẫu nói về" in served  # the pages built before stay
        assert "TemplateSyntaxError: unexpected '%'" in (_failure_box(served) or "")

        template.write_text('{% extends "base.html" %}\n', encoding="utf-8")
        _wait_for(lambda: log.read_text(encoding="utf-8").count("steps redone") >= 2)
        assert "Bài mẫu nói về" in (_fetch(page) or "")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        sleeper.kill()
        sleeper.wait()
