"""Per-column scaling of inputs, fitted on the training split only: z = (x − c) / h.

Two fits of one affine map:

- :meth:`Scaler.min_max`: c = the midpoint of each column's range, h = half its width, so the
  training data spans [−1, 1] (the MLP Playground: a CSV in any unit lands on the built-in sets' scale);
- :meth:`Scaler.standard`: c = the mean, h = the standard deviation, so the training data has mean 0
  and s.d. 1 (the comparison with scikit-learn, as its ``StandardScaler`` would do).

A constant column gets h = 1 (it maps to 0, never to NaN).
"""
from __future__ import annotations

import numpy as np


class Scaler:
    """z = (x − center_) / scale_, column by column. Build it with :meth:`min_max` or :meth:`standard`.

    Parameters
    ----------
    center, scale : array-like (D,)
        c and h; ``scale`` must be positive.
    """

    def __init__(self, center=(0.0, 0.0), scale=(1.0, 1.0)):
        self.center_ = np.asarray(center, dtype=np.float64)
        self.scale_ = np.asarray(scale, dtype=np.float64)

    @staticmethod
    def _columns(X):
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or len(X) == 0:
            raise ValueError(f"need a non-empty (N, D) array to scale, got shape {X.shape}")
        return X

    @classmethod
    def min_max(cls, X) -> Scaler:
        """Map the training range of each column of X (N, D) onto [−1, 1]."""
        X = cls._columns(X)
        lo, hi = X.min(axis=0), X.max(axis=0)
        half = (hi - lo) / 2
        return cls((hi + lo) / 2, np.where(half > 0, half, 1.0))

    @classmethod
    def standard(cls, X) -> Scaler:
        """Give each column of X (N, D) mean 0 and standard deviation 1 (population s.d., ddof = 0)."""
        X = cls._columns(X)
        sd = X.std(axis=0)
        return cls(X.mean(axis=0), np.where(sd > 0, sd, 1.0))

    def transform(self, X, dtype=np.float32):
        """(N, D) raw → (N, D) scaled, computed in float64 and returned as ``dtype``."""
        out = np.asarray(X, dtype=np.float64) - self.center_
        out /= self.scale_
        return out.astype(dtype, copy=False)

    def inverse(self, Z):
        """(N, D) scaled → raw, float64."""
        return np.asarray(Z, dtype=np.float64) * self.scale_ + self.center_
