"""The handbook's entry point for the engine's macros (mkdocs-macros under MkDocs and
ProperDocs, Zensical's macros extension): `define_env` registers the page macros.

Zensical loads this file on its own, not as a package, so it imports the package absolutely,
from the project root."""
import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from macros.engine import define_env, on_post_build  # noqa: E402

__all__ = ["define_env", "on_post_build"]
