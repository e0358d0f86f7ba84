"""Helpers for the working-sheet tests (practice pledge, reflection sheet): a browser context
that records every request, downloads, imports, confirmations and printing to PDF."""
from __future__ import annotations

import json
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from chromium import NO_WORKER
from pdf_words import Words, pdf_words
from project import ROOT

FIXTURES = ROOT / "tests" / "browsers" / "fixtures"  # an export of each tool in each format so far


@contextmanager
def local_context(browser, server, **options):
    """A fresh browser context; on leaving it, every request it made must have gone to `server`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, **options, **NO_WORKER)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        yield context
    finally:
        context.close()
    foreign = [url for url in requests if not url.startswith((server + "/", "blob:", "data:"))]
    assert requests and not foreign, foreign


def open_tool(context, url, sheet):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(f"{sheet}.is-enhanced")
    return page


def download(page, button: str) -> tuple[str, str]:
    """Clicks an export button; the downloaded file's name and text."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    item = info.value
    return item.suggested_filename, Path(item.path()).read_text(encoding="utf-8-sig")


def export_json(page, button: str) -> dict:
    return json.loads(download(page, button)[1])


def import_file(page, path: Path, replace: bool | None = None):
    """Imports a file as a reader does; `replace` answers the question asked before an import
    overwrites a saved record with something in it (None: no question is expected)."""
    if replace is not None:
        page.once("dialog", lambda dialog: dialog.accept() if replace else dialog.dismiss())
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import (JSON)…").click()
    chooser.value.set_files(str(path))


def confirm_click(page, button: str, accept: bool) -> str:
    """Clicks a button that asks for confirmation; answers it and returns the question."""
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", answer)
    page.get_by_role("button", name=button).click()
    assert asked, f"{button} did not ask for confirmation"
    return asked[0]


def saved(page, tool: str) -> str | None:
    return page.evaluate(f"() => localStorage.getItem('safeguarding-handbook:{tool}')")


def print_pdf(page) -> PdfReader:
    """The page printed as the browser prints it (its own @page size), read back."""
    return PdfReader(BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))


def pdf_text(reader: PdfReader) -> Words:
    """The printed words (pdf_words.py: a phrase is found whatever lines the page broke it over,
    and a font's ligatures, the "fi" of "file" drawn as one glyph, read as letters)."""
    return pdf_words(reader)
