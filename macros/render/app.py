"""The web app manifest of the online handbook (`manifest.webmanifest`), so that "Add to home
screen" gives an icon that opens the handbook full screen: its name (with the partnership's,
where the partnership has set its own), its icons (made by products/icons.py) and its start
address and scope relative to the manifest, so that it works under any sub-path."""
from __future__ import annotations

from .templating import render

MANIFEST = "manifest.webmanifest"
# The header's colour (Material's indigo) and the page's.
THEME_COLOUR, BACKGROUND = "#4051b5", "#ffffff"


def manifest(book, name: str, description: str) -> str:
    partnership = book.settings.partnership
    own = partnership.name not in partnership.procedure_says  # as shipped, the procedure's "LSCP"
    return render("manifest.webmanifest", None, name=f"{name} – {partnership.name}" if own else name,
                  short_name="Safeguarding", description=description, theme=THEME_COLOUR,
                  background=BACKGROUND)
