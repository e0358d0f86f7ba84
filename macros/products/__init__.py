"""What is made from a built site, whichever engine built it: the quick guides' PDFs, the
search library, the handbook's scripts minified, the app's icons, and the worker that keeps the
handbook on readers' devices (last: it lists every file).

    python -m macros.products SITE_DIR
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from .paths import PROJECT



def make_products(site: Path, *, pdfs_in_background: bool = False, keep: bool = True) -> None:
    """Make the products in place. pdfs_in_background (`make serve`): the guides' PDFs are made
    by a process of their own, after this returns, so that the rebuilt pages are served at once
    (a PDF whose guide did not change is only copied from the cache; one that did follows a
    second or two later)."""
    from .icons import make_icons
    from .search import add_search_library
    from .scripts import minify_scripts
    from .worker import add_worker
    if pdfs_in_background:
        _pdfs_aside(site)
    else:
        from .pdf import write_guide_pdfs
        write_guide_pdfs(site)
    add_search_library(site)
    minify_scripts(site)
    make_icons(site)
    add_worker(site, keep)


_lock = threading.Lock()
_running: subprocess.Popen | None = None


def _pdfs_aside(site: Path) -> None:
    """`python -m macros.products.pdf SITE` at a lower priority, not a thread: making a PDF is
    seconds of Python, which in the server's process would hold back the next rebuild. A run
    still going when a newer rebuild asks is stopped first (what it finished is in the cache)."""
    global _running
    with _lock:
        if _running is not None and _running.poll() is None:
            _running.terminate()
            _running.wait()
        _running = subprocess.Popen([sys.executable, "-m", "macros.products.pdf", str(site)], cwd=PROJECT,
                                    preexec_fn=lambda: os.nice(10))


def pdfs_aside() -> subprocess.Popen | None:
    """The latest run started by `make_products(..., pdfs_in_background=True)`, if any."""
    return _running
