"""Debian's Chromium as the browser tests (and `make bench`) start it, and a search typed into a
page as a reader types it."""
from __future__ import annotations

import shutil

# The pages are opened in Debian's chromium-headless-shell: Chromium's own headless browser (built
# from the same source and version as Debian's chromium, the engine that Playwright runs headless),
# which lays out, scripts and prints a page as chromium does, at about a third of the CPU a fresh
# page costs in chromium's full browser run headless. What only the whole browser does, keeping the
# handbook with its service worker and installing it from its manifest (browsers/test_kept.py), and
# Lighthouse's figures (`make bench`) are Debian's chromium's.
CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
CHROMIUM_BROWSER = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep chromium from reaching for Google's services on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Every context of the tests but those that test keeping the handbook (browsers/test_kept.py) has
# the handbook's service worker blocked: once a page is idle the worker fetches the whole site into
# its cache (about 0.8 s of a core, each context), and what a worker fetches passes by a context's
# routes, which the privacy tests' guards are; with it blocked they see every request.
NO_WORKER = {"service_workers": "block"}

# The whole query's results are shown, from every record (the first results of a page's first
# search come from the weightiest records, then all: docs/assets/javascripts/search-engine.js).
SEARCHED = """q => document.querySelector(".hb-search__input").value === q
  && window.HandbookSearch && HandbookSearch.engine && HandbookSearch.engine.complete
  && /result/.test(document.querySelector(".hb-search__count").textContent)"""


def search_results(page, query: str) -> list[str]:
    """Type a query into the header's search box as a reader does (on a phone, after the
    header's search button); the result links, best first, once the whole query's results show."""
    box = page.locator(".hb-search__input")
    if not box.is_visible():
        page.locator("button.hb-search-open").click()
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_function(SEARCHED, arg=query, timeout=20000)
    return page.eval_on_selector_all(".hb-search__link", "els => els.map(e => e.href)")
