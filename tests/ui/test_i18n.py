"""The text table: every key has English; translations match English keys and placeholders."""
import string

import pytest

from ui import i18n
from ui.nav import existing_pages

EN, ZH = i18n.TABLES["en"], i18n.TABLES["zh"]


def fields(text):
    return sorted({f for _, f, _, _ in string.Formatter().parse(text) if f})


@pytest.mark.parametrize("key", sorted(ZH))
def test_translation_has_english_key_and_same_placeholders(key):
    assert key in EN, f"{key} is translated but has no English original"
    assert ZH[key].strip(), f"{key} is empty in Chinese"
    assert fields(ZH[key]) == fields(EN[key]), key


def test_t_falls_back_to_english_and_formats():
    assert i18n.t("home.test_acc_help", maj=0.5).endswith("50.0%.")
    with pytest.raises(KeyError):
        i18n.t("no.such.key")


def test_every_english_string_is_non_empty():
    assert all(v.strip() for v in EN.values())


def test_every_string_is_translated():
    missing = sorted(set(EN) - set(ZH))
    assert not missing, f"{len(missing)} strings have no Chinese: {missing[:10]}"


@pytest.mark.parametrize("file", [row[1] for row in existing_pages()])
def test_pages_render_in_chinese(file):
    from tests.conftest import assert_clean, open_page
    at = open_page(file, query={"lang": "zh"})
    assert_clean(at)
    assert at.session_state["lang"] == "zh"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in at.title[0].value), at.title[0].value
