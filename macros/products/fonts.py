"""The one font the route diagrams and the quick guides' PDFs are laid out with, pinned like every
other dependency: DejaVu Sans 2.37, from the npm package `dejavu-fonts-ttf` (its version and
checksum in package-lock.json, installed into node_modules/ by `pinned_package`).

Graphviz (`dot`, for the diagrams) and WeasyPrint (Pango, for the PDFs) find fonts through
fontconfig. Both are given `fonts.conf`, beside this file, as their whole configuration
(FONTCONFIG_FILE): it names that package's folder and no other, and gives DejaVu Sans for any
family asked for. The machine's own fonts and font settings are never read, so a diagram's
layout, and whether a route card fits its A4 page, are the same on every machine.

`identity()` names the font and its configuration for the caches of diagram layouts and PDFs
(render/diagram.py, products/pdf.py): another font or configuration lays everything out afresh.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

from .npm import pinned_package
from .paths import PROJECT

PACKAGE = "dejavu-fonts-ttf"
FAMILY = "DejaVu Sans"
FACES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
CONFIG = Path(__file__).with_name("fonts.conf")


@cache
def folder() -> Path:
    """The pinned font's folder (node_modules/dejavu-fonts-ttf/ttf), installed first if need be."""
    ttf = pinned_package(PROJECT, PACKAGE, "The route diagrams and the quick guides' PDFs") / "ttf"
    missing = [face for face in FACES if not (ttf / face).is_file()]
    if missing:
        raise SystemExit(f"{PACKAGE} in node_modules lacks {', '.join(missing)}: remove node_modules and build again.")
    return ttf


@cache
def identity() -> str:
    """The font and its configuration, as a cache key's part: the package and version, and a
    hash of the configuration and of each face."""
    h = hashlib.sha256(CONFIG.read_bytes())
    for face in FACES:
        h.update((folder() / face).read_bytes())
    version = json.loads((folder().parent / "package.json").read_text(encoding="utf-8"))["version"]
    return f"{PACKAGE} {version} {h.hexdigest()}"


def environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """An environment (the process's, or `base`) in which fontconfig reads only fonts.conf: for a
    process started with it (`dot`, the PDFs' WeasyPrint), from its start."""
    folder()
    env = dict(os.environ if base is None else base)
    env.pop("FONTCONFIG_SYSROOT", None)
    env.pop("FONTCONFIG_PATH", None)
    env["FONTCONFIG_FILE"] = str(CONFIG)
    return env

