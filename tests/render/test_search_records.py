"""The search records (macros/render/search.py), made from the resolved handbook without a build:
one per item a reader looks for and one per page, each with its address, title, kind, source
and own words; the practitioners' words kept apart, never as the item's words."""
import json
import re

import pytest

from macros.model.book import Handbook
from macros.render.links import HOME_PAGE
from macros.render.search import KINDS, SHOWN_BY_ITEM, records, records_script
from project import ROOT, copy_project

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def online(book):
    return {r.id: r for r in records(book, True, DOCS)}


def test_every_item_a_reader_looks_for_every_change_and_every_page_has_one_record(book, online):
    items = [i for i, item in book.index.items() if type(item) in KINDS]
    changes = [c.id for c in book.file("currency.yml").changes]
    pages = [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")]
    assert len(online) == len(records(book, True, DOCS)), "two records share an id"
    assert set(online) == set(items) | set(changes) | set(pages) - set(SHOWN_BY_ITEM)
    assert online["change-lscb"].url == "whats-changed/#change-lscb"
    for kind in (["EscParagraph", "EscProcess", "Route", "Recommendation", "Point", "Dimension", "Step",
                  "LessonSection", "Block", "Term", "PledgeTool"]):
        assert any(type(book[i]).__name__ == kind for i in items if i in online), kind


def test_a_records_address_is_its_items_anchor_on_its_page(book, online):
    assert online["esc-3.1"].url == "escalation/#esc-3.1"
    assert online["rec-50"].url == "recommendations/#rec-50"
    assert online["escalation/navigator.md"].url == "escalation/navigator/"
    assert online["index.md"].url == "./"
    offline = {r.id: r for r in records(book, False, DOCS)}
    assert offline["esc-3.1"].url == "escalation/index.html#esc-3.1"
    assert offline["guides/route-cards/route-3.1.md"].url == "guides/route-cards/route-3.1.html"
    for item_id, record in online.items():
        if item_id in book.index:
            page = HOME_PAGE[type(book[item_id])].removesuffix(".md").removesuffix("index")
            assert record.url == f"{page.rstrip('/') + '/' if page else ''}#{item_id}", record


def test_a_record_says_what_it_is_and_where_it_comes_from(online):
    rec = online["rec-50"]
    assert rec.title == "Recommendation 50: Develop a national core training module"
    assert rec.kind == "Recommendation" and rec.cite == "NICE/SCIE PH28, Recommendation 50"
    assert online["esc-3.1.2"].cite == "Escalation procedure, 3.1.2"
    assert online["guides/route-cards/route-3.1.md"].kind == "Route card"
    assert online["escalation/navigator.md"].kind == "Tool"
    assert online["escalation/navigator.md"].title == "I disagree – what now?"
    # an untitled lesson block is named by its section
    assert online["lessons-6b-risk-factors"].title == online["lessons-6b"].title


def test_a_records_words_are_the_items_own_as_plain_text(book, online):
    point = online["point-2"]
    assert point.title == "Point 2: Working in partnership with parents and carers"
    for entry in book["point-2"].detail:
        assert entry.text.replace("*", "") in point.text
    for record in online.values():
        assert not re.search(r"<(?!https?:)[a-z/]|\*\*|&[a-z]+;", record.text + record.title), record.id
    # a lesson block with its own record is not also its section's words
    block = book["lessons-6b-family-cooperation"]
    assert block.items[0].text not in online["lessons-6b"].text
    assert block.items[0].text in online["lessons-6b-family-cooperation"].text


def test_an_items_extra_words_are_its_keywords_kept_apart_from_its_words(book, online):
    for entry in book.file("search.yml").items:
        record = online[entry.id or entry.page]
        assert record.keywords.split(" · ") == list(entry.words), record


def test_the_records_script_is_one_classic_script_with_every_record_and_the_vocabulary(book):
    script = records_script(book, True, DOCS)
    found = re.search(r"search\.records = (\[.*?\]);\s*search\.vocabulary = (\[.*?\]);\s*\}\)\(globalThis\.HandbookSearch", script)
    assert found, script[:300]
    assert [r["id"] for r in json.loads(found.group(1))] == [r.id for r in records(book, True, DOCS)]
    assert [tuple(map(tuple, rule)) for rule in json.loads(found.group(2))] == list(book.facts.vocabulary.rules)
    assert "<" not in found.group(1) + found.group(2), "markup-like text must be escaped inside a script"


def test_an_adapted_copy_is_found_by_its_own_names(tmp_path):
    project = copy_project(tmp_path)
    settings = project / "data" / "settings.yml"
    text = settings.read_text(encoding="utf-8")
    assert 'title: "Head of the Safeguarding Unit"' in text
    settings.write_text(text.replace('title: "Head of the Safeguarding Unit"', 'title: "Principal Safeguarding Manager"'),
                        encoding="utf-8")
    adapted = {r.id: r for r in records(Handbook.load(project / "data"), True, project / "docs")}
    assert "Principal Safeguarding Manager" in adapted["esc-3.2.1"].text
    assert "Head of the Safeguarding Unit" not in adapted["esc-3.2.1"].text
