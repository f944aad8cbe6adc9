"""Where a project keeps its content: the folders of the docs folder that ocopkit reads and
the sections of the site it generates.

One :class:`Layout` is made from the ``ocopkit`` plugin's options in ``mkdocs.yml``
(:func:`ocopkit.mkdocs_plugin.project.load_project`) and handed to the checks, the page
generators, the handouts and the plugin alike; no folder name is written anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

FOLDER_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
"""A section folder: lower-case letters, digits and hyphens (it is also part of URLs)."""


@dataclass(frozen=True)
class Layout:
    """The folders, relative to the docs folder, of each kind of content; each is also the
    section of the site where its pages are published."""

    criteria: str = "criteria"
    """Edition files (``*.yml``), change notes and mappings; the criteria pages."""
    guides: str = "guides"
    courses: str = "courses"
    toolkits: str = "toolkits"
    """Toolkit templates and ``evidence.yml``; the evidence checklists."""
    sessions: str = "sessions"
    """Dated training sessions (``*.yml``); the training calendar page."""

    def problems(self) -> list[str]:
        """What is wrong with the folder names (``option: expected …, got …``)."""
        out = []
        names = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, value in names.items():
            if not FOLDER_NAME.fullmatch(value):
                out.append(f"{name}_dir: expected a folder name of lower-case letters, digits "
                           f"and hyphens, got {value!r}")
        if len(set(names.values())) != len(names):
            out.append("criteria_dir, guides_dir, courses_dir, toolkits_dir, sessions_dir: "
                       f"expected different folders, got {sorted(names.values())}")
        return out


@dataclass(frozen=True)
class Layers:
    """What a site takes from the installed package besides its own docs folder."""

    official_criteria: Path | None = None
    """The package's criteria folder; ``None``: only the site's own criteria folder."""
    national: Path | None = None
    """The national content pack (a docs-like folder in the default layout); ``None``: off."""
    current_edition: str | None = None
    """The edition the site shows as current (``None``: the one with status ``current``)."""
    pinned_at: tuple[str, int] = ("mkdocs.yml", 1)
    """Where ``current_edition`` is set (file, line), for its problems."""


NO_LAYERS = Layers()
"""A docs folder read alone (``ocopkit check --docs`` without ``mkdocs.yml``)."""


@dataclass(frozen=True)
class Project:
    """A site as ``mkdocs.yml`` describes it, with every path resolved."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    """Where ``ocopkit build`` publishes the site (``site_dir`` of ``mkdocs.yml``)."""
    site_url: str
    handouts_dir: Path | None
    """Where handouts are rendered; ``None`` without a configuration file (content only)."""
    layout: Layout
    markdown: tuple[tuple[str, dict[str, Any]], ...] = ()
    """The site's Markdown extensions in order, each with its options (``markdown_extensions``
    of ``mkdocs.yml``): the handouts convert guides with the same ones."""
    layers: Layers = NO_LAYERS
    """What the site takes from the installed package (official criteria, national pack)."""
    site_name: str = ""
    site_description: str = ""
    copyright: str = ""
    """``site_name``, ``site_description`` and ``copyright`` of ``mkdocs.yml`` (the ZIM
    file's title, description and creator)."""


DEFAULT_LAYOUT = Layout()
"""The folders of a site that renames none."""
