"""Seeded sequence tasks with a memory knob. Inputs are batch-first (N, T, D).

- ``delayed_recall``: a symbol at step 0, then ``delay`` blank steps; answer the symbol at the end.
- ``copy_task``: a run of symbols, a blank gap, then reproduce the run (per-step labels).
- ``parity``: running parity of a bit stream (per-step labels) — needs memory of every past bit.
- ``sine``: predict the next value of a noisy sine wave from the last ``length`` values.
"""
from __future__ import annotations

import numpy as np


def _onehot(idx, depth, dtype):
    out = np.zeros(idx.shape + (depth,), dtype=dtype)
    np.put_along_axis(out, idx[..., None], 1, axis=-1)
    return out


def delayed_recall(n_samples=1000, delay=5, n_symbols=4, noise=0.0, seed=0, dtype=np.float32):
    """X (N, delay+1, n_symbols+1), y (N,) in [0, n_symbols).

    Channel ``n_symbols`` is a "go" cue on the last step. ``noise`` adds Gaussian
    distractors to the blank steps.
    """
    rng = np.random.default_rng(seed)
    T = int(delay) + 1
    y = rng.integers(0, n_symbols, n_samples)
    X = np.zeros((n_samples, T, n_symbols + 1), dtype=dtype)
    X[:, 0, :n_symbols] = _onehot(y, n_symbols, dtype)
    if noise:
        X[:, 1:, :n_symbols] += noise * rng.standard_normal((n_samples, T - 1, n_symbols)).astype(dtype)
    X[:, -1, n_symbols] = 1
    return X, y


def copy_task(n_samples=1000, length=3, delay=5, n_symbols=4, seed=0, dtype=np.float32):
    """X (N, T, n_symbols+2), y (N, T) with T = 2·length + delay.

    Label ``n_symbols`` means "blank"; channel ``n_symbols+1`` is the recall cue.
    """
    rng = np.random.default_rng(seed)
    T = 2 * length + delay
    seq = rng.integers(0, n_symbols, (n_samples, length))
    X = np.zeros((n_samples, T, n_symbols + 2), dtype=dtype)
    X[:, :length, :n_symbols] = _onehot(seq, n_symbols, dtype)
    X[:, length + delay:, n_symbols + 1] = 1
    y = np.full((n_samples, T), n_symbols, dtype=np.intp)
    y[:, length + delay:] = seq
    return X, y


def parity(n_samples=1000, length=8, seed=0, dtype=np.float32):
    """X (N, length, 1) bits, y (N, length): parity of the bits seen so far."""
    rng = np.random.default_rng(seed)
    bits = rng.integers(0, 2, (n_samples, length))
    return bits[..., None].astype(dtype), (np.cumsum(bits, axis=1) % 2).astype(np.intp)


def sine(n_samples=1000, length=20, noise=0.05, seed=0, dtype=np.float32):
    """X (N, length, 1) windows of sin with random phase and period 10–30 steps; y (N, 1) the next value."""
    rng = np.random.default_rng(seed)
    period = rng.uniform(10, 30, (n_samples, 1))
    phase = rng.uniform(0, 2 * np.pi, (n_samples, 1))
    t = np.arange(length + 1)[None, :]
    wave = np.sin(2 * np.pi * t / period + phase) + noise * rng.standard_normal((n_samples, length + 1))
    return wave[:, :-1, None].astype(dtype), wave[:, -1:].astype(dtype)
