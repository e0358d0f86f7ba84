"""The practice pledge tool (Appendix 1) in chromium: saved in the browser as it is typed,
several assessments, JSON and CSV export, import, print, the six-month review. The form as
built from the data is site/test_pledge_tool_site.py's."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest

from macros.render.html import plain
from tool_support import (FIXTURES, confirm_click, download, export_json, import_file, local_context, open_tool, pdf_text,
                          print_pdf, saved)

SHEET = ".pl-sheet"

# What a practitioner types: (label of the box, text). Points 1 and 9 and extra row a.
CELLS = [
    ("Point 1: 2. Examples of current good practice", "Weekly case discussions start with the child's own words."),
    ("Point 1: 3. To improve my/our practice", "I/we pledge to record the child's views at every visit."),
    ("Point 9: 4. Factors that will help", "Help: the new recording template. Hinder: caseloads."),
    ("Point 9: 5. Anticipated signs of success", "Chronologies are up to date in every file we audit."),
    ("Row a: 1. Findings / recommendations", "Fathers were left out of assessments"),
    ("Row a: 3. To improve my/our practice", "I/we pledge to invite fathers to every assessment visit."),
]
EVIDENCE = [("Point 1", 1, "Audit: views recorded in 9 of 10 files", "MR"),
            ("Point 1", 2, "Parents say they feel listened to", "SUR")]


@pytest.fixture
def url(server):
    return f"{server}/practice-pledge/"


def fill(page, name="North locality team"):
    page.get_by_label("Name (individual / team):").fill(name)
    for label, text in CELLS:
        page.get_by_label(label).fill(text)
    for row, n, text, code in EVIDENCE:
        if n > 1:
            page.get_by_role("button", name=f"Add evidence for {row.lower()}", exact=True).click()
        page.get_by_label(f"{row}, evidence {n}", exact=True).fill(text)
        page.get_by_label(f"Source of {row.lower()}, evidence {n}").select_option(code)


def assert_filled(page, name="North locality team"):
    assert page.get_by_label("Name (individual / team):").input_value() == name
    for label, text in CELLS:
        assert page.get_by_label(label).input_value() == text
    for row, n, text, code in EVIDENCE:
        assert page.get_by_label(f"{row}, evidence {n}", exact=True).input_value() == text
        assert page.get_by_label(f"Source of {row.lower()}, evidence {n}").input_value() == code


def test_without_javascript_the_whole_form_prints_blank(browser, server, url, book):
    with local_context(browser, server, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(url)
        assert page.locator("tr[data-row]").count() == 14 + len(book.pledge_tool.extra_rows.labels)
        assert page.locator(".pl-sheet :is(textarea, input, select, button)").count() == 0
        table = page.locator(".pl-table").inner_text()
        for column in (c for stage in book.pledge_tool.stages for c in stage.columns):
            assert plain(column.label) in " ".join(table.split())
        pdf = print_pdf(page)
        assert all(p.mediabox.width > p.mediabox.height for p in pdf.pages)
        text = pdf_text(pdf)
        assert "Name (individual / team):" in text and "14) Practice that promotes partnership" in text


# --- in the browser ----------------------------------------------------------------------

def test_filled_cells_are_there_after_a_reload(browser, server, url):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        page.reload()
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert_filled(page)
        stored = json.loads(saved(page, "pledge"))
        assert stored["format"] == 2
        rows = stored["state"]["records"][0]["data"]["rows"]
        assert set(rows) == {"point-1", "point-9", "extra-a"}
        assert rows["point-1"]["review"][1] == {"text": "Parents say they feel listened to", "source": "SUR"}


def test_export_clear_import_round_trips_without_loss(browser, server, url, tmp_path):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        name, text = download(page, "Export assessment (JSON)")
        assert name == "practice-pledge-north-locality-team.json"
        exported = json.loads(text)
        assert exported["tool"] == "pledge" and exported["handbook"] == "safeguarding-practice-handbook"
        assert exported["format"] == 2 and "version" not in exported
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        page.get_by_label(CELLS[0][0]).fill("Changed after the export")
        import_file(page, path, replace=False)  # over work in progress: asked first, and declined
        page.get_by_role("status").filter(has_text="Nothing imported").wait_for()
        assert page.get_by_label(CELLS[0][0]).input_value() == "Changed after the export"
        page.get_by_label(CELLS[0][0]).fill(CELLS[0][1])

        question = confirm_click(page, "Clear assessment", accept=False)
        assert "North locality team" in question
        assert_filled(page)
        confirm_click(page, "Clear assessment", accept=True)
        assert page.get_by_label(CELLS[0][0]).input_value() == ""
        page.reload()
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert page.get_by_label(CELLS[0][0]).input_value() == ""

        import_file(page, path)  # over the cleared assessment: nothing to lose, no question
        page.get_by_role("status").filter(has_text="Imported North locality team").wait_for()
        assert_filled(page)
        again = export_json(page, "Export assessment (JSON)")
        assert again["data"] == exported["data"]


def test_csv_has_one_row_per_point_with_the_form_columns(browser, server, url, book):
    tool = book.pledge_tool
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        page.get_by_label("Stage 1 completed on:").fill("2026-01-31")
        name, text = download(page, "Export CSV")
    assert name.endswith(".csv")
    table = list(csv.reader(io.StringIO(text)))
    head, rows = table[0], table[1:]
    columns = [f"{c.number}. {plain(c.label)}" for stage in tool.stages for c in stage.columns]
    assert head == ([f.label.rstrip(":") for f in tool.fields]
                    + ["Stage 1 completed on", "Stage 2 review due (6 months on)", "Area"] + columns)
    assert len(rows) == 14 + len(tool.extra_rows.labels)
    by_finding = {r[head.index(columns[0])].split(")")[0]: dict(zip(head, r)) for r in rows}
    point_1, point_9, row_a = by_finding["1"], by_finding["9"], by_finding["a"]
    assert point_1[columns[1]] == CELLS[0][1]
    assert point_1[columns[5]] == "Audit: views recorded in 9 of 10 files (MR)\nParents say they feel listened to (SUR)"
    assert point_9[columns[3]] == CELLS[2][1]
    assert row_a[columns[0]] == "a) Fathers were left out of assessments"
    assert point_1["Area"].startswith("1) Children - young people")
    assert {r[0] for r in rows} == {"North locality team"}
    assert point_1["Stage 2 review due (6 months on)"] == "2026-07-31"


def foreign_files(text: str) -> dict[str, tuple[str, str]]:
    """Files that must be refused: name -> (content, what the error says), from a good export."""
    good = json.loads(text)

    def changed(**parts):
        return json.dumps({**good, **parts})

    record = good["data"]
    bad_row = {**record, "data": {**record["data"], "rows": {"point-99": {"pledge": "x"}}}}
    bad_code = json.loads(text)
    bad_code["data"]["data"]["rows"]["point-1"]["review"][0]["source"] = "XX"
    return {
        "not-json.json": ("{ this is not json", "it is not valid JSON"),
        "other.json": (json.dumps({"name": "a file from somewhere else"}), "not an export from this handbook"),
        "reflection.json": (changed(tool="reflection"), "exported from a different tool"),
        "future.json": (changed(format=3), "exported by a newer version of the handbook (format 3)"),
        "bad-format.json": (changed(format="two"), "unsupported version (two)"),
        "unknown-row.json": (changed(data=bad_row), "a row this form does not have (point-99)"),
        "bad-source.json": (json.dumps(bad_code), "Point 1: its evidence entries are malformed"),
    }


def test_a_malformed_or_foreign_import_is_refused_and_changes_nothing(browser, server, url, tmp_path):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        _, text = download(page, "Export assessment (JSON)")
        before = saved(page, "pledge")
        for name, (content, says) in foreign_files(text).items():
            path = tmp_path / name
            path.write_text(content, encoding="utf-8")
            import_file(page, path)
            alert = page.get_by_role("alert").filter(has_text=says)
            alert.wait_for()
            assert alert.inner_text().startswith("Not imported:") and "Nothing saved here has changed" in alert.inner_text()
            assert saved(page, "pledge") == before, name
            assert_filled(page)


def test_two_assessments_are_kept_apart(browser, server, url):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page, "Sam Jones")
        page.get_by_role("button", name="New assessment").click()
        assert page.get_by_label(CELLS[0][0]).input_value() == ""
        page.get_by_label("Name (individual / team):").fill("Duty team")
        page.get_by_label(CELLS[0][0]).fill("The team's own example")
        picker = page.get_by_label("Assessment", exact=True)
        assert picker.locator("option").all_inner_texts() == ["Sam Jones", "Duty team"]

        picker.select_option(label="Sam Jones")
        assert_filled(page, "Sam Jones")
        page.reload()
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert_filled(page, "Sam Jones")
        page.get_by_label("Assessment", exact=True).select_option(label="Duty team")
        assert page.get_by_label(CELLS[0][0]).input_value() == "The team's own example"
        assert page.get_by_label(CELLS[1][0]).input_value() == ""

        confirm_click(page, "Delete assessment", accept=True)
        assert page.get_by_label("Assessment", exact=True).locator("option").all_inner_texts() == ["Sam Jones"]
        assert_filled(page, "Sam Jones")


def test_evidence_entries_are_added_and_removed_by_keyboard(browser, server, url):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        page.get_by_role("button", name="Add evidence for point 2", exact=True).focus()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Point 2, evidence 2"
        page.keyboard.type("Colleague noticed the change")
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Source of point 2, evidence 2"
        page.get_by_label("Remove point 2, evidence 1").press("Enter")
        assert page.get_by_label("Point 2, evidence 1", exact=True).input_value() == "Colleague noticed the change"


def test_print_is_a_landscape_table_with_what_was_typed(browser, server, url):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        pdf = print_pdf(page)
    assert all(p.mediabox.width > p.mediabox.height for p in pdf.pages)
    text = pdf_text(pdf)
    for _, typed in CELLS:
        assert typed in text
    assert "Audit: views recorded in 9 of 10 files (MR)" in text
    assert "North locality team" in text
    assert "Examples of current good practice" in text and "Review 6 months on" in text
    assert "Export assessment" not in text and "Add evidence" not in text


def test_a_team_completes_stage_1_and_returns_six_months_later(browser, server, url, tmp_path):
    """Done when: stage 1 for all fourteen points; the browser closed; stage 2 six months on."""
    pledges = {n: f"Point {n}: we pledge to act on this by March." for n in range(1, 15)}
    with local_context(browser, server) as context:
        page = context.new_page()
        page.clock.set_fixed_time(datetime(2026, 1, 15, 10, 0))
        page.goto(url)
        page.wait_for_selector(".pl-sheet.is-enhanced")
        page.get_by_label("Name (individual / team):").fill("North locality team")
        page.get_by_label("Details (full address").fill("Civic Centre, North Street / 01234 567890")
        for n, pledge in pledges.items():
            page.get_by_label(f"Point {n}: 2. Examples").fill(f"Point {n}: an example of good practice.")
            page.get_by_label(f"Point {n}: 3. To improve").fill(pledge)
            page.get_by_label(f"Point {n}: 4. Factors").fill(f"Point {n}: supervision helps; workload may hinder.")
            page.get_by_label(f"Point {n}: 5. Anticipated").fill(f"Point {n}: we will see it in audits.")
        page.get_by_label("Stage 1 completed on:").fill("2026-01-15")
        due = page.locator(".pl-due")
        assert due.inner_text() == "15 July 2026"
        state = context.storage_state()

    with local_context(browser, server, storage_state=state) as context:
        page = context.new_page()
        page.clock.set_fixed_time(datetime(2026, 7, 20, 9, 0))
        page.goto(url)
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert page.locator(".pl-due").inner_text() == "15 July 2026: the review is due now"
        for n, pledge in pledges.items():
            assert page.get_by_label(f"Point {n}: 3. To improve").input_value() == pledge
        for n, code in ((1, "SR"), (4, "MR"), (14, "CR")):
            page.get_by_label(f"Point {n}, evidence 1", exact=True).fill(f"Point {n}: evidence six months on")
            page.get_by_label(f"Source of point {n}, evidence 1").select_option(code)
        pdf = print_pdf(page)
    assert all(p.mediabox.width > p.mediabox.height for p in pdf.pages)
    text = pdf_text(pdf)
    assert "15 July 2026: the review is due now" in text
    for n, pledge in pledges.items():
        assert pledge in text
    for n, code in ((1, "SR"), (4, "MR"), (14, "CR")):
        assert f"Point {n}: evidence six months on ({code})" in text


UNAVAILABLE = "Nothing you type here is being kept"
SWITCHED_OFF = {
    "every write refused": "Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };",
    "storage denied": "Object.defineProperty(window, 'localStorage', "
                      "{get() { throw new DOMException('denied', 'SecurityError'); }});",
}


@pytest.mark.parametrize("script", SWITCHED_OFF.values(), ids=SWITCHED_OFF.keys())
def test_when_the_browser_will_not_store_anything_it_says_so_at_once(browser, server, url, script):
    with local_context(browser, server) as context:
        context.add_init_script(script)
        page = open_tool(context, url, SHEET)
        assert page.locator(".hb-tool-notices").inner_text().startswith(UNAVAILABLE)  # before any typing
        page.get_by_label(CELLS[0][0]).fill("Typed with nowhere to keep it")
        assert page.locator(".hb-tool-error").inner_text().startswith("Not saved: this browser is keeping nothing")
        page.get_by_role("button", name="Add a row").click()
        page.get_by_role("button", name="New assessment").click()
        assert page.locator(".hb-tool-error").inner_text().startswith("Not saved: this browser is keeping nothing")
        assert "saved" not in page.locator(".hb-tool-status").inner_text().lower()


def test_when_storage_fills_up_it_says_not_saved_and_never_saved(browser, server, url):
    with local_context(browser, server) as context:
        # Storage works (the page's check passes) until the tool's own save.
        context.add_init_script("""const setItem = Storage.prototype.setItem;
            Storage.prototype.setItem = function (key, value) {
              if (key === 'safeguarding-handbook:pledge' && window.hbFull) throw new DOMException('full', 'QuotaExceededError');
              return setItem.call(this, key, value);
            };""")
        page = open_tool(context, url, SHEET)
        page.get_by_label(CELLS[0][0]).fill("Saved while there was room")
        assert page.locator(".hb-tool-status").inner_text() == "All changes saved in this browser."
        page.evaluate("window.hbFull = true")
        page.get_by_label(CELLS[1][0]).fill("Typed once storage is full")
        assert page.locator(".hb-tool-error").inner_text().startswith("Not saved: this browser would not keep it")
        assert page.locator(".hb-tool-status").inner_text() == ""
        page.evaluate("window.hbFull = false")
        page.get_by_label(CELLS[1][0]).fill("Typed once there is room again")
        assert page.locator(".hb-tool-status").inner_text() == "All changes saved in this browser."
        page.reload()
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert page.get_by_label(CELLS[1][0]).input_value() == "Typed once there is room again"


def test_work_saved_by_another_version_is_kept_not_overwritten(browser, server, url):
    older = {"current": "r1", "records": [{"id": "r1", "created": "2025-01-01T00:00:00Z",
                                           "updated": "2025-01-01T00:00:00Z",
                                           "data": {"fields": {"name": "Old team"}, "rows": {"point-15": {"pledge": "x"}}}}]}
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        page.evaluate("state => localStorage.setItem('safeguarding-handbook:pledge', JSON.stringify(state))", older)
        page.reload()
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert "could not be read by this version" in page.locator(".hb-tool-notices").inner_text()
        name, text = download(page, "Download the earlier work")
        assert json.loads(text) == older
        page.get_by_label(CELLS[0][0]).fill("New work")
        assert json.loads(saved(page, "pledge:unreadable")) == older


def test_work_saved_by_the_first_release_still_loads(browser, server, url):
    """What the first release saved (the bare list of records, before formats) is read as it is."""
    export = json.loads((FIXTURES / "pledge-format-1.json").read_text(encoding="utf-8"))
    first = {"current": export["data"]["id"], "records": [export["data"]]}
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        page.evaluate("state => localStorage.setItem('safeguarding-handbook:pledge', JSON.stringify(state))", first)
        page.reload()
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert page.get_by_label(CELLS[0][0]).input_value() == "Saved by format 1: weekly case discussions."
        assert page.locator(".hb-tool-notices").is_hidden()
        page.get_by_label(CELLS[1][0]).fill("Added now")
        now = json.loads(saved(page, "pledge"))
        assert now["format"] == 2 and now["state"]["records"][0]["data"]["rows"]["point-1"]["good-practice"] == \
            "Saved by format 1: weekly case discussions."


# --- rows after a)–e) ---------------------------------------------------------------------

ROW_F, ROW_G = "Row f: 1. Findings / recommendations", "Row g: 3. To improve my/our practice"


def test_rows_are_added_saved_exported_imported_printed_and_removed(browser, server, url, tmp_path):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        fill(page)
        page.get_by_role("button", name="Add a row").click()
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')").startswith(ROW_F)
        page.keyboard.type("Siblings were not seen")
        page.get_by_role("button", name="Add a row").click()
        page.get_by_label(ROW_G).fill("I/we pledge to see every child in the household.")
        page.get_by_label("Row g, evidence 1", exact=True).fill("Audit of sibling visits")
        assert [r for r in page.eval_on_selector_all("tr[data-row]", "els => els.map(e => e.dataset.row)")
                if r.startswith("extra-")] == ["extra-a", "extra-b", "extra-c", "extra-d", "extra-e", "extra-f", "extra-g"]
        page.reload()
        page.wait_for_selector(".pl-sheet.is-enhanced")
        assert page.get_by_label(ROW_F).input_value() == "Siblings were not seen"
        assert page.get_by_label("Row g, evidence 1", exact=True).input_value() == "Audit of sibling visits"

        name, text = download(page, "Export assessment (JSON)")
        exported = json.loads(text)["data"]["data"]
        assert exported["added"] == ["f", "g"] and exported["rows"]["extra-f"] == {"finding": "Siblings were not seen"}
        _, table = download(page, "Export CSV")
        lines = list(csv.reader(io.StringIO(table)))
        findings = [r[lines[0].index(next(h for h in lines[0] if h.startswith("1. Findings")))] for r in lines[1:]]
        assert findings[-2:] == ["f) Siblings were not seen", "g)"] and len(lines) == 1 + 14 + 5 + 2

        text_pdf = pdf_text(print_pdf(page))
        assert "Siblings were not seen" in text_pdf and "see every child in the household" in text_pdf
        assert "Add a row" not in text_pdf and "Remove row" not in text_pdf

        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Remove row f", exact=True).click()
        assert page.locator("tr[data-row=extra-f]").count() == 0
        assert page.evaluate("() => document.activeElement.textContent") == "Add a row"
        kept = json.loads(saved(page, "pledge"))["state"]["records"][0]["data"]
        assert kept["added"] == ["g"] and "extra-f" not in kept["rows"]

        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        import_file(page, path, replace=True)  # f and g come back with the file
        page.get_by_role("status").filter(has_text="Imported").wait_for()
        assert page.get_by_label(ROW_F).input_value() == "Siblings were not seen"
        assert page.get_by_label(ROW_G).input_value() == "I/we pledge to see every child in the household."


def test_an_empty_added_row_is_removed_without_a_question(browser, server, url):
    with local_context(browser, server) as context:
        page = open_tool(context, url, SHEET)
        page.get_by_role("button", name="Add a row").click()
        page.on("dialog", lambda dialog: pytest.fail("asked before removing an empty row"))
        page.get_by_role("button", name="Remove row f", exact=True).click()
        assert page.locator("tr[data-row=extra-f]").count() == 0
        assert "added" not in json.loads(saved(page, "pledge"))["state"]["records"][0]["data"]


def test_without_javascript_there_is_no_add_a_row_button(browser, server, url):
    with local_context(browser, server, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(url)
        assert page.get_by_role("button", name="Add a row").count() == 0
