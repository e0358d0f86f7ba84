"""What the offline copy needs besides its pages.

`mkdocs-offline.yml` builds the copy: Material's offline plugin (no directory URLs, the search
index as a script), and the worker shim Material's search needs when a page is opened from
disk (browsers refuse Web Workers under file://). The shim comes from the npm package pinned
in package-lock.json, installed with `npm ci` at build time (`npm.py`); no reader ever fetches it. It is
copied into a built site whose pages load it. `python -m macros.products.package` builds and
zips the copy.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from macros.products.npm import pinned_package
from macros.products.paths import PROJECT


SHIM_PACKAGE = "iframe-worker"
SHIM = "assets/javascripts/iframe-worker/shim.js"  # where mkdocs-offline.yml's extra.polyfills loads it


def add_offline_files(site: Path) -> None:
    """Copy the worker shim into a build whose pages load it (the offline profile only)."""
    home = site / "index.html"
    if not home.exists() or SHIM not in home.read_text(encoding="utf-8"):
        return
    dest = site / SHIM
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(worker_shim(PROJECT), dest)


def worker_shim(project: Path) -> Path:
    """The shim from the pinned package (installed first if node_modules lacks that version)."""
    return pinned_package(project, SHIM_PACKAGE, "The offline copy") / "shim" / "index.js"
