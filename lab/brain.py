"""The Brain vs ANN page's experiments: one LIF neuron's trace, the f-I bridge, and the sparsity meter.

Units: ms, mV, nA, Hz. The page's claims about them are predicates here (:data:`SCENE_CLAIMS`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from nncore import brain
from nncore.brain import DEFAULT

FI_CURRENTS = np.r_[np.linspace(0.0, 0.6, 25), np.linspace(0.7, 3.0, 24)]   # nA: dense near the rheobase


@dataclass(frozen=True)
class NeuronConfig:
    """One LIF neuron driven by a constant current plus white noise, starting at rest."""
    current: float = 0.25        # nA
    noise: float = 1.0           # mV, σ of the free membrane potential's fluctuations
    seed: int = 0
    duration: float = 500.0      # ms


@dataclass(frozen=True)
class NeuronTrace:
    t: np.ndarray                # (T,) ms
    v: np.ndarray                # (T,) mV, spikes drawn 20 mV above threshold
    n_spikes: int
    rate: float                  # Hz over the run
    analytic_rate: float         # Hz, the noise-free formula at this current


def neuron_trace(cfg: NeuronConfig = NeuronConfig(), params=DEFAULT) -> NeuronTrace:
    sim = brain.simulate(n=1, duration=cfg.duration, current=cfg.current, noise=cfg.noise, params=params,
                         record=[0], v0=params.e_rest, rng=cfg.seed)
    n_spikes = int(sim["spike_steps"].size)
    return NeuronTrace(sim["t"], sim["v"][:, 0], n_spikes, n_spikes * 1000.0 / cfg.duration,
                       float(brain.lif_rate(cfg.current, params)))


def fi_curves(noise: float, seed: int = 0, params=DEFAULT) -> dict:
    """The f-I bridge on :data:`FI_CURRENTS`: analytic and simulated LIF rates beside rescaled ReLU and sigmoid."""
    return brain.fi_bridge(FI_CURRENTS, params, noise=noise, trials=5, duration=500.0, rng=seed)


@dataclass(frozen=True)
class SparsityConfig:
    hidden: tuple = (64, 32)     # the ReLU network's hidden layers (64 → hidden → 10 on 8×8 digits)
    epochs: int = 10
    n_lif: int = 1000            # the brain side: uncoupled LIF neurons with the Synchrony page's default input
    lif_ms: float = 300.0
    seed: int = 0


def sparsity_data(cfg: SparsityConfig = SparsityConfig()) -> dict:
    """Fraction of ReLU units active per test input (trained and untrained) and the LIF population's spikes."""
    model, X_te, _, acc, untrained = brain.sparsity_network(hidden=cfg.hidden, epochs=cfg.epochs, seed=cfg.seed)
    sim = brain.simulate(n=cfg.n_lif, duration=cfg.lif_ms, inputs=brain.PoissonInput(), rng=cfg.seed)
    return {
        "trained": brain.relu_activity(model, X_te), "untrained": brain.relu_activity(untrained, X_te),
        "acc": acc, "n_params": model.n_params, "n_test": len(X_te), "n_lif": cfg.n_lif,
        "steps": sim["spike_steps"], "neurons": sim["spike_neurons"], "n_steps": sim["n_steps"], "dt": sim["dt"],
        "rate": float(sim["spike_steps"].size / cfg.n_lif / (cfg.lif_ms / 1000)),
    }


def lif_active_fraction(data: dict, window_ms: float) -> np.ndarray:
    """Fraction of the LIF population that spikes at least once in each ``window_ms`` window: (n_windows,)."""
    win_steps = int(round(window_ms / data["dt"]))
    return brain.fraction_active(data["steps"], data["neurons"], data["n_lif"], data["n_steps"], win_steps)


# -- the page's claims, as checks ------------------------------------------------------------------

RATE_CODE_SCENE = NeuronConfig(current=0.15)
RATE_CODE_CURRENTS = (0.25, 0.35, 0.45, 0.6)   # nA: "drag the current up" (the slider ends at 0.6 nA)


def rate_code_scene(seed: int) -> tuple[bool, dict]:
    """Scene "Below threshold, silence; above it, a rate": no spike at 0.15 nA (rheobase 0.2 nA), and the
    rate rises with every step of the current above it — the page's noise (1 mV) and duration, seed ``seed``."""
    below = neuron_trace(replace(RATE_CODE_SCENE, seed=seed))
    rates = [neuron_trace(replace(RATE_CODE_SCENE, current=i, seed=seed)).rate for i in RATE_CODE_CURRENTS]
    ok = below.n_spikes == 0 and rates[0] > 0 and all(b > a for a, b in zip(rates, rates[1:]))
    return ok, {"spikes_below": below.n_spikes, "rheobase_nA": brain.rheobase(), "rates_hz": rates}


SCENE_CLAIMS = {"rate_code": rate_code_scene}
