"""Where each kind of item lives in the site, and links to it from the page being rendered."""
from __future__ import annotations

from dataclasses import dataclass
from functools import singledispatch

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from . import models as m
from .handbook import Handbook
from .html import inline, link

# The one page that holds each kind of item (and so its anchor).
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
    m.Route: "escalation/routes.md",
}


def page_url(src: str, use_directory_urls: bool) -> str:
    return File(src, "", "", use_directory_urls).url


@dataclass(frozen=True)
class Context:
    """The handbook as seen from one page: links come out relative to that page."""

    book: Handbook
    page_src: str
    use_directory_urls: bool

    def url(self, item_id: str) -> str:
        target = HOME_PAGE[type(self.book[item_id])]
        if target == self.page_src:
            return f"#{item_id}"
        here = page_url(self.page_src, self.use_directory_urls)
        there = page_url(target, self.use_directory_urls)
        return f"{get_relative_url(there, here)}#{item_id}"

    def href(self, src: str) -> str:
        """Relative URL of another file of the site (a page or an asset), by its path in docs/."""
        return get_relative_url(page_url(src, self.use_directory_urls),
                                page_url(self.page_src, self.use_directory_urls))

    def words(self, text: str) -> str:
        """Escalation text as the partnership words it: where the source names a local role or
        body, the name from the partnership's settings (the source's own wording by default)."""
        return self.book.local.words(text)

    def link(self, item_id: str) -> str:
        return link(self.url(item_id), inline(title_of(self.book[item_id])))


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
def _(item: m.Route) -> str:
    return f"Route {item.section}: {item.label}"
