"""Themes, in the data: every step of the seven has relations and every relation resolves to an
item of the right kind; bad relations are reported with file, line and step. The relations on
the built pages are site/test_themes_site.py's."""
import pytest

from macros.model import shapes as m
from navigation_support import THEMES, data, edit, line_of, problems, relations  # noqa: F401

KINDS = (m.Point, m.Recommendation, m.EscParagraph, m.Dimension)


def test_every_step_has_relations_and_every_relation_resolves_to_an_item_of_the_right_kind(book):
    assert {t["step"] for t in THEMES} == {s.id for s in book.seven_steps.steps}
    kinds_used = set()
    for step, target, why in relations():
        assert isinstance(book[step], m.Step)
        assert isinstance(book[target], KINDS), target
        assert why.strip()
        kinds_used.add(type(book[target]))
    assert kinds_used == set(KINDS)


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
