"""Currency, in chromium: a reader of recommendation 50 sees at once, above its words and on
screen on arrival, that its actor is gone and PH28 replaced."""


def test_a_reader_of_recommendation_50_sees_at_once_that_its_actor_is_gone_and_ph28_replaced(page, server):
    page.goto(f"{server}/recommendations/#rec-50")
    body = page.locator("[data-item='rec-50']")
    notice = body.locator(".hb-currency")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "Children’s Workforce Development Council no longer exists" in text
    assert "PH28 has been replaced by NICE guideline NG205" in text
    # Read first: above the recommendation's own words, and on screen on arrival.
    label = body.get_by_text("Who should take action?")
    assert notice.bounding_box()["y"] < label.bounding_box()["y"] < page.viewport_size["height"]
