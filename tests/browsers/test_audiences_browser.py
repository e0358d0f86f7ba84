"""Who should act, in chromium: a health visitor finds what is asked of health professionals in
one click from the home page, or two through "Who should act"."""


def test_a_health_visitor_finds_what_is_asked_of_health_professionals_in_two_clicks(page, server):
    asks = "In Health services, input may be sought directly from the Designated or Named Professional"
    # By the role's own link on the home page: one click.
    page.goto(f"{server}/")
    page.locator(".hb-cards").get_by_role("link", name="Health professionals").click()
    page.wait_for_url("**/audiences/health/")
    assert page.get_by_text(asks).is_visible()
    # By "Who should act": two clicks.
    page.goto(f"{server}/")
    page.locator(".hb-cards").get_by_role("link", name="Who should act: all roles").click()
    page.get_by_role("article").get_by_role("link", name="Health professionals").click()
    page.wait_for_url("**/audiences/health/")
    assert page.get_by_role("heading", name="Health professionals", level=1).is_visible()
    assert page.get_by_text(asks).is_visible()
