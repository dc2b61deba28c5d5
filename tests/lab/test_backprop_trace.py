"""lab.backprop_trace: the recorded steps are nncore's numbers, and they pass the gradient check."""
import numpy as np
import pytest

from lab import backprop_trace as sw
from nncore import gradcheck
from nncore.losses import get_loss

CONFIGS = [(head, act, h, o) for head in sw.HEADS for act in sw.HIDDEN_ACTIVATIONS
           for h, o in ((2, 1), (3, 2)) if not (head == "softmax_ce" and o == 1)]


def make(head, act, h, o, seed=3):
    net = sw.random_net(seed, h, o, act, head)
    x = np.array([0.7, -0.4])
    if head == "softmax_ce":
        y = np.array([o - 1])
    elif head == "sigmoid_bce":
        y = np.linspace(1.0, 0.0, o)
    else:
        y = np.linspace(0.8, -0.3, o)
    return net, x, y


def away_from_kinks(tr):
    return np.abs(tr.q["Z1"]).min() > 1e-4


@pytest.mark.parametrize("head,act,h,o", CONFIGS)
def test_gradients_match_finite_differences(head, act, h, o):
    net, x, y = make(head, act, h, o)
    tr = sw.trace(net, x, y)
    assert away_from_kinks(tr)
    rows = sw.gradient_check(net, x, y)
    assert len(rows) == sum(p.size for p in net.params().values())
    assert max(r.rel_error for r in rows) < 1e-6
    for r in rows:  # the analytic column is exactly the trace's gradient
        assert r.analytic == tr.grads[r.param][r.index]


@pytest.mark.parametrize("head,act,h,o", CONFIGS[::3])
def test_trace_gradients_are_the_models_own(head, act, h, o):
    net, x, y = make(head, act, h, o, seed=11)
    tr = sw.trace(net, x, y)
    model = net.build()
    loss, d = get_loss(net.loss_name)(model.forward(x[None]), tr.y)
    model.backward(d)
    grads = [g for _, g in model.param_pairs()]
    for name, g in zip(sw.PARAMS, grads):
        np.testing.assert_array_equal(tr.grads[name], g)
    assert tr.loss == pytest.approx(loss, rel=0, abs=0)
    assert max(gradcheck.check_model(model, x[None], tr.y, get_loss(net.loss_name))) < 1e-6


@pytest.mark.parametrize("head", list(sw.HEADS))
def test_steps_are_ordered_forward_then_backward(head):
    net, x, y = make(head, "tanh", 3, 2)
    tr = sw.trace(net, x, y)
    keys = [s.key for s in tr.steps]
    assert keys[:6] == ["X", "Z1", "H", "Z2", "Yhat", "L"]
    assert keys[-7:] == ["dW2", "db2", "dH", "f_prime", "delta1", "dW1", "db1"]
    assert len(keys) == (14 if head == "softmax_ce" else 16)
    phases = [s.phase for s in tr.steps]
    assert phases == sorted(phases, key=lambda p: p != "forward")
    assert [s.param for s in tr.steps if s.kind == "grad"] == ["W2", "b2", "W1", "b1"]
    assert tr.step(99) is tr.steps[-1] and tr.step(-3) is tr.steps[0]


@pytest.mark.parametrize("head,act", [("sigmoid_bce", "sigmoid"), ("linear_mse", "relu"),
                                      ("sigmoid_mse", "leaky_relu"), ("softmax_ce", "tanh")])
def test_each_backward_step_is_local_times_upstream(head, act):
    net, x, y = make(head, act, 3, 2)
    tr = sw.trace(net, x, y)
    for s in tr.steps:
        if s.phase != "backward" or s.local is None:
            continue
        if s.key == "dH":  # a sum over the outputs each hidden unit feeds
            np.testing.assert_allclose(s.value, s.upstream @ s.local, rtol=1e-12, atol=1e-15)
        else:
            np.testing.assert_allclose(s.value, np.reshape(s.local * s.upstream, s.value.shape),
                                       rtol=1e-12, atol=1e-15)


def test_softmax_ce_delta_is_prediction_minus_onehot():
    net, x, _ = make("softmax_ce", "sigmoid", 3, 2)
    tr = sw.trace(net, x, [0])
    np.testing.assert_allclose(tr.q["Yhat"].sum(), 1.0)
    np.testing.assert_allclose(tr.q["delta2"], tr.q["Yhat"] - np.array([[1.0, 0.0]]), atol=1e-12)


@pytest.mark.parametrize("n", [1, 4])
def test_batch_shapes_and_bias_sums_over_samples(n):
    net, x, y = make("linear_mse", "tanh", 3, 2)
    X, Y = sw.example_batch(net, x, y, n=n, seed=0)
    tr = sw.trace(net, X, Y)
    q = tr.q
    assert q["Z1"].shape == q["H"].shape == q["dH"].shape == q["delta1"].shape == (n, 3)
    assert q["Z2"].shape == q["Yhat"].shape == q["delta2"].shape == (n, 2)
    assert tr.grads["W1"].shape == (3, 2) and tr.grads["W2"].shape == (2, 3)
    np.testing.assert_allclose(tr.grads["b2"], q["delta2"].sum(axis=0))
    np.testing.assert_allclose(tr.grads["b1"], q["delta1"].sum(axis=0))
    np.testing.assert_allclose(tr.grads["W2"], q["delta2"].T @ q["H"])
    np.testing.assert_array_equal(X[0], x)
    assert max(r.rel_error for r in sw.gradient_check(net, X, Y)) < 1e-6


@pytest.mark.parametrize("head", ["sigmoid_bce", "softmax_ce"])
def test_example_batch_targets_are_valid(head):
    net, x, y = make(head, "relu", 2, 2)
    X, Y = sw.example_batch(net, x, y, n=5, seed=4)
    assert X.shape == (5, 2)
    sw.as_targets(net, Y, 5)  # raises if invalid
    if head == "sigmoid_bce":
        assert set(np.unique(Y[1:])) <= {0.0, 1.0}


@pytest.mark.parametrize("lr", [1e-3, 0.1, 2.0])
def test_sgd_step_moves_against_the_gradient(lr):
    net, x, y = make("linear_mse", "tanh", 3, 1)
    tr = sw.trace(net, x, y)
    before, after, new = sw.sgd_step(net, x, y, lr)
    assert before == pytest.approx(tr.loss)
    for name in sw.PARAMS:
        np.testing.assert_allclose(new.params()[name], net.params()[name] - lr * tr.grads[name], rtol=1e-12)
    assert after == pytest.approx(sw.loss_of(new, x, y))
    if lr == 1e-3:  # small enough to follow the slope: L falls by ≈ η‖g‖²
        g2 = sum(float((g * g).sum()) for g in tr.grads.values())
        assert before - after == pytest.approx(lr * g2, rel=0.05)


@pytest.mark.parametrize("head,act", [("linear_mse", "sigmoid"), ("linear_mse", "tanh"), ("sigmoid_bce", "relu")])
def test_learning_rate_regimes(head, act):
    net = sw.default_net(3, 1, act, head)
    reg = sw.lr_regimes(net, sw.DEFAULT_X, [1.0])
    assert reg["too_small"] < reg["good"] < reg["too_large"]
    small = sw.sgd_step(net, sw.DEFAULT_X, [1.0], reg["too_small"])
    good = sw.sgd_step(net, sw.DEFAULT_X, [1.0], reg["good"])
    assert good[1] < small[1] < small[0]  # both descend; the good rate descends much further
    large = sw.sgd_step(net, sw.DEFAULT_X, [1.0], reg["too_large"])
    if head == "linear_mse":
        assert reg["rises"] and large[1] > large[0]  # overshoot
    traj = sw.descend(net, sw.DEFAULT_X, [1.0], reg["good"], steps=5)
    assert traj.shape == (6,) and traj[-1] < traj[0]


@pytest.mark.parametrize("head,relation", [("sigmoid_bce", "equal"), ("softmax_ce", "equal"),
                                           ("linear_mse", "proportional"), ("sigmoid_mse", "different")])
def test_article_formula_is_the_hidden_to_output_gradient_at_best(head, relation):
    o = 2 if head == "softmax_ce" else 1
    net = sw.default_net(3, o, "sigmoid", head)
    tr = sw.trace(net, sw.DEFAULT_X, [1.0] * o if head != "softmax_ce" else [1])
    art = sw.article_gradients(tr)
    assert art["relation"] == relation
    assert art["article_W"].shape == net.W2.shape != net.W1.shape  # never the input→hidden gradient


@pytest.mark.parametrize("kwargs,match", [
    (dict(W1=np.ones((3, 3))), "shapes"),
    (dict(b2=np.array([np.nan])), "finite"),
    (dict(hidden="softplus"), "activation"),
    (dict(head="hinge"), "head"),
])
def test_bad_networks_are_rejected(kwargs, match):
    base = sw.default_net(3, 1).params()
    base.update(kwargs)
    with pytest.raises(ValueError, match=match):
        sw.TinyNet(**base)


@pytest.mark.parametrize("head,y,match", [("sigmoid_bce", [1.5], "between 0 and 1"),
                                          ("softmax_ce", [2], "class labels"),
                                          ("linear_mse", [np.inf], "finite")])
def test_bad_targets_are_rejected(head, y, match):
    net = sw.default_net(3, 2 if head == "softmax_ce" else 1, "tanh", head)
    with pytest.raises(ValueError, match=match):
        sw.trace(net, sw.DEFAULT_X, y)


def test_softmax_needs_two_outputs_and_sizes_are_checked():
    with pytest.raises(ValueError, match="2 outputs"):
        sw.default_net(3, 1, "tanh", "softmax_ce")
    with pytest.raises(ValueError, match="hidden units"):
        sw.default_net(5, 1)


def test_random_net_is_seeded():
    a, b = sw.random_net(7), sw.random_net(7)
    for k in sw.PARAMS:
        np.testing.assert_array_equal(a.params()[k], b.params()[k])
    assert not np.array_equal(sw.random_net(8).W1, a.W1)
