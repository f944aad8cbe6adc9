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
    sessions_dir = c.Type(str, default=DEFAULT_LAYOUT.sessions)
    """Folder of the dated training sessions (``*.yml``) and of the training calendar."""
    official_criteria = c.Type(bool, default=True)
    """Read the official editions (with their change notes and mappings) from the installed
    package; editions in the site's criteria folder are added to them. ``false``: only the
    site's own criteria folder."""
    national_content = c.Type(bool, default=True)
    """Publish the national guides, courses and toolkit pages of the package beside the
    site's own (a local page replaces a national one of the same name with ``replaces``)."""
    current_edition = c.Optional(c.Type(str))
    """The id of the edition the site shows as current (default: the one in force)."""
    search_folding = c.Type(bool, default=True)
    """Add diacritic-folded fields to the search index (queries without accents find pages)."""
    offline = c.Type(bool, default=False)
    """Build for ``file://``: load the self-hosted iframe-worker shim (with Material's
    ``offline`` plugin, which must be enabled together with this option)."""
    handouts_dir = c.Type(str, default=".cache/handouts")
    """Folder of rendered handouts and their ``manifest.json`` (written by ``ocopkit build``
    or ``ocopkit handouts``), relative to the folder of ``mkdocs.yml``."""
