"""The bad-input battery's hostile text, through the real build (a copy of the project with
`<script>`, HTML-looking, very long and non-ASCII text in its data, built with the session's
other builds) and in chromium: it is shown as text and never run, on its pages and in search
results, and fits a phone screen."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from chromium import NO_WORKER, search_results
from project import copy_project, mkdocs_build


# --- hostile, long and non-ASCII text, through the real build ---------------------------

MARK = "__ranHostileScript"
SCRIPT = f"<script>window.{MARK} = 'script'</script>"
HTML_LOOKING = f"<img src=x onerror=\"window.{MARK} = 'img'\"> <b>not bold</b> & &amp; [link](javascript:window.{MARK}=1)"
UNICODE = "Ünïcödé ‘quotes’ — 日本語 العربية 🙂"
LONG_WORD = "Longwordwithoutanyspace" * 40
# file: [(old line part, new value)]: each lands in a different renderer (a heading, body text,
# an attribute, the escalation wording). Values are written as JSON strings, valid in YAML.
EDITS = {
    "seven_steps.yml": [
        ('title: "INTERAGENCY WORKING"', f"INTERAGENCY WORKING {SCRIPT} {UNICODE}"),
        ('text: "those involved in the child’s life should work together."',
         f"those involved {HTML_LOOKING} {SCRIPT} {LONG_WORD} " + "A long sentence. " * 2000),
    ],
    "glossary.yml": [('expansion: "anti-discriminatory practice"',
                      f'anti-discriminatory" onmouseover="window.{MARK}=2 {SCRIPT}')],
    "escalation.yml": [('text: "The Local Authority Children’s Services Safeguarding Unit will offer',
                        "The Local Authority Children’s Services Safeguarding Unit will offer consultation "
                        "and advice on cases and will intervene to help resolve issues if that is "
                        f"appropriate. {SCRIPT}")],
}


def build_hostile(tmp: Path) -> Path:
    """A build of a copy of the project with the hostile text in its data (started with the
    session's other builds, conftest BUILDS)."""
    project = copy_project(tmp / "project")
    for name, edits in EDITS.items():
        path = project / "data" / name
        text = path.read_text(encoding="utf-8")
        for old, value in edits:
            start = text.index(old)  # the whole line from there is replaced
            end = text.index("\n", start)
            text = text[:start] + old.split(":")[0] + ": " + json.dumps(value, ensure_ascii=False) + text[end:]
        path.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


BUILDS = {"hostile": build_hostile}


@pytest.fixture(scope="module")
def hostile_site(builds):
    return builds.get("hostile")


def test_hostile_text_is_shown_as_text_and_never_runs_on_any_page(hostile_site, browser):
    shown = [p for p in hostile_site.rglob("*.html") if MARK in p.read_text(encoding="utf-8")]
    assert len(shown) >= 3, shown
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **NO_WORKER)
    page = context.new_page()
    for path in shown:
        page.goto(path.as_uri())
        page.evaluate("() => document.querySelectorAll('abbr').forEach(a => a.dispatchEvent(new MouseEvent('mouseover')))")
        ran = page.evaluate(f"() => window.{MARK} ?? null")
        made = page.evaluate(f"""() => [...document.querySelectorAll('script, img[onerror], [onmouseover], a[href^="javascript"]')]
                                     .filter(e => e.outerHTML.includes('{MARK}')).map(e => e.outerHTML)""")
        assert ran is None and not made, (path, ran, made)
        if "seven-steps" in path.as_posix():
            body = page.inner_text("article")
            assert SCRIPT in body and "<b>not bold</b> & &amp;" in body and UNICODE in body
    context.close()


def test_hostile_text_found_by_search_does_not_run(hostile_site, browser, serve):
    """Search shows the records' words in its results: a result must stay text too."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **NO_WORKER)
    page = context.new_page()
    try:
        page.goto(f"{serve(hostile_site)}/")
        search_results(page, "Ünïcödé")
        results = page.inner_text(".hb-search__results")
        assert "INTERAGENCY WORKING" in results and UNICODE.split()[0] in results
        assert page.evaluate(f"() => window.{MARK} ?? null") is None
    finally:
        context.close()


def test_long_and_non_ascii_text_fit_a_phone_screen_and_keep_their_anchor(hostile_site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, **NO_WORKER)
    page = context.new_page()
    page.goto((hostile_site / "seven-steps" / "index.html").as_uri())
    assert UNICODE in page.locator("[id='step-interagency-working']").inner_text()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    context.close()
