"""QR codes linking a printed page back to its online page."""

from __future__ import annotations

import segno


def qr_svg(url: str) -> str:
    """An inline SVG QR code for ``url`` (error correction M, no external resources)."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=3, border=2, dark="#000", light="#fff")
