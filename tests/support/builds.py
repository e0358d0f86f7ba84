"""The builds the tests share: each kind made once per run, however many workers run the tests
(pytest-xdist: `make test` runs one per core).

A kind is built in a folder every worker of the run sees (the run's base temporary folder: with
xdist, the parent of each worker's own), under a lock file of its own (filelock). The first
worker to take a kind's lock builds it there and writes down what it made, or why it failed,
beside it before letting go; a worker that finds the lock taken goes on to its other kinds and
comes back; a worker that takes the lock after it finds what was made and uses it, or finds the
failure and reports it without building again. Each worker starts the kinds its collected tests
need as soon as they are collected, in background threads (a build is mostly one core: the cores
are shared among the workers), so that the tests that need no build run meanwhile."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import traceback
import zipfile
from concurrent.futures import Future
from pathlib import Path

from filelock import FileLock, Timeout

from project import ROOT, SUBPATH_URL, build_env, mkdocs_build


# --- the recipes: make(tmp) -> what was built, in the empty folder tmp ---------------------

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


# In the order they are started: the site first, which most tests need.
RECIPES = {"site": _site, "offline_package": _offline,
           "subpath_site": _subpath("mkdocs.yml"), "subpath_offline_copy": _subpath("mkdocs-offline.yml")}


# --- what was made, written down for the other workers ----------------------------------------

def _encode(made):
    if isinstance(made, Path):
        return {"path": str(made)}
    if isinstance(made, tuple):
        return {"tuple": [_encode(part) for part in made]}
    raise TypeError(f"a build gives a path or a tuple of paths, not {made!r}")


def _decode(record):
    if "path" in record:
        return Path(record["path"])
    return tuple(_decode(part) for part in record["tuple"])


class BuildFailed(Exception):
    """A build that failed in another worker of the run (its failure, as that worker saw it)."""


class Builds:
    """The run's builds, as one worker sees them: `start(name)` early, `get(name)` where a test
    needs it (waiting until it is made, here or by another worker)."""

    def __init__(self, folder: Path, threads: int):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.recipes = dict(RECIPES)
        self.made: dict[str, Future] = {}
        self.waiting: list[str] = []  # started, not yet taken by a thread of this worker
        self.lock = threading.Condition()
        self.closed = False
        self.threads = [threading.Thread(target=self._work, name=f"build-{i}", daemon=True) for i in range(threads)]
        for thread in self.threads:
            thread.start()

    def start(self, name: str, make=None) -> None:
        with self.lock:
            if name in self.made:
                return
            if make is not None:
                self.recipes[name] = make
            self.made[name] = Future()
            self.waiting.append(name)
            self.lock.notify_all()

    def get(self, name: str, make=None):
        self.start(name, make)
        return self.made[name].result()

    def close(self) -> None:
        """Let the threads end once the builds they are making are made (none is left half-made
        for a worker still waiting for it)."""
        with self.lock:
            self.closed = True
            self.lock.notify_all()
        for thread in self.threads:
            thread.join()

    def _work(self) -> None:
        while True:
            with self.lock:
                while not self.waiting and not self.closed:
                    self.lock.wait()
                if self.closed:
                    return
                names = list(self.waiting)
            if not any(self._take(name) for name in names):
                with self.lock:  # what is left is being built by other workers: look again soon
                    self.lock.wait(timeout=0.2)

    def _take(self, name: str) -> bool:
        """Resolve `name` if its lock can be had now: what was made, its failure, or a build."""
        with self.lock:
            if name not in self.waiting:
                return False  # another thread of this worker has it
            self.waiting.remove(name)
        lock = FileLock(self.folder / f"{name}.lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:  # another worker is building it
            with self.lock:
                self.waiting.append(name)
            return False
        try:
            self._resolve(name)
        finally:
            lock.release()
        return True

    def _resolve(self, name: str) -> None:
        record = self.folder / f"{name}.json"
        future = self.made[name]
        if record.exists():
            found = json.loads(record.read_text(encoding="utf-8"))
            if "failed" in found:
                future.set_exception(BuildFailed(f"the {name!r} build failed (in worker {found['worker']}):\n"
                                                 f"{found['failed']}"))
            else:
                future.set_result(_decode(found["made"]))
            return
        tmp = self.folder / name
        tmp.mkdir()
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        try:
            made = self.recipes[name](tmp)
        except BaseException as error:
            _write(record, {"failed": "".join(traceback.format_exception_only(error)).strip(), "worker": worker})
            future.set_exception(error)
        else:
            _write(record, {"made": _encode(made), "worker": worker})
            future.set_result(made)


def _write(path: Path, record: dict) -> None:
    aside = path.with_suffix(".partial")
    aside.write_text(json.dumps(record), encoding="utf-8")
    aside.replace(path)
