"""The glossary of abbreviations: one source for the tooltips and the glossary page.

``docs/includes/abbreviations.md`` holds lines in Python-Markdown's abbreviation syntax
(``*[HTX]: Hợp tác xã``); the site plugin hands them to Python-Markdown's ``abbr`` extension
as its glossary, so each abbreviation on every page gets an ``<abbr title=…>`` tooltip, and
the glossary page is generated from the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ocopkit.errors import Problem
from ocopkit.source.frontmatter import shown_path
from ocopkit.source.yaml import MAX_PAGE_BYTES, read_source

LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]: (?P<text>\S.*)$")


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    text: str


def check_glossary(sources: Sequence[Path], *, root: Path | None = None
                   ) -> tuple[list[Abbreviation], list[Problem]]:
    """Parse the abbreviations files (the national one, then the site's); malformed lines and
    an abbreviation defined twice, in one file or in two, are problems."""
    out: list[Abbreviation] = []
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    for path in sources:
        problems += _read(path, root, out, first)
    if not out and not problems:
        shown = shown_path(sources[-1], root)
        problems.append(Problem(shown, 1, 1, "", "expected at least one abbreviation "
                                "('*[ABBR]: meaning'), got none"))
    return out, problems


def _read(path: Path, root: Path | None, out: list[Abbreviation],
          first: dict[str, tuple[str, int]]) -> list[Problem]:
    shown = shown_path(path, root)
    if not path.is_file():
        return [Problem(shown, 1, 1, "", "expected the abbreviations file, got none")]
    text, problems = read_source(path, shown, max_bytes=MAX_PAGE_BYTES)
    if text is None:
        return problems
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if match is None:
            problems.append(Problem(shown, number, 1, "", "expected '*[ABBR]: meaning', got "
                                    f"'{line[:40]}'"))
            continue
        abbr = match["abbr"]
        if abbr in first:
            where, at = first[abbr]
            place = f"line {at}" if where == shown else f"{where}:{at}"
            problems.append(Problem(shown, number, 3, "", f"duplicate abbreviation '{abbr}' "
                                    f"(first at {place})"))
            continue
        first[abbr] = (shown, number)
        out.append(Abbreviation(abbr, match["text"].strip()))
    return problems
