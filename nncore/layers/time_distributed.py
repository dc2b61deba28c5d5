"""Apply one layer to every time step of a sequence (a per-step read-out)."""
from __future__ import annotations

from .base import LAYER_REGISTRY, Layer


class TimeDistributed(Layer):
    """Apply a layer to every time step: (N, T, F) → (N, T, F′), e.g. a per-step Dense head.

    ``params``/``grads`` are the wrapped layer's own dicts (same keys), so optimizers and
    ``Sequential.save`` see them directly.  ``layer`` may also be a saved spec
    ``{"class": ..., "config": ...}`` (that is how loading rebuilds it).
    """

    def __init__(self, layer):
        super().__init__()
        if isinstance(layer, dict):
            cls = LAYER_REGISTRY.get(layer.get("class"))
            if cls is None:
                raise ValueError(f"unknown layer class {layer.get('class')!r}")
            layer = cls(**layer.get("config", {}))
        if not isinstance(layer, Layer):
            raise TypeError(f"TimeDistributed wraps an nncore Layer, got {type(layer).__name__}")
        self.layer = layer
        self.params, self.grads = layer.params, layer.grads

    def forward(self, x, training=True):
        if x.ndim != 3:
            raise ValueError(f"TimeDistributed expects (N, T, features), got {x.shape}")
        N, T = x.shape[:2]
        y = self.layer.forward(x.reshape(N * T, -1), training=training)
        return y.reshape(N, T, -1)

    def backward(self, dy):
        N, T = dy.shape[:2]
        dx = self.layer.backward(dy.reshape(N * T, -1))
        return dx.reshape(N, T, -1)

    def get_config(self):
        return {"layer": {"class": type(self.layer).__name__, "config": self.layer.get_config()}}
