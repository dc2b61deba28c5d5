"""Diagonal empirical Fisher information, from per-example gradients in one vectorised pass.

    F̂ᵢ = (1/N) Σₙ (∂ℓₙ/∂θᵢ)²,   ℓₙ = the loss of example n alone, at its true label.

The empirical Fisher (labels from the data, not sampled from the model) measures how sharply each
example's loss bends when a parameter moves: elastic weight consolidation (Kirkpatrick et al. 2017,
PNAS 114:3521) uses it to decide which weights matter for a task that is done.

No loop over examples: for a Dense layer the gradient of example n is an outer product,
∂ℓₙ/∂W = δₙ xₙᵀ with δₙ = ∂ℓₙ/∂yₙ, so Σₙ (δₙ xₙᵀ)² = (δ²)ᵀ (x²) — one matrix product of the
squared deltas and the squared inputs.
"""
from __future__ import annotations

import numpy as np

from .layers import Dense, Dropout, Flatten, Identity, LeakyReLU, ReLU, Sigmoid, Tanh
from .losses import get_loss

# Parameter-free layers whose backward needs only the cache of the forward pass just run.
_PASS_THROUGH = (ReLU, LeakyReLU, Tanh, Sigmoid, Identity, Flatten, Dropout)


def _check_layers(model):
    for i, layer in enumerate(model.layers):
        if not isinstance(layer, (Dense, *_PASS_THROUGH)):
            raise TypeError(f"diagonal_fisher handles Dense and elementwise layers; layer {i} is "
                            f"{type(layer).__name__}")


def diagonal_fisher(model, X, y, loss="cross_entropy", batch_size=2048):
    """Mean squared per-example gradient of every parameter.

    Parameters
    ----------
    model : Sequential
        Dense layers with elementwise activations between them (an MLP).
    X : (N, in) array;  y : (N,) integer labels (or (N, out) targets for ``mse``).
    loss : str or callable
        A mean-over-the-batch loss returning ``(loss, dL/dout)``; the per-example gradient is N·dL/dout.
    batch_size : int
        Examples per forward pass (memory only; the result does not depend on it).

    Returns
    -------
    list of arrays, one per parameter in ``model.param_pairs()`` order, each of that parameter's shape.

    Notes
    -----
    Runs the layers with ``training=False`` (no dropout) and leaves the model's ``grads`` untouched.
    """
    _check_layers(model)
    X = np.asarray(X, dtype=model.dtype)
    y = np.asarray(y)
    if len(X) == 0 or len(X) != len(y):
        raise ValueError(f"need as many labels as examples (≥ 1); got X {X.shape}, y {y.shape}")
    loss_fn = get_loss(loss)
    fisher = {(i, k): np.zeros_like(p) for i, layer in enumerate(model.layers) for k, p in layer.params.items()}
    for start in range(0, len(X), batch_size):
        xb, yb = X[start:start + batch_size], y[start:start + batch_size]
        inputs = []                                    # the input each layer saw: Dense needs it
        h = xb
        for layer in model.layers:
            inputs.append(h)
            h = layer.forward(h, training=False)
        _, dout = loss_fn(h, yb)
        dy = dout * dout.dtype.type(len(xb))           # per-example gradients δₙ = ∂ℓₙ/∂out, (n, out)
        for i in range(len(model.layers) - 1, -1, -1):
            layer = model.layers[i]
            if isinstance(layer, Dense):
                x = inputs[i]
                fisher[i, "weight"] += (dy * dy).T @ (x * x)          # Σₙ δₙ² xₙ²ᵀ  (out, in)
                fisher[i, "bias"] += (dy * dy).sum(axis=0)                 # Σₙ δₙ²  (out,)
                if i:
                    dy = dy @ layer.params["weight"]                  # δ of the layer below, (n, in)
            elif i:
                dy = layer.backward(dy)
    n = np.asarray(len(X), dtype=model.dtype)
    return [fisher[i, k] / n for i, layer in enumerate(model.layers) for k in layer.params]
