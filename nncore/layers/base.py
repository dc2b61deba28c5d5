"""Layer base class: the contract every nncore layer follows.

A layer holds ``params`` and ``grads`` (dicts with identical keys, empty when
the layer has no parameters) and one cache from the last forward pass.
``forward(x, training=True) -> y`` and ``backward(dy) -> dx``; ``backward``
overwrites ``grads``.  ``get_config()`` returns the JSON-safe constructor
arguments so a model can be saved as ``.npz`` without pickle.
"""
from __future__ import annotations

import numpy as np

LAYER_REGISTRY: dict[str, type] = {}


class Layer:
    """Base class. Subclasses register themselves by class name for loading.

    ``skip_input_grad``: set by the trainer on a model's first layer, whose input
    gradient nobody needs; a layer may then return None from ``backward``.
    """

    skip_input_grad = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        LAYER_REGISTRY[cls.__name__] = cls

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, x: np.ndarray, training: bool = True) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def backward(self, dy: np.ndarray) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def get_config(self) -> dict:
        return {}

    @property
    def n_params(self) -> int:
        return int(sum(p.size for p in self.params.values()))

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def as_rng(rng) -> np.random.Generator:
    """Turn a seed, ``None`` or a Generator into a Generator (never the global state)."""
    return np.random.default_rng(rng)


def dtype_name(dtype) -> str:
    return np.dtype(dtype).name
