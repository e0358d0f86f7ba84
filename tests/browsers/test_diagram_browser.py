"""The route diagrams printed from chromium: the routes page prints each diagram whole on the page
its route starts, and each route card's page prints as one A4 page."""
from __future__ import annotations

import pytest

from chromium import NO_WORKER
from diagram_support import CARDS, role_titles
from macros.render.diagram import filled
from pdf_words import pdf_words  # (a PDF's words, wherever its lines break)

# print.css: `@page { margin: 16mm 15mm }` on A4, in CSS pixels
PRINTABLE_WIDTH, PRINTABLE_HEIGHT = (210 - 30) / 25.4 * 96, (297 - 32) / 25.4 * 96


def test_the_routes_page_prints_each_diagram_whole_on_the_page_its_route_starts(book, browser, server):
    """Printed, each route starts a page (its heading breaks before) and its heading, what it
    follows, its risk line and its diagram fit the page's printable height together."""
    context = browser.new_context(viewport={"width": round(PRINTABLE_WIDTH), "height": round(PRINTABLE_HEIGHT)}, **NO_WORKER)
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(f"{server}/escalation/routes/")
        for route in book.routes.routes:
            found = page.evaluate("""id => {
                const heading = document.getElementById(id);
                const svg = document.querySelector(`svg[aria-labelledby="dg-${id}-title"]`);
                const top = heading.getBoundingClientRect().top, box = svg.getBoundingClientRect();
                return {breaks: getComputedStyle(heading).breakBefore, height: box.height, width: box.width,
                        whole: box.bottom - top};
            }""", route.id)
            assert found["breaks"] == "page", route.id
            assert found["width"] > PRINTABLE_WIDTH / 2 and found["height"] > 300, (route.id, found)
            assert found["whole"] <= PRINTABLE_HEIGHT, (route.id, found)
    finally:
        context.close()


@pytest.mark.parametrize("route_id", list(CARDS))
def test_each_card_page_prints_from_the_browser_as_one_a4_page(book, page, server, route_id):
    from io import BytesIO

    from pypdf import PdfReader

    from macros.render.guides import online_path
    page.goto(f"{server}/{online_path(CARDS[route_id].page)}")
    reader = PdfReader(BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(reader.pages) == 1, f"{route_id}: {len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4 portrait"
    text = pdf_words(reader.pages[:1])
    for node in book.routes.route(route_id).nodes:
        assert filled(node.label, role_titles(book)) in text, (route_id, node.id)
