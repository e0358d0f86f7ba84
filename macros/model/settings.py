"""The partnership's local settings (data/settings.yml) and how they adapt escalation text.

The procedure names local roles and bodies ("the LSCP", "the designated person") without
saying whose. A partnership sets its own names in one file; the escalation pages, flowcharts,
navigator and record then show those names wherever the procedure's own wording names the
role. The data keeps the source wording untouched: adaptation happens only as text is shown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import Field

from .loading import Problem
from .shapes import EscParagraph, Id, Model, Text, ref

EscRef = ref("EscParagraph")


class Contact(Model):
    """How to reach a role or body; every field is optional and shown only when set."""

    phone: str | None = Field(None, description="Telephone number, as it should be shown.")
    email: str | None = Field(None, description="Email address.")
    address: str | None = Field(None, description="Postal or office address.")
    web: str | None = Field(None, description="Web page (an intranet address works too).")
    hours: str | None = Field(None, description="When the line is staffed, e.g. “Monday to Friday, 9am to 5pm”.")


class Partnership(Model):
    name: Text = Field(description="The partnership's name. It replaces “LSCP” where the procedure "
                                    "names the partnership.")
    procedure_says: list[Text] = Field(description="The procedure's own wording for the partnership "
                                                   "(leave as shipped).")
    named_in: list[EscRef] = Field(description="The paragraphs that name it (leave as shipped).")
    procedures_url: str | None = Field(None, description="Address of the partnership's own child protection "
                                                          "procedures; the risk exit links to it.")
    logo: str | None = Field(None, description="Optional logo, a path inside docs/ "
                                               "(e.g. assets/images/partnership-logo.png); shown on the "
                                               "printed escalation record.")


class Role(Model):
    id: Id = Field(description="How the escalation routes refer to this role (leave as shipped).")
    title: Text = Field(description="What this partnership calls the role or body. It replaces the "
                                    "procedure's wording on the escalation pages and tools.")
    procedure_says: list[Text] = Field([], description="The procedure's own wording(s) for it (leave as "
                                                       "shipped). Empty for a contact the procedure "
                                                       "describes without naming.")
    named_in: list[EscRef] = Field(description="The paragraphs that name it (leave as shipped).")
    about: Text = Field(description="The handbook's explanation of the role, for administrators.")
    contact: Contact = Field(Contact(), description="Contact details shown with the role in the "
                                                    "navigator and on the routes page.")


class SettingsFile(Model):
    partnership: Partnership
    roles: list[Role]

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)


@dataclass(frozen=True)
class Localiser:
    """Puts the partnership's names in place of the procedure's wording, in one pass (so a
    name that contains another wording, e.g. "designated safeguarding lead", is not
    replaced again)."""

    settings: SettingsFile

    @property
    def replacements(self) -> dict[str, str]:
        """Each wording and what to show for it: the title, where the partnership has renamed the
        role (its title is no longer the first wording), else the wording itself ("CSC" stays)."""
        named = [(self.settings.partnership.procedure_says, self.settings.partnership.name)]
        named += [(role.procedure_says, role.title) for role in self.settings.roles]
        return {w: (shown if shown != said[0] else w) for said, shown in named if said for w in said}

    @property
    def adapted(self) -> dict[str, str]:
        """The wordings this partnership has renamed (empty for the handbook as shipped)."""
        return {said: shown for said, shown in self.replacements.items() if said != shown}

    def words(self, text: str) -> str:
        if not self.adapted:
            return text
        # Every wording takes part, renamed or not, so a longer one ("first line manager") is
        # never split by a shorter renamed one ("line manager").
        pairs = self.replacements
        return _pattern(tuple(pairs)).sub(lambda m: pairs[m.group(0)], text)

    def note(self, text: str | None) -> str | None:
        """A handbook note that explains a local name the procedure leaves unsaid is moot once
        the partnership has set that name: say so instead, without the procedure's wording."""
        if not text or not any(_pattern((said,)).search(text) for said in self.adapted):
            return text
        return (f"The procedure does not say which partnership, unit or local roles it means; this handbook "
                f"shows the names set by the {self.settings.partnership.name}. The procedure’s own wording is "
                f"listed on the page “Adapting the handbook”.")


@lru_cache(maxsize=64)
def _pattern(wordings: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(wordings, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


# --- checks run at load ---------------------------------------------------------------------

def check(book) -> list[Problem]:
    """Each wording the settings say the procedure uses is really in the paragraphs named, role
    ids are unique, and a logo is a file of the site."""
    loaded = book.loaded["settings.yml"]
    settings: SettingsFile | None = loaded.model
    if settings is None:
        return []
    problems = []

    def problem(path: tuple, item: str | None, message: str):
        problems.append(loaded.problem(path, item, message))

    named = [(("partnership",), None, settings.partnership)]
    named += [(("roles", i), r.id, r) for i, r in enumerate(settings.roles)]
    for path, item, entry in named:
        texts = [book[p].text for p in entry.named_in if isinstance(book.index.get(p), EscParagraph)]
        for j, said in enumerate(entry.procedure_says):
            if texts and not any(_pattern((said,)).search(t) for t in texts):
                problem(path + ("procedure_says", j), item,
                        f"procedure_says: '{said}' is not in {', '.join(entry.named_in)}")
    seen: set[str] = set()
    for i, role in enumerate(settings.roles):
        if role.id in seen:
            problem(("roles", i, "id"), role.id, "duplicate role id")
        seen.add(role.id)
    logo = settings.partnership.logo
    if logo and not (Path(book.data_dir).parent / "docs" / logo).is_file():
        problem(("partnership", "logo"), None, f"logo: no file docs/{logo}")
    return problems
