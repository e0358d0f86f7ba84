"""What the settings tests share.

- A build of the project adapted to a partnership: its names, its unit's contacts and its online
  address (site/test_settings.py reads it; browsers/test_settings_browser.py shows it in
  chromium). A module that uses it lists `build_adapted` in its BUILDS, so that it starts with
  the session's other builds, and takes the `adapted` fixture.
- A copy of the project to break settings in, and its edition's address set
  (model/test_settings_battery.py, site/test_settings_battery_site.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from project import copy_project, mkdocs_build

PROCEDURES = "https://procedures.northshire.example/"
NEW = {  # setting (as shipped) -> what the test partnership calls it
    'name: "LSCP"': 'name: "Northshire Safeguarding Children Partnership"',
    'title: "Local Authority Children’s Services Safeguarding Unit"': 'title: "Northshire Safeguarding Hub"',
    'title: "Head of the Safeguarding Unit"': 'title: "Head of Safeguarding and Quality Assurance"',
    'title: "designated person"': 'title: "designated safeguarding lead"',
    'title: "Safeguarding Lead"': 'title: "Named Safeguarding Adviser"',
    'title: "Children’s Social Care Services"': 'title: "Northshire Children’s Services"',
    'procedures_url: null': f'procedures_url: "{PROCEDURES}"',
}
HUB_EMAIL, HUB_WEB = "hub@northshire.gov.uk", "https://www.northshire.gov.uk/safeguarding-hub"
ONLINE = "https://safeguarding.northshire.gov.uk/handbook/"


def build_adapted(tmp):
    """A build of a copy of the project with a changed data/settings.yml (started with the
    session's other builds: conftest, BUILDS)."""
    project = copy_project(tmp / "project")
    path = project / "data" / "settings.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in NEW.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    text = re.sub(r"(- id: safeguarding-unit\n(?:.*\n)*?    contact: \{)phone: null, email: null, address: null, web: null",
                  rf'\1phone: "01234 567890", email: "{HUB_EMAIL}", address: null, web: "{HUB_WEB}"', text, count=1)
    path.write_text(text, encoding="utf-8")
    mkdocs = project / "mkdocs.yml"  # the partnership's own online handbook, in place of the placeholder
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("https://handbook.example.org/", ONLINE), encoding="utf-8")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


@pytest.fixture(scope="module")
def adapted(builds):
    return builds.get("adapted")


# --- copies of the project for the settings battery ------------------------------------------

@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def set_current_url(project: Path, value: str) -> int:
    path = project / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.strip().startswith("current_url:"))
    lines[number] = f"    current_url: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number + 1
