"""Recurrent excitatory–inhibitory (E-I) coupling for a LIF population.

The population is split into excitatory cells (the first ``frac_exc·n``) and
inhibitory cells (the rest), as in Brunel 2000 (J Comput Neurosci 8:183,
"model A"): every neuron receives exactly ``K_E = ε·N_E`` excitatory and
``K_I = ε·N_I`` inhibitory recurrent synapses, from presynaptic cells drawn at
random without repetition; an inhibitory synapse is ``g`` times as strong as an
excitatory one. Unlike Brunel's delta synapses, each synaptic event here is
spread over an exponential current, τ_E = 2 ms for excitation (AMPA) and τ_I =
8 ms for inhibition (GABA_A), after a 1 ms delay: with these kinetics the E-I
loop produces a gamma-band population rhythm (Brunel & Wang 2003, J Neurophysiol
90:415; Börgers & Kopell 2003, Neural Comput 15:509).

Scaling by the number of inputs. The coupling strength ``j`` is the summed
excitatory weight onto one neuron, in mV: each excitatory synapse has J = j/K_E,
each inhibitory one g·J. With ε fixed, K grows with the population, and this
1/K scaling keeps the mean recurrent drive, τ·j·(ν_E − g·ν_I·K_I/K_E), the same
at every N, so a slider value means the same network at any size; only the
recurrent fluctuations shrink, as 1/√K. (The balanced-network scaling J ∝ 1/√K,
van Vreeswijk & Sompolinsky 1996, Science 274:1724, instead keeps those
fluctuations and lets excitation and inhibition grow as √K and cancel.)

Units: ms, mV, Hz. NumPy only.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EICoupling:
    """Recurrent E-I connectivity and synapses (see the module docstring for the model and the scaling)."""
    j: float = 0.0           # mV: summed excitatory PSP weight onto one neuron (J = j / K_E per synapse)
    g: float = 5.0           # an inhibitory synapse is g times an excitatory one (g > 4: inhibition dominates)
    eps: float = 0.1         # connection probability: K_E = ε·N_E, K_I = ε·N_I inputs per neuron
    frac_exc: float = 0.8    # excitatory fraction (4 : 1, Brunel 2000)
    tau_exc: float = 2.0     # ms, decay of an excitatory synaptic current (AMPA)
    tau_inh: float = 8.0     # ms, decay of an inhibitory synaptic current (GABA_A)
    delay: float = 1.0       # ms, synaptic delay
    ee: float = 1.0
    ii: float = 1.0

    def __post_init__(self):
        if not (np.isfinite(self.j) and self.j >= 0 and self.g >= 0):
            raise ValueError(f"coupling j and g must be finite and non-negative, got j={self.j}, g={self.g}")
        if not 0.0 < self.eps <= 1.0 or not 0.0 < self.frac_exc < 1.0:
            raise ValueError("eps must lie in (0, 1] and frac_exc in (0, 1)")
        if not (self.tau_exc > 0 and self.tau_inh > 0 and self.delay >= 0):
            raise ValueError("synaptic time constants must be positive and the delay non-negative")

    def sizes(self, n):
        """(N_E, N_I, K_E, K_I) for a population of ``n`` neurons."""
        n_exc = int(round(self.frac_exc * n))
        n_inh = n - n_exc
        return n_exc, n_inh, max(1, int(round(self.eps * n_exc))), max(1, int(round(self.eps * n_inh)))


def fixed_indegree(rng, n_pre, n_post, k):
    """Boolean connection matrix (n_pre, n_post): each column has exactly ``k`` True rows, drawn without repetition.

    Row ``i`` lists the targets of presynaptic cell ``i`` (what a spike of ``i`` reaches).
    """
    if not 0 < k <= n_pre:
        raise ValueError(f"need 0 < k ≤ {n_pre} inputs, got {k}")
    r = rng.random((n_post, n_pre), dtype=np.float32)
    kth = np.partition(r, k - 1, axis=1)[:, k - 1:k]      # each row's k-th smallest value
    return np.ascontiguousarray((r <= kth).T)           # float32 ties have probability ~1e-7 per row


class Recurrence:
    """The recurrent input of an E-I population during one simulation, advanced one time step at a time.

    ``drive(k)`` returns the synaptic input (mV) to add to V at step ``k``;
    ``spiked(k, fired)`` queues the spikes of step ``k`` for arrival ``delay`` later.
    Synaptic currents x (mV/ms) decay by e^(−dt/τ) per step; a spike arriving at a
    synapse of weight J raises x by J·(1 − e^(−dt/τ))/dt, so the step increments
    dt·x of that event sum to exactly J.
    """

    def __init__(self, coupling: EICoupling, n, dt, n_steps, rng):
        self.n_exc, self.n_inh, self.k_exc, self.k_inh = coupling.sizes(n)
        if self.n_inh < 1:
            raise ValueError(f"an E-I population needs at least one inhibitory cell, got n={n}")
        self.conn_exc = fixed_indegree(rng, self.n_exc, n, self.k_exc).astype(np.float32)     # (N_E, n)
        self.conn_inh = fixed_indegree(rng, self.n_inh, n, self.k_inh).astype(np.float32)     # (N_I, n)
        self.conn_exc[:, :self.n_exc] *= coupling.ee
        self.conn_inh[:, self.n_exc:] *= coupling.ii
        j_exc = coupling.j / self.k_exc
        self.decay_exc = np.exp(-dt / coupling.tau_exc)
        self.decay_inh = np.exp(-dt / coupling.tau_inh)
        self.kick_exc = j_exc * (1.0 - self.decay_exc) / dt
        self.kick_inh = -coupling.g * j_exc * (1.0 - self.decay_inh) / dt
        self.x_exc = np.zeros(n)
        self.x_inh = np.zeros(n)
        self.tmp = np.empty(n)
        self.dt = dt
        self.d_steps = max(1, int(round(coupling.delay / dt)))
        self.pending = [None] * (n_steps + self.d_steps)

    def drive(self, k):
        """Synaptic input (mV) for step ``k``: dt·(x_E + x_I) after this step's arrivals and decay."""
        self.x_exc *= self.decay_exc
        self.x_inh *= self.decay_inh
        fired = self.pending[k]
        if fired is not None:
            self.pending[k] = None
            split = np.searchsorted(fired, self.n_exc)
            if split:
                self.x_exc += self.kick_exc * self.conn_exc[fired[:split]].sum(axis=0)
            if split < fired.size:
                self.x_inh += self.kick_inh * self.conn_inh[fired[split:] - self.n_exc].sum(axis=0)
        np.add(self.x_exc, self.x_inh, out=self.tmp)
        self.tmp *= self.dt
        return self.tmp

    def spiked(self, k, fired):
        """Queue the sorted indices ``fired`` of step ``k`` to arrive ``delay`` later."""
        self.pending[k + self.d_steps] = fired
