"""Shared fixtures of every layer: the loaded handbook, the session's builds (each made once, all
started together in the background as soon as the tests are collected) and a local server. The
browsers' own (chromium, the tour of every page, the offline copy opened from disk) are in
browsers/conftest.py; the code both use is in support/, on pytest's path (pytest.ini).

Builds (one of each kind per session, HANDBOOK_URL unset unless said):
- `site`: the online build at a server's root, with its products (`make build`);
- `offline_package`, `offline_copy`: `python -m macros.products.package` (`make offline`): the
  zip and its folder, and the zip unpacked as a reader would unpack it;
- `subpath_site`, `subpath_offline_copy`: the online build and the offline copy with HANDBOOK_URL
  naming an address under SUBPATH (browsers/test_subpath.py), with their products (pages link
  the PDFs);
- a module's own builds: a module lists recipes in `BUILDS = {name: make}` (make(tmp) -> site
  folder) and its fixture returns `builds.get(name)`; they start with the others.
A build is mostly one core, so they run side by side, and the modules that need no build run
first, while they are made."""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from project import ROOT, SUBPATH_URL, build_env, mkdocs_build


@pytest.fixture(scope="session")
def book():
    sys.path.insert(0, str(ROOT))
    from macros.model.book import Handbook
    return Handbook.load(ROOT / "data")


# --- the session's builds ------------------------------------------------------------------

def _site(tmp: Path) -> Path:
    result = mkdocs_build(ROOT, tmp / "site", env=build_env())
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def _offline(tmp: Path) -> tuple[Path, Path]:
    """`make offline` into tmp/dist, and its zip unpacked into tmp/unzipped: (zip, unpacked)."""
    result = subprocess.run([sys.executable, "-m", "macros.products.package", str(tmp / "dist")], cwd=ROOT,
                            env=build_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + result.stdout
    [archive] = (tmp / "dist").glob("handbook-offline-*.zip")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp / "unzipped")
    return archive, tmp / "unzipped" / archive.stem


def _subpath(config: str):
    def make(tmp: Path) -> Path:
        result = mkdocs_build(ROOT, tmp / "site", config, env=build_env(SUBPATH_URL))
        assert result.returncode == 0, result.stderr
        return tmp / "site"
    return make


RECIPES = {"site": _site, "offline_package": _offline,
           "subpath_site": _subpath("mkdocs.yml"), "subpath_offline_copy": _subpath("mkdocs-offline.yml")}
# Fixtures whose tests need a build (the conftest ones and what depends on them; engines_fixtures'
# `tools` asks for `server` or `offline_copy` as it runs).
BUILD_FIXTURES = set(RECIPES) | {"offline_copy", "server", "builds", "tour", "offline_from_disk", "tools"}


class Builds:
    """Every build of the session, each made once in a background thread (the build itself is
    a subprocess) and waited for where a test needs it."""

    def __init__(self, factory):
        self.factory = factory
        self.pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="build")
        self.started: dict[str, Future] = {}
        self.lock = threading.Lock()

    def start(self, name: str, make=None) -> None:
        with self.lock:
            if name not in self.started:
                self.started[name] = self.pool.submit(make or RECIPES[name], self.factory.mktemp(name))

    def get(self, name: str, make=None):
        self.start(name, make)
        return self.started[name].result()


_BUILDS: list[Builds] = []


def _builds(config) -> Builds:
    if not _BUILDS:
        _BUILDS.append(Builds(config._tmp_path_factory))
    return _BUILDS[0]


def _needs_build(item) -> bool:
    return bool(BUILD_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """The modules that need no build run first, while the builds are made (a stable sort:
    each module's tests keep their order)."""
    building = {item.module for item in items if _needs_build(item) and hasattr(item, "module")}
    items.sort(key=lambda item: getattr(item, "module", None) in building)


def pytest_collection_finish(session):
    """Start every build the collected tests need, side by side."""
    if session.config.option.collectonly or not session.items:
        return
    if session.testsfailed and not session.config.option.continue_on_collection_errors:
        return  # pytest stops here: nothing will be run
    names = set().union(*(getattr(item, "fixturenames", ()) for item in session.items))
    builds = _builds(session.config)
    if names & {"site", "server", "tour", "tools"}:
        builds.start("site")
    if names & {"offline_package", "offline_copy", "offline_from_disk", "tools"}:
        builds.start("offline_package")
    for name in ("subpath_site", "subpath_offline_copy"):
        if name in names:
            builds.start(name)
    for module in {item.module for item in session.items if hasattr(item, "module")}:
        for name, make in getattr(module, "BUILDS", {}).items():
            builds.start(name, make)


def pytest_sessionfinish(session):
    if _BUILDS:
        _BUILDS[0].pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def builds(pytestconfig) -> Builds:
    return _builds(pytestconfig)


@pytest.fixture(scope="session")
def site(builds) -> Path:
    return builds.get("site")


@pytest.fixture(scope="session")
def offline_package(builds) -> tuple[Path, Path]:
    """`make offline`'s output: the zip and the unpacked folder beside it."""
    archive, _ = builds.get("offline_package")
    return archive, archive.with_suffix("")


@pytest.fixture(scope="session")
def offline_copy(builds) -> Path:
    """The offline copy as a reader has it: the zip unpacked."""
    return builds.get("offline_package")[1]


@pytest.fixture(scope="session")
def subpath_site(builds) -> Path:
    return builds.get("subpath_site")


@pytest.fixture(scope="session")
def subpath_offline_copy(builds) -> Path:
    return builds.get("subpath_offline_copy")


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
