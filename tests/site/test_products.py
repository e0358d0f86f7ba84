"""The products step over a built site (`python -m macros.products`): a guide's PDF is made
again only when what it is made from changed (its document, the stylesheet, its base URL);
otherwise it comes from the cache outside the site, and a site that already holds it is not
written at all."""
from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.products import pdf
from project import ROOT


@pytest.fixture
def made(monkeypatch) -> list[Path]:
    """Every PDF WeasyPrint is asked to make, in order (WeasyPrint itself still makes it)."""
    calls: list[Path] = []
    real = pdf.make_pdf

    def counting(document, base, stylesheet, out):
        calls.append(out)
        real(document, base, stylesheet, out)
    monkeypatch.setattr(pdf, "make_pdf", counting)
    return calls


@pytest.fixture
def stand_in(monkeypatch) -> list[str]:
    """As `made`, but each "PDF" is its document's text: for the tests that only count."""
    documents: list[str] = []

    def fake(document, base, stylesheet, out):
        documents.append(document)
        Path(out).write_text(document, encoding="utf-8")
    monkeypatch.setattr(pdf, "make_pdf", fake)
    return documents


def fresh_copy(site: Path, dest: Path) -> Path:
    """The built site without its PDFs, as the engine leaves it before the products step: its
    worker as in docs/, the list of kept files still to be written in it."""
    shutil.copytree(site, dest, ignore=shutil.ignore_patterns("*.pdf"))
    shutil.copyfile(ROOT / "docs" / "sw.js", dest / "sw.js")
    return dest


def state(paths: list[Path]) -> dict[Path, tuple[int, bytes]]:
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in paths}


def test_a_second_run_over_an_unchanged_site_makes_and_writes_no_pdf(site, tmp_path, made):
    copy = fresh_copy(site, tmp_path / "site")
    first = pdf.write_guide_pdfs(copy, cache=tmp_path / "cache")
    assert len(made) == len(first) > 0 and all(p.is_file() for p in first)
    before = state(first)
    made.clear()
    again = pdf.write_guide_pdfs(copy, cache=tmp_path / "cache")
    assert made == [] and again == first
    assert state(again) == before  # not rewritten: the same time stamps and bytes
    # A PDF from the cache is the one WeasyPrint made: it opens, with its pages.
    assert all(len(PdfReader(p).pages) >= 1 for p in again)


def test_a_new_site_folder_takes_unchanged_pdfs_from_the_cache(site, tmp_path, stand_in):
    first = pdf.write_guide_pdfs(fresh_copy(site, tmp_path / "one"), cache=tmp_path / "cache")
    count = len(stand_in)
    second = pdf.write_guide_pdfs(fresh_copy(site, tmp_path / "two"), cache=tmp_path / "cache")
    assert len(stand_in) == count  # `make build` builds into site.new afresh: nothing made again
    assert [p.read_bytes() for p in second] == [p.read_bytes() for p in first]


def test_a_changed_guide_page_remakes_only_its_pdf(site, tmp_path, stand_in):
    copy = fresh_copy(site, tmp_path / "site")
    first = pdf.write_guide_pdfs(copy, cache=tmp_path / "cache")
    page = copy / "guides" / "seven-steps" / "index.html"
    text = page.read_text(encoding="utf-8")
    h1 = text.index("<h1")
    title_end = text.index("</h1>", h1)
    page.write_text(text[:title_end] + " (edited)" + text[title_end:], encoding="utf-8")
    others = [p for p in first if p.name != "quick-guide-seven-steps.pdf"]
    before = state(others)
    stand_in.clear()
    pdf.write_guide_pdfs(copy, cache=tmp_path / "cache")
    assert len(stand_in) == 1 and "(edited)" in stand_in[0]
    assert "(edited)" in (copy / "guides" / "quick-guide-seven-steps.pdf").read_text(encoding="utf-8")
    assert state(others) == before


def test_a_changed_stylesheet_remakes_every_pdf(site, tmp_path, stand_in):
    copy = fresh_copy(site, tmp_path / "site")
    first = pdf.write_guide_pdfs(copy, cache=tmp_path / "cache")
    stand_in.clear()
    css = copy / pdf.STYLESHEET
    css.write_text(css.read_text(encoding="utf-8") + "\n.hb-pdf h1 { letter-spacing: 0; }\n", encoding="utf-8")
    pdf.write_guide_pdfs(copy, cache=tmp_path / "cache")
    assert len(stand_in) == len(first)


def test_without_a_cache_every_pdf_is_made(site, tmp_path, stand_in):
    copy = fresh_copy(site, tmp_path / "site")
    first = pdf.write_guide_pdfs(copy, cache=None)
    pdf.write_guide_pdfs(copy, cache=None)
    assert len(stand_in) == 2 * len(first)
    assert not (tmp_path / "cache").exists()


def test_the_cache_keeps_this_runs_pdfs_and_the_most_recent_others(site, tmp_path, stand_in, monkeypatch):
    monkeypatch.setattr(pdf, "KEEP", 2)
    cache = tmp_path / "cache"
    copy = fresh_copy(site, tmp_path / "site")
    first = pdf.write_guide_pdfs(copy, cache=cache)
    css = copy / pdf.STYLESHEET
    css.write_text(css.read_text(encoding="utf-8") + "\n/* another */\n", encoding="utf-8")
    pdf.write_guide_pdfs(copy, cache=cache)
    assert len(list(cache.glob("*.pdf"))) == len(first) + 2
    assert not list(cache.glob("*.partial"))


def test_under_serve_the_pdfs_follow_the_rebuilt_pages_from_a_process_of_their_own(site, tmp_path):
    """`make serve` (macros/engine.py): the products step returns before the PDFs are made, by
    a process aside; a newer rebuild stops a run still going, so two never run at once."""
    from macros.products import make_products, pdfs_aside
    copy = fresh_copy(site, tmp_path / "site")
    # A stylesheet no PDF in the cache was made with: the run aside has every PDF to make, seconds
    # of work, so it is still going when the step returns (copying cached ones may not be).
    css = copy / pdf.STYLESHEET
    css.write_text(css.read_text(encoding="utf-8") + f"\n/* {uuid.uuid4().hex} */\n", encoding="utf-8")
    partials = set(pdf.CACHE.glob("*.partial"))
    make_products(copy, pdfs_in_background=True)
    first = pdfs_aside()
    assert first is not None and first.poll() is None  # the pages are served meanwhile
    shutil.copyfile(ROOT / "docs" / "sw.js", copy / "sw.js")  # a newer rebuild: the engine's pages,
    make_products(copy, pdfs_in_background=True)              # then its products
    assert first.poll() is not None and pdfs_aside() is not first
    assert pdfs_aside().wait(120) == 0
    assert (copy / "guides" / "quick-guide-seven-steps.pdf").is_file()
    assert len(list(copy.rglob("*.pdf"))) == len(list(site.rglob("*.pdf")))
    assert set(pdf.CACHE.glob("*.partial")) <= partials  # the stopped run left no half-made PDF


def test_the_worker_keeps_every_file_a_reader_reads_and_the_pdfs_within_the_budget(site, tmp_path):
    from project import ROOT
    from macros.products.worker import BUDGET, add_worker
    kept = re.findall(r'"url":"([^"]+)"', (site / "sw.js").read_text(encoding="utf-8"))
    assert "index.html" in kept and "search/records.js" in kept and "assets/javascripts/search/minisearch.js" in kept
    assert "guides/route-cards/route-card-3.1.pdf" in kept and "manifest.webmanifest" in kept
    assert not [k for k in kept if k.endswith(".map") or k in ("sw.js", "404.html") or "/lunr/" in k]
    # past the budget, the PDFs are left to be kept once opened
    small = tmp_path / "site"
    shutil.copytree(site, small)
    (small / "guides" / "huge.pdf").write_bytes(b"%PDF" + b"0" * BUDGET)
    (small / "sw.js").write_text((ROOT / "docs" / "sw.js").read_text(encoding="utf-8"), encoding="utf-8")
    listed = [rel for rel, _ in add_worker(small, keep=True)]
    assert "index.html" in listed and not [rel for rel in listed if rel.endswith(".pdf")]
