"""The handbook's own scripts, minified in the built site after each build (README,
"Performance"): the copies in docs/ keep their comments; readers get them without.

jsmin is the minifier mkdocs-minify-plugin uses; strings, template strings included, pass
through untouched.
"""
from __future__ import annotations

from pathlib import Path

import jsmin

SCRIPTS = ("assets/javascripts/*.js", "assets/javascripts/workers/search-on-demand.js")


def minify_scripts(site: Path) -> dict[str, tuple[int, int]]:
    """Minify the handbook's scripts (not Material's, already minified) in place:
    {path: (bytes before, bytes after)}."""
    sizes = {}
    for pattern in SCRIPTS:
        for path in sorted(site.glob(pattern)):
            if path.name.startswith("bundle."):
                continue
            source = path.read_text(encoding="utf-8")
            out = jsmin.jsmin(source, quote_chars="'\"`")
            path.write_text(out, encoding="utf-8")
            sizes[path.relative_to(site).as_posix()] = (len(source.encode()), len(out.encode()))
    return sizes
