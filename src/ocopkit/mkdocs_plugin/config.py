"""Options of the ``ocopkit`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ocopkit.source.project import DEFAULT_LAYOUT


class OcopConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' untyped __init_subclass__
    """``plugins: - ocopkit: {criteria_dir: criteria}`` in ``mkdocs.yml``."""

    criteria_dir = c.Type(str, default=DEFAULT_LAYOUT.criteria)
    """Folder of the edition YAML files, change notes and mappings, relative to ``docs_dir``;
    the criteria pages are published in it."""
    guides_dir = c.Type(str, default=DEFAULT_LAYOUT.guides)
    """Folder of the guides (and of the guides catalogue), relative to ``docs_dir``."""
    courses_dir = c.Type(str, default=DEFAULT_LAYOUT.courses)
    """Folder of the courses (and of the programme page), relative to ``docs_dir``."""
    toolkits_dir = c.Type(str, default=DEFAULT_LAYOUT.toolkits)
    """Folder of the toolkit templates, ``evidence.yml`` and the evidence checklists."""
    search_folding = c.Type(bool, default=True)
    """Add diacritic-folded fields to the search index (queries without accents find pages)."""
    offline = c.Type(bool, default=False)
    """Build for ``file://``: load the self-hosted iframe-worker shim (with Material's
    ``offline`` plugin, which must be enabled together with this option)."""
    handouts_dir = c.Type(str, default=".cache/handouts")
    """Folder of rendered handouts and their ``manifest.json`` (written by ``ocopkit build``
    or ``ocopkit handouts``), relative to the folder of ``mkdocs.yml``."""
