"""lab.sequences: the RNN page's tasks with a memory knob, models, gradient profiles and memory span."""
from dataclasses import replace

import numpy as np
import pytest

from lab import sequences as sm


@pytest.mark.parametrize("task,memory,T,per_step", [("delayed_recall", 7, 8, False), ("copy", 4, 10, True),
                                                    ("parity", 6, 6, True), ("sine", 12, 12, False)])
def test_tasks_have_their_memory_knob_and_split(task, memory, T, per_step):
    data = sm.make_task(task, memory, n_samples=40, seed=1)
    assert data.T == T and data.per_step is per_step
    assert len(data.X) == 30 and len(data.X_test) == 10
    model = sm.build_model("GRU", data.X.shape[2], 5, data.n_out, per_step, seed=0)
    model.loss = data.loss
    out = model.forward(data.X_test, training=False)
    assert out.shape == ((10, T, data.n_out) if per_step else (10, data.n_out))
    info = sm.explain_sequence(model, data.X_test[0], data.y_test[0])
    assert info["hidden"].shape == (T, 5)


@pytest.mark.parametrize("bad", [dict(task="nope", memory=3), dict(task="copy", memory=0)])
def test_bad_task_settings_raise_value_errors(bad):
    with pytest.raises(ValueError):
        sm.make_task(n_samples=40, **bad)


def test_untrained_rnn_gradient_vanishes_faster_than_lstm():
    data = sm.make_task("delayed_recall", 30, n_samples=100, seed=0)
    prof = sm.init_gradient_profiles(data, hidden_size=16, seed=0)
    ratio = {cell: v[0] / v[-1] for cell, v in prof.items()}
    assert ratio["RNN"] < 1e-3          # thirty steps of tanh and small weights
    assert ratio["LSTM"] > 10 * ratio["RNN"]


def test_memory_span_returns_one_accuracy_per_cell_and_delay():
    calls = []
    res = sm.memory_span(cells=("RNN", "GRU"), delays=(1, 3), hidden_size=8, epochs=3, n_samples=80,
                         lr=0.02, on_result=lambda *a: calls.append(a))
    assert res["delays"] == [1, 3] and set(res["cells"]) == {"RNN", "GRU"}
    assert all(0.0 <= a <= 1.0 for accs in res["cells"].values() for a in accs)
    assert len(calls) == 4


@pytest.mark.parametrize("task,memory,chance", [("delayed_recall", 5, 0.25), ("parity", 5, 0.5), ("copy", 4, 0.7),
                                                ("sine", 5, None)])
def test_chance_levels(task, memory, chance):
    assert sm.chance_accuracy(task, memory) == (pytest.approx(chance) if chance is not None else None)


def test_make_trainer_builds_the_configured_cell_and_clipping():
    data = sm.make_task("parity", 5, n_samples=40, seed=0)
    tr = sm.make_trainer(sm.RnnConfig(task="parity", cell="GRU", hidden=6, memory=5, lr=0.02, clip=0.0), data)
    assert type(tr.model.layers[0]).__name__ == "GRU" and tr.model.layers[0].hidden_size == 6
    assert tr.optimizer.lr == 0.02 and tr.optimizer.clip_norm is None        # clip 0 = off
    assert sm.make_trainer(sm.RnnConfig(task="parity", memory=5), data).optimizer.clip_norm == 1.0


def test_rnn_config_is_a_value():
    assert sm.RnnConfig(hidden=8) == sm.RnnConfig(hidden=8) != sm.RnnConfig(hidden=16)
    assert hash(sm.RnnConfig(seed=3)) == hash(sm.RnnConfig(seed=3))


def _sigmoid(a):
    return 1 / (1 + np.exp(-a))


@pytest.mark.parametrize("cell,rows", [("LSTM", slice(16, 32)), ("GRU", slice(16, 32))])
def test_gated_cells_start_with_their_keep_gate_near_0_95(cell, rows):
    rec = sm.build_model(cell, 5, 16, 4, seed=3).layers[0]
    keep = _sigmoid(rec.params["bias_ih"][rows] + rec.params["bias_hh"][rows])      # forget gate f / update gate z
    assert np.all((keep > _sigmoid(sm.KEEP_BIAS - 0.5)) & (keep < _sigmoid(sm.KEEP_BIAS + 0.5)))
    other = np.delete(rec.params["bias_ih"], np.arange(16, 32))
    assert np.all(np.abs(other) <= 0.25)                # every other bias keeps PyTorch's U(−1/√H, 1/√H)


def test_make_trainer_uses_the_chosen_optimizer():
    data = sm.make_task("parity", 5, n_samples=40, seed=0)
    sgd = sm.make_trainer(sm.RnnConfig(task="parity", memory=5, optimizer="sgd", lr=0.7), data).optimizer
    assert type(sgd).__name__ == "SGD" and sgd.lr == 0.7 and sgd.momentum == 0 and sgd.clip_norm == 1.0
    with pytest.raises(ValueError, match="optimizer"):
        sm.make_trainer(sm.RnnConfig(task="parity", memory=5, optimizer="rmsprop"), data)


def test_a_span_point_is_the_run_start_would_make():
    cfg = sm.RnnConfig(task="copy", cell="LSTM", memory=4, optimizer="sgd", lr=0.3, epochs=7, seed=2)
    point = sm.span_config(cfg, "GRU", 12)
    assert point == replace(cfg, task="delayed_recall", cell="GRU", memory=12)
    assert sm.page_task(point).T == 13 and len(sm.page_task(point).X_test) == sm.PAGE_SAMPLES // 4


def test_page_task_ignores_noise_except_on_delayed_recall():
    noisy = sm.page_task(sm.RnnConfig(task="parity", memory=6, noise=1.5))
    clean = sm.page_task(sm.RnnConfig(task="parity", memory=6, noise=0.0))
    assert np.array_equal(noisy.X, clean.X)


def test_first_step_signal_is_the_first_over_the_last_norm():
    assert sm.first_step_signal({"RNN": np.array([1e-6, 0.1, 2.0])}) == {"RNN": pytest.approx(5e-7)}
