"""Which edition of the handbook a build is: its version, its build date and where the
current version lives (mkdocs.yml `extra: edition:`), for the offline copy and the guides."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    version: str
    built: str          # ISO date of the build (SOURCE_DATE_EPOCH when set, as MkDocs does)
    current_url: str    # the online handbook, always the newest version
    offline: bool       # built by the offline profile (mkdocs-offline.yml)

    @classmethod
    def of(cls, extra) -> Edition:
        settings = extra.get("edition") or {}
        missing = [key for key in ("version", "current_url") if not settings.get(key)]
        if missing:
            raise ValueError(f"mkdocs.yml: extra.edition needs {' and '.join(missing)}")
        url = settings["current_url"]
        return cls(str(settings["version"]), build_date(), url if url.endswith("/") else url + "/",
                   bool(settings.get("offline")))

    @property
    def line(self) -> str:
        """The words every printed guide carries (plain text; callers escape)."""
        return f"Safeguarding practice handbook, version {self.version}, built {self.built}."


def build_date() -> str:
    """Today in UTC, or the date of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return when.strftime("%Y-%m-%d")
