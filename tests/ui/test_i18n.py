"""The text table: every key has English; translations match English keys and placeholders."""
import string

import pytest

from ui import i18n

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
