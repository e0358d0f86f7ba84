"""The site's stylesheets, cut after each build to what its pages use (README, "Performance").

Material sends every page one stylesheet for every component it has (134 KB): code blocks,
tabs, cards, annotations, version menus, right-to-left scripts. Of each rule in the built
site's stylesheets (Material's and the handbook's), this keeps the selectors that match an
element on some built page, and of their custom properties those something still uses; and it
writes them without comments or spaces. A selector counts as matching when it would match once
what may change on a page after it was built is left out of it:

- the states a reader brings about: hover, focus, a ticked toggle (the drawer, the search box);
- what Material's script changes as the reader goes (MATERIAL): the header's shadow, the table
  of contents' place, details opened, elements shown or hidden; and what it adds, as its
  templates render it: search results and tooltips (SEARCH_RESULTS, TOOLTIP);
- what the handbook's own scripts may add (Changes.of_scripts): the tools build their forms as
  they run, so whatever class, element or attribute a string of theirs names may be there.

The page is read both as built (`no-js`) and as Material's script marks it (`js`). Each page
then links only the stylesheets that style something on it as built; a page with one of the
handbook's scripts keeps them all.

tests/test_stylesheets.py compares pages styled by the cut stylesheets with the same pages
styled by the whole ones, in those states.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import cssselect2
import tinycss2
import tinyhtml5

STYLESHEETS = "assets/stylesheets"
MATERIAL_SHEET = "main.*.min.css"
SCRIPTS = "assets/javascripts"

NOT = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
COMPOUND_END = re.compile(r"(?:^|[\s>+~(,])$")  # what may come before a compound selector
CUSTOM = re.compile(r"var\(\s*(--[\w-]+)")

# States a reader brings about, as pseudo-classes, and the pseudo-elements.
STATES = (r"::?(?:hover|focus-visible|focus-within|focus|active|checked|target|visited|link|"
          r"indeterminate|placeholder-shown|disabled|enabled|before|after|placeholder|selection|"
          r"marker|backdrop|-(?:webkit|moz|ms)-[a-z-]+)(?![\w-])")
# The elements the handbook's scripts may build, when a string of theirs names one.
ELEMENTS = {"a", "button", "caption", "dd", "details", "div", "dl", "dt", "em", "fieldset", "form",
            "h2", "h3", "h4", "input", "label", "legend", "li", "ol", "option", "p", "select", "small",
            "span", "strong", "summary", "table", "tbody", "td", "textarea", "th", "thead", "tr", "ul"}


@dataclass
class Changes:
    """What may appear on a page after it was built: classes (whole, or by the start of their
    name), element types and attributes."""
    classes: set[str]
    prefixes: set[str]
    types: set[str]
    attributes: set[str]

    def pattern(self) -> str:
        """The pieces of a selector that name one of these, as a regular expression."""
        def alternatives(names):
            return "|".join(re.escape(n) for n in sorted(names)) or "(?!)"
        return (f"\\.(?:{alternatives(self.classes)})(?![\\w-])|\\.(?:{alternatives(self.prefixes)})[\\w-]*"
                f"|(?<![\\w.#:\\-\\[=\"'])(?:{alternatives(self.types)})(?![\\w-])"
                f"|\\[(?:{alternatives(self.attributes)})(?:[~|^$*]?=[^\\]]*)?\\]")

    @classmethod
    def of_scripts(cls, site: Path) -> Changes:
        """What the handbook's own scripts may add: whatever their strings name (the tools build
        their forms as they run; "hb-stage-" + n is a prefix), and the attributes they set."""
        text = "\n".join(script.read_text(encoding="utf-8") for script in (site / SCRIPTS).glob("*.js")
                         if not script.name.startswith("bundle."))  # Material's is its own
        code = re.sub(r"/\*.*?\*/|^\s*//.*?$", "", text, flags=re.S | re.M)
        strings = " ".join(m[2] for m in re.finditer(r"(['\"`])((?:\\.|(?!\1).)*)\1", code))
        words = set(re.findall(r"[\w-]+", strings))
        datasets = {"data-" + re.sub(r"[A-Z]", lambda m: "-" + m.group().lower(), name)
                    for name in re.findall(r"dataset\.(\w+)", code)}
        return cls(classes=words, prefixes={w for w in words if w.endswith("-") and len(w) > 3},
                   types=words & ELEMENTS,
                   attributes={w for w in words if w.startswith(("data-", "aria-"))} | datasets | {"hidden"})


# What Material's script changes on a page's own elements as the reader goes, for the features
# mkdocs.yml turns on: toc.follow, navigation.top, the header's shadow and title, the drawer's
# and search's locks, details opened, an abbreviation's title while its tooltip shows.
MATERIAL = Changes(
    classes={"md-header--shadow", "md-header__title--active", "md-nav__link--active", "md-nav__link--passed",
             "md-toggle--indeterminate", "md-dialog--active"},
    prefixes=set(), types=set(),
    attributes={"hidden", "open", "title", "data-md-scrolllock", "data-md-visible", "data-md-state"})

# What Material's script adds to a page, as its templates render it (Material 9.8.1,
# templates/search and templates/tooltip): search results, one with more matches on its page
# and the terms it marks, in the search dialog's list; an abbreviation's tooltip, in the body.
SEARCH_RESULTS = (
    '<li class="md-search-result__item"><a href="#" class="md-search-result__link" tabindex="-1">'
    '<article class="md-search-result__article md-typeset" data-md-score="1">'
    '<div class="md-search-result__icon md-icon"></div><h1>t <mark>t</mark></h1><p>t <mark>t</mark></p>'
    '<p class="md-search-result__terms">t: <del>t</del></p></article></a>'
    '<details class="md-search-result__more"><summary tabindex="-1"><div>t</div></summary>'
    '<a href="#" class="md-search-result__link" tabindex="-1">'
    '<article class="md-search-result__article md-typeset" data-md-score="1"><h2>t <mark>t</mark></h2><p>t</p>'
    '</article></a></details></li>')
TOOLTIP = ('<div class="md-tooltip2 md-tooltip2--top md-tooltip2--bottom md-tooltip2--active" role="tooltip">'
           '<div class="md-tooltip2__inner md-typeset">t</div></div>')


def generalised(selector: str, pattern: re.Pattern) -> str:
    """The selector with what may change left out: a :not(…) naming any of it goes whole (the
    page may be either way), and a compound left empty becomes `*`."""
    out = ""
    for part in re.split(f"({NOT.pattern}|{pattern.pattern})", selector):
        if part and (pattern.fullmatch(part) or NOT.fullmatch(part) and pattern.search(part)):
            out += "*" if COMPOUND_END.search(out) else ""
        elif part:
            out += part
    return out


@dataclass
class Style:
    """A style rule as kept: the selectors used, and its declarations."""
    selectors: list[str]
    declarations: list


@dataclass
class Group:
    """An @media or @supports rule as kept, with the rules kept inside it."""
    rule: object
    rules: list


class Cut:
    """The site's stylesheets, and which selectors in them the pages use."""

    def __init__(self, sheets: dict[Path, str], scripted: Changes):
        self.anywhere = re.compile(f"{STATES}|{MATERIAL.pattern()}")
        self.with_scripts = re.compile(f"{STATES}|{MATERIAL.pattern()}|{scripted.pattern()}")
        self.sheets = {path: parse(css) for path, css in sheets.items()}
        self.nested: dict[int, list] = {}  # id of an @media rule: the rules inside it
        self.selectors: dict[int, list[str]] = {}  # id of a style rule: its selectors
        self.used: set[tuple[int, int]] = set()  # (id of a style rule, which of its selectors)
        self.unread: set[Path] = set()  # sheets with a selector this cannot read: every page keeps them
        self.sheet_of: dict[tuple[int, int], Path] = {}
        self.only_properties: set[tuple[int, int]] = set()  # rules that only set custom properties
        self.scripted: set[tuple[int, int]] = set()  # selectors that match only what our scripts add
        self.compiled: dict[tuple[int, int], list] = {}
        for path, rules in self.sheets.items():
            self._collect(path, rules)
        # Material's stylesheet styles every page; each other one, a page it matches on as built.
        self.always = {path for path in self.sheets if path.match(MATERIAL_SHEET)} | self.unread
        self.telling = {path: self.matcher_of(key for key in self.compiled if self.sheet_of[key] == path
                                              and key not in self.only_properties and key not in self.scripted)
                        for path in self.sheets.keys() - self.always}

    def _collect(self, path: Path, rules: list) -> None:
        for rule in rules:
            if (inner := children(rule)) is not None:
                self.nested[id(rule)] = inner
                self._collect(path, inner)
            elif rule.type == "qualified-rule":
                self.selectors[id(rule)] = split_selectors(tinycss2.serialize(rule.prelude))
                names = [d.name for d in declarations(rule) if d.type == "declaration"]
                for i, selector in enumerate(self.selectors[id(rule)]):
                    self.sheet_of[id(rule), i] = path
                    if all(name.startswith("--") for name in names):
                        self.only_properties.add((id(rule), i))
                    self._add(path, (id(rule), i), selector)

    def _add(self, path: Path, key: tuple[int, int], selector: str) -> None:
        general = generalised(selector, self.with_scripts)
        if general != generalised(selector, self.anywhere):
            self.scripted.add(key)
        try:
            self.compiled[key] = cssselect2.compile_selector_list(general)
        except cssselect2.SelectorError:
            self.used.add(key)  # a selector this cannot read is kept, never guessed away
            self.unread.add(path)

    def match(self, page: cssselect2.ElementWrapper) -> set[Path]:
        """Note the selectors this page uses that no page before it did; return the stylesheets
        that style something on it as built (what only our scripts add does not count, nor
        setting custom properties on the page's root)."""
        elements = list(page.iter_subtree())
        unused = self.matcher_of(key for key in self.compiled if key not in self.used)
        self.used |= {payload for element in elements for *_, payload in unused.match(element)}
        return self.always | {path for path, telling in self.telling.items()
                              if any(telling.match(element) for element in elements)}

    def matcher_of(self, keys) -> cssselect2.Matcher:
        matcher = cssselect2.Matcher()
        for key in keys:
            for one in self.compiled[key]:
                matcher.add_selector(one, key)
        return matcher

    def css(self) -> dict[Path, str]:
        """Each stylesheet as kept. A custom property goes when no kept rule of any sheet uses it."""
        kept = {path: self._kept(rules) for path, rules in self.sheets.items()}
        drop_unused_properties([item for items in kept.values() for item in items])
        return {path: serialize(items) for path, items in kept.items()}

    def _kept(self, rules: list) -> list:
        out = []
        for rule in rules:
            if id(rule) in self.nested:
                out.append(Group(rule, self._kept(self.nested[id(rule)])))
            elif id(rule) in self.selectors:
                selectors = [s for i, s in enumerate(self.selectors[id(rule)]) if (id(rule), i) in self.used]
                if selectors:
                    out.append(Style(selectors, [d for d in declarations(rule) if d.type == "declaration"]))
            else:
                out.append(rule)  # @font-face, @keyframes, @page and the like, as they are
        return out


def parse(css: str) -> list:
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


def declarations(rule) -> list:
    return tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)


def children(rule) -> list | None:
    """The rules inside an @media or @supports rule (cut like any others), else None."""
    if rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
        return tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
    return None


def split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :not(…) or :is(…))."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return parts


def styles(kept: list):
    for item in kept:
        if isinstance(item, Group):
            yield from styles(item.rules)
        elif isinstance(item, Style):
            yield item


def drop_unused_properties(kept: list) -> None:
    """Drop the custom properties no kept rule uses (Material's icons for admonitions the
    handbook does not show, its colours for code), until every one left is used."""
    while True:
        used = {name for style in styles(kept) for d in style.declarations
                for name in CUSTOM.findall(tinycss2.serialize(d.value))}
        dropped = False
        for style in styles(kept):
            unused = [d for d in style.declarations if d.name.startswith("--") and d.name not in used]
            for d in unused:
                style.declarations.remove(d)
            dropped = dropped or bool(unused)
        if not dropped:
            return


def serialize(kept: list) -> str:
    parts = []
    for item in kept:
        if isinstance(item, Group):
            inner = serialize(item.rules)
            if inner:
                parts.append(f"@{item.rule.at_keyword} {tinycss2.serialize(item.rule.prelude).strip()}{{{inner}}}")
        elif isinstance(item, Style):
            body = ";".join(f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
                            for d in item.declarations)
            if body:
                parts.append(f"{','.join(item.selectors)}{{{body}}}")
        else:
            parts.append(tinycss2.serialize([item]))
    return "".join(parts)


def tree(html: str) -> cssselect2.ElementWrapper:
    """A built page with what Material's script adds to it, read with and without JavaScript: its
    root is marked both `no-js`, as built, and `js`, as Material's script marks it."""
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    root.set("class", f"{root.get('class') or ''} js")
    for results in root.iter("ol"):
        if "md-search-result__list" in (results.get("class") or ""):
            results.extend(fragment(SEARCH_RESULTS))
    root.find("body").extend(fragment(TOOLTIP))
    return cssselect2.ElementWrapper.from_html_root(root)


def fragment(html: str) -> list:
    return list(tinyhtml5.parse(f"<template>{html}</template>", namespace_html_elements=False)
                .find("body/template"))


LINK = re.compile(r"""<link\b[^>]*?\brel=["']?stylesheet["']?[^>]*?\bhref=["']?([^"'\s>]+)["']?[^>]*>""")
SCRIPT = re.compile(r"""<script\b[^>]*?\bsrc=["']?[^"'\s>]*assets/javascripts/(?!bundle\.)[^"'\s>/]+\.js""")


def without_unused_links(html: str, used: set[str]) -> str:
    """The page without links to the stylesheets (by file name) that style nothing on it. A page
    with one of the handbook's own scripts keeps them all: its script builds what they style."""
    if SCRIPT.search(html):
        return html
    return LINK.sub(lambda link: link[0] if Path(link[1]).name in used else "", html)


def cut_stylesheets(site: Path) -> None:
    """Rewrite every stylesheet of the built site in place, and each page to link only those that
    style something on it."""
    paths = sorted((site / STYLESHEETS).glob("*.css"))
    cut = Cut({path: path.read_text(encoding="utf-8") for path in paths}, Changes.of_scripts(site))
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        styled_by = {path.name for path in cut.match(tree(html))}
        if (linked := without_unused_links(html, styled_by)) != html:
            page.write_text(linked, encoding="utf-8")
    for path, css in cut.css().items():
        path.write_text(css, encoding="utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)  # it mapped the whole sheet
