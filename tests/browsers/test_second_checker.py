"""A second WCAG 2 AA checker over every page of the built site: HTML_CodeSniffer (Squiz's
HTMLCS), at desktop and phone widths, in Debian's chromium.

axe-core (test_accessibility.py) and HTMLCS test different things: HTMLCS also asks that
every form can be submitted by a button (3.2.2, H32), that every form field has a name even
where axe treats it as hidden (1.3.1 F68 and 4.1.2), and that a table with more than one level
of headers ties each cell to its headers with `headers` (1.3.1, H43). Only its errors (type 1)
fail the test; its warnings and notices ask a person to judge and are not collected.

HTMLCS is the npm package pinned in package-lock.json (installed with `npm ci` when missing),
evaluated into each page by Playwright (as axe is), which the pages' Content Security Policy does
not stop, on the session's tour (conftest `tour`: one load of each page per width, shared with
axe, the keyboard check and the privacy check, whose requests and violations are taken before
any checker is added).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quality_support import WIDTHS, could_not_run

TOUR_CHECKS = {"htmlcs": list(WIDTHS)}
STANDARD = "WCAG2AA"
ERROR = 1  # HTMLCS.ERROR; 2 is a warning and 3 a notice, which need a person's judgement

# What HTMLCS reports that is not a failure. One case, argued here; keep it to that.
#
# H43.IncorrectAttr on a cell under a full-width group header row. In a table whose body is
# divided by header rows spanning every column (the pledge form's "1) …", "2) …" areas),
# HTMLCS 2.5.1 expects every cell's `headers` to name ALL of those rows' headers, the areas above
# it and below it alike (HTML_CodeSniffer issue #285, "false positive for 'wider' nested th").
# WCAG 1.3.1 (technique H43) asks that a cell be associated with the headers that apply to it: a
# cell under area 2 is not about area 1 or area 3, and a screen reader would read all three out
# on every cell. So a cell may leave out of HTMLCS's expected list the full-width group headers
# that are not its own, and nothing else: every id it names must be one HTMLCS expects, every id
# it leaves out must be the full-width header of a body row, and the only full-width header it
# may name is the nearest one above it.
OTHER_GROUPS_LEFT_OUT = r"""m => {
  if (!m.code.endsWith(".H43.IncorrectAttr")) return false;
  const expected = (m.msg.match(/Expected "([^"]*)"/) || [null, ""])[1].split(/\s+/).filter(Boolean);
  const actual = (m.element.getAttribute("headers") || "").split(/\s+/).filter(Boolean);
  const table = m.element.closest("table");
  const columns = Math.max(...[...table.rows].map(r => [...r.cells].reduce((n, c) => n + c.colSpan, 0)));
  const groupHeader = th => !!th && th.tagName === "TH" && th.colSpan === columns && !!th.closest("tbody")
    && th.closest("table") === table;
  const fullWidth = id => groupHeader(document.getElementById(id));
  if (actual.some(id => !expected.includes(id))) return false;
  const missing = expected.filter(id => !actual.includes(id));
  if (!missing.length || !missing.every(fullWidth)) return false;
  const named = actual.filter(fullWidth);
  if (named.length === 0) return true;
  if (named.length > 1) return false;
  let row = m.element.closest("tr").previousElementSibling;  // the nearest full-width header above
  while (row && !(row.cells.length === 1 && groupHeader(row.cells[0]))) row = row.previousElementSibling;
  return !!row && row.cells[0].id === named[0];
}"""

# The element HTMLCS points at, as a short stable name: tag, then its id, else its classes, its
# type and name; inside the nearest ancestor with an id.
DESCRIBE = r"""el => {
  if (!el || el.nodeType !== 1) return "(the document)";
  const own = e => {
    let s = e.tagName.toLowerCase();
    if (e.id) return s + "#" + e.id;
    for (const c of [...e.classList].slice(0, 2)) s += "." + c;
    for (const a of ["type", "name"]) if (e.hasAttribute(a)) s += `[${a}=${e.getAttribute(a)}]`;
    return s;
  };
  const holder = el.id ? null : el.parentElement && el.parentElement.closest("[id]");
  return (holder ? "#" + holder.id + " " : "") + own(el);
}"""

# HTMLCS's errors, each with whether OTHER_GROUPS_LEFT_OUT lets it through.
RUN = r"""([standard, type]) => new Promise((resolve, reject) => {
  const describe = """ + DESCRIBE + """, allowed = """ + OTHER_GROUPS_LEFT_OUT + r""";
  HTMLCS.process(standard, document, () => {
    resolve(HTMLCS.getMessages().filter(m => m.type === type).map(m => ({
      code: m.code.replace(/^WCAG2AA\.Principle\d\.Guideline[\d_]+\./, ""),
      message: m.msg,
      element: describe(m.element),
      html: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 160).replace(/\s+/g, " ") : "",
      allowed: !!(m.element && m.element.nodeType === 1 && allowed(m)),
    })));
  }, () => reject(new Error("HTML_CodeSniffer could not run")), "en");
})"""


def htmlcs_errors(tab, script: str) -> list[dict]:
    """HTMLCS's WCAG2AA errors on the page as it is now (script: HTMLCS's source)."""
    if not tab.evaluate("typeof window.HTMLCS !== 'undefined'"):
        tab.evaluate(script)
    return tab.evaluate(RUN, [STANDARD, ERROR])


@pytest.mark.parametrize("width", list(WIDTHS))
def test_html_codesniffer_finds_no_wcag2aa_error_on_any_page(tour, width):
    found = set()
    messages: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for path, errors in tour(width).found("htmlcs").items():
        if could_not_run(errors):
            found |= set(could_not_run(errors))
            continue
        for error in errors:
            if error["allowed"]:
                continue
            counts[error["code"]] += 1
            messages.setdefault(error["code"], error["message"])
            found.add(f"{path or 'index'}: {error['code']}: {error['element']}\n    {error['html']}")
    assert tour(width).pages, "no page was checked"
    problems = sorted(found)
    if problems:
        problems.append("what the codes say:\n" + "\n".join(f"  {code}: {messages[code]}" for code in sorted(messages)))
    summary = ", ".join(f"{code} x{n}" for code, n in counts.most_common())
    assert not problems, f"HTML_CodeSniffer {STANDARD} errors at {width} width ({summary}):\n" + "\n".join(problems)
