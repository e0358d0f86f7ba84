"""The quick guides as rendered, without a build: a guide is one search record, not a copy of the
items it repeats, and the escalation guide's text takes the partnership's local names."""
from __future__ import annotations

from macros.render.guides import GUIDES, escalation_guide, online_path
from macros.render.html import inline
from macros.render.links import Context, page_url
from project import ROOT


def test_a_guide_is_one_search_result_not_a_copy_of_the_items_it_repeats(book):
    """A guide repeats items that have their own pages; search sends readers there, and finds
    the guide itself by its title and what it is for."""
    from macros.render.search import records
    found = records(book, True, ROOT / "docs")
    guide_pages = {online_path(g.page) for g in GUIDES}
    assert not [r.id for r in found if r.url.split("#")[0] in guide_pages and "#" in r.url]
    for guide in GUIDES:
        [record] = [r for r in found if r.id == guide.page]
        assert record.title and guide.summary in record.text and len(record.text) < 1000


def test_escalation_text_takes_the_partnerships_local_names(book, monkeypatch):
    """Every escalation paragraph in the guide goes through Context.words (the local names)."""
    monkeypatch.setattr(Context, "words", lambda self, text: text.upper())
    html = escalation_guide(Context.of(book, page_url("guides/escalation.md", True), True))
    paragraphs = [*book.escalation.parts[1].paragraphs,
                  *(s for c in book.escalation.parts[2].processes for s in c.steps)]
    for paragraph in paragraphs:
        assert inline(paragraph.text.upper()) in html, paragraph.id
