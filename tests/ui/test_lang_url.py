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
