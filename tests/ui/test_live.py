"""The shared live-training helper, driven through AppTest with a real nncore Trainer."""
from streamlit.testing.v1 import AppTest


def live_app():
    import streamlit as st

    from nncore import Sequential, Trainer
    from nncore.datasets import make_2d
    from nncore.layers import Dense, ReLU
    from nncore.optim import SGD, Adam
    from ui.live import live_training

    lr = st.session_state.get("lr", 0.01)
    n_hidden = st.session_state.get("hidden", 8)
    X, y = make_2d("xor", 80, 0.0, seed=0)

    def make():
        model = Sequential([Dense(2, n_hidden, rng=0), ReLU(), Dense(n_hidden, 2, rng=1)])
        opt = Adam(lr) if lr < 1 else SGD(lr)
        return Trainer(model, X * (50 if lr >= 1 else 1), y, optimizer=opt, batch_size=16, random_state=0)

    def render(run):
        st.markdown(f"epochs={run.epoch} status={run.status} losses={len(run.trainer.history.get('loss', []))}")

    live_training("t", (lr, n_hidden), make, render, epochs=st.session_state.get("epochs", 5))


def md(at):
    return [m.value for m in at.markdown if m.value.startswith("epochs=")][-1]


def new():
    import sys
    from pathlib import Path
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    at = AppTest.from_function(live_app, default_timeout=30)
    return at.run()


def click(at, label):
    next(b for b in at.button if b.label == label).click()
    return at.run()


def test_starts_ready_and_untrained():
    at = new()
    assert not at.exception
    assert md(at) == "epochs=0 status=ready losses=0"
    assert [b.label for b in at.button] == ["Start", "Step", "Reset"]


def test_step_trains_exactly_one_epoch():
    at = click(new(), "Step")
    assert md(at) == "epochs=1 status=paused losses=1"
    at = click(at, "Step")
    assert md(at) == "epochs=2 status=paused losses=2"


def test_start_trains_to_the_target_in_slices_then_train_more():
    at = click(new(), "Start")
    for _ in range(200):
        if "status=finished" in md(at):
            break
        at.run()
    assert md(at) == "epochs=5 status=finished losses=5"
    assert [b.label for b in at.button][0] == "Train more"
    at = click(at, "Train more")
    for _ in range(200):
        if "status=finished" in md(at):
            break
        at.run()
    assert md(at) == "epochs=10 status=finished losses=10"


def test_pause_keeps_model_and_history():
    at = new()
    at.session_state["epochs"] = 10**6  # long enough that it is still training when we pause
    at.run()
    at = click(click(at, "Step"), "Start")
    assert "status=running" in md(at)
    at = click(at, "Pause")
    text = md(at)
    assert "status=paused" in text
    epochs = int(text.split()[0].split("=")[1])
    assert epochs >= 1
    at.run()
    assert md(at) == text  # nothing lost, nothing trained while paused


def test_reset_starts_over():
    at = click(click(new(), "Step"), "Reset")
    assert md(at) == "epochs=0 status=ready losses=0"


def test_changed_settings_start_a_new_run():
    at = click(new(), "Step")
    at.session_state["hidden"] = 4
    at.run()
    assert md(at) == "epochs=0 status=ready losses=0"


def test_divergence_warns_and_stops():
    at = new()
    at.session_state["lr"] = 50.0
    at.run()
    at = click(at, "Start")
    for _ in range(50):
        if "status=diverged" in md(at):
            break
        at.run()
    assert "status=diverged" in md(at)
    assert any("diverged" in w.value for w in at.warning)
    assert not at.exception


def test_the_first_refresh_after_a_start_may_train_a_longer_slice(monkeypatch):
    """The Start click's own refresh gets FIRST_SLICE_S of CPU and FIRST_WALL_S of wall time, so a short
    default run ends inside it (and its recording is one frame); later refreshes get the short slice."""
    from ui import live

    calls = []
    real = live.advance

    def spy(run, budget, wall_cap=live.BUSY_WALL_S):
        calls.append((budget, wall_cap))
        return real(run, budget, wall_cap)

    monkeypatch.setattr(live, "advance", spy)
    at = new()
    at.session_state["epochs"] = 10**6          # still running after every refresh below
    at = click(at.run(), "Start")
    at.run()
    at.run()
    assert not at.exception and len(calls) >= 3
    assert calls[0] == (max(0.12, live.FIRST_SLICE_S), live.FIRST_WALL_S)
    assert all(budget <= 0.12 and wall == live.BUSY_WALL_S for budget, wall in calls[1:])
