"""Currency, on the built site: every item of a superseded source, and every item naming a body or
document that has since gone, says what changed and when; the "What has changed" page lists it
all; every page says when its content was last reviewed; and bad currency data stops a real
build."""
import re

import yaml

from macros.model import shapes as m
from navigation_support import edit, home_file, normal, tree
from project import ROOT, copy_project, mkdocs_build
from sitemap import pages

CURRENCY = yaml.safe_load((ROOT / "data" / "currency.yml").read_text(encoding="utf-8"))
AMENDMENTS = yaml.safe_load((ROOT / "data" / "amendments.yml").read_text(encoding="utf-8"))


def section_of_blocks(book) -> dict[str, str]:
    """Lesson block id -> the section it is printed in (its notice is the section's)."""
    out = {}

    def visit(section):
        for blk in section.blocks:
            if blk.id:
                out[blk.id] = section.id
        for sub in section.subsections:
            visit(sub)
    for section in book.lessons.sections:
        visit(section)
    return out


def notice_of(page, item_id: str):
    """The item's currency notice: inside its body, or (an item whose body is not one element,
    such as the pledge form) the first notice after its anchor and before the next item."""
    body = page.find(data_item=item_id) or page.find(id=item_id)
    inside = next(body.find_all(cls="hb-currency"), None)
    if inside is not None:
        return inside
    after = False
    for node in page.walk():
        if node is body:
            after = True
        elif after and "hb-currency" in node.classes:
            return node
        elif after and node.attrs.get("data-item"):
            return None
    return None


def test_every_item_of_a_superseded_source_shows_what_changed_and_when(book, site):
    superseded = {s.id for s in book.sources if s.status == "superseded"}
    assert superseded == {"ph28", "derbyshire"}
    expected = {s: [c for c in CURRENCY["changes"] if s in c["affects"].get("sources", [])] for s in superseded}
    blocks = section_of_blocks(book)
    parsed, checked = {}, 0
    for item_id, item in book.index.items():
        if getattr(item, "source", None) not in superseded or isinstance(item, (m.Source, m.Reference, m.Term)):
            continue
        shown_in = blocks.get(item_id, item_id)
        path = home_file(site, book[shown_in])
        page = parsed.setdefault(path, tree(path))
        notice = notice_of(page, shown_in)
        assert notice is not None, f"{item_id}: no notice of what has changed"
        for change in expected[item.source]:
            assert normal(change["notice"].replace("*", "")) in notice.text(), (item_id, change["id"])
            assert any(h.endswith(f"whats-changed/#{change['id']}") for h in notice.hrefs()), (item_id, change["id"])
        checked += 1
    assert checked > 130


def test_items_naming_a_body_since_gone_show_it(book, site):
    """Recommendations 50 and 51 name bodies that no longer exist; footnote 27 names the DCSF;
    the escalation procedure (a current source) names *Working Together*."""
    for item_id, change in [("rec-50", "change-cwdc"), ("rec-51", "change-swrb"),
                            ("ph28-fn-27", "change-dcsf"), ("esc-1.3", "change-working-together")]:
        notice = notice_of(tree(home_file(site, book[item_id])), item_id)
        assert notice is not None and any(h.endswith(f"#{change}") for h in notice.hrefs()), item_id
    terms = tree(site / "glossary" / "index.html")
    for term_id, change in [("term-scr", "change-serious-case-reviews"), ("term-dscb", "change-lscb")]:
        entry = terms.find(id=term_id).parent
        assert any(h.endswith(f"#{change}") for h in entry.hrefs()), term_id


def test_each_item_shows_its_sources_status_and_date(site):
    recs = (site / "recommendations" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'NICE</abbr>/<abbr[^>]*>SCIE</abbr> PH28</a>, Recommendation 50 \(October 2010; '
                     r'<span class="hb-status">superseded 20 October 2021</span>\)', recs)
    esc = (site / "escalation" / "index.html").read_text(encoding="utf-8")
    assert "Escalation procedure</a>, 3.1.2 (undated; current)" in esc


def test_whats_changed_lists_every_change_and_the_items_that_show_it(book, site):
    page = tree(site / "whats-changed" / "index.html")
    for change in CURRENCY["changes"]:
        heading = page.find(id=change["id"])
        assert heading is not None and heading.tag == "h2", change["id"]
        facts = next(n for n in heading.parent.children[heading.parent.children.index(heading) + 1:]
                     if not isinstance(n, str))
        assert normal(change["when"]) in facts.text()
        for source in change["affects"].get("sources", []):
            assert any(h.endswith(f"sources/#{source}") for h in facts.hrefs())
        for item_id in change["affects"].get("items", []):
            assert any(h.endswith(f"#{item_id}") for h in facts.hrefs())
    cwdc = page.find(id="change-cwdc")
    assert "rec-50" in " ".join(next(n for n in cwdc.parent.children[cwdc.parent.children.index(cwdc) + 1:]
                                      if not isinstance(n, str)).hrefs())
    assert "the handbook’s reference on currency" in page.text()


def test_every_page_says_when_its_content_was_last_reviewed(site):
    newest = max(str(a["date"]) for a in AMENDMENTS["amendments"])
    for path in pages(site):
        if path.name == "404.html":
            continue
        reviewed = tree(path).find(cls="hb-reviewed")
        assert reviewed is not None, path
        assert reviewed.find(tag="time").attrs["datetime"] == newest, path
        assert any(h.endswith("#amendments") for h in reviewed.hrefs()), path
    log = tree(site / "whats-changed" / "index.html").find(cls="hb-amendments")
    assert "First edition of the handbook" in log.text() and "23 November 2026" in log.text()


def test_broken_currency_data_stops_the_real_build(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "data" / "currency.yml", "sources: [ph28]", "sources: [ph99]")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/currency.yml" in result.stderr and "unknown id 'ph99'" in result.stderr
    assert "Traceback" not in result.stderr
