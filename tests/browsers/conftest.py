"""The browsers' fixtures: Playwright driving Debian's chromium (one browser per worker), a page,
the tour of every page that the quality gates share, and every page of the offline copy opened
once from disk. Firefox ESR and WebKit are support/engines_fixtures.py's (`engine`), loaded by
the modules that run in all three."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from chromium import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_BROWSER, NO_WORKER
from project import ROOT


def _installed(path: str, package: str) -> None:
    if not Path(path).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{package} is required under CI (apt-get install {package})")
        pytest.skip(f"Debian's {package} is not installed here (apt-get install {package}); its browser tests skipped")


@pytest.fixture(scope="session")
def playwright():
    """Playwright, to drive Debian's Chromium (never a browser of its own)."""
    _installed(CHROMIUM, "chromium-headless-shell")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    """Debian's chromium-headless-shell, which opens the pages (chromium.py says why)."""
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="session")
def whole_browser(playwright):
    """Debian's chromium, the whole browser, for what only it does: keeping the handbook with
    its service worker, and installing it from its manifest (browsers/test_kept.py)."""
    _installed(CHROMIUM_BROWSER, "chromium")
    b = playwright.chromium.launch(executable_path=CHROMIUM_BROWSER, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **NO_WORKER)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def tour(request, browser, site, server):
    """`tour(width)`: every page of the site loaded once at that width, with every check that
    the collected tests ask for run on that load (quality_support.Tour). A module says what it
    needs in TOUR_CHECKS = {check: [widths]}, and is one of tests/conftest.py's TOUR_MODULES, so
    that under xdist one worker runs all of them on one tour."""
    from quality_support import Tour, htmlcs_script
    wanted: dict[str, set[str]] = {}
    for item in request.session.items:
        if "tour" in getattr(item, "fixturenames", ()):
            for check, widths in getattr(item.module, "TOUR_CHECKS", {}).items():
                for width in widths:
                    wanted.setdefault(width, set()).add(check)
    tours = {}

    def get(width: str):
        if width not in tours:
            checks = wanted.get(width, set())
            script = htmlcs_script(ROOT) if "htmlcs" in checks else None
            tours[width] = Tour(browser, site, server, width, checks, script)
        return tours[width]

    return get


@pytest.fixture(scope="session")
def offline_from_disk(browser, offline_copy):
    """Every page of the offline copy opened once from disk behind the guard (quality_support's
    Guard: other requests blocked and recorded, the policy's violations collected)."""
    from quality_support import from_disk
    guard = from_disk(browser, offline_copy)
    yield guard
    guard.context.close()
