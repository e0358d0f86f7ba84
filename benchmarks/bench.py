"""Build-performance benchmark (`make bench`): not a test, a table.

Builds the handbook from the real data and from synthetic data 10x and 50x larger, and prints
for each: build time (median of several strict builds), peak memory of the build process, page
count, total site size, how many pages are within the first-load budget, the largest first load
of any page (HTML, CSS, JS, fonts, images, as a browser fetches them) with its JS, and the search
index (fetched once per visit, so apart); then each page's first load at the first data size.

The synthetic data is generated into a temporary copy of the project at run time, never
committed: every item of the bulk content lists is repeated with new unique ids, and references
inside a repeated item point at its own repeats, so the data still validates in full.

    python benchmarks/bench.py [--runs N] [--scales 1,10,50]
"""
from __future__ import annotations

import argparse
import copy
import functools
import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, _QuietHandler, copy_project  # noqa: E402

# The bulk content of the handbook: (file, list key). Structural data (routes, settings, themes,
# audiences, currency notices, sources, the pledge form) stays as it is: it does not grow with
# more guidance, and its checks tie it to exact items.
BULK = [("escalation.yml", "parts"), ("fourteen_points.yml", "points"), ("glossary.yml", "terms"),
        ("lessons.yml", "sections"), ("professional_dimension.yml", "domains"),
        ("recommendations.yml", "recommendations"), ("recommendations.yml", "footnotes"),
        ("references.yml", "references")]
KB = 1024
BUDGET = 200 * KB     # a page's first load (README, "Performance")
JS_BUDGET = 160 * KB  # of which JS


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


# --- measuring ----------------------------------------------------------------------------

def build(project: Path, site: Path) -> tuple[float, int]:
    """One strict build: (seconds, peak resident memory of the build process in KB)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "-f", str(project / "mkdocs.yml"), "--site-dir", str(site)],
                            cwd=project, env=env, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    errors = proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the build failed:\n{errors}")
    return seconds, usage.ru_maxrss


KINDS = {".html": "html", ".css": "css", ".js": "js", ".woff": "fonts", ".woff2": "fonts", ".ttf": "fonts"}


def first_loads(site: Path) -> dict[str, list[Path]]:
    """The files each page fetches when first opened in chromium (an empty cache), as it runs."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    loads: dict[str, list[Path]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for html in sorted(site.rglob("*.html")):
                rel = html.relative_to(site).as_posix()
                context = browser.new_context()
                fetched: list[Path] = []

                def count(response, fetched=fetched):
                    if response.url.startswith(base):
                        path = site / response.url[len(base):].split("#")[0].split("?")[0]
                        path = path / "index.html" if path.is_dir() else path
                        if path.is_file() and path not in fetched:
                            fetched.append(path)

                context.on("response", count)
                context.new_page().goto(base + rel.removesuffix("index.html"))
                context.pages[0].wait_for_load_state("networkidle")
                loads[rel] = fetched
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return loads


def weigh(files: list[Path]) -> dict[str, int]:
    """Bytes by kind (the search index apart), and the whole load gzipped as a server sends it."""
    sizes = dict.fromkeys(("html", "css", "js", "fonts", "images", "index", "gzip"), 0)
    for path in files:
        data = path.read_bytes()
        kind = "index" if path.name.startswith("search_index") else KINDS.get(path.suffix, "images")
        sizes[kind] += len(data)
        if kind != "index":
            sizes["gzip"] += len(gzip.compress(data, 6))
    sizes["load"] = sum(sizes[k] for k in ("html", "css", "js", "fonts", "images"))
    return sizes


def measure(project: Path, runs: int) -> dict:
    times, peaks = [], []
    site = project / "site"
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        seconds, peak = build(project, site)
        times.append(seconds)
        peaks.append(peak)
    weights = {page: weigh(files) for page, files in first_loads(site).items()}
    largest = max(weights, key=lambda page: weights[page]["load"])
    most_js = max(weights, key=lambda page: weights[page]["js"])
    return {
        "time": statistics.median(times), "memory": max(peaks), "pages": len(weights),
        "site": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "data": sum(p.stat().st_size for p in (project / "data").glob("*.yml")),
        "largest": largest, **weights[largest], "most_js": most_js, "most_js_kb": weights[most_js]["js"],
        "index": (site / "search" / "search_index.json").stat().st_size,
        "weights": weights,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per data size (the median is shown)")
    parser.add_argument("--scales", default="1,10,50", help="data sizes, as multiples of the real data")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        for factor in (int(s) for s in args.scales.split(",")):
            project = copy_project(Path(tmp) / f"x{factor}")
            multiply(project, factor)  # x1 too: every size's YAML is written the same way
            print(f"building x{factor} ({args.runs} runs)...", file=sys.stderr, flush=True)
            rows.append((factor, measure(project, args.runs)))
    header = ("data", "YAML", "build (median)", "build per MB of YAML", "peak memory", "pages", "site size",
              "within 200 KB", "largest first load", "its JS", "its CSS", "its HTML", "gzipped",
              "most JS on a page", "search index")
    table = [header]
    for factor, r in rows:
        within = sum(w["load"] <= BUDGET and w["js"] <= JS_BUDGET for w in r["weights"].values())
        table.append((f"x{factor}", f"{r['data'] / KB:,.0f} KB", f"{r['time']:.1f} s",
                      f"{r['time'] / (r['data'] / KB / KB):.1f} s", f"{r['memory'] / KB:,.0f} MB", str(r["pages"]),
                      f"{r['site'] / KB / KB:.1f} MB", f"{within} of {r['pages']}",
                      f"{r['load'] / KB:,.0f} KB ({r['largest']})",
                      f"{r['js'] / KB:,.0f} KB", f"{r['css'] / KB:,.0f} KB", f"{r['html'] / KB:,.0f} KB",
                      f"{r['gzip'] / KB:,.0f} KB", f"{r['most_js_kb'] / KB:,.0f} KB ({r['most_js']})",
                      f"{r['index'] / KB:,.0f} KB"))
    print_table(table)
    # Each page's first load at the first data size, heaviest first.
    factor, r = rows[0]
    pages = [("page (x%d)" % factor, "first load", "JS", "CSS", "HTML", "gzipped", "within budget")]
    for page, w in sorted(r["weights"].items(), key=lambda item: -item[1]["load"]):
        pages.append((page, f"{w['load'] / KB:.1f} KB", f"{w['js'] / KB:.1f} KB", f"{w['css'] / KB:.1f} KB",
                      f"{w['html'] / KB:.1f} KB", f"{w['gzip'] / KB:.1f} KB",
                      "yes" if w["load"] <= BUDGET and w["js"] <= JS_BUDGET else "no"))
    print()
    print_table(pages)


def print_table(table: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for i, row in enumerate(table):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    main()
