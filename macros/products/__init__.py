"""What is made from a built site, whichever engine built it: the quick guides' PDFs, the
files the offline copy needs besides its pages, and the handbook's scripts minified.

    python -m macros.products SITE_DIR
"""
from __future__ import annotations

from pathlib import Path


def make_products(site: Path) -> None:
    from .offline import add_offline_files
    from .pdf import write_guide_pdfs
    from .scripts import minify_scripts
    write_guide_pdfs(site)
    add_offline_files(site)
    minify_scripts(site)
