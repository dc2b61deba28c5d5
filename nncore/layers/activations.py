"""Elementwise activations. Each caches what its derivative needs, nothing more."""
from __future__ import annotations

from dataclasses import dataclass

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


# -- the registry: every place that lists activations by name reads it from here ---------------


@dataclass(frozen=True)
class ActivationSpec:
    """One activation function: its layer class and its name in scikit-learn's MLP (None: sklearn has none)."""

    layer: type[Layer]
    sklearn: str | None


ACTIVATIONS: dict[str, ActivationSpec] = {
    "relu": ActivationSpec(ReLU, "relu"),
    "tanh": ActivationSpec(Tanh, "tanh"),
    "sigmoid": ActivationSpec(Sigmoid, "logistic"),
    "leaky_relu": ActivationSpec(LeakyReLU, None),
    "linear": ActivationSpec(Identity, "identity"),
}
ACTIVATION_NAMES = tuple(ACTIVATIONS)
# scikit-learn's names for the same functions, in the registry's order ("relu", "tanh", "logistic", "identity")
SKLEARN_ACTIVATIONS = tuple(spec.sklearn for spec in ACTIVATIONS.values() if spec.sklearn)


def activation(name: str) -> Layer:
    """Build an activation layer from its name (one of :data:`ACTIVATION_NAMES`)."""
    try:
        return ACTIVATIONS[name].layer()
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; choose from {list(ACTIVATIONS)}") from None
