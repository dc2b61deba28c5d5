"""The RNN page: renders clean for every task and cell, trains live, shows hidden state and gradients."""
import pytest

from lab import sequences as sm
from tests.conftest import assert_clean, open_page, parse_percent
from ui import fig_rnn
from ui.scenes import SCENES


def _train(at, max_runs=120):
    next(b for b in at.button if b.key == "rnn_start").click().run()
    runs = 0
    while any(b.key == "rnn_pause" for b in at.button) and runs < max_runs:
        at.run()
        runs += 1
    return at


# -- figures of the lab's results -----------------------------------------------------------------

@pytest.mark.parametrize("task", sm.TASKS)
def test_sequence_figure_draws_an_explained_sequence(task):
    data = sm.make_task(task, 4, n_samples=40, seed=1)
    model = sm.build_model("GRU", data.X.shape[2], 5, data.n_out, data.per_step, seed=0)
    model.loss = data.loss
    info = sm.explain_sequence(model, data.X_test[0], data.y_test[0])
    if task == "delayed_recall":        # the input, and the answer as a figure of its own beside it
        assert [d.type for d in fig_rnn.sequence(task, info).data] == ["heatmap"]
        bars = fig_rnn.recall_answer(info)
        assert list(bars.data[0].y) == list(info["proba"]) and bars.layout.yaxis.range == (0, 1.05)
        assert bars.layout.yaxis.title.text and bars.layout.title.text
    else:
        assert len(fig_rnn.sequence(task, info).data) >= 2


def test_memory_span_figure_draws_one_line_per_cell():
    res = {"delays": [1, 3], "cells": {"RNN": [0.9, 0.3], "GRU": [1.0, 0.8]}, "chance": 0.25}
    assert len(fig_rnn.memory_span(res).data) == 2


# -- the page ------------------------------------------------------------------------------------

@pytest.mark.parametrize("task", ["delayed_recall", "copy", "parity", "sine"])
@pytest.mark.parametrize("cell", ["RNN", "GRU"])
def test_page_renders_every_task(task, cell):
    at = open_page("rnn.py", query={"rnn_cell": cell})
    at.selectbox(key="rnn_task").set_value(task).run()
    assert_clean(at)
    assert at.radio(key="rnn_cell").value == cell
    assert at.selectbox(key="rnn_task").value == task
    assert any(b.key == "rnn_start" for b in at.button)
    assert len(at.tabs) == 4


def test_live_training_learns_delayed_recall_and_shows_the_tabs():
    at = open_page("rnn.py", query={"rnn_mem_delayed_recall": "4", "rnn_epochs": "8", "rnn_noise": "0.0"})
    _train(at)
    assert_clean(at)
    acc = next(m for m in at.metric if m.label == "Test accuracy").value
    assert float(acc.rstrip("%")) / 100 > 0.6          # chance is 25 %
    assert any("steps back" in str(md.value) for md in at.markdown)      # the gradient numbers
    at.slider(key="rnn_pick").set_value(3).run()
    assert_clean(at)


def test_too_large_learning_rate_is_reported_not_raised():
    at = open_page("rnn.py", query={"rnn_lr_adam": "0.1", "rnn_clip": "0.0", "rnn_cell": "RNN", "rnn_epochs": "2"})
    _train(at)
    assert not at.exception


def _config_on_screen(at):
    """The RnnConfig the page hands to the live-training helper: what Start trains."""
    return at.session_state["_live_rnn"].sig


def test_the_scene_link_opens_exactly_the_settings_its_claim_checks():
    scene = next(s for s in SCENES if s.id == "rnn_forgets")
    at = open_page("rnn.py", query=scene.query())
    assert_clean(at)
    assert _config_on_screen(at) == sm.RNN_FORGETS


def test_switching_to_sgd_gives_sgd_its_own_learning_rate():
    at = open_page("rnn.py")
    assert _config_on_screen(at).optimizer == "adam" and _config_on_screen(at).lr == 0.01
    at.radio(key="rnn_opt").set_value("SGD").run()
    assert_clean(at)
    cfg = _config_on_screen(at)
    assert cfg.optimizer == "sgd" and cfg.lr == sm.RNN_FORGETS.lr


def test_the_error_signal_at_step_0_is_shown_beside_the_accuracy():
    at = open_page("rnn.py", query={"rnn_cell": "RNN", "rnn_mem_delayed_recall": "20", "rnn_epochs": "1"})
    _train(at)
    assert_clean(at)
    text = next(m for m in at.metric if m.label == "Error signal at step 0").value
    assert text.endswith(" %") and "e" not in text          # "3 × 10⁻⁶ %", not Python's "3e-08"
    assert parse_percent(text) < 1e-3             # the plain RNN's signal 20 steps back (LSTM/GRU: ~0.1)
