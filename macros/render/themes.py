"""How the seven steps' relations to other items (data/themes.yml) are shown: under each step,
the items that serve it; in each of those items, its steps. The relations are the handbook's
editorial judgement, labelled so wherever they are shown."""
from __future__ import annotations

from macros.model import shapes as m
from macros.model.themes import KINDS

from .html import inline, note, tag
from .links import Context

LABEL = "the handbook’s index: an editorial judgement, not the sources’ words"


def shown_with(item, ctx: Context) -> str:
    """For a step, the items that serve it; for an item that serves steps, its themes."""
    if isinstance(item, m.Step):
        return _serving(item, ctx)
    themes = ctx.book.facts.themes.get(item.id)
    if not themes:
        return ""
    rows = "".join(tag("li", f"{ctx.link(step)}: {inline(ctx.words(why))}") for step, why in themes)
    return tag("div", tag("p", f"Seven steps theme{'s' if len(themes) > 1 else ''} "
                               + tag("span", f"({LABEL})", "hb-small"), "hb-label")
               + tag("ul", rows, "hb-list"), "hb-themes")


def _serving(step: m.Step, ctx: Context) -> str:
    theme = ctx.book.facts.serving.get(step.id)
    if theme is None:
        return ""
    groups = []
    for kind, title in KINDS.items():
        rows = [tag("li", f"{ctx.link(r.to)}: {inline(ctx.words(r.why))}") for r in theme.serves
                if type(ctx.book[r.to]).__name__ == kind]
        if rows:
            groups.append(tag("p", title, "hb-themes__kind") + tag("ul", "".join(rows), "hb-list"))
    return tag("div", tag("p", "Serves this step " + tag("span", f"({LABEL})", "hb-small"), "hb-label")
               + "".join(groups), "hb-themes hb-themes--step")


def about() -> str:
    return note("Under each step, the handbook lists the fourteen points, recommendations, escalation "
                "paragraphs and professional-dimension dimensions that serve it, each with a reason; each "
                "of those items names its steps in turn. These relations are the handbook’s index, an "
                "editorial judgement, not the words of *Seven steps to better protection* or of any source.")


