"""Accessibility of every page of the built site (WCAG 2.2 AA), in Debian's chromium.

The pages are discovered from the build output, so a page added to the nav is checked without
being named here. axe-core is the copy shipped by the pinned axe-playwright-python package.

axe and the keyboard check run on the session's tour (browsers/conftest.py `tour`): each page is
loaded once per width and every quality gate runs on that load; each test here asserts on its
own check's findings, so a failure still names its check. The pages' titles, read from the built
files, are site/test_accessibility_site.py's.
"""
from __future__ import annotations

import time

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from chromium import NO_WORKER
from quality_support import WIDTHS, could_not_run

TOUR_CHECKS = {"axe": list(WIDTHS), "focus": list(WIDTHS)}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's best-practice rules run with them: aria-allowed-role (a role an element may not take,
# such as role="button" on a label, which Lighthouse counts against its accessibility score).
BEST_PRACTICE_RULES = ["aria-allowed-role"]
# axe rules switched off at a width, each with its reason.
DISABLED_RULES: dict[str, dict[str, str]] = {
    "desktop": {},
    "phone": {
        # The slowest rule by far (most of axe's time), and colours do not change with the width:
        # the stylesheets set no colour in a width media query. The desktop run checks contrast.
        "color-contrast": "checked at desktop width",
    },
}


@pytest.fixture(scope="module", params=list(WIDTHS))
def tab(request, browser):
    """One page (browser tab) per width, reused for every page of the site."""
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900}, **NO_WORKER)
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


def axe(page, width: str | None = None) -> list[dict]:
    """axe-core's WCAG A and AA violations, and those of BEST_PRACTICE_RULES, on the page as it
    is now (injected once per page load), with the rules switched off at that width."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    rules = {rule: {"enabled": True} for rule in BEST_PRACTICE_RULES}
    rules |= {rule: {"enabled": False} for rule in DISABLED_RULES[width or page.width_name]}
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"], "rules": rules}
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


def describe(path: str, violations: list[dict]) -> list[str]:
    return [f"{path or 'index'}: {v['id']} ({v['impact']}) {v['help']}: "
            + "; ".join(f"{n['target']} {n['html'][:120]}" for n in v["nodes"][:3])
            for v in violations]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_axe_finds_no_wcag_violation_on_any_page(tour, width):
    found = []
    for path, violations in tour(width).found("axe").items():
        found += could_not_run(violations) or describe(path, violations)
    assert tour(width).pages, "no page was checked"
    assert not found, "\n".join(found)


# --- keyboard -------------------------------------------------------------------------

# In the live page: the Tab order (DOM order: no positive tabindex is allowed) and every visible
# interactive element that is not in it. A label counts as interactive where it acts as a button
# (a pointer cursor) and its control is not itself in the Tab order.
SCAN = """exempt => {
  const shown = el => { const r = el.getBoundingClientRect();  // (checkVisibility: not in a closed <details>)
    return r.width * r.height > 0 && el.checkVisibility({visibilityProperty: true})
      && !el.closest("[inert], [aria-hidden='true']"); };
  const tabbable = el => el.tabIndex >= 0 && !el.disabled && shown(el);
  const name = el => el.outerHTML.slice(0, 140).replace(/\\s+/g, " ");
  const interactive = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], "
      + "[tabindex]:not([tabindex^='-']), [contenteditable=''], [contenteditable='true'], [onclick], "
      + "[role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem]";
  const unreachable = [], positive = [];
  for (const el of document.querySelectorAll(interactive)) {
    const style = getComputedStyle(el);
    if (!shown(el) || style.pointerEvents === "none") continue;
    if (el.tabIndex > 0) positive.push(name(el));
    if (el.tagName === "LABEL") {
      const control = el.control;
      if (style.cursor !== "pointer" || el.tabIndex >= 0 || control && tabbable(control)) continue;
      if (el.matches(exempt)) continue;
    } else if (tabbable(el)) continue;
    unreachable.push(name(el));
  }
  // Material's "back to top" button comes and goes as the page scrolls: not sampled.
  window.__tabOrder = [...document.querySelectorAll("*")].filter(e => tabbable(e) && !e.matches(".md-top"));
  return {unreachable, positive,
          kinds: window.__tabOrder.map(e => [e.tagName, e.type, e.getAttribute("role")].join(":"))};
}"""
# Labels with a keyboard equivalent, so they need no Tab stop of their own:
EXEMPT_LABELS = ", ".join([
    "label.md-overlay",          # clicking beside the open drawer closes it, as the menu button does
    "label.md-nav__title[for='__drawer']",  # the open drawer's title closes it, as the menu button does
])

# Keyboard focus on the sampled element: the element before it in the Tab order is focused and
# Tab pressed, as a reader would; then is it on screen, on top, and drawn differently from the
# same element unfocused (outline or box shadow)? An open drawer is closed first.
BEFORE = """i => {
  let closed = false;
  for (const id of ["__drawer"]) {
    const toggle = document.getElementById(id);
    if (toggle && toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); closed = true; }
  }
  const el = window.__tabOrder[i];
  const order = [...document.querySelectorAll("*")].filter(e => e.tabIndex >= 0 && !e.disabled
      && e.getBoundingClientRect().width > 0 && e.checkVisibility({visibilityProperty: true}));
  const at = order.indexOf(el);
  if (at < 0) return {};  // no longer shown (the page changed it): nothing to check
  window.__from = order[at === 0 ? 1 : at - 1];
  window.__from.focus();
  return {key: at === 0 ? "Shift+Tab" : "Tab", closed};
}"""
FOCUS_CHECK = """i => {
  const el = window.__tabOrder[i], active = document.activeElement;
  if (active === window.__from) return {stuck: true};
  const name = e => e ? e.outerHTML.slice(0, 140).replace(/\\s+/g, " ") : "nothing";
  if (active !== el) return {error: `Tab from ${name(window.__from)} went to ${name(active)}, not ${name(el)}`};
  const look = () => { const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | "); };
  const box = el.getBoundingClientRect();
  const onScreen = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  const top = document.elementsFromPoint(Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1),
                                         Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1))
    .find(e => el.contains(e) || e.contains(el) || getComputedStyle(e).opacity !== "0");  // (a transparent layer hides nothing)
  const covered = onScreen && top && !el.contains(top) && !top.contains(el) ? name(top) : null;
  if (covered && top.matches(".md-overlay")) return {fading: true};
  const focused = look();
  el.blur();
  return {onScreen, covered, focused, unfocused: look(), element: name(el)};
}"""

# Until a closed drawer has faded away.
OVERLAYS_GONE = """() => [...document.querySelectorAll(".md-overlay")]
       .every(e => { const r = e.getBoundingClientRect();
                     return r.width * r.height === 0 || getComputedStyle(e).opacity === "0"; })"""

FIRST_STOPS = 6     # the header and navigation a keyboard user meets first, on every page
SPREAD = 6          # and this many more, spread over the rest of the page


def sample(kinds: list[str]) -> list[int]:
    """Tab stops to check: the first few, some spread through the page, and the first of each kind."""
    count = len(kinds)
    picked = set(range(min(FIRST_STOPS, count)))
    if count > FIRST_STOPS:
        picked |= set(range(FIRST_STOPS, count, max(1, (count - FIRST_STOPS) // SPREAD)))
    first_of_kind: dict[str, int] = {}
    for i, kind in enumerate(kinds):
        first_of_kind.setdefault(kind, i)
    return sorted(picked | set(first_of_kind.values()))


def focus_problems(tab, path: str) -> list[str]:
    scan = tab.evaluate(SCAN, EXEMPT_LABELS)
    problems = [f"{path}: not reachable by Tab: {el}" for el in scan["unreachable"]]
    problems += [f"{path}: positive tabindex breaks the reading order: {el}" for el in scan["positive"]]
    for i in sample(scan["kinds"]):
        before = tab.evaluate(BEFORE, i)
        if not before:
            continue
        if before["closed"]:
            tab.wait_for_function(OVERLAYS_GONE)
        for _ in range(5):  # a date field, say, has a stop for each of its parts
            tab.keyboard.press(before["key"])
            result = tab.evaluate(FOCUS_CHECK, i)
            if result.get("fading"):  # the drawer closed a moment ago: let it fade
                tab.wait_for_function(OVERLAYS_GONE)
                result = tab.evaluate(FOCUS_CHECK, i)
            if not result.get("stuck"):
                break
        if "error" in result:
            problems.append(f"{path}: {result['error']}")
        elif not result["onScreen"] or result["covered"]:
            problems.append(f"{path}: focused {result['element']} is "
                            + (f"covered by {result['covered']}" if result["covered"] else "off screen"))
        elif result["focused"] == result["unfocused"]:
            problems.append(f"{path}: no visible focus on {result['element']} ({result['focused']})")
    return problems


@pytest.mark.parametrize("width", list(WIDTHS))
def test_keyboard_reaches_every_interactive_element_and_shows_focus(tour, width):
    problems = []
    for path, found in tour(width).found("focus").items():
        problems += could_not_run(found) or found
    assert tour(width).pages, "no page was checked"
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("path", ["escalation/routes/", "audiences/health/"])
def test_the_open_drawer_on_a_phone_is_operable_by_keyboard(browser, server, path):
    """On a phone the navigation is a drawer. Opened on a page inside a section, that section
    shows in place under its link, with nothing in it that only a pointer can work (Material's
    sliding panel had a back button the keyboard cannot reach)."""
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 900}, **NO_WORKER)
    tab = context.new_page()
    tab.goto(f"{server}/{path}")
    opener = tab.get_by_role("button", name="Navigation")
    opener.focus()
    tab.keyboard.press("Enter")
    drawer = tab.locator(".md-sidebar--primary")
    tab.wait_for_function("el => el.getBoundingClientRect().left >= 0", arg=drawer.element_handle())
    scan = tab.evaluate(SCAN, EXEMPT_LABELS)
    assert not scan["unreachable"], "\n".join(scan["unreachable"])
    section = tab.locator(".md-nav--primary .md-nav__item--active.md-nav__item--nested > .md-nav").first
    assert section.is_visible() and section.locator("a.md-nav__link--active").first.is_visible()
    home = tab.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a", has_text="Home")
    assert home.is_visible()  # the rest of the navigation is there too, not behind a panel
    context.close()


# --- the header's menu button ---------------------------------------------------------------

# Material's menu button was a label for its hidden checkbox #__drawer; here it is a <button>
# (overrides/partials/header.html), which must open and close the drawer as the label did, by
# pointer and by keyboard. It shows below 76.25em (a phone, a tablet). The search button:
# test_search.py.
BUTTON_WIDTHS = {"phone": WIDTHS["phone"], "tablet": 1024}
DRAWER_OPEN = "el => el.getBoundingClientRect().left >= 0"
DRAWER_SHUT = "el => el.getBoundingClientRect().right <= 0"


def header_tab(browser, width: int, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, **options, **NO_WORKER)
    return context, context.new_page()


@pytest.mark.parametrize("how", ["pointer", "Enter", "Space"])
@pytest.mark.parametrize("width", list(BUTTON_WIDTHS))
def test_the_menu_button_opens_and_closes_the_drawer(browser, server, width, how):
    context, tab = header_tab(browser, BUTTON_WIDTHS[width])
    tab.goto(f"{server}/escalation/routes/")
    button = tab.get_by_role("button", name="Navigation")
    drawer = tab.locator(".md-sidebar--primary").element_handle()
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert not tab.locator("label.md-header__button[for='__drawer']").is_visible()  # one menu button, not two
    if how == "pointer":
        button.click()
    else:
        button.focus()
        tab.keyboard.press(how)
    tab.wait_for_function(DRAWER_OPEN, arg=drawer)
    assert button.get_attribute("aria-expanded") == "true"
    if how == "pointer":  # the open drawer covers the button: a click beside the drawer closes it
        tab.mouse.click(BUTTON_WIDTHS[width] - 10, 600)
    else:  # focus stays on the button, which closes it again
        assert tab.evaluate("document.activeElement.dataset.hbToggle") == "__drawer"
        tab.keyboard.press(how)
    tab.wait_for_function(DRAWER_SHUT, arg=drawer)
    assert button.get_attribute("aria-expanded") == "false"
    context.close()


def test_without_script_the_drawer_still_opens_by_materials_label(browser, server):
    """The button needs script; a page without it shows Material's label, which opens the
    drawer by itself."""
    context, tab = header_tab(browser, WIDTHS["phone"], java_script_enabled=False)
    tab.goto(f"{server}/escalation/routes/")
    assert not tab.locator("button[data-hb-toggle]").first.is_visible()
    tab.locator("label.md-header__button[for='__drawer']").click()
    drawer = tab.locator(".md-sidebar--primary")
    # (wait_for_function polls with the page's script, which is off here): polled from here,
    # each check a round trip to the page, until the drawer has slid in
    deadline = time.monotonic() + 5
    while not drawer.evaluate(DRAWER_OPEN) and time.monotonic() < deadline:
        pass
    assert drawer.evaluate(DRAWER_OPEN)
    context.close()
