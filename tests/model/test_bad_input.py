"""Broken data stops the build with one clear message per problem: file, line, item, what (here
through the loader; a real build stopped by it is site/test_bad_input_site.py's)."""
import shutil

import pytest

from macros.model.book import Handbook
from macros.model.loading import DataError
from project import ROOT


@pytest.fixture
def data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems(data_dir):
    with pytest.raises(DataError) as caught:
        Handbook.load(data_dir)
    return [str(p) for p in caught.value.problems]


def test_unknown_see_also_id_names_file_line_item_and_id(data):
    edit(data / "recommendations.yml", "rec-33, rec-34", "rec-99, rec-34")
    [message] = problems(data)
    assert message.startswith("data/recommendations.yml:")
    assert "item 'rec-6'" in message and "unknown id 'rec-99'" in message
    line = int(message.split(":")[1])
    assert "rec-99" in (data / "recommendations.yml").read_text(encoding="utf-8").splitlines()[line - 1]


def test_reference_to_an_item_of_the_wrong_kind(data):
    edit(data / "fourteen_points.yml", "area: area-2", "area: point-2")
    [message] = problems(data)
    assert "data/fourteen_points.yml" in message and "'point-2' is a Point, expected Area" in message


def test_yaml_syntax_error_reports_its_line(data):
    path = data / "seven_steps.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[8] = '    title: [INTERAGENCY WORKING'
    path.write_text("\n".join(lines), encoding="utf-8")
    [message] = problems(data)
    assert message.startswith("data/seven_steps.yml:1") and "YAML syntax error" in message
    assert 9 <= int(message.split(":")[1]) <= 11  # at or just after the unclosed bracket


def test_missing_required_field(data):
    edit(data / "escalation.yml", '        number: "2.5"\n', "")
    [message] = problems(data)
    assert "data/escalation.yml" in message and "item 'esc-2.5'" in message
    assert "missing required field 'number'" in message


def test_wrong_type(data):
    edit(data / "seven_steps.yml", "number: 3", "number: three")
    [message] = problems(data)
    assert "item 'step-communication'" in message and "field 'number'" in message and "integer" in message


def test_unknown_field_is_a_typo_not_ignored(data):
    edit(data / "seven_steps.yml", "    text:", "    txet:")
    messages = problems(data)
    assert any("unknown field 'txet'" in m for m in messages)
    assert any("missing required field 'text'" in m for m in messages)


def test_duplicate_id_across_files(data):
    edit(data / "seven_steps.yml", "id: step-recording", "id: point-4")
    message, dangling = problems(data)
    # data/themes.yml relates every step to the items serving it: its reference dangles too.
    assert dangling.startswith("data/themes.yml:") and "unknown id 'step-recording'" in dangling
    assert "data/seven_steps.yml" in message and "item 'point-4'" in message
    assert "duplicate id (first used in data/fourteen_points.yml)" in message


def test_invalid_id(data):
    edit(data / "seven_steps.yml", "id: step-recording", "id: Step Recording")
    message, dangling = problems(data)
    # data/themes.yml relates every step to the items serving it: its reference dangles too.
    assert dangling.startswith("data/themes.yml:") and "unknown id 'step-recording'" in dangling
    assert "field 'id'" in message and "pattern" in message


def test_missing_file(data):
    (data / "glossary.yml").unlink()
    messages = problems(data)
    assert messages == ["data/glossary.yml: file: file is missing"]


def test_every_problem_is_reported_at_once(data):
    edit(data / "recommendations.yml", "rec-33, rec-34", "rec-98, rec-97")
    edit(data / "seven_steps.yml", "number: 3", "number: three")
    assert len(problems(data)) == 3


def test_superseded_source_must_say_what_replaced_it(data):
    edit(data / "sources.yml", '    replaced_by: "NICE guideline NG205, Looked-after children and young people"\n', "")
    messages = problems(data)
    assert any("item 'ph28'" in m and "needs 'replaced_by'" in m for m in messages)
