"""Seeded 2-D toy data sets (classification and regression), NumPy only.

Every generator returns ``X`` (n, 2) float64 in roughly [-1, 1]² and ``y``
(n,) — integer labels for classification, floats for regression — and
takes ``seed``; the same seed gives the same numbers.
"""
from __future__ import annotations

import numpy as np

from ..errors import InputError


def _rng(seed):
    return np.random.default_rng(seed)


def circles(n_samples=200, noise=0.1, seed=0):
    """Class 0 inside a disc of radius 0.5, class 1 on a ring 0.7–1.0."""
    rng = _rng(seed)
    n0 = n_samples // 2
    r = np.concatenate([rng.uniform(0, 0.5, n0), rng.uniform(0.7, 1.0, n_samples - n0)])
    a = rng.uniform(0, 2 * np.pi, n_samples)
    X = np.c_[r * np.cos(a), r * np.sin(a)] + noise * rng.standard_normal((n_samples, 2))
    y = np.r_[np.zeros(n0, int), np.ones(n_samples - n0, int)]
    return X, y


def xor(n_samples=200, noise=0.1, seed=0):
    """Label 1 where x₁·x₂ < 0 (the four quadrants), as in TensorFlow Playground."""
    rng = _rng(seed)
    X = rng.uniform(-1, 1, (n_samples, 2))
    X += np.sign(X) * 0.05  # a small margin around the axes
    y = (X[:, 0] * X[:, 1] < 0).astype(int)
    return X + noise * rng.standard_normal(X.shape), y


def gaussians(n_samples=200, noise=0.1, seed=0):
    """Two Gaussian clouds at (±0.5, ±0.5); noise widens them."""
    rng = _rng(seed)
    n0 = n_samples // 2
    y = np.r_[np.zeros(n0, int), np.ones(n_samples - n0, int)]
    centres = np.where(y[:, None] == 0, -0.5, 0.5)
    return centres + (0.15 + noise) * rng.standard_normal((n_samples, 2)), y


def spiral(n_samples=200, noise=0.1, seed=0, n_classes=2):
    """Interleaved spirals, one arm per class (1.75 turns)."""
    rng = _rng(seed)
    y = np.arange(n_samples) % n_classes
    t = rng.uniform(0.05, 1.0, n_samples)
    angle = t * 3.5 * np.pi + y * 2 * np.pi / n_classes
    X = np.c_[t * np.cos(angle), t * np.sin(angle)] + noise * 0.3 * rng.standard_normal((n_samples, 2))
    return X, y


def moons(n_samples=200, noise=0.1, seed=0):
    """Two interleaving half circles."""
    rng = _rng(seed)
    n0 = n_samples // 2
    a = rng.uniform(0, np.pi, n_samples)
    y = np.r_[np.zeros(n0, int), np.ones(n_samples - n0, int)]
    X = np.where(y[:, None] == 0, np.c_[np.cos(a), np.sin(a)], np.c_[1 - np.cos(a), 0.5 - np.sin(a)])
    X = (X - [0.5, 0.25]) / 1.5
    return X + noise * 0.5 * rng.standard_normal(X.shape), y


def blobs(n_samples=200, noise=0.1, seed=0, n_classes=4):
    """``n_classes`` Gaussian clusters on a circle of radius 0.6."""
    rng = _rng(seed)
    y = np.arange(n_samples) % n_classes
    ang = 2 * np.pi * y / n_classes + np.pi / 4
    X = 0.6 * np.c_[np.cos(ang), np.sin(ang)] + (0.1 + noise) * rng.standard_normal((n_samples, 2))
    return X, y


def random_labels(n_samples=1000, noise=0.0, seed=0):
    """The source article's data: X ~ U[0, 1)² and labels drawn at random — no signal to learn."""
    rng = _rng(seed)
    X = rng.random((n_samples, 2))
    y = rng.integers(0, 2, n_samples)
    return X, y


def plane(n_samples=200, noise=0.1, seed=0):
    """Regression: y = (x₁ + x₂)/2 plus noise."""
    rng = _rng(seed)
    X = rng.uniform(-1, 1, (n_samples, 2))
    return X, X.mean(axis=1) + noise * rng.standard_normal(n_samples)


def bump(n_samples=200, noise=0.1, seed=0):
    """Regression: a Gaussian bump y = exp(−4‖x‖²) plus noise."""
    rng = _rng(seed)
    X = rng.uniform(-1, 1, (n_samples, 2))
    return X, np.exp(-4 * (X ** 2).sum(axis=1)) + noise * rng.standard_normal(n_samples)


CLASSIFICATION = {"circles": circles, "xor": xor, "gaussians": gaussians, "spiral": spiral,
                  "moons": moons, "blobs": blobs, "random_labels": random_labels}
REGRESSION = {"plane": plane, "bump": bump}


def make_2d(name, n_samples=200, noise=0.1, seed=0):
    """Any 2-D set by name (see ``CLASSIFICATION`` and ``REGRESSION``)."""
    gen = CLASSIFICATION.get(name) or REGRESSION.get(name)
    if gen is None:
        raise InputError("unknown_dataset", "unknown data set {name!r}; choose from {names}", name=name,
                         names=", ".join(sorted(CLASSIFICATION | REGRESSION)))
    n_samples = int(n_samples)
    if n_samples < 2:
        raise InputError("too_few_samples", "need at least 2 samples, got {n}", n=n_samples)
    return gen(n_samples=n_samples, noise=float(noise), seed=seed)


def train_test_split(X, y, test_fraction=0.3, seed=0, stratify=False):
    """Shuffle with ``seed`` and split; at least one sample lands on each side."""
    n = len(X)
    rng = _rng(seed)
    n_test = min(max(int(round(n * test_fraction)), 1), n - 1)
    if stratify:
        order = np.concatenate([rng.permutation(np.flatnonzero(y == c)) for c in np.unique(y)])
        # interleave classes so the test slice gets each class in proportion
        ranks = np.concatenate([np.arange(np.sum(y == c)) / np.sum(y == c) for c in np.unique(y)])
        order = order[np.argsort(ranks, kind="stable")]
    else:
        order = rng.permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]
