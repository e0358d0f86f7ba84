"""Fixtures for tests that run in all three engines (load with `pytest_plugins = ["engines_fixtures"]`):

- `engine`: one browser per engine for the whole session (Chromium reuses conftest's `browser`);
  each test starts it afresh (one tab, nothing saved);
- `tools`: where the tools are, served over http (conftest's `server`) or opened from disk
  (file://) in the offline copy (conftest's `offline_copy`, built once per session, never into
  the shared dist/ or site/).

A missing browser fails the test under CI (CI=true) and skips it elsewhere, saying what to install.
"""
from __future__ import annotations

import os

import pytest

from engines_support import ENGINES, Chromium, Firefox, WebKit, missing


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: required under CI")
    pytest.skip(reason)


@pytest.fixture(scope="session", params=ENGINES)
def engine_session(request):
    """The session's browser of one engine (pytest runs one engine's tests together)."""
    name = request.param
    if reason := missing(name):
        _unavailable(reason)
    if name == "chromium":
        yield Chromium(request.getfixturevalue("browser"))
        return
    try:
        browser = Firefox() if name == "firefox" else WebKit()
    except Exception as error:  # installed but will not start here
        _unavailable(f"{name} would not start: {error}")
    yield browser
    browser.close()


@pytest.fixture
def engine(request, engine_session):
    """The engine's browser with one tab; a module that tests keeping the handbook says
    `KEEPS = True`, and its Chromium contexts then let the worker run (chromium.NO_WORKER)."""
    engine_session.reset(keeps=getattr(request.module, "KEEPS", False))
    return engine_session


# Each tool's page, served (directory URLs) and in the offline copy (pages as files).
PAGES = {"pledge": ("practice-pledge/", "practice-pledge.html"),
         "reflection": ("reflection/", "reflection.html"),
         "record": ("escalation/record/", "escalation/record.html")}


class Tools:
    def __init__(self, where: str, base: str):
        self.where, self.base = where, base

    def url(self, tool: str) -> str:
        return self.base + PAGES[tool][0 if self.where == "http" else 1]


@pytest.fixture(params=["http", "file"])
def tools(request) -> Tools:
    if request.param == "http":
        return Tools("http", request.getfixturevalue("server") + "/")
    return Tools("file", request.getfixturevalue("offline_copy").as_uri() + "/")
