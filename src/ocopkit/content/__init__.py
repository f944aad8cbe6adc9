"""All the content of a project, validated together: ``ocopkit check`` and the build use this.

Criteria come first (guides and toolkits refer to them); then guides, courses, toolkit pages,
evidence notes and the glossary. Every problem of every file is collected before failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ocopkit.content.courses import Course, check_courses
from ocopkit.content.glossary import Abbreviation, check_glossary
from ocopkit.content.guides import Guide, GuideMemo, check_guides, guide_files, reading_guides
from ocopkit.content.publishable import check_bodies, check_links_out
from ocopkit.content.toolkits import EvidenceNotes, Template, check_evidence, check_templates
from ocopkit.criteria.catalogue import Catalogue, EditionMemo, check_catalogue
from ocopkit.criteria.changes import ChangeNote, check_change_notes
from ocopkit.criteria.diff import MAPPINGS_FILE, check_mappings, load_mappings
from ocopkit.errors import Problem
from ocopkit.source.filememo import FileMemo
from ocopkit.source.project import DEFAULT_LAYOUT, Layout


@dataclass(frozen=True)
class Content:
    """Everything under ``docs/`` that the site, handouts and tools render from."""

    catalogue: Catalogue
    guides: tuple[Guide, ...]
    courses: tuple[Course, ...]
    templates: tuple[Template, ...]
    evidence: EvidenceNotes
    glossary: tuple[Abbreviation, ...]
    change_notes: tuple[ChangeNote, ...] = ()
    mappings: dict[tuple[str, str], dict[str, str]] | None = None
    layout: Layout = DEFAULT_LAYOUT
    """The folders the content was read from (and the sections its pages go to)."""

    def guide(self, slug: str) -> Guide | None:
        return next((g for g in self.guides if g.slug == slug), None)


@dataclass
class Memos:
    """What checking remembers between two checks of the same project, file by file:
    ``ocopkit serve`` keeps one for its life, so a rebuild checks only the files that changed;
    a one-off command checks with a new one."""

    editions: EditionMemo = field(default_factory=EditionMemo)
    guides: GuideMemo = field(default_factory=GuideMemo)
    bodies: FileMemo[list[Problem]] = field(default_factory=FileMemo)


def check_content(docs: Path, *, root: Path | None = None, memos: Memos | None = None,
                  layout: Layout = DEFAULT_LAYOUT) -> tuple[Content | None, list[Problem]]:
    """Validate all content of the docs folder ``docs``, laid out as ``layout``; return it
    with ``[]``, or ``None`` with every problem."""
    memos = memos or Memos()
    criteria = docs / layout.criteria
    links_out = check_links_out(docs, root=root)
    if links_out:
        return None, links_out
    with reading_guides(docs, memos.guides, root=root, layout=layout):  # on other cores
        catalogue, problems = check_catalogue(criteria, root=root, memo=memos.editions)
    if catalogue is None:
        return None, problems
    mappings, problems = load_mappings(criteria)
    problems += check_mappings(mappings, {e.id: e for e in catalogue.editions},
                               str(criteria / MAPPINGS_FILE))
    notes, found = check_change_notes(criteria, catalogue, root=root)
    problems += found
    guides, found = check_guides(docs, catalogue, root=root, memo=memos.guides, layout=layout)
    problems += found
    slugs = {p.stem for p in guide_files(docs, layout)}
    courses, found = check_courses(docs, guides, slugs, root=root, layout=layout)
    problems += found
    templates, found = check_templates(docs, root=root, layout=layout)
    problems += found
    evidence, found = check_evidence(docs, catalogue, root=root, layout=layout)
    problems += found
    glossary, found = check_glossary(docs, root=root)
    problems += found
    problems += check_bodies(docs, root=root, memo=memos.bodies)
    if problems or evidence is None:
        # A file that several checks read (a guide too large to read) is named once.
        return None, sorted(set(problems))
    return Content(catalogue, tuple(guides), tuple(courses), tuple(templates), evidence,
                   tuple(glossary), tuple(notes), mappings, layout), []
