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
the base URL and WeasyPrint's version. A guide whose document is unchanged is copied from there,
and not written at all when the site already holds that PDF; only a changed guide is remade.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import posixpath
import shutil
import signal
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import tinyhtml5

from . import paths

STYLESHEET = "assets/stylesheets/print.css"
XHTML = "{http://www.w3.org/1999/xhtml}"
CACHE = paths.CACHE / "pdfs"
KEEP = 64  # PDFs the cache keeps, the most recently used (besides those of the current run)
SVG = "{http://www.w3.org/2000/svg}"


def write_guide_pdfs(site: Path, cache: Path | None | str = "project") -> list[Path]:
    """Every guide's PDF in the site (made, or copied from the cache when its document is
    unchanged): the cache is the project's (CACHE) unless given; cache=None makes every one afresh."""
    cache = CACHE if cache == "project" else cache
    # WeasyPrint's notes on CSS it does not support (screen-only rules of print.css) are noise here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    css_text = (site / STYLESHEET).read_text(encoding="utf-8")
    stylesheet = None  # parsed when a PDF is to be made
    if cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only project: every PDF is made
            cache = None
    used: set[Path] = set()
    written = []
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
            if stylesheet is None:
                # WeasyPrint is loaded only to make a PDF: loading it takes longer than copying
                # every guide's PDF from the cache.
                from weasyprint import CSS
                stylesheet = CSS(filename=str(site / STYLESHEET))
            made = out if cached is None else _partial(cache)
            try:
                make_pdf(document, base, stylesheet, made)
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
    if cache is not None:
        _prune(cache, used)
    return written


def make_pdf(document: str, base: str | None, stylesheet, out: Path) -> None:
    """WeasyPrint: the one place a guide's PDF is made."""
    from weasyprint import HTML
    HTML(string=document, base_url=base, url_fetcher=_no_fetching()).write_pdf(out, stylesheets=[stylesheet])


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
    for part in (importlib.metadata.version("weasyprint"), repr(base), css_text, document):
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


if __name__ == "__main__":
    # `make serve` runs this aside after each rebuild (macros/products/__init__.py) and stops it
    # when a newer rebuild starts: a stop unwinds like an error, so no partial file is left.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        write_guide_pdfs(Path(sys.argv[1]))
    except FileNotFoundError as e:  # a newer rebuild is emptying the folder: its own run follows
        logging.getLogger(__name__).debug("The quick guides' PDFs were left to the next rebuild: %s", e)
    except Exception as e:  # noqa: BLE001 - the server goes on; the PDFs are made next time
        sys.exit(f"WARNING -  The quick guides' PDFs were not made: {e}")
