"""The real data: every file validates, ids are unique, every cross-reference resolves."""
import re
from collections import Counter

import yaml

from macros.model import shapes as m
from macros.model.book import FILES, references, walk
from project import ROOT


def test_every_data_file_is_declared_and_loads(book):
    on_disk = {p.name for p in (ROOT / "data").glob("*.yml")}
    assert on_disk == set(FILES), "every data file has a model, and every model a file"
    assert all(loaded.model is not None for loaded in book.loaded.values())


def test_ids_are_unique_across_all_files():
    ids = []
    for path in (ROOT / "data").glob("*.yml"):
        def collect(node):
            if isinstance(node, dict):
                if isinstance(node.get("id"), str) and "source" in node:
                    ids.append(node["id"])
                for value in node.values():
                    collect(value)
            elif isinstance(node, list):
                for value in node:
                    collect(value)
        collect(yaml.safe_load(path.read_text(encoding="utf-8")))
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert ids and not duplicates


def test_every_reference_resolves_to_an_item_of_the_right_kind(book):
    count = 0
    for loaded in book.loaded.values():
        for _path, _owner, value, target in references(loaded.model):
            assert value in book.index, value
            if target.kinds:
                assert type(book[value]).__name__ in target.kinds, value
            count += 1
    assert count > 100  # sources of every item, areas, see_also, footnote, pledge rows


def test_every_cited_item_names_a_known_source_and_a_section(book):
    for loaded in book.loaded.values():
        for _path, obj in walk(loaded.model):
            if isinstance(obj, m.Cited):
                assert obj.source in {s.id for s in book.sources}
                assert obj.section.strip()


def _numbers_in(text: str) -> set[int]:
    """Recommendation numbers a PH28 text refers to, ranges ("50–52") expanded."""
    found = set()
    for clause in re.findall(r"\(see (?:also )?(?:recommendations? )?([^)]*)\)|recommendation (\d+)", text):
        words = clause[0] or clause[1]
        for start, end in re.findall(r"(\d+)(?:–(\d+))?", words):
            found.update(range(int(start), int(end or start) + 1))
    return found


def test_see_also_matches_every_number_and_range_the_text_cites(book):
    checked = 0
    for rec in book.recommendations.recommendations:
        for path, obj in walk(rec):
            if isinstance(obj, m.Entry):
                cited = _numbers_in(obj.text)
                assert {f"rec-{n}" for n in cited} == set(obj.see_also), obj.text
                checked += bool(cited)
    assert checked >= 8


def test_ranges_expand_to_existing_entries(book):
    for first, last in [(50, 52), (20, 23), (41, 45)]:
        for n in range(first, last + 1):
            assert f"rec-{n}" in book.index
    assert _numbers_in("(see also 41–45)") == {41, 42, 43, 44, 45}
