"""Performance benchmark (`make bench`): not a test, tables of what readers and editors feel.

Three parts, each printed as Markdown tables the README can take as they are:

lighthouse  Every HTML page of a strict build, served on 127.0.0.1 gzip-compressed as a web
            server sends it, through Lighthouse (pinned in package-lock.json) on its default
            mobile configuration: simulated slow 4G (150 ms RTT, 1.6 Mbit/s) and a 4x CPU
            slowdown. The median of --lighthouse-runs runs of each: performance, accessibility
            and best-practices scores, first and largest contentful paint, total blocking time,
            cumulative layout shift. Then each page's transfer, from Lighthouse's network
            records: compressed (gzip, as served, headers included) and uncompressed.
            Lighthouse drives Debian's chromium with every host but 127.0.0.1 unresolvable, so
            a page that reached for another host would show it (the "other hosts" column).
build       Strict builds from the real data and from synthetic data 10x and 50x larger: the
            median of --runs builds, peak memory of the build process, pages, site size, and
            whether build time grows linearly with the data (seconds per MB of YAML).
serve       `mkdocs serve` on a copy of the project: its first build, then the time from an
            edit of data/glossary.yml (in the copy) until the rebuild is done ("Reloading
            browsers") and until the served glossary page shows the edit; median of --runs.

The synthetic data is generated into a temporary copy of the project at run time, never
committed: every item of the bulk content lists is repeated with new unique ids, and references
inside a repeated item point at its own repeats, so the data still validates in full.

    python benchmarks/bench.py [--only lighthouse,build,serve | --no-lighthouse]
                               [--runs N] [--lighthouse-runs N] [--scales 1,10,50]
                               [--pages 'escalation/*,/'] [--site DIR] [--reports DIR]

Lighthouse figures depend on the machine and its load: the header prints `uptime` and
Lighthouse's own CPU benchmark index with them. Lighthouse runs one page at a time.
"""
from __future__ import annotations

import argparse
import copy
import datetime
import fnmatch
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))
from chromium import CHROMIUM_ARGS, CHROMIUM_BROWSER  # noqa: E402  (the whole browser, as readers run it)
from macros.model.book import Handbook  # noqa: E402
from macros.products.npm import pinned_package  # noqa: E402
from macros.render.search import records_script  # noqa: E402
from project import copy_project  # noqa: E402
from search_support import APART, QUESTIONS, figures, questions, ranked  # noqa: E402

# The bulk content of the handbook: (file, list key). Structural data (routes, settings, themes,
# audiences, currency notices, sources, the pledge form) stays as it is: it does not grow with
# more guidance, and its checks tie it to exact items.
BULK = [("escalation.yml", "parts"), ("fourteen_points.yml", "points"), ("glossary.yml", "terms"),
        ("lessons.yml", "sections"), ("professional_dimension.yml", "domains"),
        ("recommendations.yml", "recommendations"), ("recommendations.yml", "footnotes"),
        ("references.yml", "references")]
KB = 1024
PARTS = ("search", "lighthouse", "build", "serve")


# --- synthetic data -----------------------------------------------------------------------

def ids_in(node) -> set[str]:
    if isinstance(node, dict):
        own = {node["id"]} if isinstance(node.get("id"), str) else set()
        return own.union(*(ids_in(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(ids_in(v) for v in node))
    return set()


def renamed(node, names: dict[str, str]):
    """A copy of node with every id in names, and every reference to one, renamed."""
    if isinstance(node, dict):
        return {k: renamed(v, names) for k, v in node.items()}
    if isinstance(node, list):
        return [renamed(v, names) for v in node]
    return names.get(node, node) if isinstance(node, str) else node


def repeat(item: dict, n: int, key: str) -> dict:
    """Repeat n of an item: new ids (suffix -xN), internal references following them."""
    item = copy.deepcopy(item)
    if key == "recommendations":  # a recommendation's id is rec-<number>
        item["number"] += 1000 * n
        names = {item["id"]: f"rec-{item['number']}"}
    else:
        names = {}
    names |= {i: f"{i}-x{n}" for i in ids_in(item) if i not in names}
    if key == "footnotes":
        item["number"] += 1000 * n
    if key == "terms":  # abbreviations are unique
        item["abbr"] = f"{item['abbr']}{n}"
    return renamed(item, names)


def multiply(project: Path, factor: int) -> None:
    for name, key in BULK:
        path = project / "data" / name
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        originals = raw[key]  # references to items outside the repeat keep pointing at the originals
        raw[key] = originals + [repeat(item, n, key) for n in range(2, factor + 1) for item in originals]
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- building -----------------------------------------------------------------------------

def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(project: Path, site: Path) -> tuple[float, int]:
    """One strict build: (seconds, peak resident memory of the build process in KB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "-f", str(project / "mkdocs.yml"), "--site-dir", str(site)],
                            cwd=project, env=mkdocs_env(), stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    errors = proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the build failed:\n{errors}")
    return seconds, usage.ru_maxrss


def measure_builds(project: Path, runs: int) -> dict:
    times, peaks = [], []
    site = project / "site"
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        seconds, peak = build(project, site)
        times.append(seconds)
        peaks.append(peak)
    return {
        "time": statistics.median(times), "times": times, "memory": max(peaks),
        "pages": len(html_pages(site)),
        "site": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "data": sum(p.stat().st_size for p in (project / "data").glob("*.yml")),
        "records": len(records_script(Handbook.load(project / "data"), True, project / "docs").encode()),
    }


def build_part(args) -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        for factor in (int(s) for s in args.scales.split(",")):
            project = copy_project(Path(tmp) / f"x{factor}")
            multiply(project, factor)  # x1 too: every size's YAML is written the same way
            progress(f"building x{factor} ({args.runs} runs)...")
            rows.append((factor, measure_builds(project, args.runs)))
            shutil.rmtree(project)
    base = rows[0][1]
    table = [("data", "YAML", "pages", "build (median)", "builds", "per MB of YAML", "vs first size",
              "peak memory", "site size", "search records")]
    for factor, r in rows:
        per_mb = r["time"] / (r["data"] / KB / KB)
        data_ratio, time_ratio = r["data"] / base["data"], r["time"] / base["time"]
        table.append((f"x{factor}", f"{r['data'] / KB:,.0f} KB", str(r["pages"]), f"{r['time']:.1f} s",
                      " / ".join(f"{t:.1f}" for t in r["times"]), f"{per_mb:.1f} s",
                      f"data x{data_ratio:.1f}, time x{time_ratio:.1f}", f"{r['memory'] / KB:,.0f} MB",
                      f"{r['site'] / KB / KB:.1f} MB", f"{r['records'] / KB:,.0f} KB"))
    heading(f"Build time by data size (median of {args.runs})")
    print_table(table)
    print()
    print("Linear growth keeps the seconds per MB of YAML level across sizes; a rising figure means the "
          "build grows faster than the data.")


# --- serving for Lighthouse ---------------------------------------------------------------

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml", "application/manifest+json")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files over HTTP/1.1 with keep-alive, gzip (level 6) when the client accepts it,
    as a web server configured for a static site sends them."""
    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".svg": "image/svg+xml", ".json": "application/json",
                      ".webmanifest": "application/manifest+json"}
    _cache: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (os.path.isfile(path) and wants_gzip and ctype.startswith(COMPRESSIBLE)):
            return super().send_head()
        stat = os.stat(path)
        key = (path, stat.st_mtime)
        with self._lock:
            body = self._cache.get(key)
        if body is None:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), 6)
            with self._lock:
                self._cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)
        return None


def serve_static(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


# --- search ----------------------------------------------------------------------------------

# What a page fetches only when someone searches: the library, the engine and the records.
SEARCH_FILES = re.compile(r"/search/records\.js|/javascripts/search/|/javascripts/search-engine\.js")
# From the first keystroke (nothing of search loaded yet) until the first results are on the page.
FIRST_RESULTS = """() => new Promise(resolve => {
  const input = document.querySelector(".hb-search__input"), list = document.querySelector(".hb-search__results");
  const start = performance.now();
  new MutationObserver((_, seen) => { if (list.children.length) { seen.disconnect(); resolve(performance.now() - start); } })
    .observe(list, {childList: true});
  input.focus(); input.value = "d"; input.dispatchEvent(new Event("input"));
})"""
# A later keystroke, once every record is indexed: until the results are on the next frame.
LATER_KEYSTROKE = """async word => {
  await window.__hbReady;
  const input = document.querySelector(".hb-search__input"), start = performance.now();
  input.value = word; input.dispatchEvent(new Event("input"));
  return new Promise(resolve => requestAnimationFrame(() => resolve(performance.now() - start)));
}"""
TYPED = ["di", "dis", "disg", "disguised", "disguised c", "disguised compliance", "social", "social care",
         "social care refused", "social care refused my referral"]


def search_part(args) -> None:
    with tempfile.TemporaryDirectory(prefix="handbook-bench-search-") as tmp:
        site = Path(args.site).resolve() if args.site else finished_site(Path(tmp) / "site")
        heading("Search: the everyday questions (tests/render/search/)")
        table = [("questions", "hit@1", "hit@3", "hit@5", "mean reciprocal rank")]
        for path in (QUESTIONS, APART):
            asked = questions(path)
            found = figures(asked, ranked(site, [q["q"] for q in asked]))
            table.append((f"{path.name} ({found.questions})", f"{found.hit1:.0%}", f"{found.hit3:.0%}",
                          f"{found.hit5:.0%}", f"{found.mrr:.2f}"))
        print_table(table)
        heading("Search: what the first search fetches (nothing of it on a page load)")
        table = [("file", "uncompressed", "gzip")]
        files = [p for p in sorted(site.rglob("*.js")) if SEARCH_FILES.search("/" + p.relative_to(site).as_posix())]
        for path in files + [None]:
            data = b"".join(p.read_bytes() for p in files) if path is None else path.read_bytes()
            table.append(("all" if path is None else path.relative_to(site).as_posix(),
                          f"{len(data) / KB:.1f} KB", f"{len(gzip.compress(data, 6)) / KB:.1f} KB"))
        print_table(table)
        firsts, laters = search_timings(site, args.runs)
        heading(f"Search on a 4x-slowed CPU (Chromium, served locally; {args.runs} page loads)")
        print_table([("first keystroke to first results (loading included)", "a later keystroke (median / slowest)"),
                     (f"{statistics.median(firsts):.0f} ms ({', '.join(f'{t:.0f}' for t in firsts)})",
                      f"{statistics.median(laters):.0f} / {max(laters):.0f} ms")])


def finished_site(site: Path) -> Path:
    """A strict build of the handbook with its finish step (records, library, minified scripts)."""
    progress("building the site...")
    build(ROOT, site)
    subprocess.run([sys.executable, "-m", "macros.finish", str(site)], cwd=ROOT, env=mkdocs_env(), check=True)
    return site


def search_timings(site: Path, runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright
    httpd, base = serve_static(site)
    firsts, laters = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM_BROWSER, args=CHROMIUM_ARGS)
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 412, "height": 823})
                page = context.new_page()
                context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
                page.goto(base + "escalation/")
                page.wait_for_load_state("networkidle")
                firsts.append(page.evaluate(FIRST_RESULTS))
                page.wait_for_function("() => window.HandbookSearch && window.HandbookSearch.engine")
                page.evaluate("() => { window.__hbReady = HandbookSearch.engine.ready; }")
                laters += [page.evaluate(LATER_KEYSTROKE, word) for word in TYPED]
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return firsts, laters


# --- Lighthouse ---------------------------------------------------------------------------

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
# Lighthouse's own flags for Debian's chromium, and no host but 127.0.0.1 resolves.
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])
HOST_RULES = '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"'
METRICS = {"fcp": "first-contentful-paint", "lcp": "largest-contentful-paint",
           "tbt": "total-blocking-time", "cls": "cumulative-layout-shift"}
KINDS = {"Document": "html", "Stylesheet": "css", "Script": "js"}
ALL_KINDS = ("html", "css", "js", "search", "other")  # search: its library and records, if a page fetched them


def lighthouse_cli() -> Path:
    """Lighthouse's CLI from the version pinned in package-lock.json, installing it if needed."""
    pinned_package(ROOT, "lighthouse", "make bench")
    return LIGHTHOUSE


def lighthouse(cli: Path, url: str, report: Path) -> dict:
    """One Lighthouse run of url on the default (mobile) configuration: the parsed JSON report."""
    node = shutil.which("node") or "/usr/bin/node"
    cmd = [node, str(cli), url, "--output=json", f"--output-path={report}", "--quiet",
           "--only-categories=performance,accessibility,best-practices",
           f"--chrome-flags={CHROME_FLAGS}", f"--chrome-flags={HOST_RULES}"]
    result = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM_BROWSER}, capture_output=True,
                            text=True, timeout=600)
    if result.returncode != 0 or not report.exists():
        return {"error": (result.stderr.strip().splitlines() or ["no report"])[-1]}
    return json.loads(report.read_text(encoding="utf-8"))


def summary(report: dict, base: str) -> dict:
    """The figures of one run: scores 0-100, times in ms, CLS, and the transfer by kind."""
    if "error" in report or report.get("runtimeError"):
        return {"error": report.get("error") or report["runtimeError"].get("message", "runtime error")}
    out = {cat: round(100 * report["categories"][cat]["score"]) if report["categories"][cat]["score"] is not None
           else None for cat in ("performance", "accessibility", "best-practices")}
    for key, audit in METRICS.items():
        out[key] = report["audits"][audit].get("numericValue")
    out["benchmark"] = report["environment"]["benchmarkIndex"]
    sizes = {f"{k}_{kind}": 0 for k in ("gz", "raw") for kind in ALL_KINDS}
    sizes |= {"requests": 0, "other_hosts": 0, "failed": 0}
    for item in report["audits"]["network-requests"]["details"]["items"]:
        if item["url"].startswith("data:"):
            continue
        sizes["requests"] += 1
        if not item["url"].startswith(base):
            sizes["other_hosts"] += 1
        if item.get("statusCode", 0) < 0 or item.get("statusCode", 0) >= 400:
            sizes["failed"] += 1
        kind = "search" if SEARCH_FILES.search(item["url"]) else KINDS.get(item.get("resourceType"), "other")
        sizes[f"gz_{kind}"] += item.get("transferSize") or 0
        sizes[f"raw_{kind}"] += item.get("resourceSize") or 0
    sizes["gz"] = sum(sizes[f"gz_{k}"] for k in ALL_KINDS)
    sizes["raw"] = sum(sizes[f"raw_{k}"] for k in ALL_KINDS)
    return out | sizes


def html_pages(site: Path) -> dict[str, str]:
    """Every HTML page of a built site: its label (the path a reader sees, "/" for home) -> URL path."""
    pages = {}
    for html in sorted(site.rglob("*.html"), key=lambda p: (p.relative_to(site).as_posix() != "index.html", p)):
        rel = html.relative_to(site).as_posix()
        url = rel.removesuffix("index.html")
        pages[url or "/"] = url
    return pages


def wanted(label: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if pattern in ("home", "/", "index.html") and label == "/":
            return True
        if fnmatch.fnmatch(label, pattern) or label.strip("/") == pattern.strip("/"):
            return True
    return False


def lighthouse_part(args) -> None:
    cli = lighthouse_cli()
    with tempfile.TemporaryDirectory(prefix="handbook-bench-lh-") as tmp:
        if args.site:
            site = Path(args.site).resolve()
        else:
            site = finished_site(Path(tmp) / "site")
        pages = html_pages(site)
        if args.pages:
            patterns = [p.strip() for p in args.pages.split(",") if p.strip()]
            pages = {label: url for label, url in pages.items() if wanted(label, patterns)}
        if not pages:
            raise SystemExit("no page matches --pages")
        reports = Path(args.reports) if args.reports else Path(tmp) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        httpd, base = serve_static(site)
        load_before = uptime()
        results: dict[str, list[dict]] = {}
        try:
            for n, (label, url) in enumerate(pages.items(), 1):
                runs = []
                for run in range(args.lighthouse_runs):
                    progress(f"lighthouse {n}/{len(pages)} {label} run {run + 1}/{args.lighthouse_runs}...")
                    name = (label.strip("/").replace("/", "_") or "home") + f".{run + 1}.json"
                    runs.append(summary(lighthouse(cli, base + url, reports / name), base))
                results[label] = runs
        finally:
            httpd.shutdown()
        load_after = uptime()
    version = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]
    chromium = subprocess.run([CHROMIUM_BROWSER, "--version"], capture_output=True, text=True).stdout.strip()
    good = [r for runs in results.values() for r in runs if "error" not in r]
    bench_index = statistics.median(r["benchmark"] for r in good) if good else 0
    heading(f"Lighthouse, mobile (median of {args.lighthouse_runs} runs per page)")
    print(f"Lighthouse {version}, {chromium}; default mobile configuration: simulated slow 4G "
          f"(150 ms RTT, 1.6 Mbit/s), 4x CPU slowdown; pages served gzip-compressed on 127.0.0.1, "
          f"other hosts unresolvable. Load before: {load_before}; after: {load_after}. "
          f"Lighthouse CPU benchmark index (median): {bench_index:.0f}.")
    print()
    table = [("page", "performance", "each run", "accessibility", "best practices", "FCP", "LCP", "TBT", "CLS")]
    for label, runs in results.items():
        ok = [r for r in runs if "error" not in r]
        if not ok:
            table.append((label, "error: " + runs[0]["error"][:60], "", "", "", "", "", "", ""))
            continue
        med = {k: median([r[k] for r in ok]) for k in ("performance", "accessibility", "best-practices",
                                                       *METRICS)}
        spread = "/".join(str(r["performance"]) for r in ok) + (f", {len(runs) - len(ok)} failed"
                                                                if len(ok) < len(runs) else "")
        table.append((label, fmt(med["performance"]), spread, fmt(med["accessibility"]),
                      fmt(med["best-practices"]), f"{med['fcp'] / 1000:.1f} s", f"{med['lcp'] / 1000:.1f} s",
                      f"{med['tbt']:.0f} ms", f"{med['cls']:.3f}"))
    print_table(table)
    heading("Transfer per page (Lighthouse's network records, first load, empty cache)")
    print("Compressed: bytes on the wire, gzip as served, headers included. Uncompressed: the "
          "resources' own size. Each cell: compressed / uncompressed. Other: images, fonts, the favicon.")
    print()
    table = [("page", "requests", "transferred (gzip)", "uncompressed", "HTML", "CSS", "JS", "search",
              "other", "other hosts")]
    for label, runs in results.items():
        ok = [r for r in runs if "error" not in r]
        if not ok:
            continue
        r = ok[0]  # the same files on every run

        def pair(kind: str, r=r) -> str:
            return f"{r[f'gz_{kind}'] / KB:.1f} / {r[f'raw_{kind}'] / KB:.1f} KB"

        table.append((label, str(r["requests"]) + (f" ({r['failed']} failed)" if r["failed"] else ""),
                      f"{r['gz'] / KB:.1f} KB", f"{r['raw'] / KB:.1f} KB", pair("html"), pair("css"),
                      pair("js"), pair("search"), pair("other"), str(r["other_hosts"])))
    print_table(table)


def median(values: list):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value) -> str:
    return "n/a" if value is None else f"{value:.0f}"


# --- mkdocs serve -------------------------------------------------------------------------

class Log:
    """The lines a process writes, each with the moment it was read."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            with self.cond:
                self.lines.append((time.perf_counter(), line.rstrip()))
                self.cond.notify_all()

    def wait_for(self, text: str, after: int, timeout: float) -> tuple[float, int]:
        """The moment of the first line from index `after` containing text, and that line's index."""
        def found():
            return next((i for i in range(after, len(self.lines)) if text in self.lines[i][1]), None)
        with self.cond:
            if not self.cond.wait_for(lambda: found() is not None, timeout=timeout):
                tail = "\n".join(line for _, line in self.lines[-20:])
                raise SystemExit(f"mkdocs serve: no {text!r} within {timeout:.0f} s:\n{tail}")
            i = found()
            return self.lines[i][0], i


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=300) as response:
        return response.read().decode("utf-8", "replace")


def serve_part(args) -> None:
    with tempfile.TemporaryDirectory(prefix="handbook-bench-serve-") as tmp:
        project = copy_project(Path(tmp) / "project")
        port = free_port()
        page = f"http://127.0.0.1:{port}/glossary/"
        glossary = project / "data" / "glossary.yml"
        original = glossary.read_text(encoding="utf-8")
        if not re.search(r'expansion: "', original):
            raise SystemExit("data/glossary.yml has no `expansion: \"` to edit")
        progress("mkdocs serve: first build...")
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                                 "-f", str(project / "mkdocs.yml")], cwd=project,
                                # as `make serve` runs it (Makefile): the products (PDFs) made after each rebuild
                                env={**mkdocs_env(), "HANDBOOK_SERVE": "1"},
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            log = Log(proc.stderr)
            served, seen = log.wait_for("Serving on", 0, timeout=900)
            fetch(page)
            first = served - start
            time.sleep(2)  # let the watcher settle
            rebuilt, shown = [], []
            for n in range(1, args.runs + 1):
                marker = f"benchedit{n}x"
                progress(f"mkdocs serve: edit {n}/{args.runs}...")
                seen = len(log.lines)
                # The first term's expansion gets a marker word: a content edit, in the copy only.
                edited = original.replace('expansion: "', f'expansion: "{marker} ', 1)
                t0 = time.perf_counter()
                glossary.write_text(edited, encoding="utf-8")
                while marker not in fetch(page):  # requests wait while a rebuild runs
                    if time.perf_counter() - t0 > 900:
                        raise SystemExit("mkdocs serve: the edit never showed on the glossary page")
                    time.sleep(0.05)
                t_page = time.perf_counter()
                t_log, _ = log.wait_for("Reloading browsers", seen, timeout=60)
                rebuilt.append(t_log - t0)
                shown.append(t_page - t0)
                time.sleep(2)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    heading(f"mkdocs serve: rebuild after a data edit (median of {args.runs})")
    print("An edit of one glossary expansion in data/glossary.yml (in a temporary copy), timed from the "
          "write to the log's \"Reloading browsers\" and to the served glossary page showing it.")
    print()
    print_table([("first build (start to \"Serving on\")", "edit to rebuild done", "edit to page shows it",
                  "each edit (page)"),
                 (f"{first:.1f} s", f"{statistics.median(rebuilt):.1f} s", f"{statistics.median(shown):.1f} s",
                  " / ".join(f"{s:.1f}" for s in shown))])


# --- output -------------------------------------------------------------------------------

def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def heading(text: str) -> None:
    print()
    print(f"### {text}")
    print()


def print_table(table: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for i, row in enumerate(table):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help=f"comma-separated parts to run: {', '.join(PARTS)} (default: all)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse part")
    parser.add_argument("--runs", type=int, default=3, help="builds per data size and serve edits (median shown)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median shown)")
    parser.add_argument("--scales", default="1,10,50", help="data sizes, as multiples of the real data")
    parser.add_argument("--pages", help="comma-separated pages for Lighthouse, as shown in its table, "
                                        "globs allowed: '/,escalation/*' (default: every page)")
    parser.add_argument("--site", help="run Lighthouse on this built site instead of building one")
    parser.add_argument("--reports", help="keep Lighthouse's JSON reports in this folder")
    args = parser.parse_args()
    parts = [p.strip() for p in args.only.split(",")] if args.only else list(PARTS)
    if unknown := set(parts) - set(PARTS):
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))} (choose from {', '.join(PARTS)})")
    if args.no_lighthouse:
        parts = [p for p in parts if p != "lighthouse"]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown (not a git checkout)"
    print(f"`make bench` at {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}, "
          f"{os.cpu_count()} CPUs; {uptime()}")
    for part in PARTS:
        if part in parts:
            {"search": search_part, "lighthouse": lighthouse_part, "build": build_part, "serve": serve_part}[part](args)
    print()
    print(f"Done: {uptime()}")


if __name__ == "__main__":
    main()
