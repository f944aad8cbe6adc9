"""Change notes: dated notes about editions (published, amended, data corrected), kept in
``docs/criteria/_changes.yml`` and published on the site and as an Atom feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ocopkit.criteria.catalogue import Catalogue
from ocopkit.errors import Problem
from ocopkit.source.checker import Checker
from ocopkit.source.frontmatter import shown_path
from ocopkit.source.yaml import load_yaml

CHANGES_FILE = "_changes.yml"


@dataclass(frozen=True)
class ChangeNote:
    """A dated note about an edition (published, amended, data corrected)."""

    date: dt.date
    edition: str
    title: str
    summary: str


def check_change_notes(criteria_dir: Path | Sequence[Path], catalogue: Catalogue, *,
                       root: Path | None = None) -> tuple[list[ChangeNote], list[Problem]]:
    """The change notes of the criteria folder(s), newest first: the first folder (the
    official one) must have the file, a site's own folder may."""
    folders = [criteria_dir] if isinstance(criteria_dir, Path) else list(criteria_dir)
    notes: list[ChangeNote] = []
    problems: list[Problem] = []
    for i, folder in enumerate(folders):
        found_notes, found = _notes_of(folder / CHANGES_FILE, catalogue, root,
                                       required=i == 0)
        notes += found_notes
        problems += found
    notes.sort(key=lambda n: n.date, reverse=True)
    return notes, problems


def _notes_of(path: Path, catalogue: Catalogue, root: Path | None, *,
              required: bool) -> tuple[list[ChangeNote], list[Problem]]:
    shown = shown_path(path, root)
    if not path.is_file():
        return [], ([Problem(shown, 1, 1, "", "expected the change notes file, got none")]
                    if required else [])
    located, problems = load_yaml(path, display_path=shown)
    if problems:
        return [], problems
    c = Checker(located, problems)
    notes: list[ChangeNote] = []
    if not isinstance(located.data, list):
        c.add((), "expected a list of change notes")
        return [], problems
    for i, item in enumerate(located.data):
        raw = c.mapping(item, (i,), ("date", "edition", "title", "summary"))
        if raw is None:
            continue
        date = c.date(raw, "date", (i,))
        edition = c.text(raw, "edition", (i,))
        if edition and catalogue.get(edition) is None:
            c.add((i, "edition"), f"expected an edition id, got '{edition}'")
        title, summary = c.text(raw, "title", (i,)), c.text(raw, "summary", (i,))
        if date and edition and title and summary:
            notes.append(ChangeNote(date, edition, title, summary))
    return notes, problems
