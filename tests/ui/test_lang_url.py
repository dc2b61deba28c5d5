"""?lang= in a shared link: the language code or the selectbox label opens the page in that language."""
import pytest

from tests.conftest import assert_clean, open_page
from ui.i18n import TABLES


@pytest.mark.parametrize("value, lang", [("zh", "zh"), ("中文", "zh"), ("en", "en"), ("xx", "en")])
def test_lang_query_param_sets_the_language(value, lang):
    at = open_page("home.py", query={"lang": value})
    assert_clean(at)
    assert at.session_state["lang"] == lang
    assert at.title[0].value == TABLES[lang]["home.title"]


# -- links are language-neutral (ui/url_params.in_this_language) --------------------------------------

def _choices(at) -> dict[str, list[str]]:
    """key → formatted options of every URL-bound choice control the last run drew."""
    from tests.fuzz.hostile_urls import _declared

    return {key: [str(o) for o in (m.formatted_options or list(getattr(serde, "formatted_option_to_index", {})))]
            for key, m, serde in _declared(at)
            if key != "lang" and (m.formatted_options or getattr(serde, "formatted_option_to_index", None))}


def test_a_chinese_label_in_a_link_opens_that_option_in_english_and_back():
    at = open_page("mlp_playground.py", query={"mlp_data": TABLES["zh"]["mlp.ds.spiral"]})
    assert at.session_state["mlp_data"] == "spiral" and not at.warning
    at = open_page("mlp_playground.py", query={"lang": "zh", "mlp_data": TABLES["en"]["mlp.ds.spiral"]})
    assert at.session_state["mlp_data"] == "spiral" and not at.warning


@pytest.mark.slow
@pytest.mark.parametrize("page", ["mlp_playground.py", "learning_rules.py", "forgetting.py", "memory.py"])
@pytest.mark.parametrize("made_in, opened_in", [("zh", "en"), ("en", "zh")])
def test_a_link_made_in_one_language_opens_the_same_choices_in_the_other(page, made_in, opened_in):
    """Each choice control of the page, set by a link that spells a non-default option in the language the
    link was made in, takes the same option when the link is opened in the other language, with no note."""
    made = open_page(page, query={"lang": made_in})
    others = _choices(open_page(page, query={"lang": opened_in}))
    tried = 0
    for key, options in _choices(made).items():
        if key not in others or options == others[key]:
            continue                        # not drawn in both, or spelt the same in both languages
        label = options[-1] if made.session_state[key] != options[-1] else options[0]
        native = open_page(page, query={"lang": made_in, key: label})
        if native.session_state[key] == made.session_state[key]:
            continue                        # this option is the default (or another control decides it)
        at = open_page(page, query={"lang": opened_in, key: label})
        assert_clean(at)
        assert all(f"`{key}`" not in w.value for w in at.warning), (key, label)
        assert at.session_state[key] == native.session_state[key], (key, label)
        tried += 1
    assert tried, "no choice control of this page was tried"


def test_the_short_language_code_stays_in_the_url_so_a_reload_keeps_the_language():
    at = open_page("home.py", query={"lang": "zh"})
    kept = dict(at.query_params)
    assert kept.get("lang") in ("zh", "中文")
    reloaded = open_page("home.py", query=kept)
    assert reloaded.session_state["lang"] == "zh"
    assert reloaded.title[0].value == TABLES["zh"]["home.title"]
