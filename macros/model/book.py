"""The whole handbook: every data file loaded, every id indexed, every reference resolved,
and every fact that joins one item to others worked out once, at load (`Facts`)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from . import audiences, currency, routes, search, settings, shapes as m, themes
from .loading import DataError, Loaded, Problem, load_file
from .settings import Localiser

# Each data file and the model its content must match.
FILES: dict[str, type[m.Model]] = {
    "sources.yml": m.SourcesFile,
    "recommendations.yml": m.RecommendationsFile,
    "escalation.yml": m.EscalationFile,
    "fourteen_points.yml": m.FourteenPointsFile,
    "pledge_tool.yml": m.PledgeTool,
    "lessons.yml": m.LessonsFile,
    "professional_dimension.yml": m.ProfessionalDimensionFile,
    "seven_steps.yml": m.SevenStepsFile,
    "glossary.yml": m.GlossaryFile,
    "references.yml": m.ReferencesFile,
    "escalation_routes.yml": routes.RoutesFile,
    "settings.yml": settings.SettingsFile,
    "currency.yml": currency.CurrencyFile,
    "amendments.yml": currency.AmendmentsFile,
    "themes.yml": themes.ThemesFile,
    "audiences.yml": audiences.AudiencesFile,
    "search.yml": search.SearchFile,
}


@dataclass(frozen=True)
class Facts:
    """What joins items to each other, resolved once for the whole book: templates read these
    and never search the book."""

    notices: dict[str, list[currency.Hit]]           # item id -> changes since publication
    reach: dict[str, dict[str, str]]                  # change id -> {item id: how it reaches it}
    themes: dict[str, list[tuple[str, str]]]          # item id -> [(step id, why)]
    serving: dict[str, list[tuple[str, list[themes.Relation]]]]  # step id -> [(kind heading, relations)]
    audiences: dict[str, dict[str, list[tuple[str, str]]]]  # audience id -> {item id: words}
    routes_of: dict[str, list[str]]                   # part or process id -> route ids
    vocabulary: search.Vocabulary                     # practitioners' words for search


def load(data_dir: Path | str) -> Handbook:
    """The handbook in data_dir, loaded again only when a data file has changed: Zensical runs
    `define_env` for every page, and `mkdocs serve` on every rebuild."""
    data_dir = Path(data_dir).resolve()
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.glob("*.yml")))
    cached = _loaded.get(data_dir)
    if cached is None or cached[0] != stamp:
        _loaded[data_dir] = (stamp, Handbook.load(data_dir))
    return _loaded[data_dir][1]


_loaded: dict[Path, tuple[tuple, Handbook]] = {}


@dataclass(eq=False)
class Handbook:
    data_dir: Path
    loaded: dict[str, Loaded] = field(default_factory=dict)
    index: dict[str, BaseModel] = field(default_factory=dict)
    file_of: dict[str, str] = field(default_factory=dict)
    facts: Facts | None = None
    local: Localiser | None = None

    @classmethod
    def load(cls, data_dir: Path | str) -> Handbook:
        """Load and check everything; raise DataError listing every problem found."""
        book = cls(Path(data_dir))
        problems: list[Problem] = []
        for name, model in FILES.items():
            book.loaded[name] = load_file(book.data_dir / name, model, problems)
        book._index(problems)
        book._resolve(problems)
        problems += routes.check(book) + settings.check(book)
        problems += currency.check(book) + themes.check(book) + audiences.check(book)
        problems += search.check(book, sound=not problems)
        if problems:
            raise DataError(problems)
        book.local = Localiser(book.settings)
        book.facts = Facts(
            notices=currency.hits_by_item(book),
            reach={c.id: currency.affected(book, c) for c in book.file("currency.yml").changes},
            themes=themes.themes_of(book),
            serving=themes.serving(book),
            audiences=audiences.selections(book),
            routes_of={item: [r.id for r in book.routes.routes if r.covers == item]
                       for item in {r.covers for r in book.routes.routes}},
            vocabulary=search.Vocabulary.of(book.file("search.yml"), book.glossary))
        return book


    # --- typed access for templates ----------------------------------------------

    def file(self, name: str):
        return self.loaded[name].model

    @property
    def sources(self) -> list[m.Source]:
        return self.file("sources.yml").sources

    @property
    def recommendations(self) -> m.RecommendationsFile:
        return self.file("recommendations.yml")

    @property
    def escalation(self) -> m.EscalationFile:
        return self.file("escalation.yml")

    @property
    def fourteen_points(self) -> m.FourteenPointsFile:
        return self.file("fourteen_points.yml")

    @property
    def pledge_tool(self) -> m.PledgeTool:
        return self.file("pledge_tool.yml")

    @property
    def lessons(self) -> m.LessonsFile:
        return self.file("lessons.yml")

    @property
    def professional_dimension(self) -> m.ProfessionalDimensionFile:
        return self.file("professional_dimension.yml")

    @property
    def seven_steps(self) -> m.SevenStepsFile:
        return self.file("seven_steps.yml")

    @property
    def glossary(self) -> list[m.Term]:
        return self.file("glossary.yml").terms

    @property
    def references(self) -> m.ReferencesFile:
        return self.file("references.yml")

    @property
    def routes(self) -> m.RoutesFile:
        return self.file("escalation_routes.yml")

    @property
    def settings(self) -> m.SettingsFile:
        return self.file("settings.yml")

    def __getitem__(self, item_id: str) -> BaseModel:
        return self.index[item_id]

    def points_in(self, area: m.Area) -> list[m.Point]:
        return [p for p in self.fourteen_points.points if p.area == area.id]

    # --- checks ------------------------------------------------------------------

    def _index(self, problems: list[Problem]) -> None:
        for name, loaded in self.loaded.items():
            if loaded.model is None:
                continue
            for path, obj in walk(loaded.model):
                item_id = getattr(obj, "id", None)
                if not _anchored(obj) or item_id is None:
                    continue
                if item_id in self.index:
                    first = self.file_of[item_id]
                    problems.append(loaded.problem(path, item_id,
                                            f"duplicate id (first used in {first})"))
                    continue
                self.index[item_id] = obj
                self.file_of[item_id] = loaded.name

    def _may_be_in_a_broken_file(self, item_id: str) -> bool:
        """An id that a file which failed validation declares, or any id at all when a file
        could not even be parsed: that file's own problem is reported, a second would mislead."""
        for loaded in self.loaded.values():
            if loaded.model is None and (loaded.raw is None or item_id in _raw_ids(loaded.raw)):
                return True
        return False

    def _resolve(self, problems: list[Problem]) -> None:
        for loaded in self.loaded.values():
            if loaded.model is None:
                continue
            for path, owner, value, target in references(loaded.model):
                if value not in self.index:
                    if self._may_be_in_a_broken_file(value):
                        continue
                    message = f"refers to unknown id '{value}'"
                elif target.kinds and type(self.index[value]).__name__ not in target.kinds:
                    found = type(self.index[value]).__name__
                    message = f"'{value}' is a {found}, expected {' or '.join(target.kinds)}"
                else:
                    continue
                problems.append(loaded.problem(path, owner,
                                        f"{path[-1] if isinstance(path[-1], str) else path[-2]}: {message}"))
        loaded = self.loaded["recommendations.yml"]
        if loaded.model is not None:
            titles = {s.title for s in loaded.model.sections}
            for i, rec in enumerate(loaded.model.recommendations):
                if rec.reproduced and rec.ph28_section not in titles:
                    problems.append(loaded.problem(
                        ("recommendations", i, "ph28_section"), rec.id,
                        f"ph28_section '{rec.ph28_section}' is not one of the sections in this file "
                        f"({', '.join(sorted(titles))})"))


def _anchored(obj: BaseModel) -> bool:
    """Items with a handbook-wide id: cited items, sources and titled lesson blocks."""
    return isinstance(obj, (m.Cited, m.Source, m.Block))


def _raw_ids(node) -> set[str]:
    if isinstance(node, dict):
        own = {node["id"]} if isinstance(node.get("id"), str) else set()
        return own.union(*(_raw_ids(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_raw_ids(v) for v in node))
    return set()


def walk(obj, path: tuple = ()) -> Iterator[tuple[tuple, BaseModel]]:
    """Every model inside obj, depth first, with its path from the file's top."""
    if isinstance(obj, BaseModel):
        yield path, obj
        for name in type(obj).model_fields:
            yield from walk(getattr(obj, name), path + (name,))
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            yield from walk(value, path + (i,))


def references(root: BaseModel) -> Iterator[tuple[tuple, str | None, str, m.RefTo]]:
    """(path, id of the nearest enclosing item, referenced id, target kinds) for every reference."""
    owners: dict[tuple, str] = {}
    for path, obj in walk(root):
        owner = getattr(obj, "id", None) or _nearest(owners, path)
        owners[path] = owner
        for name, info in type(obj).model_fields.items():
            target = next((x for x in info.metadata if isinstance(x, m.RefTo)), None)
            if target is None:
                target = _list_ref(info.annotation)
            if target is None:
                continue
            value = getattr(obj, name)
            values = value if isinstance(value, list) else [value]
            for i, one in enumerate(values):
                if one is not None:
                    sub = path + ((name, i) if isinstance(value, list) else (name,))
                    yield sub, owner, one, target


def _nearest(owners: dict[tuple, str], path: tuple) -> str | None:
    while path:
        path = path[:-1]
        if owners.get(path):
            return owners[path]
    return None


def _list_ref(annotation) -> m.RefTo | None:
    """RefTo metadata carried by an optional or list annotation (`ref(...) | None`)."""
    for arg in getattr(annotation, "__args__", ()) or ():
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, m.RefTo):
                return meta
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, m.RefTo):
            return meta
    return None
