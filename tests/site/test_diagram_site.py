"""The route diagrams on the built site: each route's diagram above its step list on the routes
page, with links that land, and each route card's PDF (made by the products step) one A4 page
with every step and nothing under 8 pt."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from diagram_support import CARDS, SVG, XLINK, role_titles
from macros.render.diagram import filled, roles_named
from macros.render.links import title_of
from pdf_words import pdf_words  # (a PDF's words, wherever its lines break)


# --- the route card: one A4 page a route -------------------------------------------------

def _mult(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


def text_sizes(pdf: Path) -> tuple[int, list[float]]:
    """The pages, and the size in points of every run of text as printed: the font size through
    the text and graphics matrices, followed into form XObjects (where WeasyPrint draws an SVG)."""
    import math

    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(pdf)

    def walk(stream, resources, ctm, out):
        stack, tm, size = [], [1, 0, 0, 1, 0, 0], 0.0
        xobjects = resources.get("/XObject", {}) if resources else {}
        for operands, op in ContentStream(stream, reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = _mult([float(v) for v in operands], ctm)
            elif op == b"BT":
                tm = [1, 0, 0, 1, 0, 0]
            elif op == b"Tm":
                tm = [float(v) for v in operands]
            elif op == b"Tf":
                size = float(operands[1])
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                m = _mult(tm, ctm)
                out.append(round(size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2])), 2))
            elif op == b"Do":
                x = xobjects[operands[0]].get_object()
                if x.get("/Subtype") == "/Form":
                    matrix = [float(v) for v in x.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    walk(x, x.get("/Resources", resources), _mult(matrix, ctm), out)
        return out

    sizes = [s for page in reader.pages for s in walk(page.get_contents(), page["/Resources"], [1, 0, 0, 1, 0, 0], [])]
    return len(reader.pages), sizes


@pytest.mark.parametrize("route_id", list(CARDS))
def test_each_built_route_card_pdf_is_one_a4_page_with_every_step_and_nothing_under_8pt(book, site, route_id):
    """The PDF the products step makes from the card's built page (print.css alone)."""
    from pypdf import PdfReader

    route, every = book.routes.route(route_id), book.routes.every_step
    pdf = site / CARDS[route_id].pdf
    pages, sizes = text_sizes(pdf)
    assert pages == 1, f"{route_id}: {pages} pages"
    assert sizes and min(sizes) >= 8, f"{route_id}: text at {min(sizes)} pt"
    page = PdfReader(pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842), "A4 portrait"
    text = pdf_words([page])
    for node in route.nodes:
        label = filled(node.label, role_titles(book))
        assert label in text, (route_id, node.id, label)
    for said in [every.risk.question, every.risk.label, every.record.label, every.be_clear.label,
                 *(f.label for f in every.be_clear.fields), *(q.text for q in every.risk.says),
                 *(q.text for q in every.record.says), title_of(route)]:
        assert said in text, (route_id, said[:40])
    for role_id in roles_named(route):
        assert book.settings.role(role_id).title in text, (route_id, role_id)


# --- on the built site: the routes page and the cards' pages ------------------------------

def built(site: Path, path: str) -> ET.Element:
    import tinyhtml5
    return tinyhtml5.parse((site / path).read_text(encoding="utf-8"))


def test_each_route_has_its_diagram_above_its_step_list_on_the_routes_page(book, site):
    root = built(site, "escalation/routes/index.html")
    order = {id(el): i for i, el in enumerate(root.iter())}
    anchored = {el.get("id"): el for el in root.iter() if el.get("id")}
    images = {svg.get("aria-labelledby"): svg for svg in root.iter(f"{SVG}svg") if svg.get("role") == "img"}
    for route in book.routes.routes:
        svg = images[f"dg-{route.id}-title"]
        assert anchored[f"dg-{route.id}-title"].text == f"Diagram: {title_of(route)}"
        assert "The steps are listed in full below the diagram" in anchored[svg.get("aria-describedby")].text
        assert order[id(anchored[route.id])] < order[id(svg)] < order[id(anchored[route.start])], route.id
        links = {a.get(f"{XLINK}href") for a in svg.iter(f"{SVG}a")}
        assert links == {f"#{n.id}" for n in route.nodes} | {f"#{n.then}" for n in route.nodes if n.then}, route.id
        assert all(href[1:] in anchored for href in links), route.id  # every box lands on its step
