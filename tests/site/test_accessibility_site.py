"""Accessibility read from the built pages, without a browser: every page has a unique title that
names the page (as its heading does) and the site. The checks in chromium (axe, the keyboard,
the drawer) are browsers/test_accessibility.py's.
"""
from __future__ import annotations

from html.parser import HTMLParser

from sitemap import pages

SITE_NAME = "Safeguarding practice handbook"


# --- titles -----------------------------------------------------------------------------

class _Heads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.title, self.h1, self._in = "", "", None

    def handle_starttag(self, tag, attrs):
        if tag in ("title", "h1") and not getattr(self, tag):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            setattr(self, self._in, " ".join((getattr(self, self._in) + data).split()))


def test_every_page_has_a_unique_title_naming_the_page_and_the_site(site):
    seen: dict[str, str] = {}
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        heads = _Heads()
        heads.feed(page.read_text(encoding="utf-8"))
        title = heads.title
        assert title not in seen, f"{rel} and {seen.get(title)} share the title {title!r}"
        seen[title] = rel
        if rel == "index.html" and title == SITE_NAME:
            continue  # the home page may be named by the site's name alone
        name = title.removesuffix(f" - {SITE_NAME}")
        assert name != title and len(name) >= 3, f"{rel}: title {title!r} does not name the page and the site"
        assert heads.h1, f"{rel}: no <h1>"
        # The title names the page as its heading does (worded more shortly or at more length):
        # they share a word (compared by its first five letters, so "Source" matches "Sources").
        assert stems(name) & stems(heads.h1.replace("¶", "")), \
            f"{rel}: title {name!r} shares no word with its heading {heads.h1!r}"


def stems(text: str) -> set[str]:
    return {w.lower().strip("():,.–?")[:5] for w in text.split() if len(w.strip("():,.–?")) > 3}
