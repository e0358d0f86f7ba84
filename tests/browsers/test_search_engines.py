"""The search box in Chromium, Firefox ESR and WebKit (Safari's engine), served over http and in
the offline copy opened from disk (file://, where search loads by classic scripts): typing finds
the item, Enter opens it, and an address with ?q= opens search with its words."""
from __future__ import annotations

from urllib.parse import quote

pytest_plugins = ["engines_fixtures"]

# Served with directory URLs, the offline copy's pages as files.
HOME = {"http": "", "file": "index.html"}
ESCALATION = {"http": "escalation/", "file": "escalation/index.html"}
# The first result, once every record is indexed and the words now in the box are searched: the
# page searches letters typed faster than it draws with its next frame (header.js), so until then
# the list shown may be an earlier letter's. The first shown must be the engine's first for the
# box's words (addresses from the site's root, the folder above search/records.js).
FIRST = ("var a = document.querySelector('.hb-search__link'), s = window.HandbookSearch;"
         "if (!(a && s && s.engine && s.engine.complete)) return null;"
         "var best = s.engine.search(document.querySelector('.hb-search__input').value)[0];"
         "var records = document.getElementById('hb-search').getAttribute('data-hb-load').split(' ').pop();"
         "var root = new URL('../', new URL(records, document.baseURI));"
         "return best && a.href === new URL(best.url, root).href ? a.href : null")


def test_typing_finds_the_item_and_enter_opens_it(engine, tools):
    tab = engine.tab(tools.base + HOME[tools.where])
    tab.type(".hb-search__input", "Head of the Safeguarding Unit")
    first = tab.wait(FIRST)
    assert "#esc-3.2.1" in first or "#esc-3.3.3" in first or "#esc-2.7" in first, first
    assert tab.wait("return /result/.test(document.querySelector('.hb-search__count').textContent)")
    tab.enter(".hb-search__input")
    anchor = first.split("#")[1]
    tab.wait("return location.href === arguments[0] && document.readyState === 'complete'"
             " && document.getElementById(arguments[1])", first, anchor)
    assert tab.run("var r = document.getElementById(arguments[0]).getBoundingClientRect();"
                   "return r.top >= 0 && r.top < innerHeight", anchor)


def test_an_address_with_q_opens_search_with_its_words(engine, tools):
    tab = engine.tab(tools.base + ESCALATION[tools.where] + "?q=" + quote("pretending to cooperate"))
    first = tab.wait(FIRST)
    assert tab.value(".hb-search__input") == "pretending to cooperate"
    assert "#lessons-6b" in first, first
    marks = tab.run("return [...document.querySelectorAll('.hb-search__link mark')].length")
    assert marks > 0
