"""Guide Markdown to print HTML, with or without the trainer blocks."""

from __future__ import annotations

import re

import markdown

TRAINER_START = re.compile(r"^(\?\?\?\+?|!!!) trainer\b.*$")
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist",
              "ocopkit.quickinline"]
EXTENSION_CONFIGS = {"pymdownx.tasklist": {"custom_checkbox": False}}


def split_trainer_blocks(body: str, *, keep: bool) -> str:
    """Drop every trainer block (trainee edition) or open it as a plain admonition (trainer
    edition). A block is its start line plus the indented or blank lines after it."""
    out: list[str] = []
    inside = False
    for line in body.split("\n"):
        if TRAINER_START.match(line):
            inside = True
            if keep:
                out.append(TRAINER_START.sub(lambda m: "!!! trainer" + m.group(0)[len(
                    m.group(1)) + len(" trainer"):], line))
            continue
        if inside and (line.startswith("    ") or not line.strip()):
            if keep:
                out.append(line)
            continue
        inside = False
        out.append(line)
    return "\n".join(out)


def render_markdown(body: str) -> str:
    """Render Markdown with the site's extensions (minus the MkDocs-only ones)."""
    return markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def without_title(body: str) -> str:
    """The body without its first ``# title`` line (the print layout has its own title)."""
    return re.sub(r"\A\s*# .*\n", "", body, count=1)
