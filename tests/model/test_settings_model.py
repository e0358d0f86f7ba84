"""Local adaptation in the model: names are replaced in one pass and whole words only, a note
about the unnamed partnership is replaced once it is named, and bad settings (a wording the
procedure does not use, a missing logo, an unknown paragraph) are reported with file, line and
item. A build with the settings changed is site/test_settings.py's."""
import pytest

from macros.model.book import Handbook
from macros.model.loading import DataError
from macros.model.settings import Localiser
from project import copy_project


def test_names_are_replaced_in_one_pass_and_whole_words_only(book):
    settings = book.settings.model_copy(update={"roles": [
        r.model_copy(update={"title": {"designated-person": "designated safeguarding lead",
                                       "safeguarding-lead": "Lead Adviser",
                                       "line-manager": "supervisor"}.get(r.id, r.title)})
        for r in book.settings.roles]})
    words = Localiser(settings).words
    assert words(book["esc-2.4"].text).startswith(
        "If unresolved, the problem should be referred by the practitioner to their supervisor or lead for "
        "safeguarding (for school staff this will be the designated safeguarding lead)")
    assert words("guidance from their Safeguarding Lead.") == "guidance from their Lead Adviser."
    # "first line manager" is a wording of its own: a renamed "line manager" does not split it.
    assert words(book["esc-3.1.3"].text).endswith("with their first line manager.")


def test_a_moot_note_about_the_unnamed_partnership_is_replaced_when_it_is_named(book):
    settings = book.settings.model_copy(update={"partnership": book.settings.partnership.model_copy(
        update={"name": "Northshire Safeguarding Children Partnership"})})
    note = Localiser(settings).note(book["esc-2.6"].note)
    assert "LSCP" not in note and "Northshire Safeguarding Children Partnership" in note
    assert Localiser(settings).note(book["esc-2.5"].note) == book["esc-2.5"].note


@pytest.fixture(scope="module")
def settings_errors(tmp_path_factory):
    data = copy_project(tmp_path_factory.mktemp("project")) / "data"
    path = data / "settings.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('procedure_says: ["designated person"]', 'procedure_says: ["designated persn"]', 1)
    text = text.replace("logo: null", 'logo: "assets/images/no-such-logo.png"', 1)
    text = text.replace("named_in: [esc-2.3]", "named_in: [esc-9.9]", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        Handbook.load(data)
    return {p.message: p for p in caught.value.problems}, text.splitlines()


def test_a_wording_the_procedure_does_not_use(settings_errors):
    found, lines = settings_errors
    problem = found["procedure_says: 'designated persn' is not in esc-2.4"]
    assert problem.file == "data/settings.yml" and problem.item == "designated-person"
    assert "designated persn" in lines[problem.line - 1]


def test_a_logo_that_is_not_there(settings_errors):
    found, _lines = settings_errors
    assert found["logo: no file docs/assets/images/no-such-logo.png"].file == "data/settings.yml"


def test_a_paragraph_that_does_not_exist(settings_errors):
    found, _lines = settings_errors
    [problem] = [p for m, p in found.items() if "esc-9.9" in m]
    assert problem.item == "safeguarding-lead" and "unknown id 'esc-9.9'" in problem.message
