"""The glossary of abbreviations: one source for the tooltips and the glossary page.

``docs/includes/abbreviations.md`` holds lines in Python-Markdown's abbreviation syntax
(``*[HTX]: Hợp tác xã``); the site plugin hands them to Python-Markdown's ``abbr`` extension
as its glossary, so each abbreviation on every page gets an ``<abbr title=…>`` tooltip, and
the glossary page is generated from the same lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ocopkit.errors import Problem
from ocopkit.source.frontmatter import shown_path
from ocopkit.source.yaml import MAX_PAGE_BYTES, read_source

ABBREVIATIONS_FILE = "includes/abbreviations.md"
LINE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]: (?P<text>\S.*)$")


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    text: str


def check_glossary(docs: Path, *, root: Path | None = None) -> tuple[list[Abbreviation],
                                                                     list[Problem]]:
    """Parse the abbreviations file; malformed and duplicate lines are problems."""
    path = docs / ABBREVIATIONS_FILE
    shown = shown_path(path, root)
    if not path.is_file():
        return [], [Problem(shown, 1, 1, "", "expected the abbreviations file, got none")]
    out: list[Abbreviation] = []
    first: dict[str, int] = {}
    text, problems = read_source(path, shown, max_bytes=MAX_PAGE_BYTES)
    if text is None:
        return [], problems
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
            problems.append(Problem(shown, number, 3, "", f"duplicate abbreviation '{abbr}' "
                                    f"(first at line {first[abbr]})"))
            continue
        first[abbr] = number
        out.append(Abbreviation(abbr, match["text"].strip()))
    if not out and not problems:
        problems.append(Problem(shown, 1, 1, "", "expected at least one abbreviation "
                                "('*[ABBR]: meaning'), got none"))
    return out, problems
