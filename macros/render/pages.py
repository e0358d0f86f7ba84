"""One render function per page of the handbook: data in, Markdown (headings) and HTML out.

Every item becomes a heading with its id as anchor (so it is in the table of contents and
is its own search result), followed by its body and the line that cites its source.
"""
from __future__ import annotations

from html import escape

from macros.model import shapes as m

from . import themes
from .currency import citation, cite, notice
from .flowchart import route_links
from .html import block, entries, heading, inline, link, note, para, tag
from .links import Context, title_of


def item_body(ctx: Context, item: m.Cited, *parts: str) -> str:
    """What has changed since publication first, so it is read first; the item; the seven
    steps it serves (or, for a step, what serves it); the handbook's note; the citation."""
    return block(tag("div", notice(item, ctx) + "".join(parts) + themes.shown_with(item, ctx) + note(item.note)
                     + tag("p", citation(item, ctx), "hb-cite"), "hb-item", **{"data-item": item.id}))


# --- recommendations ------------------------------------------------------------------

def recommendations_page(ctx: Context) -> str:
    data = ctx.book.recommendations
    out = []
    for section in data.sections:
        out.append(heading(2, section.title, section.id))
        out.append(item_body(ctx, section, tag("p", f"<strong>Evidence.</strong> {inline(section.evidence)}")))
        for rec in data.recommendations:
            if rec.reproduced and rec.ph28_section == section.title:
                out.append(heading(3, title_of(rec), rec.id))
                out.append(item_body(
                    ctx, rec,
                    tag("p", "Who should take action?", "hb-label"),
                    tag("ul", "".join(tag("li", inline(w)) for w in rec.who), "hb-list"),
                    tag("p", "What action should they take?", "hb-label"),
                    para(rec.actions_intro),
                    entries(rec.actions, ctx)))
    out.append(heading(2, "Other recommendations referred to", "ph28-not-reproduced"))
    out.append(block(para("The recommendations above refer to these other PH28 recommendations. "
                          "They are not reproduced in this handbook; read them in the published guidance.")))
    guidance = ctx.book["ph28"]
    for rec in data.recommendations:
        if not rec.reproduced:
            section = rec.ph28_section + ("" if rec.section_confirmed else " (section not confirmed)")
            out.append(heading(3, title_of(rec), rec.id))
            out.append(item_body(
                ctx, rec,
                tag("p", f"Section: {inline(section)}. Not reproduced here: "
                         f"{link(guidance.url, 'read it in the published guidance')}.")))
    if data.footnotes:
        out.append(heading(2, "Footnotes", "ph28-footnotes"))
        for fn in data.footnotes:
            out.append(block(tag("div", tag("p", f"<strong>{fn.number}.</strong> {inline(fn.text)}")
                                 + cite(fn, ctx), "hb-item hb-footnote", id=fn.id)))
    return "".join(out)


# --- escalation -----------------------------------------------------------------------

def escalation_paragraph(ctx: Context, par: m.EscParagraph, level: int) -> str:
    par = par.model_copy(update={"note": ctx.book.local.note(par.note)})  # see settings.Localiser.note
    return heading(level, title_of(par), par.id) + item_body(ctx, par, para(ctx.words(par.text)),
                                                             entries(par.items, ctx))


def escalation_page(ctx: Context) -> str:
    out = []
    for part in ctx.book.escalation.parts:
        out.append(heading(2, title_of(part), part.id))
        out.append(item_body(ctx, part, route_links(ctx, part)))
        out.extend(escalation_paragraph(ctx, p, 3) for p in part.paragraphs)
        for process in part.processes:
            out.append(heading(3, title_of(process), process.id))
            out.append(item_body(ctx, process, para(process.example), route_links(ctx, process)))
            out.extend(escalation_paragraph(ctx, s, 4) for s in process.steps)
    return "".join(out)


def risk_exit(ctx: Context) -> str:
    """The exit that stands above every escalation route: 1.4 and the last sentence of 1.5."""
    quoted = [ctx.book["esc-1.4"], ctx.book["esc-1.5"]]
    body = "".join(tag("p", f"{inline(ctx.words(p.text))} ({ctx.link(p.id)})") for p in quoted)
    return block(tag("div", tag("p", "If a child may be at risk of harm now", "admonition-title") + body,
                     "admonition danger hb-risk-exit", role="note"))


# --- fourteen points ------------------------------------------------------------------

def fourteen_points_page(ctx: Context) -> str:
    data = ctx.book.fourteen_points
    areas = "".join(tag("li", f"{a.letter}) {ctx.link(a.id)}") for a in data.areas)
    out = [block("".join(para(p) for p in data.intro) + para(data.areas_intro)
                 + tag("ul", areas, "hb-list") + para(data.points_intro))]
    for area in data.areas:
        out.append(heading(2, title_of(area), area.id))
        out.append(item_body(ctx, area, para(f"Listed as: {area.letter}) {area.list_title}")))
        for point in ctx.book.points_in(area):
            out.append(heading(3, title_of(point), point.id))
            out.append(item_body(ctx, point, tag("div", column("Detail", point.detail, ctx)
                                                 + column(data.column_titles["additional_detail"],
                                                          point.additional_detail, ctx), "hb-columns")))
    return "".join(out)


def column(title: str, items: list[m.Entry], ctx: Context) -> str:
    if not items:
        return ""
    return tag("div", tag("p", inline(title), "hb-label") + entries(items, ctx), "hb-column")


# --- seven steps ------------------------------------------------------------------------

def seven_steps_page(ctx: Context) -> str:
    data = ctx.book.seven_steps
    out = [block(para(data.intro) + themes.about())]
    for step in data.steps:
        out.append(heading(2, title_of(step), step.id))
        out.append(item_body(ctx, step, para(step.text)))
    return "".join(out)


# --- lessons --------------------------------------------------------------------------

def lessons_page(ctx: Context) -> str:
    return "".join(lesson_section(ctx, s, 2) for s in ctx.book.lessons.sections)


def lesson_section(ctx: Context, section: m.LessonSection, level: int) -> str:
    out = [heading(level, title_of(section), section.id)]
    body = []
    for blk in section.blocks:
        if blk.type == "list" and blk.id and blk.title:
            out.append(block("".join(body)))
            body = []
            out.append(heading(min(level + 1, 6), blk.title, blk.id))
            body.append(entries(blk.items, ctx) + note(blk.note))
        else:
            body.append(lesson_block(ctx, blk))
    out.append(item_body(ctx, section, *body))
    out.extend(lesson_section(ctx, sub, min(level + 1, 6)) for sub in section.subsections)
    return "".join(out)


def lesson_block(ctx: Context, blk: m.Block) -> str:
    anchor = {"id": blk.id} if blk.id else {}
    if blk.type == "paragraph":
        return tag("p", inline(blk.text), **anchor) + note(blk.note)
    if blk.type == "quote":
        cited = tag("footer", inline(blk.citation)) if blk.citation else ""
        return tag("blockquote", para(blk.text) + cited, **anchor) + note(blk.note)
    title = para(blk.title, "hb-label")
    return tag("div", title + entries(blk.items, ctx) + note(blk.note), **anchor)


# --- professional dimension -----------------------------------------------------------

def professional_dimension_page(ctx: Context) -> str:
    data = ctx.book.professional_dimension
    out = []
    for domain in data.domains:
        out.append(heading(2, domain.title, domain.id))
        out.append(item_body(ctx, domain))
        for dim in domain.dimensions:
            out.append(heading(3, dim.title, dim.id))
            out.append(item_body(ctx, dim, para(dim.intro, "hb-label"), entries(dim.considerations, ctx)))
    return "".join(out)


# --- reference pages ------------------------------------------------------------------

def sources_page(ctx: Context) -> str:
    out = []
    for src in ctx.book.sources:
        status = (f"Superseded: {inline(src.replaced_by)} ({inline(src.replaced_on or '')})."
                  if src.status == "superseded" else "Current.")
        rows = [("Title", inline(src.title)), ("Publisher", inline(src.publisher)),
                ("Published", inline(src.published)), ("Status", status)]
        if src.url:
            rows.append(("Address", link(src.url, inline(src.url))))
        table = "".join(tag("tr", tag("th", k, scope="row") + tag("td", v)) for k, v in rows)
        out.append(heading(2, src.short_title, src.id))
        out.append(block(tag("div", tag("table", table, "hb-facts") + note(src.note), "hb-item")))
    return "".join(out)


def glossary_page(ctx: Context) -> str:
    """Every term, anchored by its id, in the glossary's order (the expansions every <abbr> of
    the site shows come from the same records: glossary.py)."""
    out = []
    for term in ctx.book.glossary:
        origin = "expanded in the source" if term.expanded_in_source else "expansion supplied by the handbook"
        forms = [term.abbr] + ([term.plural] if term.plural else [])
        shown = ", plural ".join(tag("abbr", escape(f), title=term.expansion) for f in forms)
        out.append(tag("dt", tag("dfn", shown), id=term.id))
        out.append(tag("dd", para(term.expansion) + notice(term, ctx) + note(term.note)
                       + tag("p", f"{origin}. {citation(term, ctx)}", "hb-cite")))
    return block(tag("dl", "".join(out), "hb-glossary"))


def references_page(ctx: Context) -> str:
    data = ctx.book.references
    items = []
    for ref in data.references:
        year = f" ({inline(ref.year)})" if ref.year else ""
        details = f" {inline(ref.details)}" if ref.details else ""
        url = f" {inline(ref.url)}" if ref.url else ""
        items.append(tag("li", f"{inline(ref.authors)}{year} <strong>{inline(ref.title)}</strong>{details}{url}",
                         id=ref.id))
    return block(tag("ul", "".join(items), "hb-references")) + block(
        tag("p", f"Source: {ctx.link(data.source)}, {inline('References, resources and some further reading')}",
            "hb-cite"))


def script(ctx: Context, src: str) -> str:
    """A page's own script, by its path in docs/, so only the pages that need it load it."""
    return block(tag("script", "", src=ctx.href(src), defer="defer"))
