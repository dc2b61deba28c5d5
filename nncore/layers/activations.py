"""Elementwise activations. Each caches what its derivative needs, nothing more."""
from __future__ import annotations

import numpy as np

from .base import Layer


class ReLU(Layer):
    """y = max(x, 0);  dy/dx = 1[x > 0]."""

    def forward(self, x, training=True):
        self._mask = x > 0
        return x * self._mask

    def backward(self, dy):
        return dy * self._mask


class LeakyReLU(Layer):
    """y = x if x > 0 else αx."""

    def __init__(self, negative_slope=0.01):
        super().__init__()
        self.negative_slope = float(negative_slope)

    def forward(self, x, training=True):
        self._mask = x > 0
        return np.where(self._mask, x, x * x.dtype.type(self.negative_slope))

    def backward(self, dy):
        return np.where(self._mask, dy, dy * dy.dtype.type(self.negative_slope))

    def get_config(self):
        return {"negative_slope": self.negative_slope}


class Tanh(Layer):
    """y = tanh x;  dy/dx = 1 − y²."""

    def forward(self, x, training=True):
        self._y = np.tanh(x)
        return self._y

    def backward(self, dy):
        return dy * (1 - self._y * self._y)


def sigmoid(x):
    """Numerically stable logistic function σ(x) = 1 / (1 + e^(−x))."""
    # σ(x) = (1 + tanh(x/2)) / 2: one ufunc, no overflow for any x.
    y = np.tanh(x * x.dtype.type(0.5))
    y += 1
    y *= 0.5
    return y


class Sigmoid(Layer):
    """y = σ(x);  dy/dx = y(1 − y)."""

    def forward(self, x, training=True):
        self._y = sigmoid(x)
        return self._y

    def backward(self, dy):
        return dy * self._y * (1 - self._y)


class Identity(Layer):
    """y = x (a linear output)."""

    def forward(self, x, training=True):
        return x

    def backward(self, dy):
        return dy


ACTIVATIONS = {"relu": ReLU, "tanh": Tanh, "sigmoid": Sigmoid,
               "leaky_relu": LeakyReLU, "linear": Identity}


def activation(name: str) -> Layer:
    """Build an activation layer from its name ("relu", "tanh", "sigmoid", "leaky_relu", "linear")."""
    try:
        return ACTIVATIONS[name]()
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; choose from {sorted(ACTIVATIONS)}") from None
