"""Real browser: every registered page opens with no exception element."""
import pytest

from tests.e2e.conftest import screenshot, wait_count, wait_ready
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
    assert "Page not found" not in page.inner_text("body")
    screenshot(page, row[4])


def test_home_runs_the_article_example_in_the_browser(server, new_page):
    page = new_page()
    page.goto(server + "/")
    wait_ready(page)
    page.get_by_role("button", name="Run the article's example").click()
    wait_count(page, "[data-testid=stMetric]", 4)
    wait_ready(page)
    assert page.locator("[data-testid=stMetric]").count() == 4
    assert page.locator("[data-testid=stException]").count() == 0
    screenshot(page, "home-article-example")


def test_first_visit_deep_link_shows_no_page_not_found(browser):
    """The first student after a (re)start may arrive by a link to any page: the page runs inside the
    app shell (sections, language, theme) and no spurious "Page not found" dialog appears."""
    from benchmarks.serve import start_streamlit, stop
    rows = [r for r in PAGES if r[1] != "home.py"]
    if not rows:
        pytest.skip("only Home exists")
    proc, url = start_streamlit()
    try:
        context = browser.new_context()
        context.set_default_timeout(90_000)
        page = context.new_page()
        page.goto(f"{url}/{rows[-1][4]}")
        wait_ready(page)
        # On a cold server the deep link first runs the page alone, which warms the imports and then
        # reruns into the shell; the browser can look idle for a moment in between (seen once in CI
        # under load). So wait for the shell's own sidebar control, then for the run to settle.
        try:
            page.wait_for_selector("[data-testid=stSidebar] >> text=Presenter view", timeout=90_000)
        except Exception:
            pytest.fail("the page ran without the app shell")
        wait_ready(page)
        page.wait_for_timeout(1000)
        assert "Page not found" not in page.inner_text("body")
        assert page.locator("[data-testid=stException]").count() == 0
        sidebar = page.inner_text("[data-testid=stSidebar]")
        assert "Networks" in sidebar and "Presenter view" in sidebar, "the page ran without the app shell"
        context.close()
    finally:
        stop(proc)
