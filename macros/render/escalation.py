"""The escalation navigator and the escalation record: pages that work without JavaScript (the
flowcharts; a printable blank form) and that their scripts enhance.

The navigator's script reads one JSON block holding every step, already rendered to HTML here
(escaped, with local names and paragraph links), so it never builds text of its own.
"""
from __future__ import annotations

import json
from html import escape

from macros.model.routes import Graph, Quote, Route, RouteNode

from .links import Context, title_of
from .flowchart import (compact_every_step, contact_value, every_step, filled, flowchart, legend, paragraph_link,
                        quoted, route_intro)
from .html import block, inline, link, plain, tag

BUTTON = "md-button"


# --- the navigator --------------------------------------------------------------------------

def navigator_page(ctx: Context) -> str:
    data = ctx.book.routes
    risk = data.every_step.risk
    tool = (tag("p", "", "hb-sr-only", id="hb-nav-status", **{"aria-live": "polite"})
            + tag("div", tag("p", tag("strong", inline(risk.question), id=data.entry.id) + " "
                             + link(f"#{risk.id}", "Yes, a child is at risk now", f"{BUTTON} hb-nav__risk-button"),
                             "hb-nav__risk-line"), "hb-nav__risk")
            + tag("div", "", "hb-nav__step", id="hb-nav-step")
            # Spaced, so that search reads the buttons' words apart (the flex layout ignores it).
            + tag("div", " ".join([tag("button", "Back", BUTTON, type="button", id="hb-nav-back"),
                                   tag("a", "Start again", BUTTON, href=f"#{data.entry.id}", id="hb-nav-again"),
                                   tag("a", "Start a record of this", f"{BUTTON} {BUTTON}--primary",
                                       href=ctx.href("escalation/record.md"), id="hb-nav-record")]),
                  "hb-nav__controls"))
    charts = "".join(tag("section", tag("h2", inline(title_of(route))) + route_intro(ctx, route)
                         + compact_every_step(ctx) + flowchart(ctx, route), "hb-route")
                     for route in (data.route(r) for r in data.entry.options))
    # A figure (the flowcharts are one), so that search leaves it out: Material's exclusion
    # ends at the first closing tag of the same name, and no figure is nested inside.
    fallback = tag("figure", tag("p", "Every route is shown below as a flowchart. With JavaScript on, this page "
                                      "asks one question at a time instead.") + legend() + every_step(ctx) + charts,
                   "hb-nav-fallback", id="hb-nav-fallback", **{"data-search-exclude": ""})
    payload = json.dumps(navigator_data(ctx), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return block(tag("div", tool, "hb-nav", id="hb-navigator", hidden="hidden") + fallback
                 + f'<script type="application/json" id="hb-navigator-data">{payload}</script>')


def navigator_data(ctx: Context) -> dict:
    """Each step's place in its route and where its answers lead. A route step's words are
    its box in the flowchart on the same page (the script shows that box's parts), so only the
    first question and the risk exit, which have no box, carry theirs here."""
    data = ctx.book.routes
    every = data.every_step
    steps = {
        data.entry.id: {"kind": "question", "label": inline(data.entry.label), "says": says(ctx, data.entry.says),
                        "answers": [{"label": route_choice(ctx, data.route(r)), "to": data.route(r).start}
                                    for r in data.entry.options]},
        every.risk.id: {"kind": "outcome", "label": inline(every.risk.label), "says": says(ctx, every.risk.says),
                        "back": data.entry.id, "record": plain(every.risk.label) + " ("
                        + ", ".join(ctx.book[q.cite].number for q in every.risk.says) + ")"}}
    for route in data.routes:
        steps.update(route_steps(ctx, route, data.entry.id))
    return {
        "start": data.entry.id,
        "steps": steps,
        "routes": {r.id: {"name": title_of(r), "title": inline(title_of(r)), "covers": route_intro(ctx, r),
                          "size": len(r.nodes)}
                   for r in data.routes},
        "record": tag("p", tag("strong", inline(every.record.label)) + " "
                      + " ".join(quoted(ctx, q) for q in every.record.says)),
        "clear": tag("ul", "".join(tag("li", inline(f.label)) for f in every.be_clear.fields))
                 + tag("p", f"From paragraph {paragraph_link(ctx, every.be_clear.says[0].cite)}.", "hb-small"),
    }


def route_choice(ctx: Context, route: Route) -> str:
    covered = ctx.book[route.covers]
    return inline(route.label) + " " + tag("span", f"({inline(title_of(covered))})", "hb-nav__covers")


def says(ctx: Context, quotes: list[Quote]) -> str:
    return tag("blockquote", "".join(tag("p", quoted(ctx, q)) for q in quotes), "hb-node__says")


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
        out["contact"] = tag("ul", "".join(tag("li", role_with_contact(ctx, r)) for r in node.contact))
    if node.then:
        out["then"] = {"label": inline(title_of(ctx.book[node.then])), "to": ctx.book[node.then].start}
    return out


def record_text(ctx: Context, route: Route, node: RouteNode) -> str:
    """How a step is named in the escalation record: plain text, with its paragraph numbers."""
    cites = ", ".join(dict.fromkeys(ctx.book[q.cite].number for q in node.says))
    return f"{title_of(route)} – {plain(filled(ctx, node.label))} ({cites})"


def role_with_contact(ctx: Context, role_id: str) -> str:
    role = ctx.book.settings.role(role_id)
    details = [f"{k.capitalize()}: {contact_value(k, v)}" for k, v in role.contact.model_dump().items() if v]
    return inline(role.title) + (tag("span", " – " + "; ".join(details), "hb-nav__contact") if details else "")


# --- the escalation record ------------------------------------------------------------------

def escalation_record_page(ctx: Context) -> str:
    data = ctx.book.routes
    partnership = ctx.book.settings.partnership
    privacy = tag("div", tag("p", "Entries stay on this device", "admonition-title")
                  + tag("p", "What you type here is saved in this browser, on this device, and nowhere else: "
                             "nothing is sent over the network. It is a working aid: the agency’s case record "
                             "remains the record. Print it or copy it into the case record, and export it to move "
                             "it to another device."), "admonition info hb-record__privacy", role="note")
    why = tag("div", tag("p", "What the procedure asks you to record", "hb-label")
              + "".join(tag("p", quoted(ctx, q)) for q in data.record_form.says), "hb-record__why")
    logo = (f'<img class="hb-record__logo" src="{escape(ctx.href(partnership.logo))}" '
            f'alt="{escape(partnership.name)}">' if partnership.logo else "")
    print_head = tag("div", logo + tag("p", f"Escalation record · {inline(partnership.name)} · "
                                            f"printed " + tag("span", "", **{"data-printed": ""})),
                     "hb-record__print-head")
    clear = data.every_step.be_clear
    clear_fields = "".join(
        tag("div", tag("label", inline(f.label), **{"for": f"hb-record-{f.id}"})
            + tag("p", quoted(ctx, f.says), "hb-record__hint", id=f"hb-record-{f.id}-hint")
            + tag("textarea", "", id=f"hb-record-{f.id}", rows="2",
                  **{"data-clear": f.id, "aria-describedby": f"hb-record-{f.id}-hint"}), "hb-record__field")
        for f in clear.fields)
    form = tag("form", print_head
               + tag("p", "", "hb-record__route", hidden="hidden", **{"data-route": ""})
               + tag("fieldset", tag("legend", f"{inline(clear.label)} (paragraph "
                                               f"{paragraph_link(ctx, clear.says[0].cite)})")
                     + tag("p", quoted(ctx, clear.says[0]), "hb-record__hint") + clear_fields, "hb-record__clear")
               + tag("section", tag("h2", "Log of stages", id="hb-record-log")
                     + tag("ol", stage_fields(ctx), "hb-record__stages", id="hb-record-stages")
                     + tag("button", "Add a stage", BUTTON, type="button", **{"data-action": "add"}),
                     "hb-record__log", **{"aria-labelledby": "hb-record-log"}),
               "hb-record__form", id="hb-record-form", novalidate="novalidate",
               **{"aria-label": "Escalation record"})
    tools = tag("div", "".join(tag("button", text, BUTTON, type="button", **{"data-action": action})
                               for action, text in (("export", "Export (JSON file)"), ("import", "Import a JSON file"),
                                                    ("print", "Print"), ("clear", "Clear this record")))
                + tag("input", "", type="file", accept=".json,application/json", hidden="hidden",
                      id="hb-record-file", **{"aria-label": "JSON file to import"}),
                "hb-record__tools", hidden="hidden")
    status = (tag("p", "", "hb-record__status", role="status", **{"aria-live": "polite"})
              + tag("p", "", "hb-record__error", role="alert"))
    nojs = tag("p", "This form saves, exports and imports with JavaScript, which is off or unavailable here; "
                    "you can still print it as a blank form.", "hb-record__nojs")
    return block(tag("div", privacy + why + nojs + tools + status + form, "hb-record", id="hb-record"))


def stage_fields(ctx: Context) -> str:
    """One stage of the log; the script copies it for each stage and renumbers its ids."""
    fields = []
    for f in ctx.book.routes.record_form.stages:
        field_id = f"hb-stage-1-{f.id}"
        lab = tag("label", inline(f.label), **{"for": field_id})
        prefill = f' data-prefill="{f.prefill}"' if f.prefill else ""
        if f.type == "textarea":
            control = tag("textarea", "", id=field_id, rows="2", **{"data-field": f.id, "data-prefill": f.prefill})
        else:
            control = f'<input type="{f.type}" id="{field_id}" data-field="{f.id}"{prefill}>'
        order = (control + lab) if f.type == "checkbox" else (lab + control)
        fields.append(tag("div", order, f"hb-record__field hb-record__field--{f.type}"))
    body = (tag("legend", "Stage " + tag("span", "1", **{"data-number": ""}))
            + tag("p", "", "hb-record__step", hidden="hidden", **{"data-step": ""})
            + "".join(fields)
            + tag("button", "Remove this stage", f"{BUTTON} hb-record__remove", type="button",
                  **{"data-action": "remove"}))
    return tag("li", tag("fieldset", body), "hb-record__stage", **{"data-stage": ""})
