"""The two working sheets: the practice pledge (Appendix 1) and the reflection sheet (Appendix 2).

Each renders its whole form from data as a printable blank, so the page reads and prints
without JavaScript. Data attributes name what every blank is for (row, column, field,
evidence code, consideration), so pledge.js and reflection.js turn the blanks into inputs
without knowing the form's rows, columns or codes themselves.
"""
from __future__ import annotations

from macros.model import shapes as m

from .currency import citation, cite
from .html import block, entries, heading, inline, link, note, para, plain, tag
from .links import Context, title_of

EXTRA_ROW = "extra-"  # row ids of the form's blank rows a)–e): extra-a, extra-b, ...


def dashed(**attrs: str) -> dict[str, str]:
    """Attributes whose names have dashes (data-row, aria-hidden), from Python keywords."""
    return {k.replace("_", "-"): v for k, v in attrs.items()}


def blank_field(field_id: str, label: str, kind: str = "text") -> str:
    """A labelled blank line; the script makes it an input of the given kind."""
    return tag("p", tag("span", inline(label), "hb-field-label") + " " + tag("span", "", "hb-blank"),
               "hb-field", **dashed(data_field=field_id, data_kind=kind))


# --- practice pledge --------------------------------------------------------------------

def practice_pledge_page(ctx: Context) -> str:
    tool = ctx.book.pledge_tool
    review = next(s for s in tool.stages if s.review_after_months)
    guide = exercise_guide(ctx)
    dates = (blank_field("stage-1-completed", "Stage 1 completed on:", "date")
             + blank_field("review-due", f"{review.title} review due ({review.review_after_months} months on):",
                           "review-due"))
    codes = "".join(tag("li", f"<strong>{inline(e.code)}</strong> = {inline(e.label)}",
                        **dashed(data_code=e.code, data_label=e.label)) for e in tool.evidence_sources)
    sheet = tag("div", "".join(blank_field(f.id, f.label) for f in tool.fields) + dates
                + tag("p", "Evidence sources:", "hb-label") + tag("ul", codes, "hb-list pl-codes")
                + tag("div", pledge_table(ctx, tool, review), "hb-table-wrap")
                + note(tool.extra_rows.note) + cite(tool, ctx),
                "hb-tool pl-sheet", **dashed(data_tool="pledge", data_noun="assessment",
                                             data_review_months=str(review.review_after_months)))
    return heading(2, tool.title, tool.id) + guide + block(sheet)


def pledge_table(ctx: Context, tool: m.PledgeTool, review: m.Stage) -> str:
    """The paper form's table: stage headings, the six columns, a row per point and rows a)–e).

    The first column names the finding; the review stage's column takes evidence entries."""
    columns = [(c, "evidence" if stage is review else "text") for stage in tool.stages for c in stage.columns]
    columns[0] = (columns[0][0], "finding")
    first = columns[0][0].id
    stages = "".join(tag("th", inline(s.title), colspan=str(len(s.columns)), scope="colgroup") for s in tool.stages)
    heads = "".join(tag("th", tag("span", str(c.number), "pl-colnum") + " " + inline(c.label)
                        + para(c.instruction, "hb-small"), scope="col",
                        **dashed(data_column=c.id, data_kind=kind, data_label=f"{c.number}. {plain(c.label)}"))
                    for c, kind in columns)
    cells = "".join(tag("td", "", **dashed(data_column=c.id)) for c, _ in columns[1:])
    rows = []
    for group in tool.rows:
        rows.append(tag("tr", tag("th", inline(f"{ctx.book[group.area].number}) {group.title}"),
                                  colspan=str(len(columns)), scope="colgroup"), "pl-area"))
        for row in group.points:
            point = ctx.book[row.point]
            # The paper form's "See details on p. 23-27 above", as a link to the point.
            details = link(ctx.url(row.details), "See details" + tag(
                "span", f": {inline(title_of(ctx.book[row.details]))}", "hb-visually-hidden"))
            finding = f"{point.number}) {inline(point.title)} " + tag("span", f"({details})", "hb-small pl-details")
            rows.append(tag("tr", tag("th", finding, scope="row", **dashed(data_column=first)) + cells,
                            **dashed(data_row=point.id, data_name=f"Point {point.number}",
                                     data_finding=plain(f"{point.number}) {point.title}"),
                                     data_area=plain(f"{ctx.book[group.area].number}) {group.title}"))))
    extra = tool.extra_rows
    rows.append(tag("tr", tag("th", inline(extra.title), scope="row")
                    + tag("td", inline(extra.instruction), colspan=str(len(columns) - 1)), "pl-area"))
    rows.extend(tag("tr", tag("th", f"{inline(label)})", scope="row", **dashed(data_column=first)) + cells,
                    "pl-extra", **dashed(data_row=EXTRA_ROW + label, data_name=f"Row {label}",
                                         data_finding=f"{label})", data_area=plain(extra.title)))
                for label in extra.labels)
    return tag("table", tag("thead", tag("tr", stages) + tag("tr", heads)) + tag("tbody", "".join(rows)),
               "hb-form-table pl-table")


def exercise_guide(ctx: Context) -> str:
    """Section 8's two stages, folded above the form: how to complete it, in the source's words."""
    stage_1, stage_2 = ctx.book["lessons-8-stage-1"], ctx.book["lessons-8-stage-2"]
    body = (para(stage_1.title, "hb-label") + entries(stage_1.items, ctx) + note(stage_1.note)
            + para(stage_2.title, "hb-label") + para(stage_2.text)
            + tag("p", f"From {ctx.link('lessons-8')}. {citation(stage_1, ctx)}", "hb-cite"))
    return block(tag("details", tag("summary", "How to complete the form (section 8)") + body, "pl-guide"))


# --- reflection sheet (Appendix 2) ------------------------------------------------------

REFLECTION_FIELDS = [("practitioner", "Practitioner:", "text"), ("supervisor", "Supervisor:", "text"),
                     ("date", "Date:", "date")]


def reflection_page(ctx: Context) -> str:
    data = ctx.book.professional_dimension
    fields = "".join(blank_field(*f) for f in REFLECTION_FIELDS)
    out = [block(tag("div", fields + para(data.title, "hb-label") + cite(data, ctx), "hb-tool rf-sheet",
                     **dashed(data_tool="reflection", data_noun="reflection sheet")))]
    for domain in data.domains:
        out.append(heading(2, domain.title, f"reflect-{domain.id}"))
        out.append(block(tag("p", f"Reference: {ctx.link(domain.id)}", "hb-xref")))
        out.extend(block(dimension_checklist(dim, domain)) for dim in domain.dimensions)
    return "".join(out)


def dimension_checklist(dim: m.Dimension, domain: m.Domain) -> str:
    notes = tag("div", tag("p", "Notes", "hb-label rf-notes-label") + tag("div", "", "rf-notes-blank"),
                "rf-notes", **dashed(data_notes=dim.id))
    # Three domains share some dimensions' titles: a screen reader hears which domain this is.
    legend = inline(dim.title) + tag("span", f" ({inline(domain.title)})", "hb-visually-hidden")
    return tag("fieldset", tag("legend", legend) + para(dim.intro, "hb-label")
               + checklist(dim.considerations, dim.id) + note(dim.note) + notes,
               "rf-dimension", **dashed(data_dimension=dim.id))


def checklist(items: list[m.Entry], key: str) -> str:
    """Considerations with a box each; every entry, nested ones too, is keyed by its place."""
    out = []
    for number, entry in enumerate(items, 1):
        here = f"{key}.{number}"
        out.append(tag("li", tag("span", "", "rf-box", **dashed(aria_hidden="true"))
                       + tag("span", inline(entry.text), "rf-text") + checklist(entry.items, here),
                       **dashed(data_check=here)))
    return tag("ul", "".join(out), "rf-checks") if out else ""


TOOL_MACROS = {
    "practice_pledge_page": practice_pledge_page,
    "reflection_page": reflection_page,
}
