"""The render layer's Jinja templates (templates/): autoescaped, with the filters and globals
every template uses. Python decides what to show and in what order; templates lay it out."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .html import human_date, inline, plain
from .links import Context, title_of

TEMPLATES = Path(__file__).parent / "templates"
# Compiled templates, kept between builds: compiling them is a quarter of a build. Jinja checks
# each against its source's checksum, so an edited template is compiled afresh.
CACHE = Path(__file__).resolve().parents[2] / ".cache"  # kept between builds, outside any site folder
COMPILED = CACHE / "jinja"

# Newlines and indentation are the templates' layout, not the page's: between two tags they
# go; inside text they are one space (write inline neighbours on one line to keep a space).
_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")
_LINE_BREAK = re.compile(r"\s*\n\s*")


def bytecode_cache() -> FileSystemBytecodeCache:
    """The cache of compiled templates, for the handbook's templates and the theme's."""
    COMPILED.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(COMPILED))


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, bytecode_cache=bytecode_cache())
    env.filters.update(inline=lambda text: Markup(inline(text)), plain=plain, human_date=human_date)
    env.globals.update(title_of=title_of, kind=lambda item: type(item).__name__)
    return env


def render(template: str, ctx: Context, **values) -> Markup:
    """A template rendered for the page ctx, as one line of HTML."""
    html = environment().get_template(template).render(ctx=ctx, **values)
    return Markup(_LINE_BREAK.sub(" ", _BETWEEN_TAGS.sub("><", html)).strip())
