"""Who should act: the role pages (data/audiences.yml), each listing exactly the items whose
own words name the role, quoting the words that do."""
from __future__ import annotations

from itertools import groupby

from macros.model import shapes as m
from macros.model.audiences import KINDS

from . import currency
from .html import block, heading, inline, tag
from .links import Context

# The sources' own headings for the parts of a recommendation.
FIELD_LABELS = {"who": "Who should take action?", "actions_intro": "What action should they take?",
                "actions": "What action should they take?"}



def audience_page(ctx: Context, audience_id: str) -> str:
    who = next(a for a in ctx.book.file("audiences.yml").audiences if a.id == audience_id)
    chosen = ctx.book.facts.audiences[who.id]
    names = ", ".join(f"“{inline(n)}”" for n in who.names)
    out = [block(tag("p", inline(who.about))
                 + tag("p", f"<strong>Handbook note:</strong> this page lists every recommendation, escalation "
                            f"paragraph, fourteen-points point, professional-dimension dimension and seven-steps "
                            f"step whose words name {names}, with the words that do. The list is made from the "
                            f"data, not chosen by hand; follow each link to read the item in full.", "hb-note"))]
    for kind, title in KINDS.items():
        rows = [_row(ctx, ctx.book[i], hits) for i, hits in chosen.items() if type(ctx.book[i]) is kind]
        if rows:
            out.append(heading(2, title, f"{who.id}-{kind.__name__.lower()}"))
            out.append(block(tag("ul", "".join(rows), "hb-audience")))
    return "".join(out)


def _row(ctx: Context, item, hits: list[tuple[str, str]]) -> str:
    words = ctx.words if isinstance(item, m.EscParagraph) else str
    quotes = []
    shown = [hit for hit in hits if hit[0] != "title"]  # the link already names the item by its title
    for label, group in groupby(shown, key=lambda hit: FIELD_LABELS.get(hit[0], "")):
        quotes.append((tag("p", label, "hb-audience__field") if label else "")
                      + "".join(tag("blockquote", tag("p", inline(words(text)))) for _, text in group))
    unread = (" " + tag("span", "(not reproduced in this handbook)", "hb-small")
              if isinstance(item, m.Recommendation) and not item.reproduced else "")
    # Only what has changed in the item itself: its source's status is in its citation.
    return tag("li", tag("p", ctx.link(item.id) + unread, "hb-audience__item") + "".join(quotes)
               + currency.notice(item, ctx, source_wide=False) + tag("p", currency.citation(item, ctx), "hb-cite"),
               **{"data-item": item.id})


def audiences_index(ctx: Context) -> str:
    rows = []
    for who in ctx.book.file("audiences.yml").audiences:
        count = len(ctx.book.facts.audiences[who.id])
        rows.append(tag("li", tag("p", tag("a", inline(who.title), href=ctx.href(who.page))
                                  + f" {tag('span', f'({count} items)', 'hb-small')}")
                        + tag("p", inline(who.about))))
    return block(tag("ul", "".join(rows), "hb-audiences"))


def audience_links(ctx: Context) -> str:
    """Markdown links to every audience page (for hand-written pages such as the home page)."""
    return " · ".join(f"[{who.title}]({ctx.href(who.page)})"
                      for who in ctx.book.file("audiences.yml").audiences)


