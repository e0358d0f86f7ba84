"""What the offline copy needs besides its pages.

`mkdocs-offline.yml` builds the copy: Material's offline plugin (no directory URLs, the search
index as a script), and the worker shim Material's search needs when a page is opened from
disk (browsers refuse Web Workers under file://). The shim comes from the npm package pinned
in package-lock.json, installed with `npm ci` at build time; no reader ever fetches it. It is
copied into a built site whose pages load it. `python -m macros.products.package` builds and
zips the copy.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path


SHIM_PACKAGE = "iframe-worker"
SHIM = "assets/javascripts/iframe-worker/shim.js"  # where mkdocs-offline.yml's extra.polyfills loads it
PROJECT = Path(__file__).resolve().parents[2]


class Abort(SystemExit):
    """The offline copy cannot be made: the message says what is missing."""


def add_offline_files(site: Path) -> None:
    """Copy the worker shim into a build whose pages load it (the offline profile only)."""
    home = site / "index.html"
    if not home.exists() or SHIM not in home.read_text(encoding="utf-8"):
        return
    dest = site / SHIM
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(worker_shim(PROJECT), dest)


def worker_shim(project: Path) -> Path:
    """The shim from the pinned package, installing it first if node_modules lacks that version."""
    if not (project / "package-lock.json").exists():
        raise Abort(f"The offline copy needs {project / 'package-lock.json'}, which pins {SHIM_PACKAGE}.")
    lock = json.loads((project / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"][f"node_modules/{SHIM_PACKAGE}"]["version"]
    installed = project / "node_modules" / SHIM_PACKAGE
    if _version(installed) != pinned:
        npm = shutil.which("npm")
        if npm is None:
            raise Abort(f"The offline copy needs npm to install {SHIM_PACKAGE} {pinned} (apt-get install npm).")
        result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=project,
                                capture_output=True, text=True)
        if result.returncode != 0 or _version(installed) != pinned:
            raise Abort(f"npm ci could not install {SHIM_PACKAGE} {pinned}:\n{result.stderr}")
    return installed / "shim" / "index.js"


def _version(package: Path) -> str | None:
    manifest = package / "package.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["version"] if manifest.exists() else None
