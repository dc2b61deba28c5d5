"""Every entry point of user code goes through the one guard in ui/page.py (issue 22, case 1).

- every widget callback registered on every page is a guarded one (``page.callback``);
- an exception injected into each kind of entry point — an ``on_change`` callback (uploader, column
  picker), an ``on_click`` callback (Step), a fragment (the live panel) and the main script — ends
  in a translated message, while the page keeps its controls, its data and its model.
"""
import logging

import pytest

from tests.conftest import open_page
from tests.fuzz.bad_files import good_csv
from ui import fig_mlp, i18n, page, uploads
from ui.nav import existing_pages

logging.getLogger("brainlab").setLevel(logging.CRITICAL)     # the injected errors are logged on purpose

PAGE = "mlp_playground.py"
CONTROLS = ("mlp_live_start", "mlp_live_step", "mlp_live_reset", "mlp_regen")


class Injected(RuntimeError):
    pass


def boom(*_args, **_kwargs):
    raise Injected("injected for the test")


def callbacks(at):
    """{widget id: callback} of every widget with a callback in the last run."""
    meta = at.session_state._state._state._new_widget_state.widget_metadata
    return {wid: m.callback for wid, m in meta.items() if m.callback is not None}


def button(at, key):
    return next(b for b in at.button if b.key == key)


def keeps_its_controls(at):
    assert not at.exception, [e.value for e in at.exception]
    keys = {b.key for b in at.button}
    assert set(CONTROLS) - {"mlp_live_start"} <= keys, keys
    assert "mlp_live_start" in keys or "mlp_live_pause" in keys
    assert at.selectbox(key="mlp_data") is not None and at.get_by_key("mlp_csv_file") is not None


def says_unexpected(at):
    expected = i18n.t("common.unexpected", kind="Injected", msg="x").split("(")[0]
    assert any(expected in e.value and "Injected" in e.value for e in at.error), [e.value for e in at.error]


@pytest.mark.parametrize("file", [row[1] for row in existing_pages()])
def test_every_widget_callback_on_every_page_is_guarded(file):
    # vs scikit-learn draws its uploader only with "Your CSV" chosen
    at = open_page(file, query={"cmp_data": i18n.t("compare.data_csv")} if file == "vs_sklearn.py" else None)
    if file == PAGE:       # the column pickers only exist once a file is in use
        at.get_by_key("mlp_csv_file").set_value(("good.csv", good_csv(), "text/csv")).run()
    found = callbacks(at)
    if file in ("mlp_playground.py", "vs_sklearn.py", "cnn.py", "rnn.py", "backprop.py"):
        assert found, "no callback registered: the check below would pass vacuously"
    unguarded = {wid.rsplit("-", 1)[-1]: cb.__name__ for wid, cb in found.items()
                 if getattr(cb, "_brainlab_guard", None) != "callback"}
    assert not unguarded, unguarded


def test_the_playground_registers_every_callback_kind():
    """The injection tests below need a page with uploader, picker and button callbacks."""
    at = open_page(PAGE)
    at.get_by_key("mlp_csv_file").set_value(("good.csv", good_csv(), "text/csv")).run()
    names = {cb.__name__ for cb in callbacks(at).values()}
    assert {"_on_upload", "_on_choice", "_step", "_start", "apply_scene"} <= names, names


@pytest.fixture
def trained():
    """The Playground with a good CSV in use and one epoch trained on it."""
    at = open_page(PAGE)
    at.get_by_key("mlp_csv_file").set_value(("good.csv", good_csv(), "text/csv")).run()
    button(at, "mlp_live_step").click().run()
    assert not at.exception and at.session_state["_live_mlp_live"].epoch == 1
    return at


def test_on_change_upload_callback_error_keeps_the_page_and_the_data(trained, monkeypatch):
    at = trained
    monkeypatch.setattr(uploads, "read_csv", boom)
    at.get_by_key("mlp_csv_file").set_value(("other.csv", good_csv(seed=1), "text/csv")).run()
    keeps_its_controls(at)
    says_unexpected(at)
    assert uploads.accepted("mlp_csv", at.session_state).name == "good.csv"
    assert at.session_state["_live_mlp_live"].epoch == 1


def test_on_change_picker_callback_error_keeps_the_page_and_the_choice(trained, monkeypatch):
    at = trained
    monkeypatch.setattr(uploads, "select_xy", boom)
    at.selectbox(key="mlp_csv_x0").set_value("x2").run()
    keeps_its_controls(at)
    says_unexpected(at)
    assert uploads.accepted("mlp_csv", at.session_state).features == ["x1", "x2"]


def test_on_click_callback_error_keeps_the_page_and_the_model(trained):
    at = trained
    run = at.session_state["_live_mlp_live"]
    model = run.trainer.model
    run.trainer.run = boom                                   # the Step button's callback calls it
    button(at, "mlp_live_step").click().run()
    keeps_its_controls(at)
    says_unexpected(at)
    after = at.session_state["_live_mlp_live"]
    assert after is run and after.trainer.model is model and after.epoch == 1
    at.run()
    assert not at.error                                      # the message was about that click, once


def test_fragment_error_stops_the_run_and_keeps_the_page_and_the_model(trained):
    at = trained
    run = at.session_state["_live_mlp_live"]
    model = run.trainer.model
    run.trainer.run = boom                                   # the live panel (a fragment) calls it each tick
    button(at, "mlp_live_start").click().run()
    keeps_its_controls(at)
    says_unexpected(at)
    after = at.session_state["_live_mlp_live"]
    assert after is run and not after.running and after.trainer.model is model and after.epoch == 1
    assert "mlp_live_start" in {b.key for b in at.button}    # paused, ready to start again


def test_main_script_error_keeps_the_controls_drawn_before_it(trained, monkeypatch):
    at = trained
    monkeypatch.setattr(fig_mlp, "code_nncore", boom)       # the export panel, drawn after the controls
    at.run()
    keeps_its_controls(at)
    says_unexpected(at)
    assert at.session_state["_live_mlp_live"].epoch == 1


def test_message_translates_keyed_errors_and_escapes_other_exception_text():
    assert page.message(uploads.UploadError("upload.empty")) == i18n.t("upload.empty")
    text = page.message(ValueError("[x](https://e.com) **b**"))
    assert "[x](" not in text and "**b**" not in text and "\\[x\\]" in text
    assert page.message(MemoryError()) == i18n.t("common.too_big")
