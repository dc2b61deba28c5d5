"""Real browser: every registered page opens with no exception element."""
import pytest

from tests.e2e.conftest import screenshot, wait_ready
from ui.nav import existing_pages

pytestmark = pytest.mark.e2e
PAGES = existing_pages()


@pytest.mark.parametrize("row", PAGES, ids=[r[1] for r in PAGES])
def test_page_opens_without_exception(server, new_page, row):
    page = new_page()
    url = server + ("/" if row[1] == "home.py" else f"/{row[4]}")
    page.goto(url)
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("h1").count() >= 1
    screenshot(page, row[4])


def test_home_runs_the_article_example_in_the_browser(server, new_page):
    page = new_page()
    page.goto(server + "/")
    wait_ready(page)
    page.get_by_role("button", name="Run the article's example").click()
    page.wait_for_selector("[data-testid=stMetric]", timeout=60_000)
    wait_ready(page)
    assert page.locator("[data-testid=stMetric]").count() == 4
    assert page.locator("[data-testid=stException]").count() == 0
    screenshot(page, "home-article-example")
