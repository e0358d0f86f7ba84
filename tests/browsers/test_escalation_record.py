"""The escalation record in chromium: saved as you type on this device only, survives a reload,
exports, clears, imports, refuses a malformed file with the saved entries untouched, and prints."""
import io
import json

import pytest
from pypdf import PdfReader

from chromium import NO_WORKER
from pdf_words import pdf_words


RECORD = "/escalation/record/"
KEY = "safeguarding-handbook:escalation-record"
CLEAR = {"escalating": "Refusal of the referral for Child A", "achieve": "A strategy discussion",
         "outcome": "Referral accepted", "timescale": "By Friday 5pm"}
STAGE = {"date": "2025-03-14", "who": "J. Smith, health visitor", "with-whom": "Duty team manager, CSC",
         "outcome": "Not agreed; to be referred on", "actions": "Team manager to call back by noon"}


@pytest.fixture
def record(page, server):
    """The record page, with nothing saved, and every request it makes noted."""
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + RECORD)
    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator(".hb-record__tools").wait_for()
    yield page
    assert all(url.startswith(server) or url.startswith(("blob:", "data:")) for url in requests), \
        [u for u in requests if not u.startswith(server)]


def fill(page):
    for field, text in CLEAR.items():
        page.locator(f"[data-clear='{field}']").fill(text)
    stage = page.locator("[data-stage]").first
    for field, text in STAGE.items():
        stage.locator(f"[data-field='{field}']").fill(text)
    stage.locator("[data-field='confirmation']").check()


def shown(page):
    clear = {f: page.locator(f"[data-clear='{f}']").input_value() for f in CLEAR}
    stage = page.locator("[data-stage]").first
    stages = {f: stage.locator(f"[data-field='{f}']").input_value() for f in STAGE}
    return clear, stages, stage.locator("[data-field='confirmation']").is_checked()


def saved(page):
    """The record as saved ({"format": 2, "state": record})."""
    text = page.evaluate(f"localStorage.getItem('{KEY}')")
    if not text:
        return None
    stored = json.loads(text)
    assert stored["format"] == 2
    return stored["state"]


def test_the_page_says_entries_stay_here_and_the_case_record_is_the_record(record):
    text = record.locator(".hb-record__privacy").inner_text()
    assert "Entries stay on this device" in text and "the agency’s case record remains the record" in text
    legend = record.locator(".hb-record__clear legend").inner_text()
    assert legend.startswith("Be clear about") and "1.7" in legend


def test_fill_reload_export_clear_import(record, tmp_path):
    page = record
    fill(page)
    assert page.locator(".hb-record__status").inner_text().startswith("Saved on this device at ")
    page.reload()
    assert shown(page) == (CLEAR, STAGE, True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export (JSON file)").click()
    exported = tmp_path / "record.json"
    download.value.save_as(exported)
    envelope = json.loads(exported.read_text(encoding="utf-8"))
    assert envelope["tool"] == "escalation-record" and envelope["data"]["clear"] == CLEAR
    assert envelope["format"] == 2 and "version" not in envelope
    assert envelope["data"]["stages"][0]["confirmation"] is True

    page.once("dialog", lambda d: d.dismiss())  # changing one's mind keeps everything
    page.get_by_role("button", name="Clear this record").click()
    assert shown(page)[0] == CLEAR
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear this record").click()
    assert saved(page) is None
    assert all(v == "" for v in shown(page)[0].values())

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import a JSON file").click()
    chooser.value.set_files(str(exported))
    page.locator(".hb-record__status", has_text="Imported").wait_for()
    assert shown(page) == (CLEAR, STAGE, True)
    assert saved(page)["clear"] == CLEAR
    page.reload()
    assert shown(page) == (CLEAR, STAGE, True)


@pytest.mark.parametrize("content, says", [
    (b"{ not json", "not valid JSON"),
    (json.dumps({"handbook": "safeguarding-practice-handbook", "tool": "pledge", "version": 1, "data": {}}).encode(),
     "different tool"),
    (json.dumps({"handbook": "safeguarding-practice-handbook", "tool": "escalation-record", "version": 1,
                 "data": {"route": "", "clear": {"escalating": 5}, "stages": []}}).encode(), "should be text"),
])
def test_a_malformed_import_is_refused_and_the_saved_record_kept(record, content, says):
    page = record
    fill(page)
    before = saved(page)
    page.locator("#hb-record-file").set_input_files(files=[{"name": "bad.json", "mimeType": "application/json",
                                                            "buffer": content}])
    error = page.locator(".hb-record__error")
    error.filter(has_text="has not been changed").wait_for()
    assert says in error.inner_text()
    assert saved(page) == before
    assert shown(page) == (CLEAR, STAGE, True)


def test_stages_are_added_and_removed(record):
    page = record
    fill(page)
    page.get_by_role("button", name="Add a stage").click()
    assert page.evaluate("document.activeElement.id") == "hb-stage-2-date"
    page.locator("#hb-stage-2-outcome").fill("Agreed at the meeting")
    assert page.locator("label[for='hb-stage-2-outcome']").inner_text() == "Outcome"
    assert [s["outcome"] for s in saved(page)["stages"]] == [STAGE["outcome"], "Agreed at the meeting"]
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-stage]").first.get_by_role("button", name="Remove this stage").click()
    assert [s["outcome"] for s in saved(page)["stages"]] == ["Agreed at the meeting"]
    assert page.locator("[data-stage] legend").first.inner_text() == "Stage 1"


def test_it_prints_the_entries_without_the_buttons(record):
    page = record
    fill(page)
    page.locator("[data-clear='escalating']").fill("A long account. " * 40)
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Export (JSON file)").is_visible()
    assert not page.locator(".hb-record__privacy").is_visible()
    assert page.locator(".hb-record__print-head").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = pdf_words(pdf)
    for words in ("Escalation record", "By Friday 5pm", "Team manager to call back by noon",
                  "Written confirmation sent", "Stage 1"):
        assert words in text, words
    assert text.count("A long account.") == 40  # a long entry is printed in full, not cut off
    assert "Export (JSON file)" not in text and "Add a stage" not in text


def test_without_javascript_the_form_is_a_printable_blank(browser, server):
    context = browser.new_context(java_script_enabled=False, **NO_WORKER)
    page = context.new_page()
    page.goto(server + RECORD)
    assert page.locator(".hb-record__nojs").is_visible()
    assert page.get_by_label("What you are escalating").is_visible()
    assert page.get_by_label("Written confirmation sent").is_visible()
    context.close()


def test_an_import_over_a_saved_record_asks_first(record, tmp_path):
    page = record
    fill(page)
    before = saved(page)
    other = json.dumps({"handbook": "safeguarding-practice-handbook", "tool": "escalation-record", "version": 1,
                        "data": {"route": "", "clear": {"escalating": "Another case"}, "stages": [{}]}}).encode()
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator("#hb-record-file").set_input_files(files=[{"name": "other.json", "mimeType": "application/json",
                                                            "buffer": other}])
    page.locator(".hb-record__status", has_text="Nothing imported").wait_for()
    assert asked and asked[0].startswith("Replace the escalation record saved in this browser with the copy in other.json")
    assert saved(page) == before and shown(page) == (CLEAR, STAGE, True)
    page.once("dialog", lambda d: d.accept())
    page.locator("#hb-record-file").set_input_files(files=[{"name": "other.json", "mimeType": "application/json",
                                                            "buffer": other}])
    page.locator(".hb-record__status", has_text="Imported other.json").wait_for()
    assert saved(page)["clear"] == {"escalating": "Another case"}


@pytest.mark.parametrize("script", [
    "Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };",
    "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});",
], ids=["every write refused", "storage denied"])
def test_when_the_browser_will_not_store_anything_it_says_so_at_once(page, server, script):
    page.context.add_init_script(script)
    page.goto(server + RECORD)
    page.locator(".hb-record__tools").wait_for()
    assert page.locator(".hb-record__notices").inner_text().startswith("Nothing you type here is being kept")
    fill(page)
    assert page.locator(".hb-record__status").inner_text() == ""
    assert page.locator(".hb-record__error").inner_text().startswith("Not saved: this browser is keeping nothing")


def test_when_storage_fills_up_it_says_not_saved(record):
    page = record
    page.locator("[data-clear='escalating']").fill("Saved while there was room")
    page.evaluate("""() => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }""")
    page.locator("[data-clear='achieve']").fill("Typed once storage is full")
    assert page.locator(".hb-record__status").inner_text() == ""
    assert page.locator(".hb-record__error").inner_text().startswith("Not saved: this browser would not keep it")
    assert saved(page)["clear"]["escalating"] == "Saved while there was room"


def test_a_saved_record_this_version_cannot_read_is_kept_and_offered(record):
    page = record
    older = {"route": "", "clear": {"a-field-of-another-version": "Typed long ago"}, "stages": []}
    page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify({json.dumps(older)}))")
    page.reload()
    page.locator(".hb-record__tools").wait_for()
    notice = page.locator(".hb-record__notices").inner_text()
    assert "could not be read by this version" in notice and "not in a shape this version knows" in notice
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the earlier work").click()
    assert json.loads(open(download.value.path(), encoding="utf-8").read()) == older
    page.locator("[data-clear='escalating']").fill("New work")
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}:unreadable')")) == older
    assert saved(page)["clear"]["escalating"] == "New work"
