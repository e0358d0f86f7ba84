"""The page macros: each lays out one part of a page from the resolved handbook, as seen from
the page being rendered (its URL from the engine's Jinja context)."""
from __future__ import annotations

from collections.abc import Callable

from jinja2 import pass_context

from macros.model.book import Handbook
from macros.model.edition import Edition

from . import adapting, audiences, currency, escalation, flowchart, guides, html, pages, tools
from .abbreviations import abbreviations_of
from .links import Context

# Macro name -> render function (its first argument is the page's Context).
MACROS: dict[str, Callable] = {
    "script": pages.script,
    "recommendations_page": pages.recommendations_page,
    "escalation_page": pages.escalation_page,
    "risk_exit": pages.risk_exit,
    "routes_page": flowchart.routes_page,
    "navigator_page": escalation.navigator_page,
    "escalation_record_page": escalation.escalation_record_page,
    "adapting_page": adapting.adapting_page,
    "fourteen_points_page": pages.fourteen_points_page,
    "seven_steps_page": pages.seven_steps_page,
    "lessons_page": pages.lessons_page,
    "professional_dimension_page": pages.professional_dimension_page,
    "sources_page": pages.sources_page,
    "glossary_page": pages.glossary_page,
    "references_page": pages.references_page,
    "whats_changed_page": currency.whats_changed_page,
    "amendments_log": currency.amendments_log,
    "last_reviewed": currency.reviewed_line,
    "audience_page": audiences.audience_page,
    "audiences_index": audiences.audiences_index,
    "audience_links": audiences.audience_links,
    "practice_pledge_page": tools.practice_pledge_page,
    "reflection_page": tools.reflection_page,
}
# The quick guides also print which edition they are and where the current one lives.
EDITION_MACROS: dict[str, Callable] = {
    "quick_guide": guides.quick_guide,
    "guides_index": guides.guides_index,
}


def page_macros(book: Handbook, edition: Edition, links_from_source: bool = False) -> dict[str, Callable]:
    """Every macro, bound to the book; each finds its page in the Jinja context it is called in.
    `links_from_source`: the engine reads relative links in raw HTML as relative to the page's
    source file, not to the page (Zensical)."""
    html.expand_abbreviations = abbreviations_of(book).wrap

    def bind(fn: Callable, *fixed) -> Callable:
        @pass_context
        def macro(context, *args, **kwargs):
            return fn(page_context(book, context, links_from_source), *fixed, *args, **kwargs)
        return macro

    return ({name: bind(fn) for name, fn in MACROS.items()}
            | {name: bind(fn, edition) for name, fn in EDITION_MACROS.items()})


def page_context(book: Handbook, context, links_from_source: bool) -> Context:
    """The page being rendered, from the engine's Jinja context (`page`, `config`)."""
    page = context["page"]
    directory_urls = bool(context["config"].get("use_directory_urls", True))
    return Context.of(book, page.url, directory_urls, page.path if links_from_source else None)
