"""The one reading of a project's layout: ``mkdocs.yml`` through MkDocs' own configuration and
the plugin's options (:class:`~ocopkit.mkdocs_plugin.config.OcopConfig`).

The plugin calls :func:`project_of` on its validated options; the CLI calls
:func:`load_project`, which validates ``mkdocs.yml`` the same way and ends in the same
function, so both see the same folders and refuse the same bad options.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ocopkit.mkdocs_plugin.config import OcopConfig
from ocopkit.source.packaged import national_pack, official_criteria
from ocopkit.source.project import DEFAULT_LAYOUT, Layers, Layout, Project


class ProjectError(Exception):
    """``mkdocs.yml`` cannot be read or is not valid; ``lines`` say why, one problem each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def layout_of(options: OcopConfig) -> Layout:
    """The folders named by the plugin's options."""
    return Layout(criteria=options.criteria_dir, guides=options.guides_dir,
                  courses=options.courses_dir, toolkits=options.toolkits_dir,
                  sessions=options.sessions_dir)


def project_of(config: MkDocsConfig, options: OcopConfig) -> Project:
    """The project of a loaded MkDocs configuration and the plugin's options; folder options
    that cannot be a layout raise :class:`ProjectError`."""
    layout = layout_of(options)
    wrong = [f"plugins.ocopkit.{line}" for line in layout.problems()]
    renamed = [f"{f}_dir" for f in ("guides", "courses", "toolkits", "criteria")
               if getattr(layout, f) != getattr(DEFAULT_LAYOUT, f)]
    if options.national_content and renamed:
        # The national pages link to each other by the default folders.
        wrong.append("plugins.ocopkit.national_content: expected the default folders with the "
                     "national pages (criteria, guides, courses, toolkits), got "
                     f"{', '.join(renamed)} renamed; set national_content: false or keep the "
                     "default folder names")
    if wrong:
        raise ProjectError(wrong)
    config_file = Path(config.config_file_path or "mkdocs.yml")
    return Project(config_file=config_file, docs_dir=_shown(Path(config.docs_dir)),
                   site_dir=_shown(Path(config.site_dir)),
                   site_url=config.site_url or "",
                   handouts_dir=config_file.parent / options.handouts_dir,
                   layout=layout,
                   markdown=tuple((name, dict(config.mdx_configs.get(name) or {}))
                                  for name in config.markdown_extensions
                                  if isinstance(name, str)),
                   layers=layers_of(options, config_file),
                   site_name=config.site_name or "",
                   site_description=config.site_description or "",
                   copyright=config.copyright or "")


def layers_of(options: OcopConfig, config_file: Path) -> Layers:
    """What the options take from the installed package."""
    return Layers(official_criteria=official_criteria() if options.official_criteria else None,
                  national=national_pack() if options.national_content else None,
                  current_edition=options.current_edition,
                  pinned_at=(str(_shown(config_file)),
                             _line_of(config_file, "current_edition:")
                             if options.current_edition else 1))


def _line_of(config_file: Path, key: str) -> int:
    """The line of ``mkdocs.yml`` where ``key`` stands (1 when it cannot be read)."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, 1) if line.strip().startswith(key)), 1)


def load_project(config_file: Path) -> Project:
    """Read and validate ``mkdocs.yml`` as MkDocs does (plugins loaded, options checked) and
    return its project; a site without the ``ocopkit`` plugin gets the default options."""
    try:
        config = load_config(str(config_file))
    except (MkDocsException, OSError) as err:
        raise ProjectError([str(err) or type(err).__name__]) from None
    plugin = config.plugins.get("ocopkit")
    options = plugin.config if plugin is not None and isinstance(
        plugin.config, OcopConfig) else OcopConfig()
    if plugin is None:
        options.load_dict({})
        options.validate()
    return project_of(config, options)


def _shown(path: Path) -> Path:
    """``path`` relative to the working folder when inside it (MkDocs makes it absolute), so
    problems name files as the author sees them."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
