"""The ANN side of the Brain vs ANN page: one artificial unit, and activations on the f-I curve's axes."""
from __future__ import annotations

import numpy as np

from .lif import DEFAULT, LIFParams, fi_curve, lif_rate, rheobase

ACTIVATIONS = ("relu", "sigmoid", "tanh", "step")


def activate(z, name):
    """f(z) for ``name`` in :data:`ACTIVATIONS`; the step is 1[z ≥ 0] (McCulloch & Pitts 1943)."""
    z = np.asarray(z, dtype=np.float64)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "sigmoid":
        return 0.5 * (1.0 + np.tanh(0.5 * z))
    if name == "tanh":
        return np.tanh(z)
    if name == "step":
        return (z >= 0).astype(np.float64)
    raise ValueError(f"unknown activation {name!r}; choose from {ACTIVATIONS}")


def artificial_neuron(x, w, b, name):
    """One unit: terms wᵢxᵢ (n,), z = Σ wᵢxᵢ + b, y = f(z)."""
    x, w = np.asarray(x, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if x.shape != w.shape:
        raise ValueError(f"{x.size} inputs but {w.size} weights")
    terms = x * w
    z = float(terms.sum() + b)
    return terms, z, float(activate(z, name))


def fi_bridge(currents, params: LIFParams = DEFAULT, noise=3.0, trials=5, duration=1000.0, rng=0):
    """LIF f-I curves beside ReLU and sigmoid rescaled onto the same axes (rates in Hz, currents in nA).

    ReLU: max(0, s·(I − I_rh)) with s the analytic curve's secant slope from the
    rheobase I_rh to 2·I_rh.  Sigmoid: r_max·σ((I − I_½)/width) with
    r_max = 1/t_ref, I_½ where the formula gives r_max/2, and width such that its
    slope at I_½ equals the formula's.
    """
    currents = np.asarray(currents, dtype=np.float64)
    analytic = lif_rate(currents, params)
    simulated = fi_curve(currents, params, noise=noise, trials=trials, duration=duration, rng=rng)
    i_rh = rheobase(params)
    slope = lif_rate(2 * i_rh, params) / i_rh
    rmax = 1000.0 / params.t_ref if params.t_ref > 0 else float(analytic.max())
    # I where the formula gives rmax/2: invert r = 1/(t_ref + T) for T, then T for u
    t_half = 1000.0 / (rmax / 2) - params.t_ref
    gap_th, gap_reset = params.v_th - params.e_rest, params.v_reset - params.e_rest
    q = np.exp(t_half / params.tau_m)
    i_half = (q * gap_th - gap_reset) / (q - 1) / params.r_m
    d = 1e-4
    slope_half = (lif_rate(i_half + d, params) - lif_rate(i_half - d, params)) / (2 * d)
    width = rmax / (4 * slope_half)
    return {
        "analytic": analytic, "simulated": simulated,
        "relu": slope * np.maximum(currents - i_rh, 0.0),
        "sigmoid": rmax * activate((currents - i_half) / width, "sigmoid"),
        "rheobase": i_rh, "slope": float(slope), "rmax": float(rmax), "i_half": float(i_half),
    }
