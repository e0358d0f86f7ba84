"""The offline copy (make offline): built once per session (conftest `offline_package`), unpacked
from its zip (`offline_copy`), then opened from disk (file://) and from a plain local web server
in chromium with every request to another host blocked and recorded. Every page shows its
edition; no page asks another host for anything (from disk: on the load of every page that
test_privacy.py shares, conftest `offline_from_disk`); search, a flowchart and a tool work from
the copy."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from chromium import search_results
from macros.model.edition import Edition
from macros.products.package import config
from macros.render.guides import GUIDES
from project import ROOT
from sitemap import pages, parse

EDITION = Edition.of(config(ROOT / "mkdocs-offline.yml")["extra"])


@pytest.fixture(scope="module")
def copy(offline_copy) -> Path:
    """The zip, unpacked as a reader would unpack it."""
    return offline_copy


def test_make_offline_writes_the_zip_named_by_its_version_and_the_unpacked_folder(offline_package, copy):
    archive, folder = offline_package
    assert archive.name == f"handbook-offline-{EDITION.version}.zip"
    assert (folder / "index.html").exists()  # and the unpacked folder beside it
    assert copy.name == f"handbook-offline-{EDITION.version}"  # the zip holds one folder of that name


@pytest.fixture(scope="module")
def served(copy, serve):
    return serve(copy)


def content_pages(copy: Path) -> list[Path]:
    return [p for p in pages(copy) if p.name != "404.html"]  # 404.html is for servers' own use


LOCAL = ("file://", "http://127.0.0.1", "data:", "blob:", "about:")


@pytest.fixture(scope="module", params=["file", "http"])
def reader(request, browser, copy, served):
    """A browser context for one way of opening the copy, recording (and refusing) every
    request to another host; base is where the copy's root is."""
    base = copy.as_uri() if request.param == "file" else served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield request.param, base, context, outside
    context.close()


# --- the copy on disk ---------------------------------------------------------------------

def test_the_copy_holds_pages_as_files_its_search_and_the_guides(copy):
    assert (copy / "escalation" / "index.html").exists()
    assert (copy / "guides" / "escalation.html").exists()  # no directory URLs
    # search's records name pages as files too, and its library is in the copy
    assert '"url": "escalation/index.html#esc-3.1"' in (copy / "search" / "records.js").read_text(encoding="utf-8")
    assert (copy / "assets" / "javascripts" / "search" / "minisearch.js").exists()
    for guide in GUIDES:
        assert (copy / guide.pdf).read_bytes().startswith(b"%PDF"), guide.pdf


def test_no_page_names_another_host_for_an_asset(copy):
    for page in pages(copy):
        for asset in parse(page).assets:
            assert "//" not in asset.split("#")[0], f"{page.relative_to(copy)} loads {asset}"


def test_every_page_says_its_version_and_date_and_no_placeholder_address(copy):
    for page in content_pages(copy):
        html = page.read_text(encoding="utf-8")
        assert 'class="hb-edition"' in html, page
        assert f"version {EDITION.version}, built" in html and EDITION.built in html, page
        # As shipped the address is a placeholder, never printed (test_settings_battery.py).
        assert "Check the current version" not in html and "example.org" not in html, page


def test_the_online_build_is_not_the_offline_one(site):
    """The offline profile changes nothing online: directory URLs (in search's records too) and
    no offline notice."""
    html = (site / "index.html").read_text(encoding="utf-8")
    assert (site / "escalation" / "index.html").exists() and not (site / "escalation.html").exists()
    assert 'class="hb-edition"' not in html
    assert '"url": "escalation/#esc-3.1"' in (site / "search" / "records.js").read_text(encoding="utf-8")


# --- the copy in a browser --------------------------------------------------------------------

def test_no_page_requests_anything_from_another_host(reader, copy, request):
    mode, base, context, outside = reader
    if mode == "file":  # every page opened from disk, on the load test_privacy.py shares
        guard = request.getfixturevalue("offline_from_disk")
        visited = guard.visited
        outside = [url for url in guard.urls if not url.startswith(LOCAL)]
    else:
        page = context.new_page()
        visited = 0
        for path in content_pages(copy):
            page.goto(f"{base}/{path.relative_to(copy).as_posix()}", wait_until="load")
            visited += 1
        page.close()
    assert visited >= 25
    assert outside == [], f"{mode}: {outside[:5]}"



def test_search_finds_the_item_and_its_result_opens_it(reader):
    mode, base, context, outside = reader
    page = context.new_page()
    page.goto(f"{base}/index.html")
    hrefs = search_results(page, "Head of the Safeguarding Unit")
    assert any(urlsplit(h).path.endswith("/escalation/index.html") and h.endswith(("#esc-3.2.1", "#esc-3.3.3"))
               for h in hrefs), hrefs
    result = page.locator(".hb-search__link[href*='#esc-']").first
    anchor = result.get_attribute("href").split("#")[1]
    result.click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/escalation/index.html")
                      and url.endswith(f"#{anchor}"))
    box = page.locator(f"[id='{anchor}']").bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    page.close()
    assert outside == []


def test_a_flowchart_reads_and_its_links_land(reader, copy):
    mode, base, context, outside = reader
    page = context.new_page()
    page.goto(f"{base}/escalation/routes.html")
    chart = page.locator(".hb-flow").first
    assert chart.is_visible() and chart.locator(".hb-node").count() >= 2
    step = chart.locator(".hb-node__next a[href^='#']").first
    target = step.get_attribute("href")[1:]
    step.focus()
    page.keyboard.press("Enter")  # as a keyboard user would; the sticky header can cover a click
    page.wait_for_url(f"**/escalation/routes.html#{target}")
    assert page.locator(f"[id='{target}']").is_visible()
    page.close()
    assert outside == []


def test_the_route_diagrams_show(reader, book):
    """Each route's diagram is drawn in the page (inline SVG, no request), from disk as served."""
    mode, base, context, outside = reader
    page = context.new_page()
    page.goto(f"{base}/escalation/routes.html")
    for route in book.routes.routes:
        svg = page.locator(f"svg[role='img'][aria-labelledby='dg-{route.id}-title']")
        svg.scroll_into_view_if_needed()
        box = svg.bounding_box()
        assert svg.is_visible() and box["width"] > 300 and box["height"] > 300, (mode, route.id, box)
        assert svg.locator(f"[id='dg-{route.id}-{route.start}'] text").first.is_visible(), (mode, route.id)
    page.close()
    assert outside == []


TOOLS = ["escalation/record.html", "practice-pledge.html", "reflection.html"]


def test_a_tool_keeps_what_is_typed_across_a_reload(reader, copy):
    """A tool's entries are saved in the browser, from disk as from a server."""
    mode, base, context, outside = reader
    page = context.new_page()
    for path in TOOLS:
        page.goto(f"{base}/{path}")
        page.wait_for_load_state("load")
        field = page.locator("main textarea:visible, main input[type='text']:visible").first
        if field.count() == 0:
            continue
        field.fill(f"offline {mode} entry")
        field.blur()
        # saving is debounced by some tools: until the entry is in the browser's storage
        page.wait_for_function("v => Object.keys(localStorage).some(k => (localStorage.getItem(k) || '').includes(v))",
                               arg=f"offline {mode} entry")
        page.reload()
        kept = page.locator("main textarea:visible, main input[type='text']:visible").first
        kept.wait_for()
        assert kept.input_value() == f"offline {mode} entry", path
        break
    else:
        pytest.fail("no tool page of the offline copy has a field to type in")
    page.close()
    assert outside == []
