"""The offline copy opened from disk (file://) and from a plain local web server in chromium, with
every request to another host blocked and recorded: no page asks another host for anything
(from disk: on the load of every page that browsers/test_privacy.py shares, browsers/conftest.py
`offline_from_disk`); search, a flowchart, the route diagrams and a tool work from the copy."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from chromium import NO_WORKER, search_results
from sitemap import content_pages


@pytest.fixture(scope="module")
def copy(offline_copy) -> Path:
    """The zip, unpacked as a reader would unpack it."""
    return offline_copy


@pytest.fixture(scope="module")
def served(copy, serve):
    return serve(copy)


LOCAL = ("file://", "http://127.0.0.1", "data:", "blob:", "about:")


@pytest.fixture(scope="module", params=["file", "http"])
def reader(request, browser, copy, served):
    """A browser context for one way of opening the copy, recording (and refusing) every
    request to another host; base is where the copy's root is."""
    base = copy.as_uri() if request.param == "file" else served
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **NO_WORKER)
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
