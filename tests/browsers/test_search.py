"""The handbook's search box as a reader meets it, in Debian's chromium: nothing of it fetched
until someone searches, results best first with their kind, source and matched words, the
keyboard (arrows, Enter, Escape), a polite count, what to try when nothing matches, an address
for a search (?q=), a phone's search button, a page that does not move, and axe and
HTML_CodeSniffer on the open search. Firefox ESR and WebKit: test_search_engines.py."""
from __future__ import annotations

import json
from urllib.parse import quote, urlsplit

import pytest

from chromium import NO_WORKER, SEARCHED, search_results
from project import ROOT
from quality_support import WIDTHS, htmlcs_script
from search_support import questions, ranked, search_files

SEARCH_FILES = ("minisearch.js", "stemmer.js", "search-engine.js", "records.js")
RESULTS = ".hb-search__link"


def tab(browser, width: str = "desktop", **options):
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 844 if width == "phone" else 900},
                                  **NO_WORKER, **options)
    return context, context.new_page()


@pytest.fixture
def desktop(browser):
    context, page = tab(browser)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context, page = tab(browser, "phone")
    yield page
    context.close()


def fetched_names(page) -> list[str]:
    names: list[str] = []
    page.on("request", lambda request: names.append(urlsplit(request.url).path.rsplit("/", 1)[-1]))
    return names


@pytest.mark.parametrize("path", ["", "escalation/", "guides/route-cards/route-3.1/"])
def test_nothing_of_search_is_fetched_until_a_reader_searches(desktop, server, path):
    names = fetched_names(desktop)
    hosts: list[str] = []
    desktop.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    desktop.goto(f"{server}/{path}")
    desktop.wait_for_load_state("networkidle")
    assert not set(SEARCH_FILES) & set(names), names
    loaded = len(names)
    desktop.locator(".hb-search__input").focus()  # focusing the box loads it: nothing else
    desktop.wait_for_function("() => window.HandbookSearch && window.HandbookSearch.records")
    desktop.wait_for_load_state("networkidle")
    assert sorted(names[loaded:]) == sorted(SEARCH_FILES)
    assert set(hosts) == {urlsplit(server).netloc}


def test_typing_finds_the_item_best_first_with_its_kind_source_and_matched_words(desktop, server):
    desktop.goto(f"{server}/")
    hrefs = search_results(desktop, "disguised compliance")
    assert hrefs[0].endswith(("#lessons-6b-family-cooperation", "#lessons-6b-risk-factors")), hrefs[:3]
    first = desktop.locator(".hb-search__result").first
    assert first.locator(".hb-search__title").inner_text()
    assert "Lessons from reviews · Learning Lessons – Improving Practice" in first.locator(".hb-search__meta").inner_text()
    marked = [m.lower() for m in first.locator(".hb-search__passage mark").all_inner_texts()]
    assert "disguised" in marked and "compliance" in marked
    results = desktop.get_by_role("list", name="Search results")
    assert results.count() == 1 and results.get_by_role("link").count() == len(hrefs)


def test_everyday_words_and_typos_find_the_sources_words(desktop, server):
    desktop.goto(f"{server}/")
    assert any(h.endswith("#esc-3.1") or h.endswith("#route-3.1") for h in search_results(desktop, "social care refused my referral")[:3])
    # A slip finds what the word finds: the records that speak of the Conference Chair.
    slipped = search_results(desktop, "confrence chair")[:3]
    assert slipped == search_results(desktop, "conference chair")[:3]
    assert all(any(part in h for part in ("#esc-3.3", "#esc-3.4", "#route-3.3", "#route-3.4", "/audiences/iros/"))
               for h in slipped)


def test_the_arrow_keys_move_the_highlight_and_enter_opens_the_highlighted_result(desktop, server):
    desktop.goto(f"{server}/")
    hrefs = search_results(desktop, "supervision")
    box = desktop.locator(".hb-search__input")
    first = desktop.locator(RESULTS).first
    assert "is-highlighted" in first.get_attribute("class")  # the first, until the arrows move it
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    desktop.keyboard.press("ArrowDown")
    desktop.keyboard.press("ArrowDown")
    desktop.keyboard.press("ArrowUp")
    second = desktop.locator(RESULTS).nth(1)
    assert "is-highlighted" in second.get_attribute("class") and "is-highlighted" not in first.get_attribute("class")
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    with desktop.expect_navigation():
        desktop.keyboard.press("Enter")
    assert desktop.url == hrefs[1]


@pytest.mark.parametrize("press", ["Enter", "the button"])
def test_enter_and_the_go_button_open_the_best_result(desktop, server, press):
    desktop.goto(f"{server}/escalation/routes/")
    hrefs = search_results(desktop, "Head of the Safeguarding Unit")
    with desktop.expect_navigation():
        if press == "Enter":
            desktop.keyboard.press("Enter")
        else:
            desktop.get_by_role("button", name="Go to the best match").click()
    assert desktop.url == hrefs[0]
    anchor = urlsplit(hrefs[0]).fragment
    box = desktop.locator(f"[id='{anchor}']").bounding_box()
    assert box is not None and 0 <= box["y"] < 900
    assert desktop.locator(".hb-search__panel").is_hidden()


def test_escape_closes_the_results_and_leaves_the_cursor_in_the_box(desktop, server):
    desktop.goto(f"{server}/")
    search_results(desktop, "escalation")
    desktop.keyboard.press("Escape")
    assert desktop.locator(".hb-search__panel").is_hidden()
    assert desktop.evaluate("document.activeElement.matches('.hb-search__input')")


def test_a_polite_live_region_says_how_many_results_there_are(desktop, server):
    desktop.goto(f"{server}/")
    hrefs = search_results(desktop, "core group")
    status = desktop.locator("header").get_by_role("status")
    assert "hb-search__status" in status.get_attribute("class").split()
    desktop.wait_for_function("() => /^\\d+ results?$/.test(document.querySelector('.hb-search__status').textContent)")
    assert int(status.inner_text().split()[0]) >= len(hrefs) > 3


def test_when_nothing_matches_it_says_so_and_offers_the_navigator_the_glossary_and_the_contents(desktop, server):
    desktop.goto(f"{server}/escalation/")
    assert search_results(desktop, "zzqxv") == []
    assert desktop.locator(".hb-search__count").inner_text() == "No results for “zzqxv”"
    offers = desktop.locator(".hb-search__none a")
    assert offers.all_inner_texts() == ["I disagree – what now?", "glossary", "contents"]
    for link, path in zip(offers.all(), ["/escalation/navigator/", "/glossary/", "/"]):
        assert urlsplit(link.evaluate("a => a.href")).path == path


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_an_address_with_q_opens_search_with_those_words(browser, server, width):
    context, page = tab(browser, width)
    page.goto(f"{server}/seven-steps/?q={quote('disguised compliance')}")
    page.wait_for_function(SEARCHED, arg="disguised compliance")
    assert page.locator(".hb-search__input").input_value() == "disguised compliance"
    assert page.locator(RESULTS).first.is_visible()
    assert page.locator(RESULTS).first.get_attribute("href").endswith(("#lessons-6b-family-cooperation",
                                                                      "#lessons-6b-risk-factors"))
    context.close()


@pytest.mark.parametrize("how", ["pointer", "Enter", "Space"])
def test_on_a_phone_the_search_button_opens_the_box_and_escape_closes_it(phone, server, how):
    phone.goto(f"{server}/")
    button = phone.get_by_role("button", name="Search", exact=True)
    box = phone.get_by_role("searchbox", name="Search")
    assert button.get_attribute("aria-expanded") == "false" and not box.is_visible()
    if how == "pointer":
        button.click()
    else:
        button.focus()
        phone.keyboard.press(how)
    phone.wait_for_function("() => document.activeElement.matches('.hb-search__input')")
    assert box.is_visible() and button.get_attribute("aria-expanded") == "true"
    phone.keyboard.type("neglect")
    phone.locator(RESULTS).first.wait_for()
    phone.keyboard.press("Escape")
    assert not box.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.matches('.hb-search-open')")


def test_the_search_box_is_the_pages_searchbox_in_the_header(desktop, server):
    desktop.goto(f"{server}/")
    box = desktop.get_by_role("searchbox", name="Search")
    assert box.count() == 1 and box.is_visible()
    assert desktop.locator("header").get_by_role("search").count() == 1


def test_without_script_there_is_no_search_box_that_cannot_work(browser, server):
    context, page = tab(browser, java_script_enabled=False)
    page.goto(f"{server}/")
    assert not page.locator(".hb-search").is_visible() and not page.locator(".hb-search-open").is_visible()
    context.close()


# What moves on the page while search opens and shows results: the layout shifts the browser
# records, and where the page's heading is drawn.
LAYOUT = """() => { window.__shifts = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shifts += e.value; })
    .observe({type: "layout-shift", buffered: false});
  const r = document.querySelector("article h1").getBoundingClientRect(); return [r.x, r.y]; }"""


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_page_does_not_move_as_search_opens(browser, server, width):
    context, page = tab(browser, width)
    page.goto(f"{server}/escalation/")
    page.wait_for_load_state("networkidle")
    before = page.evaluate(LAYOUT)
    search_results(page, "referral")
    page.wait_for_timeout(300)
    after = page.evaluate("""() => { const r = document.querySelector("article h1").getBoundingClientRect();
                                    return [r.x, r.y, window.__shifts]; }""")
    assert after[:2] == before and after[2] == 0, (before, after)
    context.close()


def test_the_same_words_searched_again_keep_the_readers_place_in_the_results(desktop, server):
    """When the rest of the records come in and the words are searched again (or the box says the
    same words again), the result the reader had highlighted stays highlighted and the one they
    had moved focus to keeps it: a slowed phone may still be indexing as they go down the list."""
    desktop.goto(f"{server}/escalation/")
    search_results(desktop, "conference chair")
    again = "() => document.querySelector('.hb-search__input').dispatchEvent(new Event('input'))"
    searched = "() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))"
    desktop.locator(".hb-search__input").focus()
    desktop.keyboard.press("ArrowDown")
    desktop.keyboard.press("ArrowDown")
    third = desktop.locator(RESULTS).nth(2).get_attribute("href")
    desktop.evaluate(again)
    desktop.evaluate(searched)
    assert desktop.locator(f"{RESULTS}.is-highlighted").get_attribute("href") == third
    desktop.locator(RESULTS).nth(1).focus()
    second = desktop.evaluate("document.activeElement.href")
    desktop.evaluate(again)
    desktop.evaluate(searched)
    assert desktop.evaluate("document.activeElement.matches('.hb-search__link') && document.activeElement.href") == second


def test_keyboard_alone_reaches_the_box_searches_and_opens_a_result(desktop, server):
    desktop.goto(f"{server}/fourteen-points/")
    for _ in range(12):
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.matches('.hb-search__input')"):
            break
    assert desktop.evaluate("document.activeElement.matches('.hb-search__input')")
    desktop.keyboard.type("wider family")
    desktop.locator(RESULTS).first.wait_for()
    for _ in range(2):  # Tab goes on past the box's buttons into the results, which are links
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.matches('.hb-search__link')"):
            break
    assert desktop.evaluate("document.activeElement.matches('.hb-search__link')")
    target = desktop.evaluate("document.activeElement.href")
    with desktop.expect_navigation():
        desktop.keyboard.press("Enter")
    assert desktop.url == target


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_open_search_passes_axe_and_html_codesniffer(browser, server, width):
    from test_accessibility import axe, describe
    from test_second_checker import htmlcs_errors
    context, page = tab(browser, width)
    page.goto(f"{server}/")
    search_results(page, "escalation")
    page.wait_for_timeout(700)  # the live region has spoken
    page.width_name = width
    found = describe("open search", axe(page, width))
    found += [f"{e['code']}: {e['html']}" for e in htmlcs_errors(page, htmlcs_script(ROOT).read_text(encoding="utf-8"))
              if not e["allowed"]]
    assert not found, "\n".join(found)
    context.close()


def test_the_offline_copy_from_disk_ranks_the_public_questions_as_node_does(browser, book, offline_copy, tmp_path):
    """The offline copy opened from disk loads its search as a page of it does, and gives each
    public question the same results, in the same order, as the tested figures."""
    asked = [q["q"] for q in questions()]
    expected = ranked(search_files(book, tmp_path), asked)
    context, page = tab(browser)
    page.goto((offline_copy / "escalation" / "index.html").as_uri())
    page.locator(".hb-search__input").focus()
    page.wait_for_function("() => window.HandbookSearch && window.HandbookSearch.engine")
    got = page.evaluate("""asked => HandbookSearch.engine.ready.then(() =>
                             asked.map(q => HandbookSearch.engine.search(q).slice(0, 10).map(r => r.id)))""", asked)
    context.close()
    assert got == expected, json.dumps([(q, g[:3], e[:3]) for q, g, e in zip(asked, got, expected) if g != e][:5])
