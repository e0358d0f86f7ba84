"""Privacy: no page of the built site asks another host for anything, and every page carries a
Content Security Policy that allows no other host and breaks nothing, served by a web server
and opened from disk (the online build, and the offline copy whose search must work there).

Pages are discovered from the build output, so pages added later are checked too.
"""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build, search_results
from quality_support import CSP_LISTENER, csp_metas, directives, page_paths
from sitemap import pages

OFFLINE_PROFILE = "mkdocs-offline.yml"
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

class Guard:
    """A browser context that blocks and records every request outside the site, and collects
    the policy's violation reports and console errors about it."""

    def __init__(self, browser, local: str):
        self.local, self.attempts, self.violations = local, [], []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(CSP_LISTENER)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.local, "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.attempts.append(f"{self.page.url} -> {url}")
            route.abort()

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"{self.page.url}: {message.text[:300]}")

    def visit(self, url: str, settle: bool = True) -> None:
        """Open a page and scroll it through; settle: until the network is quiet (what a page asks
        for after it has loaded: the search index, lazy images)."""
        self.page.goto(url)
        self.page.evaluate("() => scrollTo(0, document.body.scrollHeight)")
        if settle:
            self.page.wait_for_load_state("networkidle")
        self.violations += [f"{url}: {v}" for v in self.page.evaluate("() => window.__cspViolations || []")]

    def search(self, url: str, query: str) -> int:
        """Search as a reader does; the number of results."""
        self.page.goto(url)
        return len(search_results(self.page, query))


@pytest.fixture(scope="module")
def served(browser, site, server):
    """Every page of the site as served, visited once behind the guard."""
    guard = Guard(browser, server + "/")
    for path in page_paths(site):
        guard.visit(f"{server}/{path}")
    yield guard
    guard.context.close()


def test_no_served_page_requests_anything_from_another_host(served):
    assert not served.attempts, "\n".join(served.attempts)


def test_the_policy_breaks_no_served_page(served):
    assert not served.violations, "\n".join(served.violations)


def test_search_works_under_the_policy_when_served(served, server):
    assert served.search(f"{server}/", "escalation") > 0
    assert not served.attempts and not served.violations, served.attempts + served.violations


def from_disk(browser, site: Path) -> Guard:
    """Every page opened from disk (file://), without waiting for the network to settle: the
    served run does that for the same pages. 404.html is left out: a web server shows it for a
    missing address, and it names its assets from the server's root, which a disk does not have."""
    guard = Guard(browser, "file://")
    for page in pages(site):
        if page.name == "404.html" and page.parent == site:
            continue
        guard.visit(page.as_uri(), settle=False)
    return guard


def test_the_policy_breaks_no_page_opened_from_disk(browser, site):
    """The online build opened from disk: it renders (search needs the offline copy)."""
    guard = from_disk(browser, site)
    guard.context.close()
    assert not guard.attempts, "\n".join(guard.attempts)
    assert not guard.violations, "\n".join(guard.violations)


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("offline") / "site"
    result = mkdocs_build(ROOT, out, OFFLINE_PROFILE)
    assert result.returncode == 0, result.stderr
    return out


def test_the_offline_copy_opened_from_disk_requests_nothing_else_and_its_search_works(browser, offline_site):
    guard = from_disk(browser, offline_site)
    results = guard.search((offline_site / "index.html").as_uri(), "escalation")
    guard.context.close()
    assert not guard.attempts, "\n".join(guard.attempts)
    assert not guard.violations, "\n".join(guard.violations)
    assert results > 0
