"""The seven steps as the handbook's cross-cutting index (data/themes.yml).

*Seven steps to better protection* names the themes inquiries have repeated for sixty years.
The handbook relates each step to the fourteen points, recommendations, escalation paragraphs
and professional-dimension dimensions that serve it, each relation with a short reason. The
relations are the handbook's editorial judgement, never the sources' words, and are labelled
so wherever they are shown: under each step, and in the body of each item they name.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from . import shapes as m
from .loading import Problem
from .shapes import Model, Text, ref

if TYPE_CHECKING:
    from .book import Handbook

# The kinds of item a step relates to, in the order they are listed under a step.
KINDS = {"Point": "Fourteen key points", "Recommendation": "Recommendations",
         "EscParagraph": "Resolving professional disagreements", "Dimension": "Professional dimension"}


class Relation(Model):
    to: ref(*KINDS)
    why: Text       # the handbook's reason, in its own voice


class Theme(Model):
    step: ref("Step")
    serves: list[Relation]

    @property
    def id(self) -> str:
        """Problems with a theme are reported against its step."""
        return self.step


class ThemesFile(Model):
    by: Literal["handbook"]
    themes: list[Theme]


def themes_of(book: Handbook) -> dict[str, list[tuple[str, str]]]:
    """Item id -> [(step id, why)], in step order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for theme in sorted(book.file("themes.yml").themes, key=lambda t: book[t.step].number):
        for rel in theme.serves:
            out.setdefault(rel.to, []).append((theme.step, rel.why))
    return out


def serving(book: Handbook) -> dict[str, list[tuple[str, list[Relation]]]]:
    """Step id -> the items that serve it, grouped by kind in KINDS' order (empty groups left out)."""
    out = {}
    for theme in book.file("themes.yml").themes:
        groups = [(title, [r for r in theme.serves if type(book[r.to]).__name__ == kind]) for kind, title in KINDS.items()]
        out[theme.step] = [(title, relations) for title, relations in groups if relations]
    return out


# --- checks run at load -----------------------------------------------------------------------

def check(book: Handbook) -> list[Problem]:
    """Every step has one theme record, no item is related to a step twice, and a related
    recommendation is one this handbook reproduces."""
    loaded = book.loaded["themes.yml"]
    data: ThemesFile | None = loaded.model
    if data is None:
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, theme in enumerate(data.themes):
        def problem(path: tuple, message: str):
            problems.append(loaded.problem(("themes", i) + path, theme.step,
                                    message))
        if theme.step in seen:
            problem(("step",), "a second theme record for this step")
        seen.add(theme.step)
        related: set[str] = set()
        for j, rel in enumerate(theme.serves):
            if rel.to in related:
                problem(("serves", j, "to"), f"to: '{rel.to}' is related to this step twice")
            related.add(rel.to)
            target = book.index.get(rel.to)
            if isinstance(target, m.Recommendation) and not target.reproduced:
                problem(("serves", j, "to"), f"to: '{rel.to}' is not reproduced in this handbook")
    if book.loaded["seven_steps.yml"].model is not None:
        for step in book.seven_steps.steps:
            if step.id not in seen and book.index.get(step.id) is step:  # (a duplicate id is reported already)
                problems.append(loaded.problem(("themes",), None,
                                        f"themes: no theme record for '{step.id}'"))
    return problems
