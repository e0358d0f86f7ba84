"""The handbook's entry point for the engine's macros (mkdocs-macros under MkDocs and
ProperDocs, Zensical's macros extension): `define_env` registers the page macros.

Zensical loads this file on its own, not as a package, so it imports the package absolutely,
from the project root. The adapter is imported when the engine first asks for it, so that
`python -m macros.products` does not load the handbook's model and render layers."""
import importlib
import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

__all__ = ["define_env", "on_post_build"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module("macros.engine"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
