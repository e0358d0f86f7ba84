"""Reading data files into models, and turning every failure into a readable problem."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    item: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        item = f"item '{self.item}'" if self.item else "file"
        return f"{where}: {item}: {self.message}"


class DataError(Exception):
    """The handbook data is broken: one line per problem, then the build stops (the engine
    adapter shows the message without a traceback)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the handbook data:\n{lines}")


# libyaml's parser where installed: several times faster than the pure-Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DataLoader(YAML_LOADER):
    """Notes keys written twice in one mapping, which YAML itself would silently let the
    later one win: (line, id of the item, key)."""

    def __init__(self, stream):
        super().__init__(stream)
        self.repeated: list[tuple[int, str | None, str]] = []

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key, _ in node.value:
            if key.value in seen:
                item = next((v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)),
                            None)
                self.repeated.append((key.start_mark.line + 1, item, key.value))
            seen.add(key.value)
        return super().construct_mapping(node, deep)


@dataclass
class Loaded:
    """One file's text, parsed YAML and validated model."""

    name: str
    raw: object
    model: BaseModel | None
    text: str | None = field(default=None, repr=False)

    @cached_property
    def nodes(self) -> yaml.Node | None:
        """The YAML node tree, for line numbers: composed only when a problem needs one."""
        return yaml.compose(self.text, Loader=YAML_LOADER) if self.text is not None else None

    def problem(self, path: tuple, item: str | None, message: str) -> Problem:
        """A problem at a place in this file, with the line that place starts on."""
        return Problem(self.name, line_at(self.nodes, path), item, message)


def load_file(path: Path, model: type[BaseModel], problems: list[Problem]) -> Loaded:
    name = f"data/{path.name}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(name, None, None, "file is missing"))
        return Loaded(name, None, None)
    except UnicodeDecodeError as e:
        problems.append(Problem(name, None, None, f"not UTF-8 text ({e.reason} at byte {e.start})"))
        return Loaded(name, None, None)
    parser = _DataLoader(text)
    try:
        raw = parser.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else None
        what = getattr(e, "problem", None) or str(e)
        problems.append(Problem(name, line, None, f"YAML syntax error: {what}"))
        return Loaded(name, None, None)
    finally:
        parser.dispose()
    loaded = Loaded(name, raw, None, text)
    if parser.repeated:
        for line, item, key in parser.repeated:
            problems.append(Problem(name, line, item, f"field '{key}' is written twice (YAML would keep only the last)"))
        return loaded
    if not isinstance(raw, dict):
        problems.append(Problem(name, 1, None, "expected a mapping at the top of the file"))
        return loaded
    try:
        loaded.model = model.model_validate(raw)
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            problems.append(Problem(name, line_at(loaded.nodes, loc), item_at(raw, loc), describe(err)))
    return loaded


def describe(err: dict) -> str:
    loc = [str(part) for part in err["loc"] if isinstance(part, (str, int))]
    field = loc[-1] if loc else ""
    kind = err["type"]
    if kind == "missing":
        return f"missing required field '{field}'"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'"
    message = err["msg"].removeprefix("Value error, ")
    if kind == "value_error" or not field or field.isdigit():
        return message
    return f"field '{field}': {message}"


def _walk(raw, loc: tuple):
    """Yield the values met along a validation error's location inside the raw YAML."""
    node = raw
    yield node
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            continue  # pydantic's own loc parts (union tags and the like)
        yield node


def item_at(raw, loc: tuple) -> str | None:
    """The id of the innermost item that holds the failing value (an entry of data/search.yml,
    which has none, is named by its first phrase)."""
    found = None
    for node in _walk(raw, loc):
        if isinstance(node, dict):
            first = next((v[0] for k in ("search", "same", "finds") if isinstance(v := node.get(k), list) and v), None)
            name = node.get("id", node.get("page", first))
            if isinstance(name, str):
                found = name
    return found


def line_at(nodes: yaml.Node | None, loc: tuple) -> int | None:
    """The 1-based line of the innermost YAML node on a location."""
    if nodes is None:
        return None
    node = nodes
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == part]
            if match:
                node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
    return node.start_mark.line + 1
