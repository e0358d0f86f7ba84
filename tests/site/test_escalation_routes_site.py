"""The escalation routes on the built site: the routes page draws every node with links to its
paragraphs, and each procedure section links to its flowchart."""
import re


# --- the flowcharts on the built site ---------------------------------------------------------

def test_the_routes_page_draws_every_node_with_links_to_its_paragraphs(book, site):
    html = (site / "escalation" / "routes" / "index.html").read_text(encoding="utf-8")
    assert "<script" not in html.split('<article')[1].split('</article>')[0]  # no diagram script
    for route in book.routes.routes:
        assert f'id="{route.id}"' in html
        for node in route.nodes:
            assert f'id="{node.id}"' in html
    assert '<a class="hb-para" href="../#esc-3.1.2">3.1.2</a>' in html
    assert "Refer the issue without delay through line management" in html
    # Every answer says in words where it leads.
    assert re.search(r'<span class="hb-edge">No</span> <span aria-hidden="true">→ </span>'
                     r'<a href="#r3.1-line-management">', html)


def test_each_procedure_section_links_to_its_flowchart(site):
    html = (site / "escalation" / "index.html").read_text(encoding="utf-8")
    assert 'As a flowchart: <a href="routes/#route-3.1">Route 3.1: A referral or an enquiry</a>' in html
    assert 'href="routes/#route-2"' in html
