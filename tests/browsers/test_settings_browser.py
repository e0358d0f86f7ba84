"""Local adaptation in chromium: the navigator of a build with a changed data/settings.yml shows
the partnership's names."""
from settings_support import adapted, build_adapted  # noqa: F401

BUILDS = {"adapted": build_adapted}


def test_the_navigator_shows_them_in_the_browser(adapted, browser, serve):
    page = browser.new_page()
    try:
        page.goto(f"{serve(adapted)}/escalation/navigator/#r2-unit")
        step = page.locator("#hb-nav-step[data-step='r2-unit']")
        step.wait_for()
        assert page.locator(".hb-nav__title").inner_text() == "Ask the Northshire Safeguarding Hub for consultation and advice"
        assert "The Northshire Safeguarding Hub will offer consultation and advice" in step.inner_text()
        assert "Phone: 01234 567890" in step.inner_text()
        assert "Safeguarding Unit" not in page.locator("#hb-navigator").inner_text()
    finally:
        page.close()
