"""The handbook's search, run by Node exactly as a page runs it, over the public everyday
questions (tests/render/search/questions.yml) and those written apart from the vocabulary
(questions-apart.yml): how often the answering record comes first. Made from the handbook without
building the site, so that `make check` holds these figures too."""
import os
import shutil

import pytest

from search_support import APART, QUESTIONS, ROOT, figures, questions, ranked, search_files

# What each set of questions reaches today (hit@1, hit@3, mean reciprocal rank), held so that a
# change of the vocabulary, the weights or the records that loses ground fails. The aim for the
# public questions is hit@1 85%, hit@3 95%, MRR 0.90 (README, "Search"): raise these as the
# search gets there, never lower them.
HELD = {"questions.yml": (0.85, 0.97, 0.91), "questions-apart.yml": (0.82, 0.97, 0.90)}


@pytest.fixture(scope="module")
def searched(book, tmp_path_factory):
    if shutil.which("node") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js is required under CI (apt-get install nodejs)")
        pytest.skip("Node.js is not installed here (apt-get install nodejs)")
    return search_files(book, tmp_path_factory.mktemp("search"))


@pytest.mark.parametrize("path", [QUESTIONS, APART], ids=lambda p: p.name)
def test_the_questions_are_well_formed(book, searched, path):
    asked = questions(path)
    assert len(asked) >= 60
    assert len({q["q"].lower() for q in asked}) == len(asked), "a question is asked twice"
    known = set(book.index)
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    changes = {c.id for c in book.file("currency.yml").changes}
    for q in asked:
        assert 1 <= len(q["answers"]) <= 4, q
        unknown = [a for a in q["answers"] if a not in known | pages | changes]
        assert not unknown, (q["q"], unknown)


@pytest.mark.parametrize("path", [QUESTIONS, APART], ids=lambda p: p.name)
def test_the_answering_record_comes_first_for_everyday_questions(searched, path):
    asked = questions(path)
    found = figures(asked, ranked(searched, [q["q"] for q in asked]))
    report = "\n".join(f"  {rank or '-'}: {q!r} wants {answers}, got {got}" for rank, q, answers, got in found.misses)
    hit1, hit3, mrr = HELD[path.name]
    assert found.hit1 >= hit1 and found.hit3 >= hit3 and found.mrr >= mrr, \
        f"hit@1 {found.hit1:.0%}, hit@3 {found.hit3:.0%}, MRR {found.mrr:.2f}:\n{report}"


def test_the_sources_own_words_rank_above_words_reached_through_the_vocabulary(book, searched):
    """Searching for an everyday phrase of data/search.yml that some item also writes: every
    record found by the searcher's own words ranks above every record that only the vocabulary
    leads to."""
    from macros.model.wording import pattern, words_by_item
    texts = "\n".join(t for words in words_by_item(book).values() for _, t in words)
    phrases = [p for everyday, finds in book.facts.vocabulary.rules if everyday != finds
               for p in everyday if pattern((p,), True).search(texts)]
    assert len(phrases) > 10, "few everyday phrases of the vocabulary are written in the sources too"
    with_vocabulary, own = ranked(searched, phrases), ranked(searched, phrases, own_words_only=True)
    led_only = 0
    for phrase, got, found in zip(phrases, with_vocabulary, own):
        led = [i for i, rid in enumerate(got) if rid not in found]
        if led:
            led_only += 1
            assert all(rid not in found for rid in got[led[0]:]), f"{phrase!r}: {got} (own words: {found})"
    assert led_only, "the vocabulary led no search anywhere: the test checks nothing"


def test_a_slip_of_the_keys_finds_what_the_word_finds(searched):
    """A word the handbook never writes is read as the handbook's word one slip from it (a letter
    missing, added, wrong, or two swapped), in the vocabulary's phrases too; a form of one of its
    words is not "corrected" into another word."""
    slips = {"chiar overruled me": "chair overruled me", "esclation policy": "escalation policy",
             "confrence": "conference", "safegaurding lead": "safeguarding lead", "health vistor": "health visitor"}
    typed, meant = ranked(searched, list(slips)), ranked(searched, list(slips.values()))
    assert typed == meant and all(typed)
    colluding, concluding = ranked(searched, ["colluding agencies", "concluding agencies"])
    assert colluding[0] == "dim-inter-agency-competition-conflict-collusion" and colluding != concluding


def test_any_way_of_saying_not_is_one(searched):
    """"Won't", "don't", "cannot", "never", "not" are one word to the practitioners' phrases."""
    ways = ["social care won't accept the referral", "social care don't accept the referral",
            "social care cannot accept the referral", "social care never accept the referral"]
    results = ranked(searched, ways)
    assert all(got == results[0] for got in results) and results[0]
    assert results[0] != ranked(searched, ["social care accept the referral"])[0]
