"""How the changes since publication (data/currency.yml) and the handbook's amendments log
(data/amendments.yml) are shown: a notice at the top of each item they affect, the "What has
changed" page, and the line every page ends with."""
from __future__ import annotations

from macros.model.currency import Change, CurrencyFile, last_reviewed

from .html import block, heading
from .links import Context
from .templating import render

WHATS_CHANGED = "whats-changed.md"
# How a change reaches an item, as the "What has changed" page words it (an item named by id
# needs no words).
WAYS = {"actor": "named as who should take action", "item": None, "mention": "names it"}


def _affects(change: Change, ctx: Context) -> list[tuple[list[str], str | None]]:
    """The items a change reaches, beyond its sources' own: grouped by how, in WAYS' order."""
    reached = ctx.book.facts.reach[change.id]
    groups = [([i for i, way in reached.items() if way == how], label) for how, label in WAYS.items()]
    return [(ids, label) for ids, label in groups if ids]


def whats_changed_page(ctx: Context) -> str:
    data: CurrencyFile = ctx.book.file("currency.yml")
    out = []
    for change in sorted(data.changes, key=lambda c: c.date):
        out.append(heading(2, change.named, change.id))
        out.append(block(render("change.html", ctx, change=change, reached=_affects(change, ctx))))
    out.append(block(render("currency_checked.html", ctx, data=data)))
    return "".join(out)


def amendments_log(ctx: Context) -> str:
    return heading(2, "Amendments to this handbook", "amendments") + block(
        render("amendments.html", ctx, amendments=ctx.book.file("amendments.yml").amendments))


def reviewed_line(ctx: Context) -> str:
    """The line every page ends with."""
    date = last_reviewed(ctx.book, ctx.is_page)
    if date is None:
        return ""
    log = f"{ctx.href(WHATS_CHANGED)}#amendments" if not ctx.is_page(WHATS_CHANGED) else "#amendments"
    return block(render("reviewed_line.html", ctx, date=date, log=log))
