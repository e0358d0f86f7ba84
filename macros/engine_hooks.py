"""MkDocs hooks (mkdocs.yml, `hooks:`): what the macros plugin does not pass on to the handbook.

The theme's templates (Material's and overrides/) are compiled afresh by every build, and by
every rebuild under `make serve`: here they share the handbook's cache of compiled templates.
ProperDocs runs these hooks too; Zensical does not read `hooks:` and lays out pages itself.
"""
from __future__ import annotations

from macros.render.templating import bytecode_cache


def on_env(env, config, files):
    env.bytecode_cache = bytecode_cache()
    return env
