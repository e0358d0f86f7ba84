"""`python -m macros.products.package [DIST]`: build the offline copy (mkdocs-offline.yml), finish
it (its search records and products: `python -m macros.finish`) and pack it as
DIST/handbook-offline-<version>.zip beside the unpacked folder DIST/handbook-offline-<version>/
(DIST is dist/ by default). A failed build leaves DIST as it was."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

from .paths import PROJECT

PROFILE = "mkdocs-offline.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Reads an engine's configuration for its plain values; tags such as !ENV read as null."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def config(path: Path) -> dict:
    """A configuration file with the one it INHERITs merged under it (mappings merged deeply)."""
    with open(path, encoding="utf-8") as f:
        own = yaml.load(f, Loader=_ConfigLoader) or {}
    parent = own.pop("INHERIT", None)
    return _merged(config(path.parent / parent), own) if parent else own


def _merged(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def version(project: Path) -> str:
    return str(config(project / PROFILE)["extra"]["edition"]["version"])


def package(project: Path, dist: Path) -> Path:
    """Build the offline copy into dist and zip it."""
    name = f"handbook-offline-{version(project)}"
    folder, staging = dist / name, dist / f"{name}.new"
    shutil.rmtree(staging, ignore_errors=True)
    dist.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for step in (["mkdocs", "build", "--strict", "--quiet", "-f", str(project / PROFILE), "--site-dir", str(staging)],
                 ["macros.finish", str(staging), str(project / PROFILE)]):
        result = subprocess.run([sys.executable, "-m", *step], cwd=project, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise SystemExit(f"The offline copy was not built:\n{result.stderr}")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    archive = dist / f"{name}.zip"
    partial = dist / f"{name}.zip.new"
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{name}/{path.relative_to(folder).as_posix()}")
    partial.replace(archive)
    return archive


if __name__ == "__main__":
    zipped = package(PROJECT, Path(sys.argv[1] if len(sys.argv) > 1 else PROJECT / "dist").resolve())
    with zipfile.ZipFile(zipped) as zf:
        count = len(zf.namelist())
    print(f"{zipped}: {zipped.stat().st_size / 1e6:.1f} MB, {count} files")
