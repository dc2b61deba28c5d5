"""Losses: values against direct formulas, gradients against finite differences (float64)."""
import numpy as np
import pytest

from nncore.gradcheck import numerical_gradient, rel_error
from nncore.losses import binary_cross_entropy, cross_entropy, get_loss, mse, softmax

rng = np.random.default_rng(0)


def test_cross_entropy_value():
    z = np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0]])
    y = np.array([0, 2])
    expected = -np.mean([np.log(np.exp(2) / np.exp([2, 1, 0.1]).sum()), np.log(1 / 3)])
    assert cross_entropy(z, y)[0] == pytest.approx(expected, rel=1e-12)


def test_softmax_is_shift_invariant_and_stable():
    z = np.array([[1000.0, 1001.0], [-5.0, -4.0]])
    p = softmax(z.copy())
    np.testing.assert_allclose(p[0], p[1])
    np.testing.assert_allclose(p.sum(1), 1)


@pytest.mark.parametrize("name,pred,target", [
    ("cross_entropy", rng.standard_normal((5, 4)), rng.integers(0, 4, 5)),
    ("cross_entropy", rng.standard_normal((3, 6, 4)), rng.integers(0, 4, (3, 6))),
    ("binary_cross_entropy", rng.uniform(0.05, 0.95, (6, 1)), rng.integers(0, 2, 6)),
    ("mse", rng.standard_normal((4, 3)), rng.standard_normal((4, 3))),
])
def test_loss_gradients(name, pred, target):
    fn = get_loss(name)
    _, grad = fn(pred.copy(), target)
    num = numerical_gradient(lambda: fn(pred, target)[0], pred)
    assert rel_error(grad, num) < 1e-7


def test_bce_matches_formula_and_clips():
    p = np.array([[0.9], [0.2]])
    y = np.array([1, 0])
    assert binary_cross_entropy(p, y)[0] == pytest.approx(-(np.log(0.9) + np.log(0.8)) / 2)
    loss, grad = binary_cross_entropy(np.array([[0.0], [1.0]]), np.array([1, 0]))
    assert np.isfinite(loss) and loss == pytest.approx(-np.log(1e-7), rel=1e-6)
    assert np.all(grad == 0)  # clipped region passes no gradient, as in Keras


def test_mse_value():
    assert mse(np.array([[1.0], [3.0]]), np.array([0.0, 1.0]))[0] == pytest.approx(2.5)


def test_unknown_loss_names_the_choices():
    with pytest.raises(ValueError, match="cross_entropy"):
        get_loss("hinge")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_and_cross_entropy_equal_the_plain_method_calls_bit_for_bit(dtype):
    """softmax calls the ufuncs' reduce directly (no .max/.sum wrappers): the very same numbers."""
    rng = np.random.default_rng(3)
    z = (rng.standard_normal((17, 5)) * 20).astype(dtype)
    y = rng.integers(0, 5, 17)
    ref = z - z.max(axis=1, keepdims=True)
    ref = np.exp(ref)
    ref /= ref.sum(axis=1, keepdims=True)
    np.testing.assert_array_equal(softmax(z), ref)
    loss, grad = cross_entropy(z, y)
    picked = np.log(np.maximum(ref[np.arange(17), y], np.finfo(dtype).tiny))
    assert loss == float(-(np.add.reduce(picked) / 17))
    ref[np.arange(17), y] -= 1
    np.testing.assert_array_equal(grad, ref / 17)
