"""Who should act: role-based entry points (data/audiences.yml).

Each audience lists the names by which the sources' own words name that role. Its page lists
exactly the items (recommendations, escalation paragraphs, fourteen points, professional-
dimension dimensions, seven steps) whose words name it, quoting the words that do, so a
reader sees at once what the sources ask of them. Nothing is picked by hand.
"""
from __future__ import annotations

import posixpath
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import currency
from . import models as m
from .html import block, heading, inline, tag
from .loader import Problem
from .models import Id, Model, Text
from .wording import all_loaded, naming, per_book

if TYPE_CHECKING:
    from .context import Context
    from .handbook import Handbook

# What an audience page lists, in this order, and the heading each group has.
KINDS: dict[type, str] = {
    m.EscParagraph: "Resolving professional disagreements",
    m.Recommendation: "Recommendations (NICE/SCIE PH28)",
    m.Point: "The fourteen key points",
    m.Dimension: "The professional dimension",
    m.Step: "Seven steps to better protection",
}
# The sources' own headings for the parts of a recommendation.
FIELD_LABELS = {"who": "Who should take action?", "actions_intro": "What action should they take?",
                "actions": "What action should they take?"}


class Audience(Model):
    id: Id
    title: Text
    page: Text            # the audience's page, a path in docs/
    about: Text           # who the page is for, in the handbook's words
    names: list[Text]     # how the sources' words name the role (whole words, any case)


class AudiencesFile(Model):
    by: Literal["handbook"]
    audiences: list[Audience]


def listed(book: Handbook) -> list:
    """The items an audience page can list, in the order the handbook holds them."""
    return [item for item in book.index.values() if type(item) in KINDS]


@per_book
def selections(book: Handbook) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Audience id -> {item id: [(field, words that name the role)]}."""
    items = listed(book)
    return {a.id: naming(book, items, a.names, ignore_case=True) for a in book.file("audiences.yml").audiences}


def audience(book: Handbook, audience_id: str) -> Audience:
    return next(a for a in book.file("audiences.yml").audiences if a.id == audience_id)


# --- pages ------------------------------------------------------------------------------------

def audience_page(ctx: Context, audience_id: str) -> str:
    who = audience(ctx.book, audience_id)
    chosen = selections(ctx.book)[who.id]
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
        count = len(selections(ctx.book)[who.id])
        rows.append(tag("li", tag("p", tag("a", inline(who.title), href=ctx.href(who.page))
                                  + f" {tag('span', f'({count} items)', 'hb-small')}")
                        + tag("p", inline(who.about))))
    return block(tag("ul", "".join(rows), "hb-audiences"))


def audience_links(ctx: Context) -> str:
    """Markdown links to every audience page (for hand-written pages such as the home page)."""
    here = posixpath.dirname(ctx.page_src)
    return " · ".join(f"[{who.title}]({posixpath.relpath(who.page, here or '.')})"
                      for who in ctx.book.file("audiences.yml").audiences)


# --- checks run at load -----------------------------------------------------------------------

def check(book: Handbook) -> list[Problem]:
    """Audience ids are unique, each page exists, and each name still names some item (a name
    that names nothing is stale, or mistyped)."""
    loaded = book.loaded["audiences.yml"]
    data: AudiencesFile | None = loaded.model
    if data is None:
        return []
    problems: list[Problem] = []
    docs = Path(book.data_dir).parent / "docs"
    items = listed(book)
    seen: set[str] = set()
    for i, who in enumerate(data.audiences):
        def problem(path: tuple, message: str):
            problems.append(loaded.problem(("audiences", i) + path, who.id,
                                    message))
        if who.id in seen:
            problem(("id",), "duplicate audience id")
        seen.add(who.id)
        if docs.is_dir() and not (docs / who.page).is_file():  # (data checked on its own has no docs/)
            problem(("page",), f"page: no page docs/{who.page}")
        for j, name in enumerate(who.names if all_loaded(book) else []):
            if not naming(book, items, [name], ignore_case=True):
                problem(("names", j), f"names: no item names '{name}'")
    return problems
