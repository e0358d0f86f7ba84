"""Privacy, read from the built pages: every page carries one Content Security Policy, in its
<head>, that allows no other host, with the hash of every inline script it runs and nothing it
would block (inline handlers or styles, `javascript:` addresses). Pages are discovered from the
build output, so pages added later are checked too."""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

from quality_support import csp_metas, directives
from sitemap import pages

# What a policy may name: the site itself, nothing, a hash of an inline script, and data: for
# images and fonts (Material's icons are data: SVGs in its stylesheet). No host, no scheme.
ALLOWED = {"'self'", "'none'"}
DATA_OK = {"img-src", "font-src"}
REQUIRED = {"default-src": None, "script-src": None, "style-src": None, "img-src": None,
            "connect-src": None, "object-src": ["'none'"], "base-uri": None, "form-action": None}


# --- the policy, read from the built pages ----------------------------------------------

class _Scripts(HTMLParser):
    """The inline scripts, event-handler attributes and inline styles that follow the policy."""

    def __init__(self):
        super().__init__()
        self.after_policy = False
        self.inline: list[str] = []
        self.breaks: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.after_policy = True
        if not self.after_policy:
            return
        if tag == "script" and "src" not in attrs and attrs.get("type") in (None, "text/javascript", "module"):
            self._script = []
        handlers = [k for k in attrs if k.startswith("on")]
        if handlers:
            self.breaks.append(f"<{tag} {handlers[0]}=...> (inline event handler)")
        if "style" in attrs:
            self.breaks.append(f"<{tag} style=\"{attrs['style'][:40]}\"> (inline style attribute)")
        if tag == "style":
            self.breaks.append("<style> element")
        if any((attrs.get(k) or "").strip().lower().startswith("javascript:") for k in ("href", "src", "action")):
            self.breaks.append(f"<{tag}> with a javascript: address")

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def test_every_page_carries_a_policy_that_allows_no_other_host(site):
    problems = []
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        metas = csp_metas(html)
        if len(metas) != 1 or html.index(metas[0]) > html.index("</head>"):
            problems.append(f"{rel}: {len(metas)} Content-Security-Policy <meta> in <head>, expected 1")
            continue
        policy = directives(metas[0])
        for name, needed in REQUIRED.items():
            if name not in policy or needed is not None and policy[name] != needed:
                problems.append(f"{rel}: {name} missing or not {needed}: {policy.get(name)}")
        for name, sources in policy.items():
            for source in sources:
                if source in ALLOWED or source.startswith("'sha256-") or source == "data:" and name in DATA_OK:
                    continue
                problems.append(f"{rel}: {name} allows {source}")
        parsed = _Scripts()
        parsed.feed(html)
        problems += [f"{rel}: inline script without its hash in script-src: {s.strip()[:80]}"
                     for s in parsed.inline if sha256(s) not in policy.get("script-src", [])]
        problems += [f"{rel}: blocked by the policy: {b}" for b in parsed.breaks]
    assert not problems, "\n".join(problems[:30])
