"""mkdocs-macros entry point: load the handbook once per build and expose its page renderers."""
from functools import partial
from pathlib import Path

from . import glossary
from .context import Context
from .currency import reviewed_line
from .edition import Edition
from .guides import MACROS as GUIDE_MACROS
from .handbook import Handbook
from .offline import add_offline_files
from .pages import MACROS
from .pdf import write_guide_pdfs
from .scripts import minify_scripts
from .stylesheets import cut_stylesheets


def define_env(env):
    book = Handbook.load(Path(env.project_dir) / "data")
    env.variables["handbook"] = book
    glossary.install(env.conf, book)  # every abbreviation expands, on every page

    def render(fn, *args, **kwargs):
        ctx = Context(book, env.page.file.src_uri, env.conf["use_directory_urls"])
        return fn(ctx, *args, **kwargs)

    for name, fn in MACROS.items():
        env.macro(partial(render, fn), name)

    # The quick guides also print which edition they are and where the current one lives.
    edition = Edition.of(env.conf["extra"])
    for name, fn in GUIDE_MACROS.items():
        env.macro(partial(render, fn, edition), name)


def on_post_page_macros(env):
    """Every page ends with the date its content was last reviewed (data/amendments.yml)."""
    ctx = Context(env.variables["handbook"], env.page.file.src_uri, env.conf["use_directory_urls"])
    env.markdown += reviewed_line(ctx)


def on_post_build(env):
    """After the pages: the quick guides' PDFs, the files the offline copy needs besides pages,
    the stylesheets cut to what the pages use (reading the scripts), and the scripts minified."""
    write_guide_pdfs(env.variables["handbook"], env.conf)
    add_offline_files(env.conf)
    site = Path(env.conf["site_dir"])
    cut_stylesheets(site)
    minify_scripts(site)
