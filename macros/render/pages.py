"""One render function per page of the handbook: the resolved model in, Markdown out.

Every item becomes a Markdown heading with its id as anchor (so it is in the table of contents
and is its own search result), followed by its body from the item's template
(templates/<kind>.html), which ends with the line that cites its source.
"""
from __future__ import annotations

from macros.model import shapes as m

from . import html
from .html import heading
from .links import Context, title_of
from .templating import render


def block(template: str, ctx: Context, **values) -> str:
    """A template's HTML as a Markdown block of its own (blank lines around it)."""
    return html.block(render(template, ctx, **values))


# --- recommendations ------------------------------------------------------------------

def recommendations_page(ctx: Context) -> str:
    data = ctx.book.recommendations
    out = []
    for section in data.sections:
        out.append(heading(2, section.title, section.id) + block("ph28_section.html", ctx, section=section))
        for rec in data.recommendations:
            if rec.reproduced and rec.ph28_section == section.title:
                out.append(heading(3, title_of(rec), rec.id) + block("recommendation.html", ctx, rec=rec))
    out.append(heading(2, "Other recommendations referred to", "ph28-not-reproduced"))
    out.append("\n<p>The recommendations above refer to these other PH28 recommendations. They are not "
               "reproduced in this handbook; read them in the published guidance.</p>\n")
    for rec in data.recommendations:
        if not rec.reproduced:
            out.append(heading(3, title_of(rec), rec.id) + block("recommendation.html", ctx, rec=rec))
    if data.footnotes:
        out.append(heading(2, "Footnotes", "ph28-footnotes"))
        out.extend(block("footnote.html", ctx, fn=fn) for fn in data.footnotes)
    return "".join(out)


# --- escalation -----------------------------------------------------------------------

def escalation_page(ctx: Context) -> str:
    out = []
    for part in ctx.book.escalation.parts:
        out.append(heading(2, title_of(part), part.id) + block("esc_section.html", ctx, section=part))
        out.extend(heading(3, title_of(p), p.id) + block("esc_paragraph.html", ctx, par=p) for p in part.paragraphs)
        for process in part.processes:
            out.append(heading(3, title_of(process), process.id) + block("esc_section.html", ctx, section=process))
            out.extend(heading(4, title_of(s), s.id) + block("esc_paragraph.html", ctx, par=s) for s in process.steps)
    return "".join(out)


def risk_exit(ctx: Context) -> str:
    """The exit that stands above every escalation route: 1.4 and the last sentence of 1.5."""
    return block("risk_exit.html", ctx, paragraphs=[ctx.book["esc-1.4"], ctx.book["esc-1.5"]])


# --- fourteen points ------------------------------------------------------------------

def fourteen_points_page(ctx: Context) -> str:
    data = ctx.book.fourteen_points
    out = [block("fourteen_points_intro.html", ctx, data=data)]
    for area in data.areas:
        out.append(heading(2, title_of(area), area.id) + block("area.html", ctx, area=area))
        for point in ctx.book.points_in(area):
            out.append(heading(3, title_of(point), point.id)
                       + block("point.html", ctx, point=point, additional_title=data.column_titles["additional_detail"]))
    return "".join(out)


# --- seven steps ------------------------------------------------------------------------

def seven_steps_page(ctx: Context) -> str:
    out = [block("seven_steps_intro.html", ctx, data=ctx.book.seven_steps)]
    for step in ctx.book.seven_steps.steps:
        out.append(heading(2, title_of(step), step.id) + block("step.html", ctx, step=step))
    return "".join(out)


# --- lessons --------------------------------------------------------------------------

def lessons_page(ctx: Context) -> str:
    return "".join(lesson_section(ctx, s, 2) for s in ctx.book.lessons.sections)


def lesson_section(ctx: Context, section: m.LessonSection, level: int) -> str:
    """A section's heading and blocks. A titled list with an id gets a heading of its own (it is
    cited on its own); the blocks before the first such list stand outside the section's body."""
    out = [heading(level, title_of(section), section.id)]
    run: list[tuple[m.Block, bool]] = []
    for blk in section.blocks:
        titled = blk.type == "list" and bool(blk.id and blk.title)
        if titled:
            out.append(block("lesson_blocks.html", ctx, run=run))
            out.append(heading(min(level + 1, 6), blk.title, blk.id))
            run = []
        run.append((blk, titled))
    out.append(block("lesson_section.html", ctx, section=section, run=run))
    out.extend(lesson_section(ctx, sub, min(level + 1, 6)) for sub in section.subsections)
    return "".join(out)


# --- professional dimension -----------------------------------------------------------

def professional_dimension_page(ctx: Context) -> str:
    out = []
    for domain in ctx.book.professional_dimension.domains:
        out.append(heading(2, domain.title, domain.id) + block("dimension.html", ctx, item=domain))
        out.extend(heading(3, dim.title, dim.id) + block("dimension.html", ctx, item=dim) for dim in domain.dimensions)
    return "".join(out)


# --- reference pages ------------------------------------------------------------------

def sources_page(ctx: Context) -> str:
    return "".join(heading(2, src.short_title, src.id) + block("source.html", ctx, src=src) for src in ctx.book.sources)


def glossary_page(ctx: Context) -> str:
    return block("glossary.html", ctx, terms=ctx.book.glossary)


def references_page(ctx: Context) -> str:
    data = ctx.book.references
    return block("references.html", ctx, data=data) + block("references_source.html", ctx, data=data)


def script(ctx: Context, src: str) -> str:
    """A page's own script, by its path in docs/, so only the pages that need it load it."""
    return block("script.html", ctx, src=src)
