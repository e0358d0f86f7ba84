"""Typed shapes of every data file.

Validation happens here, once, at load. Fields whose metadata carries `RefTo` hold ids of
other items; `book.py` resolves them after every file has loaded. The escalation routes, the
partnership's settings and the handbook's own records (currency, themes, audiences) have
modules of their own, which build on these.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

ID_PATTERN = r"^[a-z][a-z0-9.-]*$"


class RefTo:
    """Marks a field as holding ids of items of the given kinds (any kind when none given)."""

    def __init__(self, *kinds: str):
        self.kinds = kinds


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
SeeAlso = Annotated[list[Id], RefTo()]


def ref(*kinds: str):
    return Annotated[Id, RefTo(*kinds)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(Model):
    """An item with an anchor that names where in which source it comes from."""

    id: Id
    source: ref("Source")
    section: Text
    note: str | None = None


class Entry(Model):
    """One list entry: a string in YAML, or a mapping when it nests or refers onwards."""

    text: Text
    items: list[Entry] = []
    see_also: SeeAlso = []
    footnote: ref("Footnote") | None = None
    bracket: str | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        return {"text": value} if isinstance(value, str) else value


class Source(Model):
    id: Id
    title: Text
    short_title: Text
    publisher: Text
    published: Text
    url: str | None = None
    files: list[Text]
    status: Literal["current", "superseded"]
    replaced_by: str | None = None
    replaced_on: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _superseded_says_by_what(self):
        if self.status == "superseded" and not self.replaced_by:
            raise ValueError("a superseded source needs 'replaced_by'")
        return self


class SourcesFile(Model):
    sources: list[Source]


# --- recommendations.yml -------------------------------------------------------------

class Ph28Section(Cited):
    title: Text
    evidence: Text


class Recommendation(Cited):
    number: int
    title: str | None
    ph28_section: Text
    section_confirmed: bool = True
    reproduced: bool
    who: list[Text] = []
    actions_intro: str | None = None
    actions: list[Entry] = []

    @model_validator(mode="after")
    def _full_or_pointer(self):
        if self.id != f"rec-{self.number}":
            raise ValueError(f"id should be 'rec-{self.number}' for recommendation {self.number}")
        if self.reproduced and not (self.title and self.who and self.actions):
            raise ValueError("a reproduced recommendation needs 'title', 'who' and 'actions'")
        if not self.reproduced and (self.who or self.actions):
            raise ValueError("a recommendation not reproduced here must not carry 'who' or 'actions'")
        return self


class Footnote(Cited):
    number: int
    text: Text


class RecommendationsFile(Model):
    sections: list[Ph28Section]
    recommendations: list[Recommendation]
    footnotes: list[Footnote] = []


# --- escalation.yml ------------------------------------------------------------------

class EscParagraph(Cited):
    number: Text
    text: Text
    items: list[Entry] = []


class EscProcess(Cited):
    number: Text
    title: Text
    example: str | None = None
    steps: list[EscParagraph]


class EscPart(Cited):
    number: Text
    title: Text
    paragraphs: list[EscParagraph] = []
    processes: list[EscProcess] = []


class EscalationFile(Model):
    title: Text
    source: ref("Source")
    parts: list[EscPart]


# --- fourteen_points.yml -------------------------------------------------------------

class Area(Cited):
    number: int
    letter: Text
    title: Text
    list_title: Text


class Point(Cited):
    number: int
    area: ref("Area")
    title: Text
    detail: list[Entry] = []
    additional_detail: list[Entry] = []


class FourteenPointsFile(Model):
    title: Text
    table_title: Text
    table_subtitle: Text
    source: ref("Source")
    intro: list[Text]
    areas_intro: Text
    points_intro: Text
    column_titles: dict[str, Text]
    areas: list[Area]
    points: list[Point]


# --- pledge_tool.yml -----------------------------------------------------------------

class FormField(Model):
    id: Id
    label: Text


class Column(Model):
    id: Id
    number: int
    label: Text
    instruction: str | None = None


class Stage(Model):
    id: Id
    title: Text
    review_after_months: int | None = None
    columns: list[Column]


class EvidenceSource(Model):
    code: Text
    label: Text


class PledgePoint(Model):
    point: ref("Point")
    details: ref("Point")


class PledgeArea(Model):
    area: ref("Area")
    title: Text
    points: list[PledgePoint]


class ExtraRows(Model):
    title: Text
    instruction: Text
    labels: list[Text]
    note: str | None = None


class PledgeTool(Cited):
    title: Text
    fields: list[FormField]
    stages: list[Stage]
    evidence_sources: list[EvidenceSource]
    rows: list[PledgeArea]
    extra_rows: ExtraRows


# --- lessons.yml ---------------------------------------------------------------------

class Block(Model):
    """A paragraph, quotation or list of a lessons section; one with an id is cited in full."""

    type: Literal["paragraph", "quote", "list"]
    id: Id | None = None
    source: ref("Source") | None = None
    section: str | None = None
    title: str | None = None
    text: str | None = None
    citation: str | None = None
    items: list[Entry] = []
    see_also: SeeAlso = []
    note: str | None = None

    @model_validator(mode="after")
    def _has_content(self):
        if self.id and not (self.source and self.section):
            raise ValueError("a block with an id needs 'source' and 'section'")
        if self.type == "list" and not self.items:
            raise ValueError("a list block needs 'items'")
        if self.type != "list" and not self.text:
            raise ValueError(f"a {self.type} block needs 'text'")
        return self


class LessonSection(Cited):
    number: Text
    title: Text
    blocks: list[Block] = []
    subsections: list[LessonSection] = []


class LessonsFile(Model):
    title: Text
    source: ref("Source")
    sections: list[LessonSection]


# --- professional_dimension.yml ------------------------------------------------------

class Dimension(Cited):
    title: Text
    intro: Text
    considerations: list[Entry]


class Domain(Cited):
    title: Text
    dimensions: list[Dimension]


class ProfessionalDimensionFile(Model):
    title: Text
    source: ref("Source")
    section: Text
    columns: dict[str, Text]
    domains: list[Domain]
    note: str | None = None


# --- seven_steps.yml -----------------------------------------------------------------

class Step(Cited):
    number: int
    title: Text
    text: Text


class SevenStepsFile(Model):
    title: Text
    publisher: Text
    intro: Text
    source: ref("Source")
    steps: list[Step]


# --- glossary.yml and references.yml -------------------------------------------------

class Term(Cited):
    abbr: Text
    expansion: Text
    expanded_in_source: bool
    plural: str | None = None


class GlossaryFile(Model):
    terms: list[Term]


class Reference(Cited):
    authors: Text
    year: str | None = None
    title: Text
    details: str | None = None
    url: str | None = None


class ReferencesFile(Model):
    title: Text
    source: ref("Source")
    references: list[Reference]
