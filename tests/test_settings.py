"""Local adaptation: one settings file renames the partnership, its unit and local roles; the
escalation pages, flowcharts and navigator (and the escalation quick guide) show the new names
and none of the defaults, while the data keeps the procedure's own words."""
import json
import re

import pytest
from pypdf import PdfReader

from macros.model.book import Handbook
from macros.model.loading import DataError
from macros.model.settings import Localiser
from pdf_words import pdf_words
from project import ROOT, copy_project, mkdocs_build

PROCEDURES = "https://procedures.northshire.example/"
NEW = {  # setting (as shipped) -> what the test partnership calls it
    'name: "LSCP"': 'name: "Northshire Safeguarding Children Partnership"',
    'title: "Local Authority Children’s Services Safeguarding Unit"': 'title: "Northshire Safeguarding Hub"',
    'title: "Head of the Safeguarding Unit"': 'title: "Head of Safeguarding and Quality Assurance"',
    'title: "designated person"': 'title: "designated safeguarding lead"',
    'title: "Safeguarding Lead"': 'title: "Named Safeguarding Adviser"',
    'title: "Children’s Social Care Services"': 'title: "Northshire Children’s Services"',
    'procedures_url: null': f'procedures_url: "{PROCEDURES}"',
}
DEFAULTS = ["LSCP", "Local Authority Children’s Services Safeguarding Unit", "Head of the Safeguarding Unit",
            "Safeguarding Unit", "designated person", "Safeguarding Lead", "Children’s Social Care Services", "CSC"]
NAMES = ["Northshire Safeguarding Children Partnership", "Northshire Safeguarding Hub",
         "Head of Safeguarding and Quality Assurance", "designated safeguarding lead", "Named Safeguarding Adviser",
         "Northshire Children’s Services"]
HUB_EMAIL, HUB_WEB = "hub@northshire.gov.uk", "https://www.northshire.gov.uk/safeguarding-hub"
ONLINE = "https://safeguarding.northshire.gov.uk/handbook/"
PAGES = ["escalation/index.html", "escalation/routes/index.html", "escalation/navigator/index.html",
         "escalation/record/index.html"]


def build_adapted(tmp):
    """A build of a copy of the project with a changed data/settings.yml (started with the
    session's other builds: conftest, BUILDS)."""
    project = copy_project(tmp / "project")
    path = project / "data" / "settings.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in NEW.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    text = re.sub(r"(- id: safeguarding-unit\n(?:.*\n)*?    contact: \{)phone: null, email: null, address: null, web: null",
                  rf'\1phone: "01234 567890", email: "{HUB_EMAIL}", address: null, web: "{HUB_WEB}"', text, count=1)
    path.write_text(text, encoding="utf-8")
    mkdocs = project / "mkdocs.yml"  # the partnership's own online handbook, in place of the placeholder
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("https://handbook.example.org/", ONLINE), encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


BUILDS = {"adapted": build_adapted}


@pytest.fixture(scope="module")
def adapted(builds):
    return builds.get("adapted")


def visible_text(html: str) -> str:
    """The page's words and the navigator's JSON, without the site's chrome or the citations
    (a citation names the source document's publisher as published)."""
    main = html.split('<article', 1)[1].split("</article>", 1)[0]
    main = re.sub(r'<p class="hb-cite">.*?</p>|<p>Source: .*?</p>', " ", main, flags=re.S)
    return re.sub(r"<[^>]+>", " ", main)


@pytest.mark.parametrize("page", PAGES)
def test_the_escalation_pages_show_the_new_names_and_none_of_the_defaults(adapted, page):
    text = visible_text((adapted / page).read_text(encoding="utf-8"))
    found = [d for d in DEFAULTS if re.search(rf"(?<!\w){re.escape(d)}(?!\w)", text)]
    assert not found, f"{page} still shows {found}"
    if page != "escalation/record/index.html":
        assert all(name in text for name in NAMES[1:4]), page


def test_the_procedure_text_flowcharts_and_navigator_use_the_names(adapted):
    index = (adapted / "escalation" / "index.html").read_text(encoding="utf-8")
    assert "contact should be made with the Head of Safeguarding and Quality Assurance to request conference" in index
    assert "(for school staff this will be the designated safeguarding lead)" in index
    assert "Each partner agency of the Northshire Safeguarding Children Partnership should" in index
    routes = (adapted / "escalation" / "routes" / "index.html").read_text(encoding="utf-8")
    assert "Contact the Head of Safeguarding and Quality Assurance to request a conference" in routes
    assert "Phone: 01234 567890" in routes  # the unit's contact details
    assert 'href="https://procedures.northshire.example/"' in routes  # the risk exit links local procedures
    navigator = (adapted / "escalation" / "navigator" / "index.html").read_text(encoding="utf-8")
    data = json.loads(navigator.split('id="hb-navigator-data">', 1)[1].split("</script>", 1)[0])
    assert data["steps"]["r2-managers"]["withWhom"] == "line manager; lead for safeguarding; designated safeguarding lead"
    assert "01234 567890" in data["steps"]["r2-unit"]["contact"]


def test_the_navigator_shows_them_in_the_browser(adapted, browser, serve):
    page = browser.new_page()
    try:
        page.goto(f"{serve(adapted)}/escalation/navigator/#r2-unit")
        step = page.locator("#hb-nav-step[data-step='r2-unit']")
        step.wait_for()
        assert page.locator(".hb-nav__title").inner_text() == "Ask the Northshire Safeguarding Hub for consultation and advice"
        assert "The Northshire Safeguarding Hub will offer consultation and advice" in step.inner_text()
        assert "Phone: 01234 567890" in step.inner_text()
        assert "Safeguarding Unit" not in page.locator("#hb-navigator").inner_text()
    finally:
        page.close()


def test_the_escalation_quick_guide_uses_them(adapted):
    guide = adapted / "guides" / "escalation" / "index.html"
    text = visible_text(guide.read_text(encoding="utf-8"))
    assert "paramount" in text, "the escalation quick guide shows the procedure's text"
    found = [d for d in DEFAULTS if re.search(rf"(?<!\w){re.escape(d)}(?!\w)", text)]
    assert not found, found


def test_the_route_diagrams_and_cards_use_them(adapted):
    """Route 3.2's diagram on the routes page and on its card's page, and route 2's card PDF."""
    def diagram_text(html: str, route_id: str) -> str:
        svg = html.split(f'aria-labelledby="dg-{route_id}-title"', 1)[1].split("</svg>", 1)[0]
        return " ".join(re.sub(r"<[^>]+>", " ", svg).split())

    renamed = "Contact the Head of Safeguarding and Quality Assurance to request a conference"
    routes = (adapted / "escalation" / "routes" / "index.html").read_text(encoding="utf-8")
    assert renamed in diagram_text(routes, "route-3.2")
    card = (adapted / "guides" / "route-cards" / "route-3.2" / "index.html").read_text(encoding="utf-8")
    assert renamed in diagram_text(card, "route-3.2")
    found = [d for d in DEFAULTS if re.search(rf"(?<!\w){re.escape(d)}(?!\w)", visible_text(card))]
    assert not found, found
    pdf = pdf_words(PdfReader(adapted / "guides" / "route-cards" / "route-card-2.pdf").pages[:1])
    assert "Ask the Northshire Safeguarding Hub for consultation and advice" in pdf
    assert "Northshire Safeguarding Hub Phone: 01234 567890" in pdf  # its contacts
    assert "Safeguarding Unit" not in pdf


def test_the_contacts_and_the_partnerships_address_are_shown(adapted):
    routes = (adapted / "escalation" / "routes" / "index.html").read_text(encoding="utf-8")
    assert f'href="mailto:{HUB_EMAIL}"' in routes and f'href="{HUB_WEB}"' in routes
    guide = (adapted / "guides" / "escalation" / "index.html").read_text(encoding="utf-8")
    here = f"{ONLINE}guides/escalation/"
    assert f'Check the current version at <a class="hb-url" href="{here}">{here}</a>.' in guide
    pdf = PdfReader(adapted / "guides" / "quick-guide-escalation.pdf")
    first = pdf_words(pdf.pages[:1])  # (an address may wrap after a slash)
    assert f"Check the current version at {here}" in first
    # A PDF travels without the site: its links are the online handbook's addresses.
    uris = [a.get_object()["/A"]["/URI"] for p in pdf.pages for a in p.get("/Annots", [])
            if "/URI" in a.get_object().get("/A", {})]
    assert len(uris) > 10 and f"{ONLINE}escalation/#esc-2.4" in uris
    assert all(u.startswith(ONLINE) or u == PROCEDURES for u in uris), uris


def test_the_data_keeps_the_procedures_own_words(adapted):
    text = (ROOT / "data" / "escalation.yml").read_text(encoding="utf-8")
    assert "to request conference" in text and "the Head of the Safeguarding Unit" in text


# --- as shipped, and the adaptation itself -------------------------------------------------

def test_as_shipped_every_name_is_the_procedures_wording(book, site):
    settings = book.settings
    assert settings.partnership.name == settings.partnership.procedure_says[0] == "LSCP"
    for role in settings.roles:
        if role.procedure_says:
            assert role.title == role.procedure_says[0], role.id
    assert book.local.adapted == {}
    html = (site / "escalation" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html).replace("&amp;", "&")  # (abbreviations are marked up)
    for paragraph in ("esc-2.4", "esc-2.6", "esc-2.7", "esc-3.2.1", "esc-3.3.3"):
        assert book[paragraph].text in text


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


def test_the_administrators_page_explains_every_setting(book, site):
    html = (site / "admin" / "adapting" / "index.html").read_text(encoding="utf-8")
    from macros.model.settings import Contact, Partnership, Role
    for model in (Partnership, Role, Contact):
        for name, info in model.model_fields.items():
            assert f"<code>{name}</code>" in html, name
            assert info.description.split("“")[0][:40] in html.replace("&amp;", "&"), name
    for role in book.settings.roles:
        assert f"<code>{role.id}</code>" in html
