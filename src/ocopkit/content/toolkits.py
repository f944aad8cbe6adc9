"""The standardisation toolkit: authored evidence notes matched to every criterion by name,
and the printable templates' front matter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ocopkit.content.guides import AUDIENCES
from ocopkit.criteria.catalogue import Catalogue
from ocopkit.errors import Problem
from ocopkit.source.checker import Checker
from ocopkit.source.frontmatter import checked_pages, shown_path
from ocopkit.source.layers import Sources
from ocopkit.source.yaml import load_yaml

TEMPLATE_KEYS = ("title", "description", "audience", "last_reviewed", "replaces")


@dataclass(frozen=True)
class Evidence:
    """What proves the option a producer claims on criteria with these names."""

    names: tuple[str, ...]
    evidence: tuple[str, ...]
    tip: str | None = None


@dataclass(frozen=True)
class EvidenceNotes:
    edition: str
    entries: tuple[Evidence, ...]

    def for_name(self, name: str) -> Evidence | None:
        return next((e for e in self.entries if name in e.names), None)


@dataclass(frozen=True)
class Template:
    """A printable toolkit page (SOP, batch log, checklist, worksheet)."""

    slug: str
    path: str
    title: str
    description: str
    audience: tuple[str, ...]
    last_reviewed: dt.date


def check_evidence(sources: Sources, catalogue: Catalogue, *,
                   root: Path | None = None) -> tuple[EvidenceNotes | None, list[Problem]]:
    """Load the site's ``evidence.yml`` (else the national one): every criterion name of its
    edition covered once."""
    path = sources.evidence
    shown = shown_path(path, root)
    if not path.is_file():
        return None, [Problem(shown, 1, 1, "", "expected the evidence notes file, got none")]
    located, problems = load_yaml(path, display_path=shown)
    if problems:
        return None, problems
    c = Checker(located, problems)
    raw = c.mapping(located.data, (), ("edition", "entries"))
    if raw is None:
        return None, problems
    edition_id = c.text(raw, "edition", ())
    edition = catalogue.get(edition_id) if edition_id else None
    if edition_id and edition is None:
        c.add(("edition",), f"expected an edition id, got '{edition_id}'")
    names = {cr.name for s in edition.product_sets for cr in s.criteria} if edition else set()
    seen: dict[str, int] = {}
    entries = []
    for keys, eraw in c.records(raw, "entries", (), ("names", "evidence", "tip")):
        entry_names = c.texts(eraw, "names", keys)
        for j, name in enumerate(entry_names):
            line = located.where((*keys, "names", j))[0]
            if names and name not in names:
                c.add((*keys, "names", j), f"expected a criterion name of {edition_id}, got "
                      f"'{name}'")
            elif name in seen:
                c.add((*keys, "names", j), f"criterion name '{name}' already covered (first at "
                      f"line {seen[name]})")
            seen.setdefault(name, line)
        evidence = c.texts(eraw, "evidence", keys)
        if not evidence:
            c.add((*keys, "evidence") if "evidence" in eraw else keys,
                  "expected at least one piece of evidence, got none")
        entries.append(Evidence(entry_names, evidence, c.text(eraw, "tip", keys, required=False)))
    for name in sorted(names - set(seen)):
        c.add(("entries",), f"criterion name '{name}' of {edition_id} has no evidence notes")
    if problems:
        return None, problems
    return EvidenceNotes(edition_id or "", tuple(entries)), []


def check_templates(sources: Sources, *,
                    root: Path | None = None) -> tuple[list[Template], list[Problem]]:
    """Validate the front matter of every toolkit page (``*.md`` of the toolkits folders
    except the index)."""
    templates: list[Template] = []
    problems: list[Problem] = []
    for path, page, c, raw in checked_pages(sources.templates, TEMPLATE_KEYS, problems,
                                            root=root):
        before = len(problems)
        title = c.text(raw, "title", ())
        description = c.text(raw, "description", ())
        audience = c.choices(raw, "audience", (), tuple(AUDIENCES))
        reviewed = c.date(raw, "last_reviewed", ())
        # A required value is None only with a problem; the None tests are for the type checker.
        if (len(problems) == before and title is not None and description is not None
                and reviewed is not None):
            templates.append(Template(path.stem, page.path, title, description,
                                      audience, reviewed))
    return templates, problems
