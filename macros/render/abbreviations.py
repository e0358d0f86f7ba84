"""Every abbreviation expands across the whole site, from data/glossary.yml alone.

Two kinds of text reach a page, and both are covered from the same glossary:
- data text, which macros/render/html.py `inline()` turns into raw HTML: it wraps each
  abbreviation in `<abbr title="expansion">` (`Abbreviations.wrap`, set up by the page macros);
- hand-written Markdown, which Python-Markdown's `abbr` extension wraps: the extension below
  gives it the glossary, so no page keeps a second list.

Hover shows the expansion (the title, as the browser's own tooltip). For the keyboard, only the first `<abbr>` of each abbreviation on a page joins the tab order: one stop
per abbreviation, where a reader first meets it (as a printed text expands it at first use),
instead of a stop at every repeat (the lessons page prints "DSCB" six times, the references
"TSO" and "HM" five times each). An abbreviation inside a link or a form control is never a
stop of its own (it would nest one control in another); one inside a `<dfn>` (the glossary's
own entries, expansion beside it) counts as met. The glossary page holds every expansion.
handbook.css (its themes section) shows the focused abbreviation's title beside it.

No generated file is written anywhere.
"""
from __future__ import annotations

import re
from functools import lru_cache
from html import escape, unescape
from pathlib import Path

from markdown import Extension, Markdown
from markdown.extensions.abbr import AbbrExtension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from macros.model import shapes as m
from macros.model.book import load
from macros.model.wording import pattern

DATA = Path(__file__).resolve().parents[2] / "data"

# A web address printed as text (kept whole, captured so that split() keeps it).
URL = re.compile(r"((?:https?://|www\.)[^\s<>]+)")
# Inside these an abbreviation never takes focus of its own.
INTERACTIVE = frozenset({"a", "button", "label", "summary", "select", "option", "textarea"})


class Abbreviations:
    """The glossary's abbreviations as the text prints them, each with its expansion."""

    def __init__(self, terms: list[m.Term]):
        self.titles: dict[str, str] = {}
        for term in terms:
            for form in printed_forms(term):
                self.titles.setdefault(form, term.expansion)
        self.pattern = pattern(tuple(self.titles), ignore_case=False) if self.titles else None

    def wrap(self, html: str) -> str:
        """Escaped text (tags without attributes at most) with each abbreviation in <abbr>,
        except inside a web address printed as text ("...ProductId=DCSF-00151-2008")."""
        if self.pattern is None:
            return html
        parts = URL.split(html)
        return "".join(part if i % 2 else self.pattern.sub(self._abbr, part) for i, part in enumerate(parts))

    def _abbr(self, mo: re.Match) -> str:
        return f'<abbr title="{escape(self.titles[mo[0]])}">{mo[0]}</abbr>'


@lru_cache(maxsize=4)
def abbreviations_of(book) -> Abbreviations:
    """The book's abbreviations, made once per loaded book (every page asks for them, and
    Zensical loads the page macros for every page)."""
    return Abbreviations(book.glossary)


def printed_forms(term: m.Term) -> list[str]:
    """The abbreviation, its plural, and its capitals where it is mixed case (the sources print
    both "Ofsted" and "OFSTED")."""
    forms = [term.abbr] + ([term.plural] if term.plural else [])
    return forms + [f.upper() for f in forms if f.upper() != f]


class AbbreviationsExtension(Extension):
    """Feeds the glossary to the `abbr` extension and makes the first of each abbreviation on
    a page focusable. Listed in mkdocs.yml by its module's name (`macros.render.abbreviations`),
    so that every engine that reads mkdocs.yml loads it. The glossary is read as the first page
    is converted, not as the engine checks its configuration: by then the engine has loaded the
    handbook through `define_env`, which reports broken data in its own words."""

    def extendMarkdown(self, md: Markdown) -> None:
        abbr = next((e for e in md.registeredExtensions if isinstance(e, AbbrExtension)), None)
        if abbr is None:
            abbr = AbbrExtension()
            abbr.extendMarkdown(md)
        md.preprocessors.register(FeedGlossary(md, abbr), "hb-abbr-glossary", 40)
        # After raw HTML is restored (30), so it sees the data text's <abbr> too.
        md.postprocessors.register(FirstOfEachFocusable(md), "hb-abbr-focus", 5)


def makeExtension(**kwargs) -> AbbreviationsExtension:  # the name Python-Markdown looks for
    return AbbreviationsExtension(**kwargs)


class FeedGlossary(Preprocessor):
    """Gives the `abbr` extension the handbook's glossary before each page is converted."""

    def __init__(self, md: Markdown, abbr: AbbrExtension):
        super().__init__(md)
        self.abbr = abbr

    def run(self, lines: list[str]) -> list[str]:
        self.abbr.load_glossary(abbreviations_of(load(DATA)).titles)
        self.abbr.reset()
        return lines


class FirstOfEachFocusable(Postprocessor):
    """Gives the first <abbr> of each expansion outside any control ` tabindex="0"`, unless the
    page defines that abbreviation (<dfn>) itself. The page's tags are scanned by a pattern, not
    parsed: the page is well-formed HTML written by Markdown and the templates, and a parse of
    every page cost a tenth of a rebuild."""

    def run(self, text: str) -> str:
        inside = dict.fromkeys(INTERACTIVE | {"dfn"}, 0)
        met: set[str] = set()
        candidates: list[tuple[str, int]] = []  # (expansion, where ` tabindex="0"` goes)
        for mo in _TAG.finditer(text):
            closing, tag, attrs = mo["closing"], (mo["tag"] or "").lower(), mo["attrs"]
            if tag in inside:
                inside[tag] = max(inside[tag] + (-1 if closing else 1), 0)
            if tag != "abbr" or closing or "tabindex" in attrs:
                continue
            title = _TITLE.search(attrs)
            if not title or not title[1]:
                continue
            expansion = unescape(title[1])
            if inside["dfn"]:
                met.add(expansion)
            elif not any(inside[t] for t in INTERACTIVE):
                candidates.append((expansion, mo.start() + len("<abbr")))
        cuts = []
        for expansion, at in candidates:
            if expansion not in met:
                met.add(expansion)
                cuts.append(at)
        # The page is cut once at every insertion and joined once (inserting into the whole text
        # one by one would copy the page once per abbreviation).
        pieces = [text[i:j] for i, j in zip([0] + cuts, cuts + [len(text)])]
        return ' tabindex="0"'.join(pieces)


# A comment (skipped whole), or a start or end tag with its attributes.
_TAG = re.compile(r"<!--.*?-->|<(?P<closing>/?)(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:\s[^>]*)?)>", re.S)
_TITLE = re.compile(r'\stitle="([^"]*)"')  # Markdown and the templates quote attributes so
