"""Query strings are checked as each bound widget registers (ui/url_params.py): a value a control cannot
take is dropped with a note naming the key and what the control takes; nothing else changes."""
import logging

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, open_page
from tests.fuzz.hostile_urls import rendered_bound_keys, valid_texts
from ui import url_params
from ui.i18n import TABLES

logging.getLogger("streamlit").setLevel(logging.ERROR)
TITLE = {lang: TABLES[lang]["url.notes_title"] for lang in TABLES}


def notes(at):
    return [w.value for w in at.warning if any(w.value.startswith(x) for x in TITLE.values())]


def unit_inputs(at):
    return [w for w in at.number_input if (w.key or "").startswith("mlp_units_")]


def test_the_check_is_installed_once_per_process():
    assert url_params.installed()
    assert url_params.install()            # idempotent: wrapping twice would note everything twice
    from streamlit.runtime.state.session_state import SessionState
    assert not getattr(SessionState._seed_widget_from_url.__wrapped__, "_brainlab_checked", False)


@pytest.mark.parametrize("value", ["1e400", "-inf", "9" * 190, "9" * 400, "<b>"],
                         ids=["1e400", "-inf", "190 digits", "400 digits", "markup"])
def test_an_integer_control_given_an_impossible_number_keeps_its_default_with_a_note(value):
    """Issue 22, case 6: ``mlp_units_1=1e400`` raised OverflowError while the widget registered."""
    at = open_page("mlp_playground.py", query={"mlp_units_1": value})
    assert not at.exception and not at.error, ([e.value for e in at.exception], [e.value for e in at.error])
    assert [w.value for w in unit_inputs(at)] == [4, 2]            # the controls are there, at their defaults
    shown = notes(at)
    says = f"at most {url_params.MAX_CHARS} characters" if len(value) > url_params.MAX_CHARS else "1 to 64"
    assert len(shown) == 1 and "`mlp_units_1`" in shown[0] and says in shown[0], shown
    assert value not in shown[0] or value in ("0", "99")            # the rejected text itself is never echoed
    at.run()                                                        # shown once, then gone
    assert not notes(at)


def test_the_note_is_translated():
    at = open_page("mlp_playground.py", query={"lang": "zh", "mlp_n": "1e400"})
    shown = notes(at)
    assert len(shown) == 1 and shown[0].startswith(TITLE["zh"]) and "`mlp_n`" in shown[0] and "20 到 1000" in shown[0]


def test_a_link_holding_every_default_spelling_gives_no_note():
    """Streamlit drops a value equal to the default from the URL too; that is not a rejection."""
    base = open_page("mlp_playground.py")
    defaults = {k: v[0] for k, v in valid_texts(base).items() if v}
    at = open_page("mlp_playground.py", query=defaults)
    assert not at.exception and not notes(at), notes(at)
    assert set(rendered_bound_keys(at)) == set(rendered_bound_keys(base))


def test_valid_values_are_taken_silently_and_bad_ones_are_named_with_what_the_control_takes():
    query = {"mlp_n": "400", "mlp_lr": "0.1", "mlp_data": "Spiral", "mlp_noise": "7", "mlp_lr_typo": "1",
             "presenter": "maybe", "mlp_opt": "Adamw", "mlp_features": ["x₁", "<script>", "x₂"]}
    at = open_page("mlp_playground.py", query=query)
    assert not at.exception
    ss = at.session_state
    assert (ss["mlp_n"], ss["mlp_lr"], ss["mlp_data"], ss["mlp_features"]) == (400, 0.1, "spiral", ["x1", "x2"])
    assert (ss["mlp_noise"], ss["presenter"], ss["mlp_opt"]) == (0.05, False, "adam")     # defaults kept
    text = notes(at)[0]
    for key, takes in (("mlp_noise", "0 to 0.5"), ("presenter", "true or false"), ("mlp_opt", "SGD"),
                       ("mlp_features", "x₁")):
        line = next(x for x in text.splitlines() if f"`{key}`" in x)
        assert takes in line, line
    assert "mlp_lr_typo" not in text and "`mlp_n`" not in text and "`mlp_data`" not in text


def test_absurdly_long_or_repeated_values_are_refused_before_parsing():
    at = open_page("vs_sklearn.py", query={"cmp_layers": "1," * 150, "cmp_seed": ["1"] * 100})
    assert not at.exception
    text = notes(at)[0]
    assert "`cmp_layers`" in text and "`cmp_seed`" in text and str(url_params.MAX_CHARS) in text
    assert at.session_state["cmp_layers"] == "16, 16" and at.session_state["cmp_seed"] == 0


def test_a_deep_link_run_without_the_shell_is_checked_too():
    """The page script run alone (a deep link before st.navigation ran) registers through the same check."""
    at = AppTest.from_file(str(ROOT / "pages" / "mlp_playground.py"), default_timeout=60)
    at.query_params["mlp_units_1"] = "1e400"
    at.query_params["mlp_layers"] = "9" * 400
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [w.value for w in unit_inputs(at)] == [4, 2]
    assert set(at.session_state[url_params.NOTES_KEY]) == {"mlp_units_1", "mlp_layers"}   # kept for the shell


def test_the_language_code_in_a_link_is_read_by_the_sidebar_without_a_note():
    for value, lang in (("zh", "zh"), ("en", "en"), ("中文", "zh")):
        at = open_page("home.py", query={"lang": value})
        assert at.session_state["lang"] == lang and not notes(at), (value, notes(at))
    at = open_page("home.py", query={"lang": "fr"})
    assert at.session_state["lang"] == "en" and "`lang`" in notes(at)[0]
