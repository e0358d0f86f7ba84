"""Data text made safe for a page: escaped, with the data's own emphasis, as HTML or as a Markdown
heading; and dates as a reader reads them. Markup itself is in the templates."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html import escape


_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EMPH = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!])")


# Wraps each abbreviation of the glossary in <abbr>: set from the book by render.page_macros().
expand_abbreviations: Callable[[str], str] = str


def inline(text: str) -> str:
    """Data text as HTML: escaped, with the data's `**bold**` and `*emphasis*` only, and each
    abbreviation expanded (abbreviations.py)."""
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
