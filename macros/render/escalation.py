"""The escalation navigator and the escalation record: pages that work without JavaScript (the
flowcharts; a printable blank form) and that their scripts enhance.

The navigator's script reads one JSON block holding every step, already rendered to HTML here
(escaped, with local names and paragraph links), so it never builds text of its own.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from macros.model.routes import Graph, Route, RouteNode

from .flowchart import contact_details, filled, labels, layouts
from .html import block, inline, plain
from .links import Context, title_of
from .templating import render


# --- the navigator --------------------------------------------------------------------------

def navigator_page(ctx: Context) -> str:
    data = ctx.book.routes
    # Safe in a script element: no "</" can close it early.
    payload = json.dumps(navigator_data(ctx.from_page()), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return block(render("navigator.html", ctx, route_ids=data.entry.options, layouts=layouts(ctx),
                        labels=labels(ctx), payload=Markup(payload)))


def navigator_data(ctx: Context) -> dict:
    """Each step's place in its route and where its answers lead. A route step's words are
    its box in the flowchart on the same page (the script shows that box's parts), so only the
    first question and the risk exit, which have no box, carry theirs here."""
    data = ctx.book.routes
    every = data.every_step
    steps = {
        data.entry.id: {"kind": "question", "label": inline(data.entry.label),
                        "says": render("nav_says.html", ctx, quotes=data.entry.says),
                        "answers": [{"label": render("nav_choice.html", ctx, route=data.route(r)),
                                     "to": data.route(r).start}
                                    for r in data.entry.options]},
        every.risk.id: {"kind": "outcome", "label": inline(every.risk.label),
                        "says": render("nav_says.html", ctx, quotes=every.risk.says),
                        "back": data.entry.id, "record": plain(every.risk.label) + " ("
                        + ", ".join(ctx.book[q.cite].number for q in every.risk.says) + ")"}}
    for route in data.routes:
        steps.update(route_steps(ctx, route, data.entry.id))
    return {
        "start": data.entry.id,
        "steps": steps,
        "routes": {r.id: {"name": title_of(r), "title": inline(title_of(r)),
                          "covers": render("route_intro.html", ctx, route=r), "size": len(r.nodes)}
                   for r in data.routes},
        "record": render("nav_record.html", ctx),
        "clear": render("nav_clear.html", ctx),
    }


def route_steps(ctx: Context, route: Route, entry_id: str) -> dict:
    graph = Graph.of(route)
    before = {}
    for node_id in graph.order:
        for _answer, target in route.node(node_id).edges():
            before.setdefault(target, node_id)
    return {node.id: step(ctx, route, node, before.get(node.id, entry_id)) for node in route.nodes}


def step(ctx: Context, route: Route, node: RouteNode, back: str) -> dict:
    settings = ctx.book.settings
    out = {"kind": node.kind, "route": route.id, "back": back,
           "answers": [{"label": inline(a or "Next step"), "to": t} for a, t in node.edges()],
           "record": record_text(ctx, route, node),
           "withWhom": "; ".join(settings.role(r).title for r in node.contact)}
    if any(settings.role(r).contact.model_dump(exclude_none=True) for r in node.contact):
        out["contact"] = render("nav_contacts.html", ctx, contacts=contact_details(ctx, node.contact))
    if node.then:
        out["then"] = {"label": inline(title_of(ctx.book[node.then])), "to": ctx.book[node.then].start}
    return out


def record_text(ctx: Context, route: Route, node: RouteNode) -> str:
    """How a step is named in the escalation record: plain text, with its paragraph numbers."""
    cites = ", ".join(dict.fromkeys(ctx.book[q.cite].number for q in node.says))
    return f"{title_of(route)} – {plain(filled(ctx, node.label))} ({cites})"


# --- the escalation record ------------------------------------------------------------------

def escalation_record_page(ctx: Context) -> str:
    return block(render("record_form.html", ctx))
