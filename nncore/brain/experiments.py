"""Experiments the Synchrony page runs: one population, and a sweep over the shared input fraction."""
from __future__ import annotations

import numpy as np

from .lif import DEFAULT, LIFParams, PoissonInput, simulate
from .measures import population_rate, summarize


def population_run(n=1000, duration=1000.0, c=0.0, rate=9.0, coupling=0.0, window_ms=50.0, seed=0,
                   params: LIFParams = DEFAULT, dt=0.1):
    """Simulate ``n`` LIF neurons with shared Poisson input; return spikes (ms), population rate and measures."""
    sim = simulate(n=n, duration=duration, dt=dt, inputs=PoissonInput(rate=rate, c=c), coupling=coupling,
                   params=params, rng=seed)
    centres, pop = population_rate(sim["spike_steps"], n, sim["n_steps"], dt, bin_ms=1.0)
    return {
        "spike_t": (sim["spike_steps"] + 1) * dt, "spike_i": sim["spike_neurons"],
        "pop_t": centres, "pop_rate": pop, "mu_sigma": PoissonInput(rate=rate, c=c).moments(params.tau_m),
        **summarize(sim, window_ms=window_ms, rng=seed),
    }


def correlation_sweep(cs, n=300, duration=2000.0, rate=9.0, coupling=0.0, window_ms=50.0, seed=0,
                      params: LIFParams = DEFAULT):
    """Output spike-count correlation, χ and rate for each shared input fraction in ``cs``."""
    cs = np.asarray(cs, dtype=np.float64)
    out = {"c": cs, "corr": np.empty(cs.size), "chi": np.empty(cs.size), "rate": np.empty(cs.size)}
    for k, c in enumerate(cs):
        sim = simulate(n=n, duration=duration, inputs=PoissonInput(rate=rate, c=float(c)), coupling=coupling,
                       params=params, rng=[seed, k])
        m = summarize(sim, window_ms=window_ms, rng=seed)
        out["corr"][k], out["chi"][k], out["rate"][k] = m["corr"], m["chi"], m["rate"]
    return out
