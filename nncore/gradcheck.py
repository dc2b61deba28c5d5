"""Finite-difference gradient checks (run them in float64).

- ``rel_error``: max |a − b| / max(|a| + |b|, tiny), as in cs231n.
- ``numerical_gradient``: central differences, one entry at a time.
- ``check_layer``: every parameter and the input gradient of a layer against
  central differences of L = Σ (y ⊙ r) for a fixed random r.
- ``directional_check``: one random direction, two evaluations (HIPS autograd).
"""
from __future__ import annotations

import numpy as np


def rel_error(a, b) -> float:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-12)))


def numerical_gradient(f, x, eps=1e-6):
    """∂f/∂x by central differences; ``f`` takes no arguments and reads ``x`` (changed in place)."""
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    for _ in it:
        i = it.multi_index
        old = x[i].copy()
        x[i] = old + eps
        fp = f()
        x[i] = old - eps
        fm = f()
        x[i] = old
        grad[i] = (fp - fm) / (2 * eps)
    return grad


def check_layer(layer, x, seed=0, eps=1e-6):
    """Compare a layer's analytic gradients with finite differences.

    Returns ``{"x": err, "<param>": err, ...}`` with relative errors.  Use float64
    parameters and inputs away from kinks (e.g. ReLU at 0) for meaningful results.
    """
    rng = np.random.default_rng(seed)
    x = np.array(x, dtype=np.float64)
    y = layer.forward(x, training=True)
    r = rng.standard_normal(y.shape)

    def loss():
        return float(np.sum(layer.forward(x, training=True) * r))

    layer.forward(x, training=True)
    dx = layer.backward(r.copy())
    analytic = {"x": dx, **{k: g.copy() for k, g in layer.grads.items()}}
    errors = {"x": rel_error(analytic["x"], numerical_gradient(loss, x, eps))}
    for k, p in layer.params.items():
        errors[k] = rel_error(analytic[k], numerical_gradient(loss, p, eps))
    return errors


def check_model(model, X, y, loss_fn, eps=1e-6):
    """Relative error of every parameter gradient of a Sequential model under ``loss_fn``."""
    def loss():
        return loss_fn(model.forward(X, training=True), y)[0]

    _, dout = loss_fn(model.forward(X, training=True), y)
    model.backward(dout)
    analytic = [g.copy() for _, g in model.param_pairs()]
    return [rel_error(a, numerical_gradient(loss, p, eps)) for a, (p, _) in zip(analytic, model.param_pairs())]


def directional_check(f_and_grad, params, seed=0, eps=1e-6):
    """Check a gradient along one random unit direction d: (f(θ+εd) − f(θ−εd))/2ε vs ∇f·d.

    ``f_and_grad()`` returns (loss, [grads]) for the current ``params`` (list of arrays,
    changed in place).  Returns the relative error of the two directional derivatives.
    """
    rng = np.random.default_rng(seed)
    dirs = [rng.standard_normal(p.shape) for p in params]
    norm = np.sqrt(sum(float((d * d).sum()) for d in dirs))
    dirs = [d / norm for d in dirs]
    _, grads = f_and_grad()
    analytic = sum(float((g * d).sum()) for g, d in zip(grads, dirs))
    for p, d in zip(params, dirs):
        p += eps * d
    fp = f_and_grad()[0]
    for p, d in zip(params, dirs):
        p -= 2 * eps * d
    fm = f_and_grad()[0]
    for p, d in zip(params, dirs):
        p += eps * d
    return rel_error(analytic, (fp - fm) / (2 * eps))
