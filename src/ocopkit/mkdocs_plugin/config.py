"""Options of the ``ocopkit`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class OcopConfig(base.Config):
    """``plugins: - ocopkit: {criteria_dir: criteria}`` in ``mkdocs.yml``."""

    criteria_dir = c.Type(str, default="criteria")
    """Folder of the edition YAML files, relative to ``docs_dir``."""
    nav_section = c.Type(str, default="criteria/index.md")
    """The nav entry under which the generated criteria pages are listed."""
