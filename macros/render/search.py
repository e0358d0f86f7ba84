"""The handbook's search records: one per item a reader may be looking for, and one per page,
made once per build from the resolved handbook (README, "Search").

A record holds the item's address (its page and anchor, from the site's root), its title, what
kind of item it is, its source and section, its own words as the page shows them, and the extra
words data/search.yml gives it (`keywords`). `search/records.js` carries the records to the
reader's browser, with the practitioners' words that lead to the sources' words (data/search.yml
and the glossary, resolved by the model), loaded only when they search
(overrides/assets/javascripts/theme/header.js, docs/assets/javascripts/search-engine.js).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel

from macros.model import shapes as m
from macros.model.routes import Route
from macros.model.wording import NOT_WORDS, own_words

from .flowchart import filled
from .guides import GUIDES, ROUTE_CARDS
from .html import plain
from .links import Context, page_url, title_of
from .templating import render

# What a reader is told each item is, and how it weighs against the others when both match as
# well (below 1: reference matter, which quotes or lists what the guidance says in full).
KINDS: dict[type, tuple[str, float]] = {
    m.EscPart: ("Escalation procedure", 1.2),
    m.EscParagraph: ("Escalation procedure", 1.2),
    m.EscProcess: ("Escalation procedure", 1.2),
    Route: ("Escalation route", 1.0),
    m.Ph28Section: ("Recommendations", 1.0),
    m.Recommendation: ("Recommendation", 1.0),
    m.Footnote: ("Recommendations: footnote", 0.5),
    m.Area: ("Three areas", 1.0),
    m.Point: ("Key point", 1.0),
    m.Domain: ("Professional dimension", 1.0),
    m.Dimension: ("Professional dimension", 1.0),
    m.Step: ("Seven steps", 1.0),
    m.LessonSection: ("Lessons from reviews", 1.0),
    m.Block: ("Lessons from reviews", 1.0),
    m.PledgeTool: ("Tool", 1.0),
    m.Term: ("Glossary", 0.8),
    m.Reference: ("Reference", 0.3),
    m.Source: ("Source", 0.5),
}
# Pages: each is a record too, found by its title and its opening words, except a page whose
# item is already its record (the practice pledge's form).
TOOLS = ("escalation/navigator.md", "escalation/record.md", "reflection.md")
SHOWN_BY_ITEM = {"practice-pledge.md": "pledge-tool"}
PAGE_KINDS = {"tool": ("Tool", 1.0), "guide": ("Quick guide", 0.8), "card": ("Route card", 0.8),
              "audience": ("Who should act", 0.8), "page": ("Page", 0.5)}

# Fields that hold no words a reader searches for (besides those that hold no source text).
NOT_SEARCHED = NOT_WORDS | {"url", "files", "status", "published", "replaced_on", "plural", "code"}


@dataclass(frozen=True)
class Record:
    id: str      # the item's id, or the page's path in docs/
    url: str     # from the site's root: "escalation/#esc-3.1" (or "escalation/index.html#esc-3.1")
    title: str
    kind: str
    cite: str    # its source and section, as a reader reads them
    text: str    # its own words, as its page shows them
    keywords: str  # the extra words data/search.yml gives it
    weight: float


def records(book, directory_urls: bool, docs: Path) -> list[Record]:
    """Every item's record, in the handbook's order, then every change since the sources were
    published, then every page's (docs: the pages' folder)."""
    ctx = Context.of(book, "", directory_urls).from_page()
    out = [_item_record(ctx, item) for item in book.index.values() if type(item) in KINDS]
    out += [_change_record(ctx, change) for change in book.file("currency.yml").changes]
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    return out + [_page_record(ctx, path, docs) for path in pages if path not in SHOWN_BY_ITEM]


def records_script(book, directory_urls: bool, docs: Path) -> str:
    """search/records.js: the records and the vocabulary as a classic script, which loads from
    file:// too."""
    return render("search_records.js", None, records=[asdict(r) for r in records(book, directory_urls, docs)],
                  vocabulary=book.facts.vocabulary.rules)


# --- items ----------------------------------------------------------------------------------

def _item_record(ctx: Context, item: BaseModel) -> Record:
    kind, weight = KINDS[type(item)]
    words = _words(ctx, item)
    title = plain(title_of(item)) if not isinstance(item, m.Block) or item.title else _block_title(ctx, item)
    keywords = list(ctx.book.facts.vocabulary.extra.get(item.id, ()))
    if isinstance(item, _LOCALISED):
        # Shown in the partnership's names; still found by the procedure's own wording of them.
        original, words = " ".join(words), [ctx.words(t) for t in words]
        keywords += [said for said in ctx.book.local.adapted if said in original]
    return Record(item.id, ctx.url(item.id), title, kind, _cite(ctx, item), " ".join(words),
                  " · ".join(keywords), weight)


# Escalation text as the partnership words it (settings.yml), as its pages show it.
_LOCALISED = (m.EscPart, m.EscParagraph, m.EscProcess)


def _words(ctx: Context, item: BaseModel) -> list[str]:
    """The item's own words, without those of lesson blocks that are records of their own."""
    if isinstance(item, Route):
        nodes = [filled(ctx, node.label) for node in item.nodes]
        return [item.label, *nodes, *(answer.label for node in item.nodes for answer in node.answers)]
    nested = {t for block in getattr(item, "blocks", ()) if block.id for _, t in own_words(block, NOT_SEARCHED)}
    return [plain(t) for _, t in own_words(item, NOT_SEARCHED) if t not in nested]


def _block_title(ctx: Context, block: m.Block) -> str:
    """An untitled lesson block is named by the section it is printed in."""
    section = next(s for s in ctx.book.index.values()
                   if isinstance(s, m.LessonSection) and any(b is block for b in s.blocks))
    return plain(title_of(section))


def _cite(ctx: Context, item: BaseModel) -> str:
    if isinstance(item, m.Source):
        return item.publisher
    return f"{ctx.book[item.source].short_title}, {item.section}"


def _change_record(ctx: Context, change) -> Record:
    """A change since publication, on the page "What has changed" (the handbook's own record)."""
    page = "whats-changed.md"
    return Record(change.id, f"{page_url(page, ctx.directory_urls)}#{change.id}", plain(change.named),
                  "What has changed", "Safeguarding practice handbook, what has changed",
                  " ".join(plain(t) for t in (change.what, change.when, change.notice)),
                  " · ".join(ctx.book.facts.vocabulary.extra.get(change.id, ())), 0.8)


# --- pages ----------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _page_record(ctx: Context, path: str, docs: Path) -> Record:
    source = (docs / path).read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(source)
    title = (yaml.safe_load(front.group(1)) or {}).get("title") if front else None
    guide = next((g for g in GUIDES if g.page == path), None)
    audience = next((a for a in ctx.book.file("audiences.yml").audiences if a.page == path), None)
    words = [_prose(source[front.end() if front else 0:])]
    cite = "Safeguarding practice handbook"
    if guide:
        kind = "card" if guide in ROUTE_CARDS else "guide"
        words.append(guide.summary)
        cite = f"{ctx.book[guide.source].short_title}, {guide.section}"
    elif audience:
        kind = "audience"
        words += [audience.about, *audience.names]
    else:
        kind = "tool" if path in TOOLS else "page"
    title = title or path
    label, weight = PAGE_KINDS[kind]
    return Record(path, page_url(path, ctx.directory_urls), title, label, cite, " ".join(filter(None, words)),
                  " · ".join(ctx.book.facts.vocabulary.extra.get(path, ())), weight)


_NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{#.*?#\}|\{%.*?%\}|^\s*\{:.*$|^\s*#+ |<[^>]+>|^\s*-{3,}$", re.S | re.M)


def _prose(markdown: str) -> str:
    """The words a page writes itself, around its macros: its headings and paragraphs, without
    Markdown's marks, macros, comments or code."""
    text = _LINK.sub(r"\1", _NOT_PROSE.sub(" ", markdown))
    return " ".join(plain(text).replace("`", "").replace("**", "").split())
