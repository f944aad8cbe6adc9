"""Options of the ``ocopkit`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class OcopConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' untyped __init_subclass__
    """``plugins: - ocopkit: {criteria_dir: criteria}`` in ``mkdocs.yml``."""

    criteria_dir = c.Type(str, default="criteria")
    """Folder of the edition YAML files, relative to ``docs_dir``."""
    search_folding = c.Type(bool, default=True)
    """Add diacritic-folded fields to the search index (queries without accents find pages)."""
    offline = c.Type(bool, default=False)
    """Build for ``file://``: load the self-hosted iframe-worker shim (with Material's
    ``offline`` plugin, which must be enabled together with this option)."""
    handouts_dir = c.Type(str, default=".cache/handouts")
    """Folder of rendered handouts and their ``manifest.json`` (written by ``ocopkit build``
    or ``ocopkit handouts``), relative to the folder of ``mkdocs.yml``."""
