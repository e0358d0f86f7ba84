"""Which items' own words name a phrase: the matching shared by the audience pages (items
that name a role) and the currency notices (items that name a body or document since gone).

An item's own words are the source text it holds: its title, text, list entries, actors and
so on, but not the handbook's notes, ids or citations, and not the words of another item
nested inside it (that item is matched on its own). Lesson blocks are part of the section
they are printed in.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, wraps

from pydantic import BaseModel

from . import shapes as m

# Fields that hold the handbook's words or the item's metadata, not the source's words.
NOT_WORDS = frozenset({"id", "source", "section", "note", "number", "letter", "ph28_section", "area",
                       "footnote", "see_also", "type", "reproduced", "section_confirmed"})


def own_words(item: BaseModel, skip: frozenset[str] = NOT_WORDS) -> Iterator[tuple[str, str]]:
    """(field, text) for every string of source text the item itself holds, by its top field;
    `skip` names the fields that hold no source text."""
    for name in type(item).model_fields:
        if name not in skip:
            for text in _strings(getattr(item, name), skip):
                yield name, text


def _strings(value, skip: frozenset[str]) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for one in value:
            yield from _strings(one, skip)
    elif isinstance(value, dict):
        for one in value.values():
            yield from _strings(one, skip)
    elif isinstance(value, BaseModel) and not isinstance(value, (m.Cited, m.Source)):
        for name in type(value).model_fields:
            if name not in skip:
                yield from _strings(getattr(value, name), skip)


@lru_cache(maxsize=256)
def pattern(phrases: tuple[str, ...], ignore_case: bool) -> re.Pattern:
    """Any of the phrases as whole words (a phrase may end in a full stop: "W.T."), the longest
    that fits where several start at one place.

    The phrases are written as a trie ("DfES", "DSCB" as `D(?:fES|SCB)`), not as one alternative
    each: a regex tries a list of alternatives one by one at every position of the text, so the
    glossary's abbreviations over a page's text would cost (abbreviations x text), growing with
    the square of the data. Longer ways on are tried before ending, so the first match that
    ends a word is the longest, as with alternatives sorted longest first."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in (phrase.lower() if ignore_case else phrase):
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here
    return re.compile(rf"(?<!\w){_alternatives(trie)}(?!\w)", re.IGNORECASE if ignore_case else 0)


def _alternatives(node: dict) -> str:
    ways = [re.escape(ch) + _alternatives(rest) for ch, rest in node.items() if ch]
    if "" in node:
        ways.append("")  # ending here is tried last
    if len(ways) == 1:
        return ways[0]
    return f"(?:{'|'.join(ways)})"


def naming(book, items: Iterable[BaseModel], phrases: Iterable[str], ignore_case: bool = False,
           fields: frozenset[str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """Each item (by id) whose own words name one of the phrases, with the (field, text) that do,
    in the order given; `fields` limits the search to those fields."""
    found = pattern(tuple(phrases), ignore_case)
    words = words_by_item(book)
    out: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        hits = [(f, t) for f, t in words[item.id] if (fields is None or f in fields) and found.search(t)]
        if hits:
            out[item.id] = hits
    return out


def per_book(fn: Callable):
    """Work out fn(book) once per loaded handbook: its data does not change after loading."""
    key = f"_per_book_{fn.__module__}.{fn.__qualname__}"

    @wraps(fn)
    def once(book):
        memo = vars(book)
        if key not in memo:
            memo[key] = fn(book)
        return memo[key]
    return once


@per_book
def words_by_item(book) -> dict[str, list[tuple[str, str]]]:
    return {item_id: list(own_words(item)) for item_id, item in book.index.items()}


def all_loaded(book) -> bool:
    """Every data file is valid, so that "no item names it" is a finding, not the echo of a
    problem in another file (which is reported on its own)."""
    return all(loaded.model is not None for loaded in book.loaded.values())
