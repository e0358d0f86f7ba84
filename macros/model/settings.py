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

from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, ValidationInfo

from .loading import Problem
from .shapes import EscParagraph, Id, Model, Text, ref

EscRef = ref("EscParagraph")


# --- what an administrator may write ------------------------------------------------------
# Each check names the field, since pydantic's message for a failed check does not.

def _plain(value: str, info: ValidationInfo) -> str:
    if not value.strip():
        raise ValueError(f"{info.field_name}: is empty")
    # Names and contacts are shown as text (the templates escape them), so markup would appear
    # as its angle brackets: in a setting it can only be a mistake.
    if "<" in value or ">" in value:
        raise ValueError(f"{info.field_name}: '{value}' contains markup (< or >); write plain text")
    return value


def _web_address(value: str, info: ValidationInfo) -> str:
    """An absolute https or http address: anything else would be a relative link to a missing
    page (no scheme) or a link that runs or fetches something else (javascript:, data:, ftp:)."""
    parts = urlsplit(value)
    if not parts.scheme or "." in parts.scheme:  # "www.example.org.uk/x", "host.org:8080/x"
        raise ValueError(f"{info.field_name}: '{value}' has no scheme; write the whole address, "
                         f"starting with https://")
    if parts.scheme not in ("https", "http"):
        raise ValueError(f"{info.field_name}: '{value}' is not a web address; only https:// and http:// "
                         f"addresses are allowed")
    if not parts.hostname or any(c.isspace() for c in value):
        raise ValueError(f"{info.field_name}: '{value}' is not a whole web address (https://host/path)")
    return value


_EMAIL = re.compile(r"[^@\s<>\"(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def _email(value: str, info: ValidationInfo) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"{info.field_name}: '{value}' is not an email address (name@domain.org.uk)")
    return value


PHONE_DIGITS = (10, 13)  # a UK number with its area code (01234 567890) up to +44 (0)1234 567890


def _phone(value: str, info: ValidationInfo) -> str:
    if re.search(r"[^\d +()]", value):
        raise ValueError(f"{info.field_name}: '{value}' is not a phone number; write digits, spaces, + "
                         f"and brackets only")
    digits = sum(c.isdigit() for c in value)
    if not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
        raise ValueError(f"{info.field_name}: '{value}' has {digits} digits; a phone number with its area "
                         f"code has {PHONE_DIGITS[0]} to {PHONE_DIGITS[1]}")
    return value


Plain = Annotated[str, AfterValidator(_plain)]
WebAddress = Annotated[str, AfterValidator(_web_address)]
Email = Annotated[Plain, AfterValidator(_email)]
Phone = Annotated[Plain, AfterValidator(_phone)]


class Contact(Model):
    """How to reach a role or body; every field is optional and shown only when set."""

    phone: Phone | None = Field(None, description="Telephone number, as it should be shown.")
    email: Email | None = Field(None, description="Email address.")
    address: Plain | None = Field(None, description="Postal or office address.")
    web: WebAddress | None = Field(None, description="Web page, a whole address starting with https:// "
                                                     "(an intranet address works too).")
    hours: Plain | None = Field(None, description="When the line is staffed, e.g. “Monday to Friday, 9am to 5pm”.")


class Partnership(Model):
    name: Plain = Field(description="The partnership's name. It replaces “LSCP” where the procedure "
                                    "names the partnership.")
    procedure_says: list[Text] = Field(description="The procedure's own wording for the partnership "
                                                   "(leave as shipped).")
    named_in: list[EscRef] = Field(description="The paragraphs that name it (leave as shipped).")
    procedures_url: WebAddress | None = Field(None, description="Address of the partnership's own child "
                                                                "protection procedures, starting with https://; "
                                                                "the risk exit links to it.")
    logo: str | None = Field(None, description="Optional logo, a path inside docs/ "
                                               "(e.g. assets/images/partnership-logo.png); shown on the "
                                               "printed escalation record.")


class Role(Model):
    id: Id = Field(description="How the escalation routes refer to this role (leave as shipped).")
    title: Plain = Field(description="What this partnership calls the role or body. It replaces the "
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
    if logo:
        wrong = _not_an_image(Path(book.data_dir).parent / "docs", logo)
        if wrong:
            problem(("partnership", "logo"), None, f"logo: {wrong}")
    return problems


# How each image format the printed record can show begins (an SVG is text: it holds "<svg").
IMAGE_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
                    ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".svg": ()}


def _not_an_image(docs: Path, logo: str) -> str | None:
    """Why the logo cannot be shown, or None: it must be an image file inside docs/."""
    path = (docs / logo).resolve()
    if not path.is_relative_to(docs.resolve()):
        return f"'{logo}' is outside docs/; put the image in docs/assets/images/"
    if not path.is_file():
        return f"no file docs/{logo}"
    kind = path.suffix.lower()
    if kind not in IMAGE_SIGNATURES:
        return f"docs/{logo} is not an image; use a .png, .jpg, .gif, .webp or .svg file"
    head = path.read_bytes()[:4096]
    if kind == ".svg":
        image = b"<svg" in head
    else:
        image = head.startswith(IMAGE_SIGNATURES[kind]) and (kind != ".webp" or head[8:12] == b"WEBP")
    return None if image else f"docs/{logo} is not an image: its contents are not {kind[1:].upper()}"
