"""Problems found in content, reported all at once as ``file:line:col: key.path: message``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one value of one file."""

    file: str
    line: int
    column: int
    key_path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}:"
        return f"{where} {self.key_path}: {self.message}" if self.key_path else (
            f"{where} {self.message}")


class ContentError(Exception):
    """Raised by the core when content is invalid; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem], *, nothing_built: bool = True) -> str:
    """The report printed by ``ocopkit check`` and by a failed build."""
    problems = sorted(problems)
    files = {p.file for p in problems}
    lines = [str(p) for p in problems]
    noun = "problem" if len(problems) == 1 else "problems"
    fnoun = "file" if len(files) == 1 else "files"
    tail = f"{len(problems)} {noun} in {len(files)} {fnoun}"
    lines.append(tail + ("; nothing was built." if nothing_built else "."))
    return "\n".join(lines)
