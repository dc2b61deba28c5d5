"""Real browser: every scene's link opens its page with no exception, and the page keeps the scene's values.

Streamlit removes a bound query parameter that it cannot apply to its widget, so a parameter
still in the URL after the page has run means the widget took the scene's value.
"""
from urllib.parse import parse_qs, urlencode, urlparse

import pytest

from tests.e2e.conftest import screenshot, wait_ready
from ui.nav import PAGES, existing_pages
from ui.scenes import available

pytestmark = pytest.mark.e2e
URLS = {row[1]: row[4] for row in PAGES}
LIVE = available({row[1] for row in existing_pages()})


@pytest.mark.parametrize("scene", LIVE, ids=[s.id for s in LIVE])
def test_scene_link_opens_in_state(server, new_page, scene):
    page = new_page()
    query = scene.query()
    page.goto(f"{server}/{URLS[scene.page]}" + (f"?{urlencode(query)}" if query else ""))
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    kept = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
    for key, value in query.items():
        assert kept.get(key) == value, (key, value, page.url)
    screenshot(page, f"scene-{scene.id}")
