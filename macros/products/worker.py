"""The worker that keeps the online handbook on a reader's device (docs/sw.js), finished for a
built site: Workbox's precaching, from the npm packages pinned in package-lock.json, copied
beside it, and the list of every file to keep, each with a hash of its content, written into it
where the source has Workbox's placeholder `self.__WB_MANIFEST` (as Workbox's injectManifest
does). Where the handbook is not to be kept (`make serve`, `keep: false`) the list is null and
the worker retires any earlier one. The page's side is overrides/assets/javascripts/theme/keep.js.

Also removes Material's own search (Lunr and its worker), which the theme copies into every
site and which the handbook's search replaced: no reader needs it, kept or unpacked.
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import shutil
from pathlib import Path

from macros.products.npm import pinned_package
from macros.products.paths import PROJECT

WORKER = "sw.js"
PLACEHOLDER = "self.__WB_MANIFEST"
FOLDER = "assets/javascripts/workbox"
# The worker's libraries, and the page's (workbox-window: the new edition waiting to take over).
LIBRARIES = {"workbox-core": "workbox-core.prod.js", "workbox-routing": "workbox-routing.prod.js",
             "workbox-strategies": "workbox-strategies.prod.js", "workbox-precaching": "workbox-precaching.prod.js",
             "workbox-window": "workbox-window.prod.umd.js"}
# Not kept: the worker and the libraries it loads itself (the browser keeps those with it), source
# maps, the server's not-found page and what only search engines read.
NOT_KEPT = (WORKER, *(f"{FOLDER}/{name}" for package, name in LIBRARIES.items() if package != "workbox-window"),
            "*.map", "404.html", "sitemap.xml", "sitemap.xml.gz")
UNUSED = ("assets/javascripts/lunr", "assets/javascripts/workers")
# What a reader's browser is asked to keep at most. The PDFs are kept with the rest while the
# whole stays within it; past it, a PDF is kept once it has been opened (docs/sw.js).
BUDGET = 4 * 1024 * 1024


def add_worker(site: Path, keep: bool) -> list[tuple[str, int]]:
    """Finish the worker in a built site whose pages load it; returns what it keeps (path, bytes)."""
    for folder in UNUSED:
        shutil.rmtree(site / folder, ignore_errors=True)
    source = site / WORKER
    if not source.exists():
        return []
    kept: list[tuple[str, int]] = []
    entries = None  # the retiring worker's
    if keep:
        (site / FOLDER).mkdir(parents=True, exist_ok=True)
        for package, name in LIBRARIES.items():
            shutil.copyfile(pinned_package(PROJECT, package, "Keeping the handbook on readers' devices") / "build" / name,
                            site / FOLDER / name)
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            rel = path.relative_to(site).as_posix()
            if not any(fnmatch.fnmatch(rel, pattern) for pattern in NOT_KEPT):
                kept.append((rel, path.stat().st_size))
        if sum(size for _, size in kept) > BUDGET:
            kept = [(rel, size) for rel, size in kept if not rel.endswith(".pdf")]
        entries = [{"url": rel, "revision": hashlib.sha256((site / rel).read_bytes()).hexdigest()[:16]}
                   for rel, _ in kept]
    text = source.read_text(encoding="utf-8")
    if text.count(PLACEHOLDER) != 1:
        raise SystemExit(f"{WORKER} must name {PLACEHOLDER} once, where the list of kept files goes")
    source.write_text(text.replace(PLACEHOLDER, json.dumps(entries, separators=(",", ":"))), encoding="utf-8")
    return kept
