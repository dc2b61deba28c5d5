"""gradcheck catches wrong gradients, not only confirms right ones."""
import numpy as np

from nncore.gradcheck import check_layer, directional_check, numerical_gradient
from nncore.layers import Dense, Tanh


def test_numerical_gradient_of_a_quadratic():
    x = np.array([1.0, -2.0, 3.0])
    np.testing.assert_allclose(numerical_gradient(lambda: float((x ** 2).sum()), x), 2 * x, rtol=1e-8)


def test_check_layer_flags_a_broken_backward():
    class BrokenTanh(Tanh):
        def backward(self, dy):
            return dy * (1 - self._y)  # wrong: should be 1 − y²

    x = np.random.default_rng(0).standard_normal((4, 3))
    assert check_layer(Tanh(), x)["x"] < 1e-8
    assert check_layer(BrokenTanh(), x)["x"] > 1e-2


def test_directional_check_on_dense():
    layer = Dense(4, 3, dtype=np.float64, rng=0)
    x = np.random.default_rng(1).standard_normal((5, 4))
    r = np.random.default_rng(2).standard_normal((5, 3))

    def f_and_grad():
        y = layer.forward(x)
        layer.backward(r)
        return float((y * r).sum()), [layer.grads["weight"], layer.grads["bias"]]

    assert directional_check(f_and_grad, [layer.params["weight"], layer.params["bias"]]) < 1e-8
