"""Fully connected layer, PyTorch layout: ``weight`` (out, in), ``bias`` (out,)."""
from __future__ import annotations

import numpy as np

from .base import Layer, as_rng, dtype_name

INITS = ("glorot", "he", "torch")


def dense_forward(x, w, b):
    """y = x Wᵀ + b.  x: (N, in), w: (out, in), b: (out,) -> y: (N, out)."""
    y = x @ w.T
    y += b
    return y, x


def dense_backward(dy, cache, w, dw, db, need_dx=True):
    """dy: (N, out) -> dx = dy W (N, in); writes dW = dyᵀx (out, in) and db = Σₙ dy (out,) in place."""
    x = cache
    np.matmul(dy.T, x, out=dw)
    np.sum(dy, axis=0, out=db)
    return dy @ w if need_dx else None


def init_weight(rng, fan_in, fan_out, init, dtype, shape=None):
    """Uniform initialisers: Glorot (Keras' default), He, or PyTorch's default.

    ``shape`` defaults to (fan_out, fan_in); a convolution passes its kernel shape.
    """
    if init == "glorot":
        limit = np.sqrt(6.0 / (fan_in + fan_out))
    elif init == "he":
        limit = np.sqrt(6.0 / fan_in)
    elif init == "torch":
        limit = 1.0 / np.sqrt(fan_in)
    else:
        raise ValueError(f"init must be one of {INITS}, got {init!r}")
    return rng.uniform(-limit, limit, size=shape or (fan_out, fan_in)).astype(dtype)


class Dense(Layer):
    """Affine map ``y = x Wᵀ + b``.

    Parameters
    ----------
    in_features, out_features : int
    init : {"glorot", "he", "torch"}
        Uniform initialisation of ``weight``; ``bias`` starts at zero.
    dtype : numpy dtype, default float32
    rng : int, Generator or None
        Seed for the initial weights.
    """

    def __init__(self, in_features, out_features, init="glorot", dtype=np.float32, rng=None):
        super().__init__()
        in_features, out_features = int(in_features), int(out_features)
        if in_features < 1 or out_features < 1:
            raise ValueError(f"Dense needs positive sizes, got ({in_features}, {out_features})")
        self.in_features, self.out_features = in_features, out_features
        self.init, self.dtype = init, np.dtype(dtype)
        self.params = {
            "weight": init_weight(as_rng(rng), in_features, out_features, init, self.dtype),
            "bias": np.zeros(out_features, dtype=self.dtype),
        }
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self._cache = None

    def forward(self, x, training=True):
        if x.ndim != 2 or x.shape[1] != self.in_features:
            raise ValueError(
                f"Dense({self.in_features}→{self.out_features}) expects input of shape "
                f"(N, {self.in_features}), got {x.shape}")
        y, self._cache = dense_forward(x, self.params["weight"], self.params["bias"])
        return y

    def backward(self, dy):
        return dense_backward(dy, self._cache, self.params["weight"], self.grads["weight"],
                              self.grads["bias"], need_dx=not self.skip_input_grad)

    def get_config(self):
        return {"in_features": self.in_features, "out_features": self.out_features,
                "init": self.init, "dtype": dtype_name(self.dtype)}
