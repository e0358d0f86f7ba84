"""The render layer's Jinja templates (templates/): autoescaped, with the filters and globals
every template uses. Python decides what to show and in what order; templates lay it out."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .html import human_date, inline, plain
from .links import Context, title_of

TEMPLATES = Path(__file__).parent / "templates"

# Newlines and indentation are the templates' layout, not the page's: between two tags they
# go; inside text they are one space (write inline neighbours on one line to keep a space).
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
_LINE_BREAK = re.compile(r"\s*\n\s*")


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(inline=lambda text: Markup(inline(text)), plain=plain, human_date=human_date)
    env.globals.update(title_of=title_of, kind=lambda item: type(item).__name__)
    return env


def render(template: str, ctx: Context, **values) -> Markup:
    """A template rendered for the page ctx, as one line of HTML."""
    html = environment().get_template(template).render(ctx=ctx, **values)
    return Markup(_LINE_BREAK.sub(" ", _BETWEEN_TAGS.sub("><", html)).strip())
