"""Fixtures for tests that run in all three engines (load with `pytest_plugins = ["engines_fixtures"]`):

- `engine`: one browser per engine for the whole session (Chromium reuses conftest's `browser`);
  each test starts it afresh (one tab, nothing saved);
- `offline_copy`: the offline copy, built once per session into a temporary folder (never into
  the shared dist/ or site/);
- `tools`: where the tools are, served over http (`server`) or opened from disk (file://).

A missing browser fails the test under CI (CI=true) and skips it elsewhere, saying what to install.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
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
def engine(engine_session):
    engine_session.reset()
    return engine_session


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> Path:
    """The offline profile's build (mkdocs-offline.yml), made once. Without the npm worker shim,
    which only search needs."""
    out = tmp_path_factory.mktemp("offline") / "copy"
    result = mkdocs_build(ROOT, out, "mkdocs-offline.yml")
    assert result.returncode == 0, result.stderr
    return out


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
