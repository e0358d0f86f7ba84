"""The npm packages pinned in package-lock.json: the offline copy's worker shim, and the tests'
and benchmarks' checkers (HTML_CodeSniffer, Lighthouse).

`npm ci` replaces all of node_modules, so two of them at once (a build of the offline copy and a
test's checker, started side by side) tear each other's files out. Every caller comes through
`pinned_package`, which installs under one lock and only when the pinned version is missing.
"""
from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
from pathlib import Path


class NpmError(SystemExit):
    """A pinned package cannot be installed: the message says what is missing."""


def pinned_package(project: Path, name: str, needed_for: str) -> Path:
    """node_modules/<name> at the version package-lock.json pins, installing it first if need be."""
    lock_file = project / "package-lock.json"
    if not lock_file.exists():
        raise NpmError(f"{needed_for} needs {lock_file}, which pins {name}.")
    pinned = json.loads(lock_file.read_text(encoding="utf-8"))["packages"][f"node_modules/{name}"]["version"]
    installed = project / "node_modules" / name
    # Even the check waits for the lock: a half-done `npm ci` has a package's manifest before its files.
    with open(project / ".npm-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held until the with ends; another caller waits here
        if _version(installed) != pinned:
            npm = shutil.which("npm")
            if npm is None:
                raise NpmError(f"{needed_for} needs npm to install {name} {pinned} (apt-get install npm).")
            result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=project,
                                    capture_output=True, text=True)
            if result.returncode != 0 or _version(installed) != pinned:
                raise NpmError(f"npm ci could not install {name} {pinned}:\n{result.stderr[-4000:]}")
    return installed


def _version(package: Path) -> str | None:
    manifest = package / "package.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["version"] if manifest.exists() else None
