"""All editions of a project (the official folder and the site's own), with the checks that
span editions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ocopkit.criteria.model import Edition
from ocopkit.criteria.validate import check_edition_file
from ocopkit.errors import ContentError, Problem
from ocopkit.source.filememo import FileMemo
from ocopkit.source.frontmatter import shown_path
from ocopkit.source.packaged import official_criteria

EditionMemo = FileMemo[tuple[Edition | None, list[Problem]]]
"""Checked edition files, by path and bytes (see :class:`~ocopkit.source.filememo.FileMemo`)."""
"""Checked edition files, by path and bytes (``ocopkit serve`` checks before each rebuild)."""


@dataclass(frozen=True)
class Catalogue:
    """The editions of a project, newest first, with exactly one current edition."""

    editions: tuple[Edition, ...]
    pinned: str | None = None
    """The edition a site shows as current instead of the one with status ``current``
    (option ``current_edition``); checked to exist and not to be a draft."""

    @property
    def current(self) -> Edition:
        """The edition the site treats as current: the pinned one, else the one edition with
        status ``current``."""
        if self.pinned is not None:
            return next(e for e in self.editions if e.id == self.pinned)
        return next(e for e in self.editions if e.status == "current")

    def get(self, edition_id: str) -> Edition | None:
        """The edition with that id, or ``None``."""
        return next((e for e in self.editions if e.id == edition_id), None)


def edition_files(criteria_dir: Path | Sequence[Path]) -> list[Path]:
    """The edition files of one or more criteria folders (``*.yml``, not starting with ``_``),
    folder by folder."""
    folders = [criteria_dir] if isinstance(criteria_dir, Path) else list(criteria_dir)
    return [p for folder in folders for p in sorted(folder.glob("*.yml"))
            if not p.name.startswith("_")]


Pin = tuple[str, str, int]
"""The ``current_edition`` option: ``(edition id, file, line)`` where the option is set."""


def check_catalogue(criteria_dir: Path | Sequence[Path], *, root: Path | None = None,
                    memo: EditionMemo | None = None,
                    pin: Pin | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """Validate every edition of the criteria folder(s) and the links between them; an id
    in two folders is a problem; ``pin`` names the edition shown as current. ``memo`` keeps
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
        first = criteria_dir if isinstance(criteria_dir, Path) else criteria_dir[0]
        problems.append(Problem(str(first), 1, 1, "",
                                "expected at least one edition file (*.yml), got none"))
    seen: dict[str, Edition] = {}
    for e in editions:
        if e.id in seen:
            problems.append(Problem(e.path, 1, 1, "edition", f"expected an id no other edition "
                                    f"has, got '{e.id}', the id of {seen[e.id].path} (a local "
                                    "edition needs an id of its own)"))
        seen.setdefault(e.id, e)
    if problems:
        return None, problems
    problems.extend(_links(editions))
    if pin is not None:
        problems.extend(_pin(pin, seen))
    if problems:
        return None, problems
    editions.sort(key=lambda e: e.date, reverse=True)
    return Catalogue(tuple(editions), pin[0] if pin else None), []


def _pin(pin: Pin, editions: dict[str, Edition]) -> list[Problem]:
    edition_id, file, line = pin
    edition = editions.get(edition_id)
    if edition is None:
        return [Problem(file, line, 1, "plugins.ocopkit.current_edition", "expected the id of "
                        f"an edition ({', '.join(sorted(editions))}), got '{edition_id}'")]
    if edition.status == "draft":
        return [Problem(file, line, 1, "plugins.ocopkit.current_edition", "expected an "
                        f"edition in force, got the draft '{edition_id}'")]
    return []


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
                                        f"edition of the site, got '{e.replaced_by}'"))
            elif successor.date <= e.date:
                problems.append(Problem(e.path, 1, 1, "replaced_by", f"expected a successor "
                                        f"dated after {e.date}, got {successor.id} dated "
                                        f"{successor.date}"))
        for old in e.replaces:
            if old in by_id and by_id[old].replaced_by not in (e.id, None):
                problems.append(Problem(e.path, 1, 1, "replaces", f"'{old}' says it was "
                                        f"replaced by '{by_id[old].replaced_by}', not '{e.id}'"))
    return problems


def load_catalogue(criteria_dir: Path | Sequence[Path] | None = None, *,
                   root: Path | None = None) -> Catalogue:
    """Like :func:`check_catalogue` but raises :class:`ContentError` with every problem;
    without a folder, the official editions the package carries."""
    criteria_dir = official_criteria() if criteria_dir is None else criteria_dir
    catalogue, problems = check_catalogue(criteria_dir, root=root)
    if catalogue is None:
        raise ContentError(problems)
    return catalogue
