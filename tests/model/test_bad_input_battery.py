"""The bad-input battery, through the real loader: broken data of every kind gives one clear
message naming the file, the line and the item.

The generic cases walk whatever data files and reference fields models.FILES declares, so
data kinds added later are covered without being named here. Hostile text through the real
build is browsers/test_bad_input_battery_browser.py's; a failed `make build`,
site/test_bad_input_battery_site.py's.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.model import shapes as m
from macros.model.book import Handbook, references, walk
from macros.model.loading import DataError, line_at
from navigation_support import lines, rewrite_line
from project import copy_project


@pytest.fixture
def data(tmp_path):
    """A copy of the project's data (with the pages beside it, which some checks look for)."""
    return copy_project(tmp_path / "project") / "data"


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        Handbook.load(data_dir)
    return [str(p) for p in caught.value.problems]


def line_of(message: str) -> int:
    return int(message.split(":")[1])


# --- YAML that does not parse: the file and the line ------------------------------------

@pytest.mark.parametrize("file, containing, new", [
    ("glossary.yml", 'abbr: "ADP"', lambda line: line.replace('"ADP"', '"ADP')),            # unclosed quote
    ("references.yml", "authors: \"Ayre, P.\"", lambda line: "\t" + line),                    # a tab indent
    ("pledge_tool.yml", "area: area-2", lambda line: line.replace("area-2", "[area-2")),     # unclosed list
])
def test_yaml_that_does_not_parse_names_the_file_and_the_line(data, file, containing, new):
    broken_at = rewrite_line(data / file, containing, new)
    [message] = problems(data)
    assert message.startswith(f"data/{file}:") and "YAML syntax error" in message
    assert broken_at - 1 <= line_of(message) <= broken_at + 2, (broken_at, message)


# --- wrong types: the file, the line, the item and the field ----------------------------

@pytest.mark.parametrize("file, containing, new, item, field", [
    ("seven_steps.yml", "number: 3", lambda l: l.replace("3", "[3]"), "step-communication", "number"),
    ("glossary.yml", 'abbr: "ADP"', lambda l: l.replace('"ADP"', "{ADP: 1}"), "term-adp", "abbr"),
    ("sources.yml", "status: superseded", lambda l: l.replace("superseded", "retired"), "ph28", "status"),
    ("references.yml", 'year: "1998"', lambda l: l.replace('"1998"', "1998"), "ref-ayre-1998", "year"),
])
def test_a_value_of_the_wrong_type(data, file, containing, new, item, field):
    broken_at = rewrite_line(data / file, containing, new)
    [message] = problems(data)
    assert message.startswith(f"data/{file}:{broken_at}: item '{item}': field '{field}'"), message


# --- every file, at once: a missing citation, and a reference to nothing ----------------

def test_an_item_without_its_source_in_any_file_is_named_with_its_file_and_line(book, data):
    """Drop `source:` from the first cited item of every data file that has one."""
    expected = []
    for name, loaded in book.loaded.items():
        first = next(((p, obj) for p, obj in walk(loaded.model) if isinstance(obj, m.Cited)), None)
        if first is None:
            continue
        path, item = first
        number = line_at(loaded.nodes, path + ("source",))
        text = lines(data / name)
        if not re.match(r"\s*-?\s*source:\s*\S+\s*$", text[number - 1]):
            continue  # written inline with other fields: nothing to take out cleanly
        del text[number - 1]
        (data / name).write_text("\n".join(text) + "\n", encoding="utf-8")
        expected.append((name, item.id, number))
    assert len(expected) >= 8, expected
    found = problems(data)
    for name, item_id, number in expected:  # the line: the item's own, which starts before its source did
        assert any(p.startswith(f"data/{name}:") and line_of(p) <= number
                   and f"item '{item_id}': missing required field 'source'" in p for p in found), (name, item_id, found)


def test_a_reference_to_an_unknown_id_of_every_kind_is_named_with_its_file_line_and_item(book, data):
    """Point one reference of each field of each file at an id that does not exist, all at once."""
    seen, expected = set(), []
    for name, loaded in book.loaded.items():
        for path, owner, value, _target in references(loaded.model):
            field = path[-1] if isinstance(path[-1], str) else path[-2]
            number = line_at(loaded.nodes, path)
            text = lines(data / name)
            pattern = rf"(?<![\w.-]){re.escape(value)}(?![\w.-])"
            if (name, field) in seen or len(re.findall(pattern, text[number - 1])) != 1:
                continue
            seen.add((name, field))
            missing = f"no-such-id-{len(expected)}"
            text[number - 1] = re.sub(pattern, missing, text[number - 1])
            (data / name).write_text("\n".join(text) + "\n", encoding="utf-8")
            expected.append((name, number, owner, missing))
    assert len(expected) >= 10, expected
    found = problems(data)
    for name, number, owner, missing in expected:  # (a record keyed by the id it refers to is named by it)
        assert any(re.match(rf"data/{re.escape(name)}:{number}: (item '[^']+'|file): ", p)
                   and f"unknown id '{missing}'" in p for p in found), (name, number, owner, missing, found)


# --- duplicates and loops -----------------------------------------------------------------

@pytest.mark.parametrize("file, old, new, item, first", [
    ("glossary.yml", 'id: "term-adp"', 'id: "term-acpc"', "term-acpc", "data/glossary.yml"),
    ("references.yml", "id: ref-bichard-2004", "id: rec-6", "rec-6", "data/recommendations.yml"),
])
def test_an_id_used_twice(data, file, old, new, item, first):
    broken_at = rewrite_line(data / file, old, lambda line: line.replace(old, new))
    [message] = problems(data)
    assert message == f"data/{file}:{broken_at}: item '{item}': duplicate id (first used in {first})"


def test_a_route_that_loops_back(book, data):
    """Escalation routes are the data kind that forbids cycles: point an answer back at its
    route's start, where the node it led to is also reached another way (so nothing else breaks)."""
    loaded = book.loaded["escalation_routes.yml"]
    loop = None
    for r, route in enumerate(loaded.model.routes):
        incoming = [target for node in route.nodes for _label, target in node.edges()]
        for n, node in enumerate(route.nodes):
            for a, answer in enumerate(node.answers):
                if loop is None and incoming.count(answer.next) > 1 and node.id != route.start:
                    loop = (route, node, line_at(loaded.nodes, ("routes", r, "nodes", n, "answers", a, "next")), answer)
    assert loop, "no answer to turn into a loop"
    route, node, number, answer = loop
    text = lines(data / "escalation_routes.yml")
    text[number - 1] = text[number - 1].replace(f"next: {answer.next}", f"next: {route.start}")
    (data / "escalation_routes.yml").write_text("\n".join(text) + "\n", encoding="utf-8")
    [message] = problems(data)
    assert message.startswith("data/escalation_routes.yml:") and f"item '{node.id}': loops back: " in message
    assert message.endswith(f"{node.id} -> {route.start}"), message


def test_a_field_written_twice_in_one_item(data):
    broken_at = rewrite_line(data / "seven_steps.yml", "title: \"COMMUNICATION\"",
                             lambda line: line + '\n    title: "SOMETHING ELSE"')
    [message] = problems(data)
    assert message.startswith(f"data/seven_steps.yml:{broken_at + 1}: item 'step-communication'")
    assert "'title' is written twice" in message


def test_a_broken_file_gives_only_its_own_message(data):
    broken_at = rewrite_line(data / "fourteen_points.yml", "area: area-2", lambda l: l.replace("area-2", "[area-2"))
    assert [line_of(p) for p in problems(data)] == [broken_at + 1]


# --- files that are not data at all ------------------------------------------------------

def test_a_file_that_is_not_utf8(data):
    (data / "references.yml").write_bytes((data / "references.yml").read_bytes().replace(b"Ayre", b"Ayr\xe9", 1))
    [message] = problems(data)
    assert message.startswith("data/references.yml: file: not UTF-8 text")


def test_an_empty_file(data):
    (data / "seven_steps.yml").write_text("# nothing here yet\n", encoding="utf-8")
    [message] = problems(data)
    assert message == "data/seven_steps.yml:1: file: expected a mapping at the top of the file"
