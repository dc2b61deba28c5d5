"""MaxPool2D / AvgPool2D: naive-loop references, first-max ties, float64 gradient checks, PyTorch gold."""
import numpy as np
import pytest

from nncore.gradcheck import check_layer, rel_error
from nncore.layers import AvgPool2D, MaxPool2D

F64 = np.float64

# (kernel, stride, padding, H, W)
CASES = [(2, None, 0, 8, 8), (2, None, 0, 7, 5), (3, 2, 1, 7, 6), (2, 1, 0, 5, 4),
         ((2, 3), (1, 2), (1, 1), 6, 7), (3, 3, 0, 6, 6)]
IDS = [f"k{k}s{s}p{p}_{h}x{w}" for k, s, p, h, w in CASES]


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def naive_pool(x, dy, kernel, stride, padding, kind):
    """Loops over every window: forward value and the gradient routed back (first max wins)."""
    (kh, kw) = _pair(kernel)
    (sh, sw) = _pair(stride if stride is not None else kernel)
    (ph, pw) = _pair(padding)
    n, c, h, w = x.shape
    fill = -np.inf if kind == "max" else 0.0
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=fill)
    ho, wo = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    y = np.zeros((n, c, ho, wo))
    dxp = np.zeros_like(xp)
    for i in range(n):
        for ch in range(c):
            for r in range(ho):
                for q in range(wo):
                    win = xp[i, ch, r * sh:r * sh + kh, q * sw:q * sw + kw]
                    if kind == "max":
                        flat = int(np.argmax(win))          # argmax returns the FIRST maximum
                        y[i, ch, r, q] = win.flat[flat]
                        a, b = divmod(flat, kw)
                        dxp[i, ch, r * sh + a, q * sw + b] += dy[i, ch, r, q]
                    else:
                        y[i, ch, r, q] = win.mean()
                        dxp[i, ch, r * sh:r * sh + kh, q * sw:q * sw + kw] += dy[i, ch, r, q] / (kh * kw)
    return y, dxp[:, :, ph:ph + h, pw:pw + w]


LAYERS = {"max": MaxPool2D, "avg": AvgPool2D}


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_forward_and_backward_match_the_naive_loops(kind, case):
    k, s, p, h, w = case
    layer = LAYERS[kind](k, stride=s, padding=p)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 3, h, w))
    y = layer.forward(x)
    dy = rng.standard_normal(y.shape)
    ref_y, ref_dx = naive_pool(x, dy, k, s, p, kind)
    np.testing.assert_allclose(y, ref_y, atol=1e-12)
    np.testing.assert_allclose(layer.backward(dy), ref_dx, atol=1e-12)


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_gradients_match_finite_differences(kind, case):
    k, s, p, h, w = case
    size = 2 * 2 * h * w
    x = np.random.default_rng(1).permutation(size).reshape(2, 2, h, w) / size  # distinct: no ties
    errors = check_layer(LAYERS[kind](k, stride=s, padding=p), x.astype(F64))
    assert set(errors) == {"x"}
    assert errors["x"] < 1e-6, errors


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_max_pool_ties_send_the_gradient_to_the_first_maximum_only(case):
    """Zeros after a ReLU tie all the time: each window's gradient must go to one pixel, the first."""
    k, s, p, h, w = case
    x = np.random.default_rng(2).integers(0, 2, size=(2, 2, h, w)).astype(F64)   # many ties
    layer = MaxPool2D(k, stride=s, padding=p)
    y = layer.forward(x)
    dy = np.ones_like(y)
    dx = layer.backward(dy)
    _, ref_dx = naive_pool(x, dy, k, s, p, "max")
    np.testing.assert_array_equal(dx, ref_dx)
    assert dx.sum() == pytest.approx(y.size)           # one unit of gradient per window, no more


def test_all_equal_window_routes_to_top_left():
    layer = MaxPool2D(2)
    layer.forward(np.zeros((1, 1, 2, 2)))
    np.testing.assert_array_equal(layer.backward(np.ones((1, 1, 1, 1)))[0, 0], [[1, 0], [0, 0]])


@pytest.mark.parametrize("cls", [MaxPool2D, AvgPool2D])
def test_config_round_trip_and_defaults(cls):
    layer = cls(3, stride=(1, 2), padding=1)
    clone = cls(**layer.get_config())
    assert clone.get_config() == layer.get_config() == {"kernel_size": 3, "stride": [1, 2], "padding": 1}
    assert cls(2).stride == (2, 2) and layer.params == {} and layer.grads == {}


@pytest.mark.parametrize("cls", [MaxPool2D, AvgPool2D])
@pytest.mark.parametrize("bad", [dict(kernel_size=0), dict(kernel_size=2, stride=0),
                                 dict(kernel_size=2, padding=2)])
def test_bad_arguments_raise(cls, bad):
    with pytest.raises(ValueError):
        cls(**bad)


@pytest.mark.parametrize("cls", [MaxPool2D, AvgPool2D])
@pytest.mark.parametrize("shape", [(2, 3, 3), (1, 1, 1, 1)])
def test_bad_input_shape_raises_a_clear_value_error(cls, shape):
    with pytest.raises(ValueError, match=cls.__name__):
        cls(2).forward(np.zeros(shape, np.float32))


def test_float32_stays_float32():
    x = np.random.default_rng(0).random((2, 1, 4, 4)).astype(np.float32)
    for cls in (MaxPool2D, AvgPool2D):
        layer = cls(2)
        assert layer.forward(x).dtype == np.float32
        assert layer.backward(np.ones((2, 1, 2, 2), np.float32)).dtype == np.float32


# -- PyTorch gold ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_matches_pytorch(kind, ties, case):
    torch = pytest.importorskip("torch")
    k, s, p, h, w = case
    rng = np.random.default_rng(3)
    x = rng.integers(0, 2, size=(2, 2, h, w)).astype(F64) if ties else rng.standard_normal((2, 2, h, w))
    layer = LAYERS[kind](k, stride=s, padding=p)
    y = layer.forward(x)
    dy = rng.standard_normal(y.shape)
    dx = layer.backward(dy)
    xt = torch.tensor(x, requires_grad=True)
    fn = torch.nn.functional.max_pool2d if kind == "max" else torch.nn.functional.avg_pool2d
    yt = fn(xt, layer.kernel_size, layer.stride, layer.padding)
    yt.backward(torch.tensor(dy))
    assert rel_error(y, yt.detach().numpy()) < 1e-12
    assert rel_error(dx, xt.grad.numpy()) < 1e-12
