"""The Trainer's penalty hook and the quadratic penalty behind EWC and L2-to-old-weights."""
import numpy as np
import pytest

from nncore import Sequential, Trainer
from nncore.datasets import make_2d
from nncore.gradcheck import directional_check, numerical_gradient, rel_error
from nncore.layers import Dense, Tanh
from nncore.losses import cross_entropy
from nncore.optim import SGD, Adam
from nncore.penalties import QuadraticPenalty


def small_model(dtype=np.float64, seed=0):
    return Sequential([Dense(2, 6, dtype=dtype, rng=seed), Tanh(), Dense(6, 3, dtype=dtype, rng=seed + 1)])


def shifted_anchor_and_importance(model, seed=1):
    r = np.random.default_rng(seed)
    anchor = [p + r.standard_normal(p.shape) for p, _ in model.param_pairs()]
    importance = [r.random(p.shape) for p, _ in model.param_pairs()]
    return anchor, importance


@pytest.mark.parametrize("weighted", [True, False])
def test_penalty_value_and_gradient_float64(weighted):
    model = small_model()
    anchor, importance = shifted_anchor_and_importance(model)
    pen = QuadraticPenalty(anchor, 2.5, importance if weighted else None)
    pairs = model.param_pairs()
    for _, g in pairs:
        g[...] = 0
    value = pen(pairs)
    F = importance if weighted else [np.ones_like(a) for a in anchor]
    expected = 0.5 * 2.5 * sum(float((f * (p - a) ** 2).sum()) for f, (p, _), a in zip(F, pairs, anchor))
    assert value == pytest.approx(expected, rel=1e-12)

    def value_only():
        zeros = [(p, np.zeros_like(p)) for p, _ in pairs]
        return pen(zeros)

    # P is quadratic, so central differences are exact up to rounding: a wide step keeps rounding small.
    errors = [rel_error(g, numerical_gradient(value_only, p, eps=1e-3)) for p, g in pairs]
    assert max(errors) < 1e-8, errors


def test_loss_plus_penalty_gradient_along_a_random_direction_float64():
    """What the trainer hands the optimizer: ∇(cross-entropy + EWC penalty), checked along one direction."""
    r = np.random.default_rng(2)
    model = small_model()
    X, y = r.standard_normal((10, 2)), r.integers(0, 3, 10)
    anchor, importance = shifted_anchor_and_importance(model, seed=3)
    pen = QuadraticPenalty(anchor, 0.7, importance)

    def f_and_grad():
        loss, dout = cross_entropy(model.forward(X), y)
        model.backward(dout)
        loss += pen(model.param_pairs())
        return loss, [g.copy() for _, g in model.param_pairs()]

    params = [p for p, _ in model.param_pairs()]
    assert directional_check(f_and_grad, params, seed=0) < 1e-7


def test_trainer_adds_the_penalty_to_loss_and_gradient():
    X, y = make_2d("blobs", 40, 0.1, seed=0)
    y = y % 3
    a, b = small_model(), small_model()
    anchor, importance = shifted_anchor_and_importance(a)
    pen = QuadraticPenalty(anchor, 0.3, importance)
    ta = Trainer(a, X, y, optimizer=SGD(0.05), batch_size=40, random_state=0, penalty=pen)
    tb = Trainer(b, X, y, optimizer=SGD(0.05), batch_size=40, random_state=0)
    ca, _ = cross_entropy(a.forward(X), y)
    pen_value = pen([(p, np.zeros_like(p)) for p, _ in a.param_pairs()])
    assert ta.step() == pytest.approx(ca + pen_value, rel=1e-10)
    tb.step()
    # Same batch, same start: the two SGD updates differ by exactly −lr · λF(θ₀ − θ*).
    theta0 = [p.copy() for p, _ in small_model().param_pairs()]
    for (pa, _), (pb, _), th, anc, f in zip(a.param_pairs(), b.param_pairs(), theta0, anchor, importance):
        np.testing.assert_allclose(pa - pb, -0.05 * 0.3 * f * (th - anc), rtol=1e-9, atol=1e-12)


def test_a_strong_penalty_holds_the_weights_at_the_anchor_and_zero_strength_changes_nothing():
    X, y = make_2d("moons", 120, 0.1, seed=1)
    model = small_model(np.float32, seed=4)
    anchor = [p.copy() for p, _ in model.param_pairs()]
    strong = Trainer(model, X, y, optimizer=Adam(0.01), random_state=0, penalty=QuadraticPenalty(anchor, 1e4))
    strong.run(epochs=5)
    drift = max(float(np.abs(p - a).max()) for (p, _), a in zip(model.param_pairs(), anchor))
    assert drift < 0.02                            # free training moves these weights by ~0.5
    free, zero = small_model(np.float32, seed=4), small_model(np.float32, seed=4)
    free.fit(X, y, optimizer=Adam(0.01), epochs=5, random_state=0)
    Trainer(zero, X, y, optimizer=Adam(0.01), random_state=0, penalty=[QuadraticPenalty(anchor, 0.0)]).run(epochs=5)
    for (p1, _), (p2, _) in zip(free.param_pairs(), zero.param_pairs()):
        np.testing.assert_array_equal(p1, p2)
    assert max(float(np.abs(p - a).max()) for (p, _), a in zip(free.param_pairs(), anchor)) > 0.1


def test_penalty_refuses_bad_settings():
    model = small_model()
    anchor = [p for p, _ in model.param_pairs()]
    for strength in (-1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="strength"):
            QuadraticPenalty(anchor, strength)
    with pytest.raises(ValueError, match="importance"):
        QuadraticPenalty(anchor, 1.0, [-np.ones_like(a) for a in anchor])
    with pytest.raises(ValueError, match="shapes"):
        QuadraticPenalty(anchor, 1.0, [np.ones(3)] * len(anchor))
    with pytest.raises(ValueError, match="anchored"):
        QuadraticPenalty(anchor[:2], 1.0)(model.param_pairs())
