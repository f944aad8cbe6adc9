"""A province starts its own site as it would: from the built wheel, installed (not editable)
with the pinned dependencies into a fresh virtual environment, in a folder outside this
repository; ``ocopkit new``, ``ocopkit build``, ``ocopkit bundle``, then the site is read.

Nothing of this repository is on the path: the installed package carries the engine, the
official criteria and the national pages.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import icalendar
import pytest
from pypdf import PdfReader

from ..conftest import ROOT
from ..htmlpage import Page, text
from .conftest import SESSION_EPOCH

pytestmark = pytest.mark.slow

CURRENT = "qd-26-2026"
NAME = "OCOP Cần Thơ"


def _article(path: Path) -> str:
    return text(Page(path).one("article"))


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Build the wheel, install it in a new venv, scaffold and build a site; the facts the
    closing note reports (wheel size, times, written files) are printed with ``-s``."""
    work = tmp_path_factory.mktemp("province")
    dist = work / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "-w", str(dist), str(ROOT)], cwd=work, env=dict(os.environ))
    wheel, = dist.glob("ocopkit-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=work, env=dict(os.environ))
    bin_dir = venv / "bin"
    env = {"PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "HOME": str(work),
           "LANG": "C.UTF-8", "SOURCE_DATE_EPOCH": SESSION_EPOCH,
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    for key in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CACHE_DIR",
                "PIP_CONSTRAINT", "XDG_CACHE_HOME"):
        if key in os.environ:
            env[key] = os.environ[key]
    if "PIP_CACHE_DIR" not in env:  # the machine's pip cache, not a new empty one
        env["PIP_CACHE_DIR"] = str(Path.home() / ".cache" / "pip")
    _run([str(bin_dir / "pip"), "install", "--quiet", "-c", str(ROOT / "requirements.lock"),
          f"{wheel}[site]"], cwd=work, env=env)
    started = time.perf_counter()
    new = _run([str(bin_dir / "ocopkit"), "new", "can-tho", "--name", NAME, "--province",
                "Cần Thơ", "--site-url", "https://ocop.cantho.example.vn/"], cwd=work, env=env)
    site = work / "can-tho"
    written = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    built = _run([str(bin_dir / "ocopkit"), "build"], cwd=site, env=env)
    first_build = time.perf_counter() - started
    bundled = _run([str(bin_dir / "ocopkit"), "bundle"], cwd=site, env=env)
    facts = {"work": work, "wheel": wheel, "venv": venv, "env": env, "site": site,
             "written": written, "new": new.stdout, "build": built.stdout + built.stderr,
             "bundle": bundled.stdout, "first_build_s": round(first_build, 1)}
    print(f"\nwheel {wheel.name}: {wheel.stat().st_size / 1048576:.2f} MB; ocopkit new + first "
          f"build: {first_build:.1f} s; ocopkit new wrote: {', '.join(written)}")
    return facts


def test_the_wheel_carries_engine_theme_and_official_data(province: dict[str, Any]) -> None:
    names = set(zipfile.ZipFile(province["wheel"]).namelist())
    for name in ("ocopkit/data/criteria/qd-26-2026.yml", "ocopkit/data/criteria/_changes.yml",
                 "ocopkit/data/criteria/_mappings.yml",
                 "ocopkit/data/national/guides/ocop-la-gi.md",
                 "ocopkit/data/national/courses/lop-co-ban-ocop.md",
                 "ocopkit/data/national/toolkits/evidence.yml",
                 "ocopkit/data/national/includes/abbreviations.md",
                 "ocopkit/render/theme/main.html", "ocopkit/render/assets/stylesheets/ocop.css",
                 "ocopkit/scaffold/__init__.py"):
        assert name in names, name
    assert any(n.startswith("ocopkit/render/assets/vendor/be-vietnam-pro/") for n in names)


def test_the_site_runs_on_the_installed_package_not_this_checkout(
        province: dict[str, Any]) -> None:
    venv, env = Path(province["venv"]), province["env"]
    where = _run([str(venv / "bin" / "python"), "-c", "import ocopkit; print(ocopkit.__file__)"],
                 cwd=Path(province["site"]), env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    assert not Path(where).is_relative_to(ROOT)


def test_ocopkit_new_writes_a_small_project_and_refuses_a_used_folder(
        province: dict[str, Any]) -> None:
    written = province["written"]
    assert written == sorted([
        ".gitignore", "README.md", "mkdocs.yml", "docs/index.md", "docs/about/index.md",
        "docs/tags.md", *[w for w in written if w.startswith(("docs/guides/", "docs/courses/",
                                                             "docs/sessions/"))]])
    assert [w.split("/")[1] for w in written if w.count("/") == 2
            and not w.startswith("docs/about")] == ["courses", "guides", "sessions"]
    env, work = province["env"], Path(province["work"])
    proc = subprocess.run([str(Path(province["venv"]) / "bin" / "ocopkit"), "new",
                           "can-tho", "--name", "Khác"], cwd=work, env=env, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "can-tho" in proc.stderr


def test_the_site_has_every_criteria_page_and_calculator_of_the_current_edition(
        province: dict[str, Any]) -> None:
    out = Path(province["site"]) / "site"
    sheets = sorted(p.parent.name for p in (out / "criteria" / CURRENT).glob("*/index.html"))
    calculators = sorted(p.parent.name for p in (out / "self-assessment").glob("*/index.html"))
    assert len(sheets) == 26
    assert calculators == sheets
    assert NAME in _article(out / "index.html")
    assert (out / "guides" / "ocop-la-gi" / "index.html").is_file()  # national, from the wheel
    assert (out / "assets" / "stylesheets" / "ocop.css").is_file()
    assert "ocop-course-facts" in (out / "courses" / "lop-co-ban-ocop" / "index.html").read_text(
        encoding="utf-8")


def test_the_local_guide_course_and_calendar_are_published(province: dict[str, Any]) -> None:
    site = Path(province["site"])
    out = site / "site"
    guide, = (site / "docs" / "guides").glob("*.md")
    assert "Cần Thơ" in _article(out / "guides" / guide.stem / "index.html")
    course, = (site / "docs" / "courses").glob("*.md")
    assert "Lịch các lớp" in _article(out / "courses" / course.stem / "index.html")
    calendar = _article(out / "sessions" / "index.html")
    assert "Lịch tập huấn" in calendar and "Danh sách điểm danh" in calendar
    feed = icalendar.Calendar.from_ical((out / "sessions.ics").read_bytes())
    events = feed.walk("VEVENT")
    assert len(events) == 1
    start = events[0].decoded("DTSTART")
    assert start.utcoffset().total_seconds() == 0 and start.hour == 1  # 08:00 in Vietnam
    assert str(events[0]["UID"]).endswith("@ocop.cantho.example.vn")


def test_an_attendance_sheet_is_printed_for_the_session(province: dict[str, Any]) -> None:
    out = Path(province["site"]) / "site"
    sheet, = (out / "handouts" / "diem-danh").glob("*.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(sheet).pages)
    for words in ("Họ và tên", "Đơn vị", "Số điện thoại", "Chữ ký", "Cần Thơ"):
        assert words in text, words
    assert "Danh sách điểm danh" in _article(out / "handouts" / "index.html")


def test_the_offline_bundle_of_the_new_site_verifies(province: dict[str, Any]) -> None:
    site, env = Path(province["site"]), province["env"]
    bundle, = (site / "dist").glob("*.zip")
    proc = _run([str(Path(province["venv"]) / "bin" / "ocopkit"), "bundle", "verify",
                 str(bundle)], cwd=site, env=env)
    assert "is whole" in proc.stdout
    names = zipfile.ZipFile(bundle).namelist()
    assert any(n.endswith("sessions.ics") for n in names)


def test_a_replaced_national_guide_and_a_local_draft_are_built(
        province: dict[str, Any]) -> None:
    """Last in the module: it changes the site. A local page named like a national guide is
    refused until it says ``replaces``; a local draft edition gets its banner."""
    site, env = Path(province["site"]), province["env"]
    ocopkit = str(Path(province["venv"]) / "bin" / "ocopkit")
    national = _article(site / "site" / "guides" / "ocop-la-gi" / "index.html")
    local = (site / "docs" / "guides" / "chuan-bi-dot-danh-gia.md").read_text(encoding="utf-8")
    title = "OCOP là gì: bản của Cần Thơ"
    front, body = local.split("\n---\n", 1)
    old_title = next(line for line in front.splitlines() if line.startswith("title:"))
    heading = next(line for line in body.splitlines() if line.startswith("# "))
    mine = site / "docs" / "guides" / "ocop-la-gi.md"
    front = front.replace("prerequisites: [ocop-la-gi, ", "prerequisites: [")
    assert "ocop-la-gi" not in front
    mine.write_text(front.replace(old_title, f"title: '{title}'") + "\n---\n"
                    + body.replace(heading, f"# {title}", 1), encoding="utf-8")
    refused = subprocess.run([ocopkit, "build"], cwd=site, env=env, capture_output=True,
                             text=True, check=False)
    assert refused.returncode == 1
    assert ("docs/guides/ocop-la-gi.md:1:1: a national guide has the name 'ocop-la-gi'; add "
            "'replaces: ocop-la-gi'") in refused.stderr
    mine.write_text(mine.read_text(encoding="utf-8").replace(
        "---\n", "---\nreplaces: ocop-la-gi\n", 1), encoding="utf-8")
    criteria = site / "docs" / "criteria"
    criteria.mkdir()
    official = _run([str(Path(province["venv"]) / "bin" / "python"), "-c",
                     "from ocopkit.source.packaged import official_criteria; "
                     "print(official_criteria())"], cwd=site, env=env).stdout.strip()
    draft = (Path(official) / f"{CURRENT}.yml").read_text(encoding="utf-8")
    draft = (draft.replace(f"edition: {CURRENT}", "edition: du-thao-can-tho-2027", 1)
             .replace("status: current", "status: draft", 1)
             .replace("replaces: [qd-148-2023]", "replaces: []", 1)
             .replace("decision: 26/2026/QĐ-TTg", "decision: Dự thảo bổ sung của Cần Thơ", 1))
    assert "status: draft" in draft and "replaces: []" in draft
    (criteria / "du-thao-can-tho-2027.yml").write_text(draft, encoding="utf-8")
    _run([ocopkit, "build"], cwd=site, env=env)
    out = site / "site"
    replaced = _article(out / "guides" / "ocop-la-gi" / "index.html")
    assert title in replaced and replaced != national
    sheet = _article(out / "criteria" / "du-thao-can-tho-2027" / "i-1-a" / "index.html")
    assert "Bản dự thảo, chưa áp dụng" in sheet
    assert "Bản dự thảo" not in _article(out / "criteria" / CURRENT / "i-1-a" / "index.html")
