"""The pinned font (macros/products/fonts.py and fonts.conf): the route diagrams (Graphviz) and the
quick guides' PDFs (WeasyPrint) are laid out with DejaVu Sans from the npm package pinned in
package-lock.json, whatever fonts the machine and its user have.

"Another machine" here is this one with a user's fontconfig configuration (XDG_CONFIG_HOME) that
gives DejaVu Serif (from the same package; fonts.conf leaves it out) for every family. Each test
shows first that this configuration does change what a program left to the machine's fonts lays
out, then that the handbook's diagrams and PDFs come out the same bytes with it as without it."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from macros.model.routes import Graph
from macros.products import fonts, pdf
from macros.render import diagram
from macros.render.flowchart import Layout
from macros.render.links import title_of
from project import ROOT

OTHER = "DejaVu Serif"


@pytest.fixture
def other_machine(tmp_path, monkeypatch):
    """This process's environment as another machine's: every family is DejaVu Serif."""
    config = tmp_path / "config" / "fontconfig"
    config.mkdir(parents=True)
    (config / "fonts.conf").write_text(f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts.folder()}</dir>
  <match target="pattern">
    <edit name="family" mode="assign_replace" binding="strong"><string>{OTHER}</string></edit>
  </match>
</fontconfig>
""", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)


def test_the_font_is_the_npm_package_pinned_in_package_lock():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"][f"node_modules/{fonts.PACKAGE}"]
    assert pinned["integrity"].startswith("sha512-")
    assert fonts.folder() == ROOT / "node_modules" / fonts.PACKAGE / "ttf"
    assert f"{fonts.PACKAGE} {pinned['version']} " in fonts.identity()
    # fonts.conf names that folder alone, and no folder or configuration of the machine's.
    conf = fonts.CONFIG.read_text(encoding="utf-8")
    assert re.findall(r"<dir[^>]*>([^<]*)</dir>", conf) == [f"../../node_modules/{fonts.PACKAGE}/ttf"]
    assert "<include" not in conf and "/usr/share/fonts" not in conf


def route_source(book, route_id: str) -> str:
    route = book.routes.route(route_id)
    return diagram.route_graph(route, role_title=lambda r: book.settings.role(r).title,
                               step_number=Layout.of(Graph.of(route)).number,
                               then_title=lambda r: title_of(book.routes.route(r))).source


@pytest.mark.skipif(shutil.which("dot") is None and os.environ.get("CI") != "true",
                    reason="Graphviz's dot is not installed (apt-get install graphviz)")
def test_a_diagram_is_laid_out_the_same_whatever_the_machines_fonts(book, request):
    source = route_source(book, "route-3.2")
    here = diagram._dot(source)
    assert 'font-family="DejaVu Sans"' in here
    request.getfixturevalue("other_machine")
    left_to_the_machine = subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, text=True,
                                         check=True).stdout
    assert boxes(left_to_the_machine) != boxes(here)  # DejaVu Serif is wider: so are the boxes
    assert diagram._dot(source) == here


def boxes(svg: str) -> list[str]:
    return re.findall(r'<polygon [^>]*points="([^"]*)"', svg)


def test_a_layout_or_pdf_made_with_another_font_is_not_taken_from_the_cache(book, tmp_path, monkeypatch):
    g = diagram.route_graph(book.routes.route("route-3.3"), role_title=lambda r: r, step_number=lambda n: 1,
                            then_title=lambda r: r)
    monkeypatch.setattr(diagram, "LAYOUTS", tmp_path)
    monkeypatch.setattr(diagram, "_dot", lambda source: "<svg/>")
    diagram.layout(g)
    pdf_key = pdf._key("doc", "css", None)
    monkeypatch.setattr(fonts, "identity", lambda: "another font")
    diagram.layout(g)
    assert len(list(tmp_path.glob("*.svg"))) == 2  # laid out afresh, beside the first
    assert pdf._key("doc", "css", None) != pdf_key


DOCUMENT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Route card</title></head>
<body class="hb-pdf"><div class="hb-guide"><h1>Route card</h1>
<p>Discuss with the practitioner/agency; <strong>record</strong> the <em>outcome</em>.</p>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" font-family="DejaVu Sans,Helvetica,Arial,sans-serif">
<text x="100" y="20" text-anchor="middle">Is the child at risk?</text></svg></div></body></html>"""


def font_names(path) -> set[str]:
    return {str(f.get_object()["/BaseFont"]).split("+")[-1] for page in PdfReader(path).pages
            for f in page["/Resources"]["/Font"].values()}


def test_a_pdf_is_the_same_bytes_whatever_the_machines_fonts(tmp_path, request):
    stylesheet = ROOT / "docs" / pdf.STYLESHEET
    pdf.make_pdf(DOCUMENT, None, stylesheet, tmp_path / "here.pdf")
    assert font_names(tmp_path / "here.pdf") == {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Sans-Oblique"}
    request.getfixturevalue("other_machine")
    subprocess.run([sys.executable, "-c", "import sys; from weasyprint import CSS, HTML; "
                    "HTML(string=sys.argv[1]).write_pdf(sys.argv[3], stylesheets=[CSS(filename=sys.argv[2])])",
                    DOCUMENT, str(stylesheet), str(tmp_path / "machine.pdf")], check=True, capture_output=True)
    assert {"-".join(name.split("-")[:2]) for name in font_names(tmp_path / "machine.pdf")} == {"DejaVu-Serif"}
    pdf.make_pdf(DOCUMENT, None, stylesheet, tmp_path / "there.pdf")
    assert (tmp_path / "there.pdf").read_bytes() == (tmp_path / "here.pdf").read_bytes()
    # WeasyPrint ran in a process of its own: this one's environment is as it was, so a browser
    # a test starts later sees the machine's fonts.
    assert "FONTCONFIG_FILE" not in os.environ
