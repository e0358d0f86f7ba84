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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BeforeValidator, StringConstraints, model_validator

from . import shapes as m
from .loading import Problem
from .shapes import Id, Model, SeeAlso, Text, ref
from .wording import all_loaded, naming

if TYPE_CHECKING:
    from .book import Handbook

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


def affected(book: Handbook, change: Change) -> dict[str, str]:
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


def hits_by_item(book: Handbook) -> dict[str, list[Hit]]:
    """Item id -> the changes that affect it: those about the item itself first, then its
    source's; each group in date order."""
    data: CurrencyFile | None = book.loaded["currency.yml"].model
    out: dict[str, list[Hit]] = {}
    for change in sorted(data.changes if data else [], key=lambda c: c.date):
        for item_id, how in affected(book, change).items():
            out.setdefault(item_id, []).append((change, how))
    for hits in out.values():
        hits.sort(key=lambda hit: hit[1] == "source")
    return out


# --- when each page's content was last reviewed ----------------------------------------------

def last_reviewed(book: Handbook, is_page: Callable[[str], bool]) -> str | None:
    """The date of the newest amendment that reviewed the page (is_page tells whether a path
    in docs/ is that page)."""
    dates = [a.date for a in book.file("amendments.yml").amendments
             if a.pages == "all" or any(is_page(p) for p in a.pages)]
    return max(dates) if dates else None


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
