"""What a reader sees, in Debian's chromium: search finds items, cross-references land (the
search box itself: test_search.py)."""
import pytest

from chromium import search_results


def search(page, server, query):
    page.goto(f"{server}/")
    return search_results(page, query)


@pytest.mark.parametrize("query, anchors", [
    ("Head of the Safeguarding Unit", ("#esc-3.2.1", "#esc-3.3.3")),
    ("CAMHS", ("#rec-6",)),
    ("disguised compliance", ("#lessons-6b-family-cooperation", "#lessons-6b")),
    ("independent reviewing officers", ("#rec-52",)),
    ("Working in partnership with parents and carers", ("#point-2",)),
])
def test_search_finds_the_item(page, server, query, anchors):
    hrefs = search(page, server, query)
    assert any(h.endswith(a) for h in hrefs[:5] for a in anchors), hrefs[:5]


def test_following_a_search_result_opens_the_item(page, server):
    search(page, server, "Head of the Safeguarding Unit")
    result = page.locator(".hb-search__link[href*='/escalation/'][href*='#esc-']").first
    anchor = result.get_attribute("href").split("#")[1]
    result.click()
    page.wait_for_url(f"**/escalation/*#{anchor}")
    assert in_view(page, anchor)


def in_view(page, anchor):
    box = page.locator(f"[id='{anchor}']").bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_cross_reference_on_the_same_page_lands_on_its_target(page, server):
    page.goto(f"{server}/recommendations/")
    page.locator("#rec-6 ~ .hb-item a", has_text="Recommendation 50: Develop a national core training module").first.click()
    page.wait_for_url("**/recommendations/#rec-50")
    assert in_view(page, "rec-50")


def test_cross_reference_to_another_page_lands_on_its_target(page, server):
    page.goto(f"{server}/practice-pledge/")
    page.get_by_role("link", name="Point 4: Assessment:").click()
    page.wait_for_url("**/fourteen-points/#point-4")
    assert in_view(page, "point-4")
    assert page.locator("[id='point-4']").inner_text().startswith("Point 4: Assessment")
