"""Real-browser fixtures: a `streamlit run` server on a free localhost port and Debian's headless chromium."""
from __future__ import annotations

import os

import pytest

from benchmarks.serve import CHROMIUM_FLAGS, READY, ROOT, chromium_path, start_streamlit, stop

ARTIFACTS = ROOT / "artifacts" / "screenshots"


def need_browser():
    """Skip with a reason on a machine without chromium or playwright; in CI their absence is a failure."""
    missing = []
    if chromium_path() is None:
        missing.append("Debian's chromium (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install -r requirements-dev.txt)")
    if missing:
        msg = "real-browser tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def server():
    """Start `streamlit run streamlit_app.py` on a free port; yield its base URL; stop it."""
    need_browser()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    proc, url = start_streamlit(log_path=ROOT / "artifacts" / "streamlit-e2e.log")
    yield url
    stop(proc)


@pytest.fixture(scope="session")
def playwright_driver():
    need_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Chromium for tests that make contexts of their own (a phone, a replica's cookie, an empty browser)."""
    b = playwright_driver.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS)
    yield b
    b.close()


@pytest.fixture(scope="session")
def shared_context(playwright_driver, tmp_path_factory):
    """One browser profile for a worker's ordinary pages, as a student's browser keeps the app's static files
    (2.3 MB of hashed, immutable JavaScript and fonts, then the chunks a page loads) and the compiled code
    for them. With a fresh incognito context per page the server sent the files again for every page of
    every test (server CPU per page load 0.37-0.63 s, against 0.10-0.12 s with one context), and only an
    on-disk profile keeps V8's code cache: script time per page load 0.5-1.7 s against 0.75-2.2 s.
    Every page is still a tab of its own with a Streamlit session of its own; a test about a first visit
    with an empty browser, a phone, or a replica's cookie makes its own context from ``browser``."""
    context = playwright_driver.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")), executable_path=chromium_path(), headless=True,
        args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(90_000)  # a loaded 2-core machine can be slow; never a hang
    yield context
    context.close()


@pytest.fixture
def new_page(shared_context):
    pages = []

    def make():
        page = shared_context.new_page()
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


def wait_ready(page, timeout=60_000):
    """Wait until Streamlit has finished running the script (and any rerun it triggered)."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)


def wait_count(page, selector, n, timeout=60_000):
    """Wait until at least n elements match: the frontend mounts some (Plotly charts) a moment after the
    script has finished, so a count read straight after the first one appears can be short."""
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length >= n",
                           arg=[selector, n], timeout=timeout)
    return page.locator(selector).count()


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
