"""Real browser: every page opened with hostile query strings.

The corpus (``tests/fuzz/hostile_urls.py``, shared with the AppTest suite
``tests/fuzz/test_hostile_query.py``): each page's own URL-bound widget keys and the sidebar's get
huge numbers, NaN, inf, HTML/script text, very long values, repeated keys; unknown keys come along.
A fresh browser session opens each URL
(first-visit parsing of the query is what is under test). Asserted: no exception element, the page
still renders, ``window.__pwned`` stays undefined, and no element carrying the marker was injected
(no <script> with it, no on* attribute with it).
"""
from __future__ import annotations

import pytest

from tests.e2e.conftest import ROOT, screenshot, wait_ready
from tests.fuzz.hostile_urls import MARK, SIDEBAR, bound_keys, urls_for
from ui.nav import existing_pages

pytestmark = pytest.mark.e2e


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
