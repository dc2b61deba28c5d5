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

Performance rules: input spikes are drawn a block of steps at a time; between two output spikes
nothing feeds back from the neuron to its inputs, so the steps up to the next output spike are
computed with array operations (the conductances and the membrane potential are linear
recursions, solved with cumulative sums), and the Python loop runs once per output spike, not
once per time step. The presynaptic traces are stored scaled by e^(t/τ₊) (re-based every span of
steps), so they need no per-step decay of all N traces: O(N) work happens only at output spikes.
The step-by-step recursion this replaces is kept in tests/nncore/test_stdp.py, which checks the
two agree (same output spikes, weights equal to rounding).
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
    step, i = np.divmod(rng.integers(0, m * idx.size, k), idx.size)
    step *= n
    if idx[-1] - idx[0] + 1 == idx.size:               # a run of inputs (the page's groups): no gather
        i += idx[0]
        step += i
    else:
        step += idx[i]
    return step


def _decay_sum(y0, decay, x):
    """y_j = decay · y_{j−1} + x_j from y_{−1} = ``y0``, for every j of ``x`` at once (cumulative sums; keep
    len(x) · |ln decay| below a few hundred so decay^−j stays finite)."""
    powers = decay ** np.arange(1, len(x) + 1, dtype=np.float64)
    return powers * (y0 + np.cumsum(x / powers))


def _earlier_same_input(inputs, amounts):
    """For each event (in time order), the sum of ``amounts`` over the earlier events of the same input."""
    order = np.argsort(inputs.astype(np.int16), kind="stable")    # by input, then time (radix sort: n ≤ 5000)
    s_amt = amounts[order]
    before = np.cumsum(s_amt) - s_amt                   # over all earlier events in this order
    s_in = inputs[order]
    first = np.empty(s_in.size, bool)
    first[:1] = True
    np.not_equal(s_in[1:], s_in[:-1], out=first[1:])
    out = np.empty_like(amounts)
    out[order] = before - before[first][np.cumsum(first) - 1]    # minus what came before the input's group
    return out


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
        self._free, self._corr = np.flatnonzero(~self.correlated), np.flatnonzero(self.correlated)
        self._recorded = np.zeros(n, bool)
        self._recorded[self.record_inputs] = True
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
        self._raster = (np.zeros(0, np.int64), np.zeros(0, np.intp))  # (steps, input index) of the last block
        self._last_block = None             # (steps, inputs, first step) of the last block: the raster, on demand
        self._const = None                  # decay factors over a stretch (_consts)
        self._horizon = 64                  # steps looked ahead for the next output spike

    @property
    def raster(self):
        """(steps, input index) of the recorded inputs' spikes in the latest block (made when first read)."""
        if self._last_block is not None:
            steps, inputs, k0 = self._last_block
            keep = self._recorded[inputs]
            self._raster = (steps[keep].astype(np.int64) + k0, inputs[keep].astype(np.intp))
            self._last_block = None
        return self._raster

    @raster.setter
    def raster(self, value):
        self._raster, self._last_block = value, None

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
        free, corr = self._free, self._corr
        q = math.sqrt(self.c)      # a correlated input copies the mother train's step with probability √c
        cells = [_poisson_cells(rng, p, m, free, n), _poisson_cells(rng, (1 - q) * p, m, corr, n)]
        if corr.size and q > 0 and p > 0:
            mother = np.flatnonzero(rng.random(m) < p)
            rows, cols = np.nonzero(rng.random((mother.size, corr.size)) < q)
            cells.append(mother[rows] * n + corr[cols])
        cell = np.concatenate(cells)
        if m * n < 2 ** 31:
            cell = cell.astype(np.int32)               # sorts in half the time
        cell.sort()                                    # by step; a double spike in one step counts once
        if cell.size > 1:
            cell = cell[np.concatenate(([True], cell[1:] != cell[:-1]))]
        steps, inputs = np.divmod(cell, n)
        steps, inputs = steps.astype(np.intp), inputs.astype(np.intp)     # indices: gathers, bincounts twice as fast
        offsets = np.searchsorted(steps, np.arange(m + 1, dtype=steps.dtype))
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
        """Draw ``m`` steps of input spikes and advance through them a span (≤ ``span`` steps) at a time."""
        lif = self.lif
        offsets, inputs, steps, inh = self._draw_block(m)
        if self.record_inputs.size:
            self._last_block = (steps, inputs, self.step_count)
        c = self._consts()
        n_ref = int(round(lif.t_ref / self.dt))
        for b0 in range(0, m, c["span"]):
            b1 = min(m, b0 + c["span"])
            e0, e1 = offsets[b0], offsets[b1]
            self._run_span(b1 - b0, offsets[b0:b1 + 1] - e0, inputs[e0:e1], steps[e0:e1] - b0, inh[b0:b1], c, n_ref)

    def _run_span(self, m, offsets, inputs, steps, inh, c, n_ref):
        """Advance ``m`` steps (at most ``c["span"]``), a stretch between output spikes at a time.

        Between two output spikes nothing feeds back from the neuron to its inputs, so a stretch of steps
        is computed with array operations: each input spike's weight (depressed by the earlier spikes of
        its input in the stretch), the excitatory conductance, and the membrane potential (a linear
        recursion in V, solved by cumulative sums). The stretch ends at the first step whose V reaches
        threshold; that step's output spike (potentiation, the post trace) is applied and the next stretch
        begins. The numbers are the step-by-step recursion's up to rounding (tests/nncore/test_stdp.py).

        Everything below is relative to the span's first step: ``pw_e[j]`` = e^(−j·dt/τ_exc), the
        conductance at step j ≥ j0 is pw_e[j + 1]·(g(j0 − 1)/pw_e[j0] + Σ_{j0≤i≤j} x_i/pw_e[i + 1]), and the
        post trace at step j of a stretch from j0 is M(j0 − 1)·pw_m[j + 1]/pw_m[j0].
        """
        lif, syn, prm = self.lif, self.syn, self.params
        g_max, n, k0 = prm.g_max, self.n, self.step_count
        pw_e, ipw_e, pw_m = c["pw_e"], c["ipw_e"], c["pw_m"]
        base = self._rebase(k0)
        # per input spike: its post-trace factor, the same summed over the earlier spikes of its input, its
        # pre trace (A₊ e^((j + 1)·dt/τ₊))
        u = pw_m[steps + 1]
        u_earlier = _earlier_same_input(inputs, u)
        used = np.zeros(n)                                  # Σ u over the spikes flushed into w, per input
        p_add = c["pw_p"][steps]
        g_i = _decay_sum(self.g_inh, c["dec_i"], syn.g_inh * inh)
        den0 = 1.0 + g_i
        num0 = lif.e_rest + syn.e_inh * g_i
        e_e, dt_tau, v_th, v_reset = syn.e_exc, self.dt / lif.tau_m, lif.v_th, lif.v_reset
        starts = offsets.tolist()
        w, p_hat, post = self.w, self.p_hat, self.post_steps
        tmp = np.empty(n)
        v, g_e, mtr, ref_until, horizon = self.v, self.g_exc, self.m, self._ref_until, self._horizon
        # Input spikes [0, flushed) are in p_hat, their depression in w and used. The later ones are flushed at
        # the next output spike (or the span's end): until then the depression per unit of u (scale) is
        # constant, so a spike's weight, w − scale·(Σ u of its input's unflushed earlier spikes), is the same
        # as with w depressed spike by spike (the clamps at 0 of non-negative steps add up to one clamp).
        flushed = 0
        scale = g_max * mtr / pw_m[0]                       # depression per unit of u until the next output spike
        j0 = 0
        while j0 < m:
            k = k0 + j0
            refractory = k <= ref_until
            L = min(m - j0, ref_until - k + 1 if refractory else horizon)
            o0, o1 = starts[j0], starts[j0 + L]
            inp = inputs[o0:o1]
            w_pre = w[inp]
            if scale > 0.0:                                 # w − scale·(u_earlier − used), in place
                dep = used[inp]
                dep -= u_earlier[o0:o1]
                dep *= scale
                w_pre += dep
                np.maximum(w_pre, 0.0, out=w_pre)
            ge = np.bincount(steps[o0:o1], w_pre, j0 + L)[j0:] if o1 > o0 else np.zeros(L)
            ge *= ipw_e[j0 + 1:j0 + L + 1]
            ge[0] += g_e * ipw_e[j0]
            ge = ge.cumsum()
            ge *= pw_e[j0 + 1:j0 + L + 1]
            end, spike = L, False
            if not refractory:
                g_tot = den0[j0:j0 + L] + ge
                step_a = g_tot * -dt_tau                    # log of each step's decay factor of V − V∞
                log_a = step_a.cumsum()
                if log_a[-1] < -600.0:                      # keep e^−log_a finite: a shorter stretch
                    L = end = max(1, int(np.searchsorted(-log_a, 600.0)))
                    g_tot, step_a, log_a, ge = g_tot[:L], step_a[:L], log_a[:L], ge[:L]
                # V_r = a_r V_{r−1} + (1 − a_r) V∞_r for every r at once: V_r = A_r (V − Σ_{i≤r} (a_i − 1) V∞_i / A_i)
                big_a = np.exp(log_a)
                terms = np.expm1(step_a)
                terms *= num0[j0:j0 + L] + ge * e_e if e_e else num0[j0:j0 + L]
                terms /= g_tot
                terms /= big_a
                vs = v - terms.cumsum()
                vs *= big_a
                first = int((vs >= v_th).argmax())
                if vs[first] >= v_th:
                    end, spike = first + 1, True
            g_e = float(ge[end - 1])
            k_last = k + end - 1
            if refractory:
                v = v_reset
            elif spike:
                v = v_reset
                ref_until = k_last + n_ref
                post.append(k_last)
                e1 = starts[j0 + end]                       # the spikes up to this step's: depress, then potentiate
                if e1 > flushed:
                    idx = inputs[flushed:e1]
                    done = np.bincount(idx, u[flushed:e1], n)
                    used += done
                    if scale > 0.0:                         # depression: w ← max(w − Σ g_max M, 0) per input
                        done *= scale
                        w -= done
                        np.maximum(w, 0.0, out=w)
                    p_hat += np.bincount(idx, p_add[flushed:e1], n)
                    flushed = e1
                pot = g_max * math.exp(-(k_last + 1 - base) * c["rate_p"])
                w += np.multiply(p_hat, pot, out=tmp)       # pre before post: potentiation
                np.minimum(w, g_max, out=w)
                horizon = 40                         # the next output spike: most come within 20 ms
            else:
                v = float(vs[end - 1])
                horizon *= 2
            mtr *= pw_m[j0 + end] / pw_m[j0]
            if spike:
                mtr += prm.a_minus
                scale = g_max * mtr / pw_m[j0 + end]
            j0 += end
        if flushed < inputs.size:
            idx = inputs[flushed:]
            done = np.bincount(idx, u[flushed:], n)
            if scale > 0.0:
                done *= scale
                w -= done
                np.maximum(w, 0.0, out=w)
            p_hat += np.bincount(idx, p_add[flushed:], n)
        self.v, self.g_exc, self.g_inh, self.m, self._ref_until = v, g_e, float(g_i[-1]), mtr, ref_until
        self._horizon = min(horizon, c["span"])
        self.step_count += m

    def _consts(self):
        """Decay factors over a span of steps, computed once: a span is at most ``span`` steps, short enough
        that every factor and its inverse stays far from the float range's ends."""
        if self._const is None:
            prm, syn, dt = self.params, self.syn, self.dt
            rates = (dt / syn.tau_exc, dt / syn.tau_inh, dt / prm.tau_minus, dt / prm.tau_plus)
            span = int(max(16, min(512, 250.0 / max(rates))))
            j = np.arange(span + 2, dtype=np.float64)
            self._const = dict(span=span, dec_i=math.exp(-rates[1]), pw_e=np.exp(-rates[0] * j),
                               ipw_e=np.exp(rates[0] * j), pw_m=np.exp(-rates[2] * j),
                               pw_p=prm.a_plus * np.exp(rates[3] * (j + 1)), rate_p=rates[3])
        return self._const

    def _rebase(self, k):
        """Rescale the stored presynaptic traces to be relative to step ``k``; return ``k``."""
        self.p_hat *= math.exp(-(k - self.t_ref_step) * self.dt / self.params.tau_plus)
        self.t_ref_step = k
        return k

    # -- read-outs -----------------------------------------------------------------
    def weight_histogram(self, bins=20):
        """Counts of w / g_max in ``bins`` equal bins over [0, 1]: (bins,) int."""
        x = self.w / self.params.g_max                    # in [0, 1]: np.histogram's own binning, without its checks
        edges = np.linspace(0.0, 1.0, bins + 1)
        idx = (x * bins).astype(np.intp)
        np.minimum(idx, bins - 1, out=idx)
        idx[x < edges[idx]] -= 1
        idx[(x >= edges[idx + 1]) & (idx != bins - 1)] += 1
        return np.bincount(idx, minlength=bins)
