"""The layers of a site's content, resolved into one list of files per kind.

A site reads its own docs folder and, unless its options switch them off, two layers of the
installed package (:mod:`ocopkit.source.packaged`):

- **the official criteria**: every edition file, change notes and mappings of the package;
  editions in the site's own criteria folder are added to them (a local draft, say);
- **the national content pack**: guides, courses, toolkit pages, the evidence notes and the
  glossary, published in the site's sections beside its own pages.

The rules, every breach a ``file:line:col`` problem, all reported at once:

- a local page with the name of a national page of the same section is an error unless its
  front matter says ``replaces: NAME`` (its own name): then it is published instead;
- ``replaces`` naming no national page, or another name than the page's own, is an error;
- a file of the package that *is* the site's file (this repository's national site, which
  builds from the package's own source folder) is one file, not a collision;
- the site's ``evidence.yml`` replaces the national one; the site's abbreviations are added
  to the national glossary (a duplicate is reported by the glossary check).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ocopkit.errors import Problem
from ocopkit.source.checker import describe
from ocopkit.source.frontmatter import read_page, shown_path
from ocopkit.source.project import DEFAULT_LAYOUT, NO_LAYERS, Layers, Layout

GLOSSARY_FILE = "includes/abbreviations.md"
EVIDENCE_FILE = "evidence.yml"
KIND_NAMES = {"guides": "guide", "courses": "course", "toolkits": "toolkit page"}


@dataclass(frozen=True)
class Sources:
    """Every file of a site's content, its layers resolved."""

    docs: Path
    layout: Layout
    criteria: tuple[Path, ...]
    """Criteria folders: the official one first, then the site's (when it has one)."""
    guides: tuple[Path, ...]
    courses: tuple[Path, ...]
    templates: tuple[Path, ...]
    evidence: Path
    glossaries: tuple[Path, ...]
    sessions: tuple[Path, ...]
    packaged_pages: tuple[tuple[str, Path], ...] = ()
    """Pages of the national pack the site publishes that are not files of its docs folder:
    ``(path in the site, e.g. "guides/ocop-la-gi.md", file)``."""
    current_edition: str | None = None

    def file_of(self, page: str) -> Path:
        """The file of a content page, ``page`` a path in the site (``guides/x.md``)."""
        return dict(self.packaged_pages).get(page, self.docs / page)

    @property
    def edition_files(self) -> list[Path]:
        return [p for folder in self.criteria for p in sorted(folder.glob("*.yml"))
                if not p.name.startswith("_")]


def _same(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def _pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if p.name != "index.md")


def resolve_sources(docs: Path, layout: Layout = DEFAULT_LAYOUT, layers: Layers = NO_LAYERS, *,
                    root: Path | None = None) -> tuple[Sources, list[Problem]]:
    """The files of the site in ``docs`` laid out as ``layout``, with ``layers``; problems
    are the collisions and wrong ``replaces`` of local pages."""
    problems: list[Problem] = []
    criteria = criteria_folders(docs, layout, layers)
    packaged: list[tuple[str, Path]] = []
    kinds: dict[str, list[Path]] = {}
    for kind in ("guides", "courses", "toolkits"):
        folder: str = getattr(layout, kind)
        local = _pages(docs / folder)
        national = (_pages(layers.national / getattr(DEFAULT_LAYOUT, kind))
                    if layers.national is not None else [])
        chosen, published = _merge(kind, folder, local, national, root, problems)
        kinds[kind] = chosen
        packaged += published
    evidence = docs / layout.toolkits / EVIDENCE_FILE
    glossaries = [docs / GLOSSARY_FILE]
    if layers.national is not None:
        national_glossary = layers.national / GLOSSARY_FILE
        if not glossaries[0].is_file() or _same(glossaries[0], national_glossary):
            glossaries = [national_glossary]
        else:
            glossaries.insert(0, national_glossary)
        if not evidence.is_file():
            evidence = layers.national / DEFAULT_LAYOUT.toolkits / EVIDENCE_FILE
    sessions = sorted((docs / layout.sessions).glob("*.yml"))
    return Sources(docs, layout, tuple(criteria), tuple(kinds["guides"]),
                   tuple(kinds["courses"]), tuple(kinds["toolkits"]), evidence,
                   tuple(glossaries), tuple(sessions), tuple(packaged),
                   layers.current_edition), problems


def criteria_folders(docs: Path, layout: Layout, layers: Layers) -> list[Path]:
    """The criteria folders of a site: the official one (unless switched off), then the
    site's own when it has one."""
    own = docs / layout.criteria
    if layers.official_criteria is None:
        return [own]
    if own.is_dir() and not _same(own, layers.official_criteria):
        return [layers.official_criteria, own]
    return [layers.official_criteria]


def _merge(kind: str, folder: str, local: list[Path], national: list[Path], root: Path | None,
           problems: list[Problem]) -> tuple[list[Path], list[tuple[str, Path]]]:
    """The pages of one section: national ones not replaced and the site's, by name; the
    national pages that are not files of the site's docs folder are also returned with their
    paths in the site."""
    noun = KIND_NAMES[kind]
    by_name = {p.stem: p for p in national}
    replaced: set[str] = set()
    shared: set[str] = set()
    own: list[Path] = []
    for path in local:
        twin = by_name.get(path.stem)
        if twin is not None and _same(twin, path):
            shared.add(path.stem)  # the package's file itself (the national site)
            continue
        own.append(path)
        replaced.add(path.stem)  # the site's page is checked and published in any case
        replaces, (line, col) = _replaces(path, root, problems)
        shown = shown_path(path, root)
        if replaces is None:
            if twin is not None:
                problems.append(Problem(shown, 1, 1, "", f"a national {noun} has the name "
                                        f"'{path.stem}'; add 'replaces: {path.stem}' to the "
                                        "front matter to publish this page instead, or rename "
                                        "the file"))
        elif replaces != path.stem:
            problems.append(Problem(shown, line, col, "replaces", f"expected this page's own "
                                    f"name '{path.stem}' (a local page replaces the national "
                                    f"{noun} of the same file name), got '{replaces}'"))
        elif twin is None:
            problems.append(Problem(shown, line, col, "replaces", f"expected the name of a "
                                    f"national {noun} to replace, got '{replaces}' (there is "
                                    f"no national {noun} of that name)"))
    kept = [p for p in national if p.stem not in replaced]
    chosen = sorted([*kept, *own], key=lambda p: p.stem)
    published = [(f"{folder}/{p.name}", p) for p in kept if p.stem not in shared]
    return chosen, published


def _replaces(path: Path, root: Path | None,
              problems: list[Problem]) -> tuple[str | None, tuple[int, int]]:
    """The ``replaces`` value of a local page's front matter and its line; ``None`` when it
    has none (reading problems are left to the page's own check). A value that is not text is
    reported here and read as the page's own name."""
    page, found = read_page(path, shown_path(path, root))
    if page is None or found or not isinstance(page.meta.data, dict):
        return None, (1, 1)
    if "replaces" not in page.meta.data:
        return None, (1, 1)
    value = page.meta.data["replaces"]
    where = page.meta.where(("replaces",))
    if not isinstance(value, str):
        problems.append(Problem(page.path, *where, "replaces", "expected the name of a "
                                f"national page (text), got {describe(value)}"))
        return path.stem, where
    return value, where
