"""Nothing from outside the project is published: a symbolic link out of the docs folder stops
the build, handouts read only the project's files and vendored fonts, and no PDF links to a
path of the build machine or carries an attachment."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from ocopkit.render.handouts.documents import PRINT_CSS, Document
from ocopkit.render.handouts.render import render_handouts
from ocopkit.render.vendored import VENDOR

from ..conftest import FIXTURES, MINI
from .conftest import copy_project, ocopkit

VENDORED_FONTS = {"Be-Vietnam-Pro", "Be-Vietnam-Pro-Bold", "Be-Vietnam-Pro-Italic",
                  "DejaVu-Sans-Symbols", "Source-Code-Pro"}


def _fonts(pdf: Path) -> set[str]:
    """Embedded font names without the subset tag (``ABCDEF+Be-Vietnam-Pro``)."""
    names = set()
    for page in PdfReader(pdf).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def _link_targets(pdf: Path) -> list[str]:
    targets = []
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


def test_symlink_out_of_docs_publishes_nothing(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "projects" / "minimal", tmp_path / "project")
    (project / "docs" / "criteria" / "mini-2026.yml").write_bytes(MINI.read_bytes())
    (project / "docs" / "passwd.txt").symlink_to("/etc/passwd")
    proc = ocopkit("build", cwd=project)
    assert proc.returncode == 1
    assert proc.stderr.startswith("docs/passwd.txt:1:1: expected a file or folder inside the "
                                  "docs folder, got a symbolic link to /etc/passwd")
    assert "Traceback" not in proc.stderr
    assert not (project / "site").exists()
    bundle = ocopkit("bundle", "--out", str(tmp_path / "dist"), cwd=project)
    assert bundle.returncode == 1
    assert not list((tmp_path / "dist").glob("*.zip")) if (tmp_path / "dist").exists() else True


def test_handouts_read_no_outside_file_and_carry_no_attachment(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    html = ('<!DOCTYPE html><html><head><meta charset="utf-8">'
            f'<style>{PRINT_CSS}</style>'
            '<link rel="attachment" href="file:///etc/hostname"></head><body>'
            '<p>Trước</p><img src="file:///etc/passwd" alt="ảnh">'
            '<img src="https://example.org/x.png" alt="web">'
            '<a rel="attachment" href="file:///etc/passwd">đính kèm</a> '
            '<a href="file:///etc/passwd">tệp</a> <a href="https://ocop.example/">web</a> '
            '<p style="background: url(/etc/passwd)">Sau</p></body></html>')
    document = Document("x.pdf", "guide-trainee", "x", "https://ocop.example/",
                        "guides/x.md", html)
    render_handouts([document], tmp_path / "out", docs, workers=1)
    pdf = tmp_path / "out" / "x.pdf"
    reader = PdfReader(pdf)
    assert reader.attachments == {}
    assert _link_targets(pdf) == ["https://ocop.example/"]
    assert b"/EmbeddedFile" not in pdf.read_bytes()
    assert "root:" not in "".join(p.extract_text() for p in reader.pages)


def test_real_handouts_link_only_online_and_use_only_vendored_fonts(built_site: Path) -> None:
    pdfs = sorted((built_site / "handouts").rglob("*.pdf"))
    assert len(pdfs) >= 80
    used: set[str] = set()
    for pdf in pdfs:
        fonts = _fonts(pdf)
        assert fonts <= VENDORED_FONTS, (pdf.name, fonts - VENDORED_FONTS)
        used |= fonts
        for target in _link_targets(pdf):
            assert re.match(r"https?://|mailto:|tel:", target), (pdf.name, target)
            assert str(Path.cwd()) not in target and ".md" not in target.split("#")[0], target
    assert {"Be-Vietnam-Pro", "Source-Code-Pro"} <= used
    # The vendored folder is what the fonts come from.
    assert (VENDOR / "source-code-pro" / "source-code-pro-400-normal.woff2").is_file()
