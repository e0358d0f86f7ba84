"""The search library a built site ships, from the npm packages pinned in package-lock.json:
MiniSearch (its browser build, as published) and the `stemmer` package (Porter's English
stemmer), which is published as an ES module only, so it is wrapped here as a classic script:
a page opened from disk (file://) can load classic scripts, not modules. Pages load them only
when a reader starts to search (docs/assets/javascripts/search.js)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from macros.products.npm import pinned_package
from macros.products.paths import PROJECT

FOLDER = "assets/javascripts/search"
MINISEARCH = f"{FOLDER}/minisearch.js"
STEMMER = f"{FOLDER}/stemmer.js"
_EXPORT = re.compile(r"^export function stemmer\(", re.M)


def install_search_library(project: Path) -> tuple[Path, Path]:
    """The pinned packages' folders, installed first where node_modules lacks them."""
    return pinned_package(project, "minisearch", "Search"), pinned_package(project, "stemmer", "Search")


def add_search_library(site: Path) -> None:
    minisearch, stemmer = install_search_library(PROJECT)
    minisearch = minisearch / "dist" / "umd" / "index.js"
    stemmer = (stemmer / "index.js").read_text(encoding="utf-8")
    if len(_EXPORT.findall(stemmer)) != 1 or "import " in stemmer:
        raise SystemExit("the pinned `stemmer` package no longer exports one function: wrap it anew")
    (site / FOLDER).mkdir(parents=True, exist_ok=True)
    shutil.copyfile(minisearch, site / MINISEARCH)
    (site / STEMMER).write_text(
        "/* stemmer (npm), its ES module wrapped as a classic script by macros/products/search.py */\n"
        "(function () {\n" + _EXPORT.sub("function stemmer(", stemmer)
        + "\n(globalThis.HandbookSearch = globalThis.HandbookSearch || {}).stem = stemmer;\n})();\n",
        encoding="utf-8")
