"""Flatten every axis after the batch axis."""
from __future__ import annotations

from .base import Layer


class Flatten(Layer):
    """(N, d1, d2, ...) -> (N, d1·d2·...)."""

    def forward(self, x, training=True):
        self._shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, dy):
        return dy.reshape(self._shape)
