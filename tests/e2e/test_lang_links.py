"""Real browser: a page link clicked under 中文 opens its page in 中文 with one ``lang`` in the address bar.

A lecturer opens the app with ``?lang=zh`` (the short form for slides) or ``?lang=中文`` (the selector's
own value) and clicks the scene links. Two defects were seen here:

- the first visitor of a fresh server (the lecturer, when the app wakes up) landed in English with no
  ``lang`` in the URL: that run bound the language selector under the pages-folder wrapper's script
  hash, and Streamlit drops a parameter bound to "another page" on a page change;
- every later visitor landed with ``lang`` twice (the browser carries the bound ``lang`` of the current
  URL and appends the link's own), so the address bar, and any link copied from it, held two values.

Each test starts its own server where the first visit matters; a copied link (the link's ``href``) must
open the same page in 中文 too, and English links carry no ``lang``.
"""
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from benchmarks.serve import start_streamlit, stop
from tests.e2e.conftest import ARTIFACTS, need_browser, screenshot, wait_ready
from ui.i18n import TABLES
from ui.nav import PAGES, existing_pages
from ui.scenes import SCENES, Opt, available

pytestmark = pytest.mark.e2e
EN, ZH = TABLES["en"], TABLES["zh"]
URLS = {row[1]: row[4] for row in PAGES}
LIVE = available({row[1] for row in existing_pages()})
TITLE_KEY = {"brain_vs_ann.py": "brain.title", "memory.py": "memory.title", "rnn.py": "rnn.title",
             "mlp_playground.py": "mlp.title", "synchrony.py": "sync.title"}
MAIN_LINKS = "[data-testid=stMain] [data-testid=stPageLink-NavLink]"


@pytest.fixture
def fresh_server():
    """A server of its own: its first session is the first visit after the app wakes up."""
    need_browser()
    ARTIFACTS.parent.mkdir(parents=True, exist_ok=True)
    proc, url = start_streamlit(log_path=ARTIFACTS.parent / "streamlit-e2e-lang-links.log")
    yield url
    stop(proc)


def zh_query(scene) -> dict[str, str]:
    """The scene's URL values as a 中文 page writes them (choices by their Chinese label)."""
    plain = scene.query()
    return {k: ZH[v.label_key.format(v.value)] if isinstance(v, Opt) else plain[k] for k, v in scene.params.items()}


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query, keep_blank_values=True)


def settle(page):
    wait_ready(page)
    page.wait_for_timeout(700)   # a URL correction arrives with the run; let the address bar take it
    wait_ready(page)


def assert_in_chinese(page, file: str, scene=None):
    """The page ``file`` shows in 中文, its URL holds exactly one ``lang`` and the scene's values."""
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("h1").first.inner_text() == ZH[TITLE_KEY[file]], unquote(page.url)
    q = query(page.url)
    assert q.get("lang") in (["zh"], ["中文"]), unquote(page.url)
    assert urlparse(page.url).path.rstrip("/").endswith(URLS[file]), unquote(page.url)
    for key, value in (zh_query(scene) if scene else {}).items():
        assert q.get(key) == [value], (key, unquote(page.url))


def click_scene(page, scene):
    i = LIVE.index(scene)
    link = page.locator(MAIN_LINKS).nth(i)
    href = link.get_attribute("href")
    link.click()
    settle(page)
    return href


def scene_on(file):
    return next(s for s in LIVE if s.page == file)


@pytest.mark.parametrize("form", ["zh", "中文"])
def test_scene_links_keep_one_chinese_lang_for_first_and_later_visitors(fresh_server, new_page, form):
    for visitor, file in ((1, "brain_vs_ann.py"), (2, "memory.py")):
        scene = scene_on(file)
        page = new_page()
        page.goto(f"{fresh_server}/?lang={form}")
        settle(page)
        assert page.locator("h1").first.inner_text() == ZH["home.title"]
        href = click_scene(page, scene)
        screenshot(page, f"lang-link-{form == 'zh' and 'code' or 'label'}-visitor{visitor}")
        assert_in_chinese(page, file, scene)
        page.reload()
        settle(page)
        assert_in_chinese(page, file, scene)
        copied = new_page()                         # the link's address, copied onto a slide
        copied.goto(f"{fresh_server}/{href.lstrip('/')}")
        settle(copied)
        assert_in_chinese(copied, file, scene)


def test_english_scene_links_carry_no_lang(server, new_page):
    page = new_page()
    page.goto(server)
    settle(page)
    scene = scene_on("synchrony.py")
    href = click_scene(page, scene)
    assert "lang" not in query(href)
    assert page.locator("h1").first.inner_text() == EN["sync.title"]
    assert "lang" not in query(page.url)
    assert query(page.url).get("sync_c") == [scene.query()["sync_c"]]


@pytest.mark.parametrize("start, file, target", [
    ("memory?lang=zh&mem_view={timescales}", "memory.py", "rnn.py"),
    ("rnn?lang=中文", "rnn.py", "memory.py"),
])
def test_links_between_pages_keep_one_chinese_lang(server, new_page, start, file, target):
    page = new_page()
    page.goto(f"{server}/" + start.format(timescales=ZH["memory.view_timescales"]))
    settle(page)
    assert page.locator("h1").first.inner_text() == ZH[TITLE_KEY[file]]
    if file == "rnn.py":                                # the link sits in the hidden-state tab
        page.get_by_role("tab", name=ZH["rnn.tab_hidden"]).click()
    link = page.locator(MAIN_LINKS).filter(has_text=ZH["memory.ts_rnn_link" if file == "memory.py"
                                                       else "rnn.memory_link"]).first
    href = link.get_attribute("href")
    link.click()
    settle(page)
    assert_in_chinese(page, target)
    copied = new_page()
    copied.goto(f"{server}/{href.lstrip('/')}")
    settle(copied)
    assert_in_chinese(copied, target)


def test_the_challenges_link_to_the_playground_keeps_one_chinese_lang(server, new_page):
    overfit = next(s for s in SCENES if s.id == "overfit")
    page = new_page()
    page.goto(f"{server}/challenges?lang=zh&ch_view={ZH['challenges.view_overfit']}&ch_repeats=1")
    settle(page)
    link = page.locator(MAIN_LINKS).filter(has_text=ZH["challenges.playground_link"]).first
    href = link.get_attribute("href")
    link.click()
    settle(page)
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.locator("h1").first.inner_text() == ZH["mlp.title"]
    q = query(page.url)
    assert q.get("lang") in (["zh"], ["中文"]), unquote(page.url)
    assert q.get("mlp_scene") == [zh_query(overfit)["mlp_scene"]], unquote(page.url)
    copied = new_page()
    copied.goto(f"{server}/{href.lstrip('/')}")
    settle(copied)
    assert copied.locator("h1").first.inner_text() == ZH["mlp.title"]
