"""Local adaptation on a built site: one settings file renames the partnership, its unit and local
roles; the escalation pages, flowcharts and navigator (and the escalation quick guide) of a build
with it show the new names and none of the defaults, while the data keeps the procedure's own
words; as shipped, every name is the procedure's wording; the administrators' page explains
every setting."""
import json
import re

import pytest
from pypdf import PdfReader

from pdf_words import pdf_words
from project import ROOT
from settings_support import HUB_EMAIL, HUB_WEB, ONLINE, PROCEDURES, adapted, build_adapted  # noqa: F401

DEFAULTS = ["LSCP", "Local Authority Children’s Services Safeguarding Unit", "Head of the Safeguarding Unit",
            "Safeguarding Unit", "designated person", "Safeguarding Lead", "Children’s Social Care Services", "CSC"]
NAMES = ["Northshire Safeguarding Children Partnership", "Northshire Safeguarding Hub",
         "Head of Safeguarding and Quality Assurance", "designated safeguarding lead", "Named Safeguarding Adviser",
         "Northshire Children’s Services"]
PAGES = ["escalation/index.html", "escalation/routes/index.html", "escalation/navigator/index.html",
         "escalation/record/index.html"]
BUILDS = {"adapted": build_adapted}


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


def test_the_administrators_page_explains_every_setting(book, site):
    html = (site / "admin" / "adapting" / "index.html").read_text(encoding="utf-8")
    from macros.model.settings import Contact, Partnership, Role
    for model in (Partnership, Role, Contact):
        for name, info in model.model_fields.items():
            assert f"<code>{name}</code>" in html, name
            assert info.description.split("“")[0][:40] in html.replace("&amp;", "&"), name
    for role in book.settings.roles:
        assert f"<code>{role.id}</code>" in html
