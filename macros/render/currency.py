"""How the changes since publication (data/currency.yml) and the handbook's amendments log
(data/amendments.yml) are shown: a notice at the top of each item they affect, the "What has
changed" page, and the line every page ends with."""
from __future__ import annotations

import datetime as dt
import re

from macros.model import shapes as m
from macros.model.currency import CurrencyFile, last_reviewed

from .html import block, heading, inline, link, tag
from .links import Context

WHATS_CHANGED = "whats-changed.md"


def cite(item: m.Cited, ctx: Context) -> str:
    """The citation line of an item with no body of its own, after what has changed since."""
    return notice(item, ctx) + tag("p", citation(item, ctx), "hb-cite")


def notice(item, ctx: Context, source_wide: bool = True) -> str:
    """What has changed since the item's source was published; empty when nothing has.
    `source_wide=False` leaves out the changes that reach the item only through its source,
    where the citation beside it already shows that source's status (the audience pages)."""
    hits = [h for h in ctx.book.facts.notices.get(getattr(item, "id", None), [])
            if source_wide or h[1] != "source"]
    if not hits:
        return ""
    here = ctx.href(WHATS_CHANGED)
    said = " ".join(link(f"{here}#{change.id}", inline(change.notice)) for change, _ in hits)
    return tag("div", tag("p", f"<strong>Changed since publication:</strong> {said}"), "hb-currency", role="note")


def citation(item: m.Cited, ctx: Context) -> str:
    """Where the item comes from, with its source's date and status."""
    source = ctx.book[item.source]
    status = "current"
    if source.status == "superseded":
        status = tag("span", f"superseded {human_date(source.replaced_on or '')}".strip(), "hb-status")
    return f"Source: {ctx.link(source.id)}, {inline(item.section)} ({human_date(source.published)}; {status})"


# --- the "What has changed" page ---------------------------------------------------------------

def human_date(iso: str) -> str:
    """"2012-03-31" -> "31 March 2012", "2012-06" -> "June 2012"; anything else ("2008",
    "undated") as it is."""
    if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", iso):
        return iso
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {dt.date(*parts):%B %Y}"
    if len(parts) == 2:
        return f"{dt.date(parts[0], parts[1], 1):%B %Y}"
    return iso


def _affects(change: Change, ctx: Context) -> str:
    reached = ctx.book.facts.reach[change.id]
    parts = [f"every item from {ctx.link(s)}" for s in change.affects.sources]
    ways = {"actor": "named as who should take action", "item": None, "mention": "names it"}
    for how, label in ways.items():
        ids = [i for i, way in reached.items() if way == how]
        if ids:
            items = ", ".join(ctx.link(i) for i in ids)
            parts.append(f"{items} ({label})" if label else items)
    return "; ".join(parts)


def whats_changed_page(ctx: Context) -> str:
    data: CurrencyFile = ctx.book.file("currency.yml")
    out = []
    for change in sorted(data.changes, key=lambda c: c.date):
        rows = [("What happened", inline(change.what)), ("When", inline(change.when)),
                ("Shown with", _affects(change, ctx))]
        table = "".join(tag("tr", tag("th", k, scope="row") + tag("td", v)) for k, v in rows)
        out.append(heading(2, change.named, change.id))
        out.append(block(tag("div", tag("table", table, "hb-facts") + tag("p", inline(change.notice), "hb-small"),
                             "hb-item hb-change")))
    out.append(block(tag("p", f"Facts and dates: {inline(data.reference)}, last checked "
                              f"{human_date(data.checked)}.", "hb-cite")))
    return "".join(out)


def amendments_log(ctx: Context) -> str:
    rows = []
    for entry in ctx.book.file("amendments.yml").amendments:
        pages = ("every page" if entry.pages == "all"
                 else ", ".join(link(ctx.href(p), inline(p)) for p in entry.pages))
        rows.append(tag("tr", tag("td", _time(entry.date)) + tag("td", inline(entry.summary)) + tag("td", pages)))
    head = tag("tr", "".join(tag("th", h, scope="col") for h in ("Date", "Change", "Pages reviewed")))
    intro = tag("p", "Changes to the handbook itself, newest first. Each page ends with the date its content "
                     "was last reviewed.")
    return heading(2, "Amendments to this handbook", "amendments") + block(
        intro + tag("div", tag("table", tag("thead", head) + tag("tbody", "".join(rows)), "hb-amendments"),
                    "hb-table-wrap"))


def _time(iso: str) -> str:
    return tag("time", human_date(iso), datetime=iso)


def reviewed_line(ctx: Context) -> str:
    """The line every page ends with."""
    date = last_reviewed(ctx.book, ctx.is_page)
    if date is None:
        return ""
    log = f"{ctx.href(WHATS_CHANGED)}#amendments" if not ctx.is_page(WHATS_CHANGED) else "#amendments"
    return block(tag("p", f"Content last reviewed on {_time(date)}. {link(log, 'Amendments log')}",
                     "hb-reviewed"))


