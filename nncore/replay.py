"""A seeded replay buffer: a few stored examples of earlier tasks, mixed into every new batch.

``ReplayBuffer(capacity, seed)`` keeps at most ``capacity`` examples. ``add(X, y)`` offers a whole
set at once and keeps a uniform random sample of everything offered so far (reservoir sampling,
Vitter 1985), so after tasks A and B a full buffer holds about as many of each as they had
examples. ``sample(n)`` draws n stored examples without replacement (with it, if n exceeds what is
stored). :class:`nncore.Trainer` takes a buffer as ``replay=`` and appends ``replay_batch`` of its
examples to each mini-batch of the new data.
"""
from __future__ import annotations

import numpy as np


class ReplayBuffer:
    """At most ``capacity`` stored (x, y) pairs, chosen and drawn with a seeded generator."""

    def __init__(self, capacity, seed=None):
        capacity = int(capacity)
        if capacity < 0:
            raise ValueError(f"replay capacity must be ≥ 0, got {capacity}")
        self.capacity = capacity
        self.rng = np.random.default_rng(seed)
        self.X = None
        self.y = None
        self.seen = 0               # examples offered so far
        self._size = 0

    def __len__(self):
        return self._size

    def add(self, X, y):
        """Offer examples (N, ...) with labels (N, ...); keep a uniform sample of all offered so far.

        Reservoir sampling, vectorised: the example with running index s (0-based) draws
        j ~ U{0..s} and takes slot j if j < capacity; a later draw for the same slot wins.
        """
        X, y = np.asarray(X), np.asarray(y)
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)}")
        if self.capacity == 0 or len(X) == 0:
            self.seen += len(X)
            return self
        if self.X is None:
            self.X = np.empty((self.capacity, *X.shape[1:]), dtype=X.dtype)
            self.y = np.empty((self.capacity, *y.shape[1:]), dtype=y.dtype)
        elif X.shape[1:] != self.X.shape[1:] or y.shape[1:] != self.y.shape[1:]:
            raise ValueError(f"examples of shape {X.shape[1:]} do not fit a buffer of {self.X.shape[1:]}")
        free = min(self.capacity - self._size, len(X))      # the first ones fill empty slots in order
        self.X[self._size:self._size + free] = X[:free]
        self.y[self._size:self._size + free] = y[:free]
        self._size += free
        self.seen += free
        rest = len(X) - free
        if rest:
            running = self.seen + np.arange(rest)
            slot = self.rng.integers(0, running + 1)
            keep = np.flatnonzero(slot < self.capacity)
            # Among draws for the same slot the last one wins, as in the one-at-a-time algorithm.
            last = len(keep) - 1 - np.unique(slot[keep][::-1], return_index=True)[1]
            chosen = keep[last]
            self.X[slot[chosen]] = X[free + chosen]
            self.y[slot[chosen]] = y[free + chosen]
            self.seen += rest
        return self

    def sample(self, n):
        """``n`` stored examples (X, y), drawn with the buffer's own generator; empty if nothing is stored."""
        n = int(n)
        if self._size == 0 or n <= 0:
            return self.X[:0] if self.X is not None else None, self.y[:0] if self.y is not None else None
        idx = self.rng.choice(self._size, size=n, replace=n > self._size)
        return self.X[idx], self.y[idx]

    def contents(self):
        """Everything stored, (X, y)."""
        if self.X is None:
            return None, None
        return self.X[:self._size], self.y[:self._size]
