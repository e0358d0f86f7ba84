"""The handbook where an intranet administrator puts it: served by a real web server (Debian's
nginx) at a server's root and under a sub-path (/safeguarding/handbook/), the online build and
the offline copy (mkdocs-offline.yml) alike, with the site's 404.html as the server's "not found"
page. In chromium, every request a page makes must stay under the address the copy is served
at; pages are styled, their links lead to pages that exist there, search finds results, a tool
works, and the "not found" page, shown at any address under the copy, is styled too, with its
logo at its normal size and its links leading to the copy's own pages.

The "not found" page is the one page the server shows at addresses that are not its own, so its
links and stylesheets cannot be relative: MkDocs writes them from the path of `site_url`, which
the administrator sets (HANDBOOK_URL, mkdocs.yml; "/" when unset). The sub-path copies here are
built with HANDBOOK_URL naming a host that is not the test server's: only its path may matter.
The copies at the root are built without it. All four are the session's builds (conftest):
`site`, `offline_copy`, `subpath_site` and `subpath_offline_copy`, made side by side."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from chromium import NO_WORKER, search_results
from project import ROOT, SUBPATH
from tool_support import saved

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MISSING = ["no-such-page/", "a/b/c"]  # a missing folder, and a missing file three levels down
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass
class Copy:
    """One copy of the handbook on the server: where it is (base ends in "/") and how its pages
    are named (folders online, .html files in the offline copy)."""
    name: str
    folder: Path
    offline: bool
    prefix: str = "/"
    base: str = ""


SAMPLE = ["", "escalation/", "escalation/routes/", "practice-pledge/", "guides/escalation/", "sources/"]


def offline_name(page: str) -> str:
    """escalation/ -> escalation/index.html; practice-pledge/ -> practice-pledge.html."""
    if page == "":
        return "index.html"
    if (ROOT / "docs" / page / "index.md").exists():
        return page + "index.html"
    return page.rstrip("/") + ".html"


def page_url(copy: Copy, page: str) -> str:
    return copy.base + (offline_name(page) if copy.offline else page)


# --- building and serving ----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


TYPES = {"text/html": "html", "text/css": "css", "text/javascript": "js", "application/json": "json map",
         "image/svg+xml": "svg", "image/png": "png", "application/pdf": "pdf", "application/xml": "xml",
         "application/gzip": "gz", "font/woff2": "woff2"}


def nginx_conf(tmp: Path, copies: list[Copy], ports: dict[str, int]) -> str:
    """A minimal configuration: one server per copy on its own loopback port, the copy at its
    prefix with its 404.html as the "not found" page there, everything else of nginx's in tmp."""
    servers = []
    for copy in copies:
        servers.append(f"""
    server {{
        listen 127.0.0.1:{ports[copy.name]};
        location {copy.prefix} {{
            alias {copy.folder}/;
            error_page 404 {copy.prefix}404.html;
        }}
    }}""")
    types = "".join(f"\n        {mime} {exts};" for mime, exts in TYPES.items())
    temp = "".join(f"\n    {kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root nginx's workers would run as nobody, who cannot read pytest's temporary folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
worker_processes 1;
pid {tmp / 'nginx.pid'};
error_log {tmp / 'error.log'} warn;
events {{ worker_connections 256; }}
http {{
    types {{{types}
    }}
    default_type application/octet-stream;
    access_log {tmp / 'access.log'};{temp}
{''.join(servers)}
}}
"""


def require_nginx() -> None:
    if not Path(NGINX).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is required under CI (apt-get install nginx)")
        pytest.skip("nginx is not installed here (apt-get install nginx); sub-path tests skipped")


@contextmanager
def nginx(tmp: Path, copies: list[Copy]):
    """Debian's nginx serving the copies, started here and stopped on leaving; sets each base."""
    ports = {copy.name: free_port() for copy in copies}
    conf = tmp / "nginx.conf"
    conf.write_text(nginx_conf(tmp, copies, ports), encoding="utf-8")
    command = [NGINX, "-p", str(tmp), "-c", str(conf), "-e", str(tmp / "error.log")]
    check = subprocess.run(command + ["-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for copy in copies:
            _wait_for(proc, ports[copy.name], tmp / "error.log")
            copy.base = f"http://127.0.0.1:{ports[copy.name]}{copy.prefix}"
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_for(proc: subprocess.Popen, port: int, error_log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = error_log.read_text() if error_log.exists() else ""
            pytest.fail(f"nginx stopped (exit {proc.returncode}): {proc.stderr.read()}\n{log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nginx did not listen on port {port}")


@pytest.fixture(scope="module")
def copies(tmp_path_factory, site, offline_copy, subpath_site, subpath_offline_copy):
    """The copies (the session's builds) served by one nginx:

    - online-subpath, offline-subpath: built with HANDBOOK_URL, under SUBPATH;
    - online-root, offline-root: built without it, at the server's root;
    - unset-subpath: online-root's folder under SUBPATH, as an administrator who did not set
      HANDBOOK_URL would serve it (only its "not found" page is wrong)."""
    require_nginx()
    found = [
        Copy("online-subpath", subpath_site, offline=False, prefix=SUBPATH),
        Copy("offline-subpath", subpath_offline_copy, offline=True, prefix=SUBPATH),
        Copy("online-root", site, offline=False),
        Copy("offline-root", offline_copy, offline=True),
        Copy("unset-subpath", site, offline=False, prefix=SUBPATH),
    ]
    server = tmp_path_factory.mktemp("nginx")
    with nginx(server, found):
        yield {copy.name: copy for copy in found}


NAMES = ["online-subpath", "offline-subpath", "online-root", "offline-root"]


@pytest.fixture(params=NAMES)
def copy(request, copies) -> Copy:
    return copies[request.param]


@contextmanager
def reader(browser, copy: Copy):
    """A browser context whose every request must stay under the copy's address: a request
    elsewhere (the server's root, another host) is refused and fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **NO_WORKER)
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(copy.base) or url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    try:
        yield context
    finally:
        context.close()
    assert not outside, f"{copy.name}: requests outside {copy.base}: {outside}"


# --- what a reader sees -----------------------------------------------------------------

STYLE = """() => {
  const header = getComputedStyle(document.querySelector(".md-header"));
  const logo = document.querySelector(".md-header .md-logo svg, .md-header .md-logo img").getBoundingClientRect();
  return {position: header.position, background: header.backgroundColor,
          logo: [Math.round(logo.width), Math.round(logo.height)],
          sheets: [...document.styleSheets].filter(s => { try { return s.href && s.cssRules.length; } catch (e) { return false; } })
                                                .map(s => s.href)};
}"""


def assert_styled(page, copy: Copy, what: str) -> dict:
    """Material's stylesheet, from the copy's own address, has styled the header: unstyled, it
    is static and transparent."""
    style = page.evaluate(STYLE)
    assert any(href.startswith(copy.base + "assets/stylesheets/main.") for href in style["sheets"]), (what, style)
    assert style["position"] == "sticky" and style["background"] != "rgba(0, 0, 0, 0)", (what, style)
    return style


def internal_links(page) -> set[str]:
    """The page's links to the test server (on any port), without their fragment."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return {urldefrag(h)[0] for h in hrefs if urlsplit(h).hostname == "127.0.0.1"}


def assert_exist_under_copy(context, copy: Copy, links: set[str], what: str) -> None:
    outside = sorted(link for link in links if not link.startswith(copy.base))
    assert not outside, f"{what}: links outside {copy.base}: {outside}"
    missing = sorted(link for link in links if context.request.get(link).status != 200)
    assert not missing, f"{what}: links to nothing: {missing}"


@pytest.mark.parametrize("name", NAMES + ["unset-subpath"])
def test_pages_are_styled_and_every_link_leads_to_a_page_of_the_copy(browser, copies, name):
    copy = copies[name]
    with reader(browser, copy) as context:
        page = context.new_page()
        links: set[str] = set()
        for name in SAMPLE:
            assert page.goto(page_url(copy, name)).status == 200, name
            assert_styled(page, copy, name)
            links |= internal_links(page)
        assert len(links) > 20, links
        assert_exist_under_copy(context, copy, links, copy.name)


def test_search_finds_results_in_the_copy(browser, copy):
    with reader(browser, copy) as context:
        page = context.new_page()
        page.goto(page_url(copy, "escalation/"))
        results = search_results(page, "escalation")
        assert results and all(r.startswith(copy.base) for r in results), results
        assert context.request.get(urldefrag(results[0])[0]).status == 200


@pytest.mark.parametrize("missing", MISSING)
def test_the_not_found_page_is_styled_and_leads_back_into_the_copy(browser, copy, missing):
    with reader(browser, copy) as context:
        page = context.new_page()
        page.goto(copy.base)
        normal_logo = assert_styled(page, copy, "home")["logo"]
        response = page.goto(copy.base + missing)
        assert response.status == 404
        assert page.get_by_role("heading", level=1).inner_text() == "404 - Not found"
        style = assert_styled(page, copy, missing)
        assert style["logo"] == normal_logo and max(normal_logo) <= 48, (normal_logo, style["logo"])
        home = page.locator(".md-header .md-logo").get_attribute("href")
        assert page.locator(".md-header .md-logo").evaluate("a => a.href") == page_url(copy, ""), home
        nav = page.eval_on_selector_all(".md-nav--primary a.md-nav__link[href]", "els => els.map(e => e.href)")
        assert len(nav) >= 8, nav
        links = internal_links(page)
        assert set(nav) <= links
        assert_exist_under_copy(context, copy, links, f"{copy.name} {missing}")
        # and search from it finds pages of the copy
        results = search_results(page, "escalation")
        assert results and all(r.startswith(copy.base) for r in results), results


def test_a_tool_page_enhances_and_keeps_what_is_typed(browser, copy):
    with reader(browser, copy) as context:
        page = context.new_page()
        page.goto(page_url(copy, "practice-pledge/"))
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert_styled(page, copy, "practice-pledge")
        page.get_by_label("Name (individual / team):").fill("North locality team")
        page.get_by_role("status").filter(has_text="All changes saved").wait_for()
        assert saved(page, "pledge")
        page.reload()
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert page.get_by_label("Name (individual / team):").input_value() == "North locality team"


def test_the_offline_copy_built_for_a_sub_path_still_works_from_disk(browser, copies):
    """HANDBOOK_URL changes nothing the copy needs from disk: its pages are styled and search
    works under file://, and its 404.html, never shown from disk, opens without asking anything
    of another host."""
    folder = copies["offline-subpath"].folder
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **NO_WORKER)
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file://",) + LOCAL_SCHEMES):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    try:
        page = context.new_page()
        page.goto((folder / "escalation" / "index.html").as_uri())
        style = page.evaluate(STYLE)
        assert style["position"] == "sticky", style
        results = search_results(page, "escalation")
        assert results and all(r.startswith(folder.as_uri()) for r in results), results
        page.goto((folder / "404.html").as_uri())
        assert page.get_by_role("heading", level=1).inner_text() == "404 - Not found"
    finally:
        context.close()
    assert not outside, outside


def test_without_handbook_url_only_the_not_found_page_is_wrong_under_a_sub_path(browser, copies):
    """What the README warns of: a build without HANDBOOK_URL serves its pages under a sub-path
    (unset-subpath above), but its "not found" page takes its stylesheets from the server's root
    and links there, so it is unstyled, its logo as wide as the window."""
    copy = copies["unset-subpath"]
    root = copy.base[:-len(SUBPATH)] + "/"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **NO_WORKER)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = context.new_page()
        assert page.goto(copy.base + "a/b/c").status == 404
        style = page.evaluate(STYLE)
        assert style["position"] != "sticky" and style["logo"][0] > 600, style
        assert page.locator(".md-header .md-logo").evaluate("a => a.href") == root
    finally:
        context.close()
    assert any(url.startswith(root + "assets/stylesheets/main.") for url in requests), requests
