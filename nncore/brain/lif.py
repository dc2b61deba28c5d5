"""Leaky integrate-and-fire (LIF) neurons: parameters, analytic results, and a vectorised simulator.

Units throughout: time in ms, voltage in mV, current in nA, resistance in MΩ
(so R·I is in mV), rates in Hz.

Model (Lapicque 1907; Dayan & Abbott 2001, §5.4; Gerstner et al. 2014, ch. 1)::

    τ dV/dt = −(V − E) + R I(t) + (synaptic jumps and noise)
    V ≥ θ  →  spike, V ← V_r, held there for t_ref

Performance rules: the population is a NumPy vector; the only Python loop
is over time steps, and random input is drawn in blocks of steps
(``_CHUNK``), never per step.  The membrane update is the exact
exponential integrator for piecewise-constant input,
V ← V∞ + (V − V∞)·e^(−dt/τ), so constant-input rates match the analytic
formula up to the time grid (an error below dt per inter-spike interval).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from ..npfast import copyto as _copyto
from .network import EICoupling, Recurrence

_CHUNK = 250  # time steps of random input drawn at once


@dataclass(frozen=True)
class LIFParams:
    """One LIF neuron's constants (defaults follow Brunel 2000, relative to a −70 mV rest).

    Brunel 2000 (J Comput Neurosci 8:183): τ = 20 ms, threshold 20 mV and reset
    10 mV above rest, refractory 2 ms.  Rest −70 mV and threshold ≈ −50 mV are
    textbook values (Gerstner et al. 2014, Neuronal Dynamics, ch. 1; τ ≈ 10–20 ms
    in cortical models).  R = 100 MΩ is a model choice (C = τ/R = 200 pF).
    """
    tau_m: float = 20.0      # membrane time constant (ms)
    e_rest: float = -70.0    # resting (leak reversal) potential E (mV)
    v_th: float = -50.0      # spike threshold θ (mV)
    v_reset: float = -60.0   # reset potential V_r (mV)
    t_ref: float = 2.0       # absolute refractory period (ms)
    r_m: float = 100.0       # membrane resistance R (MΩ): 1 nA → 100 mV

    def __post_init__(self):
        if not self.tau_m > 0:
            raise ValueError(f"the membrane time constant must be positive, got {self.tau_m} ms")
        if not self.r_m > 0:
            raise ValueError(f"the membrane resistance must be positive, got {self.r_m} MΩ")
        if self.t_ref < 0:
            raise ValueError(f"the refractory period cannot be negative, got {self.t_ref} ms")
        if not self.v_reset < self.v_th:
            raise ValueError(f"the reset ({self.v_reset} mV) must lie below the threshold ({self.v_th} mV)")
        if not self.e_rest < self.v_th:
            raise ValueError(f"rest ({self.e_rest} mV) must lie below the threshold ({self.v_th} mV)")

    def as_dict(self):
        return asdict(self)


DEFAULT = LIFParams()


def rheobase(p: LIFParams = DEFAULT) -> float:
    """The smallest constant current that ever fires the neuron (nA): I_rh = (θ − E)/R."""
    return (p.v_th - p.e_rest) / p.r_m


def lif_rate(current, p: LIFParams = DEFAULT):
    """Analytic firing rate (Hz) for a constant, noise-free current (nA); any array shape.

    Notes
    -----
    With drive u = R·I, the charge from V_r to θ takes
    T = τ ln[(u − (V_r − E)) / (u − (θ − E))], so r = 1 / (t_ref + T) for
    u > θ − E and r = 0 otherwise (Dayan & Abbott 2001, eq. 5.11).
    """
    u = np.asarray(current, dtype=np.float64) * p.r_m
    gap_th, gap_reset = p.v_th - p.e_rest, p.v_reset - p.e_rest
    above = u > gap_th
    safe = np.where(above, u, gap_th + 1.0)
    t_charge = p.tau_m * np.log((safe - gap_reset) / (safe - gap_th))
    rate = np.where(above, 1000.0 / (p.t_ref + t_charge), 0.0)
    return rate if rate.ndim else float(rate)


def _poisson_jumps(rng, lams, jumps, size):
    """Sum of independent Poisson counts times jump sizes, for ``size`` cells: (size,) float.

    For each (λ, J) pair: a Poisson number of events (mean λ·size) at uniform
    cells; the counts per cell of such events are independent Poisson(λ)
    variables.  One weighted ``bincount`` does all pairs; far cheaper than
    ``rng.poisson`` per cell when λ is small (here ≈ 0.5 events per cell).
    """
    pos, wts = [], []
    for lam, jump in zip(lams, jumps):
        if lam > 0 and jump != 0:
            k = rng.poisson(lam * size)
            pos.append(rng.integers(0, size, k, dtype=np.int32))
            wts.append(np.full(k, jump))
    if not pos:
        return np.zeros(size)
    return np.bincount(np.concatenate(pos), weights=np.concatenate(wts), minlength=size)


@dataclass(frozen=True)
class PoissonInput:
    """Excitatory and inhibitory Poisson synapses onto each neuron, a fraction ``c`` of them shared.

    Each neuron has ``n_exc`` excitatory and ``n_inh`` inhibitory input trains at
    ``rate`` Hz each; an excitatory input spike adds ``j_exc`` mV to V, an
    inhibitory one subtracts ``g·j_exc``.  A fraction ``c`` of each neuron's
    trains are the same trains for every neuron (a common pool), so the
    input spike counts of two neurons have correlation c (shared-input model:
    Shadlen & Newsome 1998; de la Rocha et al. 2007).

    Free-membrane mean μ = τ·rate·j_exc·(n_exc − g·n_inh) and
    variance σ² = τ·rate·j_exc²·(n_exc + g²·n_inh)/2 (diffusion limit).
    """
    rate: float = 9.0         # Hz per input train
    c: float = 0.0            # shared fraction (input correlation), 0–1
    n_exc: int = 400
    n_inh: int = 100          # 4:1 excitatory to inhibitory, as in Brunel 2000
    j_exc: float = 0.4        # mV per excitatory input spike
    g: float = 2.0            # relative inhibitory strength (inhibitory PSP = g·j_exc)

    def __post_init__(self):
        if not 0.0 <= self.c <= 1.0:
            raise ValueError(f"the shared fraction c must lie in [0, 1], got {self.c}")
        if self.rate < 0 or self.n_exc < 0 or self.n_inh < 0 or self.j_exc < 0 or self.g < 0:
            raise ValueError("input rate, input counts, PSP size and g must not be negative")

    def moments(self, tau_m):
        """(μ, σ) of the free membrane potential above rest, in mV, in the diffusion limit."""
        r = self.rate / 1000.0  # per ms
        mu = tau_m * r * self.j_exc * (self.n_exc - self.g * self.n_inh)
        var = tau_m * r * self.j_exc ** 2 * (self.n_exc + self.g ** 2 * self.n_inh) / 2.0
        return mu, float(np.sqrt(var))


def simulate(n=1, duration=1000.0, dt=0.1, current=0.0, noise=0.0, params: LIFParams = DEFAULT,
             inputs: PoissonInput | None = None, network: EICoupling | None = None, record=(), v0=None,
             rng=None, chi_from=0.0):
    """Simulate ``n`` LIF neurons; return a dict of spikes, recorded traces and moments.

    Parameters
    ----------
    n : number of neurons.
    duration, dt : ms.
    current : constant input current (nA), scalar or (n,).
    noise : σ (mV) of white-noise input, scaled so the free membrane
        potential fluctuates with standard deviation σ (an Ornstein–Uhlenbeck process).
    inputs : optional :class:`PoissonInput` synaptic bombardment.
    network : optional :class:`~nncore.brain.network.EICoupling`: the first
        ``frac_exc·n`` neurons are excitatory, the rest inhibitory, coupled by
        sparse random synapses (none when ``network.j`` is 0).
    record : indices of neurons whose V(t) is kept (the trace shows +20 mV spikes).
    v0 : initial V (mV), scalar or (n,); default drawn near the free-membrane
        distribution and below threshold, so the run starts without a synchronous wave.
    rng : seed or ``np.random.Generator``.
    chi_from : ms; voltage moments for the synchrony index start here.

    Returns
    -------
    dict with ``t`` (T,) ms, ``spike_steps`` and ``spike_neurons`` (S,) int,
    ``v`` (T, len(record)) mV, ``v_pop`` (T,) population-mean V (mV),
    ``v_sum``/``v_sqsum`` (n,) per-neuron moments from ``chi_from``, ``n_chi``
    steps counted, ``n``, ``dt``, ``n_steps``, and ``n_exc`` (the excitatory cells are
    ``0 … n_exc − 1``; ``n`` without a network).
    """
    p = params
    if not (np.isfinite(duration) and duration > 0 and np.isfinite(dt) and 0 < dt <= 1.0):
        raise ValueError(f"need duration > 0 and 0 < dt ≤ 1 ms, got duration={duration}, dt={dt}")
    n = int(n)
    if n < 1:
        raise ValueError(f"need at least one neuron, got n={n}")
    n_steps = int(round(duration / dt))
    if n * n_steps > 2e8:
        raise MemoryError("simulation too large")
    rng = np.random.default_rng(rng)
    current = np.broadcast_to(np.asarray(current, dtype=np.float64), (n,))
    if not np.isfinite(current).all() or not np.isfinite(noise) or noise < 0:
        raise ValueError("currents must be finite and the noise σ non-negative")
    record = np.asarray(record, dtype=np.intp).reshape(-1)
    if record.size and (record.min() < 0 or record.max() >= n):
        raise ValueError(f"record indices must lie in [0, {n})")

    decay = np.exp(-dt / p.tau_m)
    v_inf = p.e_rest + p.r_m * current                      # (n,) steady state without spikes
    drift = v_inf * (1.0 - decay)                           # V ← decay·V + drift (+ input)
    noise_step = noise * np.sqrt(1.0 - decay ** 2)          # exact OU increment for σ
    n_ref = int(round(p.t_ref / dt))
    k_chi = int(round(chi_from / dt))
    # the connectivity has its own generator, so the same seed gives the same input at any coupling
    rec = None
    if network is not None:
        conn_rng = np.random.default_rng(rng.integers(2 ** 63))
        if network.j > 0:
            rec = Recurrence(network, n, dt, n_steps, conn_rng)
    n_exc = network.sizes(n)[0] if network is not None else n

    use_syn = inputs is not None and inputs.rate > 0 and (inputs.n_exc + inputs.n_inh) > 0
    block = np.empty((_CHUNK, n))        # per-step input: drift + noise + synaptic jumps (mV)
    vbuf = np.empty((_CHUNK, n))         # V for the steps of this chunk; row j is the state at step j
    prev = np.empty(n)
    if v0 is None:
        # start near the free-membrane distribution N(E + R·I + μ_syn, σ), below threshold: no start-up wave
        mu_syn, sd_syn = inputs.moments(p.tau_m) if use_syn else (0.0, 0.0)
        sd = np.sqrt(noise ** 2 + sd_syn ** 2)
        prev[:] = np.minimum(v_inf + mu_syn + sd * rng.standard_normal(n),
                             rng.uniform(p.v_reset, p.v_th, n))
    else:
        prev[:] = np.broadcast_to(np.asarray(v0, dtype=np.float64), (n,))
    ref_until = np.full(n, -1, dtype=np.int64)               # last refractory step of each neuron
    held = np.empty(n, dtype=bool)
    v_trace = np.empty((n_steps, record.size))
    v_pop = np.empty(n_steps)
    v_sum = np.zeros(n)
    v_sqsum = np.zeros(n)
    fired_steps, fired_lists = [], []
    v_reset, v_th = p.v_reset, p.v_th

    copyto = _copyto
    for start in range(0, n_steps, _CHUNK):
        m = min(_CHUNK, n_steps - start)
        blk = block[:m]
        blk[...] = drift
        if noise_step > 0:
            blk += noise_step * rng.standard_normal((m, n))
        if use_syn:
            _add_synaptic_block(rng, inputs, dt, m, n, blk)
        for j in range(m):
            k = start + j
            V = vbuf[j]
            np.multiply(prev, decay, out=V)
            V += blk[j]
            if rec is not None:
                V += rec.drive(k)
            np.greater_equal(ref_until, k, out=held)
            copyto(V, v_reset, where=held)
            fired = (V >= v_th).nonzero()[0]      # = np.flatnonzero, without its Python wrapper (V is 1-D)
            if fired.size:
                V[fired] = v_reset
                ref_until[fired] = k + n_ref
                fired_steps.append(k)
                fired_lists.append(fired)
                if rec is not None:
                    rec.spiked(k, fired)
            prev = V
        chunk = vbuf[:m]
        v_pop[start:start + m] = chunk.mean(axis=1)
        if record.size:
            v_trace[start:start + m] = chunk[:, record]
        lo = max(0, k_chi - start)
        if lo < m:
            v_sum += chunk[lo:].sum(axis=0)
            v_sqsum += np.einsum("ij,ij->j", chunk[lo:], chunk[lo:], optimize=True)
        prev = prev.copy()   # the next chunk overwrites vbuf

    if fired_lists:
        spike_neurons = np.concatenate(fired_lists)
        spike_steps = np.repeat(np.asarray(fired_steps, dtype=np.int64), [f.size for f in fired_lists])
    else:
        spike_neurons, spike_steps = np.zeros(0, np.intp), np.zeros(0, np.int64)
    if record.size and spike_steps.size:
        # draw each recorded spike as a peak 20 mV above threshold (the model itself has no spike shape)
        col = np.full(n, -1)
        col[record] = np.arange(record.size)
        hit = col[spike_neurons] >= 0
        v_trace[spike_steps[hit], col[spike_neurons[hit]]] = v_th + 20.0

    return {
        "t": np.arange(1, n_steps + 1) * dt,
        "spike_steps": spike_steps, "spike_neurons": spike_neurons,
        "v": v_trace, "v_pop": v_pop, "v_sum": v_sum, "v_sqsum": v_sqsum,
        "n_chi": max(0, n_steps - k_chi), "chi_from_step": k_chi,
        "n": n, "dt": float(dt), "n_steps": n_steps, "n_exc": n_exc,
    }


def _add_synaptic_block(rng, inp: PoissonInput, dt, m, n, blk, tmp=None):
    """Add Poisson synaptic jumps (mV) for ``m`` steps × ``n`` neurons to ``blk`` (m, n)."""
    r = inp.rate * dt / 1000.0  # spikes per input train per step
    j_inh = -inp.g * inp.j_exc
    counts = (inp.n_exc * r, inp.n_inh * r)
    blk += _poisson_jumps(rng, [(1.0 - inp.c) * c for c in counts], (inp.j_exc, j_inh), m * n).reshape(m, n)
    if inp.c > 0:   # the shared trains: the same jumps for every neuron at this step
        blk += _poisson_jumps(rng, [inp.c * c for c in counts], (inp.j_exc, j_inh), m)[:, None]


def fi_curve(currents, params: LIFParams = DEFAULT, noise=0.0, duration=1000.0, dt=0.1, trials=1, rng=None):
    """Simulated firing rate (Hz) against constant current (nA), all currents in one population.

    Returns an array shaped like ``currents``: the spike count over ``trials``
    neurons per current divided by their total time.
    """
    currents = np.asarray(currents, dtype=np.float64)
    flat = np.repeat(currents.reshape(-1), int(trials))
    out = simulate(n=flat.size, duration=duration, dt=dt, current=flat, noise=noise, params=params,
                   v0=params.v_reset, rng=rng)
    counts = np.bincount(out["spike_neurons"], minlength=flat.size).reshape(-1, int(trials)).sum(axis=1)
    return (counts * 1000.0 / (duration * trials)).reshape(currents.shape)
