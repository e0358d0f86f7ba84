"""The printed quick guides: short A4 guides rendered from the same data records as the
handbook's pages. Each is a page of the site ({{ quick_guide() }}) and a PDF made at build
time from the same render function (macros/pdf.py).

Guide bodies are plain HTML (no Markdown headings), so a guide's copy of an item never
competes with the item's own anchor, table-of-contents entry or search result.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from macros.model.edition import Edition

from .diagram import route_card
from .flowchart import every_step, layouts
from .html import block
from .links import Context, title_of
from .templating import render
from .tools import pledge_table


@dataclass(frozen=True)
class Guide:
    page: str                 # the guide's page, by its path in docs/
    title: str
    summary: str              # the handbook's own description, for the guides index
    pdf: str                  # where its PDF is written, by its path in the built site
    max_pages: int            # the A4 pages it is designed to fit (tests hold it to this)
    body: Callable[[Context], str]
    source: str               # the source it reproduces, and the part of it
    section: str
    landscape: bool = False
    route: str | None = None  # a route card's route, by its id

    @property
    def slug(self) -> str:
        return self.page.removeprefix("guides/").removesuffix(".md").replace("/", "-")


# --- pieces every guide shares ----------------------------------------------------------

def online_path(src: str) -> str:
    """The guide's address on the online handbook, which uses directory URLs."""
    return src.removesuffix(".md") + "/"


def guide_html(ctx: Context, edition: Edition, guide: Guide, *, for_pdf: bool = False) -> Markup:
    """The whole guide: the PDF gets a title of its own, the page gets a link to the PDF."""
    return render("guide.html", ctx, guide=guide, edition=edition, for_pdf=for_pdf,
                  here=edition.online(online_path(guide.page)), body=Markup(guide.body(ctx)))


# --- escalation: the risk exit and every route on one page ------------------------------

def escalation_guide(ctx: Context) -> Markup:
    """What stands at every step (the risk exit, the record, what to be clear about), as the
    flowcharts show it, then each route in the procedure's own words."""
    return render("guide_escalation.html", ctx, every_step=Markup(every_step(ctx)),
                  parts=[part.id for part in ctx.book.escalation.parts[1:]])


# --- the three areas and fourteen points ------------------------------------------------

def fourteen_points_guide(ctx: Context) -> Markup:
    data = ctx.book.fourteen_points
    return render("guide_fourteen_points.html", ctx, areas=[area.id for area in data.areas],
                  additional=data.column_titles["additional_detail"])


# --- seven steps ------------------------------------------------------------------------

def seven_steps_guide(ctx: Context) -> Markup:
    return render("guide_seven_steps.html", ctx, data=ctx.book.seven_steps)


# --- the pledge form, blank -------------------------------------------------------------

def pledge_form_guide(ctx: Context) -> Markup:
    tool = ctx.book.pledge_tool
    return render("guide_pledge_form.html", ctx, tool=tool, table=pledge_table(ctx, tool, fillable=False))


# --- supervision reflection sheet (Appendix 2) ------------------------------------------

# The sheet's own boxes, in the handbook's voice (the source has no form for Appendix 2).
REFLECTION_FIELDS = ("Practitioner:", "Supervisor:", "Date:", "Case or situation:")
NOTES_COLUMN = "Notes from supervision"


def reflection_sheet_guide(ctx: Context) -> Markup:
    data = ctx.book.professional_dimension
    return render("guide_reflection_sheet.html", ctx, title=data.title, columns=data.columns,
                  domains=[domain.id for domain in data.domains], fields=REFLECTION_FIELDS,
                  notes_column=NOTES_COLUMN)


# --- route cards: a route on one A4 page ---------------------------------------------------

def route_card_guide(ctx: Context, route_id: str) -> Markup:
    """The route's diagram and what stands at every step of it (diagram.py's route_card)."""
    book = ctx.book
    route = book.routes.route(route_id)
    card = route_card(route, every_step=book.routes.every_step, role=book.settings.role,
                      paragraph=lambda cite: book[cite].number, step_number=layouts(ctx)[route_id].number,
                      then_title=lambda r: title_of(book.routes.route(r)), title=title_of(route),
                      words=ctx.words, procedures_url=book.settings.partnership.procedures_url)
    return render("route_card.html", ctx, route=route, card=card, svg=Markup(card.svg))


def route_card_record(number: str, label: str) -> Guide:
    """Route `number`'s card: its page is guides/route-cards/route-<number>/, its PDF beside it."""
    route = f"route-{number}"
    return Guide(f"guides/route-cards/{route}.md", f"Route card {number}",
                 f"Route {number}, {label}, on one A4 page: its diagram, the risk exit, what to be clear "
                 "about and record, and who to contact.",
                 f"guides/route-cards/route-card-{number}.pdf", 1, partial(route_card_guide, route_id=route),
                 "escalation", f"section {number}, with paragraphs 1.4, 1.5, 1.7 and 2.5", route=route)


ROUTE_CARDS: list[Guide] = [
    route_card_record("3.1", "a referral or an enquiry"),
    route_card_record("3.2", "whether a child protection conference is needed"),
    route_card_record("3.3", "a decision at a child protection conference"),
    route_card_record("3.4", "implementing the child protection plan"),
    route_card_record("2", "another disagreement between agencies"),
]

GUIDES: list[Guide] = [
    Guide("guides/escalation.md", "Quick guide: escalation",
          "What to do when you disagree with another agency: the risk exit, what to be clear about, "
          "and every route of the procedure, on one page.",
          "guides/quick-guide-escalation.pdf", 1, escalation_guide, "escalation", "paragraphs 1.4, 1.5, 1.7, 2 and 3"),
    Guide("guides/fourteen-points.md", "Quick guide: the fourteen points",
          "The three areas and fourteen key points from serious case reviews, with each point’s detail.",
          "guides/quick-guide-fourteen-points.pdf", 2, fourteen_points_guide, "derbyshire", "section 7"),
    Guide("guides/seven-steps.md", "Quick guide: seven steps to better protection",
          "The seven themes inquiries have repeated for sixty years, on one page.",
          "guides/quick-guide-seven-steps.pdf", 1, seven_steps_guide, "seven-steps", "steps 1–7"),
    Guide("guides/pledge-form.md", "Quick guide: practice pledge form",
          "The developing and improving practice pledge form, blank, to fill in by hand (A4 landscape).",
          "guides/quick-guide-pledge-form.pdf", 3, pledge_form_guide, "derbyshire", "Appendix 1", landscape=True),
    Guide("guides/reflection-sheet.md", "Quick guide: supervision reflection sheet",
          "The professional dimension (worker, agency and inter-agency domains) with room for notes, "
          "to work through in supervision.",
          "guides/quick-guide-reflection-sheet.pdf", 8, reflection_sheet_guide, "derbyshire", "Appendix 2"),
    *ROUTE_CARDS,
]


# --- macros -------------------------------------------------------------------------------

def quick_guide(ctx: Context, edition: Edition) -> str:
    """The guide whose page this is."""
    return block(guide_html(ctx, edition, next(g for g in GUIDES if ctx.is_page(g.page))))


def guides_index(ctx: Context, edition: Edition) -> str:
    return block(render("guides_index.html", ctx, guides=GUIDES, edition=edition))


MACROS = {
    "quick_guide": quick_guide,
    "guides_index": guides_index,
}
