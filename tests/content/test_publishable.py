"""What may be published: dangerous link targets in page bodies and symbolic links out of the
docs folder are refused with ``file:line:col``; the same text in code or front matter is not."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ocopkit.cli import main
from ocopkit.content.publishable import body_link_problems, check_links_out, refused_target

REFUSED = [
    "[bấm](javascript:alert(1))",
    "[bấm]( JavaScript:alert(1))",
    "![ảnh](data:image/svg+xml;base64,PHN2Zz4=)",
    "[tệp](file:///etc/passwd)",
    "<https://example.org> <javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    '<a href="jav&#x61;script:alert(1)">a</a>',
    "<a href='java\tscript:alert(1)'>a</a>",
    "<a href=vbscript:msgbox>a</a>",
    '<img src="file:///etc/passwd">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<iframe srcdoc="x" src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<a rel="attachment" href="../assets/ok.pdf">tệp</a>',
    "<a REL='nofollow Attachment' href='x.pdf'>tệp</a>",
]
ALLOWED = [
    "[trang](../criteria/index.md) [web](https://ocop.gov.vn/) [thư](mailto:a@b.vn)",
    "Dòng chữ javascript: không phải đường dẫn.",
    "`[x](javascript:alert(1))` trong mã",
    "```html\n<a href=\"javascript:alert(1)\">mã mẫu</a>\n```",
    '<a href="#muc-1" rel="noopener">mục 1</a>',
]


def _page(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "page.md"
    path.write_text(f"---\ntitle: \"[x](javascript:alert(1))\"\n---\n\n# Trang\n\n{body}\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("body", REFUSED)
def test_dangerous_link_in_a_body_is_refused_with_its_line(tmp_path: Path, body: str) -> None:
    problems = body_link_problems(_page(tmp_path, body), "docs/page.md")
    assert problems, body
    first = body.split("\n").index(next(line for line in body.split("\n")
                                        if "script" in line.lower() or "data:" in line
                                        or "file:" in line or "ttachment" in line))
    assert problems[0].line == 7 + first
    assert str(problems[0]).startswith(f"docs/page.md:{7 + first}:")
    assert "expected" in problems[0].message and "got" in problems[0].message


@pytest.mark.parametrize("body", ALLOWED)
def test_safe_links_code_and_front_matter_are_not_refused(tmp_path: Path, body: str) -> None:
    assert body_link_problems(_page(tmp_path, body), "docs/page.md") == []


def test_refused_target_reads_urls_as_a_browser_does() -> None:
    assert refused_target("  JAVASCRIPT:alert(1)") == "javascript:"
    assert refused_target("j&#97;v&#x61;script&colon;x") == "javascript:"
    assert refused_target("\x01file:///etc") == "file:"
    assert refused_target("https://example.org/javascript:x") is None
    assert refused_target("../file:x.md") is None


def test_symlink_out_of_docs_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    outside = tmp_path / "secret.txt"
    outside.write_text("bí mật", encoding="utf-8")
    (docs / "passwd.txt").symlink_to("/etc/passwd")
    (docs / "folder").symlink_to(tmp_path)
    (docs / "sub" / "ok.txt").write_text("ok", encoding="utf-8")
    (docs / "inside.txt").symlink_to(docs / "sub" / "ok.txt")
    problems = check_links_out(docs, root=tmp_path)
    assert [(p.file, p.line, p.column) for p in problems] == [
        ("docs/folder", 1, 1), ("docs/passwd.txt", 1, 1)]
    assert "symbolic link to /etc/passwd" in problems[1].message


def test_check_refuses_a_symlink_before_reading_anything(
        write_edition: Callable[..., Path], mini_text: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    docs = write_edition(mini_text)
    (docs / "criteria" / "leak.yml").symlink_to("/etc/passwd")
    monkeypatch.chdir(tmp_path)
    assert main(["--docs", str(docs), "check"]) == 1
    err = capsys.readouterr().err
    assert "leak.yml:1:1: expected a file or folder inside the docs folder" in err
    assert "root:" not in err  # nothing of the file was read into the message


def test_a_huge_page_is_refused_fast_and_named_once(
        write_edition: Callable[..., Path], mini_text: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    docs = write_edition(mini_text)
    for page in (docs / "huge.md", docs / "guides" / "huge.md"):
        with page.open("wb") as handle:  # 2 GB, sparse: nothing is written to disk
            handle.truncate(2 << 30)
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    assert main(["--docs", "docs", "check"]) == 1
    assert time.monotonic() - started < 5
    assert capsys.readouterr().err.splitlines() == [
        "docs/guides/huge.md:1:1: expected a file of at most 1 MB, got 2048 MB",
        "docs/huge.md:1:1: expected a file of at most 1 MB, got 2048 MB",
        "2 problems in 2 files."]
