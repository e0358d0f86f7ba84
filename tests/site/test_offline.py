"""The offline copy (make offline) as built: once per session (conftest `offline_package`),
unpacked from its zip (`offline_copy`): the zip is named by its version, the copy holds its pages
as files, its search and its guides, no page names another host for an asset, every page shows
its edition, and the online build is not the offline one. The copy opened in chromium is
browsers/test_offline_browser.py's."""
from __future__ import annotations

from pathlib import Path

import pytest

from macros.model.edition import Edition
from macros.products.package import config
from macros.render.guides import GUIDES
from project import ROOT
from sitemap import content_pages, pages, parse

EDITION = Edition.of(config(ROOT / "mkdocs-offline.yml")["extra"])


@pytest.fixture(scope="module")
def copy(offline_copy) -> Path:
    """The zip, unpacked as a reader would unpack it."""
    return offline_copy


def test_make_offline_writes_the_zip_named_by_its_version_and_the_unpacked_folder(offline_package, copy):
    archive, folder = offline_package
    assert archive.name == f"handbook-offline-{EDITION.version}.zip"
    assert (folder / "index.html").exists()  # and the unpacked folder beside it
    assert copy.name == f"handbook-offline-{EDITION.version}"  # the zip holds one folder of that name


# --- the copy on disk ---------------------------------------------------------------------

def test_the_copy_holds_pages_as_files_its_search_and_the_guides(copy):
    assert (copy / "escalation" / "index.html").exists()
    assert (copy / "guides" / "escalation.html").exists()  # no directory URLs
    # search's records name pages as files too, and its library is in the copy
    assert '"url": "escalation/index.html#esc-3.1"' in (copy / "search" / "records.js").read_text(encoding="utf-8")
    assert (copy / "assets" / "javascripts" / "search" / "minisearch.js").exists()
    for guide in GUIDES:
        assert (copy / guide.pdf).read_bytes().startswith(b"%PDF"), guide.pdf


def test_no_page_names_another_host_for_an_asset(copy):
    for page in pages(copy):
        for asset in parse(page).assets:
            assert "//" not in asset.split("#")[0], f"{page.relative_to(copy)} loads {asset}"


def test_every_page_says_its_version_and_date_and_no_placeholder_address(copy):
    for page in content_pages(copy):
        html = page.read_text(encoding="utf-8")
        assert 'class="hb-edition"' in html, page
        assert f"version {EDITION.version}, built" in html and EDITION.built in html, page
        # As shipped the address is a placeholder, never printed (test_settings_battery_site.py).
        assert "Check the current version" not in html and "example.org" not in html, page


def test_the_online_build_is_not_the_offline_one(site):
    """The offline profile changes nothing online: directory URLs (in search's records too) and
    no offline notice."""
    html = (site / "index.html").read_text(encoding="utf-8")
    assert (site / "escalation" / "index.html").exists() and not (site / "escalation.html").exists()
    assert 'class="hb-edition"' not in html
    assert '"url": "escalation/#esc-3.1"' in (site / "search" / "records.js").read_text(encoding="utf-8")
