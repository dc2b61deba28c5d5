"""The text table: every user-facing string goes through ``t(key)``.

Tables live in ``ui/texts/<area>.py`` as ``EN = {...}`` (and ``ZH = {...}`` for
中文). They are discovered automatically, so a page adds its strings by adding
a module; keys are namespaced ``"<area>.<name>"``. A key missing from the
current language falls back to English; a key missing from English is a bug
and raises ``KeyError`` (the tests render every page, so it cannot ship).
"""
from __future__ import annotations

import importlib
import pkgutil

LANGUAGES = {"en": "English", "zh": "中文"}
DEFAULT_LANG = "en"


def _load_tables():
    from . import texts
    tables = {lang: {} for lang in LANGUAGES}
    for mod in pkgutil.iter_modules(texts.__path__):
        module = importlib.import_module(f"{texts.__name__}.{mod.name}")
        for lang in LANGUAGES:
            table = getattr(module, lang.upper(), {})
            clash = set(table) & set(tables[lang])
            if clash:
                raise RuntimeError(f"text keys defined twice: {sorted(clash)[:5]}")
            tables[lang].update(table)
    return tables


TABLES = _load_tables()


def current_lang() -> str:
    try:
        import streamlit as st
        lang = st.session_state.get("lang", DEFAULT_LANG)
    except Exception:  # outside a Streamlit run
        lang = DEFAULT_LANG
    return lang if lang in LANGUAGES else DEFAULT_LANG


def t(key: str, /, **fmt) -> str:
    """The string for ``key`` in the current language, formatted with ``fmt``."""
    text = TABLES[current_lang()].get(key)
    if text is None:
        text = TABLES[DEFAULT_LANG][key]
    return text.format(**fmt) if fmt else text


def has(key: str) -> bool:
    return key in TABLES[DEFAULT_LANG]
