"""Fully connected layer, PyTorch layout: ``weight`` (out, in), ``bias`` (out,).

Feedback alignment (Lillicrap et al. 2016, Nat Commun 7:13276) is an option of the layer, not a
separate training loop: with ``feedback="random"`` the error sent back to the layer below is
``dy B`` with a fixed random matrix ``B`` (out, in) instead of ``dy W``.  Only that backward signal
changes: the forward pass and this layer's own gradients (dW = dyᵀx, db = Σ dy) are those of
backprop, and ``B`` is not a parameter, so the Trainer and every optimizer work unchanged.
"""
from __future__ import annotations

import numpy as np

from ..errors import InputError
from .base import Layer, as_rng, dtype_name

INITS = ("glorot", "he", "torch")
FEEDBACK = ("backprop", "random")


def dense_forward(x, w, b):
    """y = x Wᵀ + b.  x: (N, in), w: (out, in), b: (out,) -> y: (N, out)."""
    y = x @ w.T
    y += b
    return y, x


def dense_backward(dy, cache, w, dw, db, need_dx=True, w_back=None):
    """dy: (N, out) -> dx = dy W (N, in); writes dW = dyᵀx (out, in) and db = Σₙ dy (out,) in place.

    ``w_back`` (out, in), if given, replaces W in the backward signal only: dx = dy B (feedback alignment).
    """
    x = cache
    np.matmul(dy.T, x, out=dw)
    np.add.reduce(dy, axis=0, out=db)     # = np.sum, without its Python wrapper
    if not need_dx:
        return None
    return dy @ (w if w_back is None else w_back)


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
    feedback : {"backprop", "random"}
        What carries the error to the layer below: ``W`` (backprop) or a fixed random ``B``
        of the same shape and initial scale (feedback alignment).  Can be switched later
        through the ``feedback`` attribute; ``B`` stays the same once drawn.
    feedback_seed : int or None
        Seed for ``B``.  None derives one from ``rng`` without drawing from it (so every layer's
        weights are the same as without feedback alignment); it is kept in the config, so a saved
        model rebuilds the same ``B``.
    """

    def __init__(self, in_features, out_features, init="glorot", dtype=np.float32, rng=None,
                 feedback="backprop", feedback_seed=None):
        super().__init__()
        in_features, out_features = int(in_features), int(out_features)
        if in_features < 1 or out_features < 1:
            raise InputError("dense_sizes", "Dense needs positive sizes, got ({n_in}, {n_out})", n_in=in_features,
                             n_out=out_features)
        self.in_features, self.out_features = in_features, out_features
        self.init, self.dtype = init, np.dtype(dtype)
        self.params = {
            "weight": init_weight(as_rng(rng), in_features, out_features, init, self.dtype),
            "bias": np.zeros(out_features, dtype=self.dtype),
        }
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self._cache = None
        self._rng = rng
        self.feedback_seed = None if feedback_seed is None else int(feedback_seed)
        self.feedback_weight = None     # B (out, in), drawn on first use of feedback="random"
        self.feedback = feedback

    @property
    def feedback(self) -> str:
        return self._feedback

    @feedback.setter
    def feedback(self, mode):
        if mode not in FEEDBACK:
            raise ValueError(f"feedback must be one of {FEEDBACK}, got {mode!r}")
        self._feedback = mode
        if mode == "random" and self.feedback_weight is None:
            if self.feedback_seed is None:
                # a child of the weights' seed: a shared Generator is not advanced, so the layers
                # built after this one get the same weights as without feedback alignment
                seq = (self._rng.bit_generator.seed_seq.spawn(1)[0] if isinstance(self._rng, np.random.Generator)
                       else np.random.SeedSequence(self._rng))
                self.feedback_seed = int(seq.generate_state(1)[0])
            self.feedback_weight = init_weight(as_rng(self.feedback_seed), self.in_features, self.out_features,
                                               self.init, self.dtype)

    def forward(self, x, training=True):
        if x.ndim != 2 or x.shape[1] != self.in_features:
            raise InputError("dense_input", "Dense({n_in}→{n_out}) expects input of shape (N, {n_in}), got {shape}",
                             n_in=self.in_features, n_out=self.out_features, shape=tuple(x.shape))
        y, self._cache = dense_forward(x, self.params["weight"], self.params["bias"])
        return y

    def backward(self, dy):
        w_back = self.feedback_weight if self._feedback == "random" else None
        return dense_backward(dy, self._cache, self.params["weight"], self.grads["weight"],
                              self.grads["bias"], need_dx=not self.skip_input_grad, w_back=w_back)

    def get_config(self):
        config = {"in_features": self.in_features, "out_features": self.out_features,
                  "init": self.init, "dtype": dtype_name(self.dtype)}
        if self._feedback != "backprop":
            config.update(feedback=self._feedback, feedback_seed=self.feedback_seed)
        return config
