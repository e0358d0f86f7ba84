"""Glossary, in chromium: hovering an abbreviation shows its expansion (the browser's own
tooltip), and keyboard focus shows it beside it, with or without JavaScript."""
import pytest

from chromium import NO_WORKER

# Focuses the tab stop just before the element, so that Tab lands on the element.
FOCUS_THE_STOP_BEFORE = """el => {
  const stops = [...document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")]
    .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length);
  stops[stops.indexOf(el) - 1].focus();
}"""


@pytest.mark.parametrize("javascript", [True, False])
def test_hovering_and_focusing_an_abbreviation_shows_its_expansion(browser, server, javascript):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript, **NO_WORKER)
    page = context.new_page()
    page.goto(f"{server}/recommendations/")
    camhs = page.locator("abbr[tabindex='0']", has_text="CAMHS")
    expansion = "child and adolescent mental health services"
    shown = "el => getComputedStyle(el, '::after').content"
    assert camhs.get_attribute("title") == expansion   # the browser's own tooltip on hover
    assert camhs.evaluate(shown) == "none"              # nothing beside it until it has focus
    camhs.evaluate(FOCUS_THE_STOP_BEFORE)
    page.keyboard.press("Tab")   # as a keyboard user arrives on it
    assert camhs.evaluate("el => document.activeElement === el")
    assert camhs.evaluate(shown) == f'"{expansion}"'
    box, after = camhs.bounding_box(), camhs.evaluate(
        "el => { const s = getComputedStyle(el, '::after'); return [s.position, s.top]; }")
    assert box and after[0] == "absolute"                # shown below it, over the text, not in it
    context.close()
