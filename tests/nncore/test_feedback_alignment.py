"""Feedback alignment as an engine option: only the error sent backward changes (Lillicrap et al. 2016)."""
import numpy as np
import pytest

from nncore import Sequential, Trainer
from nncore.datasets import make_2d
from nncore.layers import Dense, ReLU, Tanh
from nncore.losses import cross_entropy
from nncore.optim import SGD, Adam

F64 = np.float64


def mlp(feedback, seed=0, dtype=F64, sizes=(3, 6, 5, 4)):
    rng = np.random.default_rng(seed)
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(Dense(a, b, dtype=dtype, rng=rng, feedback=feedback))
        if i < len(sizes) - 2:
            layers.append(Tanh())
    return Sequential(layers)


def batch(seed=1, n=7, d=3, c=4):
    r = np.random.default_rng(seed)
    return r.standard_normal((n, d)), r.integers(0, c, n)


def grads_after_one_batch(model, x, y):
    out = model.forward(x)
    _, dout = cross_entropy(out, y)
    dx = model.backward(dout)
    return out, dx, [g.copy() for _, g in model.param_pairs()]


def test_random_feedback_changes_only_the_backward_signal():
    bp, fa = mlp("backprop"), mlp("random")
    x, y = batch()
    for (p, _), (q, _) in zip(bp.param_pairs(), fa.param_pairs()):
        np.testing.assert_array_equal(p, q)              # same weights: B comes from its own stream
    out_bp, dx_bp, g_bp = grads_after_one_batch(bp, x, y)
    out_fa, dx_fa, g_fa = grads_after_one_batch(fa, x, y)
    np.testing.assert_array_equal(out_bp, out_fa)        # forward pass untouched
    # the last layer's own gradients depend on the loss only; every layer below hears a different error
    np.testing.assert_allclose(g_fa[-2], g_bp[-2], rtol=1e-12)
    np.testing.assert_allclose(g_fa[-1], g_bp[-1], rtol=1e-12)
    for g, h in zip(g_fa[:-2], g_bp[:-2]):
        assert not np.allclose(g, h)
    assert not np.allclose(dx_fa, dx_bp)


def test_backward_signal_is_dy_times_B_and_B_is_no_parameter():
    layer = Dense(4, 3, dtype=F64, rng=0, feedback="random")
    x, dy = np.random.default_rng(2).standard_normal((5, 4)), np.random.default_rng(3).standard_normal((5, 3))
    layer.forward(x)
    dx = layer.backward(dy)
    B = layer.feedback_weight
    assert B.shape == layer.params["weight"].shape and not np.array_equal(B, layer.params["weight"])
    np.testing.assert_allclose(dx, dy @ B)
    np.testing.assert_allclose(layer.grads["weight"], dy.T @ x)      # dW is backprop's
    assert set(layer.params) == {"weight", "bias"} and layer.n_params == 4 * 3 + 3
    layer.feedback = "backprop"                                       # switchable both ways, B kept
    np.testing.assert_allclose(layer.backward(dy), dy @ layer.params["weight"])
    layer.feedback = "random"
    assert layer.feedback_weight is B


@pytest.mark.parametrize("optimizer", [lambda: SGD(0.1, momentum=0.9), lambda: Adam(0.01)], ids=["sgd", "adam"])
def test_one_layer_model_trains_identically_and_B_never_moves(optimizer):
    """With a single Dense layer the backward signal reaches nobody, so training must not change at all."""
    X, y = make_2d("gaussians", 120, seed=0)
    runs = {}
    for mode in ("backprop", "random"):
        model = Sequential([Dense(2, 2, dtype=F64, rng=5, feedback=mode)])
        B0 = None if mode == "backprop" else model.layers[0].feedback_weight.copy()
        model.fit(X, y, optimizer=optimizer(), epochs=5, batch_size=16, random_state=0)
        runs[mode] = model.layers[0].params["weight"]
        if B0 is not None:
            np.testing.assert_array_equal(model.layers[0].feedback_weight, B0)
    np.testing.assert_array_equal(runs["backprop"], runs["random"])


@pytest.mark.parametrize("optimizer", [lambda: SGD(0.1, momentum=0.9), lambda: Adam(0.01)], ids=["sgd", "adam"])
def test_trainer_honours_the_flag_and_still_learns(optimizer):
    X, y = make_2d("gaussians", 200, seed=1)
    weights, acc = {}, {}
    for mode in ("backprop", "random"):
        model = Sequential([Dense(2, 16, rng=0), ReLU(), Dense(16, 2, rng=1)]).set_feedback(mode)
        trainer = Trainer(model, X, y, optimizer=optimizer(), batch_size=20, random_state=0)
        trainer.run(epochs=30)
        weights[mode] = model.layers[0].params["weight"].copy()
        acc[mode] = trainer.history["accuracy"][-1]
    assert not np.allclose(weights["backprop"], weights["random"])   # the hidden layer learned differently
    assert acc["random"] > 0.9 and acc["backprop"] > 0.9


def test_feedback_matrix_survives_save_and_load(tmp_path):
    model = mlp("random", dtype=np.float32)
    path = tmp_path / "fa.npz"
    model.save(path)
    again = Sequential.load(path)
    for a, b in zip(model.layers, again.layers):
        if isinstance(a, Dense):
            assert b.feedback == "random"
            np.testing.assert_array_equal(a.feedback_weight, b.feedback_weight)


def test_seeded_and_rejects_unknown_modes():
    a, b = Dense(5, 3, rng=4, feedback="random"), Dense(5, 3, rng=4, feedback="random")
    np.testing.assert_array_equal(a.feedback_weight, b.feedback_weight)
    np.testing.assert_array_equal(a.params["weight"], Dense(5, 3, rng=4).params["weight"])
    with pytest.raises(ValueError, match="feedback must be one of"):
        Dense(2, 2, feedback="transpose")
