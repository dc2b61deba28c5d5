"""2-D convolution, PyTorch layout: input (N, C, H, W), ``weight`` (F, C, kh, kw), ``bias`` (F,).

Like every deep-learning library, "convolution" here is a cross-correlation (no kernel flip):

    y[n, f, i, j] = b[f] + Σ_c Σ_m Σ_k w[f, c, m, k] · x_pad[n, c, s·i + m, s·j + k]

Performance rules (kept next to the kernels):

- ``im2col`` builds the column matrix from ONE strided view of the padded input
  (no Python loop at all), so the forward pass is one matrix multiply per layer.
- ``col2im`` scatters the column gradient back with a loop over the kh·kw kernel
  offsets only; each offset is one strided ``+=`` on a whole sub-grid (no loop
  over samples or positions, no ``np.add.at``).
- Internally images are channels-last in memory: column rows are ordered (n, i, j) and
  columns (m, k, c), so each window is kw·C contiguous numbers per kernel row; the output
  (N, F, Ho, Wo) is a transposed view of the (N·Ho·Wo, F) product, and layers that keep
  memory layout (ReLU, pooling) hand it to the next convolution without a copy.
"""
from __future__ import annotations

import numpy as np

from .base import Layer, as_rng, dtype_name
from .dense import init_weight


def pair(v, name="value"):
    """An int or a pair of ints -> a tuple (a, b) of non-negative ints."""
    if isinstance(v, (int, np.integer)):
        a = b = int(v)
    else:
        try:
            a, b = (int(u) for u in v)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be an int or a pair of ints, got {v!r}") from None
    if a < 0 or b < 0:
        raise ValueError(f"{name} must be non-negative, got {v!r}")
    return a, b


def out_size(size, kernel, stride, padding):
    """Output length along one axis: ⌊(size + 2·padding − kernel) / stride⌋ + 1."""
    return (size + 2 * padding - kernel) // stride + 1


def _pad_nhwc(x, padding):
    """(N, C, H, W) -> zero-padded (N, Hp, Wp, C), channels last in memory (a copy or a view)."""
    xt = x.transpose(0, 2, 3, 1)
    ph, pw = padding
    if ph == 0 and pw == 0:
        return xt
    n, h, w, c = xt.shape
    xp = np.zeros((n, h + 2 * ph, w + 2 * pw, c), dtype=x.dtype)
    xp[:, ph:ph + h, pw:pw + w] = xt
    return xp


def im2col(x, kernel, stride=(1, 1), padding=(0, 0)):
    """Column matrix of all windows.

    x: (N, C, H, W) -> cols (N·Ho·Wo, kh·kw·C), rows ordered (n, i, j), columns (m, k, c);
    also returns (Ho, Wo). Built from one read-only strided view (N, Ho, Wo, kh, kw, C) of the
    channels-last padded input: a single copy, no Python loop.
    """
    n, c, h, w = x.shape
    (kh, kw), (sh, sw) = kernel, stride
    ho = out_size(h, kh, sh, padding[0])
    wo = out_size(w, kw, sw, padding[1])
    xp = _pad_nhwc(x, padding)
    s_n, s_h, s_w, s_c = xp.strides
    view = np.lib.stride_tricks.as_strided(
        xp, shape=(n, ho, wo, kh, kw, c), strides=(s_n, s_h * sh, s_w * sw, s_h, s_w, s_c), writeable=False)
    return view.reshape(n * ho * wo, kh * kw * c), (ho, wo)


def col2im(dcols, x_shape, kernel, stride=(1, 1), padding=(0, 0)):
    """Adjoint of :func:`im2col`: sum each column entry back onto the input pixel it came from.

    dcols: (N·Ho·Wo, kh·kw·C) -> dx: (N, C, H, W) (channels-last memory). Loops over the kh·kw
    kernel offsets only; each offset is one strided ``+=`` of a whole (N, Ho, Wo, C) slab.
    """
    n, c, h, w = x_shape
    (kh, kw), (sh, sw), (ph, pw) = kernel, stride, padding
    ho, wo = out_size(h, kh, sh, ph), out_size(w, kw, sw, pw)
    d = dcols.reshape(n, ho, wo, kh, kw, c)
    dxp = np.zeros((n, h + 2 * ph, w + 2 * pw, c), dtype=dcols.dtype)
    for m in range(kh):
        for k in range(kw):
            dxp[:, m:m + sh * (ho - 1) + 1:sh, k:k + sw * (wo - 1) + 1:sw] += d[:, :, :, m, k]
    return dxp[:, ph:ph + h, pw:pw + w].transpose(0, 3, 1, 2)


def _flat(w):
    """weight (F, C, kh, kw) -> (F, kh·kw·C), matching the column order of :func:`im2col`."""
    return w.transpose(0, 2, 3, 1).reshape(w.shape[0], -1)


def conv2d_forward(x, w, b, stride=(1, 1), padding=(0, 0)):
    """Cross-correlation as one matrix multiply.

    x: (N, C, H, W), w: (F, C, kh, kw), b: (F,) -> y: (N, F, Ho, Wo) and a cache.
    Notes: Y_cols = cols · W_flatᵀ + b with cols = im2col(x). ``y`` is a transposed view
    (channels-last memory); the next conv layer reads it without a copy.
    """
    f, n = w.shape[0], x.shape[0]
    cols, (ho, wo) = im2col(x, w.shape[2:], stride, padding)
    y = cols @ _flat(w).T          # (N·Ho·Wo, F)
    y += b
    return y.reshape(n, ho, wo, f).transpose(0, 3, 1, 2), (cols, x.shape)


def conv2d_backward(dy, cache, w, stride=(1, 1), padding=(0, 0), need_dx=True):
    """dy: (N, F, Ho, Wo) -> dx (N, C, H, W) (None if not ``need_dx``), dw (F, C, kh, kw), db (F,).

    Notes: with G = dy as (N·Ho·Wo, F): dW_flat = Gᵀ·cols, db = Σ_rows G, dcols = G·W_flat.
    """
    cols, x_shape = cache
    f = w.shape[0]
    g = dy.transpose(0, 2, 3, 1).reshape(-1, f)        # free when dy has channels-last memory
    dw = (g.T @ cols).reshape(f, w.shape[2], w.shape[3], w.shape[1]).transpose(0, 3, 1, 2)
    db = np.ones(len(g), dtype=g.dtype) @ g            # Σ over rows; a BLAS call beats g.sum(axis=0)
    if not need_dx:
        return None, dw, db
    return col2im(g @ _flat(w), x_shape, w.shape[2:], stride, padding), dw, db


def init_kernel(rng, shape, init, dtype):
    """Uniform initialisers with fan_in = C·kh·kw and fan_out = F·kh·kw."""
    f, c, kh, kw = shape
    return init_weight(rng, c * kh * kw, f * kh * kw, init, dtype, shape=shape)


def _plain(t):
    """(a, a) -> a, else a list: JSON-safe and readable in a config."""
    return t[0] if t[0] == t[1] else list(t)


class Conv2D(Layer):
    """2-D cross-correlation layer, like ``torch.nn.Conv2d`` (groups=1, dilation=1).

    Parameters
    ----------
    in_channels, out_channels : int
    kernel_size, stride, padding : int or (int, int)
        ``padding`` adds that many zeros on every side.
    init : {"glorot", "he", "torch"}
        Uniform initialisation of ``weight`` (PyTorch's default is "torch"); ``bias`` starts at
        zero except with "torch", which draws it from the same range as PyTorch does.
    dtype : numpy dtype, default float32
    rng : int, Generator or None
        Seed for the initial weights.
    input_grad : bool, default True
        Set False for a first layer: ``backward`` then skips dx (returns None), as PyTorch does
        for an input that needs no gradient.
    """

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, init="glorot",
                 dtype=np.float32, rng=None, input_grad=True):
        super().__init__()
        self.in_channels, self.out_channels = int(in_channels), int(out_channels)
        if self.in_channels < 1 or self.out_channels < 1:
            raise ValueError(f"Conv2D needs positive channel counts, got ({in_channels}, {out_channels})")
        self.kernel_size = pair(kernel_size, "kernel_size")
        self.stride = pair(stride, "stride")
        self.padding = pair(padding, "padding")
        if min(self.kernel_size) < 1 or min(self.stride) < 1:
            raise ValueError(f"kernel_size and stride must be ≥ 1, got {kernel_size} and {stride}")
        self.init, self.dtype, self.input_grad = init, np.dtype(dtype), bool(input_grad)
        rng = as_rng(rng)
        shape = (self.out_channels, self.in_channels, *self.kernel_size)
        weight = init_kernel(rng, shape, init, self.dtype)
        if init == "torch":
            limit = 1.0 / np.sqrt(self.in_channels * self.kernel_size[0] * self.kernel_size[1])
            bias = rng.uniform(-limit, limit, size=self.out_channels).astype(self.dtype)
        else:
            bias = np.zeros(self.out_channels, dtype=self.dtype)
        self.params = {"weight": weight, "bias": bias}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self._cache = None

    def output_shape(self, h, w):
        """(F, Ho, Wo) for an (H, W) input."""
        (kh, kw), (sh, sw), (ph, pw) = self.kernel_size, self.stride, self.padding
        return self.out_channels, out_size(h, kh, sh, ph), out_size(w, kw, sw, pw)

    def forward(self, x, training=True):
        if x.ndim != 4 or x.shape[1] != self.in_channels:
            raise ValueError(f"Conv2D({self.in_channels}→{self.out_channels}) expects input of shape "
                             f"(N, {self.in_channels}, H, W), got {x.shape}")
        _, ho, wo = self.output_shape(*x.shape[2:])
        if ho < 1 or wo < 1:
            raise ValueError(f"a {self.kernel_size[0]}×{self.kernel_size[1]} kernel with padding "
                             f"{self.padding} does not fit a {x.shape[2]}×{x.shape[3]} input")
        y, cache = conv2d_forward(x, self.params["weight"], self.params["bias"], self.stride, self.padding)
        self._cache = cache if training else None
        return y

    def backward(self, dy):
        if self._cache is None:
            raise RuntimeError("Conv2D.backward needs a forward pass with training=True first")
        dx, dw, db = conv2d_backward(dy, self._cache, self.params["weight"], self.stride, self.padding,
                                     need_dx=self.input_grad)
        self.grads["weight"][...] = dw
        self.grads["bias"][...] = db
        return dx

    def get_config(self):
        return {"in_channels": self.in_channels, "out_channels": self.out_channels,
                "kernel_size": _plain(self.kernel_size), "stride": _plain(self.stride),
                "padding": _plain(self.padding), "init": self.init, "dtype": dtype_name(self.dtype),
                "input_grad": self.input_grad}
