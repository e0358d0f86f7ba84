"""Privacy in chromium: no page of the built site asks another host for anything, and no page's
Content Security Policy breaks it, served by a web server and opened from disk (the online build,
and the offline copy whose search must work there). The policy each page carries is
site/test_privacy_site.py's.

Pages are discovered from the build output, so pages added later are checked too. The served
pages are checked on the session's tour (browsers/conftest.py `tour`: one load of each page
shared with the accessibility checkers; its requests and violations are taken before any
checker is added); the offline copy's pages from disk on the load test_offline_browser.py shares
(browsers/conftest.py `offline_from_disk`).
"""
from __future__ import annotations

import pytest

from quality_support import Guard, from_disk

TOUR_CHECKS = {"privacy": ["desktop"]}


# --- the pages in chromium --------------------------------------------------------------

@pytest.fixture(scope="module")
def served(tour):
    """Every page of the site as served, visited once behind the guard (the desktop tour)."""
    return tour("desktop")


def test_no_served_page_requests_anything_from_another_host(served):
    attempts = [a for found in served.found("attempts").values() for a in found]
    assert len(served.pages) >= 25, sorted(served.pages)
    assert not attempts, "\n".join(attempts)


def test_the_policy_breaks_no_served_page(served):
    violations = [v for found in served.found("violations").values() for v in found]
    assert not violations, "\n".join(violations)


def test_search_works_under_the_policy_when_served(browser, server):
    guard = Guard(browser, server + "/")
    try:
        assert guard.search(f"{server}/", "escalation") > 0
        assert not guard.attempts and not guard.violations, guard.attempts + guard.violations
    finally:
        guard.context.close()


def test_the_policy_breaks_no_page_opened_from_disk(browser, site):
    """The online build opened from disk: it renders (search needs the offline copy)."""
    guard = from_disk(browser, site)
    guard.context.close()
    assert not guard.attempts, "\n".join(guard.attempts)
    assert not guard.violations, "\n".join(guard.violations)


def test_the_offline_copy_opened_from_disk_requests_nothing_else_and_its_search_works(browser, offline_from_disk,
                                                                                    offline_copy):
    guard = offline_from_disk
    assert guard.visited >= 25
    assert not guard.attempts, "\n".join(guard.attempts)
    assert not guard.violations, "\n".join(guard.violations)
    search = Guard(browser, "file://")
    try:
        results = search.search((offline_copy / "index.html").as_uri(), "escalation")
        assert not search.attempts, "\n".join(search.attempts)
        assert not search.violations, "\n".join(search.violations)
    finally:
        search.context.close()
    assert results > 0
