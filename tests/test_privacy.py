"""Privacy: no page of the built site asks another host for anything, and every page carries a
Content Security Policy that allows no other host and breaks nothing, served by a web server
and opened from disk (the online build, and the offline copy whose search must work there).

Pages are discovered from the build output, so pages added later are checked too. The served
pages are checked on the session's tour (conftest `tour`: one load of each page shared with the
accessibility checkers; its requests and violations are taken before any checker is added); the
offline copy's pages from disk on the load test_offline.py shares (conftest `offline_from_disk`).
"""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quality_support import Guard, csp_metas, directives, from_disk
from sitemap import pages

TOUR_CHECKS = {"privacy": ["desktop"]}
# What a policy may name: the site itself, nothing, a hash of an inline script, and data: for
# images and fonts (Material's icons are data: SVGs in its stylesheet). No host, no scheme.
ALLOWED = {"'self'", "'none'"}
DATA_OK = {"img-src", "font-src"}
REQUIRED = {"default-src": None, "script-src": None, "style-src": None, "img-src": None,
            "connect-src": None, "object-src": ["'none'"], "base-uri": None, "form-action": None}


# --- the policy, read from the built pages ----------------------------------------------

class _Scripts(HTMLParser):
    """The inline scripts, event-handler attributes and inline styles that follow the policy."""

    def __init__(self):
        super().__init__()
        self.after_policy = False
        self.inline: list[str] = []
        self.breaks: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.after_policy = True
        if not self.after_policy:
            return
        if tag == "script" and "src" not in attrs and attrs.get("type") in (None, "text/javascript", "module"):
            self._script = []
        handlers = [k for k in attrs if k.startswith("on")]
        if handlers:
            self.breaks.append(f"<{tag} {handlers[0]}=...> (inline event handler)")
        if "style" in attrs:
            self.breaks.append(f"<{tag} style=\"{attrs['style'][:40]}\"> (inline style attribute)")
        if tag == "style":
            self.breaks.append("<style> element")
        if any((attrs.get(k) or "").strip().lower().startswith("javascript:") for k in ("href", "src", "action")):
            self.breaks.append(f"<{tag}> with a javascript: address")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def test_every_page_carries_a_policy_that_allows_no_other_host(site):
    problems = []
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        metas = csp_metas(html)
        if len(metas) != 1 or html.index(metas[0]) > html.index("</head>"):
            problems.append(f"{rel}: {len(metas)} Content-Security-Policy <meta> in <head>, expected 1")
            continue
        policy = directives(metas[0])
        for name, needed in REQUIRED.items():
            if name not in policy or needed is not None and policy[name] != needed:
                problems.append(f"{rel}: {name} missing or not {needed}: {policy.get(name)}")
        for name, sources in policy.items():
            for source in sources:
                if source in ALLOWED or source.startswith("'sha256-") or source == "data:" and name in DATA_OK:
                    continue
                problems.append(f"{rel}: {name} allows {source}")
        parsed = _Scripts()
        parsed.feed(html)
        problems += [f"{rel}: inline script without its hash in script-src: {s.strip()[:80]}"
                     for s in parsed.inline if sha256(s) not in policy.get("script-src", [])]
        problems += [f"{rel}: blocked by the policy: {b}" for b in parsed.breaks]
    assert not problems, "\n".join(problems[:30])


# --- the pages in chromium --------------------------------------------------------------

@pytest.fixture(scope="module")
def served(tour):
    """Every page of the site as served, visited once behind the guard (the desktop tour)."""
    return tour("desktop")


def test_no_served_page_requests_anything_from_another_host(served):
    attempts = [a for found in served.found("attempts").values() for a in found]
    assert len(served.pages) >= 25, sorted(served.pages)
    assert not attempts, "\n".join(attempts)


def test_the_policy_breaks_no_served_page(served):
    violations = [v for found in served.found("violations").values() for v in found]
    assert not violations, "\n".join(violations)


def test_search_works_under_the_policy_when_served(browser, server):
    guard = Guard(browser, server + "/")
    try:
        assert guard.search(f"{server}/", "escalation") > 0
        assert not guard.attempts and not guard.violations, guard.attempts + guard.violations
    finally:
        guard.context.close()


def test_the_policy_breaks_no_page_opened_from_disk(browser, site):
    """The online build opened from disk: it renders (search needs the offline copy)."""
    guard = from_disk(browser, site)
    guard.context.close()
    assert not guard.attempts, "\n".join(guard.attempts)
    assert not guard.violations, "\n".join(guard.violations)


def test_the_offline_copy_opened_from_disk_requests_nothing_else_and_its_search_works(browser, offline_from_disk,
                                                                                    offline_copy):
    guard = offline_from_disk
    assert guard.visited >= 25
    assert not guard.attempts, "\n".join(guard.attempts)
    assert not guard.violations, "\n".join(guard.violations)
    search = Guard(browser, "file://")
    try:
        results = search.search((offline_copy / "index.html").as_uri(), "escalation")
        assert not search.attempts, "\n".join(search.attempts)
        assert not search.violations, "\n".join(search.violations)
    finally:
        search.context.close()
    assert results > 0
