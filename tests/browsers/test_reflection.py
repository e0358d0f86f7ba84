"""The reflection sheet (Appendix 2): every consideration a box to tick, a notes field per
dimension, saved, exported, imported and printed with the pledge tool's shared code."""
from __future__ import annotations

import csv
import io
import json

import pytest

from macros.model import shapes as m
from tool_support import (confirm_click, download, import_file, local_context, open_tool, pdf_text, print_pdf,
                          saved)

SHEET = ".rf-sheet"
TICKS = [("dim-worker-experience", "Personal and professional experience"), ("dim-worker-knowledge", "know why"),
         ("dim-worker-communication", "Understanding of data protection issues")]
NOTE = "Alex has five years in the duty team and is confident in court."


@pytest.fixture
def url(server):
    return f"{server}/reflection/"


def keys(entries: list[m.Entry], key: str) -> list[str]:
    out = []
    for n, entry in enumerate(entries, 1):
        out += [f"{key}.{n}"] + keys(entry.items, f"{key}.{n}")
    return out


def every_consideration(book) -> list[str]:
    return [k for d in book.professional_dimension.domains for dim in d.dimensions
            for k in keys(dim.considerations, dim.id)]


def box(page, dimension, text):
    return page.locator(f"[data-dimension={dimension}]").get_by_label(text, exact=True)


def fill(page):
    page.get_by_label("Practitioner:").fill("Alex Morgan")
    page.get_by_label("Supervisor:").fill("Pat Lee")
    page.get_by_label("Date:").fill("2026-03-02")
    for dimension, text in TICKS:
        box(page, dimension, text).check()
    page.locator("#rf-notes-dim-worker-experience").fill(NOTE)


def assert_filled(page):
    assert page.get_by_label("Practitioner:").input_value() == "Alex Morgan"
    for dimension, text in TICKS:
        assert box(page, dimension, text).is_checked()
    assert not box(page, "dim-worker-experience", "Levels of confidence in relation to what works;").is_checked()
    assert page.locator("#rf-notes-dim-worker-experience").input_value() == NOTE


def test_without_javascript_every_consideration_is_on_the_sheet(browser, server, url, book):
    with local_context(browser, server, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(url)
        shown = page.eval_on_selector_all("li[data-check]", "els => els.map(e => e.dataset.check)")
        assert shown == every_consideration(book)
        dimensions = [dim.id for d in book.professional_dimension.domains for dim in d.dimensions]
        assert page.eval_on_selector_all(".rf-notes", "els => els.map(e => e.dataset.notes)") == dimensions
        assert page.locator(".rf-checks input, .rf-notes textarea").count() == 0
        assert "Appropriate exercise of that authority" in page.locator("[data-dimension=dim-worker-use-of-authority]").inner_text()


def test_ticks_and_notes_are_there_after_a_reload(browser, server, url):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        page.reload()
        page.wait_for_selector(".rf-sheet.is-enhanced")
        assert_filled(page)
        data = json.loads(saved(page, "reflection"))["state"]["records"][0]["data"]
        assert data["checked"] == ["dim-worker-experience.1", "dim-worker-knowledge.1.3", "dim-worker-communication.4"]


def test_export_clear_import_round_trip_and_a_pledge_file_is_refused(browser, server, url, tmp_path):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        name, text = download(page, "Export reflection sheet (JSON)")
        assert name == "reflection-alex-morgan-2026-03-02.json"
        confirm_click(page, "Clear reflection sheet", accept=True)
        assert not box(page, *TICKS[0]).is_checked()

        pledge = tmp_path / "pledge.json"
        pledge.write_text(json.dumps({**json.loads(text), "tool": "pledge"}), encoding="utf-8")
        before = saved(page, "reflection")
        import_file(page, pledge)
        page.get_by_role("alert").filter(has_text="exported from a different tool (pledge)").wait_for()
        assert saved(page, "reflection") == before

        good = tmp_path / name
        good.write_text(text, encoding="utf-8")
        import_file(page, good)
        page.get_by_role("status").filter(has_text="Imported Alex Morgan").wait_for()
        assert_filled(page)
        assert json.loads(download(page, "Export reflection sheet (JSON)")[1])["data"] == json.loads(text)["data"]


def test_print_is_a4_with_ticks_and_notes(browser, server, url):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        pdf = print_pdf(page)
    assert all(p.mediabox.width < p.mediabox.height for p in pdf.pages)
    assert round(float(pdf.pages[0].mediabox.width) / 72 * 25.4) == 210
    text = pdf_text(pdf)
    assert NOTE in text and "Alex Morgan" in text and "2 March 2026" in text
    assert "'Inter-agency' domain" in text and "Export reflection sheet" not in text


def test_csv_has_a_row_per_consideration_and_the_notes_of_each_dimension(browser, server, url, book):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        name, text = download(page, "Export CSV")
    assert name == "reflection-alex-morgan-2026-03-02.csv"
    table = list(csv.reader(io.StringIO(text)))
    head, rows = table[0], [dict(zip(table[0], r)) for r in table[1:]]
    assert head == ["Practitioner", "Supervisor", "Date", "Domain", "Dimension", "Ref", "Consideration", "Ticked", "Notes"]
    considerations = [r for r in rows if r["Consideration"] != "Notes"]
    assert len(considerations) == len(every_consideration(book))
    assert {r["Practitioner"] for r in rows} == {"Alex Morgan"} and {r["Date"] for r in rows} == {"2026-03-02"}
    ticked = [(r["Dimension"], r["Consideration"]) for r in considerations if r["Ticked"] == "yes"]
    assert len(ticked) == 3 and ticked[0][1] == "Personal and professional experience"
    experience = [r for r in rows if r["Consideration"] == "Notes" and r["Notes"]]
    assert len(experience) == 1 and experience[0]["Notes"] == NOTE
    dimensions = [dim for d in book.professional_dimension.domains for dim in d.dimensions]
    assert len([r for r in rows if r["Consideration"] == "Notes"]) == len(dimensions)
    first = dimensions[0]
    assert considerations[0]["Dimension"] == first.title and considerations[0]["Ref"] == "1"
    assert considerations[0]["Domain"] == book.professional_dimension.domains[0].title
