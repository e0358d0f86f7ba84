"""The printed quick guides: short A4 guides rendered from the same data records as the
handbook's pages. Each is a page of the site ({{ quick_guide() }}) and a PDF made at build
time from the same render function (macros/pdf.py).

Guide bodies are plain HTML (no Markdown headings), so a guide's copy of an item never
competes with the item's own anchor, table-of-contents entry or search result.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from macros.model import shapes as m
from macros.model.edition import Edition

from .flowchart import every_step
from .html import block, entries, inline, link, note, tag
from .links import Context


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

    @property
    def slug(self) -> str:
        return self.page.removeprefix("guides/").removesuffix(".md")


# --- pieces every guide shares ----------------------------------------------------------

def source_line(ctx: Context, source_id: str, section: str) -> str:
    src: m.Source = ctx.book[source_id]
    status = (f"Superseded on {inline(src.replaced_on or '')}: {inline(src.replaced_by or '')}."
              if src.status == "superseded" else "Status: current.")
    return (f"Source: {link(ctx.url(src.id), f'<cite>{inline(src.title)}</cite>')}, {inline(src.publisher)}, "
            f"{inline(src.published)}: {inline(section)}. {status}")


def edition_block(ctx: Context, edition: Edition, guide: Guide) -> str:
    """Citation, version and date, and where the current version is: on screen, in print, in the PDF."""
    here = edition.current_url + online_path(guide.page)
    return tag("div", tag("p", source_line(ctx, guide.source, guide.section))
               + tag("p", f"{inline(edition.line)} Check the current version at {link(here, inline(here), 'hb-url')}."),
               "hb-guide__edition")


def online_path(src: str) -> str:
    """The guide's address on the online handbook, which uses directory URLs."""
    return src.removesuffix(".md") + "/"


def guide_html(ctx: Context, edition: Edition, guide: Guide, *, for_pdf: bool = False) -> str:
    """The whole guide: the PDF gets a title of its own, the page gets a link to the PDF."""
    head = (tag("h1", inline(guide.title)) if for_pdf else
            tag("p", link(ctx.href(guide.pdf), f"Download this guide as a PDF (A4{', landscape' if guide.landscape else ''})",
                          "md-button") + " or print this page: it prints as the same guide.", "hb-guide__pdf"))
    cls = f"hb-guide hb-guide--{guide.slug}" + (" hb-guide--landscape" if guide.landscape else "")
    return tag("div", head + edition_block(ctx, edition, guide) + guide.body(ctx), cls)


def numbered(ctx: Context, item: m.Cited, number: str, text: str) -> str:
    """An item with its number linking to the item on its own page."""
    return tag("li", tag("span", link(ctx.url(item.id), inline(number)), "hb-guide__num") + " " + inline(text))


def blank(label: str) -> str:
    """A labelled line to write on."""
    return tag("p", tag("span", inline(label), "hb-guide__label") + tag("span", "", "hb-guide__line"),
               "hb-guide__field")


# --- escalation: the risk exit and every route on one page ------------------------------

def escalation_guide(ctx: Context) -> str:
    """What stands at every step (the risk exit, the record, what to be clear about), as the
    flowcharts show it, then each route in the procedure's own words."""
    out = [every_step(ctx)]
    for part in ctx.book.escalation.parts[1:]:
        if part.paragraphs:
            out.append(tag("h2", inline(f"{part.number}. {part.title}")))
            out.append(tag("ol", "".join(numbered(ctx, p, p.number, ctx.words(p.text)) for p in part.paragraphs),
                           "hb-guide__steps"))
        for process in part.processes:
            example = tag("p", inline(process.example), "hb-guide__example") if process.example else ""
            steps = "".join(numbered(ctx, s, s.number, ctx.words(s.text)) for s in process.steps)
            out.append(tag("section", tag("h2", inline(f"{process.number} {process.title}")) + example
                           + tag("ol", steps, "hb-guide__steps"), "hb-guide__route"))
    return tag("div", "".join(out), "hb-guide__columns")


# --- the three areas and fourteen points ------------------------------------------------

def fourteen_points_guide(ctx: Context) -> str:
    data = ctx.book.fourteen_points
    out = []
    for area in data.areas:
        points = "".join(
            tag("div", tag("h3", f"{link(ctx.url(p.id), str(p.number))}. {inline(p.title)}")
                + point_detail(ctx, p) + note(p.note), "hb-guide__point")
            for p in ctx.book.points_in(area))
        out.append(tag("section", tag("h2", f"{inline(area.letter)}) {inline(area.title)}") + points))
    more = tag("p", "The additional detail of every point is on the handbook page "
                    f"{link(ctx.href('fourteen-points.md'), 'Three areas and fourteen points')}.", "hb-guide__more")
    return tag("div", "".join(out), "hb-guide__columns") + more


def point_detail(ctx: Context, point: m.Point) -> str:
    """A point's detail; where the source put all its bullets in the additional detail
    column (points 1 and 14), those, under that column's title."""
    if point.detail:
        return entries(point.detail, ctx)
    title = ctx.book.fourteen_points.column_titles["additional_detail"]
    return tag("p", inline(title), "hb-label") + entries(point.additional_detail, ctx)


# --- seven steps ------------------------------------------------------------------------

def seven_steps_guide(ctx: Context) -> str:
    data = ctx.book.seven_steps
    steps = "".join(tag("li", tag("h2", f"{link(ctx.url(s.id), str(s.number))}. {inline(s.title)}")
                        + tag("p", inline(s.text))) for s in data.steps)
    return tag("p", inline(data.intro)) + tag("ol", steps, "hb-guide__seven")


# --- the pledge form, blank -------------------------------------------------------------

def pledge_form_guide(ctx: Context) -> str:
    tool = ctx.book.pledge_tool
    columns = [c for s in tool.stages for c in s.columns]
    stages = "".join(tag("th", inline(s.title), colspan=str(len(s.columns)), scope="colgroup") for s in tool.stages)
    heads = "".join(tag("th", f"{c.number}. {inline(c.label)}" + (tag("span", inline(c.instruction), "hb-small")
                                                                    if c.instruction else ""), scope="col")
                    for c in columns)
    cells = "".join(tag("td", "") for _ in columns[1:])
    rows = []
    for group in tool.rows:
        area = ctx.book[group.area]
        rows.append(tag("tr", tag("th", inline(f"{area.number}) {group.title}"), colspan=str(len(columns)),
                                  scope="rowgroup"), "hb-guide__group"))
        for row in group.points:
            point = ctx.book[row.point]
            rows.append(tag("tr", tag("th", f"{point.number}) {link(ctx.url(row.details), inline(point.title))}",
                                      scope="row") + cells))
    rows.append(tag("tr", tag("th", inline(tool.extra_rows.title), scope="row")
                    + tag("td", inline(tool.extra_rows.instruction), colspan=str(len(columns) - 1)),
                    "hb-guide__group"))
    rows.extend(tag("tr", tag("th", f"{inline(label)})", scope="row") + cells) for label in tool.extra_rows.labels)
    codes = " / ".join(f"{inline(e.code)} = {inline(e.label)}" for e in tool.evidence_sources)
    table = tag("table", tag("thead", tag("tr", stages) + tag("tr", heads)) + tag("tbody", "".join(rows)),
                "hb-guide__form")
    return (tag("h2", inline(tool.title)) + "".join(blank(f.label) for f in tool.fields)
            + tag("p", f"Evidence sources: {codes}", "hb-small") + table + note(tool.extra_rows.note))


# --- supervision reflection sheet (Appendix 2) ------------------------------------------

# The sheet's own boxes, in the handbook's voice (the source has no form for Appendix 2).
REFLECTION_FIELDS = ("Practitioner:", "Supervisor:", "Date:", "Case or situation:")
NOTES_COLUMN = "Notes from supervision"


def reflection_sheet_guide(ctx: Context) -> str:
    data = ctx.book.professional_dimension
    out = [tag("h2", inline(data.title)), tag("div", "".join(blank(f) for f in REFLECTION_FIELDS), "hb-guide__fields")]
    head = tag("tr", tag("th", inline(data.columns["dimension"]), scope="col")
               + tag("th", inline(data.columns["considerations"]), scope="col")
               + tag("th", NOTES_COLUMN, scope="col"))
    for domain in data.domains:
        rows = "".join(tag("tr", tag("th", link(ctx.url(d.id), inline(d.title)), scope="row")
                           + tag("td", tag("p", inline(d.intro), "hb-small") + entries(d.considerations, ctx)
                                 + note(d.note))
                           + tag("td", "")) for d in domain.dimensions)
        out.append(tag("table", tag("caption", inline(domain.title)) + tag("thead", head) + tag("tbody", rows),
                       "hb-guide__sheet"))
    return "".join(out)


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
]


# --- macros -------------------------------------------------------------------------------

def quick_guide(ctx: Context, edition: Edition) -> str:
    """The guide whose page this is."""
    return block(guide_html(ctx, edition, next(g for g in GUIDES if ctx.is_page(g.page))))


def guides_index(ctx: Context, edition: Edition) -> str:
    items = "".join(tag("li", link(ctx.href(g.page), inline(g.title)) + " " + inline(g.summary) + " "
                        + link(ctx.href(g.pdf), f"PDF{' (landscape)' if g.landscape else ''}", "hb-guide__pdflink"))
                    for g in GUIDES)
    return block(tag("ul", items, "hb-guide__index") + tag("p", inline(edition.line)))


MACROS = {
    "quick_guide": quick_guide,
    "guides_index": guides_index,
}
