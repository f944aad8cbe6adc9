"""The script that lets wide tables scroll sideways on narrow screens, with a line saying so."""

from __future__ import annotations

from importlib.resources import files

SCRIPT = "assets/javascripts/ocop-tables.js"
"""Where the script is published in the site."""


def tables_script() -> str:
    """The script's text (``tables.js`` beside this module)."""
    return files("ocopkit.render").joinpath("tables.js").read_text(encoding="utf-8")
