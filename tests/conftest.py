"""Shared fixtures of every layer: the loaded handbook, the run's builds and a local server. The
browsers' own (chromium, the tour of every page, the offline copy opened from disk) are in
browsers/conftest.py; the code both use is in support/, on pytest's path (pytest.ini).

Builds (one of each kind per run, shared by every xdist worker: support/builds.py; HANDBOOK_URL
unset unless said):
- `site`: the online build at a server's root, with its products (`make build`);
- `offline_package`, `offline_copy`: `python -m macros.products.package` (`make offline`): the
  zip and its folder, and the zip unpacked as a reader would unpack it;
- `subpath_site`, `subpath_offline_copy`: the online build and the offline copy with HANDBOOK_URL
  naming an address under SUBPATH (browsers/test_subpath.py), with their products (pages link
  the PDFs);
- a module's own builds: a module lists recipes in `BUILDS = {name: make}` (make(tmp) -> site
  folder) and its fixture returns `builds.get(name)`; they start with the others.
Every build the collected tests need starts as soon as they are collected, and the modules that
need no build run first, while they are made.

Under xdist (`make test`), tests are sent to the workers a module at a time, and the quality gates
that share the tour of every page (TOUR_MODULES) together, so that module- and session-scoped
fixtures, and the tour, are made once (`--dist loadgroup`, with the scheduler below)."""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from builds import RECIPES, Builds
from project import ROOT

# The modules whose tests share the tour of every page (browsers/conftest.py `tour`, asked for in a
# module's TOUR_CHECKS): under xdist they go to one worker together, so that the tour, the longest
# work of the suite, is made once. (pytest-xdist's own xdist_group cannot do it here: it marks a
# test by renaming its node id, which pytest 9 no longer lets a plugin do, and sent each module of
# the group to whichever worker was free, each making the tour again.)
TOUR_MODULES = ("tests/browsers/test_accessibility.py", "tests/browsers/test_privacy.py",
                "tests/browsers/test_second_checker.py")

# Fixtures whose tests need a build (the ones here and what depends on them; engines_fixtures'
# `tools` asks for `server` or `offline_copy` as it runs).
BUILD_FIXTURES = set(RECIPES) | {"offline_copy", "server", "builds", "tour", "offline_from_disk", "tools"}


@pytest.fixture(scope="session")
def book():
    from macros.model.book import Handbook
    return Handbook.load(ROOT / "data")


# --- the run's builds -------------------------------------------------------------------------

_BUILDS: list[Builds] = []


def _builds(config) -> Builds:
    """This worker's view of the run's builds, in a folder all the run's workers share."""
    if not _BUILDS:
        base = config._tmp_path_factory.getbasetemp()
        workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0"))
        cores = os.cpu_count() or 2
        if workers:  # xdist: each worker's base is a folder of the run's
            folder, threads = base.parent / "builds", max(1, cores // workers)
        else:
            folder, threads = base / "builds", max(2, cores)
        _BUILDS.append(Builds(folder, threads))
    return _BUILDS[0]


def _needs_build(item) -> bool:
    return bool(BUILD_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """The modules that need no build run first, while the builds are made (a stable sort:
    each module's tests keep their order)."""
    building = {item.module for item in items if _needs_build(item) and hasattr(item, "module")}
    items.sort(key=lambda item: getattr(item, "module", None) in building)
    touring = {item.nodeid.split("::", 1)[0] for item in items if hasattr(getattr(item, "module", None), "TOUR_CHECKS")}
    if touring - set(TOUR_MODULES):
        raise pytest.UsageError(f"{', '.join(sorted(touring - set(TOUR_MODULES)))}: a module that asks for the tour "
                                "(TOUR_CHECKS) must be one of tests/conftest.py's TOUR_MODULES")


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
    modules = {item.module for item in session.items if hasattr(item, "module")}
    for module in sorted(modules, key=lambda module: module.__name__):
        for name, make in getattr(module, "BUILDS", {}).items():
            builds.start(name, make)


def pytest_sessionfinish(session):
    if _BUILDS:
        _BUILDS[0].close()


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


# --- a local server ---------------------------------------------------------------------------

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


# --- xdist: a module, or the tour's modules, at a time -----------------------------------------

@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadgroup`: the tests of TOUR_MODULES go to one worker together, and every
    other test with the rest of its module, as loadfile does (xdist's loadgroup would send those
    one by one, repeating module-scoped fixtures on each worker). Units are sent in the order the
    tests were collected (no reordering by size): the modules that need no build first."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class GroupOrModule(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return "the tour" if module in TOUR_MODULES else module

    config.option.loadscopereorder = False
    return GroupOrModule(config, log)
