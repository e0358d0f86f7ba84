"""The handbook's own scripts, minified in the built site after each build (README,
"Performance"): the copies in docs/ keep their comments; readers get them without.

jsmin leaves strings, template strings included, untouched.
"""
from __future__ import annotations

from pathlib import Path

import jsmin

SCRIPTS = ("assets/javascripts/*.js", "assets/javascripts/theme/*.js")


def minify_scripts(site: Path) -> None:
    """Minify the handbook's scripts (not Material's, already minified) in place."""
    for pattern in SCRIPTS:
        for path in sorted(site.glob(pattern)):
            if not path.name.startswith("bundle."):
                path.write_text(jsmin.jsmin(path.read_text(encoding="utf-8"), quote_chars="'\"`"), encoding="utf-8")
