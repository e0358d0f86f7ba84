"""The practice pledge tool (Appendix 1) as built: the form comes from the data (its rows, columns,
evidence codes and review interval, written into the page). The tool in chromium is
browsers/test_pledge_tool.py's."""
from __future__ import annotations

from macros.render.html import plain
from sitemap import parse


# --- the page as built -------------------------------------------------------------------

def test_the_form_comes_from_data(book, site):
    tool = book.pledge_tool
    page = site / "practice-pledge" / "index.html"
    html = page.read_text(encoding="utf-8")
    rows = [r.point for area in tool.rows for r in area.points] + [f"extra-{x}" for x in tool.extra_rows.labels]
    assert [chunk.split('"')[0] for chunk in html.split('data-row="')[1:]] == rows
    for column in (c for stage in tool.stages for c in stage.columns):
        assert f'data-column="{column.id}"' in html and f'data-label="{column.number}. {plain(column.label)}"' in html
    for code in tool.evidence_sources:
        assert f'data-code="{code.code}" data-label="{code.label}"' in html
    assert 'data-review-months="6"' in html
    assert tool.id in parse(page).ids
