"""`python -m macros.finish SITE [CONFIG]`: what follows any engine's build of the handbook, in
the built folder SITE (CONFIG is the configuration it was built with, mkdocs.yml by default):

1. what is made from the resolved handbook: the search records (render/search.py) as
   `search/records.js`, and for the online handbook the web app manifest (render/app.py);
2. the products, made from the built site alone (products/: PDFs, the search library, minified
   scripts, the app's icons, and last the worker that keeps the handbook on a reader's device,
   or retires one: products/worker.py).

`make build`, `make offline`, `make engines` and the tests run it after the engine; under
`make serve` the adapter runs it after each rebuild, with the worker retired.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from macros.model.book import load
from macros.model.edition import Edition
from macros.products import make_products
from macros.products.package import config
from macros.products.paths import PROJECT
from macros.render.app import MANIFEST, manifest
from macros.render.search import records_script

RECORDS = "search/records.js"


def write(site: Path, path: str, text: str) -> None:
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(text, encoding="utf-8")


def finish(site: Path, directory_urls: bool, *, keep: bool, app: dict | None = None,
           pdfs_in_background: bool = False) -> None:
    """keep: the online handbook is kept on readers' devices (else any earlier worker retires);
    app: the site's name and description for the web app manifest (none for the offline copy)."""
    book = load(PROJECT / "data")
    write(site, RECORDS, records_script(book, directory_urls, PROJECT / "docs"))
    if app is not None:
        write(site, MANIFEST, manifest(book, **app))
    make_products(site, pdfs_in_background=pdfs_in_background, keep=keep)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3) or not Path(sys.argv[1]).is_dir():
        raise SystemExit("usage: python -m macros.finish SITE_DIR [CONFIG] (a built site, and the "
                         "configuration it was built with: mkdocs.yml by default)")
    config_file = Path(sys.argv[2]) if len(sys.argv) == 3 else PROJECT / "mkdocs.yml"
    settings = config(config_file)
    edition = Edition.of(settings.get("extra") or {}, config_file)
    # (a build for `make serve`'s pages, which keep nothing, keeps nothing: macros/engine.py)
    keep = edition.keep and os.environ.get("HANDBOOK_SERVE") != "1"
    finish(Path(sys.argv[1]), bool(settings.get("use_directory_urls", True)), keep=keep,
           app=None if edition.offline else {"name": settings["site_name"],
                                             "description": " ".join(settings.get("site_description", "").split())})
