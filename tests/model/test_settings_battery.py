"""The settings battery: every setting an administrator writes is checked at load. A broken
one in data/settings.yml gives one clear message with its file, line and item, like the
guidance data's; a broken `extra.edition` in mkdocs.yml likewise, with item 'extra.edition'. An
edition address that is only a placeholder is not the partnership's. A real build stopped by a
broken edition, and the built site naming no placeholder, are site/test_settings_battery_site.py's."""
from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from macros.model.book import Handbook
from macros.model.edition import Edition
from macros.model.loading import DataError
from macros.products.package import config
from project import ROOT
from settings_support import project, set_current_url  # noqa: F401

SETTINGS = "data/settings.yml"
# A 1x1 PNG: the smallest file that really is an image.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def problems(project: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        Handbook.load(project / "data")
    return [str(p) for p in caught.value.problems]


def set_setting(project: Path, after: str, field: str, value: str) -> int:
    """Set `field` in the first line at or after the one containing `after` that has it (a
    contact's field inside its `{...}` or a field of its own); the line's 1-based number."""
    path = project / SETTINGS
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    number = next(i for i in range(start, len(lines)) if re.search(rf"\b{field}: ", lines[i]))
    lines[number] = re.sub(rf"\b{field}: (\"[^\"]*\"|[^,}}]+)", lambda _: f"{field}: {value}", lines[number], count=1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1


# --- data/settings.yml: one message per broken setting -----------------------------------

UNIT = "- id: safeguarding-unit"

# (where, field, value written, item, message)
BROKEN = [
    ("partnership:", "procedures_url", '"javascript:alert(1)"', None,
     "procedures_url: 'javascript:alert(1)' is not a web address; only https:// and http:// addresses are allowed"),
    ("partnership:", "procedures_url", '"www.example.org.uk/procedures"', None,
     "procedures_url: 'www.example.org.uk/procedures' has no scheme; write the whole address, starting with https://"),
    (UNIT, "web", '"ftp://files.northshire.gov.uk/unit"', "safeguarding-unit",
     "web: 'ftp://files.northshire.gov.uk/unit' is not a web address; only https:// and http:// addresses are allowed"),
    (UNIT, "web", '"https://"', "safeguarding-unit", "web: 'https://' is not a whole web address (https://host/path)"),
    (UNIT, "email", '"nobody at all"', "safeguarding-unit",
     "email: 'nobody at all' is not an email address (name@domain.org.uk)"),
    (UNIT, "email", '"unit@northshire"', "safeguarding-unit",
     "email: 'unit@northshire' is not an email address (name@domain.org.uk)"),
    (UNIT, "phone", '"01234 CALL US"', "safeguarding-unit",
     "phone: '01234 CALL US' is not a phone number; write digits, spaces, + and brackets only"),
    (UNIT, "phone", '"01234 567"', "safeguarding-unit",
     "phone: '01234 567' has 8 digits; a phone number with its area code has 10 to 13"),
    ("- id: head-of-unit", "title", '"<b>Head</b> of Safeguarding"', "head-of-unit",
     "title: '<b>Head</b> of Safeguarding' contains markup (< or >); write plain text"),
    ("- id: childrens-social-care", "hours", '"9am to 5pm <script>"', "childrens-social-care",
     "hours: '9am to 5pm <script>' contains markup (< or >); write plain text"),
    ("partnership:", "name", '"   "', None, "name: is empty"),
    ("- id: line-manager", "title", '""', "line-manager", "title: is empty"),
    ("partnership:", "logo", '"assets/images/partnership-logo.png"', None,
     "logo: no file docs/assets/images/partnership-logo.png"),
    ("partnership:", "logo", '"index.md"', None,
     "logo: docs/index.md is not an image; use a .png, .jpg, .gif, .webp or .svg file"),
    ("partnership:", "logo", '"../mkdocs.yml"', None,
     "logo: '../mkdocs.yml' is outside docs/; put the image in docs/assets/images/"),
]


@pytest.mark.parametrize("after, field, value, item, message", BROKEN, ids=[f"{b[1]}={b[2]}" for b in BROKEN])
def test_a_broken_setting_gives_its_one_message_with_file_line_and_item(project, after, field, value, item, message):
    line = set_setting(project, after, field, value)
    where = f"item '{item}'" if item else "file"
    assert problems(project) == [f"{SETTINGS}:{line}: {where}: {message}"]


def test_a_logo_that_is_not_really_an_image(project):
    (project / "docs" / "assets" / "images").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "assets" / "images" / "logo.png").write_text("<html>not a picture</html>", encoding="utf-8")
    line = set_setting(project, "partnership:", "logo", '"assets/images/logo.png"')
    assert problems(project) == [f"{SETTINGS}:{line}: file: logo: docs/assets/images/logo.png is not an image: "
                                 f"its contents are not PNG"]


def test_settings_a_partnership_would_write_are_accepted(project):
    (project / "docs" / "assets" / "images").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "assets" / "images" / "logo.png").write_bytes(PNG)
    set_setting(project, "partnership:", "logo", '"assets/images/logo.png"')
    set_setting(project, "partnership:", "procedures_url", '"http://intranet.northshire.local/cp-procedures"')
    set_setting(project, UNIT, "phone", '"+44 (0)1234 567890"')
    set_setting(project, UNIT, "email", '"safeguarding.unit@northshire.gov.uk"')
    set_setting(project, UNIT, "web", '"https://www.northshire.gov.uk/safeguarding?unit=1#contact"')
    set_setting(project, UNIT, "hours", '"Monday to Friday, 9am to 5pm (& bank holidays)"')
    contact = Handbook.load(project / "data").settings.role("safeguarding-unit").contact
    assert contact.phone == "+44 (0)1234 567890" and contact.email == "safeguarding.unit@northshire.gov.uk"


def test_every_broken_setting_is_reported_at_once(project):
    set_setting(project, "partnership:", "procedures_url", '"javascript:alert(1)"')
    set_setting(project, UNIT, "email", '"nobody at all"')
    set_setting(project, UNIT, "phone", '"123"')
    assert len(problems(project)) == 3


# --- mkdocs.yml extra.edition -----------------------------------------------------------

def edition_of(project: Path, profile: str = "mkdocs.yml") -> Edition:
    if profile != "mkdocs.yml":
        (project / profile).write_text((ROOT / profile).read_text(encoding="utf-8"), encoding="utf-8")
    return Edition.of(config(project / profile)["extra"], project / profile)


def edition_problems(project: Path, profile: str = "mkdocs.yml") -> list[str]:
    with pytest.raises(DataError) as caught:
        edition_of(project, profile)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("url", [
    "https://handbook.example.org/", "https://example.com/handbook", "http://intranet.example.net",
    "https://example.org", "https://handbook.partnership.example/", "https://handbook.test/",
    "https://safeguarding.invalid/", "http://localhost:8000/",
])
def test_a_placeholder_address_is_not_the_partnerships(project, url):
    set_current_url(project, url)
    edition = edition_of(project)
    assert edition.current_url is None and edition.online("guides/escalation/") is None
    assert edition.version == "1.0"


def test_the_shipped_address_is_a_placeholder():
    assert Edition.of(config(ROOT / "mkdocs-offline.yml")["extra"]).current_url is None


def test_a_real_address_is_kept_in_directory_form(project):
    set_current_url(project, "https://safeguarding.northshire.gov.uk/handbook")
    edition = edition_of(project)
    assert edition.current_url == "https://safeguarding.northshire.gov.uk/handbook/"
    assert edition.online("guides/escalation/") == "https://safeguarding.northshire.gov.uk/handbook/guides/escalation/"


@pytest.mark.parametrize("value, message", [
    ('"our intranet"', "current_url: 'our intranet' has no scheme; write the whole address, starting with https://"),
    ("handbook.northshire.gov.uk", "current_url: 'handbook.northshire.gov.uk' has no scheme; write the whole "
                                   "address, starting with https://"),
    ('"javascript:alert(1)"', "current_url: 'javascript:alert(1)' is not a web address; only https:// and http:// "
                              "addresses are allowed"),
    ('"file:///srv/handbook/"', "current_url: 'file:///srv/handbook/' is not a web address; only https:// and "
                                "http:// addresses are allowed"),
])
def test_a_current_url_that_is_not_a_web_address(project, value, message):
    line = set_current_url(project, value)
    assert edition_problems(project) == [f"mkdocs.yml:{line}: item 'extra.edition': {message}"]
    # The offline profile inherits mkdocs.yml: the problem is still found where it is written.
    assert edition_problems(project, "mkdocs-offline.yml") == [f"mkdocs.yml:{line}: item 'extra.edition': {message}"]


@pytest.mark.parametrize("value, kept", [("true", True), ("false", False)])
def test_keeping_the_handbook_on_devices_is_a_setting_the_offline_copy_never_has(project, value, kept):
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("keep: true", f"keep: {value}"), encoding="utf-8")
    assert edition_of(project).keep is kept
    assert edition_of(project, "mkdocs-offline.yml").keep is False


def test_a_keep_setting_that_is_not_yes_or_no(project):
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("keep: true", "keep: sometimes"), encoding="utf-8")
    line = 1 + text.splitlines().index("    keep: true")
    [found] = edition_problems(project)
    assert found.startswith(f"mkdocs.yml:{line}: item 'extra.edition': field 'keep': "), found
    assert "boolean" in found


def test_a_missing_or_misspelt_edition_setting(project):
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("current_url:", "curent_url:"), encoding="utf-8")
    found = edition_problems(project)
    assert any(re.fullmatch(r"mkdocs\.yml:\d+: item 'extra\.edition': unknown field 'curent_url'", p) for p in found)
    assert any(re.fullmatch(r"mkdocs\.yml:\d+: item 'extra\.edition': missing required field 'current_url'", p)
               for p in found)
