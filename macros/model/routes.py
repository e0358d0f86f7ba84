"""The escalation procedure as decision graphs (data/escalation_routes.yml), and their checks.

A route is a graph of questions, actions and outcomes. The graph and its short labels are the
handbook's (its own voice); what each node *says* is quoted from the procedure, word for word,
with the paragraph it comes from. Above every step stands the risk exit (1.4, 1.5).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from .loading import Problem
from .shapes import Cited, EscParagraph, Id, Model, Text, ref

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9.-]*)\}")


class Quote(Model):
    """The procedure's own words: an exact extract of the paragraph it cites."""

    cite: ref("EscParagraph")
    text: Text


class Answer(Model):
    label: Text  # the handbook's words
    next: Id


class RouteNode(Model):
    """One step. `label` is the handbook's short wording (a role may be named as {role-id},
    shown with the partnership's title); `says` quotes the procedure."""

    id: Id
    kind: Literal["question", "action", "outcome"]
    label: Text
    says: list[Quote] = Field(min_length=1)
    contact: list[Id] = []
    record: list[Quote] = []
    answers: list[Answer] = []
    next: Id | None = None
    then: ref("Route") | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _edges_fit_the_kind(self):
        if self.kind == "question" and (len(self.answers) < 2 or self.next):
            raise ValueError("a question needs two or more 'answers' and no 'next'")
        if self.kind == "action" and (not self.next or self.answers):
            raise ValueError("an action needs 'next' and no 'answers'")
        if self.kind == "outcome" and (self.next or self.answers):
            raise ValueError("an outcome ends its route: no 'next' or 'answers'")
        if self.then and self.kind != "outcome":
            raise ValueError("only an outcome may lead on to another route ('then')")
        return self

    def edges(self) -> list[tuple[str | None, str]]:
        """(answer label, or None for an action's single way on; target id)."""
        return [(a.label, a.next) for a in self.answers] or ([(None, self.next)] if self.next else [])


class Route(Cited):
    label: Text  # the handbook's name for the situation, e.g. "A referral or an enquiry"
    covers: ref("EscPart", "EscProcess")
    start: Id
    nodes: list[RouteNode]

    def node(self, node_id: str) -> RouteNode:
        return next(n for n in self.nodes if n.id == node_id)


class RiskExit(Model):
    id: Id
    question: Text  # the handbook's words
    label: Text  # the handbook's words
    says: list[Quote] = Field(min_length=1)


class ClearField(Model):
    """One of the four things 1.7 asks the person raising an escalation to be clear about."""

    id: Id
    label: Text  # the handbook's words, addressed to the reader
    says: Quote


class BeClear(Model):
    label: Text
    says: list[Quote] = Field(min_length=1)
    fields: list[ClearField] = Field(min_length=1)


class Reminder(Model):
    label: Text
    says: list[Quote] = Field(min_length=1)


class EveryStep(Model):
    """What stands at every step of every route."""

    risk: RiskExit
    record: Reminder
    be_clear: BeClear


class StageField(Model):
    id: Id
    label: Text  # the handbook's words
    type: Literal["date", "text", "textarea", "checkbox"]
    # What the navigator fills in when it starts a stage: today's date, or the step's contacts.
    prefill: Literal["today", "contacts"] | None = None


class RecordForm(Model):
    says: list[Quote] = Field(min_length=1)
    stages: list[StageField] = Field(min_length=1)


class RouteChoice(Model):
    """The first question: which route applies."""

    id: Id
    label: Text
    says: list[Quote] = Field(min_length=1)
    options: list[ref("Route")] = Field(min_length=1)


class RoutesFile(Model):
    made_by: Literal["handbook"]
    entry: RouteChoice
    every_step: EveryStep
    record_form: RecordForm
    routes: list[Route]

    def route(self, route_id: str) -> Route:
        return next(r for r in self.routes if r.id == route_id)


# --- the graph ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Graph:
    """A route's nodes in an order where every edge points down the page, and its spine: the
    longest way through (each question follows its further-escalating answer), which the
    flowchart draws as the main column."""

    route: Route
    order: list[str]
    spine: list[str]

    @classmethod
    def of(cls, route: Route) -> Graph:
        order = _topological(route)
        longest: dict[str, int] = {}
        for node_id in reversed(order):
            targets = [t for _label, t in route.node(node_id).edges()]
            longest[node_id] = 1 + max((longest[t] for t in targets), default=0)
        spine, here = [route.start], route.node(route.start)
        while here.edges():
            # Ties go to the later answer: routes list the answer that escalates further last.
            best = max(reversed([t for _l, t in here.edges()]), key=lambda t: longest[t])
            spine.append(best)
            here = route.node(best)
        return cls(route, order, spine)


def _topological(route: Route) -> list[str]:
    """Depth-first from the start; the checks have already ruled out cycles."""
    seen: list[str] = []

    def visit(node_id: str):
        if node_id in seen:
            return
        for _label, target in route.node(node_id).edges():
            visit(target)
        seen.append(node_id)

    visit(route.start)
    return list(reversed(seen))


def quotes(data: RoutesFile) -> Iterator[tuple[tuple, str | None, Quote]]:
    """Every quotation in the file: (path, owning node id, quote)."""
    entry, every = data.entry, data.every_step
    for i, q in enumerate(entry.says):
        yield ("entry", "says", i), entry.id, q
    for i, q in enumerate(every.risk.says):
        yield ("every_step", "risk", "says", i), every.risk.id, q
    for i, q in enumerate(every.record.says):
        yield ("every_step", "record", "says", i), None, q
    for i, q in enumerate(every.be_clear.says):
        yield ("every_step", "be_clear", "says", i), None, q
    for i, f in enumerate(every.be_clear.fields):
        yield ("every_step", "be_clear", "fields", i, "says"), f.id, f.says
    for i, q in enumerate(data.record_form.says):
        yield ("record_form", "says", i), None, q
    for r, route in enumerate(data.routes):
        for n, node in enumerate(route.nodes):
            for field in ("says", "record"):
                for i, q in enumerate(getattr(node, field)):
                    yield ("routes", r, "nodes", n, field, i), node.id, q


# --- checks run at load ---------------------------------------------------------------------

def check(book) -> list[Problem]:
    """The graphs are sound: every edge lands on a node of its route, every node is reached
    from the start, no route loops back on itself, every quotation is the cited paragraph's
    own words, every contact is a role in the settings, and every route is offered."""
    loaded = book.loaded["escalation_routes.yml"]
    data: RoutesFile | None = loaded.model
    if data is None:
        return []
    problems: list[Problem] = []

    def problem(path: tuple, item: str | None, message: str):
        problems.append(loaded.problem(path, item, message))

    for path, owner, quote in quotes(data):
        paragraph = book.index.get(quote.cite)
        if isinstance(paragraph, EscParagraph) and quote.text not in paragraph.text:
            problem(path + ("text",), owner, f"says: not the words of {quote.cite}: '{quote.text[:60]}'")

    settings = book.loaded["settings.yml"].model
    roles = {r.id for r in settings.roles} if settings else None
    ids = {data.entry.id: ("entry", "id"), data.every_step.risk.id: ("every_step", "risk", "id")}
    for r, route in enumerate(data.routes):
        covered = book.index.get(route.covers)
        if covered is not None and getattr(covered, "number", None) != route.section:
            problem(("routes", r, "section"), route.id,
                    f"section '{route.section}' is not that of {route.covers} ({covered.number})")
        for n, node in enumerate(route.nodes):
            at = ("routes", r, "nodes", n)
            if node.id in ids or node.id in book.index:
                problem(at + ("id",), node.id, "duplicate id (node ids are anchors: unique in the handbook)")
            ids[node.id] = at
            if roles is not None:
                for c, role in enumerate(node.contact):
                    if role not in roles:
                        problem(at + ("contact", c), node.id, f"contact: no role '{role}' in data/settings.yml")
                for role in PLACEHOLDER.findall(node.label):
                    if role not in roles:
                        problem(at + ("label",), node.id, f"label: no role '{role}' in data/settings.yml")
        _check_graph(route, ("routes", r), problem)

    offered = data.entry.options
    for r, route in enumerate(data.routes):
        if offered.count(route.id) != 1:
            problem(("routes", r, "id"), route.id, "route is not offered exactly once in entry.options")
    return problems


def _check_graph(route: Route, at: tuple, problem) -> None:
    index = {node.id: n for n, node in enumerate(route.nodes)}
    if route.start not in index:
        problem(at + ("start",), route.id, f"start: no node '{route.start}' in {route.id}")
        return
    dangling = False
    for n, node in enumerate(route.nodes):
        for e, (_label, target) in enumerate(node.edges()):
            if target not in index:
                where = ("answers", e, "next") if node.answers else ("next",)
                problem(at + ("nodes", n) + where, node.id, f"leads to '{target}', which is not a node of {route.id}")
                dangling = True
    if dangling:
        return
    # Walk from the start; a node met again while still on the current path closes a loop.
    state: dict[str, str] = {}

    def walk(path: list[str]):
        node_id = path[-1]
        state[node_id] = "open"
        for _label, target in route.node(node_id).edges():
            if state.get(target) == "open":
                loop = path[path.index(target):] + [target]
                problem(at + ("nodes", index[node_id]), node_id, f"loops back: {' -> '.join(loop)}")
            elif target not in state:
                walk(path + [target])
        state[node_id] = "done"

    walk([route.start])
    for node in route.nodes:
        if node.id not in state:
            problem(at + ("nodes", index[node.id]), node.id, f"not reached from the start of {route.id}")
