"""Spike-timing-dependent plasticity (STDP) onto one leaky integrate-and-fire neuron.

The model of Song, Miller & Abbott 2000 (Nat Neurosci 3:919): one conductance-based LIF
neuron driven by N excitatory Poisson inputs with plastic peak conductances ``w`` and a
fixed inhibitory background.  Pair-based STDP through two traces:

- every input ``a`` keeps a presynaptic trace P_a (decays with τ₊; +A₊ per input spike);
  a postsynaptic spike potentiates every synapse: w_a ← min(w_a + g_max·P_a, g_max);
- the neuron keeps a postsynaptic trace M (decays with τ₋; +A₋ per output spike);
  an input spike depresses its synapse: w_a ← max(w_a − g_max·M, 0).

Summed over all pairs this is the window Δw/g_max = A₊e^(−Δt/τ₊) for Δt = t_post − t_pre > 0
and −A₋e^(Δt/τ₋) for Δt < 0 (:func:`stdp_window`; measured shape: Bi & Poo 1998,
J Neurosci 18:10464).  With A₋τ₋ slightly above A₊τ₊, uncorrelated pairings depress on
average, so the synapses compete: inputs that often fire just before the neuron (inputs
that fire together) win, and the output rate settles whatever the input rate.

Units: ms, mV, Hz; conductances in units of the leak conductance.

Performance rules: the only Python loop is over time steps, with scalar arithmetic for the
neuron and small index arrays for the inputs that spiked in that step; input spikes are
drawn a block of steps at a time; the presynaptic traces are stored scaled by e^(t/τ₊)
(re-based every block and every 30 τ₊), so they need no per-step decay of all N traces:
O(N) work happens only at output spikes and re-bases.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .lif import LIFParams

# Song et al. 2000: τ = 20 ms, rest −70 mV, threshold −54 mV, reset −60 mV (no refractory period).
SONG_LIF = LIFParams(tau_m=20.0, e_rest=-70.0, v_th=-54.0, v_reset=-60.0, t_ref=0.0)


@dataclass(frozen=True)
class STDPParams:
    """The learning rule (Song, Miller & Abbott 2000).

    ``a_plus`` is the change per pairing as a fraction of ``g_max`` (their 0.005);
    ``ratio`` = A₋τ₋ / (A₊τ₊) (their 1.05: depression slightly dominates).
    """
    a_plus: float = 0.005
    ratio: float = 1.05
    tau_plus: float = 20.0    # ms
    tau_minus: float = 20.0   # ms
    g_max: float = 0.015      # largest peak conductance (units of the leak conductance)

    def __post_init__(self):
        if not (self.a_plus >= 0 and self.ratio >= 0 and self.g_max > 0):
            raise ValueError("A₊ and the A₋τ₋/A₊τ₊ ratio must be ≥ 0 and g_max > 0")
        if not (self.tau_plus > 0 and self.tau_minus > 0):
            raise ValueError("the STDP time constants must be positive")

    @property
    def a_minus(self) -> float:
        """A₋ = ratio · A₊τ₊/τ₋."""
        return self.ratio * self.a_plus * self.tau_plus / self.tau_minus

    @property
    def window_area(self) -> float:
        """∫ window dΔt = A₊τ₊ − A₋τ₋ (ms, per g_max): the mean change per pair of independent spikes."""
        return self.a_plus * self.tau_plus - self.a_minus * self.tau_minus


@dataclass(frozen=True)
class Synapses:
    """Synaptic constants of the conductance-based neuron (Song et al. 2000)."""
    e_exc: float = 0.0        # excitatory reversal potential (mV)
    tau_exc: float = 5.0      # ms
    e_inh: float = -70.0      # inhibitory reversal potential (mV)
    tau_inh: float = 5.0      # ms
    n_inh: int = 200          # fixed inhibitory inputs
    rate_inh: float = 10.0    # Hz each
    g_inh: float = 0.05       # their peak conductance


def stdp_window(delta_t, params: STDPParams = STDPParams()):
    """Δw / g_max for one pre/post pair against Δt = t_post − t_pre (ms); any array shape.

    A₊e^(−Δt/τ₊) for Δt > 0 (pre before post: potentiation), −A₋e^(Δt/τ₋) for Δt < 0, 0 at Δt = 0.
    """
    d = np.asarray(delta_t, dtype=np.float64)
    out = np.where(d > 0, params.a_plus * np.exp(-np.abs(d) / params.tau_plus),
                   -params.a_minus * np.exp(-np.abs(d) / params.tau_minus))
    out = np.where(d == 0, 0.0, out)
    return out if out.ndim else float(out)


def _poisson_cells(rng, p, m, idx, n):
    """Independent spikes with probability ``p`` per step for inputs ``idx`` over ``m`` steps, as cells
    step·n + input: a Poisson number of events at uniform (step, input) cells, not m × len(idx) coin flips."""
    if idx.size == 0 or p <= 0:
        return np.zeros(0, np.int64)
    k = rng.poisson(p * m * idx.size)
    cell = rng.integers(0, m * idx.size, k)
    return (cell // idx.size) * n + idx[cell % idx.size]


class STDPNeuron:
    """One LIF neuron learning its N input weights by STDP; advance it with :meth:`run`.

    Parameters
    ----------
    n_inputs : int
        Excitatory inputs, each a Poisson train at ``rate`` Hz.
    correlated : (n_inputs,) bool
        Inputs that share a common "mother" Poisson train at ``rate``: in every time step each
        correlated input copies the mother's step with probability √c and otherwise fires on its
        own, so every input fires at ``rate`` and two correlated inputs have correlation ≈ ``c``
        (their spikes coincide in time; the others are independent).
    w0 : (n_inputs,) float
        Initial peak conductances, in [0, g_max].
    dt : ms.  block_ms : length of a block of pre-drawn input spikes (ms).
    record_inputs : indices of inputs whose spikes are kept for a raster (the latest block only).
    rng : seed or Generator.
    """

    def __init__(self, n_inputs=1000, rate=10.0, correlated=None, c=0.2, w0=None,
                 params: STDPParams = STDPParams(), lif: LIFParams = SONG_LIF, syn: Synapses = Synapses(),
                 dt=0.5, block_ms=250.0, record_inputs=(), rng=None):
        n = int(n_inputs)
        if n < 1:
            raise ValueError(f"need at least one input, got {n}")
        if not (np.isfinite(rate) and 0 <= rate <= 200):
            raise ValueError(f"the input rate must lie in [0, 200] Hz, got {rate}")
        if not (0 < dt <= 1.0):
            raise ValueError(f"need 0 < dt ≤ 1 ms, got {dt}")
        if not 0.0 <= c <= 1.0:
            raise ValueError(f"the input correlation c must lie in [0, 1], got {c}")
        self.n, self.rate, self.c, self.dt = n, float(rate), float(c), float(dt)
        self.params, self.lif, self.syn = params, lif, syn
        self.rng = np.random.default_rng(rng)
        self.correlated = (np.zeros(n, bool) if correlated is None
                           else np.asarray(correlated, dtype=bool).reshape(n).copy())
        w = self.rng.uniform(0.0, params.g_max, n) if w0 is None else np.asarray(w0, dtype=np.float64)
        if w.shape != (n,) or not np.all((w >= 0) & (w <= params.g_max)):
            raise ValueError(f"initial weights must be {n} values in [0, g_max = {params.g_max}]")
        self.w = w.astype(np.float64, copy=True)
        self.block_steps = max(1, int(round(block_ms / dt)))
        self.record_inputs = np.asarray(record_inputs, dtype=np.intp).reshape(-1)
        # state
        self.step_count = 0
        self.v = lif.e_rest
        self.g_exc = 0.0
        self.g_inh = 0.0
        self.m = 0.0                        # postsynaptic (depression) trace, ≥ 0
        self.p_hat = np.zeros(n)            # presynaptic traces × e^((t − t_ref)/τ₊)
        self.t_ref_step = 0                 # the step p_hat is scaled against
        self._ref_until = -1
        self.post_steps: list[int] = []
        self.raster = (np.zeros(0, np.int64), np.zeros(0, np.intp))   # (steps, input index) of the last block

    @property
    def t(self) -> float:
        """Simulated time so far (ms)."""
        return self.step_count * self.dt

    # -- input spikes -------------------------------------------------------------
    def _draw_block(self, m):
        """Input spikes for ``m`` steps, sorted by step: (offsets (m+1,), inputs (S,), steps (S,), inh (m,)).

        The spikes of step j are ``inputs[offsets[j]:offsets[j + 1]]``; ``inh`` counts inhibitory spikes.
        """
        n, p, rng = self.n, self.rate * self.dt / 1000.0, self.rng
        free, corr = np.flatnonzero(~self.correlated), np.flatnonzero(self.correlated)
        q = math.sqrt(self.c)      # a correlated input copies the mother train's step with probability √c
        cells = [_poisson_cells(rng, p, m, free, n), _poisson_cells(rng, (1 - q) * p, m, corr, n)]
        if corr.size and q > 0 and p > 0:
            mother = np.flatnonzero(rng.random(m) < p)
            rows, cols = np.nonzero(rng.random((mother.size, corr.size)) < q)
            cells.append(mother[rows] * n + corr[cols])
        cell = np.unique(np.concatenate(cells))        # sorted by step; a double spike in one step counts once
        steps, inputs = cell // n, (cell % n).astype(np.intp)
        offsets = np.searchsorted(steps, np.arange(m + 1))
        inh = rng.poisson(self.syn.n_inh * self.syn.rate_inh * self.dt / 1000.0, m)
        return offsets, inputs, steps, inh

    # -- simulation ----------------------------------------------------------------
    def run(self, duration_ms):
        """Advance by ``duration_ms`` (rounded to whole steps); return the output spike steps of this stretch."""
        total = int(round(duration_ms / self.dt))
        first = len(self.post_steps)
        while total > 0:
            m = min(total, self.block_steps)
            self._run_block(m)
            total -= m
        return np.asarray(self.post_steps[first:], dtype=np.int64)

    def _run_block(self, m):
        lif, syn, prm = self.lif, self.syn, self.params
        dt, g_max = self.dt, prm.g_max
        offsets, inputs, steps, inh = self._draw_block(m)
        if self.record_inputs.size:
            keep = np.isin(inputs, self.record_inputs)
            self.raster = (steps[keep] + self.step_count, inputs[keep])
        k0 = self.step_count
        w, p_hat = self.w, self.p_hat
        # p_hat holds the presynaptic traces × e^((t − t_base)/τ₊); re-based at least every 30 τ₊ (e^30 ≈ 1e13)
        rebase_every = max(1, int(30.0 * prm.tau_plus / dt))
        base = self._rebase(k0)
        tmp = np.empty_like(w)
        dec_e, dec_i = math.exp(-dt / syn.tau_exc), math.exp(-dt / syn.tau_inh)
        dec_m, inv_tau_p = math.exp(-dt / prm.tau_minus), dt / prm.tau_plus
        a_plus, a_minus, g_inh = prm.a_plus, prm.a_minus, syn.g_inh
        e_l, e_e, e_i = lif.e_rest, syn.e_exc, syn.e_inh
        v_th, v_reset, dt_tau = lif.v_th, lif.v_reset, dt / lif.tau_m
        n_ref = int(round(lif.t_ref / dt))
        v, g_e, g_i, mtr, ref_until = self.v, self.g_exc, self.g_inh, self.m, self._ref_until
        post = self.post_steps
        starts, inh = offsets.tolist(), inh.tolist()     # Python scalars: cheaper to index in the loop
        for j in range(m):
            k = k0 + j
            if k - base >= rebase_every:
                base = self._rebase(k)
            g_e *= dec_e
            g_i = g_i * dec_i + g_inh * inh[j]
            mtr *= dec_m
            lo, hi = starts[j], starts[j + 1]
            if hi > lo:
                idx = inputs[lo:hi]
                wi = w[idx]
                g_e += sum(wi.tolist())              # each input spike opens its synapse by w_a (a few values:
                #                                      Python's sum is 4× faster than ndarray.sum here)
                if mtr > 0.0:                        # pre after post: depression by the post trace
                    wi -= g_max * mtr
                    np.maximum(wi, 0.0, out=wi)
                    w[idx] = wi
                p_hat[idx] += a_plus * math.exp((k + 1 - base) * inv_tau_p)
            # exact step for fixed conductances: V relaxes to V∞ with time constant τ/(1 + g_e + g_i)
            g_tot = 1.0 + g_e + g_i
            v_inf = (e_l + g_e * e_e + g_i * e_i) / g_tot
            v = v_inf + (v - v_inf) * math.exp(-dt_tau * g_tot)
            if k <= ref_until:
                v = v_reset
            elif v >= v_th:
                v = v_reset
                ref_until = k + n_ref
                post.append(k)
                mtr += a_minus
                np.multiply(p_hat, g_max * math.exp(-(k + 1 - base) * inv_tau_p), out=tmp)   # pre before post
                w += tmp
                np.minimum(w, g_max, out=w)
        self.v, self.g_exc, self.g_inh, self.m, self._ref_until = v, g_e, g_i, mtr, ref_until
        self.step_count += m

    def _rebase(self, k):
        """Rescale the stored presynaptic traces to be relative to step ``k``; return ``k``."""
        self.p_hat *= math.exp(-(k - self.t_ref_step) * self.dt / self.params.tau_plus)
        self.t_ref_step = k
        return k

    # -- read-outs -----------------------------------------------------------------
    def weight_histogram(self, bins=20):
        """Counts of w / g_max in ``bins`` equal bins over [0, 1]: (bins,) int."""
        return np.histogram(self.w / self.params.g_max, bins=bins, range=(0.0, 1.0))[0]
