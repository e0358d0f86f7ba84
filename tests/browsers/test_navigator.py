"""The escalation navigator in chromium: one question at a time, the step in the URL, Back and
Start again, the risk exit at every step, keyboard only, and the flowcharts without JavaScript."""
import datetime

import pytest

from chromium import NO_WORKER

NAVIGATOR = "/escalation/navigator/"

# One full path through each specific process (and the general route): the answers clicked,
# then the step reached, its heading, and a paragraph it must link to.
WALKS = {
    "3.1 referral, health": (["A referral or an enquiry", "No", "Next step", "No", "Next step", "No", "Yes",
                              "Next step", "Next step"],
                             "r3.1-shared", "Record the outcome and agreed actions", "3.1.4"),
    "3.2 conference needed": (["Whether a child protection conference is needed", "Next step", "No", "Next step",
                               "Yes"],
                              "r3.2-discuss", "Keep working to resolve them", "3.2.2"),
    "3.3 at conference": (["A decision at a child protection conference", "Next step", "Yes", "Yes", "Next step"],
                          "r3.3-head", "Discuss it with the Head of the Safeguarding Unit", "3.3.3"),
    "3.4 the plan": (["Implementing the child protection plan", "Yes", "No", "Next step", "No", "Next step"],
                     "r3.4-reconvene", "Consider reconvening the Child Protection Review Conference", "3.4.3"),
    "2 general": (["Another disagreement between agencies", "Next step", "No", "Next step", "Next step", "No",
                   "Next step", "No"],
                  "r2-unit", "Ask the Local Authority Children’s Services Safeguarding Unit", "2.7"),
}


def step_id(page):
    return page.evaluate("location.hash.slice(1)")


def title(page):
    return page.locator(".hb-nav__title").inner_text()


def shows(page, step):
    """Wait until the navigator shows this step (it marks the panel once drawn)."""
    page.locator(f"#hb-nav-step[data-step='{step}']").wait_for()


def answer(page, text):
    """Click the answer whose label starts with text, and wait for the next step to be drawn."""
    before = page.locator("#hb-nav-step").get_attribute("data-step")
    page.locator(".hb-nav__answers a").filter(has_text=text).first.click()
    page.wait_for_function("before => document.getElementById('hb-nav-step').dataset.step !== before", arg=before)


@pytest.fixture
def navigator(page, server):
    page.goto(server + NAVIGATOR)
    shows(page, "start")
    return page


@pytest.mark.parametrize("walk", WALKS, ids=list(WALKS))
def test_walk_a_full_path_with_the_step_in_the_url_and_back(navigator, walk):
    page = navigator
    answers, end, heading, paragraph = WALKS[walk]
    trail = [step_id(page) or "start"]
    for text in answers:
        answer(page, text)
        trail.append(step_id(page))
        # At every step: the risk exit, what to record and what to be clear about.
        assert page.locator(".hb-nav__risk").is_visible()
        assert "A clear record must be kept at all stages" in page.locator("#hb-nav-step").inner_text()
        assert "What you are escalating" in page.locator("#hb-nav-step").inner_text()
    assert trail[-1] == end and title(page).startswith(heading)
    assert page.locator(".hb-node__says a.hb-para", has_text=paragraph).count() >= 1
    assert "This is the end of this route." in page.locator("#hb-nav-step").inner_text()
    # The browser's Back goes one step back, the page's Back another, Forward returns.
    page.go_back()
    shows(page, trail[-2])
    assert step_id(page) == trail[-2]
    page.get_by_role("button", name="Back", exact=True).click()
    shows(page, trail[-3])
    assert step_id(page) == trail[-3]
    page.go_forward()
    shows(page, trail[-2])
    page.get_by_role("link", name="Start again").click()
    shows(page, "start")
    assert title(page) == "What is the disagreement about?"


def test_the_risk_exit_from_any_step(navigator):
    page = navigator
    answer(page, "Implementing the child protection plan")
    answer(page, "Yes")
    page.get_by_role("link", name="Yes, a child is at risk now").click()
    shows(page, "risk-exit")
    assert step_id(page) == "risk-exit"
    assert title(page).startswith("Stop discussing and act: follow child protection procedures")
    text = page.locator("#hb-nav-step").inner_text()
    assert "on the same working day" in text and "paramount" in text
    assert not page.locator(".hb-nav__risk").is_visible()
    page.go_back()
    shows(page, "r3.4-resolved")


def test_a_shared_link_opens_its_step_and_back_goes_up_the_route(page, server):
    page.goto(server + NAVIGATOR + "#r3.2-head")
    shows(page, "r3.2-head")
    assert title(page) == "Contact the Head of the Safeguarding Unit to request a conference"
    assert "Head of the Safeguarding Unit" in page.locator(".hb-nav__panel", has_text="Who to contact").inner_text()
    page.get_by_role("button", name="Back", exact=True).click()
    shows(page, "r3.2-response")
    assert title(page).startswith("Are you satisfied with the response")


def test_changes_are_announced_and_focus_moves_to_the_new_step(navigator):
    page = navigator
    answer(page, "A referral or an enquiry")
    status = page.locator("#hb-nav-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith("Route 3.1: A referral or an enquiry. Question: Have you tried")
    assert page.evaluate("document.activeElement.classList.contains('hb-nav__title')")


def keyboard_to(page, text, limit=80):
    """Tab (never the mouse) until the focused element reads text, then press Enter."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.innerText || ''")
        if focused.strip().startswith(text):
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"no focusable element reading {text!r} within {limit} tabs")


def test_done_when_a_referral_disagreement_reaches_3_1_2_and_starts_a_record_by_keyboard(navigator):
    page = navigator
    page.evaluate("localStorage.clear()")
    for text in ["A referral or an enquiry", "Yes", "No", "Next step", "No", "No"]:
        before = page.locator("#hb-nav-step").get_attribute("data-step")
        keyboard_to(page, text)
        page.wait_for_function("b => document.getElementById('hb-nav-step').dataset.step !== b", arg=before)
    assert step_id(page) == "r3.1-line-management"
    assert title(page) == "Refer the issue without delay through line management"
    assert "must be referred without delay through the line management" in page.locator("#hb-nav-step").inner_text()
    keyboard_to(page, "Start a record of this")
    page.wait_for_url("**/escalation/record/")
    stage = page.locator("[data-stage]").last
    stage.locator("[data-step]").wait_for()
    assert "Route 3.1: A referral or an enquiry – Refer the issue without delay through line management (3.1.2)" \
        in stage.locator("[data-step]").inner_text()
    assert stage.locator("[data-field='date']").input_value() == datetime.date.today().isoformat()
    assert stage.locator("[data-field='with-whom']").input_value() == "line manager"
    assert "Added a stage for" in page.locator(".hb-record__status").inner_text()


def test_done_when_by_mouse_and_a_second_step_adds_a_second_stage(navigator):
    page = navigator
    page.evaluate("localStorage.clear()")
    for text in ["A referral or an enquiry", "Yes", "No", "Next step", "No", "No"]:
        answer(page, text)
    page.get_by_role("link", name="Start a record of this").click()
    page.wait_for_url("**/escalation/record/")
    page.locator("[data-stage] [data-step]").first.wait_for()
    page.reload()  # the hand-over is used once: a reload adds nothing
    page.go_back()
    shows(page, "r3.1-line-management")
    answer(page, "Next step")
    page.get_by_role("link", name="Start a record of this").click()
    page.wait_for_url("**/escalation/record/")
    steps = page.locator("[data-stage] [data-step]")
    steps.nth(1).wait_for()
    assert steps.count() == 2
    assert "(3.1.2)" in steps.nth(0).inner_text() and "Call a meeting of all parties (3.1.4)" in steps.nth(1).inner_text()


def test_without_javascript_the_page_shows_every_flowchart(browser, server):
    context = browser.new_context(java_script_enabled=False, **NO_WORKER)
    page = context.new_page()
    page.goto(server + NAVIGATOR + "#r3.1-line-management")
    assert not page.locator("#hb-navigator").is_visible()
    chart = page.locator("#hb-nav-fallback")
    assert chart.is_visible()
    text = chart.inner_text()
    for words in ("Is a child at risk of harm now?", "Refer the issue without delay through line management",
                  "Seek input directly from the Designated or Named Professional",
                  "Contact the Head of the Safeguarding Unit to request a conference",
                  "Consider reconvening the Child Protection Review Conference"):
        assert words in text
    assert page.locator("[id='r3.1-line-management']").is_visible()  # a shared link lands on the box
    context.close()
