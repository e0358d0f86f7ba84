"""The quick guides as A4 PDFs, made from their built pages by WeasyPrint.

A guide's page holds the whole guide (`<div class="hb-guide …">`) and a link to the PDF that
this writes. The PDF takes the page's heading as its title and leaves out that link; it is
styled by the site's print.css alone, the same rules that print the guide's page. Its links
point to the online handbook (a PDF travels on its own, away from the site it came with): the
guide's edition line names its address there. Until a partnership sets that address, the line
names none and the links lead to the pages beside the PDF in its copy of the site.

Making a PDF is the slow part of a build (about a second of CPU each), so each one is kept in a
cache outside the site, `.cache/pdfs/` in the project (the site folder is built afresh each
time), named by a hash of what WeasyPrint is given: the guide's document, the stylesheet's text,
the base URL, WeasyPrint's version and the font (fonts.identity()). A guide whose document is
unchanged is copied from there, and not written at all when the site already holds that PDF; only
a changed guide is remade.

Text is set in the project's pinned font alone (products/fonts.py), so a guide's PDF, and whether
a route card fits one page, are the same bytes on every machine with the same WeasyPrint, Pango
and HarfBuzz, whatever fonts it has (HarfBuzz's subsetter embeds the glyphs: without it WeasyPrint
falls back on fontTools, and the bytes differ; scripts/prerequisites.sh installs it). WeasyPrint runs in a process of
its own whose fontconfig reads only fonts.conf from its start (FONTCONFIG_FILE): Pango keeps some
of the first configuration a process loads, so a process that may already have loaded the
machine's (a test run's, a server's) does not make PDFs itself. A PDF carries no date of its own
making (WeasyPrint writes one only when the document asks), so the same site gives the same PDFs.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import posixpath
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import tinyhtml5

from . import fonts, paths
from .paths import PROJECT

STYLESHEET = "assets/stylesheets/print.css"
XHTML = "{http://www.w3.org/1999/xhtml}"
CACHE = paths.CACHE / "pdfs"
KEEP = 64  # PDFs the cache keeps, the most recently used (besides those of the current run)
SVG = "{http://www.w3.org/2000/svg}"


def write_guide_pdfs(site: Path, cache: Path | None | str = "project") -> list[Path]:
    """Every guide's PDF in the site (made, or copied from the cache when its document is
    unchanged): the cache is the project's (CACHE) unless given; cache=None makes every one afresh."""
    global _weasyprint
    cache = CACHE if cache == "project" else cache
    css_text = (site / STYLESHEET).read_text(encoding="utf-8")
    if cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only project: every PDF is made
            cache = None
    used: set[Path] = set()
    written = []
    _weasyprint = WeasyPrint()  # started when a PDF is to be made: copying every guide's PDF from the cache is quicker
    finished = False
    try:
        _each_guide(site, cache, css_text, used, written)
        finished = True
    finally:
        _weasyprint.close(finished)
        _weasyprint = None
    if cache is not None:
        _prune(cache, used)
    return written


def _each_guide(site: Path, cache: Path | None, css_text: str, used: set[Path], written: list[Path]) -> None:
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "hb-guide__pdf" not in text:
            continue
        guide = _guide(page.relative_to(site).as_posix(), tinyhtml5.parse(text))
        if guide is None:
            continue
        pdf, document, base = guide
        out = site / pdf
        out.parent.mkdir(parents=True, exist_ok=True)
        cached = None if cache is None else cache / f"{_key(document, css_text, base)}.pdf"
        if cached is None or not cached.is_file():
            made = out if cached is None else _partial(cache)
            try:
                make_pdf(document, base, site / STYLESHEET, made)
            except BaseException:
                if cached is not None:
                    made.unlink(missing_ok=True)
                raise
            if cached is not None:
                os.replace(made, cached)
        if cached is not None:
            used.add(cached)
            os.utime(cached)  # recently used: kept when the cache is pruned
            if not _same_file(cached, out):
                shutil.copyfile(cached, out)
        written.append(out)


def make_pdf(document: str, base: str | None, stylesheet: Path, out: Path) -> None:
    """The one place a guide's PDF is made: by WeasyPrint, with `stylesheet` (print.css) alone,
    in its own process (the run's, or one for this PDF)."""
    if _weasyprint is not None:
        _weasyprint.make(document, base, stylesheet, out)
    else:
        maker, finished = WeasyPrint(), False
        try:
            maker.make(document, base, stylesheet, out)
            finished = True
        finally:
            maker.close(finished)


class PdfError(RuntimeError):
    """WeasyPrint could not make a guide's PDF: the message says why."""


class WeasyPrint:
    """`python -m macros.products.pdf --weasyprint`: WeasyPrint in a process of its own, started
    with fontconfig reading only the project's fonts.conf; one document a line in (JSON), one
    answer a line out. Started at the first PDF, kept for the run, stopped by `close`."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None

    def make(self, document: str, base: str | None, stylesheet: Path, out: Path) -> None:
        if self._process is None:
            self._process = subprocess.Popen([sys.executable, "-m", "macros.products.pdf", "--weasyprint"],
                                             cwd=PROJECT, env=fonts.environment(), text=True, encoding="utf-8",
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        try:
            self._process.stdin.write(json.dumps([document, base, str(stylesheet), str(out)]) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
        except BrokenPipeError:
            line = ""
        if not line:
            raise PdfError(f"WeasyPrint stopped while making {out.name} (exit {self._process.poll()})")
        answer = json.loads(line)
        if answer.get("missing"):
            raise FileNotFoundError(answer["missing"])
        if "error" in answer:
            raise PdfError(answer["error"])

    def close(self, finished: bool = True) -> None:
        """Stop the process: when it has finished, or at once (its PDF unfinished) when the run
        stopped part-way, as when a newer rebuild of `make serve` stops this one."""
        process, self._process = self._process, None
        if process is None:
            return
        if not finished:
            process.kill()
        process.stdin.close()
        process.wait()
        process.stdout.close()


_weasyprint: WeasyPrint | None = None  # the run's, while write_guide_pdfs runs


def _serve_weasyprint() -> None:
    """The WeasyPrint process: its stdout carries only the answers (anything else printed goes to
    stderr), one for each document read from stdin."""
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    # WeasyPrint's notes on CSS it does not support (screen-only rules of print.css) are noise here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from weasyprint import CSS, HTML
    stylesheets: dict[str, object] = {}
    for line in sys.stdin:
        document, base, stylesheet, out = json.loads(line)
        try:
            if stylesheet not in stylesheets:
                stylesheets[stylesheet] = CSS(filename=stylesheet)
            HTML(string=document, base_url=base, url_fetcher=_no_fetching()).write_pdf(
                out, stylesheets=[stylesheets[stylesheet]])
            answer = {}
        except FileNotFoundError as e:
            answer = {"missing": str(e)}
        except Exception as e:  # noqa: BLE001 - said to the run, which stops with it
            answer = {"error": f"{type(e).__name__}: {e}"}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


def _no_fetching():
    """A guide is self-contained: a request for anything (an image, a font, a stylesheet from
    another host) stops the build instead of reaching out."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise FatalURLFetchingError(f"a quick guide's PDF asked for {url}; guides must be self-contained")
    return NoFetching()


def _key(document: str, css_text: str, base: str | None) -> str:
    """What the PDF is made from, as a hash: equal keys, equal PDFs."""
    h = hashlib.sha256()
    for part in (importlib.metadata.version("weasyprint"), fonts.identity(), repr(base), css_text, document):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _partial(cache: Path) -> Path:
    """A new file in the cache to write a PDF into, renamed into place once whole (two builds
    at once never see half a PDF)."""
    fd, name = tempfile.mkstemp(dir=cache, suffix=".partial")
    os.close(fd)
    return Path(name)


def _same_file(a: Path, b: Path) -> bool:
    return b.is_file() and a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _prune(cache: Path, used: set[Path]) -> None:
    """Keep the cache small: this run's PDFs and the KEEP most recently used others, and no
    partial PDF that a run stopped by force (a power cut) left an hour ago or more."""
    hour_ago = time.time() - 3600
    for partial in cache.glob("*.partial"):
        if partial.stat().st_mtime < hour_ago:
            partial.unlink(missing_ok=True)
    others = sorted((p for p in cache.glob("*.pdf") if p not in used), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in others[KEEP:]:
        path.unlink(missing_ok=True)


def _guide(path: str, root: ET.Element) -> tuple[str, str, str] | None:
    """(the PDF's path in the site, its document, the guide's address online) from a built page."""
    body = next((e for e in root.iter(f"{XHTML}div") if "hb-guide" in e.get("class", "").split()), None)
    link = next((e for e in root.iter(f"{XHTML}p") if e.get("class") == "hb-guide__pdf"), None)
    if body is None or link is None:
        return None
    href = next(a.get("href") for a in link.iter(f"{XHTML}a"))
    pdf = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
    body.remove(link)
    h1 = next(root.iter(f"{XHTML}h1"))
    title = "".join(h1.itertext()).rstrip("¶").strip()
    online = next((a.get("href") for a in body.iter(f"{XHTML}a") if "hb-url" in a.get("class", "").split()), None)
    if online is None:  # no online address set yet: link the pages beside the PDF, in its copy of the site
        _link_from_pdf(body, posixpath.dirname(path), posixpath.dirname(pdf))
        base = None
    else:
        # The guide's address online is the site's address and the guide's path in directory form.
        here = path.removesuffix("index.html") if path.endswith("index.html") else path.removesuffix(".html") + "/"
        base = online.removesuffix(here) + path.removesuffix("index.html")
    # Written back as HTML is written, with plain tag names (an inline <svg> too), and without
    # registering a namespace: ElementTree's registry is global to the process (make serve's).
    for element in body.iter():
        element.tag = element.tag.removeprefix(XHTML).removeprefix(SVG)
    document = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{_text(title)}</title></head>'
                f'<body class="hb-pdf"><div class="{body.get("class")}"><h1>{_text(title)}</h1>'
                + "".join(ET.tostring(child, encoding="unicode", method="html") for child in body)
                + "</div></body></html>")
    return pdf, document, base


def _link_from_pdf(body: ET.Element, page_dir: str, pdf_dir: str) -> None:
    """Rewrite the page's relative links as relative to the PDF's folder."""
    for a in body.iter(f"{XHTML}a"):
        href = a.get("href") or "#"
        if href.startswith("#") or "://" in href or href.startswith("mailto:"):
            continue
        target, hash_, fragment = href.partition("#")
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(page_dir, target)), pdf_dir or ".")
        a.set("href", moved + ("/" if target.endswith("/") else "") + hash_ + fragment)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;")


if __name__ == "__main__" and sys.argv[1:] == ["--weasyprint"]:
    if os.environ.get("FONTCONFIG_FILE") != str(fonts.CONFIG):
        sys.exit("python -m macros.products.pdf --weasyprint is started by WeasyPrint.make, with FONTCONFIG_FILE set")
    _serve_weasyprint()
elif __name__ == "__main__":
    # `make serve` runs this aside after each rebuild (macros/products/__init__.py) and stops it
    # when a newer rebuild starts: a stop unwinds like an error, so no partial file is left.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        write_guide_pdfs(Path(sys.argv[1]))
    except FileNotFoundError as e:  # a newer rebuild is emptying the folder: its own run follows
        logging.getLogger(__name__).debug("The quick guides' PDFs were left to the next rebuild: %s", e)
    except Exception as e:  # noqa: BLE001 - the server goes on; the PDFs are made next time
        sys.exit(f"WARNING -  The quick guides' PDFs were not made: {e}")
