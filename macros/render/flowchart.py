"""Escalation routes drawn as flowcharts at build time: semantic HTML and CSS, no diagram script.

Each route is an ordered list of rows. A row holds one box of the route's spine (its longest
way through, see routes.Graph) and, beside it, the boxes that branch off there. Every box says
in words where each answer leads ("Yes → step 3"), so the text alone is the whole chart; the
drawn arrows are decoration for sighted readers (aria-hidden). The templates (flowchart.html,
route_node.html) lay out what the Layout works out here.
"""
from __future__ import annotations

from dataclasses import dataclass

from macros.model.routes import PLACEHOLDER, Graph, RouteNode

from .diagram import diagram_html
from .html import block, heading
from .links import Context, title_of
from .templating import render


def filled(ctx: Context, text: str) -> str:
    """A handbook label with its {role} slots filled with the partnership's titles."""
    settings = ctx.book.settings
    return PLACEHOLDER.sub(lambda m: settings.role(m.group(1)).title, text)


def labels(ctx: Context) -> dict[str, str]:
    """Every route node's label, filled (the boxes name the boxes their answers lead to)."""
    return {node.id: filled(ctx, node.label) for route in ctx.book.routes.routes for node in route.nodes}


@dataclass(frozen=True)
class Layout:
    """Which row each node sits in, its step number (rows top to bottom, spine first), and what
    the arrow into it says: the answer that leads to it from the box drawn before it ('' for an
    action's way on; None where that box does not lead to it, and no arrow is drawn)."""

    rows: list[list[str]]
    number: dict[str, int]
    into: dict[str, str | None]

    @classmethod
    def of(cls, graph: Graph) -> Layout:
        route = graph.route
        rows = [[node_id] for node_id in graph.spine]
        row_of = {node_id: i for i, node_id in enumerate(graph.spine)}
        for node_id in graph.order:
            if node_id not in row_of:
                # Beside the lowest box that leads to it, so every arrow points down or across.
                before = max((p for p in row_of if node_id in [t for _l, t in route.node(p).edges()]),
                             key=lambda p: row_of[p])
                row_of[node_id] = row_of[before]
                rows[row_of[before]].append(node_id)
        order = [node_id for row in rows for node_id in row]
        into = {}
        for i, row in enumerate(rows):
            # The box before a row's first box is the one above it: the spine of the row above.
            for node_id, prev in zip(row, [rows[i - 1][0] if i else None] + row):
                if prev is not None:
                    into[node_id] = edge_label(route.node(prev), node_id)
        return cls(rows, {node_id: i + 1 for i, node_id in enumerate(order)}, into)


def edge_label(node: RouteNode, target: str) -> str | None:
    """The answer that leads from node to target ('' for an action's way on), or None."""
    return next(((answer or "") for answer, t in node.edges() if t == target), None)


def layouts(ctx: Context) -> dict[str, Layout]:
    return {route.id: Layout.of(Graph.of(route)) for route in ctx.book.routes.routes}


def every_step(ctx: Context) -> str:
    """The risk exit, the record and what to be clear about: at every step of every route."""
    return render("every_step.html", ctx)


def contact_details(ctx: Context, role_ids: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each role's title and the contact details the partnership has set for it."""
    roles = [ctx.book.settings.role(r) for r in role_ids]
    return [(role.title, [(k, v) for k, v in role.contact.model_dump().items() if v]) for role in roles]


# --- the routes page ----------------------------------------------------------------------

def routes_page(ctx: Context) -> str:
    data = ctx.book.routes
    out = [block(render("routes_intro.html", ctx))]
    contacts = [(title, details) for title, details in contact_details(ctx, [r.id for r in ctx.book.settings.roles])
                if details]
    if contacts:
        out.append(heading(2, "Contacts", "route-contacts") + block(render("contacts.html", ctx, contacts=contacts)))
    charts, names = layouts(ctx), labels(ctx)
    for route_id in data.entry.options:
        route = data.route(route_id)
        out.append(heading(2, title_of(route), route.id)
                   + block(render("route_section.html", ctx, route=route, layout=charts[route_id], labels=names,
                                  diagram=route_diagram(ctx, route, charts[route_id]))))
    return "".join(out)


def route_diagram(ctx: Context, route, layout: Layout) -> str:
    """The route laid out by Graphviz (diagram.py), numbered as its step list is."""
    return diagram_html(route, role_title=lambda r: ctx.book.settings.role(r).title, step_number=layout.number,
                        then_title=lambda r: title_of(ctx.book.routes.route(r)), title=title_of(route))
