"""Dense, activations and dropout: float64 gradient checks and forward values."""
import numpy as np
import pytest

from nncore.gradcheck import check_layer, rel_error
from nncore.layers import (
    ACTIVATION_NAMES,
    ACTIVATIONS,
    Dense,
    Dropout,
    Flatten,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Tanh,
    activation,
)
from nncore.layers.activations import sigmoid

F64 = np.float64


def _away_from_kinks(shape, seed=0):
    x = np.random.default_rng(seed).standard_normal(shape)
    return np.where(np.abs(x) < 0.05, 0.3, x)  # no ReLU kink within a finite-difference step


@pytest.mark.parametrize("layer", [
    Dense(3, 4, dtype=F64, rng=0), Dense(5, 1, init="he", dtype=F64, rng=1),
    Dense(1, 6, init="torch", dtype=F64, rng=2),
    ReLU(), LeakyReLU(0.1), Tanh(), Sigmoid(), Flatten(),
], ids=repr)
def test_gradients_match_finite_differences(layer):
    in_dim = layer.in_features if isinstance(layer, Dense) else 3
    errors = check_layer(layer, _away_from_kinks((6, in_dim)))
    assert set(errors) == {"x", *layer.params}
    assert max(errors.values()) < 1e-7, errors


def test_dense_forward_is_x_wT_plus_b_in_pytorch_layout():
    layer = Dense(3, 2, dtype=F64, rng=0)
    assert layer.params["weight"].shape == (2, 3) and layer.params["bias"].shape == (2,)
    layer.params["bias"][:] = [1.0, -1.0]
    x = np.arange(6, dtype=F64).reshape(2, 3)
    np.testing.assert_allclose(layer.forward(x), x @ layer.params["weight"].T + [1.0, -1.0])


def test_dense_default_dtype_is_float32_and_seed_reproducible():
    a, b, c = Dense(4, 4, rng=7), Dense(4, 4, rng=7), Dense(4, 4, rng=8)
    assert a.params["weight"].dtype == np.float32
    np.testing.assert_array_equal(a.params["weight"], b.params["weight"])
    assert not np.array_equal(a.params["weight"], c.params["weight"])


def test_dense_rejects_wrong_width():
    with pytest.raises(ValueError, match=r"expects input of shape \(N, 3\)"):
        Dense(3, 2).forward(np.zeros((4, 5), np.float32))


def test_glorot_limit():
    w = Dense(300, 200, rng=0).params["weight"]
    limit = np.sqrt(6 / 500)
    assert np.abs(w).max() <= limit and np.abs(w).max() > 0.95 * limit


def test_sigmoid_is_stable_at_extremes():
    x = np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0])
    y = sigmoid(x)
    assert np.all(np.isfinite(y))
    # (1 + tanh(x/2))/2 is accurate in absolute terms (relative precision is lost below ~1e-12)
    np.testing.assert_allclose(y, 1 / (1 + np.exp(-np.clip(x, -700, 700))), rtol=1e-12, atol=1e-15)


def test_grads_are_overwritten_not_accumulated():
    layer = Dense(2, 2, dtype=F64, rng=0)
    x = np.ones((3, 2))
    layer.forward(x)
    layer.backward(np.ones((3, 2)))
    first = layer.grads["weight"].copy()
    layer.forward(x)
    layer.backward(np.ones((3, 2)))
    np.testing.assert_array_equal(layer.grads["weight"], first)


class TestDropout:
    def test_identity_at_inference(self):
        x = np.ones((10, 10))
        assert Dropout(0.5, rng=0).forward(x, training=False) is x

    def test_mask_keeps_expectation_and_routes_gradient(self):
        d = Dropout(0.25, rng=0)
        x = np.ones((400, 50))
        y = d.forward(x)
        assert abs(y.mean() - 1.0) < 0.02
        assert set(np.unique(y)) == {0.0, 1 / 0.75}
        np.testing.assert_array_equal(d.backward(np.ones_like(x)), y)

    def test_same_seed_same_mask(self):
        x = np.ones((5, 5))
        np.testing.assert_array_equal(Dropout(0.5, rng=3).forward(x), Dropout(0.5, rng=3).forward(x))

    @pytest.mark.parametrize("p", [-0.1, 1.0, 2])
    def test_bad_p(self, p):
        with pytest.raises(ValueError):
            Dropout(p)


def test_rel_error_is_symmetric_and_zero_for_equal():
    a = np.array([1.0, 2.0])
    assert rel_error(a, a) == 0.0
    assert rel_error(a, a + 1e-3) == rel_error(a + 1e-3, a) > 0


def test_activation_registry_builds_each_layer_by_name_and_refuses_unknown_names():
    assert ACTIVATION_NAMES == tuple(ACTIVATIONS)
    for name, spec in ACTIVATIONS.items():
        assert type(activation(name)) is spec.layer
    with pytest.raises(ValueError, match="swish"):
        activation("swish")
