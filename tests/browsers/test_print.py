"""Printing any page (print.css), in chromium: only the content, collapsed content open,
external links with their address, nothing cut across pages; a guide page prints as its guide."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from pdf_words import Words, pdf_words


def printed(page, **options) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(**{"format": "A4", **options})))


def text_of(reader: PdfReader) -> Words:
    return pdf_words(reader)


def nav_only_lines(page) -> list[str]:
    """Lines of the navigation, header and footer that the page's content does not also say."""
    content = page.inner_text("article")
    chrome = " \n".join(page.locator(sel).first.inner_text() for sel in
                        (".md-sidebar--primary", ".md-header", ".md-footer"))
    return sorted({line.strip() for line in chrome.splitlines() if len(line.strip()) > 3
                   and line.strip() not in content})


@pytest.mark.parametrize("path", ["escalation/", "fourteen-points/"])
def test_a_printed_content_page_has_no_navigation_text(page, server, path):
    page.goto(f"{server}/{path}")
    chrome = nav_only_lines(page)
    assert "About the handbook" in chrome  # the nav is there on screen
    text = text_of(printed(page))
    assert page.locator("article h2").first.inner_text().strip(" ¶") in text  # the content printed
    leaked = [line for line in chrome if line in text]
    assert not leaked, leaked


def test_external_links_print_where_they_go(page, server):
    page.goto(f"{server}/recommendations/")
    guidance = page.locator("article a[href^='https://www.nice.org.uk']").first.get_attribute("href")
    assert f"({guidance})" in text_of(printed(page))


def test_collapsed_content_prints_open(page, server):
    page.goto(f"{server}/seven-steps/")
    page.evaluate("""() => {
        const d = document.createElement('details');
        d.className = 'note';
        d.innerHTML = '<summary>More</summary><p id="folded">Folded text to print</p>';
        document.querySelector('article').append(d);
    }""")
    assert not page.locator("#folded").is_visible()
    assert "Folded text to print" in text_of(printed(page))


def test_headings_stay_with_what_follows_and_items_stay_whole(page, server):
    page.goto(f"{server}/escalation/")
    page.emulate_media(media="print")
    style = "(el, prop) => getComputedStyle(el)[prop]"
    assert page.locator("article h2").first.evaluate(style, "breakAfter") == "avoid"
    assert page.locator("article h3").first.evaluate(style, "breakAfter") == "avoid"
    for selector in ("article .hb-item", "article li", "article .admonition"):
        assert page.locator(selector).first.evaluate(style, "breakInside") == "avoid", selector
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.locator(hidden).first.evaluate(style, "display") == "none", hidden


def test_a_guide_page_prints_as_its_one_page_a4_guide(page, server):
    page.goto(f"{server}/guides/escalation/")
    assert page.get_by_role("link", name=re.compile("Download this guide as a PDF")).is_visible()
    reader = printed(page, prefer_css_page_size=True)
    assert len(reader.pages) == 1
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]
    text = text_of(reader)
    assert "Safeguarding practice handbook, version" in text and "Is a child at risk of harm now?" in text
    assert "3.4.4" in text  # the last step of the last route is on the page
    assert "Download this guide" not in text  # buttons do not print
