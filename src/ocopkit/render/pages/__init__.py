"""Pages generated from data at build time (criteria pages, catalogues), engine-independent.

Each generator returns :class:`GeneratedPage` objects: a path under ``docs/`` and Markdown text.
The MkDocs plugin hands them to MkDocs; another engine could do the same.
"""

from ocopkit.render.pages.base import GeneratedPage

__all__ = ["GeneratedPage"]
