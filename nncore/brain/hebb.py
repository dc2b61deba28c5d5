"""Rate-based Hebbian learning for one linear neuron: plain Hebb and Oja's rule.

The neuron's output is y = w·x.  Plain Hebb, Δw = η y x, strengthens w along the directions
in which the input varies most, but nothing stops it: |w| grows exponentially (at rate ≈ ηλ₁
per sample for zero-mean data).  Oja's rule (Oja 1982, J Math Biol 15:267),
Δw = η y (x − y w), adds a decay proportional to y²; to first order in η it keeps |w| = 1
and w converges to ± the first principal component of the data — the leading eigenvector of
its covariance matrix.

The update is online (one sample at a time), so the loop is over samples; each step is a
dot product and an axpy on d-vectors.
"""
from __future__ import annotations

import numpy as np

RULES = ("oja", "hebb")


def hebbian_step(w, x, lr, rule="oja"):
    """One online update of ``w`` (d,) in place for one sample ``x`` (d,); returns y = w·x.

    Notes
    -----
    hebb: w ← w + η y x;  oja: w ← w + η y (x − y w).
    """
    y = float(w @ x)
    if rule == "oja":
        w += (lr * y) * (x - y * w)
    elif rule == "hebb":
        w += (lr * y) * x
    else:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    return y


def hebbian_run(X, w0, lr, epochs=1, rule="oja", rng=None, record_every=1, max_norm=1e6):
    """Train one linear neuron on the rows of ``X`` (n, d) with ``rule``; return the weight trajectory.

    Each epoch visits the samples in a new random order (``rng``).  The weights are recorded
    before training and after every ``record_every`` samples.  A rule whose ``|w|`` passes
    ``max_norm`` stops at the next record (plain Hebb does: nothing bounds it).

    Returns
    -------
    dict with ``w`` (K, d) recorded weights, ``step`` (K,) samples seen at each record,
    ``norm`` (K,) |w|, and ``stopped_at`` (the sample count where |w| passed ``max_norm``, or None).
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or len(X) == 0:
        raise ValueError(f"X must be a non-empty (n, d) array, got shape {X.shape}")
    if not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"the learning rate must be positive, got {lr}")
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    rng = np.random.default_rng(rng)
    w = np.array(w0, dtype=np.float64).reshape(X.shape[1])
    record_every = max(1, int(record_every))
    ws, steps = [w.copy()], [0]
    seen, stopped = 0, None
    oja = rule == "oja"
    tmp = np.empty_like(w)
    for _ in range(int(epochs)):
        for i in rng.permutation(len(X)):
            x = X[i]
            y = float(w @ x)
            if oja:                      # w ← (1 − ηy²) w + ηy x, the same update as hebbian_step
                w *= 1.0 - lr * y * y
            np.multiply(x, lr * y, out=tmp)
            w += tmp
            seen += 1
            if seen % record_every == 0:
                ws.append(w.copy())
                steps.append(seen)
                if not np.isfinite(w).all() or w @ w > max_norm ** 2:
                    stopped = seen
                    break
        if stopped is not None:
            break
    if steps[-1] != seen and np.isfinite(w).all():
        ws.append(w.copy())
        steps.append(seen)
    W = np.asarray(ws)
    return {"w": W, "step": np.asarray(steps), "norm": np.linalg.norm(W, axis=1), "stopped_at": stopped}


def first_pc(X):
    """The first principal component of ``X`` (n, d) by SVD of the centred data: (unit (d,), variance λ₁)."""
    X = np.asarray(X, dtype=np.float64)
    Xc = X - X.mean(axis=0)
    _, s, vt = np.linalg.svd(Xc, full_matrices=False)
    return vt[0], float(s[0] ** 2 / max(len(X) - 1, 1))
