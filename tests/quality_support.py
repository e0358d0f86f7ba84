"""Helpers of the quality gates (accessibility and privacy): every page of a built site, as
the browser addresses it, and the page's Content Security Policy."""
from __future__ import annotations

import re
from pathlib import Path

from sitemap import pages

_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*/?>', re.I)


def page_paths(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path relative to its root ('x/' for 'x/index.html')."""
    paths = []
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        paths.append(rel.removesuffix("index.html") if rel.endswith("/index.html") or rel == "index.html" else rel)
    return paths


def csp_metas(html: str) -> list[str]:
    return _CSP_META.findall(html)


def directives(policy: str) -> dict[str, list[str]]:
    """A policy as {directive: [source expressions]}."""
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0].lower()] = words[1:]
    return parsed


# Installed before any page script runs: collects the page's CSP violation reports.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""
