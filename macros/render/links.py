"""Where each kind of item lives in the site, and links to it from the page being rendered.

The page is known by its URL as the engine gives it in the Jinja context (`page.url`), so the
same code serves MkDocs, ProperDocs and Zensical, with or without directory URLs.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from functools import singledispatch

from macros.model import shapes as m
from macros.model.book import Handbook
from macros.model.routes import Route

# The one page that holds each kind of item (and so its anchor), by its path in docs/.
HOME_PAGE: dict[type, str] = {
    m.Source: "sources.md",
    m.Ph28Section: "recommendations.md",
    m.Recommendation: "recommendations.md",
    m.Footnote: "recommendations.md",
    m.EscPart: "escalation/index.md",
    m.EscParagraph: "escalation/index.md",
    m.EscProcess: "escalation/index.md",
    m.Area: "fourteen-points.md",
    m.Point: "fourteen-points.md",
    m.PledgeTool: "practice-pledge.md",
    m.LessonSection: "lessons.md",
    m.Block: "lessons.md",
    m.Domain: "professional-dimension.md",
    m.Dimension: "professional-dimension.md",
    m.Step: "seven-steps.md",
    m.Term: "glossary.md",
    m.Reference: "references.md",
    Route: "escalation/routes.md",
}


def page_url(src: str, directory_urls: bool) -> str:
    """The URL of a file of docs/ in the built site, as MkDocs makes it ('x.md' -> 'x/' or
    'x.html'; 'index.md' -> './' or 'index.html'; an asset keeps its path)."""
    parent, name = posixpath.split(src)
    if name.endswith(".md"):
        stem = name[:-3]
        if not directory_urls or stem in ("index", "README"):
            src = posixpath.join(parent, ("index" if stem == "README" else stem) + ".html")
        else:
            src = posixpath.join(parent, stem, "index.html")
    if directory_urls and posixpath.basename(src) == "index.html":
        return (posixpath.dirname(src) or ".") + "/"
    return src


def relative_url(url: str, other: str) -> str:
    """url relative to the page at other (both site-relative; a last part with a dot is a file)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    there, here = _parts(url), _parts(other)
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def _parts(path: str) -> list[str]:
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if out:
                out.pop()
        elif part not in ("", "."):
            out.append(part)
    return out


@dataclass(frozen=True)
class Context:
    """The handbook as seen from one page: links come out relative to that page."""

    book: Handbook
    page: str               # the page's site-relative URL ('./' or 'index.html' for the home page)
    directory_urls: bool
    base: str               # what the page's relative links start from (see `of`)

    @classmethod
    def of(cls, book: Handbook, url: str, directory_urls: bool, source: str | None = None) -> Context:
        """From the engine's page URL, which may or may not start with a slash ('' for home).
        An engine that reads a page's relative links as relative to its source file in docs/
        (Zensical rewrites raw HTML's links so) gives that file as `source`."""
        url = url.lstrip("/") or page_url("index.md", directory_urls)
        return cls(book, url, directory_urls, page_url(source, False) if source else url)

    def from_page(self) -> Context:
        """This page, with links relative to the page itself: for links an engine does not
        rewrite (those in a script's JSON data)."""
        return replace(self, base=self.page)

    def is_page(self, src: str) -> bool:
        return page_url(src, self.directory_urls) == self.page

    def url(self, item_id: str) -> str:
        target = HOME_PAGE[type(self.book[item_id])]
        if self.is_page(target):
            return f"#{item_id}"
        return f"{self.href(target)}#{item_id}"

    def href(self, src: str) -> str:
        """Relative URL of another file of the site (a page or an asset), by its path in docs/."""
        return relative_url(page_url(src, self.directory_urls), self.base)

    def words(self, text: str) -> str:
        """Escalation text as the partnership words it: where the source names a local role or
        body, the name from the partnership's settings (the source's own wording by default)."""
        return self.book.local.words(text)


@singledispatch
def title_of(item) -> str:
    """How an item is named in link text and headings."""
    return item.title


@title_of.register
def _(item: m.Source) -> str:
    return item.short_title


@title_of.register
def _(item: m.Recommendation) -> str:
    if item.title:
        return f"Recommendation {item.number}: {item.title}"
    return f"Recommendation {item.number} ({item.ph28_section})"


@title_of.register
def _(item: m.Footnote) -> str:
    return f"Footnote {item.number}"


@title_of.register
def _(item: m.EscPart) -> str:
    return f"{item.number}. {item.title}"


@title_of.register
def _(item: m.EscParagraph) -> str:
    return f"Paragraph {item.number}"


@title_of.register
def _(item: m.EscProcess) -> str:
    return f"{item.number} {item.title}"


@title_of.register
def _(item: m.Area) -> str:
    return f"Area {item.number}: {item.title}"


@title_of.register
def _(item: m.Point) -> str:
    return f"Point {item.number}: {item.title}"


@title_of.register
def _(item: m.LessonSection) -> str:
    return f"{item.number} {item.title}"


@title_of.register
def _(item: m.Block) -> str:
    return item.title or item.id


@title_of.register
def _(item: m.Step) -> str:
    return f"Step {item.number}: {item.title}"


@title_of.register
def _(item: m.Term) -> str:
    return item.abbr


@title_of.register
def _(item: m.Reference) -> str:
    year = f" ({item.year})" if item.year else ""
    return f"{item.authors}{year} {item.title}"


@title_of.register
def _(item: Route) -> str:
    return f"Route {item.section}: {item.label}"
