"""The site's icon, drawn here (no image file): a white star on OCOP green, as PNG.

Kiwix shows it beside a ZIM file in its library (48×48); phones show it on the home screen for
a site added there (192×192 and 512×512, in the web manifest)."""

from __future__ import annotations

import io
import math

GREEN = (46, 125, 50, 255)
WHITE = (255, 255, 255, 255)


def star_icon(size: int) -> bytes:
    """A ``size``×``size`` PNG; the same bytes for the same size (and Pillow version)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    scale = size / 48
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=round(9 * scale), fill=GREEN)
    points = []
    for i in range(10):
        radius = (19 if i % 2 == 0 else 8) * scale
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((size / 2 + radius * math.cos(angle),
                       size / 2 + scale + radius * math.sin(angle)))
    draw.polygon(points, fill=WHITE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
