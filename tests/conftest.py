"""Shared fixtures: the loaded handbook, one strict build of the site, a local server and a
headless Debian chromium driven by Playwright."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep chromium from reaching for Google's services on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def book():
    sys.path.insert(0, str(ROOT))
    from macros.model.book import Handbook
    return Handbook.load(ROOT / "data")


def copy_project(dest: Path) -> Path:
    """A copy of everything a build reads, for tests that change data or settings."""
    for part in ("docs", "data", "macros", "overrides"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, dest / name)
    return dest


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """A strict build and its products (PDFs, minified scripts), as `make build` makes them."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config),
                             "--site-dir", str(site)], capture_output=True, text=True, cwd=project, env=env)
    if result.returncode != 0:
        return result
    return subprocess.run([sys.executable, "-m", "macros.products", str(site)], capture_output=True, text=True,
                          cwd=project, env=env)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """Serves a folder on a loopback port (one server per folder for the whole session) and
    gives its address: `serve(site)` -> 'http://127.0.0.1:PORT'."""
    servers: dict[Path, http.server.ThreadingHTTPServer] = {}

    def start(folder: Path) -> str:
        folder = Path(folder).resolve()
        if folder not in servers:
            handler = functools.partial(_QuietHandler, directory=str(folder))
            servers[folder] = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=servers[folder].serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{servers[folder].server_address[1]}"

    yield start
    for httpd in servers.values():
        httpd.shutdown()


@pytest.fixture(scope="session")
def server(site, serve):
    return serve(site)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required under CI (apt-get install chromium)")
        pytest.skip("Debian chromium is not installed here (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def search_results(page, query: str) -> list[str]:
    """Type a query as a reader does (Material searches on key-up) once the index is ready;
    the result links, best first."""
    page.locator(".md-search__input").first.click()
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="Type to start searching").wait_for(timeout=20000)
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    meta.filter(has_text="matching document").wait_for(timeout=20000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()
