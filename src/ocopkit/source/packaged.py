"""Where the installed package keeps the official criteria and the national content pack.

A wheel carries them under ``ocopkit/data/`` (``criteria/`` and ``national/``), copied at
build time from this repository's ``docs/`` folder, which stays the one place officials and
authors edit. A source checkout (an editable install) has no ``data/`` folder: the package
then reads the same files in the checkout's ``docs/``.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
"""The ``ocopkit`` package folder."""
DATA = PACKAGE / "data"
CHECKOUT_DOCS = PACKAGE.parent.parent / "docs"
"""``docs/`` of the source checkout the package runs from (``src/ocopkit`` → ``docs``)."""


def official_criteria() -> Path:
    """The folder of the official edition files, their change notes and mappings."""
    packaged = DATA / "criteria"
    return packaged if packaged.is_dir() else CHECKOUT_DOCS / "criteria"


def national_pack() -> Path:
    """The national content pack: a docs-like folder with ``guides/``, ``courses/``,
    ``toolkits/`` and ``includes/abbreviations.md`` in the default layout."""
    packaged = DATA / "national"
    return packaged if packaged.is_dir() else CHECKOUT_DOCS
