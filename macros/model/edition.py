"""Which edition of the handbook a build is: its version, its build date and where the
current version lives (mkdocs.yml `extra: edition:`), for the offline copy and the guides.

The settings are checked like the data: a problem names the file, the line and the item
(`extra.edition`) and stops the build. An address that is only a placeholder (the shipped
`handbook.example.org`, or any name reserved for examples and tests) is not the partnership's:
until it sets its own, the edition is still said, but no copy tells anyone to check it there.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import Field, ValidationError, field_validator

from .loading import YAML_LOADER, DataError, Problem, describe
from .settings import WebAddress
from .shapes import Model, Text

ITEM = "extra.edition"
# Names reserved for examples and tests (RFC 2606, and RFC 6761's localhost): never a real
# handbook's address.
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")
RESERVED_TOP_LEVEL = ("example", "test", "invalid", "localhost")


class EditionSettings(Model):
    version: Text = Field(description="The edition's version, e.g. \"1.0\".")
    current_url: WebAddress = Field(description="The online handbook's address, starting with https://.")
    offline: bool = Field(False, description="Set by the offline profile (mkdocs-offline.yml).")
    keep: bool = Field(True, description="Keep the online handbook on a reader's device after one visit, to "
                                         "read with no signal (a service worker); false retires the worker.")

    @field_validator("version", mode="before")
    @classmethod
    def _number_as_written(cls, value):
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def is_placeholder(url: str) -> bool:
    host = (urlsplit(url).hostname or "").rstrip(".")
    return (host.rsplit(".", 1)[-1] in RESERVED_TOP_LEVEL
            or any(host == d or host.endswith("." + d) for d in RESERVED_DOMAINS))


@dataclass(frozen=True)
class Edition:
    version: str
    built: str               # ISO date of the build (SOURCE_DATE_EPOCH when set, as MkDocs does)
    current_url: str | None  # the online handbook, always the newest version; None until it is set
    offline: bool            # built by the offline profile (mkdocs-offline.yml)
    keep: bool               # kept on readers' devices after one visit (the online handbook only)

    @classmethod
    def of(cls, extra, config_file: Path | None = None) -> Edition:
        """The edition from the engine's `extra`; `config_file` (the mkdocs.yml that was read, or
        a profile that inherits it) is where a problem's line is looked up."""
        raw = extra.get("edition")
        try:
            settings = EditionSettings.model_validate(dict(raw) if isinstance(raw, Mapping) else raw or {})
        except ValidationError as e:
            raise DataError([_problem(config_file, err) for err in e.errors()]) from None
        url = settings.current_url if settings.current_url.endswith("/") else settings.current_url + "/"
        return cls(settings.version, build_date(), None if is_placeholder(url) else url, settings.offline,
                   settings.keep and not settings.offline)

    @property
    def line(self) -> str:
        """The words every printed guide carries (plain text; callers escape)."""
        return f"Safeguarding practice handbook, version {self.version}, built {self.built}."

    def online(self, path: str) -> str | None:
        """A page's address on the online handbook (directory form), or None while it has none."""
        return self.current_url + path if self.current_url else None


def _problem(config_file: Path | None, err: dict) -> Problem:
    if not isinstance(err.get("input"), dict) and not err["loc"]:
        message = "must be a mapping of version and current_url"
    else:
        message = describe(err)
    file, line = _where(config_file, ("extra", "edition", *err["loc"]))
    return Problem(file, line, ITEM, message)


def _where(config_file: Path | None, loc: tuple) -> tuple[str, int | None]:
    """The file (the profile or a file it INHERITs) that holds most of a location, and the line
    of its innermost node there."""
    if config_file is None:
        return "mkdocs.yml", None
    best, path, seen = (config_file.name, None, 0), config_file, set()
    while path and path.is_file() and path not in seen:
        seen.add(path)
        try:
            node = yaml.compose(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
        except yaml.YAMLError:
            break
        root, depth = node, 0
        for part in loc:
            match = [v for k, v in node.value if k.value == part] if isinstance(node, yaml.MappingNode) else []
            if not match:
                break
            node, depth = match[0], depth + 1
        if depth > best[2]:
            best = (path.name, node.start_mark.line + 1, depth)
        inherit = [v.value for k, v in root.value if k.value == "INHERIT"] if isinstance(root, yaml.MappingNode) else []
        path = path.parent / inherit[0] if inherit else None
    return best[0], best[1]


def build_date() -> str:
    """Today in UTC, or the date of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return when.strftime("%Y-%m-%d")
