"""Publishing survives a crash: real processes are killed with SIGKILL at each step, and the
site folder is always whole (old or new), readable by others, and what the killed run left
is removed by the next one. Worker processes end with their parent."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ocopkit.system import publish
from ocopkit.system.procs import pid_alive

from ..conftest import FIXTURES, MINI

EXE = Path(sys.executable).with_name("ocopkit")
OLD = {"index.html": "old", "guides/a.html": "old a"}


def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _write(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@pytest.fixture
def sleeper() -> Iterator[int]:
    """The pid of a live process (not ours)."""
    proc = subprocess.Popen(["sleep", "60"])
    yield proc.pid
    proc.kill()
    proc.wait()


def _run_killed(script: str, *args: str) -> int:
    """Run ``script`` in a new Python process that kills itself with SIGKILL; its pid."""
    proc = subprocess.Popen([sys.executable, "-c", script, *args])
    assert proc.wait(timeout=60) == -signal.SIGKILL
    return proc.pid


KILL_AFTER_EXCHANGE = """
import os, signal, sys
from pathlib import Path
from ocopkit.system import publish

real = publish.exchange

def exchange_then_die(a, b):
    assert real(a, b)
    os.kill(os.getpid(), signal.SIGKILL)

publish.exchange = exchange_then_die
dest = Path(sys.argv[1])
with publish.staging_folder(dest) as staged:
    (staged / "index.html").write_text("new")
    (staged / "b.html").write_text("new b")
publish.replace_folder(staged, dest)
"""


def test_killed_right_after_the_exchange_the_new_site_is_whole(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", OLD)
    pid = _run_killed(KILL_AFTER_EXCHANGE, str(site))
    assert _tree(site) == {"index.html": "new", "b.html": "new b"}
    (left,) = tmp_path.glob(".site.building-*")  # the old site, under the staging name
    assert left.name.startswith(f".site.building-{pid}-")
    assert _tree(left) == OLD
    publish.clean_up(site)  # what the next run does first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert _tree(site) == {"index.html": "new", "b.html": "new b"}


KILL_WHILE_BUILDING = """
import os, signal, sys
from pathlib import Path
from ocopkit.system import publish

with publish.staging_folder(Path(sys.argv[1])) as staged:
    (staged / "index.html").write_text("half")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_killed_while_building_the_old_site_is_whole(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", OLD)
    pid = _run_killed(KILL_WHILE_BUILDING, str(site))
    assert _tree(site) == OLD
    (left,) = tmp_path.glob(".site.building-*")
    assert left.name.startswith(f".site.building-{pid}-")
    with publish.staging_folder(site) as staged:  # the next run
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", staged.name])
    publish.replace_folder(staged, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


KILL_BETWEEN_TWO_RENAMES = """
import os, signal, sys
from pathlib import Path
from ocopkit.system import publish

publish._renameat2 = lambda: None  # as on a system without renameat2
real = Path.rename
calls = []

def rename_then_die(self, target):
    calls.append(target)
    if len(calls) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(self, target)

Path.rename = rename_then_die
dest = Path(sys.argv[1])
with publish.staging_folder(dest) as staged:
    (staged / "index.html").write_text("new")
publish.replace_folder(staged, dest)
"""


def test_without_the_exchange_a_crash_between_renames_is_repaired(tmp_path: Path) -> None:
    site = _write(tmp_path / "site", OLD)
    pid = _run_killed(KILL_BETWEEN_TWO_RENAMES, str(site))
    assert not site.exists()  # the documented hazard of the fallback
    (old,) = tmp_path.glob(".site.old-*")
    assert old.name.startswith(f".site.old-{pid}-")
    publish.clean_up(site)  # the next run puts the old site back
    assert _tree(site) == OLD
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site.old")) == []


def test_without_the_exchange_two_renames_replace_the_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "_renameat2", lambda: None)
    site = _write(tmp_path / "site", OLD)
    assert not publish.exchange(tmp_path / "site", tmp_path)
    with publish.staging_folder(site) as staged:
        _write(staged, {"index.html": "new"})
    publish.replace_folder(staged, site)
    assert _tree(site) == {"index.html": "new"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_the_exchange_swaps_two_folders(tmp_path: Path) -> None:
    a, b = _write(tmp_path / "a", {"x": "a"}), _write(tmp_path / "b", {"x": "b"})
    assert publish.exchange(a, b)  # Linux with glibc >= 2.28, as here
    assert (_tree(a), _tree(b)) == ({"x": "b"}, {"x": "a"})


def test_only_leftovers_of_ended_runs_are_removed(tmp_path: Path, sleeper: int) -> None:
    dead = _dead_pid()
    names = [f".site.building-{dead}-0123abcd", f".site.old-{dead}-0123abcd",
             f".site.building-{sleeper}-0123abcd", f".site.building-{os.getpid()}-0123abcd",
             ".site.building-k2j_x9a1", ".other.building-1-0123abcd"]
    for name in names:
        (tmp_path / name).mkdir()
    _write(tmp_path / "site", OLD)
    publish.clean_up(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", *names[2:]])


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "projects" / "minimal", project)
    (project / "docs" / "criteria" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    return project


def _modes(folder: Path) -> set[tuple[str, int]]:
    paths = [folder, *folder.rglob("*")]
    return {("dir" if p.is_dir() else "file", stat.S_IMODE(p.lstat().st_mode)) for p in paths}


@pytest.mark.slow
def test_a_killed_build_leaves_the_site_whole_and_the_next_run_cleans_up(
        tmp_path: Path) -> None:
    project = _project(tmp_path)
    first = subprocess.run([str(EXE), "build"], cwd=project, capture_output=True, text=True,
                           umask=0o022, check=False)
    assert first.returncode == 0, first.stderr
    site = project / "site"
    assert _modes(site) == {("dir", 0o755), ("file", 0o644)}  # readable by the web server
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    proc = subprocess.Popen([str(EXE), "build"], cwd=project, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(any(p.iterdir()) for p in project.glob(f".site.building-{proc.pid}-*")):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert list(project.glob(f".site.building-{proc.pid}-*"))

    again = subprocess.run([str(EXE), "build"], cwd=project, capture_output=True, text=True,
                           umask=0o027, check=False)
    assert again.returncode == 0, again.stderr
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
    assert {p.relative_to(site) for p in site.rglob("*") if p.is_file()} == set(before)
    assert _modes(site) == {("dir", 0o750), ("file", 0o640)}  # the umask decides

    # A build that crashes (a template error is no MkDocs error) says why, in one line
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"), encoding="utf-8")
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}{{ oops( {% endblock %}\n',
        encoding="utf-8")
    broken = subprocess.run([str(EXE), "build"], cwd=project, capture_output=True, text=True,
                            check=False)
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr
    assert broken.stderr.splitlines()[-2:] == [
        "TemplateSyntaxError: unexpected '%'",
        "build failed; nothing was published and site/ is unchanged."]
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.slow
def test_bundle_removes_leftovers_of_killed_runs_and_its_zip_verifies(
        tmp_path: Path, sleeper: int) -> None:
    project = _project(tmp_path)
    dead = _dead_pid()
    (project / f".bundle-{dead}-0123abcd" / "site").mkdir(parents=True)
    (project / f".bundle-{sleeper}-0123abcd").mkdir()
    (project / "dist").mkdir()
    (project / "dist" / f"ocop-offline-x.{dead}-0123abcd.zip.tmp").write_bytes(b"PK")
    proc = subprocess.run([str(EXE), "bundle"], cwd=project, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".bundle")) == [
        f".bundle-{sleeper}-0123abcd"]
    (zip_path,) = (project / "dist").iterdir()
    assert zip_path.suffix == ".zip"
    check = subprocess.run([str(EXE), "bundle", "verify", str(zip_path)], capture_output=True,
                           text=True, check=False)
    assert check.returncode == 0, check.stderr
    with zipfile.ZipFile(zip_path) as archive:
        top = archive.namelist()[0].split("/")[0]
        assert f"{top}/SHA256SUMS" in archive.namelist()


def _worker_pids(proc: subprocess.Popen[str], count: int) -> list[int]:
    assert proc.stdout is not None
    pids = [int(proc.stdout.readline()) for _ in range(count)]
    assert all(pid_alive(pid) for pid in pids)
    return pids


def _gone(pids: list[int], timeout_s: float = 10) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not any(pid_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    for pid in pids:  # do not leave them running when the test fails
        if pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
    return False


PARALLEL_BUILD_WORKERS = """
import os, time
from ocopkit.mkdocs_plugin.engine.parallel import _pool_map

def task(index):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: the two workers share the pipe
    time.sleep(120)

_pool_map(task, 2, 2)
"""

HANDOUT_WORKERS = """
import os, sys, time
from pathlib import Path
from ocopkit.render.handouts import render
from ocopkit.render.handouts.documents import Document

def slow(html, base_url, target):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: the two workers share the pipe
    time.sleep(120)

render._render_one = slow  # a PDF that takes for ever
out = Path(sys.argv[1])
documents = [Document(path=f"d{i}.pdf", kind="guide-trainee", title="t", url="https://e/",
                      page="p.md", html=f"<p>{i}</p>") for i in range(2)]
render.render_handouts(documents, out, out, workers=2)
"""


@pytest.mark.parametrize("script", [PARALLEL_BUILD_WORKERS, HANDOUT_WORKERS],
                         ids=["parallel-build", "handouts"])
def test_workers_end_when_their_parent_is_killed(script: str, tmp_path: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", script, str(tmp_path)],
                          stdout=subprocess.PIPE, text=True) as proc:
        try:
            pids = _worker_pids(proc, 2)
        finally:
            proc.kill()
            proc.wait()
    assert _gone(pids), "a worker outlived its parent"
