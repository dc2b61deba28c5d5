"""Engine errors reach the page in the reader's language: nncore raises InputError with a key and its
parameters (UI-free, English default); ui.page.error_text looks up ``engine.<key>`` in the catalogue."""
import ast
import string
from pathlib import Path

from streamlit.testing.v1 import AppTest

from nncore.errors import InputError
from ui.i18n import TABLES
from ui.page import error_text

ROOT = Path(__file__).resolve().parents[2]


def raised_keys():
    """(file, key, default text, parameter names) of every ``InputError(...)`` raised in nncore."""
    out = []
    for path in sorted((ROOT / "nncore").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "InputError":
                key, default = (a.value for a in node.args[:2])
                out.append((path.name, key, default, {k.arg for k in node.keywords}))
    return out


def fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_engine_error_has_an_entry_in_both_languages_that_fits_its_parameters():
    found = raised_keys()
    assert len(found) >= 10
    problems = []
    for file, key, default, params in found:
        if fields(default) != params:
            problems.append(f"{file}: {key}'s English default uses {fields(default)}, gets {params}")
        for lang in TABLES:
            text = TABLES[lang].get(f"engine.{key}")
            if text is None:
                problems.append(f"{file}: engine.{key} missing in {lang}")
            elif not fields(text) <= params:
                problems.append(f"{file}: engine.{key} ({lang}) asks for {fields(text) - params}")
    assert problems == []


def test_an_unknown_key_or_a_plain_error_keeps_its_own_text():
    assert error_text(InputError("no_such_key", "plain {a}", a=1)) == "plain 1"
    assert error_text(ValueError("as is")) == "as is"
    assert error_text(ValueError()) == "ValueError"


def engine_error_app():
    import streamlit as st

    from nncore.optim import SGD
    from ui import page

    st.session_state["lang"] = st.session_state.get("want_lang", "en")

    @page.guarded
    def main():
        SGD(-1.0)

    main()


def test_a_guarded_page_shows_the_engine_error_in_the_readers_language():
    for lang in ("en", "zh"):
        at = AppTest.from_function(engine_error_app, default_timeout=30)
        at.session_state["want_lang"] = lang
        at.session_state["_brainlab_shell"] = True          # as if the shell ran (no reroute)
        at.run()
        assert not at.exception
        text = at.error[0].value
        assert TABLES[lang]["engine.bad_lr"].split("{")[0] in text and "-1.0" in text, text
