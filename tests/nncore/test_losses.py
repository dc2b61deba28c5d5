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
@pytest.mark.parametrize("classes", [2, 3, 4, 5, 10])
def test_softmax_and_cross_entropy_equal_the_plain_method_calls_bit_for_bit(dtype, classes):
    """softmax calls the ufuncs directly (no .max/.sum wrappers; up to SMALL_C classes column by
    column) and cross-entropy reuses its row indices: the very same numbers as the plain calls, also
    for rows with huge, infinite or NaN logits."""
    rng = np.random.default_rng(3 + classes)
    for n, scale in [(17, 20.0), (64, 1.0), (5, 300.0), (1, 1.0)]:
        z = (rng.standard_normal((n, classes)) * scale).astype(dtype)
        y = rng.integers(0, classes, n)
        ref = z - z.max(axis=1, keepdims=True)
        ref = np.exp(ref)
        ref /= ref.sum(axis=1, keepdims=True)
        np.testing.assert_array_equal(softmax(z), ref)
        loss, grad = cross_entropy(z, y)
        picked = np.log(np.maximum(ref[np.arange(n), y], np.finfo(dtype).tiny))
        assert loss == float(-(np.add.reduce(picked) / n))
        ref[np.arange(n), y] -= 1
        np.testing.assert_array_equal(grad, ref / n)
    z = rng.standard_normal((4, classes)).astype(dtype)
    z[1, 0], z[2, -1] = np.inf, np.nan
    with np.errstate(invalid="ignore"):
        ref = z - z.max(axis=1, keepdims=True)
        ref = np.exp(ref)
        ref /= ref.sum(axis=1, keepdims=True)
        np.testing.assert_array_equal(softmax(z), ref)            # NaN rows where the plain calls have them
    zf = np.asfortranarray(rng.standard_normal((9, classes)).astype(dtype))   # columns contiguous
    ref = zf - zf.max(axis=1, keepdims=True)
    ref = np.exp(ref)
    ref /= ref.sum(axis=1, keepdims=True)
    np.testing.assert_array_equal(softmax(zf), ref)
