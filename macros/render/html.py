"""Small, safe HTML and Markdown builders: every data string is escaped before markup is added."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html import escape

from macros.model import shapes as m

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EMPH = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")


# Wraps each abbreviation of the glossary in <abbr>: set for the build by glossary.install().
expand_abbreviations: Callable[[str], str] = str


def inline(text: str) -> str:
    """Data text as HTML: escaped, with the data's `**bold**` and `*emphasis*` only, and each
    abbreviation expanded (glossary.py)."""
    html = escape(text, quote=False)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return expand_abbreviations(_EMPH.sub(r"<em>\1</em>", html))


def plain(text: str) -> str:
    """Data text without its emphasis marks (for headings, titles and attributes)."""
    return _EMPH.sub(r"\1", _BOLD.sub(r"\1", text))


def heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with a fixed id, so it joins the table of contents and search."""
    safe = _MD_SPECIAL.sub(r"\\\1", escape(plain(text), quote=False))
    return f"\n{'#' * level} {safe} {{#{anchor}}}\n"


def block(html: str) -> str:
    """Raw HTML as its own Markdown block (blank lines around, no indentation)."""
    return f"\n{html}\n"


def tag(name: str, content: str, cls: str | None = None, **attrs: str) -> str:
    attributes = "".join(f' {k.rstrip("_")}="{escape(v)}"' for k, v in attrs.items() if v is not None)
    if cls:
        attributes = f' class="{cls}"' + attributes
    return f"<{name}{attributes}>{content}</{name}>"


def link(href: str, content: str, cls: str | None = None) -> str:
    return tag("a", content, cls, href=href)


def para(text: str | None, cls: str | None = None) -> str:
    return tag("p", inline(text), cls) if text else ""


def note(text: str | None) -> str:
    if not text:
        return ""
    return tag("p", f"<strong>Handbook note:</strong> {inline(text)}", "hb-note")


def entries(items: list[m.Entry], ctx, cls: str = "hb-list") -> str:
    """A nested list of data entries, with their footnotes and cross-references as links."""
    if not items:
        return ""
    out = []
    for entry in items:
        body = inline(entry.text)
        if entry.footnote:
            body += tag("sup", link(ctx.url(entry.footnote), ctx.book[entry.footnote].number, "hb-fnref"))
        if entry.bracket:
            body += " " + tag("span", f"({inline(entry.bracket)})", "hb-bracket")
        body += entries(entry.items, ctx, "hb-sublist") + see_also(entry.see_also, ctx) + note(entry.note)
        out.append(tag("li", body))
    return tag("ul", "".join(out), cls)


def see_also(ids: list[str], ctx) -> str:
    if not ids:
        return ""
    links = ", ".join(ctx.link(i) for i in ids)
    return tag("p", f"See: {links}", "hb-xref")


def human_date(iso: str) -> str:
    """"2012-03-31" -> "31 March 2012", "2012-06" -> "June 2012"; anything else ("2008",
    "undated") as it is."""
    if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", iso):
        return iso
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {dt.date(*parts):%B %Y}"
    if len(parts) == 2:
        return f"{dt.date(parts[0], parts[1], 1):%B %Y}"
    return iso
