"""2-D max and average pooling on (N, C, H, W), like ``torch.nn.MaxPool2d`` / ``AvgPool2d``.

Output size per axis: ⌊(H + 2·padding − k) / stride⌋ + 1 (floor mode, PyTorch's default).

Performance rules (kept next to the kernels):

- A pooling window of k×k pixels is k·k *strided sub-grids* of the input: offset (m, n)
  picks x[:, :, m::s, n::s] (trimmed to Ho×Wo). Max-pooling is the elementwise maximum
  of those k·k arrays, average-pooling their sum / k²: one whole-array ufunc per kernel
  offset, never a Python loop over samples or positions, never a reduction over a tiny axis.
- Inputs coming from Conv2D are batch-last in memory, so each sub-grid is runs of N
  contiguous numbers; ``backward`` first brings dy into the layout of the forward output.
- The max-pool gradient goes to the FIRST maximum of each window in row-major order (as
  PyTorch does): offsets are visited in that order and a window that has already
  received its gradient is masked out.
"""
from __future__ import annotations

import numpy as np

from .base import Layer
from .conv import _plain, out_size, pair


def pad_nchw(x, padding, value=0.0):
    """Pad the two spatial axes of (N, C, H, W) with ``value`` (a copy that keeps x's memory
    layout; no copy when padding is 0)."""
    ph, pw = padding
    if ph == 0 and pw == 0:
        return x
    n, c, h, w = x.shape
    xp = np.full_like(x, value, shape=(n, c, h + 2 * ph, w + 2 * pw))
    xp[:, :, ph:ph + h, pw:pw + w] = x
    return xp


def _subgrid(x, m, n, stride, out_hw):
    """The strided sub-grid of offset (m, n): x[:, :, m + s·i, n + s·j] for i < Ho, j < Wo (a view)."""
    (sh, sw), (ho, wo) = stride, out_hw
    return x[:, :, m:m + sh * (ho - 1) + 1:sh, n:n + sw * (wo - 1) + 1:sw]


def _out_hw(x_shape, kernel, stride, padding):
    h, w = x_shape[2:]
    return out_size(h, kernel[0], stride[0], padding[0]), out_size(w, kernel[1], stride[1], padding[1])


def maxpool2d_forward(x, kernel, stride, padding=(0, 0)):
    """x: (N, C, H, W) -> y: (N, C, Ho, Wo), the maximum over each window; cache for backward."""
    out_hw = _out_hw(x.shape, kernel, stride, padding)
    xp = pad_nchw(x, padding, value=-np.inf)
    y = np.copy(_subgrid(xp, 0, 0, stride, out_hw), order="K")    # keeps x's memory layout
    for m in range(kernel[0]):
        for n in range(kernel[1]):
            if m or n:
                np.maximum(y, _subgrid(xp, m, n, stride, out_hw), out=y)
    return y, (xp, y, x.shape)


def _like(a, ref):
    """``a`` in ``ref``'s memory layout: a copy only when the layouts differ. A gradient that
    arrives C-ordered (from Flatten) would otherwise make every sub-grid ufunc below walk two
    layouts at once, several times slower than one copy."""
    if a.strides == ref.strides:
        return a
    out = np.empty_like(ref, dtype=a.dtype)
    out[...] = a
    return out


def _tiles(shape, kernel, stride, out_hw):
    """True when the windows tile the (padded) input exactly: every pixel in exactly one window."""
    return all(s == k and o * s == size for s, k, o, size in zip(stride, kernel, out_hw, shape[2:]))


def maxpool2d_backward(dy, cache, kernel, stride, padding=(0, 0)):
    """dy: (N, C, Ho, Wo) -> dx: (N, C, H, W); each window's gradient to its first maximum."""
    xp, y, x_shape = cache
    out_hw = y.shape[2:]
    dy = _like(dy, y)
    tiles = _tiles(xp.shape, kernel, stride, out_hw)
    dxp = np.empty_like(xp, dtype=dy.dtype) if tiles else np.zeros_like(xp, dtype=dy.dtype)
    todo = np.empty_like(y, dtype=bool)         # windows still waiting for their gradient
    hit = np.empty_like(y, dtype=bool)
    disjoint = all(s >= k for s, k in zip(stride, kernel))   # each pixel in at most one window
    last = kernel[0] * kernel[1] - 1
    for o in range(last + 1):
        m, n = divmod(o, kernel[1])
        np.equal(_subgrid(xp, m, n, stride, out_hw), y, out=hit)
        if o == 0:
            np.logical_not(hit, out=todo)
        else:
            hit &= todo
            if o < last:
                todo ^= hit
        target = _subgrid(dxp, m, n, stride, out_hw)
        if disjoint:
            np.multiply(dy, hit, out=target)
        else:
            target += dy * hit
    ph, pw = padding
    return dxp[:, :, ph:ph + x_shape[2], pw:pw + x_shape[3]] if (ph or pw) else dxp


def avgpool2d_forward(x, kernel, stride, padding=(0, 0)):
    """x: (N, C, H, W) -> y: (N, C, Ho, Wo), the mean over each window (zero padding counted, as
    PyTorch's default ``count_include_pad=True``)."""
    out_hw = _out_hw(x.shape, kernel, stride, padding)
    xp = pad_nchw(x, padding, value=0.0)
    y = np.copy(_subgrid(xp, 0, 0, stride, out_hw), order="K")
    for m in range(kernel[0]):
        for n in range(kernel[1]):
            if m or n:
                y += _subgrid(xp, m, n, stride, out_hw)
    y *= y.dtype.type(1.0 / (kernel[0] * kernel[1]))
    return y, (xp.shape, x.shape)


def avgpool2d_backward(dy, cache, kernel, stride, padding=(0, 0)):
    """dy: (N, C, Ho, Wo) -> dx: (N, C, H, W); each window spreads dy / k² over its pixels."""
    xp_shape, x_shape = cache
    out_hw = dy.shape[2:]
    share = dy * dy.dtype.type(1.0 / (kernel[0] * kernel[1]))     # keeps dy's memory layout
    dxp = np.zeros(xp_shape, dtype=dy.dtype)
    disjoint = all(s >= k for s, k in zip(stride, kernel))
    for m in range(kernel[0]):
        for n in range(kernel[1]):
            target = _subgrid(dxp, m, n, stride, out_hw)
            if disjoint:
                target[...] = share
            else:
                target += share
    ph, pw = padding
    return dxp[:, :, ph:ph + x_shape[2], pw:pw + x_shape[3]] if (ph or pw) else dxp


class _Pool2D(Layer):
    """Shared checks and config of the pooling layers (no parameters)."""

    _forward = _backward = None

    def __init__(self, kernel_size, stride=None, padding=0):
        super().__init__()
        self.kernel_size = pair(kernel_size, "kernel_size")
        self.stride = self.kernel_size if stride is None else pair(stride, "stride")
        self.padding = pair(padding, "padding")
        if min(self.kernel_size) < 1 or min(self.stride) < 1:
            raise ValueError(f"kernel_size and stride must be ≥ 1, got {kernel_size} and {stride}")
        if any(2 * p > k for p, k in zip(self.padding, self.kernel_size)):
            raise ValueError(f"padding {padding} must be at most half the kernel size {kernel_size}")
        self._cache = None

    def output_shape(self, h, w):
        """(Ho, Wo) for an (H, W) input."""
        return _out_hw((0, 0, h, w), self.kernel_size, self.stride, self.padding)

    def forward(self, x, training=True):
        name = type(self).__name__
        if x.ndim != 4:
            raise ValueError(f"{name} expects input of shape (N, C, H, W), got {x.shape}")
        ho, wo = self.output_shape(*x.shape[2:])
        if ho < 1 or wo < 1:
            raise ValueError(f"a {self.kernel_size[0]}×{self.kernel_size[1]} {name} window does not fit "
                             f"a {x.shape[2]}×{x.shape[3]} input")
        y, cache = type(self)._forward(x, self.kernel_size, self.stride, self.padding)
        self._cache = cache if training else None
        return y

    def backward(self, dy):
        if self._cache is None:
            raise RuntimeError(f"{type(self).__name__}.backward needs a forward pass with training=True first")
        return type(self)._backward(dy, self._cache, self.kernel_size, self.stride, self.padding)

    def get_config(self):
        return {"kernel_size": _plain(self.kernel_size), "stride": _plain(self.stride),
                "padding": _plain(self.padding)}


class MaxPool2D(_Pool2D):
    """Maximum over each k×k window; the gradient goes to the window's first maximum (row-major).

    Parameters
    ----------
    kernel_size : int or (int, int)
    stride : int or (int, int), default ``kernel_size``
    padding : int or (int, int), default 0 (padded with −∞, at most half the kernel)
    """

    _forward = staticmethod(maxpool2d_forward)
    _backward = staticmethod(maxpool2d_backward)


class AvgPool2D(_Pool2D):
    """Mean over each k×k window (zero padding is counted in the mean, as in PyTorch).

    Parameters
    ----------
    kernel_size : int or (int, int)
    stride : int or (int, int), default ``kernel_size``
    padding : int or (int, int), default 0
    """

    _forward = staticmethod(avgpool2d_forward)
    _backward = staticmethod(avgpool2d_backward)
