"""The app's icons, made from the handbook's logo (the header's book, assets/images/favicon.svg in
the built site) at the sizes phones ask for: the book in white on the header's indigo, and a
"maskable" one with the book inside the middle 80%, which a phone may cut to any shape. They
are what "Add to home screen" shows (render/app.py names them in the manifest)."""
from __future__ import annotations

import re
from pathlib import Path

LOGO = "assets/images/favicon.svg"
INDIGO = "#4051b5"
# (file, size in pixels, share of the size the book takes)
ICONS = (("assets/images/icon-192.png", 192, 0.7), ("assets/images/icon-512.png", 512, 0.7),
         ("assets/images/icon-maskable-512.png", 512, 0.5), ("assets/images/apple-touch-icon.png", 180, 0.7))


def make_icons(site: Path) -> None:
    import cairosvg  # loaded only here: the icons are its only use
    logo = (site / LOGO).read_text(encoding="utf-8")
    path = re.search(r'<path\b[^>]*\bd="([^"]+)"', logo).group(1)
    for name, size, share in ICONS:
        scale = size * share / 24  # the logo's viewBox is 24 wide
        offset = (size - 24 * scale) / 2
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">'
               f'<rect width="{size}" height="{size}" fill="{INDIGO}"/>'
               f'<path fill="#ffffff" transform="translate({offset} {offset}) scale({scale})" d="{path}"/></svg>')
        out = site / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(cairosvg.svg2png(bytestring=svg.encode(), output_width=size, output_height=size))
