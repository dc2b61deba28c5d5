"""Page links keep the language, and a bound key keeps one value (AppTest; the browser twin is
tests/e2e/test_lang_links.py).

A link's address names the language when it is not English (``lang=zh``), so a link copied onto a slide
opens in 中文; a URL that holds a single-value key twice (the browser appends a clicked link's query to
the bound parameters it keeps) is left with the widget's one value; and a fresh server's first run binds
the sidebar's widgets under the main script, as every later run does (ui/url_params.py).
"""
from urllib.parse import parse_qs

import pytest
from streamlit.util import calc_hash

from tests.conftest import ROOT, assert_clean, open_page
from ui.i18n import TABLES
from ui.nav import existing_pages
from ui.scenes import available

ZH = TABLES["zh"]
LIVE = available({row[1] for row in existing_pages()})


def links(at) -> list[tuple[str, dict[str, list[str]]]]:
    """(url path, query) of every page link the last run drew."""
    return [(el.proto.page, parse_qs(el.proto.query_string, keep_blank_values=True)) for el in at.get("page_link")]


def url_values(at, key) -> list[str]:
    value = dict(at.query_params).get(key)
    return [] if value is None else value if isinstance(value, list) else [value]


@pytest.mark.parametrize("form", ["zh", "中文"])
def test_home_scene_links_carry_the_language_once_under_chinese(form):
    at = open_page("home.py", query={"lang": form})
    assert_clean(at)
    got = links(at)
    assert len(got) == len(LIVE)
    for (_, query), scene in zip(got, LIVE):
        assert query.pop("lang") == ["zh"], scene.id
        assert all(len(v) == 1 for v in query.values()), (scene.id, query)


def test_english_links_carry_no_language():
    at = open_page("home.py")
    assert links(at) and all("lang" not in query for _, query in links(at))
    at = open_page("memory.py", query={"mem_view": TABLES["en"]["memory.view_timescales"]})
    assert links(at) and all("lang" not in query for _, query in links(at))


@pytest.mark.parametrize("file, query, target", [
    ("memory.py", {"lang": "zh", "mem_view": ZH["memory.view_timescales"]}, "rnn"),
    ("rnn.py", {"lang": "中文"}, "memory"),
])
def test_links_between_pages_carry_the_language_under_chinese(file, query, target):
    at = open_page(file, query=query)
    assert_clean(at)
    assert links(at) == [(target, {"lang": ["zh"]})]


@pytest.mark.parametrize("repeated, one, lang", [
    (["中文", "zh"], ["中文"], "zh"),       # a 中文 page's address plus a clicked link's lang=zh
    (["zh", "zh"], ["中文"], "zh"),
    (["zh", "en"], [], "en"),              # the last value is taken; English, the default, is not written
])
def test_a_repeated_language_is_left_with_the_selectors_one_value(repeated, one, lang):
    at = open_page("home.py", query={"lang": repeated})
    assert_clean(at)
    assert at.session_state["lang"] == lang
    assert url_values(at, "lang") == one
    assert at.title[0].value == TABLES[lang]["home.title"]


def test_a_repeated_page_value_is_left_with_one_value_too():
    at = open_page("home.py", query={"lang": "zh", "home_seed": ["3", "5"]})
    assert_clean(at)
    assert at.session_state["home_seed"] == 5
    assert url_values(at, "home_seed") == ["5"] and url_values(at, "lang") == ["zh"]


def test_the_first_run_binds_the_sidebar_under_the_main_script():
    """Each AppTest starts as a fresh server does, in Streamlit's pages-folder mode; its first run used to
    bind ``lang`` and ``presenter`` under the wrapper page "streamlit_app", which a page change drops."""
    at = open_page("home.py", query={"lang": "zh", "presenter": "true"})
    assert_clean(at)
    bindings = at.session_state._state._state.query_params     # Streamlit 1.67's registry (pinned)
    main = calc_hash(str(ROOT / "streamlit_app.py"))
    for key in ("lang", "presenter"):
        assert bindings.get_binding_for_param(key).script_hash == main, key
    assert at.session_state["lang"] == "zh" and at.session_state["presenter"] is True
