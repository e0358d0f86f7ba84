"""Helpers of the quality gates (accessibility and privacy): every page of a built site, as
the browser addresses it, and the page's Content Security Policy."""
from __future__ import annotations

import re
from pathlib import Path

from chromium import NO_WORKER
from macros.products.npm import pinned_package
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


class Guard:
    """A browser context that blocks and records every request outside `local`, and collects
    the policy's violation reports and console errors about it."""

    def __init__(self, browser, local: str):
        self.local, self.attempts, self.violations, self.urls = local, [], [], []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **NO_WORKER)
        self.context.add_init_script(CSP_LISTENER)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.visited = 0

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.local, "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.attempts.append(f"{self.page.url} -> {url}")
            self.urls.append(url)
            route.abort()

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"{self.page.url}: {message.text[:300]}")

    def visit(self, url: str, settle: bool = True) -> None:
        """Open a page and scroll it through; settle: until the network is quiet (what a page asks
        for after it has loaded: the search index, lazy images)."""
        self.page.goto(url)
        self.visited += 1
        self.page.evaluate("() => scrollTo(0, document.body.scrollHeight)")
        if settle:
            self.page.wait_for_load_state("networkidle")
        self.violations += [f"{url}: {v}" for v in self.page.evaluate("() => window.__cspViolations || []")]

    def search(self, url: str, query: str) -> int:
        """Search as a reader does; the number of results."""
        from chromium import search_results
        self.page.goto(url)
        return len(search_results(self.page, query))


def disk_pages(site: Path) -> list[Path]:
    """The pages a reader opens from disk: all but the root's 404.html, which a web server shows
    for a missing address and which names its assets from the server's root."""
    return [page for page in pages(site) if not (page.name == "404.html" and page.parent == site)]


def from_disk(browser, site: Path) -> Guard:
    """Every page opened from disk (file://), without waiting for the network to settle."""
    guard = Guard(browser, "file://")
    for page in disk_pages(site):
        guard.visit(page.as_uri(), settle=False)
    return guard


HTMLCS_PACKAGE = "html_codesniffer"


def htmlcs_script(root: Path) -> Path:
    """HTML_CodeSniffer's built script, from the version pinned in package-lock.json (installed
    with `npm ci` when missing)."""
    return pinned_package(root, HTMLCS_PACKAGE, "The second checker") / "build" / "HTMLCS.js"


def could_not_run(found) -> list[str]:
    """A check's finding on a page where it could not run, as a problem line."""
    return [found["error"]] if isinstance(found, dict) and "error" in found else []


# --- the tour: every page loaded once per width, every quality gate run on that load --------

WIDTHS = {"desktop": 1280, "phone": 390}
# Back at the top, as the header has seen it: Material's header shows the page's title in place of
# the site's once the page's heading has scrolled away, and turns back only on a later frame, when
# its fade starts: the fade must have started before SETTLED waits for it.
AT_THE_TOP = """() => scrollY === 0 && !document.querySelector(".md-header__title--active")"""
# Until the page's running transitions and animations have ended (at most a second).
SETTLED = """() => Promise.race([Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
                               new Promise(resolve => setTimeout(resolve, 1000))])"""


class Tour:
    """Every page of the served site visited once at one width, behind a guard that blocks and
    records every request to another host (and the policy's violation reports), and on that
    one load each check the collected tests need, in this order:

    - "privacy": the page scrolled through until the network is quiet (what a page asks for
      after it has loaded: the search index, lazy images); the requests it tried outside the
      site and the policy's violations are taken then, before any checker is added;
    - then, scrolled back to the top as a reader arrives: "axe", "htmlcs" (each injected into
      the page), and last "focus", which moves focus and opens and closes things.

    A check that cannot run on a page is recorded as that check's finding there, so the other
    checks' tests are unaffected. `pages[path][check]` holds what each check found."""

    def __init__(self, browser, site: Path, server: str, width: str, checks: set[str], htmlcs: Path | None):
        self.width, self.checks = width, checks
        self.pages: dict[str, dict] = {}
        self.loads = 0
        context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, **NO_WORKER)
        attempts: list[str] = []
        console: list[str] = []
        if "privacy" in checks:
            context.add_init_script(CSP_LISTENER)

            def guard(route):
                url = route.request.url
                if url.startswith((server + "/", "data:", "blob:", "about:")):
                    route.continue_()
                else:
                    attempts.append(f"{page.url} -> {url}")
                    route.abort()

            context.route("**/*", guard)
        page = context.new_page()
        page.on("console", lambda m: console.append(f"{page.url}: {m.text[:300]}")
                if "Content Security Policy" in m.text else None)
        script = Path(htmlcs).read_text(encoding="utf-8") if htmlcs and "htmlcs" in checks else None
        try:
            for path in page_paths(site):
                url = f"{server}/{path}"
                found: dict = {}
                del attempts[:], console[:]
                page.goto(url)
                self.loads += 1
                if "privacy" in checks:
                    page.evaluate("() => scrollTo(0, document.body.scrollHeight)")
                    page.wait_for_load_state("networkidle")
                    found["attempts"] = list(attempts)
                    found["violations"] = list(console) + [
                        f"{url}: {v}" for v in page.evaluate("() => window.__cspViolations || []")]
                    page.evaluate("() => scrollTo({top: 0, behavior: 'instant'})")
                    page.wait_for_function(AT_THE_TOP)
                # The checks read colours as drawn: not while the header's title still fades
                # from one topic to the other after the scroll (a contrast mid-transition).
                page.evaluate(SETTLED)
                for check in ("axe", "htmlcs", "focus"):
                    if check in checks:
                        found[check] = self._run(check, page, path, script)
                self.pages[path] = found
        finally:
            context.close()

    def _run(self, check: str, page, path: str, script: str | None):
        from test_accessibility import axe, focus_problems
        try:
            if check == "axe":
                return axe(page, self.width)
            if check == "htmlcs":
                from test_second_checker import htmlcs_errors
                return htmlcs_errors(page, script)
            return focus_problems(page, path)
        except Exception as error:  # the check could not run here: that is its finding
            return {"error": f"{path or 'index'}: {check} could not run: {str(error)[:300]}"}

    def found(self, check: str) -> dict[str, object]:
        """{path: what the check found there}, for every page."""
        return {path: found[check] for path, found in self.pages.items()}
