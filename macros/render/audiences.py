"""Who should act: the role pages (data/audiences.yml), each listing exactly the items whose
own words name the role, quoting the words that do."""
from __future__ import annotations

from itertools import groupby

from macros.model import shapes as m
from macros.model.audiences import KINDS

from .html import block, heading
from .links import Context
from .templating import render

# The sources' own headings for the parts of a recommendation.
FIELD_LABELS = {"who": "Who should take action?", "actions_intro": "What action should they take?",
                "actions": "What action should they take?"}


def audience_page(ctx: Context, audience_id: str) -> str:
    who = next(a for a in ctx.book.file("audiences.yml").audiences if a.id == audience_id)
    chosen = ctx.book.facts.audiences[who.id]
    out = [block(render("audience_intro.html", ctx, who=who))]
    for kind, title in KINDS.items():
        rows = [_row(ctx, ctx.book[i], hits) for i, hits in chosen.items() if type(ctx.book[i]) is kind]
        if rows:
            out.append(heading(2, title, f"{who.id}-{kind.__name__.lower()}"))
            out.append(block(render("audience_list.html", ctx, rows=rows)))
    return "".join(out)


def _row(ctx: Context, item, hits: list[tuple[str, str]]) -> tuple[str, list[tuple[str, list[str]]], bool]:
    """An item's id, the words of it that name the role grouped under the source's headings,
    and whether the handbook leaves the item out."""
    words = ctx.words if isinstance(item, m.EscParagraph) else str
    shown = [hit for hit in hits if hit[0] != "title"]  # the link already names the item by its title
    quotes = [(label, [words(text) for _, text in group])
              for label, group in groupby(shown, key=lambda hit: FIELD_LABELS.get(hit[0], ""))]
    return item.id, quotes, isinstance(item, m.Recommendation) and not item.reproduced


def audiences_index(ctx: Context) -> str:
    audiences = [(who, len(ctx.book.facts.audiences[who.id])) for who in ctx.book.file("audiences.yml").audiences]
    return block(render("audiences_index.html", ctx, audiences=audiences))


def audience_links(ctx: Context) -> str:
    """Links to every audience page, inline (for hand-written pages such as the home page)."""
    return render("audience_links.html", ctx, data=ctx.book.file("audiences.yml"))


