"""Build the handbook with each engine and compare every page's article with the MkDocs build.

    python benchmarks/engines.py [--strict] [--engine NAME ...] [--no-install] [--no-products]
    make engines                          # make engines ENGINES_ARGS="--no-products --strict"

The handbook must build with three engines: MkDocs (the default, .venv, requirements.txt),
ProperDocs (the maintained continuation of MkDocs 1.x, .venv-properdocs,
requirements-properdocs.txt) and Zensical (Material's successor, .venv-zensical,
requirements-zensical.txt). This script:

1. creates .venv-properdocs and .venv-zensical where missing and installs their pinned packages
   whenever the requirements file changed since the last install (a stamp in the venv, as the
   Makefile's .venv/.installed);
2. builds the site with each engine, one after the other, into site-engines/<engine>/ (each
   built aside in site-engines/<engine>.new/ and swapped in only when its build succeeded: a
   failed Zensical build leaves its output folder half-emptied); if the package has products
   (macros/products/), its step over the output folder (`python -m macros.products <site-dir>`)
   runs after the build and counts as part of it (--no-products skips it: pages only, sooner);
3. compares the content of each page's `<article class="md-content__inner ...">` (the same
   element in all three engines' Material themes) with the MkDocs build's, after the
   normalisations listed at NORMALISATIONS below, and each PDF the products step made with the
   MkDocs build's (the same bytes, or else the same text by pdftotext);
4. prints a table (engine, version, pages built, pages whose article matches MkDocs, PDFs that
   match MkDocs', seconds of build and products step) and writes, for each engine with
   mismatches, site-engines/<engine>.diff: the first differing lines of each such page, then
   the PDFs that differ. Each engine's build output goes to site-engines/<engine>.log.

Exit status: 1 if an engine fails to build (or its products step fails), with the error's line
(and the lines of a multi-line message under it) printed; mismatches are only reported, unless
--strict is given. If the handbook's files change during the run (someone saves), a warning
says that the builds are of different versions. This is a command, not a test: pytest does not
collect it (the engine-neutral rules are tests/model/test_engines.py).
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import html
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "site-engines"
# Zensical has no --site-dir option and wants its configuration file inside the project (the
# project root is the configuration file's folder): a file that inherits mkdocs.yml and sets
# only the output folder is written here for the build and removed afterwards.
ZENSICAL_CONFIG = ROOT / ".engines-zensical.yml"
# `zensical build --clean` deletes the whole of <project>/.cache/, its own cache, where the
# products step keeps the guides' PDFs (.cache/pdfs/, macros/products/pdf.py): that folder is
# kept aside during the Zensical build and put back after it.
KEPT_CACHES = (ROOT / ".cache" / "pdfs",)
# The environment of every build: no "MkDocs 2" banners in the logs (Material's, ProperDocs').
ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
DIFF_LINES = 24  # of the unified diff, per mismatching page


@dataclass
class Engine:
    name: str
    venv: str
    requirements: str | None       # None: set up by the Makefile (`make setup`)
    package: str                   # whose version is reported
    pip_args: tuple[str, ...] = ()

    @property
    def python(self) -> Path:
        return ROOT / self.venv / "bin" / "python"

    def build_command(self, site: Path) -> list[str]:
        # `python -m <engine>` rather than the console script: it puts the project root (the
        # working directory) on sys.path, so that a Markdown extension that mkdocs.yml names by
        # its dotted module path inside the project can be imported by every engine.
        rel = site.relative_to(ROOT)
        if self.name == "mkdocs":
            return [str(self.python), "-m", "mkdocs", "build", "--strict", "--site-dir", str(rel)]
        if self.name == "properdocs":
            # -f: ProperDocs looks for properdocs.yml first and warns about a mkdocs.yml it finds
            # only by default.
            return [str(self.python), "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                    "--site-dir", str(rel)]
        # --clean: no rebuild from Zensical's cache (.cache/), so every run renders every page.
        return [str(self.python), "-m", "zensical", "build", "--strict", "--clean",
                "-f", ZENSICAL_CONFIG.name]


ENGINES = [
    Engine("mkdocs", ".venv", None, "mkdocs"),
    # ProperDocs replaces MkDocs (it aliases every mkdocs.* import to properdocs.*), but Material
    # and the plugins declare a dependency on mkdocs: --no-deps keeps MkDocs out, and
    # requirements-properdocs.txt lists every package.
    Engine("properdocs", ".venv-properdocs", "requirements-properdocs.txt", "properdocs",
           ("--no-deps",)),
    Engine("zensical", ".venv-zensical", "requirements-zensical.txt", "zensical"),
]
REFERENCE = "mkdocs"


# --- setting up the engines' environments -------------------------------------------------------

def setup(engine: Engine) -> None:
    """Create the engine's venv if missing; install its pins when they changed (stamp file)."""
    if engine.requirements is None:
        if not engine.python.exists():
            raise SystemExit(f"{engine.venv} is missing: run `make setup` first")
        return
    venv = ROOT / engine.venv
    requirements = ROOT / engine.requirements
    stamp = venv / ".installed"
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    if engine.python.exists() and stamp.exists() and stamp.read_text().strip() == digest:
        return
    if not engine.python.exists():
        print(f"{engine.name}: creating {engine.venv}", flush=True)
        subprocess.run([os.environ.get("PYTHON", "python3"), "-m", "venv", str(venv)], check=True)
    log = OUT / f"{engine.name}-install.log"
    print(f"{engine.name}: installing {engine.requirements} into {engine.venv} (log: "
          f"{log.relative_to(ROOT)})", flush=True)
    with log.open("w") as out:
        done = subprocess.run([str(engine.python), "-m", "pip", "install", "--quiet",
                               "--disable-pip-version-check", *engine.pip_args,
                               "-r", str(requirements)], stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-1:]
        raise OSError(f"pip exit {done.returncode}: {' '.join(tail)}")
    stamp.write_text(digest + "\n")


def version(engine: Engine) -> str:
    result = subprocess.run([str(engine.python), "-c",
                             f"import importlib.metadata as m; print(m.version({engine.package!r}))"],
                            capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else "?"


# --- building ---------------------------------------------------------------------------------

@dataclass
class Build:
    engine: Engine
    version: str
    ok: bool = False
    seconds: float = 0.0           # the engine's build
    products_seconds: float | None = None   # the products step; None when it did not run
    reason: str = ""
    site: Path | None = None


def build(engine: Engine, products: bool = True) -> Build:
    result = Build(engine, version(engine))
    final = OUT / engine.name
    aside = OUT / f"{engine.name}.new"
    log = OUT / f"{engine.name}.log"
    shutil.rmtree(aside, ignore_errors=True)
    env = {**os.environ, **ENV}
    steps = [("build", engine.build_command(aside))]
    if products:
        steps.append(("products step",
                      [str(engine.python), "-m", "macros.finish", str(aside.relative_to(ROOT))]))
    kept = []
    if engine.name == "zensical":
        for cache in KEPT_CACHES:
            if cache.is_dir():
                aside_cache = OUT / f"kept-{cache.name}"
                shutil.rmtree(aside_cache, ignore_errors=True)
                cache.rename(aside_cache)
                kept.append((aside_cache, cache))
        ZENSICAL_CONFIG.write_text(
            "# Written by benchmarks/engines.py for one Zensical build, then removed.\n"
            f"INHERIT: mkdocs.yml\nsite_dir: {aside.relative_to(ROOT).as_posix()}\n")
    try:
        with log.open("w") as out:
            for step, command in steps:
                out.write(f"$ {' '.join(command)}\n")
                out.flush()
                start = time.monotonic()
                done = subprocess.run(command, cwd=ROOT, env=env, stdout=out,
                                      stderr=subprocess.STDOUT, text=True)
                if step == "build":
                    result.seconds = time.monotonic() - start
                    _restore(kept)
                else:
                    result.products_seconds = time.monotonic() - start
                if done.returncode != 0:
                    result.reason = (f"{'' if step == 'build' else step + ': '}"
                                     + failure_reason(log.read_text(errors="replace"), done.returncode))
                    break
            else:
                result.ok = True
    finally:
        _restore(kept)
        if engine.name == "zensical":
            ZENSICAL_CONFIG.unlink(missing_ok=True)
    if result.ok and not any(aside.rglob("*.html")):
        result.ok, result.reason = False, "the build wrote no pages"
    if result.ok:
        shutil.rmtree(final, ignore_errors=True)
        aside.rename(final)
        result.site = final
    else:
        shutil.rmtree(aside, ignore_errors=True)
    return result


def _restore(kept: list[tuple[Path, Path]]) -> None:
    """Put back the caches kept aside (merged with any made meanwhile)."""
    while kept:
        aside, cache = kept.pop()
        cache.parent.mkdir(parents=True, exist_ok=True)
        if cache.exists():
            shutil.copytree(aside, cache, dirs_exist_ok=True)
            shutil.rmtree(aside)
        else:
            aside.rename(cache)


# The last line that names an error, e.g. "ImportError: attempted relative import with no known
# parent package", Zensical's "RuntimeError: Python error: ...", MkDocs' "ERROR - ..." or
# "Aborted with N warnings in strict mode!".
ERROR_LINE = re.compile(r"^\s*(?:\w+\.)*\w*(?:Error|Exception|Abort)\b.*|^ERROR\b.*|^Aborted\b.*")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# The lines of a multi-line message under its first line ("1 problem(s) in the handbook data:"
# then "  - data/x.yml:3: ..."), shown with it.
DETAIL_LINE = re.compile(r"^\s+- ")
DETAILS = 5


def failure_reason(log: str, returncode: int) -> str:
    lines = [ANSI.sub("", line).rstrip() for line in log.splitlines()]
    errors = [i for i, line in enumerate(lines) if ERROR_LINE.match(line)]
    # Zensical reports the Python error twice (the Rust side's RuntimeError, then the traceback's
    # own last line): the first names the cause; MkDocs ends with its summary line.
    if not errors:
        reason = next((line for line in reversed(lines) if line.strip()), "")
        return f"exit {returncode}: {reason[:300]}"
    first = errors[0]
    details = []
    for line in lines[first + 1:]:
        if not DETAIL_LINE.match(line) or len(details) == DETAILS:
            break
        details.append("\n    " + line.strip()[:300])
    return f"exit {returncode}: {lines[first].strip()[:300]}{''.join(details)}"


# --- comparing articles -------------------------------------------------------------------------

# NORMALISATIONS: what may legitimately differ between the engines' articles, and nothing else.
# 1. Whitespace between and around tags, and runs of whitespace in text, collapse (outside
#    <pre> and <textarea>, where it is content): Zensical minifies its pages with its own HTML
#    pass, MkDocs and ProperDocs write Material's templates' whitespace.
# 2. Character references are compared as the characters they stand for (`&para;` and `¶` in
#    the permalink anchors, `&rsquo;` and `’`): Markdown keeps references, Zensical decodes them.
# 3. Attributes are compared as a set (their order means nothing in HTML) and without regard to
#    quoting; an attribute written without a value equals one with an empty value.
# 4. Relative URLs in href/src are compared by the address they resolve to from the page
#    (`.././#esc-1.4` and `../#esc-1.4` on escalation/routes/ are the same link): Zensical
#    rewrites every relative URL in a page and does not simplify `./`. A link that resolves to
#    another address still differs.
# 5. Zensical's `<a id="__skip" tabindex="-1"></a>`, the skip link's target, which its template
#    puts first inside the article (Material 9 has it outside), is dropped in that place only.
URL_ATTRIBUTES = {"href", "src"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
PRE = {"pre", "textarea"}
SKIP_TARGET = re.compile(r'^\s*<a id="?__skip"? tabindex="?-1"?>\s*</a>')


ARTICLE = re.compile(r'<article\b[^>]*\bclass="[^"]*\bmd-content__inner\b[^"]*"[^>]*>(.*?)</article>', re.S)


class Canonical(HTMLParser):
    """An article's content as canonical lines: one tag or one run of text per line."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)   # normalisation 2
        self.page_url = page_url
        self.pre = 0
        self.lines: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in PRE:
            self.pre += 1
        self.lines.append(f"<{tag}{self._attributes(attrs)}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in PRE:
            self.pre = max(0, self.pre - 1)
        self.lines.append(f"</{tag}>")

    def handle_data(self, data):
        text = data if self.pre else " ".join(data.split())   # normalisation 1
        if text:
            self.lines.append(html.escape(text, quote=False))

    def _attributes(self, attrs) -> str:
        out = []
        for name, value in sorted(attrs, key=lambda a: a[0]):   # normalisation 3
            value = value or ""
            if name in URL_ATTRIBUTES:
                value = resolve(value, self.page_url)           # normalisation 4
            out.append(f' {name}="{html.escape(value)}"')
        return "".join(out)


def article(text: str, page_url: str) -> list[str] | None:
    """The canonical lines of the page's article, or None when the page has no article."""
    found = ARTICLE.search(text)
    if found is None:
        return None
    inner = SKIP_TARGET.sub("", found.group(1), count=1)       # normalisation 5
    parser = Canonical(page_url)
    parser.feed(inner)
    parser.close()
    return parser.lines


SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")


def resolve(url: str, page_url: str) -> str:
    """A relative URL as the site path it points to from the page (query and fragment kept)."""
    if not url or SCHEME.match(url) or url.startswith(("#", "/")):
        return url
    path, rest = re.match(r"([^?#]*)(.*)", url, re.S).groups()
    base = page_url.rsplit("/", 1)[0] + "/" if "/" in page_url else ""
    joined = posixpath.normpath("/" + base + path)
    if path.endswith("/") and joined != "/":
        joined += "/"
    return f"site:{joined}{rest}"


def page_url(path: Path, site: Path) -> str:
    """The page's URL relative to the site root (its folder is what relative links start from)."""
    rel = path.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def articles(site: Path) -> dict[str, list[str]]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.split("/", 1)[0] == "assets":
            continue
        lines = article(path.read_text(encoding="utf-8", errors="replace"), page_url(path, site))
        if lines is not None:
            pages[rel] = lines
    return pages


@dataclass
class Comparison:
    pages: int = 0
    matching: int = 0
    diffs: list[str] = field(default_factory=list)


def compare(reference: dict[str, list[str]], other: dict[str, list[str]], name: str) -> Comparison:
    result = Comparison(pages=len(other))
    for rel in sorted(set(reference) | set(other)):
        if rel not in other:
            result.diffs.append(f"=== {rel}: built by {REFERENCE}, not by {name}\n")
            continue
        if rel not in reference:
            result.diffs.append(f"=== {rel}: built by {name}, not by {REFERENCE}\n")
            continue
        if reference[rel] == other[rel]:
            result.matching += 1
            continue
        diff = list(difflib.unified_diff(reference[rel], other[rel], f"{REFERENCE}/{rel}",
                                         f"{name}/{rel}", n=2, lineterm=""))
        changed = sum(1 for line in diff[2:] if line[:1] in "+-")
        excerpt = "\n".join(line[:300] for line in diff[:DIFF_LINES])
        more = f"\n... ({changed} changed lines in all)" if len(diff) > DIFF_LINES else ""
        result.diffs.append(f"=== {rel}\n{excerpt}{more}\n")
    return result


# --- comparing the products ---------------------------------------------------------------------

def pdfs(site: Path) -> dict[str, Path]:
    """The PDFs the products step made (the quick guides', the route cards'), by site path."""
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.pdf"))}


def pdf_text(path: Path) -> str | None:
    """The PDF's text (poppler's pdftotext), or None where pdftotext is missing."""
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(["pdftotext", "-q", "-layout", str(path), "-"], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


def compare_pdfs(reference: dict[str, Path], other: dict[str, Path], name: str) -> Comparison:
    """Each PDF against MkDocs': the same bytes, or else the same text (pdftotext)."""
    result = Comparison(pages=len(other))
    for rel in sorted(set(reference) | set(other)):
        if rel not in other or rel not in reference:
            built = REFERENCE if rel in reference else name
            result.diffs.append(f"=== {rel}: PDF made from the {built} build only\n")
        elif reference[rel].read_bytes() == other[rel].read_bytes():
            result.matching += 1
        else:
            ours, theirs = pdf_text(reference[rel]), pdf_text(other[rel])
            if ours is not None and ours == theirs:
                result.matching += 1
            else:
                result.diffs.append(f"=== {rel}: PDF differs from the {REFERENCE} build's"
                                    f"{'' if ours is None else ' (in its text)'}\n")
    return result


RECORDS = "search/records.js"


def same_search_records(reference: Path, other: Path) -> bool:
    """The search records the finish step wrote after each engine's build, byte for byte."""
    return (other / RECORDS).is_file() and (reference / RECORDS).read_bytes() == (other / RECORDS).read_bytes()


# What the builds are made from: if any of it changes while the engines build one after the
# other (someone saves a file), the builds are of different handbooks and their differences
# mean nothing.
SOURCES = ("docs", "data", "macros", "overrides", "mkdocs.yml")


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        top = ROOT / name
        for path in sorted([top] if top.is_file() else top.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(ROOT)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# --- the report ---------------------------------------------------------------------------------

def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w)
                       in enumerate(zip(row, widths))).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/engines.py", description=__doc__.split("\n")[0])
    parser.add_argument("--strict", action="store_true",
                        help="exit non-zero when a page's article differs from the MkDocs build")
    parser.add_argument("--engine", action="append", choices=[e.name for e in ENGINES],
                        help="build only this engine (repeatable; mkdocs is always built)")
    parser.add_argument("--no-install", action="store_true",
                        help="use the venvs as they are (no creating, no installing)")
    parser.add_argument("--no-products", action="store_true",
                        help="skip the products step (the PDFs): the pages only, sooner")
    args = parser.parse_args(argv)
    wanted = set(args.engine or [e.name for e in ENGINES]) | {REFERENCE}
    engines = [e for e in ENGINES if e.name in wanted]

    OUT.mkdir(exist_ok=True)
    sources = fingerprint()
    builds: list[Build] = []
    for engine in engines:
        if not args.no_install:
            try:
                setup(engine)
            except (subprocess.CalledProcessError, OSError) as error:
                builds.append(Build(engine, "?", reason=f"setting up {engine.venv} failed: {error}"))
                continue
        print(f"{engine.name}: building ...", flush=True)
        builds.append(build(engine, products=not args.no_products))

    sources_changed = fingerprint() != sources
    reference = next(b for b in builds if b.engine.name == REFERENCE)
    ref_pages = articles(reference.site) if reference.ok else {}
    ref_pdfs = pdfs(reference.site) if reference.ok else {}
    rows = [["engine", "version", "pages built", "articles = mkdocs", "PDFs = mkdocs", "search records = mkdocs",
             "build s", "products s"]]
    mismatched = False
    for b in builds:
        diff_file = OUT / f"{b.engine.name}.diff"
        diff_file.unlink(missing_ok=True)
        seconds = [f"{b.seconds:.1f}", "-" if b.products_seconds is None else f"{b.products_seconds:.1f}"]
        if not b.ok:
            rows.append([b.engine.name, b.version, "failed", "-", "-", "-", *seconds])
            continue
        pages = articles(b.site)
        if b is reference:
            rows.append([b.engine.name, b.version, str(len(pages)), "(reference)",
                         f"({len(ref_pdfs)})" if not args.no_products else "-",
                         "(reference)" if not args.no_products else "-", *seconds])
            continue
        if not reference.ok:
            rows.append([b.engine.name, b.version, str(len(pages)), "-", "-", "-", *seconds])
            continue
        result = compare(ref_pages, pages, b.engine.name)
        made = pdfs(b.site) if not args.no_products else {}
        products = compare_pdfs(ref_pdfs if not args.no_products else {}, made, b.engine.name)
        same_records = args.no_products or same_search_records(reference.site, b.site)
        rows.append([b.engine.name, b.version, str(result.pages),
                     f"{result.matching}/{len(set(ref_pages) | set(pages))}",
                     "-" if args.no_products else f"{products.matching}/{len(set(ref_pdfs) | set(made))}",
                     "-" if args.no_products else ("identical" if same_records else "DIFFERENT"),
                     *seconds])
        if not same_records:
            products.diffs.append(f"=== {RECORDS}: differs from the {REFERENCE} build's\n")
        if result.diffs or products.diffs:
            mismatched = True
            diff_file.write_text(
                f"# Article content of {b.engine.name} {b.version} against {REFERENCE} "
                f"{reference.version}, after the normalisations in benchmarks/engines.py;\n"
                f"# the first {DIFF_LINES} lines of each page's diff, then the PDFs that differ.\n\n"
                + "\n".join(result.diffs + products.diffs))

    print()
    print(table(rows))
    for b in builds:
        if not b.ok:
            print(f"\n{b.engine.name} failed to build: {b.reason}\n  (full output: "
                  f"{(OUT / (b.engine.name + '.log')).relative_to(ROOT)})")
    for b in builds:
        diff_file = OUT / f"{b.engine.name}.diff"
        if diff_file.exists():
            print(f"\n{b.engine.name}: differing articles in {diff_file.relative_to(ROOT)}")
    if sources_changed:
        print(f"\nWARNING: {', '.join(SOURCES)} changed while the engines were building: the builds"
              " are of different versions of the handbook, so their differences may come from"
              " that. Run again when nobody is editing.")
    failed = any(not b.ok for b in builds)
    return 1 if failed or (args.strict and mismatched) else 0


if __name__ == "__main__":
    sys.exit(main())
