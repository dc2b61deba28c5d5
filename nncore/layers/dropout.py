"""Inverted dropout."""
from __future__ import annotations

from ..errors import InputError
from .base import Layer, as_rng


class Dropout(Layer):
    """Zero each unit with probability ``p`` while training; scale the rest by 1/(1−p).

    At inference (``training=False``) it is the identity, so no rescaling is needed there.
    """

    def __init__(self, p=0.5, rng=None):
        super().__init__()
        if not 0.0 <= float(p) < 1.0:
            raise InputError("dropout_p", "Dropout p must be in [0, 1), got {p}", p=p)
        self.p = float(p)
        self._rng = as_rng(rng)
        self._mask = None

    def forward(self, x, training=True):
        if not training or self.p == 0.0:
            self._mask = None
            return x
        keep = self._rng.random(x.shape) >= self.p
        self._mask = keep.astype(x.dtype) / x.dtype.type(1.0 - self.p)
        return x * self._mask

    def backward(self, dy):
        return dy if self._mask is None else dy * self._mask

    def get_config(self):
        return {"p": self.p}
