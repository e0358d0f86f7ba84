"""The route diagrams (macros/render/diagram.py): each escalation route laid out by Graphviz as an
inline SVG, from the real handbook data (fast: no build), and the route cards as rendered. On the
built site the routes page and the cards' PDFs are site/test_diagram_site.py's; printed from the
browser, browsers/test_diagram_browser.py's."""
from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from xml.etree import ElementTree as ET

import pytest
from markupsafe import Markup

from diagram_support import CARDS, SVG, XLINK, role_titles
from macros.model.book import Handbook
from macros.model.routes import Graph
from macros.render.diagram import diagram_html, filled, route_svg
from macros.render.flowchart import Layout
from macros.render.links import title_of
from project import ROOT

# Graphviz's `dot` (Debian's graphviz) lays the diagrams out; `make test` installs it
# (scripts/prerequisites.sh). Where it is missing the tests are skipped with that reason, except
# under CI, where they must run.
if shutil.which("dot") is None and os.environ.get("CI") != "true":
    pytest.skip("Graphviz's dot is not installed (apt-get install graphviz)", allow_module_level=True)


@pytest.fixture(scope="module")
def book():
    return Handbook.load(ROOT / "data")


def render(book, route, role_title=None, **options) -> str:
    return route_svg(route, role_title=role_title or role_titles(book),
                     step_number=Layout.of(Graph.of(route)).number,
                     then_title=lambda route_id: title_of(book.routes.route(route_id)),
                     title=title_of(route), **options)


@pytest.fixture(scope="module")
def svgs(book) -> dict[str, str]:
    return {route.id: render(book, route) for route in book.routes.routes}


def group(root: ET.Element, element_id: str) -> ET.Element:
    found = [el for el in root.iter() if el.get("id") == element_id]
    assert len(found) == 1, f"{element_id}: {len(found)} elements"
    return found[0]


def spaced(text: str) -> str:
    """An SVG's text as compared: each run of whitespace (between its lines) as one space."""
    return " ".join(text.split())


def text_of(el: ET.Element) -> str:
    return spaced(" ".join("".join(t.itertext()) for t in el.iter(f"{SVG}text")))


def test_every_diagram_is_clean_svg_to_embed_in_html(svgs):
    for route_id, svg in svgs.items():
        assert svg.startswith("<svg "), route_id
        for bad in ("<?xml", "<!DOCTYPE", "<!--", "style=", "<script", "<style"):
            assert bad not in svg, f"{route_id}: {bad}"
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg"
        assert "width" not in root.attrib and "height" not in root.attrib, route_id
        assert len(root.get("viewBox").split()) == 4, route_id


def test_a_diagram_stays_plain_svg_whatever_else_registered_a_default_namespace(book):
    """ElementTree's namespace registry is global to the process: under `make serve` the quick
    guides' PDFs are made in the same process, after the pages, and a registration there once
    turned every later diagram into <ns0:svg>."""
    ET.register_namespace("", "http://www.w3.org/1999/xhtml")
    svg = render(book, book.routes.route("route-3.3"))
    assert svg.startswith("<svg ") and "ns0:" not in svg


def test_every_diagram_is_a_named_image_pointing_to_the_step_list(book, svgs):
    for route in book.routes.routes:
        root = ET.fromstring(svgs[route.id])
        assert root.get("role") == "img"
        title = group(root, root.get("aria-labelledby"))
        assert title.tag == f"{SVG}title" and title.text == f"Diagram: {title_of(route)}"
        desc = group(root, root.get("aria-describedby"))
        assert desc.tag == f"{SVG}desc" and "The steps are listed in full below the diagram" in desc.text


def test_every_box_shows_its_number_kind_and_filled_label(book, svgs):
    for route in book.routes.routes:
        root = ET.fromstring(svgs[route.id])
        number = Layout.of(Graph.of(route)).number
        for node in route.nodes:
            label = filled(node.label, role_titles(book))
            assert "{" not in label
            shown = text_of(group(root, f"dg-{route.id}-{node.id}"))
            assert shown == spaced(f"{number[node.id]} {node.kind.upper()} {label}"), node.id


def test_every_answer_is_on_its_edge(book, svgs):
    for route in book.routes.routes:
        root = ET.fromstring(svgs[route.id])
        for node in route.nodes:
            for answer, target in node.edges():
                edge = group(root, f"dg-{route.id}-{node.id}--{target}")
                assert "edge" in edge.get("class").split()
                assert text_of(edge) == (answer or ""), (node.id, target)


def test_an_outcome_that_hands_on_ends_in_a_box_naming_the_other_route(book, svgs):
    handing_on = [(route, node) for route in book.routes.routes for node in route.nodes if node.then]
    assert handing_on, "the data has an outcome with `then` (3.3 on to route 2)"
    for route, node in handing_on:
        root = ET.fromstring(svgs[route.id])
        box = group(root, f"dg-{route.id}-then-{node.then}")
        assert "hb-dg-then" in box.get("class").split()
        assert text_of(box) == spaced(f"THEN {title_of(book.routes.route(node.then))}")
        assert box.find(f".//{SVG}a").get(f"{XLINK}href") == f"#{node.then}"
        edge = group(root, f"dg-{route.id}-{node.id}--then-{node.then}")
        assert "hb-dg-edge--then" in edge.get("class").split()
        assert edge.find(f".//{SVG}path").get("stroke-dasharray"), "the hand-on line is dashed"


def shape(box: ET.Element) -> tuple:
    """What the box looks like without colour: its outline's element, corners and line weight."""
    outline = next(el for el in box.iter() if el.tag in (f"{SVG}polygon", f"{SVG}path"))
    corners = len(re.findall(r"-?[\d.]+,-?[\d.]+", outline.get("points") or outline.get("d")))
    return outline.tag, corners if outline.tag == f"{SVG}polygon" else "curved", outline.get("stroke-width")


def test_kinds_differ_in_shape_not_only_colour(book, svgs):
    shapes: dict[str, set] = {}
    for route in book.routes.routes:
        root = ET.fromstring(svgs[route.id])
        for node in route.nodes:
            box = group(root, f"dg-{route.id}-{node.id}")
            assert f"hb-dg-{node.kind}" in box.get("class").split()
            shapes.setdefault(node.kind, set()).add(shape(box))
    assert set(shapes) == {"question", "action", "outcome"}
    assert all(len(s) == 1 for s in shapes.values()), shapes  # one shape a kind
    assert len({s for kind in shapes.values() for s in kind}) == 3, shapes  # and three kinds


def test_every_box_links_to_its_step_with_a_name(book, svgs):
    for route in book.routes.routes:
        root = ET.fromstring(svgs[route.id])
        for node in route.nodes:
            links = group(root, f"dg-{route.id}-{node.id}").findall(f".//{SVG}a")
            assert [a.get(f"{XLINK}href") for a in links] == [f"#{node.id}"]
        for a in root.iter(f"{SVG}a"):
            title = a.find(f"{SVG}title")
            assert title is not None and title.text and a.get(f"{XLINK}title") == title.text
            assert a.get("tabindex") == "-1", "the step list below has the keyboard's links"


def test_keyboard_links_are_in_the_tab_order_of_a_group(book):
    root = ET.fromstring(render(book, book.routes.routes[0], keyboard_links=True))
    assert root.get("role") == "group"
    assert all(a.get("tabindex") is None for a in root.iter(f"{SVG}a"))


def test_ids_are_unique_across_the_diagrams_and_apart_from_the_steps(book, svgs):
    ids = Counter(el.get("id") for svg in svgs.values() for el in ET.fromstring(svg).iter() if el.get("id"))
    assert ids and max(ids.values()) == 1, [i for i, n in ids.items() if n > 1]
    anchors = {node.id for route in book.routes.routes for node in route.nodes} | set(book.index)
    assert not anchors & set(ids)
    for route_id, svg in svgs.items():
        assert all(i.startswith(f"dg-{route_id}-") for i in (el.get("id") for el in ET.fromstring(svg).iter())
                   if i), route_id


def test_a_changed_role_title_shows_in_the_diagram(book, svgs):
    route = book.routes.route("route-3.1")
    original = book.settings.role("designated-named-professional").title
    changed = render(book, route, role_title=lambda r: "Named Nurse for Safeguarding (Northshire)"
                     if r == "designated-named-professional" else book.settings.role(r).title)
    box = text_of(group(ET.fromstring(changed), "dg-route-3.1-r3.1-named"))
    assert "Named Nurse for Safeguarding (Northshire)" in box
    assert original not in box and original in text_of(group(ET.fromstring(svgs["route-3.1"]), "dg-route-3.1-r3.1-named"))


def test_the_same_route_gives_the_same_bytes(book, svgs):
    for route in book.routes.routes:
        assert render(book, route) == svgs[route.id], route.id


def test_the_wrapper_is_a_named_focusable_scroll_frame_with_a_key(book):
    route = book.routes.route("route-3.3")
    html = diagram_html(route, role_title=role_titles(book), step_number=Layout.of(Graph.of(route)).number,
                        then_title=lambda r: title_of(book.routes.route(r)), title=title_of(route))
    assert re.search(r'<div class="hb-diagram__frame" tabindex="0" role="region" '
                     r'aria-label="Diagram: Route 3.3: A decision at a child protection conference">', html)
    assert html.count("<svg ") == 5  # the diagram and the key's four shapes (3.3 hands on)
    assert "style=" not in html
    for word in ("question", "action", "outcome", "on to another route"):
        assert f"</svg>{word}</span>" in html


def test_there_is_a_card_for_every_route(book):
    assert sorted(CARDS) == sorted(book.routes.entry.options)


def test_a_route_card_shows_the_contact_details_a_partnership_sets(book):
    from types import SimpleNamespace

    from macros.render.diagram import route_card
    from macros.render.links import Context, page_url
    from macros.render.templating import render as render_template
    route = book.routes.route("route-3.2")
    head = SimpleNamespace(title="Head of Safeguarding (Northshire)",
                           contact=SimpleNamespace(phone="01234 567890", email="safeguarding@northshire.example",
                                                   address=None, web=None, hours="Monday to Friday, 9am to 5pm"))
    card = route_card(route, every_step=book.routes.every_step,
                      role=lambda r: head if r == "head-of-unit" else book.settings.role(r),
                      paragraph=lambda cite: book[cite].number, step_number=Layout.of(Graph.of(route)).number,
                      then_title=lambda r: title_of(book.routes.route(r)), title=title_of(route))
    ctx = Context.of(book, page_url(CARDS["route-3.2"].page, True), True)
    html = str(render_template("route_card.html", ctx, route=route, card=card, svg=Markup(card.svg)))
    assert "Phone: 01234 567890" in html and "Hours: Monday to Friday, 9am to 5pm" in html
    assert '<p class="hb-card__role">Head of Safeguarding (Northshire)</p>' in html
    assert "Contact the Head of Safeguarding (Northshire) to request a conference" in text_of(
        ET.fromstring(card.svg))
    assert "style=" not in html
    # The card has no step list: its diagram says where the steps are in words, and links there.
    assert "The steps are listed in full on the handbook’s routes page" in card.svg
    assert '<a href="../../../escalation/routes/#route-3.2">' in html


def test_html_looking_and_non_ascii_text_is_shown_as_text():
    from types import SimpleNamespace as N

    def node(node_id, kind, label, edges=(), then=None):
        return N(id=node_id, kind=kind, label=label, then=then, edges=lambda: list(edges))

    route = N(id="route-x", start="a", nodes=[
        node("a", "question", '<script>alert("x")</script> & {role} — Ünïcødé', [("Yes <b>", "b"), ("No & so", "c")]),
        node("b", "outcome", "A" * 80), node("c", "outcome", "End", then="route-y")])
    svg = route_svg(route, role_title=lambda r: "R&D <lead>", step_number={"a": 1, "b": 2, "c": 3},
                    then_title=lambda r: "Route Y <z>")
    assert "<script" not in svg and "<b>" not in svg and "<lead>" not in svg
    root = ET.fromstring(svg)
    assert text_of(group(root, "dg-route-x-a")) == '1 QUESTION <script>alert("x")</script> & R&D <lead> — Ünïcødé'
    assert text_of(group(root, "dg-route-x-a--b")) == "Yes <b>"
    assert text_of(group(root, "dg-route-x-then-route-y")) == "THEN Route Y <z>"
