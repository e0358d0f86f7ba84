"""The online handbook kept on a phone after one visit (docs/sw.js, macros/products/worker.py,
overrides/assets/javascripts/theme/keep.js), in Debian's chromium at phone size:

- nothing is fetched for keeping until the page has loaded; then every page, the search and the
  route cards read with no connection (the server stopped), and no request leaves the site;
- a newer build is announced within one page load, and one reload shows it on every page; what
  a reader typed into a tool is untouched;
- under a sub-path the worker keeps only its own; the manifest makes it installable;
- the offline copy registers no worker; a build for `make serve` (or `keep: false`) retires an
  earlier worker and what it kept.
Firefox ESR and WebKit: test_kept_engines.py."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Error as PageError

from chromium import CHROMIUM_ARGS, CHROMIUM_BROWSER, search_results
from project import ROOT, SUBPATH, build_env, copy_project, mkdocs_build
from sitemap import pages
from support_server import Switchable

MARKER = "Edition 1.1, to tell it apart."


def newer(tmp: Path) -> Path:
    """The handbook as its next edition: version 1.1, with a line on the home page to tell it by."""
    project = copy_project(tmp / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"'), encoding="utf-8")
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("{{ risk_exit() }}", f"{MARKER}\n\n{{{{ risk_exit() }}}}"),
                    encoding="utf-8")
    result = mkdocs_build(project, tmp / "site", env=build_env())
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def for_serving(tmp: Path) -> Path:
    """The site as `make serve` builds it (HANDBOOK_SERVE=1: the adapter finishes it after the
    pages): pages that keep nothing, and a worker that retires."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "site")],
                            cwd=ROOT, env={**build_env(), "HANDBOOK_SERVE": "1"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return tmp / "site"


BUILDS = {"newer": newer, "for_serving": for_serving}
# The page registered the worker (keep.js), which has kept every file and is active.
REGISTERED = "() => document.documentElement.hasAttribute('data-hb-kept')"
ACTIVE = "() => navigator.serviceWorker.ready.then(registration => registration.active.state)"
# The page's worker has taken over and kept every file it lists.
ALL_KEPT = """async () => { const names = await caches.keys();
  let n = 0; for (const name of names) n += (await (await caches.open(name)).keys()).length; return n; }"""


@pytest.fixture
def phone(whole_browser):
    context = whole_browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def server_for():
    """A server for one test whose folder can be switched and which can be stopped and started
    on the same address (a worker belongs to its origin)."""
    started = []

    def make(folder: Path, prefix: str = "/") -> Switchable:
        server = Switchable(folder, prefix)
        started.append(server)
        return server
    yield make
    for server in started:
        server.stop()


def keep(page, url: str) -> int:
    """Visit once and wait until the worker has kept the handbook; how many files it kept."""
    page.goto(url)
    page.wait_for_function(REGISTERED, timeout=60000)
    page.wait_for_function(f"({ACTIVE})().then(state => state === 'activated')", polling=200, timeout=60000)
    return page.evaluate(ALL_KEPT)


def evaluate_across_loads(page, script: str):
    """The script's answer on the page now, or False while a load replaces the page under it."""
    try:
        return page.evaluate(script)
    except PageError:
        return False


def listed(site: Path) -> list[str]:
    return re.findall(r'"url":"([^"]+)"', (site / "sw.js").read_text(encoding="utf-8"))


def test_nothing_is_fetched_for_keeping_until_the_page_has_loaded(phone, site, server_for):
    server = server_for(site)
    keep(phone, server.url)
    timing = phone.evaluate("""() => ({load: performance.timing.loadEventEnd - performance.timing.navigationStart,
      first: Math.min(...performance.getEntriesByType('resource').filter(e => /workbox|sw\\.js/.test(e.name))
                               .map(e => e.startTime))})""")
    assert timing["first"] >= timing["load"], timing


def test_after_one_visit_every_page_search_and_the_route_cards_read_with_no_signal(phone, site, server_for):
    server = server_for(site)
    hosts = []
    phone.context.on("request", lambda request: hosts.append(request.url.split("/")[2]))
    assert keep(phone, server.url) == len(listed(site)) > 60
    server.stop()  # no signal
    for path in pages(site):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        response = phone.goto(server.url + rel.removesuffix("index.html"))
        assert response.ok and phone.locator("article h1").count() == 1, rel
    assert any(h.endswith("#esc-3.1") or h.endswith("#route-3.1")
               for h in search_results(phone, "social care refused my referral")[:3])
    for card in ["route-card-3.1.pdf", "route-card-2.pdf"]:  # a route card's PDF, as its page links it
        first = phone.evaluate("""url => fetch(url).then(r => r.ok ? r.arrayBuffer() : null)
                                      .then(b => b && String.fromCharCode(...new Uint8Array(b.slice(0, 4))))""",
                               server.url + "guides/route-cards/" + card)
        assert first == "%PDF", card
    phone.goto(server.url + "escalation/")
    offline = phone.locator('[data-hb-notice="offline"]')
    offline.wait_for(state="visible", timeout=15000)
    assert "version 1.0, built" in offline.inner_text()
    assert set(hosts) == {server.host}


def test_a_newer_edition_is_announced_in_one_page_load_and_one_reload_shows_it_everywhere(phone, site, builds,
                                                                                            server_for):
    server = server_for(site)
    keep(phone, server.url)
    phone.evaluate("() => localStorage.setItem('safeguarding-handbook:pledge', '{\"format\": 2, \"state\": {}}')")
    server.switch(builds.get("newer"))
    phone.goto(server.url + "fourteen-points/")
    notice = phone.locator('[data-hb-notice="newer"]')
    notice.wait_for(state="visible", timeout=30000)
    assert "A newer edition of the handbook is available" in notice.inner_text()
    assert "version 1.0" in phone.locator('[data-hb-notice="offline"]').inner_text()  # still the edition it has
    with phone.expect_navigation():
        phone.get_by_role("button", name="reload to read it").click()
    for path in ["", "escalation/", "lessons/", "guides/route-cards/route-2/"]:
        phone.goto(server.url + path)
        assert "version 1.1" in phone.locator('[data-hb-notice="offline"]').inner_text(), path
    phone.goto(server.url)
    assert MARKER in phone.locator("article").inner_text()
    assert phone.evaluate("() => localStorage.getItem('safeguarding-handbook:pledge')") == '{"format": 2, "state": {}}'


def test_the_notice_is_dismissed_and_moves_nothing(phone, site, server_for):
    server = server_for(site)
    keep(phone, server.url)
    before = phone.evaluate("() => document.querySelector('article h1').getBoundingClientRect().top")
    server.stop()
    phone.reload()
    offline = phone.locator('[data-hb-notice="offline"]')
    offline.wait_for(state="visible", timeout=15000)
    assert phone.evaluate("() => document.querySelector('article h1').getBoundingClientRect().top") == before
    offline.get_by_role("button", name="Dismiss this notice").click()
    assert offline.is_hidden()


def test_a_browser_that_keeps_no_worker_is_told_nothing_of_keeping(whole_browser, site, server_for):
    """Where service workers are switched off (an intranet's policy, a private window), the page
    registers none and, read online, claims neither that it is kept nor that there is no signal."""
    server = server_for(site)
    context = whole_browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    page.goto(server.url + "escalation/")
    page.wait_for_function("() => window.workbox !== undefined", timeout=15000)  # it tried, once idle
    page.wait_for_timeout(500)  # (its refusal is answered at once)
    kept = page.evaluate(REGISTERED)
    shown = page.evaluate("() => [...document.querySelectorAll('.hb-keep__notice')].filter(n => !n.hidden).length")
    context.close()
    assert not kept and shown == 0


def test_under_a_sub_path_the_worker_keeps_its_own_address_only(phone, subpath_site, server_for):
    server = server_for(subpath_site, SUBPATH)
    keep(phone, server.url)
    scope = phone.evaluate("async () => (await navigator.serviceWorker.getRegistration()).scope")
    assert scope == server.url and scope.endswith(SUBPATH)
    server.stop()
    assert phone.goto(server.url + "recommendations/").ok


def test_the_manifest_makes_it_installable_with_icons_at_the_sizes_phones_ask_for(playwright, site, server_for,
                                                                                 tmp_path):
    server = server_for(site)
    for name, size in [("icon-192.png", 192), ("icon-512.png", 512), ("icon-maskable-512.png", 512),
                       ("apple-touch-icon.png", 180)]:
        with Image.open(site / "assets" / "images" / name) as icon:
            assert icon.size == (size, size) and icon.format == "PNG", name
    # Installability needs a profile that is not incognito, as a reader's browser is.
    context = playwright.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=CHROMIUM_BROWSER,
                                                            args=CHROMIUM_ARGS, viewport={"width": 390, "height": 844})
    page = context.new_page()
    keep(page, server.url)
    errors = context.new_cdp_session(page).send("Page.getInstallabilityErrors")["installabilityErrors"]
    manifest = page.evaluate("async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json()")
    context.close()
    assert errors == []
    assert manifest["start_url"] == "./" and manifest["scope"] == "./" and manifest["display"] == "standalone"
    assert manifest["name"] == "Safeguarding practice handbook" and manifest["short_name"]


def test_the_offline_copy_registers_no_worker_and_names_no_manifest(whole_browser, offline_copy):
    context = whole_browser.new_context()
    page = context.new_page()
    page.goto((offline_copy / "escalation" / "index.html").as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)
    assert page.locator(".hb-keep").count() == 0 and page.locator("link[rel=manifest]").count() == 0
    assert "const KEPT = null;" in (offline_copy / "sw.js").read_text(encoding="utf-8")
    context.close()


def test_a_build_for_make_serve_retires_a_kept_handbook(phone, site, builds, server_for):
    served = builds.get("for_serving")
    assert "const KEPT = null;" in (served / "sw.js").read_text(encoding="utf-8")
    assert 'data-hb-worker' not in (served / "index.html").read_text(encoding="utf-8")
    server = server_for(site)
    keep(phone, server.url)
    server.switch(served)
    phone.goto(server.url + "escalation/")  # the earlier worker answers this once, from what it kept
    # The retiring worker clears what was kept, unregisters and reloads the page from the site
    # (until that reload a reload of the reader's own may still be answered by the earlier one).
    retired = """async () => (await navigator.serviceWorker.getRegistrations()).length === 0
                 && (await caches.keys()).length === 0 && !document.querySelector('.hb-keep[data-hb-worker]')"""
    end = time.monotonic() + 30
    while not evaluate_across_loads(phone, retired):
        assert time.monotonic() < end, "the earlier worker was not retired within 30 s"
        phone.wait_for_timeout(100)
    phone.reload()
    # the page as served now, not as kept: its pages name no worker
    assert phone.locator(".hb-keep").get_attribute("data-hb-worker") is None
