"""The escalation routes as decision graphs: sound graphs, faithful quotations, and the
flowcharts' layout built from them.

The graph checks run at load (macros/routes.py); these tests prove them on broken copies of the
data, and check the real graphs independently (by walking every path). The routes page as built
is site/test_escalation_routes_site.py's."""
import pytest

from macros.model import shapes as m
from macros.model.book import Handbook
from macros.model.loading import DataError
from macros.model.routes import Graph
from macros.render.flowchart import Layout
from project import copy_project


def broken(tmp_path_factory, *edits):
    """Load a copy of the project whose routes file has these (old, new) edits; return
    {item id: [message, ...]} and the file's lines. Each test group breaks several routes at once
    (the loader reports every problem together), so the slow YAML load runs once per group."""
    data = copy_project(tmp_path_factory.mktemp("project")) / "data"
    path = data / "escalation_routes.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Handbook.load(data)
    found = {}
    for problem in caught.value.problems:
        found.setdefault(problem.item, []).append(problem)
    return found, text.splitlines()


def one(found, item, file="data/escalation_routes.yml"):
    [problem] = found[item]
    assert problem.file == file
    return problem


# --- the real graphs --------------------------------------------------------------------------

def paths(route, node_id=None, seen=()):
    """Every path from the start, walked independently of the checks in macros/routes.py."""
    node = route.node(node_id or route.start)
    assert node.id not in seen, f"{route.id} loops at {node.id}"
    trail = seen + (node.id,)
    if not node.edges():
        yield trail
    for _label, target in node.edges():
        yield from paths(route, target, trail)


def test_every_path_from_the_start_ends_at_an_outcome_and_every_node_is_on_one(book):
    for route in book.routes.routes:
        walked = list(paths(route))
        assert all(route.node(p[-1]).kind == "outcome" for p in walked), route.id
        assert {n for p in walked for n in p} == {n.id for n in route.nodes}, f"{route.id} has unreached nodes"


def test_routes_cover_section_2_and_each_of_the_four_specific_processes(book):
    covered = [r.covers for r in book.routes.routes]
    assert sorted(covered) == ["esc-3.1", "esc-3.2", "esc-3.3", "esc-3.4", "esc-part-2"]
    assert book.routes.entry.options[:4] == ["route-3.1", "route-3.2", "route-3.3", "route-3.4"]


def cited(book):
    return {q.cite for r in book.routes.routes for n in r.nodes for q in n.says + n.record}


def test_every_paragraph_of_parts_2_and_3_is_cited_by_some_step(book):
    wanted = {p.id for p in book["esc-part-2"].paragraphs}
    wanted |= {s.id for p in book["esc-part-3"].processes for s in p.steps}
    assert wanted - cited(book) == set()


def test_every_quotation_is_the_cited_paragraphs_own_words(book):
    from macros.model.routes import quotes
    count = 0
    for _path, _owner, quote in quotes(book.routes):
        assert isinstance(book[quote.cite], m.EscParagraph)
        assert quote.text in book[quote.cite].text, quote.text
        count += 1
    assert count > 40


def test_at_every_step_stand_the_risk_exit_the_record_and_be_clear(book):
    every = book.routes.every_step
    assert [q.cite for q in every.risk.says] == ["esc-1.4", "esc-1.5"]
    assert "on the same working day" in every.risk.says[1].text
    assert [q.cite for q in every.record.says] == ["esc-2.5"]
    assert [f.says.cite for f in every.be_clear.fields] == ["esc-1.7"] * 4
    assert {"esc-2.5", "esc-3.1.4"} <= {q.cite for q in book.routes.record_form.says}


def test_health_goes_via_the_designated_or_named_professional(book):
    route = book.routes.route("route-3.1")
    health = route.node("r3.1-health")
    yes = route.node(dict((a.label, a.next) for a in health.answers)["Yes"])
    assert yes.contact == ["designated-named-professional"] and yes.says[0].cite == "esc-3.1.3"
    plan = book.routes.route("route-3.4")
    assert any("designated-named-professional" in n.contact and any(q.cite == "esc-3.4.4" for q in n.says)
               for n in plan.nodes)


def test_who_to_contact_names_roles_from_the_settings(book):
    roles = {r.id for r in book.settings.roles}
    contacts = {c for r in book.routes.routes for n in r.nodes for c in n.contact}
    assert contacts <= roles and {"head-of-unit", "safeguarding-unit", "designated-person"} <= contacts


def test_the_layout_places_every_node_once_numbered_down_the_page(book):
    for route in book.routes.routes:
        graph = Graph.of(route)
        layout = Layout.of(graph)
        placed = [n for row in layout.rows for n in row]
        assert sorted(placed) == sorted(n.id for n in route.nodes)
        assert [row[0] for row in layout.rows] == graph.spine
        assert sorted(layout.number.values()) == list(range(1, len(route.nodes) + 1))
        # Every answer leads down the page or across, never back up.
        for node in route.nodes:
            for _label, target in node.edges():
                assert layout.number[target] > layout.number[node.id], (route.id, node.id, target)


# --- broken graphs: one clear message each, with file, line and node --------------------------

@pytest.fixture(scope="module")
def graph_errors(tmp_path_factory):
    return broken(tmp_path_factory,
                  ('{label: "No", next: r3.1-line-management}', '{label: "No", next: r3.1-nowhere}'),
                  ('{label: "No", next: r3.4-discuss}', '{label: "No", next: r3.4-resolved}'),
                  ('{label: "No", next: r3.2-agreed}', '{label: "No", next: r3.2-request}'),
                  ("contact: [head-of-unit]\n\n  - id: route-3.4", "contact: [head-of-service]\n\n  - id: route-3.4"),
                  ("Seek guidance from your {safeguarding-lead}", "Seek guidance from your {safeguarding-boss}"),
                  ("the issue must be referred without delay through the line management of the respective",
                   "the issue should be referred through the line management of the respective"),
                  ("- id: r3.3-noted\n", "- id: r3.2-agreed\n"),
                  ('next: r3.3-noted}', 'next: r3.2-agreed}'),
                  ("options: [route-3.1, route-3.2, route-3.3, route-3.4, route-2]",
                   "options: [route-3.1, route-3.2, route-3.3, route-3.4]"),
                  ('section: "3.4"\n    start', 'section: "3.3"\n    start'))


def test_an_edge_to_a_missing_node(graph_errors):
    found, lines = graph_errors
    problem = one(found, "r3.1-health")
    assert problem.message == "leads to 'r3.1-nowhere', which is not a node of route-3.1"
    assert "r3.1-nowhere" in lines[problem.line - 1]


def test_an_orphan_node(graph_errors):
    found, lines = graph_errors
    problem = one(found, "r3.4-discuss")
    assert problem.message == "not reached from the start of route-3.4"
    assert "r3.4-discuss" in lines[problem.line - 1]


def test_a_loop(graph_errors):
    found, lines = graph_errors
    problem = one(found, "r3.2-differences")
    assert problem.message == ("loops back: r3.2-request -> r3.2-response -> r3.2-head -> r3.2-differences "
                               "-> r3.2-request")
    assert "r3.2-differences" in lines[problem.line - 1]


def test_a_contact_that_is_not_a_role_in_the_settings(graph_errors):
    found, lines = graph_errors
    problem = one(found, "r3.3-head")
    assert problem.message == "contact: no role 'head-of-service' in data/settings.yml"
    assert "head-of-service" in lines[problem.line - 1]


def test_a_label_naming_an_unknown_role(graph_errors):
    found, _lines = graph_errors
    assert one(found, "r2-guidance").message == "label: no role 'safeguarding-boss' in data/settings.yml"


def test_a_quotation_that_is_not_the_procedures_words(graph_errors):
    found, lines = graph_errors
    problem = one(found, "r3.1-line-management")
    assert problem.message.startswith("says: not the words of esc-3.1.2: 'the issue should be referred")
    assert "the issue should be referred" in lines[problem.line - 1]


def test_a_node_id_used_twice(graph_errors):
    found, _lines = graph_errors
    assert one(found, "r3.2-agreed").message.startswith("duplicate id")


def test_a_route_the_first_question_does_not_offer(graph_errors):
    found, _lines = graph_errors
    assert one(found, "route-2").message == "route is not offered exactly once in entry.options"


def test_a_route_whose_section_is_not_what_it_covers(graph_errors):
    found, _lines = graph_errors
    assert one(found, "route-3.4").message == "section '3.3' is not that of esc-3.4 (3.4)"


def test_only_the_broken_things_are_reported(graph_errors):
    found, _lines = graph_errors
    assert sorted(found) == sorted(["r3.1-health", "r3.4-discuss", "r3.2-differences", "r3.3-head", "r2-guidance",
                                    "r3.1-line-management", "r3.2-agreed", "route-2", "route-3.4"])


@pytest.fixture(scope="module")
def shape_errors(tmp_path_factory):
    return broken(tmp_path_factory,
                  ("        next: r3.1-shared\n", ""),
                  ('          - {label: "Yes", next: r3.1-named}\n', ""),
                  ("        kind: outcome\n        label: \"Keep working", "        kind: outcome\n        next: r3.2-agreed\n"
                                                                        "        label: \"Keep working"))


def test_an_action_that_leads_nowhere(shape_errors):
    found, _lines = shape_errors
    assert "an action needs 'next'" in one(found, "r3.1-meeting").message


def test_a_question_with_one_answer(shape_errors):
    found, _lines = shape_errors
    assert "a question needs two or more 'answers'" in one(found, "r3.1-health").message


def test_an_outcome_that_goes_on(shape_errors):
    found, _lines = shape_errors
    assert "an outcome ends its route" in one(found, "r3.2-discuss").message


@pytest.fixture(scope="module")
def citation_errors(tmp_path_factory):
    return broken(tmp_path_factory, ("cite: esc-3.1.3", "cite: esc-3.1.9"), ("cite: esc-3.3.2", "cite: rec-6"))


def test_a_cited_paragraph_that_does_not_exist(citation_errors):
    found, lines = citation_errors
    problem = one(found, "r3.1-health")
    assert "unknown id 'esc-3.1.9'" in problem.message and "esc-3.1.9" in lines[problem.line - 1]


def test_a_citation_of_the_wrong_kind(citation_errors):
    found, _lines = citation_errors
    assert "'rec-6' is a Recommendation, expected EscParagraph" in one(found, "r3.3-challenge").message
