"""Practitioners' words for search (data/search.yml): the everyday words people type, and the
words of the sources they mean, in the manner of GOV.UK's search synonyms.

- `search: [...]` with `finds: [...]`, one way: a search that holds one of the `search` phrases
  also looks for the `finds` phrases ("pretending to cooperate" finds the items that say
  "disguised compliance"; not the other way round).
- `same: [...]`, both ways: each phrase leads to the others.
- `items:` extra words an item, or a page by its path in docs/, is found by.

These words are never shown as guidance: they only lead search to the sources' words, which
rank above them (docs/assets/javascripts/search-engine.js). Every `finds` phrase must be in
some item's own words (whole words, any case, as the audience pages match roles).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Union

from pydantic import AfterValidator, Discriminator, Tag, ValidationInfo

from .loading import Problem
from .shapes import Id, Model, Term
from .wording import all_loaded, pattern, words_by_item

if TYPE_CHECKING:
    from .book import Handbook


def _phrase(value: str, info: ValidationInfo) -> str:
    if not value.strip():
        raise ValueError(f"{info.field_name}: a phrase is empty")
    if "<" in value or ">" in value:
        raise ValueError(f"{info.field_name}: '{value}' contains markup (< or >); write the words alone")
    return " ".join(value.split())


def _some(least: int):
    def check(value: list[str], info: ValidationInfo) -> list[str]:
        if len(value) < least:
            raise ValueError(f"{info.field_name}: " + (f"is empty: give at least {least} phrase{'s' if least > 1 else ''}"
                                                       if not value else f"needs at least {least} phrases"))
        return value
    return AfterValidator(check)


Phrase = Annotated[str, AfterValidator(_phrase)]
Phrases = Annotated[list[Phrase], _some(1)]


class OneWay(Model):
    search: Phrases   # what practitioners type
    finds: Phrases    # the sources' words it leads to
    note: str | None = None


class BothWays(Model):
    same: Annotated[list[Phrase], _some(2)]
    note: str | None = None


# An entry with `same` is both ways; any other is one way (and says what it lacks as one).
Rule = Annotated[Union[Annotated[OneWay, Tag("one way")], Annotated[BothWays, Tag("both ways")]],
                 Discriminator(lambda v: "both ways" if isinstance(v, dict) and "same" in v else "one way")]


class ItemWords(Model):
    """Extra words for one item (`id`: an item, or a change since publication) or one page
    (`page`, its path in docs/)."""

    id: Id | None = None
    page: str | None = None
    words: Phrases
    note: str | None = None


class SearchFile(Model):
    by: Literal["handbook"]
    words: list[Rule] = []
    items: list[ItemWords] = []


@dataclass(frozen=True)
class Vocabulary:
    """The resolved vocabulary: which everyday words lead to which of the sources' words, and
    each item's own extra words."""

    rules: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # ((everyday words), (sources' words))
    extra: dict[str, tuple[str, ...]]                             # item id or docs path -> words

    @classmethod
    def of(cls, data: SearchFile | None, glossary: Iterable[Term] = ()) -> Vocabulary:
        """The file's rules, and the glossary's: each abbreviation and its expansion lead to
        each other, as if written `same: [abbreviation, expansion]`."""
        rules = []
        for term in glossary:
            short = tuple(filter(None, (term.abbr, term.plural)))
            rules += [(short, (term.expansion,)), ((term.expansion,), short)]
        if data is None:
            return cls(tuple(rules), {})
        for rule in data.words:
            if isinstance(rule, OneWay):
                rules.append((tuple(rule.search), tuple(rule.finds)))
            else:
                rules.append((tuple(rule.same), tuple(rule.same)))
        return cls(tuple(rules), {entry.id or entry.page: tuple(entry.words) for entry in data.items})


# --- checks run at load -----------------------------------------------------------------------

def check(book: Handbook, sound: bool = True) -> list[Problem]:
    """Every entry says something and leads somewhere: no phrase twice, every page exists, and,
    where the rest of the data is `sound` (a problem elsewhere, say a renamed id, would only
    echo here), every item exists and every word of the sources it names is in some item."""
    loaded = book.loaded["search.yml"]
    data: SearchFile | None = loaded.model
    if data is None:
        return []
    problems: list[Problem] = []
    docs = Path(book.data_dir).parent / "docs"
    texts = "\n".join(text for words in words_by_item(book).values() for _, text in words)
    typed: dict[str, int] = {}  # every everyday phrase (lower case) -> the entry it first came in

    for i, rule in enumerate(data.words):
        everyday = rule.search if isinstance(rule, OneWay) else rule.same
        label = everyday[0]

        def problem(path: tuple, message: str):
            problems.append(loaded.problem(("words", i) + path, label, message))

        field = "search" if isinstance(rule, OneWay) else "same"
        for j, phrase in enumerate(everyday):
            first = typed.setdefault(phrase.lower(), i)
            if first != i or [p.lower() for p in everyday].index(phrase.lower()) != j:
                where = "this entry" if first == i else f"the entry of '{_first(data.words[first])}'"
                problem((field, j), f"{field}: '{phrase}' is already in {where}")
        if not (sound and all_loaded(book)):
            continue
        if isinstance(rule, OneWay):
            for j, phrase in enumerate(rule.finds):
                if not pattern((phrase,), True).search(texts):
                    problem(("finds", j), f"finds: no item's words hold '{phrase}'")
        elif not pattern(tuple(rule.same), True).search(texts):
            problem(("same",), "same: no item's words hold any of these phrases")

    seen: set[str] = set()
    changes = book.loaded["currency.yml"].model
    known = set(book.index) | {c.id for c in changes.changes} if changes else set(book.index)
    for i, entry in enumerate(data.items):
        key = entry.id or entry.page

        def problem(path: tuple, message: str):
            problems.append(loaded.problem(("items", i) + path, key, message))

        if (entry.id is None) == (entry.page is None):
            problem((), "give either 'id' (an item) or 'page' (a path in docs/), not both or neither")
            continue
        if key in seen:
            problem(("id" if entry.id else "page",), "already has an entry")
        seen.add(key)
        if entry.id and entry.id not in known and sound and all_loaded(book):
            problem(("id",), f"id: refers to unknown id '{entry.id}'")
        if entry.page and docs.is_dir() and not (docs / entry.page).is_file():  # (data alone has no docs/)
            problem(("page",), f"page: no page docs/{entry.page}")
        lowered = [w.lower() for w in entry.words]
        for j, word in enumerate(entry.words):
            if lowered.index(word.lower()) != j:
                problem(("words", j), f"words: '{word}' is written twice")
    return problems


def _first(rule: OneWay | BothWays) -> str:
    return (rule.search if isinstance(rule, OneWay) else rule.same)[0]
