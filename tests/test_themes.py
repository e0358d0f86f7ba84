"""Themes: the seven steps as the cross-cutting index. Every relation resolves to an item of the
right kind, is shown from both ends (under the step, and in the item's body) with its reason,
and is labelled as the handbook's judgement; bad relations stop the build."""
import pytest
import yaml

from macros.model import shapes as m
from macros.render.links import HOME_PAGE, Context, page_url
from navigation_support import data, edit, home_file, line_of, normal, problems, tree  # noqa: F401
from project import ROOT, copy_project, mkdocs_build

THEMES = yaml.safe_load((ROOT / "data" / "themes.yml").read_text(encoding="utf-8"))["themes"]
KINDS = (m.Point, m.Recommendation, m.EscParagraph, m.Dimension)
LABEL = "the handbook’s index: an editorial judgement, not the sources’ words"


def relations():
    return [(theme["step"], rel["to"], rel["why"]) for theme in THEMES for rel in theme["serves"]]


def themes_block(page, item_id):
    body = page.find(data_item=item_id)
    assert body is not None, item_id
    block = body.find(cls="hb-themes")
    assert block is not None, f"{item_id}: shows no themes"
    return block


def row_for(block, href):
    """The list row of a themes block that links to href."""
    return next((li for li in block.find_all("li") if href in li.hrefs()), None)


def test_every_step_has_relations_and_every_relation_resolves_to_an_item_of_the_right_kind(book):
    assert {t["step"] for t in THEMES} == {s.id for s in book.seven_steps.steps}
    kinds_used = set()
    for step, target, why in relations():
        assert isinstance(book[step], m.Step)
        assert isinstance(book[target], KINDS), target
        assert why.strip()
        kinds_used.add(type(book[target]))
    assert kinds_used == set(KINDS)


def test_every_relation_is_shown_under_its_step_and_in_its_items_body(book, site):
    steps_page = tree(site / "seven-steps" / "index.html")
    parsed = {}
    for step, target, why in relations():
        # Under the step: a link to the item, with the reason.
        href = Context.of(book, page_url("seven-steps.md", True), True).url(target)
        row = row_for(themes_block(steps_page, step), href)
        assert row is not None and normal(why) in row.text(), (step, target)
        # In the item's body, on its own page: a link back to the step, with the reason.
        path = home_file(site, book[target])
        page = parsed.setdefault(path, tree(path))
        back = Context.of(book, page_url(HOME_PAGE[type(book[target])], True), True).url(step)
        row = row_for(themes_block(page, target), back)
        assert row is not None and normal(why) in row.text(), (target, step)


def test_relations_are_labelled_as_the_handbooks_judgement_wherever_shown(site):
    shown = 0
    for name in ("seven-steps", "fourteen-points", "recommendations", "escalation", "professional-dimension"):
        for block in tree(site / name / "index.html").find_all(cls="hb-themes"):
            assert LABEL in block.text(), name
            shown += 1
    assert shown == 7 + len({target for _, target, _ in relations()})


def test_an_item_with_no_theme_shows_none(book, site):
    related = {target for _, target, _ in relations()}
    page = tree(site / "fourteen-points" / "index.html")
    for point in book.fourteen_points.points:
        body = page.find(data_item=point.id)
        assert (body.find(cls="hb-themes") is not None) == (point.id in related), point.id


# --- bad data ---------------------------------------------------------------------------------

def test_an_unknown_id_names_the_step_the_line_and_the_id(data):
    edit(data / "themes.yml", "      - to: point-9\n        why: \"Recording",
         "      - to: point-99\n        why: \"Recording")
    [message] = problems(data)
    assert message.startswith("data/themes.yml:") and "item 'step-recording'" in message
    assert "unknown id 'point-99'" in message
    assert "point-99" in (data / "themes.yml").read_text(encoding="utf-8").splitlines()[line_of(message) - 1]


@pytest.mark.parametrize("target, kind", [("area-1", "Area"), ("step-recording", "Step"), ("ph28", "Source"),
                                          ("esc-3.1", "EscProcess")])
def test_an_item_of_the_wrong_kind(data, target, kind):
    edit(data / "themes.yml", "      - to: point-5\n", f"      - to: {target}\n")
    [message] = problems(data)
    assert "item 'step-decision-making'" in message
    assert f"'{target}' is a {kind}, expected Point or Recommendation or EscParagraph or Dimension" in message


def test_an_unknown_step(data):
    edit(data / "themes.yml", "  - step: step-recording\n", "  - step: step-recordings\n")
    messages = problems(data)
    assert any("step: refers to unknown id 'step-recordings'" in msg for msg in messages), messages
    assert any("no theme record for 'step-recording'" in msg for msg in messages), messages


def test_a_recommendation_not_reproduced_or_an_item_related_twice(data):
    edit(data / "themes.yml", "      - to: rec-52\n", "      - to: rec-33\n")
    edit(data / "themes.yml", "      - to: point-6\n", "      - to: point-5\n")
    messages = problems(data)
    assert any("item 'step-recording'" in msg and "'rec-33' is not reproduced" in msg for msg in messages), messages
    assert any("item 'step-decision-making'" in msg and "'point-5' is related to this step twice" in msg
               for msg in messages), messages
    assert len(messages) == 2


def test_a_relation_without_a_reason(data):
    edit(data / "themes.yml", "        why: \"Defensible decisions and clear plans: what, who, by when.\"\n", "")
    [message] = problems(data)
    assert message.startswith("data/themes.yml:") and "missing required field 'why'" in message
    assert "to: point-5" in (data / "themes.yml").read_text(encoding="utf-8").splitlines()[line_of(message) - 1]


def test_broken_themes_stop_the_real_build(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "data" / "themes.yml", "      - to: point-5\n", "      - to: area-1\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/themes.yml" in result.stderr and "'area-1' is a Area" in result.stderr
    assert "Traceback" not in result.stderr
