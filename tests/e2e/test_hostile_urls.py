"""Real browser: every page opened with hostile query strings.

Each page's own URL-bound widget keys (found in its source: ``key="..."`` on a call with
``bind="query-params"`` or ``**Q``) and the sidebar's get huge numbers, NaN, inf, HTML/script text,
very long values, repeated keys; unknown keys come along. A fresh browser session opens each URL
(first-visit parsing of the query is what is under test). Asserted: no exception element, the page
still renders, ``window.__pwned`` stays undefined, and no element carrying the marker was injected
(no <script> with it, no on* attribute with it).
"""
from __future__ import annotations

import ast
from urllib.parse import urlencode

import pytest

from tests.e2e.conftest import ROOT, screenshot, wait_ready
from ui.nav import existing_pages

pytestmark = pytest.mark.e2e

MARK = "__pwned"
SCRIPT = f"<script>window.{MARK}=1</script>"
IMG = f'<img src=x onerror="window.{MARK}=1">'
SVG = f"<svg onload=window.{MARK}=1>"
HOSTILE = ["1e308", "-1e308", "99999999999", "NaN", "inf", "-inf", SCRIPT, IMG, SVG, "-0", "",
           f'"><script>window.{MARK}=1</script>', "%00", "[1,2", "1;2;3"]
LONG = "9" * 3000


def bound_keys(path):
    """String keys of calls that bind to the URL (``bind="query-params"`` or a ``**`` dict of it)."""
    tree = ast.parse(path.read_text())
    keys = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        kw = {k.arg: k.value for k in node.keywords}
        key = kw.get("key")
        bound = (isinstance(kw.get("bind"), ast.Constant) and kw["bind"].value == "query-params") or None in kw
        if isinstance(key, ast.JoinedStr):            # f"mlp_units_{i}" → "mlp_units_0"
            key = ast.Constant("".join(str(v.value) if isinstance(v, ast.Constant) else "0" for v in key.values))
        if bound and isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value not in keys:
            keys.append(key.value)
    return keys


SIDEBAR = bound_keys(ROOT / "ui" / "lecture.py")


def urls_for(keys):
    """Two query strings. Both give every real key a hostile value (rotated, so each key sees two
    different ones); the first adds unknown keys and very long values, the second repeated keys."""
    def rotated(shift):
        return [(k, HOSTILE[(i + shift) % len(HOSTILE)]) for i, k in enumerate(keys)]

    unknown = [("no_such_key", SCRIPT), (SCRIPT, "1"), ("__proto__", "x"), ("x" * 500, LONG),
               ("embed_options", IMG), ("page", "../../etc/passwd")] + ([(keys[-1], LONG)] if keys else [])
    repeated = [(k, v) for k in keys[:3] for v in (SCRIPT, "1e308", IMG)]
    return [urlencode(rotated(0) + unknown), urlencode(rotated(len(HOSTILE) // 2) + repeated)]


CASES = []
for row in existing_pages():
    keys = bound_keys(ROOT / "pages" / row[1]) + SIDEBAR
    for i, query in enumerate(urls_for(keys)):
        CASES.append((row, query, f"{row[4]}-{i}"))


INJECTED_JS = """(mark) => {
  const hits = [];
  for (const s of document.querySelectorAll('script')) {
    if ((s.textContent || '').includes(mark)) hits.push('script:' + s.textContent.slice(0, 60));
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on') && a.value.includes(mark)) hits.push(el.tagName + '[' + a.name + ']');
    }
  }
  return hits;
}"""


@pytest.mark.parametrize("row,query", [c[:2] for c in CASES], ids=[c[2] for c in CASES])
def test_hostile_query_string_neither_crashes_nor_injects(server, new_page, row, query):
    page = new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = server + ("/" if row[1] == "home.py" else f"/{row[4]}")
    page.goto(f"{base}?{query}")
    wait_ready(page)
    page.wait_for_timeout(300)                                     # let any onerror/onload fire
    exc = page.locator("[data-testid=stException]")
    assert exc.count() == 0, exc.first.inner_text()[:500]
    assert page.locator("h1").count() >= 1, "the page did not render"
    assert page.evaluate(f"() => typeof window.{MARK}") == "undefined"
    assert page.evaluate(INJECTED_JS, MARK) == []
    assert not [e for e in errors if MARK in e]
    if "etc%2Fpasswd" in query:
        screenshot(page, f"hostile-{row[4]}")


def test_every_page_has_url_bound_keys_to_attack():
    """The key finder sees the widgets (so the URLs above really hit them)."""
    pages = {row[1]: bound_keys(ROOT / "pages" / row[1]) for row in existing_pages()}
    assert "presenter" in SIDEBAR
    for file in ("mlp_playground.py", "cnn.py", "rnn.py", "vs_sklearn.py"):
        if file in pages:
            assert len(pages[file]) >= 5, (file, pages[file])
