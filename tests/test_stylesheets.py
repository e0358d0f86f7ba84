"""The stylesheets as the build cuts them (macros/stylesheets.py) style every page exactly as the
whole ones do: Material's stylesheet as it ships and the handbook's as written, every page
linking all of them.

Each page is opened twice in chromium, once as built and once with the whole stylesheets put
back (by intercepting its requests), and the computed style of every element and of its
::before and ::after must be the same, at desktop and phone widths and in the states a reader
brings about: the drawer open, search with results, the page scrolled, an abbreviation's
tooltip, a details block open, a step of the navigator, and printing.
"""
from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml

from conftest import ROOT, search_results
from quality_support import page_paths

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
WIDTHS = {"desktop": 1280, "phone": 390}
PROPERTIES = [
    "display", "visibility", "position", "top", "left", "float", "z-index", "box-sizing",
    "width", "height", "margin-top", "margin-right", "margin-bottom", "margin-left",
    "padding-top", "padding-right", "padding-bottom", "padding-left",
    "border-top-width", "border-top-style", "border-top-color", "border-left-width",
    "border-left-style", "border-left-color", "border-bottom-width", "border-bottom-style",
    "color", "background-color", "background-image", "opacity", "transform", "box-shadow",
    "outline-style", "outline-color", "outline-width", "font-family", "font-size", "font-weight",
    "font-style", "line-height", "text-decoration-line", "text-transform", "text-align",
    "white-space", "list-style-type", "overflow-x", "overflow-y", "cursor", "content",
    "mask-image", "break-before", "break-inside",
]
STYLES = """props => {
  const out = [];
  const all = document.querySelectorAll("html, body, body *");
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && (style.content === "none" || style.content === "normal")) continue;
      out.push(name + (pseudo || "") + "\u0001" + props.map(p => style.getPropertyValue(p)).join("\u0001"));
    }
  }
  return out;
}"""


def whole_stylesheets(site: Path) -> dict[str, bytes]:
    """Each stylesheet of the built site (by file name) as it was before the build cut it."""
    whole = {}
    for built in (site / "assets" / "stylesheets").glob("*.css"):
        source = MATERIAL_STYLESHEETS / built.name if built.name.startswith(("main.", "palette.")) \
            else ROOT / "docs" / "assets" / "stylesheets" / built.name
        whole[built.name] = source.read_bytes()
    return whole


def linked_sheets(site: Path) -> list[str]:
    """Every stylesheet a page links before the build drops those it does not need, in order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    material_sheet = next((site / "assets" / "stylesheets").glob("main.*.css")).name
    return [material_sheet] + [Path(p).name for p in config["extra_css"]]


LINK = re.compile(r"<link\b[^>]*\brel=\"?stylesheet\"?[^>]*\bhref=\"?([^\"\s>]*)assets/stylesheets/[^\"\s>]+\"?[^>]*>")


def with_every_link(html: str, sheets: list[str]) -> str:
    """The page linking every stylesheet, in the order mkdocs.yml gives."""
    prefix = LINK.search(html)[1]
    links = "".join(f'<link rel="stylesheet" href="{prefix}assets/stylesheets/{name}">' for name in sheets)
    first = LINK.search(html).start()
    return html[:first] + links + LINK.sub("", html[first:])


@pytest.fixture(scope="module")
def contexts(browser, site):
    """A browser context per width for the pages as built, and one that puts the whole
    stylesheets back."""
    sheets, order = whole_stylesheets(site), linked_sheets(site)

    def stylesheet(route):
        route.fulfill(body=sheets[route.request.url.rsplit("/", 1)[1]], content_type="text/css")

    def html(route):
        response = route.fetch()
        route.fulfill(response=response, body=with_every_link(response.text(), order))

    made = {}
    for width in WIDTHS:
        for whole in (False, True):
            context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, reduced_motion="reduce")
            if whole:
                context.route(re.compile(r".*/assets/stylesheets/[^/]+\.css$"), stylesheet)
                context.route(lambda url: url.endswith("/") or url.endswith(".html"), html)
            made[width, whole] = context
    yield made
    for context in made.values():
        context.close()


def styles_of(contexts, server, path, width, whole, act=None, print_media=False) -> list:
    page = contexts[width, whole].new_page()
    if print_media:
        page.emulate_media(media="print")
    page.goto(f"{server}/{path}")
    # Material's script has set the page up once the search index is in (the results' height
    # follows the words shown while it loads).
    page.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for(state="attached")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    if act:
        act(page)
        page.wait_for_timeout(400)
    styles = page.evaluate(STYLES, PROPERTIES)
    page.close()
    return styles


def differences(cut: list[str], whole: list[str]) -> list[str]:
    """Each element (by tag, id and classes) whose computed style differs, and how."""
    if len(cut) != len(whole):
        return [f"the elements differ: {len(cut)} against {len(whole)}"]
    found = []
    for a, b in zip(cut, whole):
        if a != b:
            name, *mine = a.split("\u0001")
            other_name, *theirs = b.split("\u0001")
            if name != other_name:
                return found + [f"the elements differ: {name} against {other_name}"]
            changed = [f"{p}: {x!r} (whole: {y!r})" for p, x, y in zip(PROPERTIES, mine, theirs) if x != y]
            found.append(f"{name}: " + "; ".join(changed[:4]))
    return found


def compare(contexts, server, path, width, act=None, print_media=False) -> list[str]:
    cut, whole = (styles_of(contexts, server, path, width, whole, act, print_media) for whole in (False, True))
    return [f"{path or 'index'} ({width}): {d}" for d in differences(cut, whole)[:5]]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_looks_the_same_as_with_the_whole_stylesheets(contexts, site, server, width):
    found = []
    for path in page_paths(site):
        found += compare(contexts, server, path, width)
    assert not found, "\n".join(found)


def open_drawer(page):
    page.locator(".md-header label[for=__drawer]").click()


def search_for_escalation(page):
    """Search as a reader does: on a phone, the header's search button first opens the dialog."""
    button = page.locator("label.md-header__button[for=__search]")
    if button.is_visible():
        button.click()
    search_results(page, "escalation")


def scroll_down_then_up(page):
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)


def focus_an_abbreviation(page):
    page.locator("article abbr[tabindex]").first.focus()


def open_details(page):
    page.locator("article details").first.evaluate("d => d.open = true")


def take_a_navigator_step(page):
    page.locator(".hb-nav__answers button, .hb-nav__answers a").first.click()


STATES = [
    ("", "phone", open_drawer),
    ("escalation/routes/", "phone", open_drawer),
    ("", "desktop", search_for_escalation),
    ("glossary/", "phone", search_for_escalation),
    ("lessons/", "desktop", scroll_down_then_up),
    ("lessons/", "phone", scroll_down_then_up),
    ("escalation/", "desktop", focus_an_abbreviation),
    ("practice-pledge/", "desktop", open_details),
    ("escalation/navigator/", "phone", take_a_navigator_step),
]


@pytest.mark.parametrize("path, width, act", STATES, ids=[f"{a.__name__}-{p or 'index'}-{w}" for p, w, a in STATES])
def test_reader_states_look_the_same_as_with_the_whole_stylesheets(contexts, server, path, width, act):
    found = compare(contexts, server, path, width, act)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", ["", "escalation/routes/", "practice-pledge/", "escalation/record/", "lessons/"])
def test_printed_pages_look_the_same_as_with_the_whole_stylesheets(contexts, server, path):
    found = compare(contexts, server, path, "desktop", print_media=True)
    assert not found, "\n".join(found)
