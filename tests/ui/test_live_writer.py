"""One model, one writer (ui/live.py): training slices and drawing never touch a run's model at once.

With Streamlit's fast reruns a click starts a new script thread while the old one finishes its slice or
its drawing, so two threads can reach one model. The server log showed ``dense_backward`` given a cached
forward of 100 rows (the test set, drawn by the panel) and a gradient of 10 (a training batch). Here a
second thread plays that old script thread, both beside a bare run and beside real pages driven by AppTest.
"""
import logging
import random
import threading

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lab.playground import PlaygroundModel
from nncore.datasets import make_2d, train_test_split
from tests.conftest import open_page
from ui import live

logging.getLogger("streamlit").setLevel(logging.ERROR)


def playground_run(epochs=10**6):
    X, y = make_2d("circles", n_samples=200, noise=0.05, seed=0)
    Xtr, Xte, ytr, yte = train_test_split(X, y, 0.5, seed=0, stratify=True)
    pm = PlaygroundModel(Xtr, ytr, hidden=(8, 8), seed=0)
    run = live.LiveRun(sig=None, epochs=epochs, trainer=pm.trainer(Xtr, ytr, Xte, yte, batch_size=10), target=epochs)
    return run, pm, Xte


def in_threads(*loops):
    """Run each ``loop()`` in its own thread; the exceptions they raised."""
    errors = []

    def wrap(loop):
        try:
            loop()
        except Exception as exc:  # noqa: BLE001 - collected and asserted on
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(loop,)) for loop in loops]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return errors


def test_training_slices_and_drawing_in_two_threads_never_mix_one_models_caches():
    run, pm, Xte = playground_run()
    points = np.random.default_rng(0).uniform(-1, 1, (2500, 2))

    def train():
        for _ in range(150):
            live.train_slice(run, 0.002)

    def draw():                              # what render/render_slow do on every refresh
        for _ in range(150):
            with live.hold(run):
                pm.output(points, hidden=True)
                pm.predict(Xte)

    assert in_threads(train, draw) == []
    assert run.trainer.epoch > 0 and run.trainer.history.status == "running"


def test_step_from_a_callback_and_a_slice_from_the_old_thread_take_turns():
    run, _, _ = playground_run(epochs=5)
    errors = in_threads(lambda: [live.train_slice(run, 0.001) for _ in range(100)],
                        lambda: [live.step_epoch(run) for _ in range(20)])
    assert errors == []
    assert len(run.trainer.history["loss"]) == run.trainer.epoch >= 20


# ------------------------------------------------------------------ through the pages (AppTest)
PAGES = {   # file, live key, small settings, settings to change while training
    "mlp": ("mlp_playground.py", "mlp_live", {"mlp_epochs": "20"},
            [("mlp_lr", 0.1), ("mlp_units_0", 6), ("mlp_show_test", False), ("mlp_discrete", True)]),
    "cnn": ("cnn.py", "cnn", {"cnn_blocks": "1", "cnn_channels": "2", "cnn_epochs": "3"},
            [("cnn_lr", 0.03), ("cnn_ex_stride", 2), ("cnn_channels", 4)]),
    "rnn": ("rnn.py", "rnn", {"rnn_epochs": "3", "rnn_hidden": "8"},
            [("rnn_lr", 0.03), ("rnn_pick", 3), ("rnn_hidden", 4)]),
}
ACTIONS = ["start", "step", "pause", "reset", "change", "run", "run", "run"]


def button(at, key):
    return next((b for b in at.button if b.key == key), None)


def clean(at, where):
    assert not at.exception, (where, [e.value for e in at.exception])
    assert not at.error, (where, [e.value for e in at.error])


def drawn(trainer):
    """The model a page draws from and some of its held-out inputs (the panel's forward passes)."""
    inner = getattr(trainer, "cnn_trainer", None) or getattr(trainer, "trainer", None) or trainer
    return inner.model, inner.val[0][:50]


def old_thread(run, stop, errors):
    """A script thread that a click left running: it trains its slice or draws, on the same model."""
    try:
        while not stop.is_set():
            if run.running:
                live.train_slice(run, 0.003)
            elif run.trainer is not None:
                with live.hold(run):
                    model, X = drawn(run.trainer)
                    model._predict_raw(X)
    except Exception as exc:  # noqa: BLE001 - collected and asserted on
        errors.append(exc)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PAGES))
def test_clicks_and_setting_changes_while_training_always_end_in_a_result(name):
    file, key, query, changes = PAGES[name]
    at = open_page(file, query=query)
    clean(at, "open")
    rnd = random.Random(f"{name}-stress")
    errors, log = [], []
    for _ in range(30):
        action = rnd.choice(ACTIONS)
        b = button(at, f"{key}_{action}")
        if b is not None and not b.disabled:
            b.click()
        elif action == "change":
            widget, value = rnd.choice(changes)
            try:
                at.get_by_key(widget).set_value(value)
            except (KeyError, IndexError):      # not on screen in this state (e.g. tabs while training)
                action = "change (absent)"
        else:
            action = "run"
        log.append(action)
        stop = threading.Event()
        lingering = threading.Thread(target=old_thread, args=(at.session_state[f"_live_{key}"], stop, errors))
        lingering.start()
        at.run()
        stop.set()
        lingering.join()
        clean(at, log)
        assert errors == [], (log, errors)
    run = at.session_state[f"_live_{key}"]              # whatever happened, Start ends the run in a result
    if not run.at_target and not run.running:
        button(at, f"{key}_start").click().run()
    for _ in range(400):
        if not at.session_state[f"_live_{key}"].running:
            break
        at.run()
    clean(at, log + ["finish"])
    run = at.session_state[f"_live_{key}"]
    assert run.status in ("finished", "diverged") and not run.running, (log, run.status)
    assert len(run.trainer.history["loss"]) == run.epoch == (run.target if run.status == "finished" else run.epoch)


# ------------------------------------------------------------------ reload (issue 22, case 8)
def test_a_reload_says_the_run_starts_over_and_that_start_replays_it_when_the_server_kept_it(monkeypatch):
    """Before a reload the controls say a reload starts the run over; in the new session (a reload is one)
    the page says Start shows the kept run again (ui.replay), and Start does, to the same numbers."""
    from tests.ui.test_replay import app, finish
    from ui import replay
    from ui.i18n import t

    monkeypatch.setattr(replay, "cache", replay.ReplayCache(max_bytes=64 * 2 ** 20))

    def captions(at):
        return [c.value for c in at.caption]

    first = AppTest.from_function(app, default_timeout=30)
    first.query_params["from"] = "link"                   # settings came from the URL, as after a reload
    first.run()
    assert t("live.from_link") in captions(first)         # a fresh session from a link: starts at epoch 0
    result = finish(first)
    first.run()
    assert t("live.reload_note") in captions(first)       # said before the reload happens
    reloaded = AppTest.from_function(app, default_timeout=30)
    reloaded.query_params["from"] = "link"
    reloaded.run()
    assert t("live.replay_ready") in captions(reloaded) and t("live.from_link") not in captions(reloaded)
    assert finish(reloaded) == result
