"""Layer base class: the contract every nncore layer follows (see :class:`Layer`)."""
from __future__ import annotations

import numpy as np

LAYER_REGISTRY: dict[str, type] = {}


class Layer:
    """Base class of every layer. The contract:

    Parameters
        ``params`` and ``grads`` are dicts with identical keys and shapes (both empty for a layer without
        parameters), named like PyTorch's (``weight`` (out, in[, kh, kw]), ``bias`` (out,), ``weight_ih`` …),
        in the layer's dtype (float32 by default, float64 on request). Optimizers update ``params`` in place
        from ``grads``; the trainer's L1/L2 penalty applies to every key not starting with ``bias``.
    Shapes
        ``forward(x, training=True) -> y`` takes a batch, first axis N: (N, features), images (N, C, H, W)
        or sequences (N, T, features); each layer's docstring gives its own. ``backward(dy) -> dx`` takes
        dL/dy of y's shape and returns dL/dx of x's shape.
    Cached state
        ``forward`` keeps what ``backward`` needs (its input, a mask, the argmax …) from the last call only,
        so ``backward`` belongs to the latest ``forward``. ``backward`` overwrites ``grads`` (never
        accumulates). ``training=False`` is inference: no dropout; a layer need not keep a cache then.
    Input gradient
        ``skip_input_grad`` is set by the trainer on a model's first layer, whose dL/dx nobody needs; that
        layer may then skip computing it and return None.
    Saving
        ``get_config()`` returns the JSON-safe constructor arguments, and every subclass registers itself by
        class name in ``LAYER_REGISTRY``, so a model is saved as ``.npz`` and loaded without pickle.
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
