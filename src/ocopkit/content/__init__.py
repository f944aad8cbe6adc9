"""All the content of a project, validated together: ``ocopkit check`` and the build use this.

The layers (the package's official criteria and national pack, the site's docs folder) are
resolved first (:mod:`ocopkit.source.layers`); then criteria (guides and toolkits refer to
them), guides, courses, toolkit pages, evidence notes, the glossary and the training sessions.
Every problem of every file is collected before failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ocopkit.content.courses import Course, check_courses
from ocopkit.content.glossary import Abbreviation, check_glossary
from ocopkit.content.guides import Guide, GuideMemo, check_guides, reading_guides
from ocopkit.content.publishable import check_bodies, check_links_out
from ocopkit.content.sessions import TrainingSession, check_sessions
from ocopkit.content.toolkits import EvidenceNotes, Template, check_evidence, check_templates
from ocopkit.criteria.catalogue import Catalogue, EditionMemo, check_catalogue
from ocopkit.criteria.changes import ChangeNote, check_change_notes
from ocopkit.criteria.diff import MAPPINGS_FILE, check_mappings, load_mappings
from ocopkit.errors import Problem
from ocopkit.source.filememo import FileMemo
from ocopkit.source.layers import Sources, resolve_sources
from ocopkit.source.project import DEFAULT_LAYOUT, NO_LAYERS, Layers, Layout


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
    sessions: tuple[TrainingSession, ...] = ()
    sources: Sources | None = None
    """The files it was read from, layers resolved (``None`` only in hand-made content)."""

    def guide(self, slug: str) -> Guide | None:
        return next((g for g in self.guides if g.slug == slug), None)

    def course(self, slug: str) -> Course | None:
        return next((c for c in self.courses if c.slug == slug), None)

    def file_of(self, page: str) -> Path:
        """The file of a content page (``guides/x.md``): in the docs folder or the package."""
        assert self.sources is not None
        return self.sources.file_of(page)


@dataclass
class Memos:
    """What checking remembers between two checks of the same project, file by file:
    ``ocopkit serve`` keeps one for its life, so a rebuild checks only the files that changed;
    a one-off command checks with a new one."""

    editions: EditionMemo = field(default_factory=EditionMemo)
    guides: GuideMemo = field(default_factory=GuideMemo)
    bodies: FileMemo[list[Problem]] = field(default_factory=FileMemo)


def check_content(docs: Path, *, root: Path | None = None, memos: Memos | None = None,
                  layout: Layout = DEFAULT_LAYOUT,
                  layers: Layers = NO_LAYERS) -> tuple[Content | None, list[Problem]]:
    """Validate all content of the docs folder ``docs``, laid out as ``layout``, with the
    package's ``layers``; return it with ``[]``, or ``None`` with every problem."""
    memos = memos or Memos()
    links_out = check_links_out(docs, root=root)
    if links_out:
        return None, links_out
    sources, problems = resolve_sources(docs, layout, layers, root=root)
    pin = (layers.current_edition, *layers.pinned_at) if layers.current_edition else None
    with reading_guides(sources, memos.guides, root=root):  # on other cores
        catalogue, found = check_catalogue(sources.criteria, root=root, memo=memos.editions,
                                           pin=pin)
    if catalogue is None:
        return None, sorted(set(problems + found))
    mappings, found = load_mappings(sources.criteria, root=root)
    problems += found
    problems += check_mappings(mappings, {e.id: e for e in catalogue.editions},
                               str(sources.criteria[0] / MAPPINGS_FILE))
    notes, found = check_change_notes(sources.criteria, catalogue, root=root)
    problems += found
    guides, found = check_guides(sources, catalogue, root=root, memo=memos.guides)
    problems += found
    slugs = {p.stem for p in sources.guides}
    courses, found = check_courses(sources, guides, slugs, root=root)
    problems += found
    templates, found = check_templates(sources, root=root)
    problems += found
    evidence, found = check_evidence(sources, catalogue, root=root)
    problems += found
    glossary, found = check_glossary(sources.glossaries, root=root)
    problems += found
    sessions, found = check_sessions(sources.sessions, {p.stem for p in sources.courses},
                                     root=root)
    problems += found
    problems += check_bodies(docs, root=root, memo=memos.bodies)
    if problems or evidence is None:
        # A file that several checks read (a guide too large to read) is named once.
        return None, sorted(set(problems))
    return Content(catalogue, tuple(guides), tuple(courses), tuple(templates), evidence,
                   tuple(glossary), tuple(notes), mappings, layout, tuple(sessions),
                   sources), []
