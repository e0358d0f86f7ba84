"""The built site: strict build, every internal link and anchor resolves, every item is
anchored on its page, and every search record's address lands on its item."""

import pytest

from macros.model import shapes as m
from macros.render.links import HOME_PAGE, page_url
from project import ROOT
from search_support import records_in
from sitemap import pages, parse, resolve


@pytest.fixture(scope="module")
def parsed(site):
    return {page: parse(page) for page in pages(site)}


def test_every_page_of_the_nav_is_built(site):
    for src in set(HOME_PAGE.values()) | {"index.md"}:
        assert (site / page_url(src, True) / "index.html").exists() or (site / src.replace(".md", ".html")).exists()


def test_every_internal_link_and_anchor_resolves(site, parsed):
    broken, checked = [], 0
    for page, info in parsed.items():
        for href in info.links:
            target = resolve(site, page, href)
            if target is None:
                continue
            path, fragment = target
            checked += 1
            if path not in parsed and not path.exists():
                broken.append(f"{page.relative_to(site)} -> {href} (no such page)")
            elif fragment and path in parsed and fragment not in parsed[path].ids:
                broken.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    assert checked > 500
    assert not broken, broken[:10]


def test_every_item_is_anchored_on_its_home_page(book, site, parsed):
    for item_id, item in book.index.items():
        page = site / page_url(HOME_PAGE[type(item)], True) / "index.html"
        assert item_id in parsed[page].ids, f"{item_id} missing on {page.relative_to(site)}"


def test_every_search_record_leads_to_its_item_on_a_built_page(book, site, parsed):
    records = records_in((site / "search" / "records.js").read_text(encoding="utf-8"))
    assert len(records) > 250
    headed = (m.Recommendation, m.EscParagraph, m.EscProcess, m.Point, m.Area, m.Step, m.Dimension,
              m.Domain, m.LessonSection, m.Source, m.Ph28Section)
    assert {i for i, item in book.index.items() if isinstance(item, headed)} <= {r["id"] for r in records}
    home = site / "index.html"
    for record in records:
        path, fragment = resolve(site, home, record["url"])
        assert path in parsed, record
        assert not fragment or fragment in parsed[path].ids, record


def test_cross_references_use_the_target_title_as_link_text(site):
    html = (site / "recommendations" / "index.html").read_text(encoding="utf-8")
    assert '<a href="#rec-50">Recommendation 50: Develop a national core training module</a>' in html
    assert '<a href="#rec-33">Recommendation 33 (Diversity)</a>' in html


def test_every_item_shows_its_source_and_section(site):
    html = (site / "escalation" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="hb-cite"') >= 3 + 14 + 4 + 13
    assert "Escalation procedure</a>, 3.1.2" in html


def test_nothing_is_loaded_from_another_host(site, parsed):
    for page, info in parsed.items():
        external = [a for a in info.assets if a.startswith(("http:", "https:", "//"))]
        assert not external, (page, external)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "font: false" in config
