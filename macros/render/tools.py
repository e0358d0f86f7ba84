"""The two working sheets: the practice pledge (Appendix 1) and the reflection sheet (Appendix 2).

Each renders its whole form from data as a printable blank, so the page reads and prints
without JavaScript. Data attributes name what every blank is for (row, column, field,
evidence code, consideration), so pledge.js and reflection.js turn the blanks into inputs
without knowing the form's rows, columns or codes themselves.
"""
from __future__ import annotations

from markupsafe import Markup

from macros.model import shapes as m

from .html import block, heading
from .links import Context
from .templating import render

EXTRA_ROW = "extra-"  # row ids of the form's blank rows a)–e): extra-a, extra-b, ...


# --- practice pledge --------------------------------------------------------------------

def review_stage(tool: m.PledgeTool) -> m.Stage:
    """The stage that reviews the pledges some months on (Stage 2)."""
    return next(s for s in tool.stages if s.review_after_months)


def practice_pledge_page(ctx: Context) -> str:
    tool = ctx.book.pledge_tool
    review = review_stage(tool)
    fields = ([(f.id, f.label, "text") for f in tool.fields]
              + [("stage-1-completed", "Stage 1 completed on:", "date"),
                 ("review-due", f"{review.title} review due ({review.review_after_months} months on):",
                  "review-due")])
    sheet = render("pledge_sheet.html", ctx, tool=tool, fields=fields, review_months=review.review_after_months,
                   table=pledge_table(ctx, tool, fillable=True))
    return heading(2, tool.title, tool.id) + exercise_guide(ctx) + block(sheet)


def pledge_table(ctx: Context, tool: m.PledgeTool, *, fillable: bool) -> Markup:
    """The paper form's table, on the tool page (fillable) or in the printed guide."""
    return render("pledge_table.html", ctx, tool=tool, fillable=fillable, extra_row=EXTRA_ROW)


def exercise_guide(ctx: Context) -> str:
    """Section 8's two stages, folded above the form: how to complete it, in the source's words."""
    return block(render("pledge_instructions.html", ctx, stage_1=ctx.book["lessons-8-stage-1"],
                        stage_2=ctx.book["lessons-8-stage-2"]))


# --- reflection sheet (Appendix 2) ------------------------------------------------------

REFLECTION_FIELDS = [("practitioner", "Practitioner:", "text"), ("supervisor", "Supervisor:", "text"),
                     ("date", "Date:", "date")]


def reflection_page(ctx: Context) -> str:
    data = ctx.book.professional_dimension
    out = [block(render("reflection_sheet.html", ctx, data=data, fields=REFLECTION_FIELDS))]
    for domain in data.domains:
        out.append(heading(2, domain.title, f"reflect-{domain.id}"))
        out.append(block(render("reflection_reference.html", ctx, domain=domain)))
        out.extend(block(render("reflection_dimension.html", ctx, dim=dim, domain=domain)) for dim in domain.dimensions)
    return "".join(out)


TOOL_MACROS = {
    "practice_pledge_page": practice_pledge_page,
    "reflection_page": reflection_page,
}
