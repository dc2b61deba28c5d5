"""Conv2D: a naive-loop reference kept here, float64 gradient checks, PyTorch gold (optional)."""
import numpy as np
import pytest

from nncore import Sequential
from nncore.gradcheck import check_layer, rel_error
from nncore.layers import AvgPool2D, Conv2D, Dense, Flatten, MaxPool2D, ReLU
from nncore.layers.conv import col2im, conv2d_backward, conv2d_forward, im2col

F64 = np.float64

# (C, F, kernel, stride, padding, H, W)
CASES = [
    (1, 2, 3, 1, 0, 5, 5),
    (2, 3, 3, 1, 1, 6, 5),
    (3, 2, 2, 2, 0, 7, 6),          # stride leaves a remainder row/column unused
    (2, 4, (2, 3), (2, 1), (1, 0), 6, 7),
    (1, 1, 1, 1, 0, 3, 4),
    (2, 2, 3, 3, 2, 5, 5),          # padding bigger than the stride
]
IDS = [f"C{c}F{f}k{k}s{s}p{p}_{h}x{w}" for c, f, k, s, p, h, w in CASES]


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def naive_conv_forward(x, w, b, stride, padding):
    """Four loops, the definition: y[n,f,i,j] = b[f] + Σ_{c,m,k} w[f,c,m,k] x_pad[n,c,s·i+m,s·j+k]."""
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    ho, wo = (h + 2 * ph - kh) // sh + 1, (wd + 2 * pw - kw) // sw + 1
    y = np.zeros((n, f, ho, wo))
    for i in range(n):
        for o in range(f):
            for r in range(ho):
                for q in range(wo):
                    y[i, o, r, q] = b[o] + np.sum(w[o] * xp[i, :, r * sh:r * sh + kh, q * sw:q * sw + kw])
    return y


def naive_conv_backward(dy, x, w, stride, padding):
    """The adjoint loops: every output pixel sends dy·w to its window and dy·x to the weight."""
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    dxp, dw = np.zeros_like(xp), np.zeros_like(w)
    for i in range(n):
        for o in range(f):
            for r in range(dy.shape[2]):
                for q in range(dy.shape[3]):
                    win = (i, slice(None), slice(r * sh, r * sh + kh), slice(q * sw, q * sw + kw))
                    dxp[win] += dy[i, o, r, q] * w[o]
                    dw[o] += dy[i, o, r, q] * xp[win]
    return dxp[:, :, ph:ph + h, pw:pw + wd], dw, dy.sum(axis=(0, 2, 3))


def _case(case, seed=0):
    c, f, k, s, p, h, w = case
    rng = np.random.default_rng(seed)
    layer = Conv2D(c, f, k, stride=s, padding=p, init="torch", dtype=F64, rng=seed)
    return layer, rng.standard_normal((2, c, h, w))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_forward_and_backward_match_the_naive_loops(case):
    layer, x = _case(case)
    w, b = layer.params["weight"], layer.params["bias"]
    y = layer.forward(x)
    np.testing.assert_allclose(y, naive_conv_forward(x, w, b, layer.stride, layer.padding), atol=1e-12)
    dy = np.random.default_rng(1).standard_normal(y.shape)
    dx = layer.backward(dy)
    ref_dx, ref_dw, ref_db = naive_conv_backward(dy, x, w, layer.stride, layer.padding)
    np.testing.assert_allclose(dx, ref_dx, atol=1e-12)
    np.testing.assert_allclose(layer.grads["weight"], ref_dw, atol=1e-12)
    np.testing.assert_allclose(layer.grads["bias"], ref_db, atol=1e-12)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_gradients_match_finite_differences(case):
    layer, x = _case(case, seed=3)
    errors = check_layer(layer, x)
    assert set(errors) == {"x", "weight", "bias"}
    assert max(errors.values()) < 1e-5, errors   # elementwise relative error; small entries dominate


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_col2im_is_the_adjoint_of_im2col(case):
    """⟨im2col(x), D⟩ = ⟨x, col2im(D)⟩ for every x and D: the scatter-back is exact."""
    c, _, k, s, p, h, w = case
    k, s, p = _pair(k), _pair(s), _pair(p)
    rng = np.random.default_rng(2)
    x = rng.standard_normal((3, c, h, w))
    cols, _ = im2col(x, k, s, p)
    d = rng.standard_normal(cols.shape)
    assert np.vdot(cols, d) == pytest.approx(np.vdot(x, col2im(d, x.shape, k, s, p)), rel=1e-12)


def test_output_layout_does_not_change_the_numbers():
    """The output is a channels-last view; feeding it (or a C-ordered copy) gives the same result."""
    a = Conv2D(2, 3, 3, padding=1, dtype=F64, rng=0)
    b = Conv2D(3, 2, 3, padding=1, dtype=F64, rng=1)
    x = np.random.default_rng(0).standard_normal((4, 2, 5, 5))
    h = a.forward(x)
    assert not h.flags.c_contiguous
    np.testing.assert_allclose(b.forward(h), b.forward(np.ascontiguousarray(h)), atol=1e-12)


def test_kernels_are_pure_functions_of_their_arrays():
    rng = np.random.default_rng(4)
    x, w, b = rng.standard_normal((2, 1, 4, 4)), rng.standard_normal((2, 1, 3, 3)), np.array([0.5, -1.0])
    x0 = x.copy()
    y, cache = conv2d_forward(x, w, b, (1, 1), (0, 0))
    dx, dw, db = conv2d_backward(np.ones_like(y), cache, w, (1, 1), (0, 0))
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_allclose(db, [8.0, 8.0])      # 2 samples × 2×2 output pixels
    np.testing.assert_allclose(dw[0, 0], [[x[:, 0, i:i + 2, j:j + 2].sum() for j in range(3)] for i in range(3)])
    assert dx.shape == x.shape


def test_input_grad_false_skips_dx_but_keeps_weight_grads():
    x = np.random.default_rng(0).standard_normal((2, 1, 6, 6))
    full = Conv2D(1, 2, 3, dtype=F64, rng=0)
    lean = Conv2D(1, 2, 3, dtype=F64, rng=0, input_grad=False)
    dy = np.ones((2, 2, 4, 4))
    full.forward(x)
    lean.forward(x)
    assert lean.backward(dy) is None and full.backward(dy) is not None
    np.testing.assert_allclose(lean.grads["weight"], full.grads["weight"])


def test_a_first_conv_skips_dx_when_the_trainer_needs_none():
    """Sequential.backward(need_input_grad=False) — what Trainer calls — spares a default-built first
    Conv2D its dx (None) and changes no weight gradient; the next backward computes dx again."""
    x = np.random.default_rng(1).standard_normal((3, 1, 6, 6))
    dy = np.random.default_rng(2).standard_normal((3, 2 * 4 * 4))
    grads = []
    for need in (False, True, False):
        model = Sequential([Conv2D(1, 2, 3, dtype=F64, rng=0), Flatten()])
        model.forward(x)
        dx = model.backward(dy, need_input_grad=need)
        assert (dx is None) != need
        assert model.layers[0].skip_input_grad is False        # reset after the call
        grads.append(model.layers[0].grads["weight"].copy())
    np.testing.assert_array_equal(grads[0], grads[1])
    np.testing.assert_array_equal(grads[1], grads[2])


def test_defaults_float32_pytorch_shapes_and_seeding():
    a, b = Conv2D(3, 5, (2, 4), rng=7), Conv2D(3, 5, (2, 4), rng=7)
    assert a.params["weight"].shape == (5, 3, 2, 4) and a.params["bias"].shape == (5,)
    assert a.params["weight"].dtype == np.float32 and set(a.grads) == set(a.params)
    np.testing.assert_array_equal(a.params["weight"], b.params["weight"])
    assert a.forward(np.zeros((1, 3, 4, 4), np.float32)).dtype == np.float32


@pytest.mark.parametrize("bad", [
    dict(args=(1, 2, 3), x_shape=(2, 2, 5, 5)),          # wrong channel count
    dict(args=(1, 2, 3), x_shape=(2, 5, 5)),             # not NCHW
    dict(args=(1, 2, 5), x_shape=(2, 1, 3, 3)),          # kernel bigger than the image
])
def test_bad_input_raises_a_clear_value_error(bad):
    with pytest.raises(ValueError, match="Conv2D|kernel"):
        Conv2D(*bad["args"]).forward(np.zeros(bad["x_shape"], np.float32))


@pytest.mark.parametrize("kwargs", [dict(kernel_size=0), dict(kernel_size=3, stride=0),
                                    dict(kernel_size="x"), dict(kernel_size=3, padding=-1)])
def test_bad_constructor_arguments_raise(kwargs):
    with pytest.raises(ValueError):
        Conv2D(1, 2, **kwargs)


def test_cnn_saves_and_loads_without_pickle(tmp_path):
    model = Sequential([Conv2D(1, 4, 3, stride=1, padding=1, rng=0, input_grad=False), ReLU(), MaxPool2D(2),
                        Conv2D(4, 6, (3, 2), padding=(1, 0), rng=1), ReLU(), AvgPool2D(2, stride=1),
                        Flatten(), Dense(6 * 3 * 2, 10, rng=2)])
    x = np.random.default_rng(0).random((3, 1, 8, 8)).astype(np.float32)
    path = tmp_path / "cnn.npz"
    model.save(path)
    loaded = Sequential.load(path)
    assert [type(l).__name__ for l in loaded.layers] == [type(l).__name__ for l in model.layers]
    assert loaded.layers[3].get_config() == model.layers[3].get_config()
    np.testing.assert_array_equal(loaded.forward(x, training=False), model.forward(x, training=False))


# -- PyTorch gold ------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_matches_pytorch_conv2d(case):
    torch = pytest.importorskip("torch")
    layer, x = _case(case, seed=5)
    y = layer.forward(x)
    dy = np.random.default_rng(6).standard_normal(y.shape)
    dx = layer.backward(dy)
    xt = torch.tensor(x, requires_grad=True)
    wt = torch.tensor(layer.params["weight"], requires_grad=True)
    bt = torch.tensor(layer.params["bias"], requires_grad=True)
    yt = torch.nn.functional.conv2d(xt, wt, bt, stride=layer.stride, padding=layer.padding)
    yt.backward(torch.tensor(dy))
    assert rel_error(y, yt.detach().numpy()) < 1e-10
    assert rel_error(dx, xt.grad.numpy()) < 1e-10
    assert rel_error(layer.grads["weight"], wt.grad.numpy()) < 1e-10
    assert rel_error(layer.grads["bias"], bt.grad.numpy()) < 1e-10


def test_pytorch_weights_load_directly():
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    ref = torch.nn.Conv2d(2, 3, 3, stride=2, padding=1).double()
    layer = Conv2D(2, 3, 3, stride=2, padding=1, dtype=F64)
    for k in ("weight", "bias"):
        layer.params[k][...] = getattr(ref, k).detach().numpy()
    x = np.random.default_rng(0).standard_normal((2, 2, 7, 7))
    with torch.no_grad():
        np.testing.assert_allclose(layer.forward(x), ref(torch.tensor(x)).numpy(), atol=1e-12)
