"""The offline copy's banner as rendered: it says the edition, and where the current one is once
that address is set."""
from __future__ import annotations

import re

import jinja2

from project import ROOT


# --- the banner, both ways, and a shipped build that names no placeholder ------------------

def banner(current_url: str | None) -> str:
    import datetime as dt
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    extra = {"edition": {"version": "2.1", "current_url": current_url, "offline": True}}
    html = env.get_template("partials/handbook-edition.html").render(
        config={"extra": extra}, build_date_utc=dt.datetime(2026, 12, 1))
    return re.sub(r"\s+", " ", html).strip()


def test_the_offline_banner_says_the_edition_and_where_the_current_one_is_once_it_is_set():
    assert "Offline copy of the handbook, version 2.1, built 2026-12-01. Check the current version at " \
           '<a class="hb-url" href="https://safeguarding.northshire.gov.uk/">' in banner("https://safeguarding.northshire.gov.uk/")
    assert banner(None) == '<p class="hb-edition"> Offline copy of the handbook, version 2.1, built 2026-12-01. </p>'
