"""Real browser: one real interaction on every page (train, step, switch a control), then no exception.

Each page gets the action a student would try first; the test waits for its visible result.
"""
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import screenshot, wait_ready
from ui.nav import existing_pages

pytestmark = pytest.mark.e2e
URLS = {row[1]: row[4] for row in existing_pages()}


def click(page, name):
    page.get_by_role("button", name=name, exact=True).first.click()


def wait_text(page, selector, pattern):
    page.wait_for_function(
        "([sel, pat]) => [...document.querySelectorAll(sel)].some(e => new RegExp(pat).test(e.innerText))",
        arg=[selector, pattern], timeout=120_000)


def wait_query(page, pattern):
    """Streamlit updates the URL with history.replaceState, not a navigation: poll location.search."""
    page.wait_for_function("pat => new RegExp(pat).test(window.location.search)", arg=pattern, timeout=120_000)


def choose(page, option):
    """Open the page's first select box and pick ``option`` as a student would. A rerun that lands just
    after the click (a loaded machine) can close the list again, so open it until the option shows."""
    box = page.locator("[data-testid=stMain] [data-testid=stSelectbox]").first
    item = page.get_by_role("option", name=option, exact=True)
    for _ in range(4):
        box.click()
        try:
            item.wait_for(state="visible", timeout=15_000)
            break
        except PlaywrightTimeout:
            wait_ready(page)
    item.click()


def segment(page, label):
    page.locator("[data-testid=stButtonGroup] button", has_text=label).first.click()


ACTIONS = {
    "home.py": lambda p: (click(p, "Run the article's example"), p.wait_for_selector("[data-testid=stMetric]")),
    "brain_vs_ann.py": lambda p: (choose(p, "tanh"), wait_query(p, "brain_act=tanh")),
    "synchrony.py": lambda p: (click(p, "Run the sweep"), wait_ready(p)),
    "memory.py": lambda p: (segment(p, "Capacity"), wait_query(p, "mem_view=Capacity")),
    "forgetting.py": lambda p: (click(p, "Start"), wait_text(p, "[data-testid=stProgress]", "finished")),
    "learning_rules.py": lambda p: (click(p, "Start"), wait_text(p, "[data-testid=stProgress]", "finished")),
    "backprop.py": lambda p: (click(p, "Next"), wait_ready(p), click(p, "Next"), wait_query(p, "bp_step=3")),
    "mlp_playground.py": lambda p: (click(p, "Start"), wait_text(p, "[data-testid=stProgress]", "finished")),
    "cnn.py": lambda p: (click(p, "Start"), wait_text(p, "[data-testid=stProgress]", "finished")),
    "rnn.py": lambda p: (click(p, "Step"), wait_text(p, "[data-testid=stProgress]", "Epoch 1 /")),
    "challenges.py": lambda p: (segment(p, "What does it look at?"), wait_query(p, "ch_view=What")),
    "vs_sklearn.py": lambda p: (click(p, "Train both"), wait_ready(p), p.wait_for_selector("[data-testid=stMetric]")),
}


@pytest.mark.parametrize("file", sorted(URLS), ids=sorted(URLS))
def test_one_real_interaction(server, new_page, file):
    if file not in ACTIONS:
        pytest.fail(f"{file} has no browser interaction yet: add one to ACTIONS")
    page = new_page()
    page.goto(f"{server}/" + ("" if file == "home.py" else URLS[file]))
    wait_ready(page)
    ACTIONS[file](page)
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    screenshot(page, f"interaction-{URLS[file]}")
