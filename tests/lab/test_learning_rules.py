"""lab.learning_rules: the claims the Learning rules page shows, each on seeds 0..5."""
import ast
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from lab import learning_rules as lr
from lab.learning_rules import (
    SCENE_CLAIMS,
    FeedbackAlignmentConfig,
    FeedbackAlignmentRun,
    OjaConfig,
    STDPConfig,
    STDPRun,
    run_feedback_alignment,
    run_oja,
    run_stdp,
)

SEEDS = range(6)


def test_lab_imports_only_numpy_and_nncore():
    tree = ast.parse(Path(lr.__file__).read_text(encoding="utf-8"))
    roots = {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    roots |= {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert roots <= {"__future__", "time", "dataclasses", "numpy", "nncore"}, roots


# -- STDP ---------------------------------------------------------------------------------------
def test_stdp_run_follows_the_live_protocol_and_is_seeded():
    cfg = STDPConfig(n_inputs=300, duration_s=4, seed=2)
    run = STDPRun(cfg)
    assert run.epoch == 0 and not run.done
    assert run.run(epochs=1) == 1 and run.epoch == 1
    run.run(max_epochs=3)
    assert run.epoch == 3
    run.run(epochs=1)
    r = run.result()
    again = run_stdp(cfg)
    np.testing.assert_array_equal(r.w_final, again.w_final)
    assert r.hist.shape == (5, cfg.n_bins) and np.all(r.hist.sum(axis=1) == cfg.n_inputs)
    assert r.rate_hz.shape == (4,) and r.t_s.tolist() == [0, 1, 2, 3, 4]
    assert r.correlated.sum() == 30 and r.correlated[:30].all()
    lo, hi = r.raster_window_ms
    assert hi == pytest.approx(4000.0) and np.all((r.raster_t_ms > lo) & (r.raster_t_ms <= hi))
    assert set(np.unique(r.raster_row)) <= set(range(cfg.raster_inputs))
    assert r.raster_n_corr == 30
    assert np.all(r.w_final >= 0) and np.all(r.w_final <= 1)


def test_stdp_starts_uniform():
    r = run_stdp(STDPConfig(duration_s=1))
    counts = r.hist[0]
    assert counts.min() > 0.5 * counts.mean() and counts.max() < 1.5 * counts.mean()


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_correlated_inputs_win_the_histogram_turns_bimodal_and_the_rate_settles(seed):
    """The scene's claim and what the page shows beside it, at the page's defaults."""
    ok, numbers = SCENE_CLAIMS["fire_together"](seed)
    assert ok, numbers
    assert numbers["w_correlated"] > 0.9 and numbers["w_uncorrelated"] < 0.3
    r = run_stdp(STDPConfig(seed=seed))
    w = r.w_final
    low, high, middle = (w < 0.2).mean(), (w > 0.8).mean(), ((w >= 0.2) & (w <= 0.8)).mean()
    assert low > 0.4 and high >= 0.1 and middle < 0.4                       # two piles at the bounds
    q = r.rate_hz
    late, settled = q[10:20].mean(), q[20:].mean()
    assert q[0] > 3 * settled                                               # from over-driven ...
    assert late - settled < 0.2 * (q[0] - settled)      # ... to a plateau: by 10–20 s, < 20 % of the fall is left


def test_without_correlations_no_group_wins():
    r = run_stdp(STDPConfig(frac_correlated=0.1, c=0.0, duration_s=20, seed=1))
    assert abs(r.gap) < 0.15


# -- Oja ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
def test_oja_matches_the_first_pc_on_the_cloud(seed):
    r = run_oja(OjaConfig(seed=seed))
    assert r.final_cos > 0.99
    assert abs(r.oja["norm"][-1] - 1) < 0.05
    assert r.hebb["norm"][-1] > 1e5 * r.hebb["norm"][0]                   # plain Hebb grows without bound
    assert r.oja["w"].shape[0] == r.cos_oja.shape[0]


@pytest.mark.parametrize("angle", [-60.0, 0.0, 45.0, 90.0])
def test_oja_follows_the_cloud_where_it_points(angle):
    r = run_oja(OjaConfig(angle_deg=angle, seed=3))
    w = r.oja["w"][-1]
    a = np.deg2rad(angle)
    assert abs(w @ [np.cos(a), np.sin(a)]) / np.linalg.norm(w) > 0.99


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_oja_matches_the_first_pc_of_the_digits(seed):
    r = run_oja(replace(lr.DIGITS_OJA, seed=seed))
    assert r.final_cos > 0.99, r.final_cos
    assert r.pc1.shape == (64,)


# -- feedback alignment -----------------------------------------------------------------------------
def test_feedback_alignment_run_shapes_and_same_start():
    run = FeedbackAlignmentRun(FeedbackAlignmentConfig(epochs=2, seed=0))
    bp, fa = run.models["backprop"], run.models["feedback_alignment"]
    for (p, _), (q, _) in zip(bp.param_pairs(), fa.param_pairs()):
        np.testing.assert_array_equal(p, q)                                  # same initial weights
    assert 70 < run.angle_start_deg < 110                                   # random feedback: about orthogonal
    run.run(epochs=2)
    r = run.result()
    assert set(r.test_acc) == {"backprop", "feedback_alignment"}
    assert all(len(v) == 2 for v in r.test_acc.values()) and len(r.angle_deg) == 2


def _angle_by_two_backward_passes(model, X, y):
    """The angle as first written: the model's own backward pass, then again with every Dense on backprop."""
    from nncore.layers import Dense
    from nncore.losses import cross_entropy
    modes = [layer.feedback for layer in model.layers if isinstance(layer, Dense)]
    _, dout = cross_entropy(model.forward(X, training=False), y)
    model.backward(dout, need_input_grad=False)
    used = model.layers[0].grads["weight"].astype(np.float64).ravel().copy()
    model.set_feedback("backprop")
    model.backward(dout, need_input_grad=False)
    true = model.layers[0].grads["weight"].astype(np.float64).ravel().copy()
    for layer, mode in zip((l for l in model.layers if isinstance(l, Dense)), modes):
        layer.feedback = mode
    return float(np.degrees(np.arccos(np.clip(used @ true / (np.linalg.norm(used) * np.linalg.norm(true)), -1, 1))))


@pytest.mark.parametrize("seed,activation,epochs", [(0, "tanh", 0), (1, "tanh", 2), (2, "relu", 1)])
def test_the_angle_from_one_forward_pass_equals_two_full_backward_passes(seed, activation, epochs):
    run = FeedbackAlignmentRun(FeedbackAlignmentConfig(seed=seed, activation=activation, hidden=32))
    run.run(epochs=epochs)
    model = run.models["feedback_alignment"]
    got = lr.hidden_update_angle(model, run.X_train, run.y_train)
    assert got == pytest.approx(_angle_by_two_backward_passes(model, run.X_train, run.y_train), abs=1e-9)
    assert 0.0 < got < 120.0


def test_the_angle_is_zero_for_backprop_itself():
    run = FeedbackAlignmentRun(FeedbackAlignmentConfig(seed=1))
    assert lr.hidden_update_angle(run.models["backprop"], run.X_train, run.y_train) == pytest.approx(0.0, abs=1e-3)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("optimizer,rate", [("momentum", 0.05), ("adam", 0.002)])
def test_feedback_alignment_comes_close_to_backprop_on_digits(seed, optimizer, rate):
    r = run_feedback_alignment(FeedbackAlignmentConfig(seed=seed, optimizer=optimizer, lr=rate))
    bp, fa = r.test_acc["backprop"][-1], r.test_acc["feedback_alignment"][-1]
    assert bp > 0.93 and fa > 0.9
    assert fa >= bp - 0.05, (bp, fa)
    assert r.angle_deg[-1] < 90.0 and r.angle_deg[-1] < r.angle_start_deg - 15
    assert lr.fa_claim(r)
