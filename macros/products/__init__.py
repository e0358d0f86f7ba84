"""What is made from a built site, whichever engine built it: the quick guides' PDFs, the
files the offline copy needs besides its pages, and the handbook's scripts minified.

    python -m macros.products SITE_DIR
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

log = logging.getLogger(__name__)


def make_products(site: Path, *, pdfs_in_background: bool = False) -> None:
    """Make the products in place. pdfs_in_background (`make serve`): the guides' PDFs are made
    after this returns, so that the rebuilt pages are served at once (a PDF whose guide did not
    change is only copied from the cache; one that did follows a second or two later)."""
    from .offline import add_offline_files
    from .pdf import write_guide_pdfs
    from .scripts import minify_scripts
    if pdfs_in_background:
        _later(write_guide_pdfs, site)
    else:
        write_guide_pdfs(site)
    add_offline_files(site)
    minify_scripts(site)


_lock = threading.Lock()
_requested = 0  # how many background runs were asked for: a run that a newer one replaces stops


def _later(make, site: Path) -> None:
    global _requested
    _requested += 1
    ticket = _requested

    def run():
        with _lock:
            if ticket != _requested:
                return  # a newer rebuild's run follows and makes them all
            try:
                make(site)
            except FileNotFoundError as e:  # a newer rebuild emptied the folder: its own run follows
                log.debug("The quick guides' PDFs were left to the next rebuild: %s", e)
            except Exception as e:  # noqa: BLE001 - the server goes on; the PDFs are made next time
                if ticket == _requested:
                    log.warning("The quick guides' PDFs were not made: %s", e)
    threading.Thread(target=run, name="guide-pdfs", daemon=True).start()
