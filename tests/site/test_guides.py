"""The printed quick guides: each is a page that links its PDF, and each PDF (made by the
build) fits its pages, holds the items it should in the sources' words, and carries its
source, the handbook's version and date, and where the current version is."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from macros.model.edition import Edition
from macros.products.package import config
from macros.render.diagram import filled
from macros.render.guides import GUIDES, ROUTE_CARDS, online_path
from macros.render.html import plain
from macros.render.links import title_of
from pdf_words import pdf_words
from project import ROOT
from sitemap import parse

EDITION = Edition.of(config(ROOT / "mkdocs-offline.yml")["extra"])
A4 = (595, 842)  # points, portrait


@pytest.fixture(scope="module")
def pdfs(site):
    return {g.slug: PdfReader(site / g.pdf) for g in GUIDES}


def text_of(reader: PdfReader) -> str:
    return pdf_words(reader)


def expected_items(book) -> dict[str, list[str]]:
    """What each guide must hold, from the same records it is made from."""
    esc, fp = book.escalation, book.fourteen_points
    tool, pd = book.pledge_tool, book.professional_dimension
    routes = book.routes.every_step
    return {
        "escalation": [routes.risk.question, routes.record.label, routes.be_clear.label]
                      + [f"{p.number}. {p.title}" for p in esc.parts[1:] if p.paragraphs]
                      + [f"{c.number} {c.title}" for p in esc.parts for c in p.processes]
                      + [s.number for p in esc.parts for c in p.processes for s in c.steps]
                      + [p.number for p in esc.parts[1].paragraphs],
        "fourteen-points": [a.title for a in fp.areas] + [f"{p.number}. {plain(p.title)}" for p in fp.points],
        "seven-steps": [book.seven_steps.intro] + [f"{s.number}. {s.title}" for s in book.seven_steps.steps]
                       + [s.text for s in book.seven_steps.steps],
        "pledge-form": [plain(tool.title)] + [f"{c.number}. {plain(c.label)}" for s in tool.stages for c in s.columns]
                       + [f.label for f in tool.fields] + [f"{e.code} = {e.label}" for e in tool.evidence_sources]
                       + [f"{book[r.point].number}) {plain(book[r.point].title)}" for g in tool.rows for r in g.points]
                       + [f"{label})" for label in tool.extra_rows.labels],
        "reflection-sheet": [pd.title] + [d.title for d in pd.domains]
                            + [plain(x.title) for d in pd.domains for x in d.dimensions],
    } | {card.slug: route_card_items(book, card.route) for card in ROUTE_CARDS}


def route_card_items(book, route_id: str) -> list[str]:
    """A route card: the route's name, what stands at every step, and every box's label with
    the partnership's titles."""
    route, every = book.routes.route(route_id), book.routes.every_step
    return ([title_of(route), every.risk.question, every.risk.label, every.record.label, every.be_clear.label]
            + [filled(node.label, lambda r: book.settings.role(r).title) for node in route.nodes])


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_each_guide_pdf_fits_its_pages_on_a4(guide, pdfs):
    reader = pdfs[guide.slug]
    assert 1 <= len(reader.pages) <= guide.max_pages, f"{guide.pdf}: {len(reader.pages)} pages"
    size = tuple(round(float(x)) for x in reader.pages[0].mediabox[2:])
    assert size == (A4[::-1] if guide.landscape else A4), size


def test_the_one_page_guides_are_one_page(pdfs):
    assert len(pdfs["escalation"].pages) == 1
    assert len(pdfs["seven-steps"].pages) == 1
    assert len(pdfs["fourteen-points"].pages) <= 2


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_each_guide_pdf_holds_its_items(guide, pdfs, book):
    text = text_of(pdfs[guide.slug])
    missing = [item for item in expected_items(book)[guide.slug] if item not in text]
    assert not missing, f"{guide.pdf} lacks {missing[:5]}"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_each_guide_pdf_cites_its_source_version_and_date(guide, pdfs, book):
    text = text_of(pdfs[guide.slug])
    first_page = pdf_words(pdfs[guide.slug].pages[:1])
    source = book[guide.source]
    for wanted in (guide.title, f"Source: {source.title}", EDITION.line):
        assert wanted in first_page, f"{guide.pdf} page 1 lacks {wanted!r}"
    assert EDITION.built in text
    # As shipped the address is a placeholder: no guide names it (test_settings.py: a real one).
    assert "Check the current version" not in text


def test_pdf_links_lead_to_the_pages_beside_it_until_the_handbook_has_an_address(pdfs, site):
    """As shipped (a placeholder address) a PDF's links lead to the pages of its own copy of the
    site; test_settings.py checks that they are the online handbook's once its address is set."""
    uris = [a.get_object()["/A"]["/URI"] for p in pdfs["escalation"].pages for a in p.get("/Annots", [])
            if "/URI" in a.get_object().get("/A", {})]
    assert len(uris) > 10 and "../escalation/#esc-2.4" in uris
    for uri in uris:
        target = (site / "guides" / uri.split("#")[0]).resolve()
        assert (target / "index.html" if uri.split("#")[0].endswith("/") else target).is_file(), uri


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.slug)
def test_each_guide_page_links_its_pdf_and_the_index_lists_them(guide, site):
    page = site / online_path(guide.page) / "index.html"
    pdf_name = guide.pdf.rsplit("/", 1)[1]
    assert any(href.endswith(pdf_name) for href in parse(page).links), guide.page
    index = parse(site / "guides" / "index.html").links
    assert any(href.endswith(pdf_name) for href in index)
