"""Who should act, on the built site: each audience page lists exactly the items whose data names
that role (checked here by scanning the YAML afresh, not through the handbook's code), quotes the
words that do, and is reached from the home page."""
import re

import yaml

from navigation_support import tree
from project import ROOT

AUDIENCES = yaml.safe_load((ROOT / "data" / "audiences.yml").read_text(encoding="utf-8"))["audiences"]
# Not the source's words: ids, citations, numbering and the handbook's own notes.
METADATA = {"id", "source", "section", "note", "number", "letter", "ph28_section", "area", "footnote",
            "see_also", "reproduced", "section_confirmed"}


def load(name):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


def listable_items() -> dict[str, dict]:
    """Every recommendation, escalation paragraph or step, point, dimension and seven-steps step,
    straight from the YAML."""
    items = {r["id"]: r for r in load("recommendations.yml")["recommendations"]}
    for part in load("escalation.yml")["parts"]:
        items.update({p["id"]: p for p in part.get("paragraphs", [])})
        items.update({s["id"]: s for process in part.get("processes", []) for s in process["steps"]})
    items.update({p["id"]: p for p in load("fourteen_points.yml")["points"]})
    items.update({d["id"]: d for domain in load("professional_dimension.yml")["domains"] for d in domain["dimensions"]})
    items.update({s["id"]: s for s in load("seven_steps.yml")["steps"]})
    return items


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for one in value:
            yield from strings(one)
    elif isinstance(value, dict):
        for key, one in value.items():
            if key not in METADATA:
                yield from strings(one)


def naming(names: list[str]) -> set[str]:
    found = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names), re.IGNORECASE)
    return {item_id for item_id, item in listable_items().items() if any(found.search(s) for s in strings(item))}


def listed_on(site, audience) -> list[str]:
    page = tree(site / audience["page"].removesuffix(".md") / "index.html")
    return [li.attrs["data-item"] for ul in page.find_all("ul", cls="hb-audience") for li in ul.children
            if not isinstance(li, str) and li.tag == "li"]


def test_each_audience_page_lists_exactly_the_items_whose_data_names_that_role(site):
    assert [a["id"] for a in AUDIENCES] == ["directors", "social-workers", "iros", "health", "schools", "supervisors"]
    for audience in AUDIENCES:
        listed = listed_on(site, audience)
        assert len(listed) == len(set(listed)), audience["id"]
        assert set(listed) == naming(audience["names"]), audience["id"]


def test_each_listed_item_quotes_the_words_that_name_the_role_and_links_to_it(book, site):
    health = tree(site / "audiences" / "health" / "index.html")
    row = health.find(data_item="esc-3.1.3")
    assert "In Health services, input may be sought directly from the Designated or Named Professional" in row.text()
    assert "../../escalation/#esc-3.1.3" in row.hrefs()
    rec6 = health.find(data_item="rec-6")
    assert "Who should take action?" in rec6.text() and "Directors of public health." in rec6.text()
    assert "Directors of children’s services." not in rec6.text()   # quotes only the words that name the role
    assert "superseded 20 October 2021" in rec6.text()               # with its source's status
    directors = tree(site / "audiences" / "directors" / "index.html")
    assert "Children’s Workforce Development Council" not in directors.text()


def test_every_audience_page_is_one_click_from_the_home_page(site):
    home = tree(site / "index.html")
    links = set(home.find(cls="hb-cards").hrefs())
    for audience in AUDIENCES:
        assert audience["page"].removesuffix(".md") + "/" in links, audience["id"]
    assert "audiences/" in links
