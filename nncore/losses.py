"""Losses by name. Each returns ``(loss, dpred)`` with the loss a mean over the batch.

- ``cross_entropy``: softmax on logits (N, C) with integer labels (N,).
- ``binary_cross_entropy``: probabilities (N, 1) or (N,) against 0/1 targets (Keras-style, clipped).
- ``mse``: mean of squared errors over all elements.
"""
from __future__ import annotations

import numpy as np

BCE_EPS = 1e-7  # Keras' epsilon for clipping probabilities


def softmax(logits):
    """Row-wise softmax, shifted by the row maximum for stability. (N, C) -> (N, C)."""
    # the ufuncs' own reduce: what .max/.sum call, without their Python wrappers (a few µs per batch)
    z = logits - np.maximum.reduce(logits, axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= np.add.reduce(z, axis=1, keepdims=True)
    return z


_TINY: dict = {}


def _tiny(dtype):
    """np.finfo(dtype).tiny, looked up once per dtype."""
    t = _TINY.get(dtype)
    if t is None:
        t = _TINY[dtype] = np.finfo(dtype).tiny
    return t


def cross_entropy(logits, y):
    """L = −(1/N) Σₙ log softmax(zₙ)[yₙ];  dL/dz = (softmax(z) − onehot(y)) / N.

    Sequence outputs (N, T, C) with labels (N, T) are averaged over all N·T steps.
    """
    if logits.ndim == 3:
        loss, grad = cross_entropy(logits.reshape(-1, logits.shape[2]), y.reshape(-1))
        return loss, grad.reshape(logits.shape)
    n = logits.shape[0]
    p = softmax(logits)
    idx = np.arange(n)
    picked = np.log(np.maximum(p[idx, y], _tiny(p.dtype)))
    loss = -(np.add.reduce(picked) / n)   # = −picked.mean(), without mean's 6 µs of Python around it
    p[idx, y] -= 1
    p /= n
    return float(loss), p


def binary_cross_entropy(prob, y):
    """L = −mean[y log p + (1 − y) log(1 − p)] with p clipped to [ε, 1 − ε]."""
    y = y.reshape(prob.shape).astype(prob.dtype, copy=False)
    p = np.clip(prob, BCE_EPS, 1 - BCE_EPS)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    inside = (prob > BCE_EPS) & (prob < 1 - BCE_EPS)
    grad = (p - y) / (p * (1 - p)) / prob.size * inside
    return float(loss), grad.astype(prob.dtype, copy=False)


def mse(pred, y):
    """L = mean (ŷ − y)²;  dL/dŷ = 2(ŷ − y) / size."""
    y = y.reshape(pred.shape).astype(pred.dtype, copy=False)
    diff = pred - y
    return float(np.mean(diff * diff)), diff * (2.0 / diff.size)


LOSSES = {"cross_entropy": cross_entropy, "binary_cross_entropy": binary_cross_entropy, "mse": mse}


def get_loss(name):
    if callable(name):
        return name
    try:
        return LOSSES[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose from {sorted(LOSSES)}") from None
