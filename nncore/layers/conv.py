"""2-D convolution, PyTorch layout: input (N, C, H, W), ``weight`` (F, C, kh, kw), ``bias`` (F,).

Like every deep-learning library, "convolution" here is a cross-correlation (no kernel flip):

    y[n, f, i, j] = b[f] + Σ_c Σ_m Σ_k w[f, c, m, k] · x_pad[n, c, s·i + m, s·j + k]

Performance rules (kept next to the kernels):

- ``im2col`` builds the column matrix from ONE strided view of the padded input
  (no Python loop at all), so the forward pass is one matrix multiply per layer.
- ``col2im`` scatters the column gradient back with a loop over the kh·kw kernel
  offsets only; each offset is one strided ``+=`` on a whole sub-grid (no loop
  over samples or positions, no ``np.add.at``).
- Internally images are batch-last in memory, (C, H, W, N): column rows are ordered
  (c, m, k) — the weight's own order, so ``weight.reshape(F, -1)`` is a free view — and
  columns (i, j, n), so every strided copy or sub-grid moves runs of N contiguous numbers
  (not runs of C, which are 1 or 8 long on the digits). The output (N, F, Ho, Wo) is a
  transposed view of the (F, Ho·Wo·N) product; layers that keep memory layout (ReLU,
  pooling) hand it to the next convolution without a copy. On the CNN benchmark (8×8 digits,
  batch 64, one thread) this layout took a training run from 0.25 to 0.20 CPU s.
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


def _pad_chwn(x, padding):
    """(N, C, H, W) -> zero-padded (C, Hp, Wp, N), batch last in memory (a view when unpadded)."""
    xt = x.transpose(1, 2, 3, 0)
    ph, pw = padding
    if ph == 0 and pw == 0:
        return xt
    c, h, w, n = xt.shape
    xp = np.zeros((c, h + 2 * ph, w + 2 * pw, n), dtype=x.dtype)
    xp[:, ph:ph + h, pw:pw + w] = xt
    return xp


def im2col(x, kernel, stride=(1, 1), padding=(0, 0)):
    """Column matrix of all windows.

    x: (N, C, H, W) -> cols (C·kh·kw, Ho·Wo·N), rows ordered (c, m, k), columns (i, j, n);
    also returns (Ho, Wo). Built from one read-only strided view (C, kh, kw, Ho, Wo, N) of the
    batch-last padded input: a single copy, no Python loop.
    """
    n, c, h, w = x.shape
    (kh, kw), (sh, sw) = kernel, stride
    ho = out_size(h, kh, sh, padding[0])
    wo = out_size(w, kw, sw, padding[1])
    xp = _pad_chwn(x, padding)
    s_c, s_h, s_w, s_n = xp.strides
    view = np.lib.stride_tricks.as_strided(
        xp, shape=(c, kh, kw, ho, wo, n), strides=(s_c, s_h, s_w, s_h * sh, s_w * sw, s_n), writeable=False)
    return view.reshape(c * kh * kw, ho * wo * n), (ho, wo)


def col2im(dcols, x_shape, kernel, stride=(1, 1), padding=(0, 0)):
    """Adjoint of :func:`im2col`: sum each column entry back onto the input pixel it came from.

    dcols: (C·kh·kw, Ho·Wo·N) -> dx: (N, C, H, W) (batch-last memory). Loops over the kh·kw
    kernel offsets only; each offset is one strided ``+=`` of a whole (C, Ho, Wo, N) slab.
    """
    n, c, h, w = x_shape
    (kh, kw), (sh, sw), (ph, pw) = kernel, stride, padding
    ho, wo = out_size(h, kh, sh, ph), out_size(w, kw, sw, pw)
    d = dcols.reshape(c, kh, kw, ho, wo, n)
    dxp = np.zeros((c, h + 2 * ph, w + 2 * pw, n), dtype=dcols.dtype)
    for m in range(kh):
        for k in range(kw):
            dxp[:, m:m + sh * (ho - 1) + 1:sh, k:k + sw * (wo - 1) + 1:sw] += d[:, m, k]
    return dxp[:, ph:ph + h, pw:pw + w].transpose(3, 0, 1, 2)


def conv2d_forward(x, w, b, stride=(1, 1), padding=(0, 0)):
    """Cross-correlation as one matrix multiply.

    x: (N, C, H, W), w: (F, C, kh, kw), b: (F,) -> y: (N, F, Ho, Wo) and a cache.
    Notes: Y = W_flat · cols + b with W_flat = w as (F, C·kh·kw) and cols = im2col(x).
    ``y`` is a transposed view (batch-last memory); the next conv layer reads it without a copy.
    """
    f, n = w.shape[0], x.shape[0]
    cols, (ho, wo) = im2col(x, w.shape[2:], stride, padding)
    y = w.reshape(f, -1) @ cols          # (F, Ho·Wo·N)
    y += b[:, None]
    return y.reshape(f, ho, wo, n).transpose(3, 0, 1, 2), (cols, x.shape)


def conv2d_backward(dy, cache, w, stride=(1, 1), padding=(0, 0), need_dx=True):
    """dy: (N, F, Ho, Wo) -> dx (N, C, H, W) (None if not ``need_dx``), dw (F, C, kh, kw), db (F,).

    Notes: with G = dy as (F, Ho·Wo·N): dW_flat = G·colsᵀ, db = Σ_columns G, dcols = W_flatᵀ·G.
    """
    cols, x_shape = cache
    f = w.shape[0]
    g = dy.transpose(1, 2, 3, 0).reshape(f, -1)        # free when dy has batch-last memory
    dw = (g @ cols.T).reshape(w.shape)
    db = g @ np.ones(g.shape[1], dtype=g.dtype)        # Σ over columns; a BLAS call beats g.sum(axis=1)
    if not need_dx:
        return None, dw, db
    return col2im(w.reshape(f, -1).T @ g, x_shape, w.shape[2:], stride, padding), dw, db


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
        for an input that needs no gradient. A trainer asks the same of any first layer per call
        (``skip_input_grad``, set by ``Sequential.backward(need_input_grad=False)``), so a Conv2D
        built with the default also skips dx when it is first in a model being trained.
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
                                     need_dx=self.input_grad and not self.skip_input_grad)
        self.grads["weight"][...] = dw
        self.grads["bias"][...] = db
        return dx

    def get_config(self):
        return {"in_channels": self.in_channels, "out_channels": self.out_channels,
                "kernel_size": _plain(self.kernel_size), "stride": _plain(self.stride),
                "padding": _plain(self.padding), "init": self.init, "dtype": dtype_name(self.dtype),
                "input_grad": self.input_grad}
