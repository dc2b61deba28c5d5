"""Associative memory: the Hopfield network (Hebbian storage, attractor recall, energy).

Storage is one pass of a local rule (Hopfield 1982): W = (1/N) Σ_μ ξ^μ ξ^μᵀ with a zero
diagonal. Recall runs sign updates s_i ← sign(Σ_j W_ij s_j) (a zero field keeps s_i) until
no unit changes. Under asynchronous updates the energy E(s) = −½ sᵀW s never rises, so
recall ends in a local minimum: a stored pattern, its negative, or a spurious mixture.

Kernels work on batches: states S (..., B, N) with one weight matrix W (N, N) or a stack
W (T, N, N) matched to S (T, B, N), so a whole capacity sweep (many trials, many probes)
is one loop over units, never over probes. Performance rule: the only Python loops are
over sweeps and over units inside a sweep (asynchronous updates are sequential by nature).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CAPACITY = 0.138   # α_c: patterns per unit (Amit, Gutfreund & Sompolinsky 1985)


# -- kernels ------------------------------------------------------------------
def hebbian_weights(patterns, dtype=np.float64, normalise=True):
    """W = ξᵀξ / N with zero diagonal. patterns (P, N) or a stack (T, P, N) -> (N, N) or (T, N, N).

    ``normalise=False`` leaves out the 1/N: integer-valued weights (exact in floating point), which
    give the same dynamics (a sign does not see a positive scale) with exact ties.
    """
    xi = np.asarray(patterns, dtype=dtype)
    n = xi.shape[-1]
    w = np.matmul(np.swapaxes(xi, -1, -2), xi)
    if normalise:
        w /= n
    idx = np.arange(n)
    w[..., idx, idx] = 0
    return w


def energy(w, states):
    """E(s) = −½ sᵀ W s.  states (..., N) -> (...) with W (N, N) or stacked (T, N, N) for (T, B, N)."""
    s = np.asarray(states, dtype=w.dtype)
    if s.ndim == 1:
        return -0.5 * float(s @ w @ s)
    return -0.5 * np.einsum("...bn,...bn->...b", np.matmul(s, w), s, optimize=True)


def _sign_keep(h, s):
    """sign(h), keeping the current state where h = 0."""
    return np.where(h > 0, 1, np.where(h < 0, -1, s)).astype(s.dtype, copy=False)


def async_recall(w, states, rng=None, max_sweeps=50, record=False):
    """Asynchronous updates, one unit at a time in a fresh random order each sweep.

    w : (N, N) shared by all states (..., N), or a stack (T, N, N) matched to states (T, B, N);
    states are float and updated in place.
    Returns (n_sweeps, converged (...) bool, record) where ``record`` (if asked) is
    (states (U+1, ..., N) after each single-unit update, units (U,)).

    Notes
    -----
    The local fields H = W s are computed once and then updated only where a unit flips:
    flipping sᵢ by Δ adds Δ·W[:, i] to that state's fields. A step therefore costs O(states)
    plus O(N) per flip, so the work follows the number of flips, not probes × N².
    """
    rng = np.random.default_rng(rng)
    n = states.shape[-1]
    shape = states.shape
    if w.ndim == 2:
        w3, s3 = w[None], states.reshape(1, -1, n)
    else:
        w3, s3 = w, states
    # Unit-major (T, N, B): the slice for unit i is contiguous.
    st = np.ascontiguousarray(np.swapaxes(s3, -1, -2))
    fields = np.matmul(w3, st)
    frames, units = ([states.copy()], []) if record else (None, None)
    converged = np.zeros(st.shape[::2], dtype=bool)
    sweep = 0
    for _ in range(int(max_sweeps)):
        sweep += 1
        changed = np.zeros(st.shape[::2], dtype=bool)
        for i in rng.permutation(n):
            old = st[:, i, :]
            flip = fields[:, i, :] * old < 0                 # field points the other way; h = 0 keeps sᵢ
            if flip.any():
                ti, bi = np.nonzero(flip)
                delta = -2 * old[ti, bi]                     # ±2 for each flipped unit
                st[ti, i, bi] += delta
                fields[ti, :, bi] += w3[ti, :, i] * delta[:, None]
                changed |= flip
            if record:
                frames.append(np.swapaxes(st, -1, -2).reshape(shape).copy())
                units.append(int(i))
        if not changed.any():
            converged[...] = True
            break
        converged = ~changed
    states[...] = np.swapaxes(st, -1, -2).reshape(shape)
    rec = (np.stack(frames), np.asarray(units, dtype=np.intp)) if record else None
    return sweep, converged.reshape(shape[:-1]), rec


def sync_recall(w, states, max_steps=50, record=False):
    """Synchronous updates S ← sign(S W) (all units at once) until a fixed point or a 2-cycle.

    Returns (n_steps, converged, record) like :func:`async_recall`; converged is False for
    states caught in a 2-cycle, which synchronous dynamics allow (Bruck 1990).
    """
    frames = [states.copy()] if record else None
    prev = None
    converged = np.zeros(states.shape[:-1], dtype=bool)
    step = 0
    for _ in range(int(max_steps)):
        step += 1
        new = _sign_keep(np.matmul(states, w), states)
        fixed = (new == states).all(axis=-1)
        cycle = prev is not None and bool(((new == prev).all(axis=-1) | fixed).all())
        prev = states.copy()
        states[...] = new
        if record:
            frames.append(states.copy())
        converged = fixed
        if fixed.all() or cycle:
            break
    units = np.full(len(frames) - 1, -1, dtype=np.intp) if record else None
    return step, converged, (np.stack(frames), units) if record else None


def overlaps(states, patterns):
    """m_μ = ξ^μ · s / N for every pattern: states (..., N), patterns (P, N) -> (..., P)."""
    s = np.asarray(states, dtype=np.float64)
    xi = np.asarray(patterns, dtype=np.float64)
    return s @ xi.T / s.shape[-1]


# -- the network --------------------------------------------------------------
@dataclass
class Recall:
    """Result of :meth:`HopfieldNetwork.recall` with ``return_trajectory=True``.

    state (N,) or (B, N); trajectory (U+1, N) or (U+1, B, N) — the state after every update
    (one unit for "async", all units for "sync"); energy (U+1,) or (U+1, B); units (U,) the unit
    updated at each step (−1 for sync); flips (U,) how many units changed at each step.
    """
    state: np.ndarray
    trajectory: np.ndarray
    energy: np.ndarray
    units: np.ndarray
    flips: np.ndarray
    converged: np.ndarray
    sweeps: int


class HopfieldNetwork:
    """A Hopfield network of ``n_units`` binary (±1) units with Hebbian weights.

    >>> net = HopfieldNetwork(100).store(patterns)          # patterns (P, 100) of ±1
    >>> state = net.recall(corrupt(patterns[0], 0.2))        # back to patterns[0]
    """

    def __init__(self, n_units: int, dtype=np.float64):
        n_units = int(n_units)
        if n_units < 2:
            raise ValueError(f"a Hopfield network needs at least 2 units, got {n_units}")
        self.n_units = n_units
        self.dtype = np.dtype(dtype)
        self.weights = np.zeros((n_units, n_units), dtype=self.dtype)
        self._counts = self.weights.copy()          # ξᵀξ, zero diagonal: exact integers for the dynamics
        self.patterns = np.zeros((0, n_units), dtype=np.int8)

    @property
    def n_patterns(self) -> int:
        return len(self.patterns)

    @property
    def load(self) -> float:
        """α = P / N, to compare with the capacity α_c ≈ 0.138."""
        return self.n_patterns / self.n_units

    def _check(self, x, what):
        x = np.asarray(x)
        if x.shape[-1:] != (self.n_units,):
            raise ValueError(f"{what} must have {self.n_units} units in the last axis, got shape {x.shape}")
        if x.dtype.kind not in "biuf" or not np.isin(x, (-1, 1)).all():
            raise ValueError(f"{what} must hold only −1 and +1")
        return x

    def store(self, patterns, append=False):
        """Hebbian one-shot storage of ``patterns`` (P, N) or (N,) of ±1; returns self.

        ``append=True`` adds them to what is stored (W is a sum, so order does not matter)."""
        xi = self._check(np.atleast_2d(patterns), "patterns").astype(np.int8)
        self.patterns = np.concatenate([self.patterns, xi]) if append else xi
        self._counts = hebbian_weights(self.patterns, dtype=self.dtype, normalise=False)
        self.weights = self._counts / self.n_units
        return self

    def energy(self, state):
        """E = −½ sᵀ W s for a state (N,) (-> float) or a batch (B, N) (-> (B,))."""
        return energy(self.weights, self._check(state, "state"))

    def recall(self, probe, mode="async", max_sweeps=50, rng=None, return_trajectory=False):
        """Run the dynamics from ``probe`` (N,) or a batch (B, N) until no unit changes.

        mode : "async" (one unit at a time, random order; energy never rises) or "sync".
        max_sweeps : at most this many sweeps over all units (async) or parallel steps (sync).
        rng : seed or Generator for the update order.
        Returns the final state (int8, same shape as probe), or a :class:`Recall` with the
        trajectory and energy at every step when ``return_trajectory``.
        """
        probe = self._check(probe, "probe")
        s = np.atleast_2d(probe).astype(self.dtype)
        if mode == "async":
            sweeps, conv, rec = async_recall(self._counts, s, rng, max_sweeps, record=return_trajectory)
        elif mode == "sync":
            sweeps, conv, rec = sync_recall(self._counts, s, max_sweeps, record=return_trajectory)
        else:
            raise ValueError(f"mode must be 'async' or 'sync', got {mode!r}")
        squeeze = probe.ndim == 1
        state = (s[0] if squeeze else s).astype(np.int8)
        if not return_trajectory:
            return state
        frames, units = rec
        frames = frames[:, 0] if squeeze else frames
        flips = (frames[1:] != frames[:-1]).sum(axis=-1)
        return Recall(state=state, trajectory=frames.astype(np.int8), energy=energy(self.weights, frames),
                      units=units, flips=flips, converged=conv[0] if squeeze else conv, sweeps=sweeps)

    def overlap(self, state):
        """Overlap m_μ ∈ [−1, 1] of a state (or batch) with every stored pattern -> (..., P)."""
        return overlaps(state, self.patterns)
