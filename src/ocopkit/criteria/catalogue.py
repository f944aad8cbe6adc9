"""All editions in a folder, with the checks that span editions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ocopkit.criteria.model import Edition
from ocopkit.criteria.validate import check_edition_file
from ocopkit.errors import ContentError, Problem
from ocopkit.source.filememo import FileMemo
from ocopkit.source.frontmatter import shown_path

EditionMemo = FileMemo[tuple[Edition | None, list[Problem]]]
"""Checked edition files, by path and bytes (see :class:`~ocopkit.source.filememo.FileMemo`)."""
"""Checked edition files, by path and bytes (``ocopkit serve`` checks before each rebuild)."""


@dataclass(frozen=True)
class Catalogue:
    """The editions of a project, newest first, with exactly one current edition."""

    editions: tuple[Edition, ...]

    @property
    def current(self) -> Edition:
        """The one edition with status ``current``."""
        return next(e for e in self.editions if e.status == "current")

    def get(self, edition_id: str) -> Edition | None:
        """The edition with that id, or ``None``."""
        return next((e for e in self.editions if e.id == edition_id), None)


def edition_files(criteria_dir: Path) -> list[Path]:
    """The edition files of a criteria folder (``*.yml``, not starting with ``_``)."""
    return sorted(p for p in criteria_dir.glob("*.yml") if not p.name.startswith("_"))


def check_catalogue(criteria_dir: Path, *, root: Path | None = None,
                    memo: EditionMemo | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Validate every edition in ``criteria_dir`` and the links between them; ``memo`` keeps
    the checked files between two checks (``ocopkit serve``)."""
    memo = memo if memo is not None else EditionMemo()
    problems: list[Problem] = []
    editions: list[Edition] = []
    files = edition_files(criteria_dir)
    for path in files:
        shown = shown_path(path, root)
        edition, found = memo.get(path, shown,
                                       partial(check_edition_file, path, display_path=shown))
        problems.extend(found)
        if edition is not None:
            editions.append(edition)
    if not files:
        problems.append(Problem(str(criteria_dir), 1, 1, "",
                                "expected at least one edition file (*.yml), got none"))
    if problems:
        return None, problems
    problems.extend(_links(editions))
    if problems:
        return None, problems
    editions.sort(key=lambda e: e.date, reverse=True)
    return Catalogue(tuple(editions)), []


def _links(editions: list[Edition]) -> list[Problem]:
    problems: list[Problem] = []
    by_id = {e.id: e for e in editions}
    current = [e for e in editions if e.status == "current"]
    if len(current) != 1:
        names = ", ".join(e.id for e in current) or "none"
        for e in current or editions[:1]:
            problems.append(Problem(e.path, 1, 1, "status", "expected exactly one edition with "
                                    f"status 'current', got {len(current)} ({names})"))
    for e in editions:
        if e.replaced_by is not None:
            successor = by_id.get(e.replaced_by)
            if successor is None:
                problems.append(Problem(e.path, 1, 1, "replaced_by", "expected the id of an "
                                        f"edition in this folder, got '{e.replaced_by}'"))
            elif successor.date <= e.date:
                problems.append(Problem(e.path, 1, 1, "replaced_by", f"expected a successor "
                                        f"dated after {e.date}, got {successor.id} dated "
                                        f"{successor.date}"))
        for old in e.replaces:
            if old in by_id and by_id[old].replaced_by not in (e.id, None):
                problems.append(Problem(e.path, 1, 1, "replaces", f"'{old}' says it was "
                                        f"replaced by '{by_id[old].replaced_by}', not '{e.id}'"))
    return problems


def load_catalogue(criteria_dir: Path, *, root: Path | None = None) -> Catalogue:
    """Like :func:`check_catalogue` but raises :class:`ContentError` with every problem."""
    catalogue, problems = check_catalogue(criteria_dir, root=root)
    if catalogue is None:
        raise ContentError(problems)
    return catalogue
