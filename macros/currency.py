"""Where the world has moved on since the sources were published (data/currency.yml), the
handbook's own amendments log (data/amendments.yml), and how both are shown.

The sources stay as published. A change record says what the sources name, what happened and
when (facts from the handbook's reference on currency, compiled from public records), and which
items it affects: every item of a source, items by id, the recommendations that name a body as
who should take action, or the items whose own words name it. Each affected item shows a short
notice at the top of its body; the "What has changed" page lists them all.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, StringConstraints, model_validator

from . import models as m
from .html import block, heading, inline, link, tag
from .loader import Problem
from .models import Id, Model, SeeAlso, Text, ref
from .wording import all_loaded, naming, per_book

if TYPE_CHECKING:
    from .context import Context
    from .handbook import Handbook

WHATS_CHANGED = "whats-changed.md"

# A date as a string: "2012", "2012-06" or "2012-03-31" (YAML's own dates are accepted too).
IsoDate = Annotated[str, BeforeValidator(lambda v: v.isoformat() if isinstance(v, dt.date) else v),
                    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]


class Affects(Model):
    sources: list[ref("Source")] = []
    items: SeeAlso = []
    actors: list[Text] = []     # bodies as a recommendation names them under "who should take action"
    mentions: list[Text] = []   # names as the items' own words print them (case as printed)

    @model_validator(mode="after")
    def _something(self):
        if not (self.sources or self.items or self.actors or self.mentions):
            raise ValueError("a change must affect something: sources, items, actors or mentions")
        return self


class Change(Model):
    id: Id
    named: Text      # what the sources name, as the reference names it
    what: Text       # what happened
    when: Text       # when, as the reference words it
    date: IsoDate    # the date that orders the changes
    notice: Text     # the short sentence shown next to every item it affects
    affects: Affects


class CurrencyFile(Model):
    by: Literal["handbook"]
    reference: Text          # where the facts come from (the handbook's reference, not a source)
    checked: IsoDate         # when the facts were last checked
    changes: list[Change]


class Amendment(Model):
    date: IsoDate
    summary: Text
    pages: Literal["all"] | list[Text]   # pages (paths in docs/) whose content it reviewed


class AmendmentsFile(Model):
    by: Literal["handbook"]
    amendments: list[Amendment]


# --- which items each change affects ---------------------------------------------------------

Hit = tuple[Change, str]   # a change and how it reaches the item: source, item, actor or mention


# Items that show no notice: sources (their page says what replaced them), references (a reading
# list, not guidance) and lesson blocks (matched and shown as part of their section).
UNNOTICED = (m.Source, m.Reference, m.Block)


def _matchable(book: Handbook) -> list:
    return [item for item in book.index.values() if not isinstance(item, UNNOTICED)]


def _affected(book: Handbook, change: Change) -> dict[str, str]:
    """Item id -> how the change reaches it (the most specific way)."""
    reached: dict[str, str] = {}
    recs = book.recommendations.recommendations if book.loaded["recommendations.yml"].model else []
    if change.affects.mentions:
        reached.update(dict.fromkeys(naming(book, _matchable(book), change.affects.mentions), "mention"))
    if change.affects.actors:
        reached.update(dict.fromkeys(naming(book, recs, change.affects.actors, fields=frozenset({"who"})), "actor"))
    reached.update(dict.fromkeys((i for i in change.affects.items if i in book.index), "item"))
    for item in _matchable(book):
        if item.source in change.affects.sources and item.id not in reached and not isinstance(item, m.Term):
            reached[item.id] = "source"  # a term cites where it is used, not what it says
    return reached


@per_book
def hits_by_item(book: Handbook) -> dict[str, list[Hit]]:
    """Item id -> the changes that affect it: those about the item itself first, then its
    source's; each group in date order."""
    data: CurrencyFile | None = book.loaded["currency.yml"].model
    out: dict[str, list[Hit]] = {}
    for change in sorted(data.changes if data else [], key=lambda c: c.date):
        for item_id, how in _affected(book, change).items():
            out.setdefault(item_id, []).append((change, how))
    for hits in out.values():
        hits.sort(key=lambda hit: hit[1] == "source")
    return out


def notice(item, ctx: Context, source_wide: bool = True) -> str:
    """What has changed since the item's source was published; empty when nothing has.
    `source_wide=False` leaves out the changes that reach the item only through its source,
    where the citation beside it already shows that source's status (the audience pages)."""
    hits = [h for h in hits_by_item(ctx.book).get(getattr(item, "id", None), [])
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
    reached = _affected(ctx.book, change)
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


# --- when each page's content was last reviewed ----------------------------------------------

def last_reviewed(book: Handbook, page_src: str) -> str | None:
    """The date of the newest amendment that reviewed the page."""
    dates = [a.date for a in book.file("amendments.yml").amendments if a.pages == "all" or page_src in a.pages]
    return max(dates) if dates else None


def reviewed_line(ctx: Context) -> str:
    """The line every page ends with."""
    date = last_reviewed(ctx.book, ctx.page_src)
    if date is None:
        return ""
    log = f"{ctx.href(WHATS_CHANGED)}#amendments" if ctx.page_src != WHATS_CHANGED else "#amendments"
    return block(tag("p", f"Content last reviewed on {_time(date)}. {link(log, 'Amendments log')}",
                     "hb-reviewed"))


# --- checks run at load -----------------------------------------------------------------------

def check(book: Handbook) -> list[Problem]:
    """Every change reaches the items it says it does (an actor or a mention that no item names
    is stale), change ids are unique in the handbook, and the amendments log is newest first and
    names pages that exist."""
    problems: list[Problem] = []
    loaded = book.loaded["currency.yml"]
    data: CurrencyFile | None = loaded.model
    if data is not None:
        stale = all_loaded(book)  # whether an actor or mention that names nothing is stale
        recs = book.recommendations.recommendations if stale else []
        seen: set[str] = set()
        for i, change in enumerate(data.changes):
            def problem(path: tuple, message: str):
                problems.append(loaded.problem(("changes", i) + path, change.id, message))
            if change.id in seen or change.id in book.index:
                problem(("id",), "duplicate id (change ids are anchors: unique in the handbook)")
            seen.add(change.id)
            for j, actor in enumerate(change.affects.actors):
                if recs and not naming(book, recs, [actor], fields=frozenset({"who"})):
                    problem(("affects", "actors", j), f"actors: no recommendation names '{actor}' "
                                                      f"as who should take action")
            for j, phrase in enumerate(change.affects.mentions if stale else []):
                if not naming(book, _matchable(book), [phrase]):
                    problem(("affects", "mentions", j), f"mentions: no item names '{phrase}'")
    log = book.loaded["amendments.yml"]
    if log.model is not None:
        docs = Path(book.data_dir).parent / "docs"
        dates = [a.date for a in log.model.amendments]
        if dates != sorted(dates, reverse=True):
            problems.append(log.problem(("amendments",), None, "amendments must be listed newest first"))
        for i, entry in enumerate(log.model.amendments):
            for j, page in enumerate([] if entry.pages == "all" else entry.pages):
                if docs.is_dir() and not (docs / page).is_file():  # (data checked on its own has no docs/)
                    problems.append(log.problem(("amendments", i, "pages", j), None, f"pages: no page docs/{page}"))
    return problems
