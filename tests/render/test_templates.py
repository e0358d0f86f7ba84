"""Every template of the render layer, rendered from its examples without building the site.

Each template in macros/render/templates/ (but the shared `_macros.html`) has a file of
examples, tests/render/template_examples/<template>.yml: a list of

    - name: what the example shows
      page: recommendations.md        # the page it is rendered for (links come out relative to it)
      values:                         # the template's arguments
        rec: {item: rec-50}           # an item of the real data, by id (see `value`)
        level: 3                      # or a plain value
      expect: ['<div class="hb-item" data-item="rec-50">']   # fragments the HTML must hold
      absent: ['Changed since publication']                   # and must not

The test renders each example, checks the fragments and that the HTML is well formed (every
element closed in order, no duplicate id). Template output is autoescaped: an example may give
`{text: ...}` values to show that data text reaches the page as text.
"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.render.links import Context, page_url
from macros.render.templating import TEMPLATES, render

EXAMPLES = Path(__file__).parent / "template_examples"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def templates() -> list[str]:
    return sorted(p.name for p in TEMPLATES.glob("*.html") if not p.name.startswith("_"))


def examples() -> list[tuple[str, dict]]:
    out = []
    for name in templates():
        path = EXAMPLES / f"{Path(name).stem}.yml"
        for example in (yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []) or []:
            out.append(pytest.param(name, example, id=f"{name}: {example['name']}"))
    return out


def test_every_template_has_examples():
    missing = [t for t in templates() if not (EXAMPLES / f"{Path(t).stem}.yml").exists()]
    assert not missing, f"templates without examples in {EXAMPLES}: {missing}"


class WellFormed(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.ids: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"</{tag}> closes a void element")
        elif not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else 'nothing'}>")
        else:
            self.open.pop()


def value(book, given):
    """An example's value: `{item: id}` an item, `{file: name}` a data file's content,
    `{glossary: true}` every term, `{blocks_of: id}` a lessons section's blocks as a run."""
    if isinstance(given, dict) and len(given) == 1:
        (kind, key), = given.items()
        if kind == "item":
            return book[key]
        if kind == "file":
            return book.file(key)
        if kind == "glossary":
            return book.glossary
        if kind == "blocks_of":
            return [(blk, False) for blk in book[key].blocks]
    if isinstance(given, list):
        return [value(book, one) for one in given]
    return given


@pytest.mark.parametrize("template, example", examples())
def test_example(book, template, example):
    ctx = Context.of(book, page_url(example["page"], True), True)
    values = {k: value(book, v) for k, v in (example.get("values") or {}).items()}
    html = str(render(template, ctx, **values))
    for fragment in example.get("expect", []):
        assert fragment in html, f"{fragment!r} not in:\n{html}"
    for fragment in example.get("absent", []):
        assert fragment not in html, f"{fragment!r} in:\n{html}"
    parser = WellFormed()
    parser.feed(html)
    parser.close()
    assert not parser.problems and not parser.open, (parser.problems, parser.open, html)
    assert len(parser.ids) == len(set(parser.ids)), f"duplicate ids: {parser.ids}"
