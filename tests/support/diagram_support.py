"""What the route diagrams' tests share, whether they render the diagrams (render/test_diagram.py),
read them on the built site (site/test_diagram_site.py) or print them from the browser
(browsers/test_diagram_browser.py): the SVG's namespaces, the route cards by route, and the
partnership's title of each role, as the diagrams fill them in."""
from __future__ import annotations

from macros.render.guides import ROUTE_CARDS

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
CARDS = {g.route: g for g in ROUTE_CARDS}


def role_titles(book):
    return lambda role_id: book.settings.role(role_id).title
