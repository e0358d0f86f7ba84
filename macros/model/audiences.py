"""Who should act: role-based entry points (data/audiences.yml).

Each audience lists the names by which the sources' own words name that role. Its page lists
exactly the items (recommendations, escalation paragraphs, fourteen points, professional-
dimension dimensions, seven steps) whose words name it, quoting the words that do, so a
reader sees at once what the sources ask of them. Nothing is picked by hand.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import shapes as m
from .loading import Problem
from .shapes import Id, Model, Text
from .wording import all_loaded, naming

if TYPE_CHECKING:
    from .book import Handbook

# What an audience page lists, in this order, and the heading each group has.
KINDS: dict[type, str] = {
    m.EscParagraph: "Resolving professional disagreements",
    m.Recommendation: "Recommendations (NICE/SCIE PH28)",
    m.Point: "The fourteen key points",
    m.Dimension: "The professional dimension",
    m.Step: "Seven steps to better protection",
}
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


def selections(book: Handbook) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Audience id -> {item id: [(field, words that name the role)]}."""
    items = listed(book)
    return {a.id: naming(book, items, a.names, ignore_case=True) for a in book.file("audiences.yml").audiences}


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
