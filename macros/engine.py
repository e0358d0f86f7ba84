"""The one place the handbook meets its engine (MkDocs, ProperDocs or Zensical).

Everything else works on plain data: the model loads `data/`, the render layer lays out pages
from the Jinja context of the page being rendered (`page.url`), and the products run over a
built site folder. Only here is anything imported from MkDocs, and only to stop a build with
the engine's own message (no traceback) when the data or the edition settings are broken.
"""
from __future__ import annotations

import os
from pathlib import Path

from macros.model.book import DataError, load
from macros.model.edition import Edition
from macros.render import page_macros
from macros.render.html import human_date


def define_env(env) -> None:
    """Load the handbook (once per change of its data) and register the page macros."""
    config_file = env.conf.get("config_file_path")
    # Zensical calls define_env for every page, with one configuration for the whole build: the
    # edition is read as written (kept aside the first time), not as the line below leaves it.
    written = env.conf.setdefault("handbook_edition_as_written", (env.conf.get("extra") or {}).get("edition"))
    try:
        book = load(Path(env.project_dir) / "data")
        edition = Edition.of({"edition": written}, Path(config_file) if config_file else None)
    except DataError as e:
        raise _engine_error(str(e)) from None
    # The theme's edition notice reads the configuration: give it the address as checked (None
    # while it is a placeholder, so that no page names it), the build's date, and whether pages
    # keep the handbook on readers' devices (never under `make serve`, where an edit must show on
    # reload: there pages retire any worker an earlier build left).
    serving = os.environ.get("HANDBOOK_SERVE") == "1"
    env.conf["extra"]["edition"] = {**env.conf["extra"]["edition"], "current_url": edition.current_url,
                                    "built": human_date(edition.built), "keep": edition.keep and not serving}
    # Zensical reads relative links in raw HTML as relative to the page's source file.
    zensical = type(env).__module__.startswith("zensical")
    for name, fn in page_macros(book, edition, links_from_source=zensical).items():
        env.macro(fn, name)


def on_post_build(env) -> None:
    """Under `make serve` (HANDBOOK_SERVE=1) the search records and the products are made after
    each rebuild, since no build step follows, the PDFs after the rebuilt pages are served;
    `make build` and `make offline` make them as a step of their own (macros/finish.py)."""
    if os.environ.get("HANDBOOK_SERVE") == "1":
        from macros.finish import finish
        finish(Path(env.conf["site_dir"]), bool(env.conf.get("use_directory_urls", True)), keep=False,
               app={"name": env.conf["site_name"], "description": " ".join((env.conf.get("site_description") or "").split())},
               pdfs_in_background=True)


def _engine_error(message: str) -> Exception:
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # Zensical: it reports the exception's message itself
        return RuntimeError(message)
    return PluginError(message)
