"""Glossary, on the built site: every abbreviation in the body text of every page is inside an
<abbr> carrying the glossary's expansion, the first of each per page joins the tab order (and
only it), and the glossary page lists every term. Hover and keyboard focus are
browsers/test_glossary_browser.py's."""
import re

import pytest
import yaml

from navigation_support import tree
from project import ROOT
from sitemap import pages

TERMS = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
SKIP = {"script", "style", "code", "pre", "svg"}
INTERACTIVE = {"a", "button", "label", "summary", "select", "option", "textarea"}
URL = re.compile(r"(?:https?://|www\.)\S+")


def expansions() -> dict[str, str]:
    """Each form of each abbreviation as printed (its plural, and OFSTED for Ofsted) -> expansion."""
    forms = {}
    for term in TERMS:
        for form in [term["abbr"]] + ([term["plural"]] if term.get("plural") else []):
            forms[form] = forms[form.upper()] = term["expansion"]
    return forms


FORMS = expansions()
ANY_FORM = re.compile("|".join(rf"(?<!\w){re.escape(f)}(?!\w)" for f in sorted(FORMS, key=len, reverse=True)))


@pytest.fixture(scope="module")
def articles(site):
    return {path: tree(path).find(tag="article") for path in pages(site) if path.name != "404.html"}


def body_text(article):
    """(text, parent) for the article's running text: not code, scripts or web addresses."""
    for text, parent in article.texts():
        if not ({parent.tag, *(a.tag for a in parent.ancestors())} & SKIP):
            yield URL.sub(" ", text), parent


def test_every_abbreviation_in_the_text_of_every_page_is_expanded(site, articles):
    checked, missing = 0, []
    for path, article in articles.items():
        for text, parent in body_text(article):
            for found in ANY_FORM.finditer(text):
                checked += 1
                if not (parent.tag == "abbr" and parent.attrs.get("title") == FORMS[found[0]]
                        and text.strip() == found[0]):
                    missing.append(f"{path.relative_to(site)}: {found[0]!r} in {text[:80]!r}")
    assert not missing, missing[:10]
    assert checked > 400


def test_no_abbreviation_is_nested_or_leaks_into_an_attribute(site, articles):
    for path, article in articles.items():
        for abbr in article.find_all("abbr"):
            assert not [a for a in abbr.ancestors() if a.tag == "abbr"], path
        assert "&lt;abbr" not in path.read_text(encoding="utf-8"), path
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="audiences/health/"' in home   # links and ids are left alone


def test_the_first_of_each_abbreviation_on_a_page_is_focusable_and_only_it(site, articles):
    stops = 0
    for path, article in articles.items():
        defined = {a.attrs["title"] for a in article.find_all("abbr") if any(p.tag == "dfn" for p in a.ancestors())}
        met = set(defined)
        for abbr in article.find_all("abbr"):
            inside_control = any(p.tag in INTERACTIVE for p in abbr.ancestors())
            first = not inside_control and abbr.attrs["title"] not in met and \
                not any(p.tag == "dfn" for p in abbr.ancestors())
            assert (abbr.attrs.get("tabindex") == "0") == first, (path, abbr.text())
            if first:
                met.add(abbr.attrs["title"])
                stops += 1
    assert stops > 50
    references = tree(site / "references" / "index.html").find(tag="article")
    tso = [a for a in references.find_all("abbr") if a.text() == "TSO"]
    assert len(tso) >= 5 and sum("tabindex" in a.attrs for a in tso) == 1


def test_hand_written_pages_are_fed_from_the_glossary_too(articles, site):
    """The home page's own Markdown says "NICE/SCIE": Markdown's abbr extension wraps it from
    glossary.yml (no page keeps a list of its own)."""
    cards = tree(site / "index.html").find(cls="hb-cards")
    abbrs = {a.text(): a.attrs["title"] for a in cards.find_all("abbr")}
    assert abbrs["NICE"] == FORMS["NICE"] and abbrs["SCIE"] == FORMS["SCIE"]
    assert "*[" not in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def test_the_glossary_page_lists_every_term_with_its_own_anchor(site):
    page = tree(site / "glossary" / "index.html")
    for term in TERMS:
        entry = page.find(id=term["id"])
        assert entry is not None and entry.tag == "dt", term["id"]
        assert entry.find(tag="dfn").find(tag="abbr").attrs["title"] == term["expansion"]
        assert term["abbr"] in entry.text() and (not term.get("plural") or term["plural"] in entry.text())
    assert len(list(page.find_all("dt"))) == len(TERMS)
