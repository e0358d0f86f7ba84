"""Escalation routes drawn as flowcharts at build time: semantic HTML and CSS, no diagram script.

Each route is an ordered list of rows. A row holds one box of the route's spine (its longest
way through, see routes.Graph) and, beside it, the boxes that branch off there. Every box says
in words where each answer leads ("Yes → step 3"), so the text alone is the whole chart; the
drawn arrows are decoration for sighted readers (aria-hidden).
"""
from __future__ import annotations

from dataclasses import dataclass

from macros.model.routes import PLACEHOLDER, Graph, Quote, Route, RouteNode

from .links import Context, title_of
from .currency import cite
from .html import block, heading, inline, link, note, tag

KIND = {"question": "Question", "action": "Action", "outcome": "Outcome"}
HIDDEN = {"aria-hidden": "true"}  # drawn arrows: the words beside them already say it


def filled(ctx: Context, text: str) -> str:
    """A handbook label with its {role} slots filled with the partnership's titles."""
    settings = ctx.book.settings
    return PLACEHOLDER.sub(lambda m: settings.role(m.group(1)).title, text)


def label(ctx: Context, text: str) -> str:
    return inline(filled(ctx, text))


def paragraph_link(ctx: Context, paragraph_id: str) -> str:
    return link(ctx.url(paragraph_id), ctx.book[paragraph_id].number, "hb-para")


def quoted(ctx: Context, quote: Quote) -> str:
    """The procedure's words, in quotation marks, with the number of the paragraph they are from."""
    return f"“{inline(ctx.words(quote.text))}” {paragraph_link(ctx, quote.cite)}"


def contacts(ctx: Context, role_ids: list[str]) -> str:
    return "; ".join(inline(ctx.book.settings.role(r).title) for r in role_ids)


@dataclass(frozen=True)
class Layout:
    """Which row each node sits in, and its step number (rows top to bottom, spine first)."""

    rows: list[list[str]]
    number: dict[str, int]

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
        return cls(rows, {node_id: i + 1 for i, node_id in enumerate(order)})


def node_box(ctx: Context, route: Route, node: RouteNode, layout: Layout) -> str:
    head = tag("p", tag("span", str(layout.number[node.id]), "hb-node__num") + " "
               + tag("span", KIND[node.kind], "hb-node__kind"), "hb-node__head")
    parts = [head, tag("p", label(ctx, node.label), "hb-node__label"),
             tag("blockquote", "".join(tag("p", quoted(ctx, q)) for q in node.says), "hb-node__says")]
    if node.contact:
        parts.append(tag("p", tag("span", "Contact: ", "hb-node__key") + contacts(ctx, node.contact),
                         "hb-node__contact"))
    for q in node.record:
        parts.append(tag("p", tag("span", "Record: ", "hb-node__key") + quoted(ctx, q), "hb-node__record"))
    parts.append(note(node.note))
    parts.append(ways_on(ctx, route, node, layout))
    return tag("div", "".join(parts), f"hb-node hb-node--{node.kind}", id=node.id)


def ways_on(ctx: Context, route: Route, node: RouteNode, layout: Layout) -> str:
    """Where the box leads, in words: the text equivalent of its arrows."""
    if node.kind == "outcome":
        then = ""
        if node.then:
            then = f" Then: {ctx.link(node.then)}."
        return tag("p", f"End of this route.{then}", "hb-node__end")
    items = []
    for answer, target in node.edges():
        step = layout.number[target]
        goto = tag("span", "go to ", "hb-sr-only") + f"step {step}"
        name = tag("span", f": {label(ctx, route.node(target).label)}", "hb-sr-only")
        said = tag("span", inline(answer), "hb-edge") + " " if answer else ""
        items.append(tag("li", said + tag("span", "→ ", **HIDDEN) + link(f"#{target}", goto + name)))
    return tag("ul", "".join(items), "hb-node__next")


def flowchart(ctx: Context, route: Route) -> str:
    """One route as boxes and arrows; each box is anchored by its node id."""
    graph = Graph.of(route)
    layout = Layout.of(graph)
    rows = []
    for i, row in enumerate(layout.rows):
        spine_id, side = row[0], row[1:]
        spine = route.node(spine_id)
        row_html = tag("div", node_box(ctx, route, spine, layout), "hb-flow__main")
        if side:
            stack, above = [], spine_id
            for node_id in side:
                into = edge_label(route.node(above), node_id)
                if into is not None:
                    stack.append(arrow("across" if above == spine_id else "down", into))
                stack.append(node_box(ctx, route, route.node(node_id), layout))
                above = node_id
            row_html += tag("div", "".join(stack), "hb-flow__side")
        if i + 1 < len(layout.rows):
            # After the branch in reading order; drawn under the main column (see escalation.css).
            row_html += arrow("down", edge_label(spine, layout.rows[i + 1][0]))
        rows.append(tag("li", row_html, "hb-flow__row" + (" hb-flow__row--branch" if side else "")))
    return tag("ol", "".join(rows), "hb-flow", **{"aria-label": f"Flowchart: {title_of(route)}"})


def edge_label(node: RouteNode, target: str) -> str | None:
    """The answer that leads from node to target ('' for an action's way on), or None."""
    return next(((answer or "") for answer, t in node.edges() if t == target), None)


def arrow(direction: str, text: str | None) -> str:
    caption = tag("span", inline(text), "hb-arrow__label") if text else ""
    return tag("div", caption, f"hb-arrow hb-arrow--{direction}", **HIDDEN)


# --- what stands at every step ------------------------------------------------------------

def risk_exit_box(ctx: Context) -> str:
    risk = ctx.book.routes.every_step.risk
    url = ctx.book.settings.partnership.procedures_url
    procedures = ""
    if url:
        procedures = tag("p", link(url, f"The {inline(ctx.book.settings.partnership.name)}’s child protection "
                                        f"procedures"))
    body = (tag("p", tag("strong", inline(risk.question)) + " " + tag("span", "Yes → ", **HIDDEN)
                + tag("span", "If yes: ", "hb-sr-only") + inline(risk.label), "hb-every__risk-line")
            + tag("blockquote", "".join(tag("p", quoted(ctx, q)) for q in risk.says), "hb-node__says")
            + procedures)
    return tag("div", body, "hb-every__risk", id=risk.id)


def every_step(ctx: Context) -> str:
    """The risk exit, the record and what to be clear about: at every step of every route."""
    every = ctx.book.routes.every_step
    record = tag("div", tag("p", tag("strong", inline(every.record.label)), "hb-every__title")
                 + "".join(tag("p", quoted(ctx, q)) for q in every.record.says), "hb-every__record")
    clear = tag("div", tag("p", tag("strong", inline(every.be_clear.label)) + " "
                           + paragraph_link(ctx, every.be_clear.says[0].cite), "hb-every__title")
                + tag("ul", "".join(tag("li", inline(f.label)) for f in every.be_clear.fields)),
                "hb-every__clear")
    return tag("aside", tag("p", "At every step", "hb-every__heading") + risk_exit_box(ctx)
               + tag("div", record + clear, "hb-every__more"), "hb-every", **{"aria-label": "At every step"})


def legend() -> str:
    boxes = "".join(tag("li", tag("span", KIND[k], f"hb-legend__box hb-node--{k}")) for k in KIND)
    return tag("div", tag("p", "How to read the flowcharts: each box is a question, an action or an outcome, "
                               "numbered in order. The words in bold are the handbook’s summary; the words "
                               "in quotation marks are the procedure’s own, with the number of the paragraph "
                               "they come from (a link to it). Under each box, “Yes → step 3” says where each "
                               "answer leads.")
               + tag("ul", boxes, "hb-legend__kinds"), "hb-legend")


def route_intro(ctx: Context, route: Route) -> str:
    covered = ctx.book[route.covers]
    return tag("p", f"The procedure’s {ctx.link(covered.id)}"
                    + (f", {inline(covered.example)}" if getattr(covered, "example", None) else "") + ".",
               "hb-route__covers")


# --- the routes page ----------------------------------------------------------------------

def routes_page(ctx: Context) -> str:
    data = ctx.book.routes
    partnership = inline(ctx.book.settings.partnership.name)
    out = [block(tag("p", f"The escalation procedure of the {partnership} as five flowcharts: one for each "
                          f"of the four specific processes and one for any other disagreement. "
                          f"{link(ctx.href('escalation/navigator.md'), 'The navigator')} walks you through "
                          f"them one question at a time.") + legend() + every_step(ctx))]
    contact_list = contact_details(ctx)
    if contact_list:
        out.append(heading(2, "Contacts", "route-contacts") + block(contact_list))
    for route_id in data.entry.options:
        route = data.route(route_id)
        out.append(heading(2, title_of(route), route.id))
        out.append(block(tag("section", route_intro(ctx, route) + compact_every_step(ctx) + flowchart(ctx, route)
                             + cite(route, ctx),
                             "hb-route")))
    return "".join(out)


def compact_every_step(ctx: Context) -> str:
    """The risk exit again at the top of each chart, so a printed page stands on its own."""
    risk = ctx.book.routes.every_step.risk
    cites = ", ".join(paragraph_link(ctx, q.cite) for q in risk.says)
    return tag("p", tag("strong", "At every step: " + inline(risk.question)) + " "
               + tag("span", "Yes → ", **HIDDEN) + tag("span", "If yes: ", "hb-sr-only")
               + inline(risk.label) + f" ({cites}).", "hb-route__risk")


def contact_details(ctx: Context) -> str:
    """The roles a partnership has given contact details, as a list (empty when none has)."""
    items = []
    for role in ctx.book.settings.roles:
        details = [(k, v) for k, v in role.contact.model_dump().items() if v]
        if details:
            facts = "".join(tag("li", f"{k.capitalize()}: {contact_value(k, v)}") for k, v in details)
            items.append(tag("li", tag("strong", inline(role.title)) + tag("ul", facts)))
    return tag("ul", "".join(items), "hb-contacts") if items else ""


def contact_value(kind: str, value: str) -> str:
    if kind == "email":
        return link(f"mailto:{value}", inline(value))
    if kind == "web":
        return link(value, inline(value))
    return inline(value)


def route_links(ctx: Context, item) -> str:
    """Links from a part or process of the procedure to the flowchart of its route."""
    routes = [r for r in ctx.book.routes.routes if r.covers == item.id]
    return "".join(tag("p", f"As a flowchart: {ctx.link(r.id)}", "hb-xref") for r in routes)
