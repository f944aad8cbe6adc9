"""What may be published from a docs folder.

Page bodies are Markdown and HTML written by the project's authors and keep MkDocs' trust
model (raw HTML is allowed), with two exceptions checked here, both reported as
``file:line:col`` problems:

- **Nothing from outside the docs folder.** A symbolic link in the docs folder whose target is
  outside it (``docs/passwd.txt → /etc/passwd``, or a linked folder) would copy that file into
  the site, the offline copy and the handouts: it is refused (links inside the folder are
  fine).
- **No dangerous link targets in bodies.** ``javascript:``, ``vbscript:``, ``data:`` and
  ``file:`` targets (in Markdown links and images, reference definitions, autolinks and HTML
  attributes, however they are spelled with entities, case or white space) and
  ``rel="attachment"`` (which makes WeasyPrint embed the target in a PDF) are refused. Text in
  code spans and fenced code blocks is not a link, and front matter and abbreviation
  definitions are data shown escaped: none of them is checked here.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from ocopkit.errors import Problem
from ocopkit.source.filememo import FileMemo
from ocopkit.source.frontmatter import shown_path
from ocopkit.source.yaml import MAX_PAGE_BYTES, read_source

REFUSED_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")

_URL_ATTRIBUTE = re.compile(
    r"""(?<![\w-])(?:href|src|action|formaction|xlink:href|poster|data|background|cite|ping|"""
    r"""srcset|srcdoc)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_REL = re.compile(r"""(?<![\w-])rel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_FENCE = re.compile(r"^( {0,3}|[ \t]*)(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?[ \t]*\2[`~]*[ \t]*$|\Z)",
                    re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?^---[ \t]*$", re.M | re.S)
_ABBREVIATION = re.compile(r"^\*\[[^\]\n]+\]:.*$", re.M)
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
"""What browsers drop from a URL before reading its scheme: controls and white space."""


def check_links_out(docs: Path, *, root: Path | None = None) -> list[Problem]:
    """The symbolic links of the docs folder that lead out of it (checked before any file is
    read, so nothing from outside reaches even an error message)."""
    return list(_links_out(docs, root))


def check_bodies(docs: Path, *, root: Path | None = None,
                 memo: FileMemo[list[Problem]] | None = None) -> list[Problem]:
    """The dangerous link targets and attachments of every Markdown page of the docs folder;
    ``memo`` keeps each page's problems between two checks (``ocopkit serve``)."""
    memo = memo if memo is not None else FileMemo()
    problems: list[Problem] = []
    for path in sorted(docs.rglob("*.md")):
        if path.is_file() and not path.is_symlink():
            shown = shown_path(path, root)
            problems += memo.get(path, shown, partial(body_link_problems, path, shown))
    return problems


def _links_out(docs: Path, root: Path | None) -> Iterator[Problem]:
    inside = Path(os.path.realpath(docs))
    for folder, dirs, names in os.walk(docs):
        for name in sorted([*dirs, *names]):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            target = Path(os.path.realpath(path))
            if not target.is_relative_to(inside):
                yield Problem(shown_path(path, root), 1, 1, "",
                              "expected a file or folder inside the docs folder, got a "
                              f"symbolic link to {target} (nothing from outside the docs "
                              "folder is published)")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def refused_target(url: str) -> str | None:
    """The scheme (``javascript:``…) that makes ``url`` refused, or ``None``."""
    plain = _IGNORED.sub("", html.unescape(url)).lower()
    return next((s for s in REFUSED_SCHEMES if plain.startswith(s)), None)


def body_link_problems(path: Path, shown: str) -> list[Problem]:
    """The dangerous link targets and attachments in one Markdown file (or why it cannot be
    read: too large, not UTF-8, control characters)."""
    text, unreadable = read_source(path, shown, max_bytes=MAX_PAGE_BYTES)
    if text is None:
        return unreadable
    # Front matter and abbreviation definitions are data (escaped wherever they are shown);
    # code is shown as text.
    scanned = text
    for pattern in (_FRONT_MATTER, _ABBREVIATION, _FENCE, _CODE_SPAN):
        scanned = pattern.sub(_blank, scanned)
    problems = []
    found: list[tuple[int, str]] = []
    for pattern in (_URL_ATTRIBUTE, _MD_LINK, _REFERENCE, _AUTOLINK):
        for match in pattern.finditer(scanned):
            value = next(g for g in match.groups() if g is not None) if match.groups() else ""
            if value and (scheme := refused_target(value)):
                found.append((match.start(), f"expected a link to a page or a web address "
                              f"(http…, https…, mailto…), got a '{scheme}' link"))
    for match in _REL.finditer(scanned):
        value = next(g for g in match.groups() if g is not None)
        if "attachment" in html.unescape(value).lower().split():
            found.append((match.start(), "expected no rel=\"attachment\" (it embeds the "
                          "target file in the PDF handouts), got one"))
    for offset, message in sorted(set(found)):
        line = scanned.count("\n", 0, offset) + 1
        column = offset - (scanned.rfind("\n", 0, offset) + 1) + 1
        problems.append(Problem(shown, line, column, "", message))
    return problems
