"""The online handbook kept after one visit, in Firefox ESR and WebKit (Safari's engine) as in
Chromium (test_kept.py): one visit, the worker keeps the handbook, the server stops, and a sample
of pages, the search and a route card still read. Service workers run on 127.0.0.1 as on any
https site."""
from __future__ import annotations

import pytest

from support_server import Switchable

pytest_plugins = ["engines_fixtures"]
KEEPS = True  # the worker runs in this module's Chromium contexts (engines_fixtures.engine)

SAMPLE = ["escalation/", "fourteen-points/", "professional-dimension/", "guides/route-cards/route-3.1/", "glossary/"]
# The worker is active, having kept the handbook: each poll asks again and answers with what the
# last asking found (WebDriver scripts here return at once, not with a promise's answer).
ACTIVE = """navigator.serviceWorker.ready.then(function (r) { window.__hbActive = r.active && r.active.state; });
  return window.__hbActive === "activated";"""


@pytest.fixture
def served(site):
    server = Switchable(site)
    yield server
    server.stop()


def test_after_one_visit_pages_search_and_route_cards_read_with_no_signal(engine, served):
    tab = engine.tab(served.url)
    tab.wait("return document.documentElement.hasAttribute('data-hb-kept')", timeout=60)
    tab.wait(ACTIVE, timeout=60)
    served.stop()
    for path in SAMPLE:
        tab.open(served.url + path)
        assert tab.wait("return document.querySelector('article h1') && document.readyState === 'complete'"), path
    tab.open(served.url + "?q=disguised%20compliance")
    first = tab.wait("var a = document.querySelector('.hb-search__link'), s = window.HandbookSearch;"
                     "return a && s && s.engine && s.engine.complete ? a.href : null", timeout=30)
    assert "#lessons-6b" in first
    assert tab.wait("return !document.querySelector('[data-hb-notice=\"offline\"]').hidden", timeout=30)
