"""The settings battery on real builds: a broken `extra.edition` stops a build with its message
and no traceback; an edition address that is only a placeholder is never printed: the shipped
build, its guides and their PDFs name it nowhere."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from pdf_words import pdf_words
from settings_support import project, set_current_url  # noqa: F401


# --- mkdocs.yml extra.edition -----------------------------------------------------------

def test_a_broken_edition_stops_the_build_with_its_message_and_no_traceback(project, tmp_path):
    line = set_current_url(project, '"our intranet"')
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir",
                             str(tmp_path / "site")], capture_output=True, text=True, cwd=project,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert (f"mkdocs.yml:{line}: item 'extra.edition': current_url: 'our intranet' has no scheme"
            in result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_no_page_or_pdf_of_the_shipped_build_names_a_placeholder_address(site):
    named = [str(p.relative_to(site)) for p in site.rglob("*.html") if "example.org" in p.read_text(encoding="utf-8")]
    assert not named
    pdfs = sorted(site.rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        reader = PdfReader(pdf)
        text = pdf_words(reader)
        links = [a.get_object()["/A"].get("/URI", "") for page in reader.pages for a in page.get("/Annots", [])]
        assert "example.org" not in text and not [u for u in links if "example.org" in u], pdf
        assert "Check the current version" not in text, pdf
        assert "version 1.0, built" in text, pdf
