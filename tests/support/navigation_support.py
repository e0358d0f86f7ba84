"""Helpers of the currency, themes, audience and glossary tests (and the bad-input tests' data
edits): a built page as a small element tree (the standard library has no HTML DOM), an item's
place in the site, and broken copies of the data."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.model.book import Handbook
from macros.model.loading import DataError
from macros.render.links import HOME_PAGE, page_url
from project import ROOT

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list = field(default_factory=list)   # Nodes and strings, in order

    def walk(self):
        """This node and every node inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find(self, **attrs) -> Node | None:
        return next(self.find_all(**attrs), None)

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs):
        for node in self.walk():
            if ((tag is None or node.tag == tag) and (cls is None or cls in node.classes)
                    and all(node.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())):
                yield node

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else c.text() for c in self.children).split())

    def texts(self):
        """(text, parent node) for every run of text inside, in document order."""
        for child in self.children:
            if isinstance(child, str):
                yield child, self
            else:
                yield from child.texts()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def hrefs(self) -> list[str]:
        return [a.attrs["href"] for a in self.find_all("a") if "href" in a.attrs]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.open = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.open)
        self.open.children.append(node)
        if tag not in VOID:
            self.open = node

    def handle_startendtag(self, tag, attrs):
        self.open.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.open))

    def handle_endtag(self, tag):
        node = self.open
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.open = node.parent

    def handle_data(self, data):
        self.open.children.append(data)


def tree(path: Path) -> Node:
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def home_file(site: Path, item) -> Path:
    """The built file of the page that holds an item's anchor."""
    return site / page_url(HOME_PAGE[type(item)], True) / "index.html"


def normal(text: str) -> str:
    return " ".join(text.split())


# --- the seven steps' relations to the items they serve, as written in data/themes.yml --------

THEMES = yaml.safe_load((ROOT / "data" / "themes.yml").read_text(encoding="utf-8"))["themes"]


def relations():
    return [(theme["step"], rel["to"], rel["why"]) for theme in THEMES for rel in theme["serves"]]


# --- broken copies of the data ----------------------------------------------------------------

@pytest.fixture
def data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        Handbook.load(data_dir)
    return [str(p) for p in caught.value.problems]


def line_of(message: str) -> int:
    return int(message.split(":")[1])


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def rewrite_line(path: Path, containing: str, new) -> int:
    """Replace the first line containing a text with new(line); its 1-based number."""
    text = lines(path)
    number = next(i for i, line in enumerate(text) if containing in line)
    text[number] = new(text[number])
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return number + 1
