"""Faults in the middle of training, through the real pages (AppTest).

- a view-only widget changed while training, or Pause pressed, keeps the run: the same trainer,
  its history and weights; epochs never go back to 0, and Start carries on from where it paused;
- a learning rate that diverges (MLP page: plain SGD at the largest rate, MSE, no clipping) shows a
  warning, stops, and leaves the weights of the last finished epoch (finite);
- a restarted session (a new AppTest) starts clean: epoch 0, the seed's initial weights, no
  uploaded data, whatever another session did before.

In AppTest the fragment timer does not tick: each ``at.run()`` trains one time slice.
"""
import hashlib
import logging

import numpy as np
import pytest

from tests.conftest import open_page
from tests.fuzz.bad_files import good_csv
from ui import uploads

logging.getLogger("streamlit").setLevel(logging.ERROR)
# Every test here trains, on a fresh replay cache: a run another test of this worker recorded would make Start
# replay its frames at the recorded pace, which AppTest's back-to-back runs do not wait for (a test once saw a
# resumed replay still at epoch 12 after 40 runs).
pytestmark = pytest.mark.usefixtures("replay_cache")

# page file, live key, query (small but long enough to be caught mid-run), a view-only change
PAGES = {
    "mlp": ("mlp_playground.py", "mlp_live", {"mlp_epochs": "1000"}, ("mlp_show_test", False)),
    # The CNN's largest setting: with the faster kernels a small one finishes 40 epochs in two slices,
    # and these tests need a run that is still training when they act.
    "cnn": ("cnn.py", "cnn", {"cnn_blocks": "2", "cnn_channels": "16", "cnn_kernel": "5", "cnn_epochs": "40"},
            ("cnn_ex_stride", 2)),
    "rnn": ("rnn.py", "rnn", {"rnn_epochs": "60"}, ("rnn_pick", 3)),
}


def live(at, key):
    return at.session_state[f"_live_{key}"]


def button(at, key):
    return next(b for b in at.button if b.key == key)


def models(trainer):
    return [m for m in (getattr(trainer, a, None) for a in ("model", "cnn", "mlp")) if m is not None]


def weights(trainer):
    h = hashlib.sha1()
    for m in models(trainer):
        for layer in m.layers:
            for p in layer.params.values():
                h.update(np.ascontiguousarray(p).tobytes())
    return h.hexdigest()


def finite(trainer):
    return all(np.isfinite(p).all() for m in models(trainer) for layer in m.layers for p in layer.params.values())


def losses(run):
    return list(run.trainer.history.get("loss", []))


def clean(at):
    assert not at.exception, [e.value for e in at.exception]


def start_and_train(name, slices=2):
    file, key, query, _ = PAGES[name]
    at = open_page(file, query=query)
    clean(at)
    button(at, f"{key}_start").click().run()
    for _ in range(slices):
        at.run()
    for _ in range(40):                      # a loaded machine may need more slices for the first epoch
        if live(at, key).epoch > 0:
            break
        at.run()
    clean(at)
    run = live(at, key)
    assert run.running and 0 < run.epoch < run.target, (run.epoch, run.target, run.running)
    return at, key, run


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_view_only_change_while_training_keeps_the_run(name):
    at, key, run = start_and_train(name)
    trainer, epoch, hist = run.trainer, run.epoch, losses(run)
    widget, value = PAGES[name][3]
    at.get_by_key(widget).set_value(value)
    at.run()
    clean(at)
    after = live(at, key)
    assert after is run and after.trainer is trainer            # same run, same model object
    assert after.epoch >= epoch > 0                              # never back to 0
    assert losses(after)[:len(hist)] == hist                     # the history so far is unchanged
    assert after.running                                         # and it is still training
    at.run()
    assert live(at, key).epoch >= after.epoch


@pytest.mark.parametrize("name", list(PAGES))
def test_pause_mid_training_keeps_history_and_model_and_start_resumes(name):
    at, key, run = start_and_train(name)
    trainer = run.trainer
    button(at, f"{key}_pause").click().run()
    clean(at)
    paused = live(at, key)
    assert paused is run and not paused.running and paused.trainer is trainer
    epoch, hist, w = paused.epoch, losses(paused), weights(trainer)
    assert epoch > 0 and len(hist) == epoch
    for _ in range(2):                                           # reruns while paused train nothing
        at.run()
    widget, value = PAGES[name][3]
    at.get_by_key(widget).set_value(value)                      # inspect the paused model
    at.run()
    clean(at)
    now = live(at, key)
    assert (now.epoch, losses(now), weights(now.trainer)) == (epoch, hist, w)
    assert now.status == "paused"
    button(at, f"{key}_start").click().run()                     # Start carries on, not from 0
    for _ in range(40):
        at.run()
        if live(at, key).epoch > epoch:
            break
    clean(at)
    resumed = live(at, key)
    assert resumed.trainer is trainer and resumed.epoch > epoch
    assert losses(resumed)[:epoch] == hist


DIVERGE = {"mlp_opt": "sgd", "mlp_lr": 10.0, "mlp_loss": "mse", "mlp_clip": "off"}


def diverging_page():
    at = open_page("mlp_playground.py")
    for k, v in DIVERGE.items():
        at.get_by_key(k).set_value(v)
    at.run()
    clean(at)
    return at


def test_divergence_by_steps_keeps_the_last_good_weights():
    at = diverging_page()
    good = None
    for _ in range(20):
        run = live(at, "mlp_live")
        if run.trainer.history.status == "diverged":
            break
        good = (run.epoch, weights(run.trainer), losses(run))
        button(at, "mlp_live_step").click().run()
        clean(at)
    run = live(at, "mlp_live")
    assert run.trainer.history.status == "diverged", "SGD at lr 10 with MSE should diverge"
    assert good is not None and good[0] >= 1, "diverged before a single good epoch: nothing to keep"
    assert finite(run.trainer)
    assert (run.epoch, weights(run.trainer), losses(run)) == good    # the last finished epoch's model
    assert any("diverged" in w.value.lower() for w in at.warning), [w.value for w in at.warning]
    assert button(at, "mlp_live_step").disabled and button(at, "mlp_live_start").disabled


def test_divergence_while_running_warns_stops_and_keeps_finite_weights():
    at = diverging_page()
    button(at, "mlp_live_start").click().run()
    for _ in range(30):
        if not live(at, "mlp_live").running:
            break
        at.run()
    clean(at)
    run = live(at, "mlp_live")
    assert not run.running and run.trainer.done and run.trainer.history.status == "diverged"
    assert run.epoch < run.target                                     # it stopped early, on its own
    assert finite(run.trainer)
    assert np.isfinite(run.trainer.output(np.zeros((3, 2)))).all()             # and the model still answers
    assert any("diverged" in w.value.lower() for w in at.warning)
    at.run()                                                          # a later rerun trains nothing more
    assert live(at, "mlp_live").epoch == run.epoch


@pytest.mark.parametrize("name", list(PAGES))
def test_a_restarted_session_starts_clean(name):
    file, key, query, _ = PAGES[name]
    first = open_page(file, query=query)                          # a fresh session: the seed's weights
    w0 = weights(live(first, key).trainer)
    old = open_page(file, query=query)                            # another student trains (and uploads)
    if name == "mlp":
        old.get_by_key("mlp_csv_file").set_value(("good.csv", good_csv(), "text/csv")).run()
        assert old.session_state["mlp_data"] == "csv"
    button(old, f"{key}_step").click().run()
    clean(old)
    assert live(old, key).epoch == 1
    new = open_page(file, query=query)                            # the restart
    clean(new)
    fresh = live(new, key)
    assert fresh.epoch == 0 and not fresh.running and fresh.status == "ready"
    assert fresh.trainer is not live(old, key).trainer
    assert weights(fresh.trainer) == w0 and losses(fresh) == []
    assert live(old, key).epoch == 1                              # and the other session is untouched
    if name == "mlp":
        assert new.session_state["mlp_data"] == "circles"
        assert uploads.accepted("mlp_csv", new.session_state) is None
        assert new.get("progress")[0].proto.text.startswith("Epoch 0 /")
