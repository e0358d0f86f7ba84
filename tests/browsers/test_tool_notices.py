"""The tools' notices (saved work kept aside, nothing being kept, changed in two tabs) and the
pledge's added rows, shown as a reader sees them: axe finds no WCAG A or AA violation, and no
Content Security Policy report is made (the notices and rows are styled by class only)."""
from __future__ import annotations

import pytest

from chromium import NO_WORKER
from quality_support import CSP_LISTENER
from test_accessibility import axe, describe

DENIED = "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});"


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **NO_WORKER)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.width_name = "desktop"
    yield page
    assert page.evaluate("window.__cspViolations") == []
    context.close()


def test_the_pledge_with_every_notice_and_an_added_row_passes_axe(tab, server):
    page = tab
    page.goto(server + "/practice-pledge/")
    page.wait_for_selector(".pl-sheet.is-enhanced")
    page.evaluate("localStorage.setItem('safeguarding-handbook:pledge', '{\"format\": 9, \"state\": {}}')")
    page.reload()
    page.wait_for_selector(".pl-sheet.is-enhanced")
    page.get_by_role("button", name="Add a row").click()
    page.keyboard.type("Siblings were not seen")
    box = page.get_by_label("Point 1: 2. Examples of current good practice")
    box.fill("Typed here")
    # Another tab's save and this tab's next keystroke, with no turn of the event loop between.
    page.evaluate("""() => { const key = 'safeguarding-handbook:pledge', saved = JSON.parse(localStorage.getItem(key));
        saved.state.records[0].data.rows['point-1'] = {'good-practice': 'Typed in another tab'};
        localStorage.setItem(key, JSON.stringify(saved));
        const box = document.activeElement;
        box.value += ', and more';
        box.dispatchEvent(new Event('input', {bubbles: true})); }""")
    page.locator(".hb-tool-float").wait_for()
    assert page.locator(".hb-tool-notice").count() == 2  # kept aside; changed in two tabs
    violations = axe(page)
    assert not violations, "\n".join(describe("practice-pledge/", violations))
    page.get_by_role("button", name="Dismiss this notice").click()
    assert page.locator(".hb-tool-float").is_hidden()
    assert page.locator(".hb-tool-notice").count() == 1


@pytest.mark.parametrize("path", ["escalation/record/", "reflection/"])
def test_nothing_being_kept_is_said_accessibly(tab, server, path):
    page = tab
    page.context.add_init_script(DENIED)
    page.goto(server + "/" + path)
    notice = page.locator(".hb-tool-notices").first
    notice.wait_for()
    assert notice.inner_text().startswith("Nothing you type here is being kept")
    assert notice.get_attribute("role") == "alert"
    violations = axe(page)
    assert not violations, "\n".join(describe(path, violations))
