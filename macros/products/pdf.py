"""The quick guides as A4 PDFs, made at the end of every build by WeasyPrint from the guides'
own render functions, and written into the built site where their pages link to them.

A PDF's links point to the online handbook (a PDF travels on its own, away from the site it
came with), and it is styled by print.css alone, the same rules that print the guide's page.
"""
from __future__ import annotations

import logging
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from .context import Context
from .edition import Edition
from .guides import GUIDES, guide_html, online_path
from .handbook import Handbook
from .html import inline

STYLESHEET = "assets/stylesheets/print.css"


class NoFetching(URLFetcher):
    """A guide is self-contained: a request for anything (an image, a font, a stylesheet from
    another host) stops the build instead of reaching out."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        raise FatalURLFetchingError(f"a quick guide's PDF asked for {url}; guides must be self-contained")


def write_guide_pdfs(book: Handbook, config) -> list[Path]:
    edition = Edition.of(config["extra"])
    site = Path(config["site_dir"])
    # WeasyPrint's notes on CSS it does not support (screen-only rules of print.css) are noise here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    stylesheet = CSS(filename=str(Path(config["docs_dir"]) / STYLESHEET))
    written = []
    for guide in GUIDES:
        ctx = Context(book, guide.page, True)  # links as on the online handbook
        document = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
                    f"<title>{inline(guide.title)}</title></head>"
                    f'<body class="hb-pdf">{guide_html(ctx, edition, guide, for_pdf=True)}</body></html>')
        out = site / guide.pdf
        out.parent.mkdir(parents=True, exist_ok=True)
        HTML(string=document, base_url=edition.current_url + online_path(guide.page),
             url_fetcher=NoFetching()).write_pdf(out, stylesheets=[stylesheet])
        written.append(out)
    return written
