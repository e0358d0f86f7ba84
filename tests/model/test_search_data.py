"""Practitioners' words for search (data/search.yml): loaded, checked and resolved like every
data file. A broken entry stops the build with the file, the line, the entry and the problem."""
import shutil

import pytest

from macros.model.book import Handbook
from macros.model.loading import DataError
from project import ROOT

HEAD = "by: handbook\n"


@pytest.fixture
def project(tmp_path):
    """The data and the pages (an `items:` entry may name a page in docs/)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("assets"))
    return tmp_path


def problems_with(project, text: str) -> list[str]:
    (project / "data" / "search.yml").write_text(HEAD + text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Handbook.load(project / "data")
    return [str(p) for p in caught.value.problems]


# (what is wrong, the file's entries, the line and item the one message names, what it says)
BROKEN = [
    ("an unknown item", "items:\n  - id: esc-9.9\n    words: [stuck]\n",
     3, "esc-9.9", "id: refers to unknown id 'esc-9.9'"),
    ("a page that is not there", "items:\n  - page: escalation/nowhere.md\n    words: [stuck]\n",
     3, "escalation/nowhere.md", "page: no page docs/escalation/nowhere.md"),
    ("an item named twice", "items:\n  - id: esc-3.1\n    words: [a]\n  - id: esc-3.1\n    words: [b]\n",
     5, "esc-3.1", "already has an entry"),
    ("a word twice for one item", "items:\n  - id: esc-3.1\n    words: [turned down, Turned down]\n",
     4, "esc-3.1", "words: 'Turned down' is written twice"),
    ("an item with no words", "items:\n  - id: esc-3.1\n    words: []\n",
     4, "esc-3.1", "words: is empty"),
    ("an entry for an item and a page at once", "items:\n  - id: esc-3.1\n    page: glossary.md\n    words: [a]\n",
     3, "esc-3.1", "give either 'id' (an item) or 'page'"),
    ("everyday words leading nowhere", "words:\n  - search: [playing along]\n    finds: [disguised complience]\n",
     4, "playing along", "finds: no item's words hold 'disguised complience'"),
    ("no everyday words", "words:\n  - search: []\n    finds: [disguised compliance]\n",
     3, "disguised compliance", "search: is empty"),
    ("an empty phrase", "words:\n  - search: ['  ']\n    finds: [disguised compliance]\n",
     3, "  ", "search: a phrase is empty"),
    ("nothing to find", "words:\n  - search: [playing along]\n",
     3, "playing along", "missing required field 'finds'"),
    ("a phrase in two entries", "words:\n  - search: [playing along]\n    finds: [disguised compliance]\n"
     "  - same: [Playing along, disguised compliance]\n",
     5, "Playing along", "same: 'Playing along' is already in the entry of 'playing along'"),
    ("a phrase twice in one entry", "words:\n  - search: [playing along, playing along]\n    finds: [disguised compliance]\n",
     3, "playing along", "search: 'playing along' is already in this entry"),
    ("both ways with one phrase", "words:\n  - same: [case conference]\n",
     3, "case conference", "same: needs at least 2 phrases"),
    ("both ways, none in the sources", "words:\n  - same: [case conference, cp meeting]\n",
     3, "case conference", "same: no item's words hold any of these phrases"),
    ("markup", "words:\n  - search: ['<b>hidden</b>']\n    finds: [disguised compliance]\n",
     3, "<b>hidden</b>", "contains markup"),
    ("an unknown field", "words:\n  - search: [playing along]\n    finds: [disguised compliance]\n    fnids: [x]\n",
     5, "playing along", "unknown field 'fnids'"),
]


@pytest.mark.parametrize("what, text, line, item, says", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_entry_names_the_file_its_line_the_entry_and_the_problem(project, what, text, line, item, says):
    found = problems_with(project, text)
    assert len(found) == 1, found
    assert found[0].startswith(f"data/search.yml:{line}: item '{item}': "), found
    assert says in found[0], found


def test_the_shipped_vocabulary_loads_and_each_entry_leads_somewhere(book):
    vocabulary = book.facts.vocabulary
    data = book.file("search.yml")
    assert data.words and data.items
    for finds, words in vocabulary.rules:
        assert words and finds


def test_one_way_words_lead_to_the_sources_words_and_a_same_group_leads_both_ways(project):
    (project / "data" / "search.yml").write_text(
        HEAD + "words:\n  - search: [playing along, going along with it]\n    finds: [disguised compliance]\n"
        "  - same: [child protection conference, case conference]\n", encoding="utf-8")
    rules = Handbook.load(project / "data").facts.vocabulary.rules
    assert (("playing along", "going along with it"), ("disguised compliance",)) in rules
    assert not any("disguised compliance" in everyday for everyday, _ in rules)  # one way only
    group = ("child protection conference", "case conference")
    assert (group, group) in rules


def test_the_glossary_leads_both_ways_between_an_abbreviation_and_its_expansion(book):
    term = next(t for t in book.glossary if t.abbr == "CAMHS")
    rules = book.facts.vocabulary.rules
    assert (("CAMHS",), (term.expansion,)) in rules and ((term.expansion,), ("CAMHS",)) in rules


def test_an_items_own_words_are_kept_for_it_alone(book):
    entries = book.file("search.yml").items
    extra = book.facts.vocabulary.extra
    assert len(extra) == len(entries)
    for entry in entries:
        assert extra[entry.id or entry.page] == tuple(entry.words)
