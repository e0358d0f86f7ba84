"""One escalation route as a diagram: laid out at build time by Graphviz (`dot -Tsvg`, through
the `graphviz` package) and embedded in the page as an inline SVG with real text.

Nothing is drawn or fetched in the reader's browser. The SVG carries:

- a shape for each kind of step that reads without colour: a question is a hexagon, an action a
  rectangle, an outcome a stadium with a heavy border; a route that hands on to another ends in
  an arrow-shaped box naming that route, reached by a dashed line;
- every answer ("Yes", "No") on its line, and each box's step number as in the step list;
- a link from each box to its step (`#node-id`) and from the hand-on box to the other route
  (`#route-id`), for a pointer: out of the Tab order unless asked (`keyboard_links`), since the
  step list below the diagram has the same links and words for the keyboard and screen readers;
- CSS classes on every node and edge (`hb-dg-question`, `hb-dg-edge--answer`, ...), so the
  handbook's stylesheet colours it; the attributes Graphviz writes are only print-safe
  fallbacks (black lines, pale fills);
- an accessible name and description, ids prefixed by the route's id (five diagrams on a page
  share none), no XML prolog, no comments, no `style` attribute (the site's CSP forbids
  inline styles) and no fixed size: it scales to its box, keeping its viewBox.

Every diagram is given the same viewBox width (`WIDTH`; a narrower drawing keeps to its left), so
that scaled to the content width, text is the same size in all of them. The route's spine (its
longest way through) is a straight column at the left, its branches open to the right, as in the
step-by-step flowchart; on a phone that column is in view first.

Graphviz measures text with the project's pinned font, DejaVu Sans (products/fonts.py: an npm
package and a fontconfig configuration that names no font of the machine's), so the bytes are the
same for the same input on every machine with the same Graphviz. The SVG names that font first
for the reader's browser; each line is centred on its box, so a reader's narrower or wider font
(Helvetica, Arial where DejaVu Sans is missing) stays inside it.

A route card (`route_card`, laid out by templates/route_card.html) puts a route on one A4 page
for print: its diagram, what stands at every step, the contacts for the roles it names. It is a
quick guide's body (render/guides.py), so its page prints as the card and the products step
makes its PDF from that page.

The module knows routes only by their shape (duck typing): `route.id`, `route.start`,
`route.nodes`, and each node's `id`, `kind`, `label`, `edges()` and `then`. The caller says how
to name a role, number a step and name another route; the output is the same bytes for the
same input.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from html import escape
from xml.etree import ElementTree as ET

import graphviz
from markupsafe import Markup

from macros.products import fonts

from .templating import CACHE, environment

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("xlink", XLINK)

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9.-]*)\}")
KIND = {"question": "Question", "action": "Action", "outcome": "Outcome"}

FONT = fonts.FAMILY    # what `dot` measures the text with: the one font fonts.conf gives
SVG_FONT = f"{FONT},Helvetica,Arial,sans-serif"  # what a reader's browser is asked for
WRAP = 30             # characters per label line
WIDTH = 640           # every diagram's viewBox width (a wider layout keeps its own)


@dataclass(frozen=True)
class Sizes:
    """Text sizes in viewBox units (Graphviz's points): a box's words, its number-and-kind line
    and an answer on a line. On the page the SVG scales, so these are proportions."""

    label: int = 13
    head: int = 10
    answer: int = 12


SCREEN = Sizes()
# On a printed card every word is at least 8 pt: all its text is the size of the labels.
CARD = Sizes(label=13, head=13, answer=13)

# Print-safe fallbacks; diagram.css sets the colours on screen through the classes.
SHAPE = {
    "question": {"shape": "hexagon", "style": "filled", "fillcolor": "#eef0fa", "penwidth": "1.5",
                 "margin": "0.02,0.06"},
    "action": {"shape": "box", "style": "filled", "fillcolor": "#ffffff", "penwidth": "1.5",
               "margin": "0.14,0.08"},
    "outcome": {"shape": "box", "style": "rounded,filled,bold", "fillcolor": "#f2f2f2", "penwidth": "3",
                "margin": "0.18,0.1"},
    "then": {"shape": "cds", "style": "filled,dashed", "fillcolor": "#ffffff", "penwidth": "1.5",
             "margin": "0.14,0.12"},
}

StepNumber = Callable[[str], int] | Mapping[str, int]


def filled(text: str, role_title: Callable[[str], str]) -> str:
    """A label with its {role-id} slots filled with the partnership's titles."""
    return PLACEHOLDER.sub(lambda m: role_title(m.group(1)), text)


def wrapped(text: str, width: int | None = None) -> list[str]:
    return textwrap.wrap(text, width or WRAP, break_long_words=False, break_on_hyphens=False) or [""]


def _number(step_number: StepNumber, node_id: str) -> int:
    return step_number[node_id] if isinstance(step_number, Mapping) else step_number(node_id)


def _spine(route) -> list[str]:
    """The longest way through (ties to the later answer, as the step list has it), drawn as a
    straight column at the left (Graphviz `group`)."""
    nodes = {n.id: n for n in route.nodes}
    longest: dict[str, int] = {}

    def length(node_id: str) -> int:
        if node_id not in longest:
            longest[node_id] = 1 + max((length(t) for _a, t in nodes[node_id].edges()), default=0)
        return longest[node_id]

    spine, here = [route.start], nodes[route.start]
    while here.edges():
        best = max(reversed([t for _a, t in here.edges()]), key=length)
        spine.append(best)
        here = nodes[best]
    return spine


def _html_label(head: str, lines: list[str], size: int) -> str:
    """A Graphviz HTML-like label: a small bold header line, then the wrapped label, one table
    row a line (so lines get some leading)."""
    rows = [f'<TR><TD><FONT POINT-SIZE="{size}"><B>{escape(head, quote=False)}</B></FONT></TD></TR>']
    rows += [f"<TR><TD>{escape(line, quote=False)}</TD></TR>" for line in lines]
    return f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(rows)}</TABLE>>'


def route_graph(route, *, role_title: Callable[[str], str], step_number: StepNumber,
                then_title: Callable[[str], str], links: bool = True, sizes: Sizes = SCREEN) -> graphviz.Digraph:
    """The route as a Graphviz graph (its DOT source is `.source`). With `links`, each box links
    to its step (`#node-id`) and the hand-on box to the other route (`#route-id`)."""
    prefix = f"dg-{route.id}-"
    g = graphviz.Digraph(name=route.id, format="svg", engine="dot")
    g.attr(id=prefix + "graph", rankdir="TB", nodesep="0.35", ranksep="0.25", pad="0.1",
           bgcolor="transparent", fontname=FONT, ordering="out", **{"class": "hb-dg"})
    g.attr("node", fontname=FONT, fontsize=str(sizes.label), color="#000000", fontcolor="#000000")
    g.attr("edge", fontname=FONT, fontsize=str(sizes.answer), color="#000000", fontcolor="#000000", penwidth="1.5",
           arrowsize="0.8")
    spine = _spine(route)
    on_spine = dict(zip(spine, spine[1:]))
    for node in route.nodes:
        number = _number(step_number, node.id)
        text = filled(node.label, role_title)
        link = {"href": "#" + node.id, "tooltip": f"Step {number}, {KIND[node.kind].lower()}: {text}"}
        g.node(node.id, label=_html_label(f"{number}  {KIND[node.kind].upper()}", wrapped(text), sizes.head),
               id=prefix + node.id, **(link if links else {}),
               group="spine" if node.id in on_spine or node.id == spine[-1] else "",
               **{"class": f"hb-dg-node hb-dg-{node.kind}"}, **SHAPE[node.kind])
        # The spine's way on first: with `ordering=out` it is drawn leftmost, so the main column
        # stands at the left (as in the step-by-step flowchart) and branches open to its right.
        for answer, target in sorted(node.edges(), key=lambda e: e[1] != on_spine.get(node.id)):
            attrs = {"id": f"{prefix}{node.id}--{target}", "class": "hb-dg-edge"}
            if answer:
                attrs.update({"label": f"<<B>{escape(answer, quote=False)}</B>>",
                              "class": "hb-dg-edge hb-dg-edge--answer"})
            if on_spine.get(node.id) == target:
                attrs["weight"] = "8"
            g.edge(node.id, target, **attrs)
        if getattr(node, "then", None):
            then_id = f"then-{node.then}"
            title = then_title(node.then)
            link = {"href": "#" + node.then, "tooltip": f"Then: {title}"}
            g.node(then_id, label=_html_label("THEN", wrapped(title), sizes.head), id=prefix + "then-" + node.then,
                   **(link if links else {}),
                   **{"class": "hb-dg-node hb-dg-then"}, **SHAPE["then"])
            g.edge(node.id, then_id, id=f"{prefix}{node.id}--{then_id}", style="dashed",
                   **{"class": "hb-dg-edge hb-dg-edge--then"})
    return g


# What the diagram's description says of its text alternative, where the step list is below it.
BELOW = ("The route’s questions, actions and outcomes as a diagram. "
         "The steps are listed in full below the diagram.")


def route_svg(route, *, role_title: Callable[[str], str], step_number: StepNumber,
              then_title: Callable[[str], str], title: str | None = None,
              links: bool = True, keyboard_links: bool = False, sizes: Sizes = SCREEN,
              uniform_width: bool = True, description: str = BELOW) -> str:
    """The route laid out by `dot -Tsvg` and cleaned for embedding in HTML.

    `role_title(role_id)` gives the partnership's title for a role, `step_number` the step's
    number in the step list (a function or a mapping of node id to number), `then_title(route_id)`
    the name of the route an outcome hands on to; `title` is the route's name, for the SVG's
    accessible name "Diagram: <title>" (default: the route's id).

    The SVG is an image (`role="img"`) whose boxes link to their steps for a pointer; the links
    are out of the Tab order (`tabindex="-1"`), since the step list below the diagram has the same
    links for the keyboard and the same words for a screen reader. With `keyboard_links` they are
    in the Tab order and the SVG is a `group`, so that each link is exposed with its name.
    Without `links` (a printed card), the boxes link nowhere. `sizes` are the text sizes;
    `uniform_width` widens a narrow drawing's viewBox to `WIDTH`, so that every diagram on a page
    shows its text at the same size (a card, alone on its page, takes its own width);
    `description` says where the diagram's words are in full."""
    g = route_graph(route, role_title=role_title, step_number=step_number, then_title=then_title,
                    links=links, sizes=sizes)
    raw = layout(g)
    return clean_svg(raw, prefix=f"dg-{route.id}-", name=f"Diagram: {title or route.id}",
                     description=description, keyboard_links=keyboard_links, width=WIDTH if uniform_width else 0)


# Layouts kept between builds and rebuilds (`make serve`): `dot` is a tenth of a rebuild, and the
# same source on the same Graphviz with the same font gives the same drawing.
LAYOUTS = CACHE / "diagrams"


def layout(g: graphviz.Digraph) -> str:
    """`dot -Tsvg` of the graph, from the cache where this Graphviz has laid out this source with
    this font (its package, version, faces and fontconfig configuration: fonts.identity())."""
    key = hashlib.sha256(f"{_graphviz_version()}\n{fonts.identity()}\n{g.source}".encode("utf-8")).hexdigest()
    path = LAYOUTS / f"{key}.svg"
    if path.exists():
        return path.read_text(encoding="utf-8")
    raw = _dot(g.source)
    LAYOUTS.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{key}.{os.getpid()}.tmp")  # renamed whole: a parallel build never reads half
    partial.write_text(raw, encoding="utf-8")
    partial.replace(path)
    return raw


def _dot(source: str) -> str:
    """`dot -Tsvg`, with fontconfig reading only the project's fonts.conf."""
    dot = shutil.which("dot")
    if dot is None:
        raise SystemExit("The route diagrams need Graphviz's dot (apt-get install graphviz).")
    done = subprocess.run([dot, "-Kdot", "-Tsvg"], input=source.encode("utf-8"), capture_output=True,
                          env=fonts.environment())
    if done.returncode != 0:
        raise SystemExit(f"dot could not lay out a route diagram:\n{done.stderr.decode('utf-8', 'replace')}")
    return done.stdout.decode("utf-8")


@cache
def _graphviz_version() -> str:
    return ".".join(map(str, graphviz.version()))


def clean_svg(raw: str, *, prefix: str, name: str, description: str, keyboard_links: bool = False,
              width: float = WIDTH) -> str:
    """Graphviz's SVG made fit for an HTML page: no prolog, doctype or comments, no fixed size,
    an accessible name, ids prefixed, link names, the common viewBox width."""
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", raw))  # ElementTree drops comments
    for attr in ("width", "height"):
        root.attrib.pop(attr, None)
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    w = max(w, width)  # the narrower ones keep to the left, as the page's text does
    root.set("viewBox", " ".join(_num(v) for v in (x, y, w, h)))
    root.set("role", "group" if keyboard_links else "img")
    root.set("class", "hb-diagram__svg")
    root.set("font-family", SVG_FONT)
    root.set("aria-labelledby", f"{prefix}title")
    root.set("aria-describedby", f"{prefix}desc")

    # Graphviz's own <title>s hold its internal names ("r3.1-discussed->r3.1-resolved"): gone.
    for parent in root.iter():
        for child in [c for c in parent if c.tag == f"{{{SVG}}}title"]:
            parent.remove(child)
    # The graph's white background polygon (transparent here) adds nothing.
    graph = root.find(f"{{{SVG}}}g")
    for child in [c for c in graph if c.tag == f"{{{SVG}}}polygon"][:1]:
        graph.remove(child)
    for el in root.iter():
        own = el.get("id")
        if own and own.startswith("a_"):  # Graphviz names a link after its node: a_<node id>
            own = own[2:] + "-link"
        if own:
            el.set("id", own if own.startswith(prefix) else prefix + own)
        if el.get("class", "").startswith("node"):
            _centre_text(el)
        if el.tag == f"{{{SVG}}}a":
            label = el.get(f"{{{XLINK}}}title")
            el.attrib.pop("target", None)
            if not keyboard_links:
                el.set("tabindex", "-1")
            if label:
                t = ET.Element(f"{{{SVG}}}title")
                t.text = label
                el.insert(0, t)
        if "style" in el.attrib:  # none is expected; the site's CSP would refuse it
            del el.attrib["style"]
        if el.tag == f"{{{SVG}}}text" and el.get("font-family") == FONT:
            del el.attrib["font-family"]  # said once, on the root, which every text inherits
    title = ET.Element(f"{{{SVG}}}title", id=f"{prefix}title")
    title.text = name
    desc = ET.Element(f"{{{SVG}}}desc", id=f"{prefix}desc")
    desc.text = description
    root.insert(0, desc)
    root.insert(0, title)
    ET.indent(root, space="")
    # SVG as the unprefixed namespace, set as it is written: ElementTree's registry is global.
    ET.register_namespace("", SVG)
    return ET.tostring(root, encoding="unicode")


def _centre_text(group) -> None:
    """Each line of a box centred on the box, not started where Graphviz measured it to start:
    a reader's font narrower or wider than the build machine's then stays centred."""
    shape = next((el for el in group.iter() if el.tag in (f"{{{SVG}}}polygon", f"{{{SVG}}}path")), None)
    if shape is None:
        return
    coords = shape.get("points") or shape.get("d") or ""
    xs = [float(x) for x, _y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", coords)]
    if not xs:
        return
    centre = _num((min(xs) + max(xs)) / 2)
    for text in group.iter(f"{{{SVG}}}text"):
        text.set("text-anchor", "middle")
        text.set("x", centre)


def _num(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


# --- the wrapper ----------------------------------------------------------------------------

def diagram_html(route, *, role_title: Callable[[str], str], step_number: StepNumber,
                 then_title: Callable[[str], str], title: str, keyboard_links: bool = False) -> str:
    """The SVG in its frame (which scrolls sideways on a narrow screen), with its key
    (templates/diagram.html, from the render layer's one template environment)."""
    svg = route_svg(route, role_title=role_title, step_number=step_number, then_title=then_title,
                    title=title, keyboard_links=keyboard_links)
    return Markup(environment().get_template("diagram.html").render(
        title=title, svg=Markup(svg), hands_on=any(getattr(n, "then", None) for n in route.nodes)))


# --- the route card: one A4 page a route --------------------------------------------------

@dataclass(frozen=True)
class Said:
    """The procedure's words, the number of the paragraph they come from ("1.4") and its id."""

    text: str
    paragraph: str
    cite: str


@dataclass(frozen=True)
class CardContact:
    title: str
    details: list[tuple[str, str]] = field(default_factory=list)  # ("Phone", "01234 567890"), ...


@dataclass(frozen=True)
class RouteCard:
    """What a route's card shows, as plain words (made by `route_card`)."""

    title: str
    svg: str
    risk_question: str
    risk_action: str
    risk_says: list[Said]
    procedures_url: str | None
    record_label: str
    record_says: list[Said]
    clear_label: str
    clear_paragraphs: list[tuple[str, str]]  # (number, id): ("1.7", "esc-1.7")
    clear_fields: list[str]
    contacts: list[CardContact]


CONTACT_FIELDS = ("phone", "email", "address", "web", "hours")


def roles_named(route) -> list[str]:
    """The roles a route names, in the order it first names them: in a label ({role-id}), then
    among a step's contacts."""
    seen: list[str] = []
    for node in route.nodes:
        for role_id in PLACEHOLDER.findall(node.label) + list(getattr(node, "contact", []) or []):
            if role_id not in seen:
                seen.append(role_id)
    return seen


# A card has no step list: its diagram's words are in full on the routes page, which it links to.
ON_ROUTES_PAGE = ("The route’s questions, actions and outcomes as a diagram. "
                  "The steps are listed in full on the handbook’s routes page.")


def route_card(route, *, every_step, role: Callable[[str], object], paragraph: Callable[[str], str],
               step_number: StepNumber, then_title: Callable[[str], str], title: str,
               words: Callable[[str], str] = lambda text: text, procedures_url: str | None = None) -> RouteCard:
    """A route's card from its data. `every_step` is what stands at every step (`.risk`, `.record`,
    `.be_clear`, as in data/escalation_routes.yml); `role(role_id)` gives a role with `.title` and
    `.contact` (phone, email, address, web, hours); `paragraph(cite)` the number of a cited
    paragraph; `words` puts the partnership's names into the procedure's words. The card's
    source and edition are its guide's (templates/guide.html)."""
    risk, record, clear = every_step.risk, every_step.record, every_step.be_clear

    def said(quotes) -> list[Said]:
        return [Said(words(q.text), paragraph(q.cite), q.cite) for q in quotes]

    contacts = []
    for role_id in roles_named(route):
        r = role(role_id)
        contact = getattr(r, "contact", None)
        details = [(name.capitalize(), getattr(contact, name)) for name in CONTACT_FIELDS
                   if contact is not None and getattr(contact, name, None)]
        contacts.append(CardContact(r.title, details))
    svg = route_svg(route, role_title=lambda role_id: role(role_id).title, step_number=step_number,
                    then_title=then_title, title=title, links=False, sizes=CARD, uniform_width=False,
                    description=ON_ROUTES_PAGE)
    return RouteCard(
        title=title, svg=svg, risk_question=risk.question, risk_action=risk.label, risk_says=said(risk.says),
        procedures_url=procedures_url, record_label=record.label, record_says=said(record.says),
        clear_label=clear.label, clear_paragraphs=sorted({(paragraph(q.cite), q.cite) for q in clear.says}),
        clear_fields=[f.label for f in clear.fields], contacts=contacts)

