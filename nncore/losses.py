"""Losses by name. Each returns ``(loss, dpred)`` with the loss a mean over the batch.

- ``cross_entropy``: softmax on logits (N, C) with integer labels (N,).
- ``binary_cross_entropy``: probabilities (N, 1) or (N,) against 0/1 targets (Keras-style, clipped).
- ``mse``: mean of squared errors over all elements.
"""
from __future__ import annotations

import numpy as np

BCE_EPS = 1e-7  # Keras' epsilon for clipping probabilities
SMALL_C = 4     # softmax rows this short are reduced column by column


def softmax(logits):
    """Row-wise softmax, shifted by the row maximum for stability. (N, C) -> (N, C)."""
    N, C = logits.shape
    if 2 <= C <= SMALL_C:
        # Along a short row, a reduce or a broadcast (N, C) ⊙ (N, 1) is NumPy's slow path (an inner
        # loop of C numbers per row: ≈ 3 µs each for (64, 2)); ufuncs on whole columns are not, and give
        # the same numbers: the maximum does not depend on the order, and NumPy sums fewer than 8
        # numbers one after another, left to right, as this loop does.
        cols = logits.T
        m = np.maximum(cols[0], cols[1])
        for c in range(2, C):
            np.maximum(m, cols[c], out=m)
        z = np.empty((N, C), dtype=np.result_type(logits, m))
        zc = z.T
        np.subtract(cols, m, out=zc, order="C")     # one call over all columns; "C": column by column,
        np.exp(z, out=z)                            # not NumPy's default of row by row (C numbers each)
        s = zc[0] + zc[1]
        for c in range(2, C):
            s += zc[c]
        np.divide(zc, s, out=zc, order="C")
        return z
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


_ROWS: dict = {}


def _rows(n):
    """np.arange(n) (read-only), made once per batch size."""
    r = _ROWS.get(n)
    if r is None:
        if len(_ROWS) > 64:
            _ROWS.clear()
        r = _ROWS[n] = np.arange(n)
        r.flags.writeable = False
    return r


def cross_entropy(logits, y):
    """L = −(1/N) Σₙ log softmax(zₙ)[yₙ];  dL/dz = (softmax(z) − onehot(y)) / N.

    Sequence outputs (N, T, C) with labels (N, T) are averaged over all N·T steps.
    """
    if logits.ndim == 3:
        loss, grad = cross_entropy(logits.reshape(-1, logits.shape[2]), y.reshape(-1))
        return loss, grad.reshape(logits.shape)
    n = logits.shape[0]
    p = softmax(logits)
    rows = _rows(n)
    picked = p[rows, y]
    target = picked - 1                   # p[rows, y] -= 1 with one fancy index (set) instead of two
    np.maximum(picked, _tiny(p.dtype), out=picked)
    np.log(picked, out=picked)
    loss = -(np.add.reduce(picked) / n)   # = −picked.mean(), without mean's 6 µs of Python around it
    p[rows, y] = target
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
