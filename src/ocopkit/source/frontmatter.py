"""Split a Markdown page into its YAML front matter (with file positions) and its body."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocopkit.errors import Problem
from ocopkit.source.checker import Checker
from ocopkit.source.yaml import MAX_PAGE_BYTES, Located, parse_yaml, read_source


def shown_path(path: Path, root: Path | None) -> str:
    """``path`` as messages show it: relative to ``root`` when inside it."""
    return str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)


@dataclass(frozen=True)
class PageSource:
    """A Markdown page: front matter data with positions, body text and its first line."""

    path: str
    meta: Located
    body: str
    body_line: int


def read_page(path: Path, shown: str) -> tuple[PageSource | None, list[Problem]]:
    """Read ``path`` (with :func:`~ocopkit.source.yaml.read_source`: size limit, UTF-8, a byte
    order mark dropped, NFC); a page without front matter is a problem (every page declares
    its metadata)."""
    text, problems = read_source(path, shown, max_bytes=MAX_PAGE_BYTES)
    if text is None:
        return None, problems
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [Problem(shown, 1, 1, "", "expected front matter starting with '---' on "
                              "the first line, got none")]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return None, [Problem(shown, 1, 1, "", "expected front matter closed by a '---' line, "
                              "got none")]
    located, problems = parse_yaml("\n".join(lines[1:end]), shown, line_offset=1)
    if located.data is None and not problems:
        problems.append(Problem(shown, 2, 1, "", "expected front matter keys, got nothing"))
    body = "\n".join(lines[end + 1:])
    return PageSource(shown, located, body, end + 2), problems


def checked_pages(paths: Iterable[Path], keys: tuple[str, ...], problems: list[Problem], *,
                  root: Path | None = None) -> Iterator[tuple[Path, PageSource, Checker,
                                                          dict[str, Any]]]:
    """Read each page and check its front matter is a mapping of ``keys``; yield the ones that
    can be validated further (problems found so far go to ``problems``)."""
    for path in paths:
        page, found = read_page(path, shown_path(path, root))
        problems.extend(found)
        if page is None or found:
            continue
        checker = Checker(page.meta, problems)
        raw = checker.mapping(page.meta.data, (), keys)
        if raw is not None:
            yield path, page, checker, raw
