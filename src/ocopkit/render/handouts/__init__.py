"""Printable A4 handouts: print HTML built from the content, rendered to PDF with WeasyPrint.

Engine-independent: nothing here imports MkDocs. :func:`plan_handouts` lists the documents,
:func:`render_handouts` renders the ones whose inputs changed, in parallel, and writes a
manifest (title, kind, pages, size) that the site's "Tài liệu in" page is generated from.
"""

from ocopkit.render.handouts.documents import Document, plan_handouts
from ocopkit.render.handouts.render import Manifest, render_handouts

__all__ = ["Document", "Manifest", "plan_handouts", "render_handouts"]
