"""A site that names its folders in its own words (``criteria_dir: tieu-chi``…) checks, builds
and bundles: every command reads the folders from the plugin's options, and the generated
sections, links, feed and handouts follow them."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
import zxingcpp

from ..conftest import FIXTURES, MINI
from ..htmlpage import Page
from .conftest import copy_project, ocopkit

RENAMED = FIXTURES / "projects" / "renamed"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(RENAMED, tmp_path_factory.mktemp("renamed") / "project")
    (project / "docs" / "tieu-chi" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    proc = ocopkit("build", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project


def test_check_and_criteria_read_the_renamed_folders(renamed: Path) -> None:
    check = ocopkit("check", cwd=renamed)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith("ok: 1 editions, 1 product sets, 7 criteria, 18 options, "
                                   "1 guides, 1 courses, 1 toolkit templates")
    listing = ocopkit("criteria", "list", cwd=renamed)
    assert listing.returncode == 0 and listing.stdout.startswith("mini-2026  99/2026/QĐ-TTg")


def test_generated_sections_follow_the_folders(renamed: Path) -> None:
    site = renamed / "site"
    for folder in ("criteria", "guides", "courses", "toolkits"):
        assert not (site / folder).exists(), folder
    sheet = Page(site / "tieu-chi" / "mini-2026" / "i-1-a" / "index.html")
    assert "I.1.a" in "".join(sheet.one("h1").itertext())
    guide = Page(site / "huong-dan" / "bai-mau" / "index.html")
    hrefs = [a.get("href") or "" for a in guide.all("a")]
    assert "../../tieu-chi/mini-2026/i-1-a/" in hrefs  # the guide's criteria references
    course = Page(site / "khoa-hoc" / "khoa-mau" / "index.html")
    assert "../../huong-dan/bai-mau/" in [a.get("href") for a in course.all("a")]
    assert (site / "khoa-hoc" / "index.html").is_file()
    assert (site / "bo-cong-cu" / "minh-chung" / "i-1-a" / "index.html").is_file()
    assert (site / "bo-cong-cu" / "index.html").is_file()
    assert (site / "tieu-chi" / "changes" / "index.html").is_file()
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "https://example.org/tinh/tieu-chi/mini-2026/" in feed
    calculator = Page(site / "self-assessment" / "i-1-a" / "index.html")
    assert "../../tieu-chi/mini-2026/i-1-a/" in [a.get("href") for a in calculator.all("a")]


def test_handouts_point_at_the_renamed_pages(renamed: Path) -> None:
    pdf = pypdfium2.PdfDocument(renamed / "site" / "handouts" / "phieu-cham" / "i-1-a.pdf")
    image = pdf[0].render(scale=3).to_pil()
    pdf.close()
    assert [c.text for c in zxingcpp.read_barcodes(image)] == [
        "https://example.org/tinh/tieu-chi/mini-2026/i-1-a/"]
    assert (renamed / "site" / "handouts" / "huong-dan" / "bai-mau-hoc-vien.pdf").is_file()


def test_the_renamed_site_bundles_and_verifies(renamed: Path, tmp_path: Path) -> None:
    proc = ocopkit("bundle", "--out", str(tmp_path), cwd=renamed)
    assert proc.returncode == 0, proc.stderr
    (zip_path,) = tmp_path.glob("ocop-offline-mini-2026-*.zip")
    verify = ocopkit("bundle", "verify", str(zip_path), cwd=renamed)
    assert verify.returncode == 0, verify.stderr


@pytest.mark.parametrize(("options", "message"), [
    ("      guides_dir: Hướng dẫn\n",
     "plugins.ocopkit.guides_dir: expected a folder name of lower-case letters, digits and "
     "hyphens, got 'Hướng dẫn'"),
    ("      guides_dir: khoa-hoc\n",
     "plugins.ocopkit.criteria_dir, guides_dir, courses_dir, toolkits_dir, sessions_dir: "
     "expected different folders"),
])
def test_bad_folder_options_are_refused(tmp_path: Path, options: str, message: str) -> None:
    project = copy_project(RENAMED, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      guides_dir: huong-dan\n", options), encoding="utf-8")
    for command in (("check",), ("build",)):
        proc = ocopkit(*command, cwd=project)
        assert proc.returncode == 1, command
        assert message in proc.stderr, (command, proc.stderr)
        assert "Traceback" not in proc.stderr
