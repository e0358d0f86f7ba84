"""mkdocs-macros entry point: load the handbook once per build and expose its page renderers."""
from functools import partial
from pathlib import Path

from .context import Context
from .handbook import Handbook
from .pages import MACROS


def define_env(env):
    book = Handbook.load(Path(env.project_dir) / "data")
    env.variables["handbook"] = book

    def render(fn, *args, **kwargs):
        ctx = Context(book, env.page.file.src_uri, env.conf["use_directory_urls"])
        return fn(ctx, *args, **kwargs)

    for name, fn in MACROS.items():
        env.macro(partial(render, fn), name)
