"""The rules that keep the handbook buildable by every engine (MkDocs, ProperDocs, Zensical),
checked without building: `make engines` (benchmarks/engines.py) builds with all three and compares
the pages; these say why it can.

- Only macros/engine.py imports from mkdocs: Zensical has no mkdocs package, and ProperDocs
  stands in for it only while it runs.
- macros/__init__.py imports absolutely: Zensical loads that file on its own, not as a package,
  so a relative import there has no package to be relative to.
- Nothing reads the page from `env.page` or `page.file`: MkDocs has no `env.page` while the
  macros are defined, and Zensical's page has no `file` (its source is `page.path`); the page
  macros take `page.url` from the Jinja context they are called in (macros/render/__init__.py).
- Every page ends with `{{ last_reviewed() }}`: the review line is a macro of the page, not an
  engine hook after it (Zensical runs no mkdocs-macros hooks).
- Each Markdown extension mkdocs.yml names can be imported by that name and has
  makeExtension: every engine loads them by name (the handbook's own, from the project root).
"""
from __future__ import annotations

import ast
import importlib
import re
from importlib.metadata import entry_points
from pathlib import Path

import markdown
import pytest
import yaml

from project import ROOT

PACKAGE = ROOT / "macros"
ENGINE_MODULE = PACKAGE / "engine.py"
MKDOCS_IMPORT = re.compile(r"^\s*(from|import) mkdocs", re.M)   # as `grep -rnE` would find it
REVIEWED = "{{ last_reviewed() }}"


def package_files(suffix: str = "") -> list[Path]:
    return sorted(p for p in PACKAGE.rglob(f"*{suffix}")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def test_only_the_engine_module_imports_mkdocs():
    found = []
    for path in package_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in MKDOCS_IMPORT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(ROOT)}:{line}: {text.splitlines()[line - 1].strip()}")
    outside = [f for f in found if not f.startswith(f"{ENGINE_MODULE.relative_to(ROOT)}:")]
    assert not outside, "mkdocs imported outside macros/engine.py:\n" + "\n".join(outside)


def test_the_entry_point_imports_absolutely():
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    relative = [f"line {node.lineno}: from {'.' * node.level}{node.module or ''} import ..."
                for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level > 0]
    assert not relative, f"macros/__init__.py has relative imports (Zensical loads it as a lone file): {relative}"


def _is_page(node: ast.AST) -> bool:
    """`page`, `x.page` or `x["page"]`."""
    if isinstance(node, ast.Name):
        return node.id == "page"
    if isinstance(node, ast.Attribute):
        return node.attr == "page"
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value == "page"
    return False


def _is_env(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "env") or (
        isinstance(node, ast.Attribute) and node.attr == "env")


def engine_page_reads(tree: ast.AST) -> list[tuple[int, str]]:
    """Where code reads `env.page` or the page's `file` (`page.file`, `ctx["page"].file`,
    `getattr(page, "file")`)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr == "page" and _is_env(node.value):
                found.append((node.lineno, "env.page"))
            elif node.attr == "file" and _is_page(node.value):
                found.append((node.lineno, "page.file"))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)):
            if node.args[1].value == "page" and _is_env(node.args[0]):
                found.append((node.lineno, "getattr(env, 'page')"))
            elif node.args[1].value == "file" and _is_page(node.args[0]):
                found.append((node.lineno, "getattr(page, 'file')"))
    return sorted(found)


def test_the_finder_sees_each_way_of_reading_the_page():
    code = ('env.page\nself.env.page.title\npage.file.src_uri\ncontext["page"].file\n'
            'env.page.file\ngetattr(page, "file")\ngetattr(env, "page")\n'
            'page.url\ncontext["page"].url\npage.path\nenv.conf\nprofile.file\n')
    assert sorted(line for line, _ in engine_page_reads(ast.parse(code))) == [1, 2, 3, 4, 5, 5, 6, 7]


def test_no_module_reads_the_page_from_the_engine():
    found = [f"{path.relative_to(ROOT)}:{line}: {what}"
             for path in package_files(".py")
             for line, what in engine_page_reads(ast.parse(path.read_text(encoding="utf-8")))]
    assert not found, ("the page read from the engine rather than from the Jinja context's "
                       "page.url:\n" + "\n".join(found))


def test_every_page_ends_with_its_review_line():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert pages
    missing = [p.relative_to(ROOT).as_posix() for p in pages
               if not p.read_text(encoding="utf-8").rstrip().endswith(REVIEWED)]
    assert not missing, f"pages that do not end with {REVIEWED}: {missing}"


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml as data: its tags (`!ENV [...]`) read as their plain values."""


_Tolerant.add_multi_constructor("!", lambda loader, suffix, node: (
    loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
    else loader.construct_mapping(node) if isinstance(node, yaml.MappingNode)
    else loader.construct_scalar(node)))


def markdown_extensions() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant)
    return [next(iter(entry)) if isinstance(entry, dict) else entry
            for entry in config.get("markdown_extensions") or []]


def test_mkdocs_yml_names_the_handbooks_own_extension():
    own = [name for name in markdown_extensions() if (ROOT / name.split(".")[0]).is_dir()]
    assert "macros.render.abbreviations" in own, markdown_extensions()


@pytest.mark.parametrize("name", markdown_extensions())
def test_each_markdown_extension_loads_by_its_name(name):
    """As Python-Markdown resolves a name: a registered short name (`abbr`, `toc`), else a
    module path (`pymdownx.details`, the handbook's `macros.render.abbreviations`, imported
    from the project root)."""
    if "." not in name:
        registered = {e.name: e for e in entry_points(group="markdown.extensions")}
        assert name in registered, f"{name!r} is no registered Markdown extension"
        assert issubclass(registered[name].load(), markdown.Extension)
        return
    module = importlib.import_module(name)
    if (ROOT / name.split(".")[0]).is_dir():
        assert Path(module.__file__).resolve().is_relative_to(ROOT), (name, module.__file__)
    assert callable(getattr(module, "makeExtension", None)), f"{name} has no makeExtension"
    assert isinstance(module.makeExtension(), markdown.Extension)
