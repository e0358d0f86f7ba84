"""`python -m macros.finish SITE [CONFIG]`: what follows any engine's build of the handbook, in
the built folder SITE (CONFIG is the configuration it was built with, mkdocs.yml by default):

1. the search records, made from the resolved handbook (render/search.py), as
   `search/records.js`;
2. the products, made from the built site alone (products/: PDFs, the search library, minified
   scripts).

`make build`, `make offline`, `make engines` and the tests run it after the engine; under
`make serve` the adapter runs it after each rebuild.
"""
from __future__ import annotations

import sys
from pathlib import Path

from macros.model.book import load
from macros.products import make_products
from macros.products.package import config
from macros.products.paths import PROJECT
from macros.render.search import records_script

RECORDS = "search/records.js"


def write_records(site: Path, directory_urls: bool) -> None:
    book = load(PROJECT / "data")
    path = site / RECORDS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(records_script(book, directory_urls, PROJECT / "docs"), encoding="utf-8")


def finish(site: Path, directory_urls: bool, *, pdfs_in_background: bool = False) -> None:
    write_records(site, directory_urls)
    make_products(site, pdfs_in_background=pdfs_in_background)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3) or not Path(sys.argv[1]).is_dir():
        raise SystemExit("usage: python -m macros.finish SITE_DIR [CONFIG] (a built site, and the "
                         "configuration it was built with: mkdocs.yml by default)")
    settings = config(Path(sys.argv[2]) if len(sys.argv) == 3 else PROJECT / "mkdocs.yml")
    finish(Path(sys.argv[1]), bool(settings.get("use_directory_urls", True)))
