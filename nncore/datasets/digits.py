"""scikit-learn's 8×8 handwritten digits, read from the CSV it ships (no download, no sklearn import).

1797 images of 8×8 pixels with intensities 0–16 (UCI optical recognition of
handwritten digits; Alpaydin & Kaynak 1998).
"""
from __future__ import annotations

import functools
import importlib.util
import os

import numpy as np

from .toy2d import train_test_split


@functools.lru_cache(maxsize=1)
def _digits_raw():
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 8×8 digits ship with scikit-learn; install scikit-learn")
    path = os.path.join(spec.submodule_search_locations[0], "datasets", "data", "digits.csv.gz")
    data = np.loadtxt(path, delimiter=",", dtype=np.float64)
    data.setflags(write=False)
    return data


def load_digits(dtype=np.float64):
    """Return ``images`` (1797, 8, 8) scaled to [0, 1] and ``labels`` (1797,) int."""
    data = _digits_raw()
    return (data[:, :-1] / 16.0).reshape(-1, 8, 8).astype(dtype), data[:, -1].astype(np.intp)


def digits_split(test_fraction=0.3, seed=0, dtype=np.float32, images=True):
    """Seeded stratified split; images as NCHW (N, 1, 8, 8), or flat (N, 64) with ``images=False``."""
    X, y = load_digits(dtype)
    X = X[:, None] if images else X.reshape(len(X), -1)
    return train_test_split(X, y, test_fraction=test_fraction, seed=seed, stratify=True)
