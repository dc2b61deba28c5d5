"""Optimizer steps against values computed by hand."""
import numpy as np
import pytest

from nncore.optim import SGD, Adam, clip_grad_norm, get_optimizer, global_norm


def run(opt, grads):
    p = np.array([1.0, -2.0])
    for g in grads:
        opt.step([(p, np.array(g, dtype=float))])
    return p


def test_plain_sgd():
    np.testing.assert_allclose(run(SGD(0.1), [[1.0, 2.0]]), [0.9, -2.2])


def test_momentum_sgd_two_steps():
    # v1 = g1 = (1, 1); p1 = p0 - 0.1·v1;  v2 = 0.9·v1 + g2 = (1.9, 0.4); p2 = p1 - 0.1·v2
    p = run(SGD(0.1, momentum=0.9), [[1.0, 1.0], [1.0, -0.5]])
    np.testing.assert_allclose(p, [1.0 - 0.1 - 0.19, -2.0 - 0.1 - 0.04])


def test_nesterov_two_steps():
    # PyTorch form: v ← μv + g; p ← p − η(g + μv)
    # step 1: v = (1, 1), p -= 0.1·(1 + 0.9) ; step 2: v = (1.9, 0.4), p -= 0.1·(g2 + 0.9 v)
    p = run(SGD(0.1, momentum=0.9, nesterov=True), [[1.0, 1.0], [1.0, -0.5]])
    np.testing.assert_allclose(p, [1.0 - 0.19 - 0.1 * (1 + 1.71), -2.0 - 0.19 - 0.1 * (-0.5 + 0.36)])


def test_adam_first_steps():
    # Step 1: m = 0.1 g, v = 0.001 g², lr_t = lr·√(1−β₂)/(1−β₁) → update = lr·g/(|g| + ε') ≈ lr·sign(g)
    p = run(Adam(0.01), [[0.5, -4.0]])
    np.testing.assert_allclose(p, [1.0 - 0.01, -2.0 + 0.01], rtol=1e-6)
    # Step 2 by the formulas
    g1, g2 = np.array([0.5, -4.0]), np.array([1.0, 1.0])
    m = 0.9 * 0.1 * g1 + 0.1 * g2
    v = 0.999 * 0.001 * g1 ** 2 + 0.001 * g2 ** 2
    lr_t = 0.01 * np.sqrt(1 - 0.999 ** 2) / (1 - 0.9 ** 2)
    expected = np.array([1.0, -2.0]) - 0.01 * np.sign(g1) * (np.abs(g1) / (np.abs(g1) + 1e-8 / np.sqrt(0.001)))
    expected = expected - lr_t * m / (np.sqrt(v) + 1e-8)
    np.testing.assert_allclose(run(Adam(0.01), [g1, g2]), expected, rtol=1e-6)


def test_clip_grad_norm_scales_all_together():
    gs = [np.array([3.0, 0.0]), np.array([[0.0, 4.0]])]
    assert clip_grad_norm(gs, 1.0) == pytest.approx(5.0)
    assert global_norm(gs) == pytest.approx(1.0)
    np.testing.assert_allclose(gs[0], [0.6, 0.0])


def test_clip_leaves_small_gradients():
    gs = [np.array([0.3, 0.4])]
    clip_grad_norm(gs, 1.0)
    np.testing.assert_allclose(gs[0], [0.3, 0.4])


def test_optimizer_clip_norm_option():
    p = run(SGD(1.0, clip_norm=1.0), [[30.0, 40.0]])
    np.testing.assert_allclose(p, [1.0 - 0.6, -2.0 - 0.8])


@pytest.mark.parametrize("lr", [0, -1, float("nan"), float("inf")])
def test_bad_learning_rate(lr):
    with pytest.raises(ValueError, match="learning rate"):
        SGD(lr)


def test_state_is_preallocated_once():
    opt = Adam(0.1)
    p, g = np.zeros(3), np.ones(3)
    opt.step([(p, g)])
    bufs = [id(b) for b in opt._state[0].values()]
    opt.step([(p, g)])
    assert [id(b) for b in opt._state[0].values()] == bufs


@pytest.mark.parametrize("name, cls, momentum", [("sgd", SGD, 0.0), ("momentum", SGD, 0.9), ("adam", Adam, None)])
def test_get_optimizer_builds_each_name_with_lr_and_clipping(name, cls, momentum):
    opt = get_optimizer(name, lr=0.2, clip_norm=1.5)
    assert type(opt) is cls and opt.lr == 0.2 and opt.clip_norm == 1.5
    if momentum is not None:
        assert opt.momentum == momentum


def test_get_optimizer_passes_instances_through_and_refuses_unknown_names():
    sgd = SGD(0.1)
    assert get_optimizer(sgd) is sgd
    assert type(get_optimizer(None)) is Adam and get_optimizer("adam").lr == Adam().lr
    with pytest.raises(ValueError, match="rmsprop"):
        get_optimizer("rmsprop")


def _reference_step(opt_kind, params, grads, state, t, lr=0.01, b1=0.9, b2=0.999, eps=1e-8, mu=0.9):
    """One update of each array on its own, written from the formulas (the pre-packing code path)."""
    for i, (p, g) in enumerate(zip(params, grads)):
        s = state.setdefault(i, {"m": np.zeros_like(p), "v": np.zeros_like(p)})
        if opt_kind == "adam":
            s["m"] *= b1
            s["m"] += g * (1 - b1)
            s["v"] *= b2
            g2 = g * g
            g2 *= 1 - b2
            s["v"] += g2
            step = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            d = np.sqrt(s["v"])
            d += eps
            d = s["m"] / d
            d *= step
            p -= d
        else:
            s["v"] *= mu
            s["v"] += g
            p -= s["v"] * lr


@pytest.mark.parametrize("opt_kind", ["adam", "momentum"])
def test_packed_update_is_bit_identical_to_one_array_at_a_time(opt_kind):
    """Small arrays share one flat buffer (and large ones are chunked), yet every number moves
    exactly as in the per-array update; mixed dtypes stay apart."""
    rng = np.random.default_rng(0)
    shapes = [(7, 3), (5,), (300, 300), (2, 2, 3), (1,)]
    dtypes = [np.float32, np.float32, np.float32, np.float64, np.float64]
    params = [rng.standard_normal(s).astype(d) for s, d in zip(shapes, dtypes)]
    ref = [p.copy() for p in params]
    opt = Adam(0.01) if opt_kind == "adam" else SGD(0.01, momentum=0.9)
    state = {}
    for t in range(1, 6):
        grads = [rng.standard_normal(s).astype(d) for s, d in zip(shapes, dtypes)]
        opt.step(list(zip(params, grads)))
        _reference_step(opt_kind, ref, grads, state, t)
        for p, r in zip(params, ref):
            assert p.dtype == r.dtype
            np.testing.assert_array_equal(p, r)


@pytest.mark.parametrize("make", [lambda: Adam(0.01), lambda: SGD(0.1, momentum=0.9)], ids=["adam", "momentum"])
def test_a_deep_copy_mid_training_goes_on_exactly_like_the_original(make):
    """The replay cache hands each session a deep copy of a trained model and its optimizer; the packed
    optimizer state must keep reaching the copy's parameters (views rebuilt, not copied apart)."""
    import copy

    from nncore.layers import Dense
    rng = np.random.default_rng(0)
    layers = [Dense(5, 4, rng=1), Dense(4, 3, rng=2)]
    opt = make()

    def steps(layers, opt, n, seed):
        r = np.random.default_rng(seed)
        for _ in range(n):
            for layer in layers:
                for k in layer.grads:
                    layer.grads[k][...] = r.standard_normal(layer.grads[k].shape)
            opt.step([(layer.params[k], layer.grads[k]) for layer in layers for k in layer.params])

    steps(layers, opt, 3, seed=int(rng.integers(100)))
    twin_layers, twin_opt = copy.deepcopy((layers, opt))
    steps(layers, opt, 3, seed=7)
    steps(twin_layers, twin_opt, 3, seed=7)
    for a, b in zip(layers, twin_layers):
        for k in a.params:
            np.testing.assert_array_equal(a.params[k], b.params[k])
