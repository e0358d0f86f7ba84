"""Themes, on the built site: the seven steps as the cross-cutting index. Every relation is shown
from both ends (under the step, and in the item's body) with its reason, and is labelled as the
handbook's judgement; an item with no theme shows none; bad relations stop a real build."""
import yaml

from macros.render.links import HOME_PAGE, Context, page_url
from navigation_support import edit, home_file, normal, relations, tree
from project import ROOT, copy_project, mkdocs_build

LABEL = "the handbook’s index: an editorial judgement, not the sources’ words"


def themes_block(page, item_id):
    body = page.find(data_item=item_id)
    assert body is not None, item_id
    block = body.find(cls="hb-themes")
    assert block is not None, f"{item_id}: shows no themes"
    return block


def row_for(block, href):
    """The list row of a themes block that links to href."""
    return next((li for li in block.find_all("li") if href in li.hrefs()), None)


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


def test_broken_themes_stop_the_real_build(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "data" / "themes.yml", "      - to: point-5\n", "      - to: area-1\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/themes.yml" in result.stderr and "'area-1' is a Area" in result.stderr
    assert "Traceback" not in result.stderr
