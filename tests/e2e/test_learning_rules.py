"""Real browser: the Learning rules page in both languages — each view's Start runs to its result, no exception."""
import pytest

from tests.e2e.conftest import screenshot, wait_count, wait_ready
from ui.i18n import TABLES

pytestmark = pytest.mark.e2e


def wait_text(page, selector, pattern):
    page.wait_for_function(
        "([sel, pat]) => [...document.querySelectorAll(sel)].some(e => e.innerText.includes(pat))",
        arg=[selector, pattern], timeout=120_000)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("view", ["stdp", "fa"])
def test_start_runs_to_the_verdict(server, new_page, lang, view):
    tr = TABLES[lang]
    page = new_page()
    query = {"stdp": "", "fa": f"rules_view={tr['rules.view_fa']}"}[view]
    page.goto(f"{server}/learning_rules?{query}&lang={lang}")
    wait_ready(page)
    assert tr["rules.title"] in page.inner_text("h1")
    page.get_by_role("button", name=tr["live.start"], exact=True).first.click()
    wait_text(page, "[data-testid=stProgress]", tr["live.status_finished"])
    wait_ready(page)
    page.wait_for_selector("[data-testid=stAlert]")   # the verdict under the charts
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("[data-testid=stMain] img").count() >= (3 if view == "stdp" else 1)   # the SVG panels
    screenshot(page, f"learning_rules-{view}-{lang}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hebb_view_shows_its_figures(server, new_page, lang):
    tr = TABLES[lang]
    page = new_page()
    page.goto(f"{server}/learning_rules?rules_view={tr['rules.view_hebb']}&lang={lang}")
    wait_ready(page)
    assert wait_count(page, "[data-testid=stPlotlyChart]", 2) == 2   # the second mounts a moment later
    assert page.locator("[data-testid=stException]").count() == 0
