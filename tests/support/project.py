"""The project as the tests see it: where it is, a copy of it for tests that change its data or
settings, and a build of it or of such a copy (`make build`'s two steps)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "data" / "sources"  # the five source documents, as published (data/sources/README.md)
REFERENCE = ROOT / "data" / "reference"  # facts on the sources: the PH28 index, what has changed since

SUBPATH = "/safeguarding/handbook/"
SUBPATH_URL = f"https://intranet.example.org{SUBPATH}"  # a host that is not the test server's


def copy_project(dest: Path) -> Path:
    """A copy of everything a build reads, for tests that change data or settings. The pinned npm
    packages a build uses (the search library, the font, Workbox) are the project's: installed
    here first if need be, under the project's lock, and linked into the copy, which so never
    runs an `npm ci` of its own."""
    from macros.products.npm import pinned_package
    from macros.products.worker import LIBRARIES
    for name in ("minisearch", "stemmer", "dejavu-fonts-ttf", *LIBRARIES):
        pinned_package(ROOT, name, "A copy of the project")
    for part in ("docs", "data", "macros", "overrides"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest


def build_env(handbook_url: str | None = None) -> dict[str, str]:
    """The environment of a build: HANDBOOK_URL set to handbook_url, or unset whatever the
    caller's environment says (so the root builds do not depend on it)."""
    env = {k: v for k, v in os.environ.items() if k != "HANDBOOK_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if handbook_url:
        env["HANDBOOK_URL"] = handbook_url
    return env


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml", env: dict | None = None) -> subprocess.CompletedProcess:
    """A strict build and its products (PDFs, minified scripts, the offline files), as `make
    build` makes them."""
    env = env or {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config),
                             "--site-dir", str(site)], capture_output=True, text=True, cwd=project, env=env)
    if result.returncode != 0:
        return result
    return subprocess.run([sys.executable, "-m", "macros.finish", str(site), str(project / config)],
                          capture_output=True, text=True, cwd=project, env=env)
