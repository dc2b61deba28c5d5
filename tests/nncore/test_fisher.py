"""Diagonal empirical Fisher: equal to per-example gradients squared, checked by finite differences."""
import numpy as np
import pytest

from nncore import Sequential
from nncore.datasets import digits_split
from nncore.fisher import diagonal_fisher
from nncore.gradcheck import numerical_gradient, rel_error
from nncore.layers import Conv2D, Dense, Dropout, Flatten, ReLU, Sigmoid, Tanh
from nncore.losses import cross_entropy, mse


def mlp(sizes, act=Tanh, dtype=np.float64, seed=0):
    rng = np.random.default_rng(seed)
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(Dense(a, b, dtype=dtype, rng=rng))
        if i < len(sizes) - 2:
            layers.append(act())
    return Sequential(layers)


def loop_reference(model, X, y, loss_fn):
    """The definition, one example at a time: mean over n of (∂ℓₙ/∂θ)² from the model's own backward."""
    total = [np.zeros_like(p, dtype=np.float64) for p, _ in model.param_pairs()]
    for n in range(len(X)):
        _, dout = loss_fn(model.forward(X[n:n + 1], training=False), y[n:n + 1])
        model.backward(dout)
        for acc, (_, g) in zip(total, model.param_pairs()):
            acc += g.astype(np.float64) ** 2
    return [t / len(X) for t in total]


@pytest.mark.parametrize("act", [Tanh, Sigmoid])
def test_fisher_is_the_mean_squared_finite_difference_gradient_float64(act):
    r = np.random.default_rng(3)
    model = mlp([4, 5, 3, 3], act=act)
    X, y = r.standard_normal((6, 4)), r.integers(0, 3, 6)
    fisher = diagonal_fisher(model, X, y)
    expected = [np.zeros_like(p) for p, _ in model.param_pairs()]
    for n in range(len(X)):
        def loss_n(n=n):
            return cross_entropy(model.forward(X[n:n + 1], training=False), y[n:n + 1])[0]
        for acc, (p, _) in zip(expected, model.param_pairs()):
            acc += numerical_gradient(loss_n, p) ** 2 / len(X)
    errors = [rel_error(f, e) for f, e in zip(fisher, expected)]
    assert max(errors) < 1e-6, errors


def test_fisher_equals_the_per_example_loop_on_digits_with_relu_and_batches():
    Xtr, _, ytr, _ = digits_split(images=False, dtype=np.float64)
    model = mlp([64, 32, 16, 10], act=ReLU, seed=1)
    X, y = Xtr[:300], ytr[:300]
    reference = loop_reference(model, X, y, cross_entropy)
    for batch_size in (7, 4096):                       # chunking changes nothing
        fisher = diagonal_fisher(model, X, y, batch_size=batch_size)
        assert [f.shape for f in fisher] == [p.shape for p, _ in model.param_pairs()]
        errors = [rel_error(f, r) for f, r in zip(fisher, reference)]
        assert max(errors) < 1e-9, errors


def test_fisher_for_mse_and_leaves_grads_and_dropout_alone():
    r = np.random.default_rng(0)
    model = Sequential([Dense(3, 6, dtype=np.float64, rng=0), ReLU(), Dropout(0.5, rng=1),
                        Dense(6, 2, dtype=np.float64, rng=2)])
    X, y = r.standard_normal((20, 3)), r.standard_normal((20, 2))
    grads_before = [g.copy() for _, g in model.param_pairs()]
    fisher = diagonal_fisher(model, X, y, loss="mse")
    for g, before in zip((g for _, g in model.param_pairs()), grads_before):
        np.testing.assert_array_equal(g, before)
    model.layers[2].p = 0.0                       # the reference with dropout off, as Fisher runs it
    errors = [rel_error(f, e) for f, e in zip(fisher, loop_reference(model, X, y, mse))]
    assert max(errors) < 1e-9, errors


def test_unimportant_inputs_get_zero_fisher():
    """A pixel that is 0 in every example cannot change any loss: its weights get exactly 0."""
    Xtr, _, ytr, _ = digits_split(images=False)
    dead = np.flatnonzero(Xtr.max(axis=0) == 0)
    assert len(dead) >= 1
    model = mlp([64, 16, 10], act=ReLU, dtype=np.float32)
    fisher = diagonal_fisher(model, Xtr, ytr)
    assert np.all(fisher[0][:, dead] == 0)
    assert fisher[0].max() > 0 and all(np.all(f >= 0) for f in fisher)


def test_fisher_refuses_layers_it_cannot_vectorise_and_bad_shapes():
    model = Sequential([Conv2D(1, 2, 3, rng=0), Flatten(), Dense(72, 3, rng=1)])
    with pytest.raises(TypeError, match="Conv2D"):
        diagonal_fisher(model, np.zeros((2, 1, 8, 8)), np.zeros(2, int))
    with pytest.raises(ValueError, match="labels"):
        diagonal_fisher(mlp([2, 3]), np.zeros((4, 2)), np.zeros(3, int))
