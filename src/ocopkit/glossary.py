"""The glossary of abbreviations: one source for the tooltips and the glossary page.

``docs/includes/abbreviations.md`` holds lines in Python-Markdown's abbreviation syntax
(``*[HTX]: Hợp tác xã``); the site plugin hands them to Python-Markdown's ``abbr`` extension
as its glossary, so each abbreviation on every page gets an ``<abbr title=…>`` tooltip, and
the glossary page is generated from the same lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ocopkit.frontmatter import shown_path
from ocopkit.problems import Problem

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
    problems: list[Problem] = []
    first: dict[str, int] = {}
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
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
    return out, problems
