"""STDP (Song, Miller & Abbott 2000): the window, the trace implementation against a naive pair sum, the inputs."""
import math

import numpy as np
import pytest

from nncore.brain.lif import LIFParams
from nncore.brain.stdp import SONG_LIF, STDPNeuron, STDPParams, Synapses, _earlier_same_input, stdp_window


def test_window_signs_values_and_net_depression():
    p = STDPParams(a_plus=0.01, ratio=1.1, tau_plus=20.0, tau_minus=30.0)
    assert stdp_window(20.0, p) == pytest.approx(0.01 * np.exp(-1))
    assert stdp_window(-30.0, p) == pytest.approx(-p.a_minus * np.exp(-1))
    assert stdp_window(0.0, p) == 0.0
    assert p.a_minus * p.tau_minus == pytest.approx(1.1 * p.a_plus * p.tau_plus)
    d = np.linspace(-400, 400, 160001)
    area = np.trapezoid(stdp_window(d, p), d)
    assert area == pytest.approx(p.a_plus * p.tau_plus * (1 - 1.1), rel=1e-3)   # depression wins on average


def naive_pair_sum(pre_steps, pre_inputs, post_steps, n, p, dt):
    """Σ over all (pre, post) pairs of the window, per input; a same-step pair counts as pre-before-post."""
    dw = np.zeros(n)
    post = np.asarray(post_steps, dtype=float)
    for k, i in zip(pre_steps, pre_inputs):
        lag = (post - k) * dt                       # t_post − t_pre
        dw[i] += np.sum(np.where(lag >= 0, p.a_plus * np.exp(-lag / p.tau_plus),
                                 -p.a_minus * np.exp(lag / p.tau_minus)))
    return dw * p.g_max


@pytest.mark.parametrize("seed", [0, 1])
def test_traces_equal_the_all_pairs_sum_away_from_the_bounds(seed):
    """Tiny A₊ keeps every weight inside (0, g_max), so the trace updates must add up to the naive pair sum."""
    n, dt = 40, 0.5
    p = STDPParams(a_plus=1e-5, ratio=1.05, g_max=0.3)          # few, strong inputs: the neuron fires
    w0 = np.full(n, 0.5 * p.g_max)
    corr = np.arange(n) < 10
    # one block covering the whole run, every input recorded: the raster then holds every input spike
    nr = STDPNeuron(n, rate=30.0, correlated=corr, c=0.3, w0=w0, params=p, dt=dt, block_ms=2000.0,
                    record_inputs=np.arange(n), rng=seed)
    nr.run(2000.0)
    steps, inputs = nr.raster
    assert len(nr.post_steps) > 5 and steps.size > 500
    expected = w0 + naive_pair_sum(steps, inputs, nr.post_steps, n, p, dt)
    np.testing.assert_allclose(nr.w, expected, rtol=0, atol=1e-12 * p.g_max + 1e-9 * np.abs(expected - w0).max())


def test_inputs_fire_at_the_rate_and_correlate_as_set():
    n, rate, c, dt = 200, 20.0, 0.2, 0.5
    corr = np.arange(n) < 100
    nr = STDPNeuron(n, rate=rate, correlated=corr, c=c, params=STDPParams(a_plus=0.0), dt=dt, block_ms=20000.0,
                    record_inputs=np.arange(n), rng=3)
    nr.run(20000.0)
    steps, inputs = nr.raster
    rates = np.bincount(inputs, minlength=n) / 20.0
    assert abs(rates[corr].mean() - rate) < 0.05 * rate and abs(rates[~corr].mean() - rate) < 0.05 * rate
    counts = np.zeros((n, 2000))                                  # 10 ms bins
    np.add.at(counts, (inputs, (steps * dt // 10).astype(int)), 1)
    r = np.corrcoef(counts)
    off = ~np.eye(n, dtype=bool)
    within = r[np.ix_(corr, corr)][off[:100, :100]].mean()
    across = r[np.ix_(~corr, ~corr)][off[:100, :100]].mean()
    assert within == pytest.approx(c, abs=0.03)
    assert abs(across) < 0.01


def test_weights_stay_within_bounds_and_runs_are_seeded():
    p = STDPParams(a_plus=0.2, ratio=1.05)                        # huge steps: the bounds must hold them
    runs = [STDPNeuron(100, rate=30.0, params=p, rng=s) for s in (5, 5, 6)]
    for nr in runs:
        nr.run(3000.0)
        assert nr.w.min() >= 0.0 and nr.w.max() <= p.g_max
    np.testing.assert_array_equal(runs[0].w, runs[1].w)
    assert runs[0].post_steps == runs[1].post_steps
    assert not np.array_equal(runs[0].w, runs[2].w)


def test_no_plasticity_leaves_weights_and_silent_synapses_silence_the_neuron():
    p = STDPParams(a_plus=0.0)
    nr = STDPNeuron(1000, rate=20.0, params=p, rng=0)
    w0 = nr.w.copy()
    assert nr.run(2000.0).size > 20                               # uniform weights in [0, g_max] drive it
    np.testing.assert_array_equal(nr.w, w0)
    quiet = STDPNeuron(1000, rate=20.0, params=p, w0=np.zeros(1000), rng=0)
    assert quiet.run(2000.0).size == 0


def test_running_in_pieces_equals_running_at_once():
    a = STDPNeuron(300, rate=20.0, correlated=np.arange(300) < 30, c=0.1, rng=9)
    b = STDPNeuron(300, rate=20.0, correlated=np.arange(300) < 30, c=0.1, rng=9)
    a.run(1000.0)
    for _ in range(4):
        b.run(250.0)
    np.testing.assert_array_equal(a.w, b.w)
    assert a.post_steps == b.post_steps


@pytest.mark.parametrize("kwargs,match", [
    ({"n_inputs": 0}, "at least one input"), ({"rate": -1.0}, "input rate"), ({"c": 1.5}, "correlation"),
    ({"dt": 2.0}, "dt"), ({"n_inputs": 3, "w0": [0.0, 1.0, 0.0]}, "initial weights"),
])
def test_bad_settings_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        STDPNeuron(**kwargs)


# -- the stretch-at-a-time simulation against the step-by-step recursion it replaced ------------------
class StepByStep(STDPNeuron):
    """The neuron advanced one time step at a time (the former implementation, kept as the reference):
    the same drawn input spikes, every step's conductances, potential, spike check and STDP updates in turn."""

    def _run_block(self, m):
        rebase_every = max(1, int(30.0 * self.params.tau_plus / self.dt))
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


def _pair(**kw):
    return STDPNeuron(**kw), StepByStep(**kw)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_stretches_equal_the_step_by_step_recursion(seed):
    """The page's neuron (1,000 inputs, a tenth correlated, A₊ = 0.01): the same output spikes, weights equal
    to rounding, over 4 s, from the fast-firing start into the competition."""
    kw = dict(n_inputs=1000, rate=20.0, correlated=np.arange(1000) < 100, c=0.1,
              params=STDPParams(a_plus=0.01, ratio=1.1), record_inputs=np.arange(60), rng=seed)
    fast, ref = _pair(**kw)
    for _ in range(4):
        fast.run(1000.0)
        ref.run(1000.0)
        assert fast.post_steps == ref.post_steps
        np.testing.assert_allclose(fast.w, ref.w, rtol=0, atol=1e-12 * fast.params.g_max)
    assert len(fast.post_steps) > 200
    np.testing.assert_allclose([fast.v, fast.g_exc, fast.g_inh, fast.m], [ref.v, ref.g_exc, ref.g_inh, ref.m],
                               rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(fast.raster[0], ref.raster[0])
    np.testing.assert_array_equal(fast.raster[1], ref.raster[1])


@pytest.mark.parametrize("case", ["refractory", "reversal", "long_blocks", "strong", "quiet"])
def test_stretches_equal_the_step_by_step_recursion_off_the_defaults(case):
    """A refractory period, a non-zero excitatory reversal potential, blocks of many spans, huge STDP steps,
    a neuron that fires rarely (strong inhibition: the depression of many stretches waits for the next output
    spike, or the span's end, to be applied)."""
    kw = dict(n_inputs=200, rate=30.0, correlated=np.arange(200) < 40, c=0.2, rng=7,
              params=STDPParams(a_plus=0.01, ratio=1.05, g_max=0.05))
    if case == "refractory":
        kw["lif"] = LIFParams(tau_m=SONG_LIF.tau_m, e_rest=SONG_LIF.e_rest, v_th=SONG_LIF.v_th,
                              v_reset=SONG_LIF.v_reset, t_ref=3.0)
    elif case == "reversal":
        kw["syn"] = Synapses(e_exc=10.0, tau_exc=3.0, n_inh=50)
    elif case == "long_blocks":
        kw.update(block_ms=1500.0, dt=0.25)
    elif case == "quiet":
        kw["syn"] = Synapses(n_inh=800)
    else:
        kw["params"] = STDPParams(a_plus=0.2, ratio=1.05, g_max=0.05)
    fast, ref = _pair(**kw)
    fast.run(2000.0)
    ref.run(2000.0)
    assert len(ref.post_steps) > 20
    assert fast.post_steps == ref.post_steps
    np.testing.assert_allclose(fast.w, ref.w, rtol=0, atol=1e-12 * kw["params"].g_max)
    if case == "strong":                                  # the bounds are reached, and hold
        assert (fast.w == 0).any() and (fast.w == kw["params"].g_max).any()
    if case == "quiet":                                   # silences far longer than a look-ahead (40 steps)
        assert np.diff(fast.post_steps).mean() > 60
    if case == "refractory":
        gaps = np.diff(fast.post_steps)
        assert gaps.min() > 3.0 / 0.5                     # no spike within the refractory period


def test_earlier_same_input_sums_the_earlier_events_of_each_input():
    rng = np.random.default_rng(0)
    inputs = rng.integers(0, 30, 400)
    amounts = rng.random(400)
    got = _earlier_same_input(inputs, amounts)
    want = [amounts[:i][inputs[:i] == inputs[i]].sum() for i in range(400)]
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_weight_histogram_bins_as_numpy_does_bounds_and_edges_included():
    """The histogram of w / g_max over [0, 1] counts as np.histogram: 0 and g_max (where STDP drives most
    weights) in the first and last bins, a weight on a bin edge in the bin above it."""
    nr = STDPNeuron(400, rng=3)
    g, rng = nr.params.g_max, np.random.default_rng(3)
    w = rng.uniform(0.0, g, 400)
    w[:100], w[100:200] = 0.0, g
    w[200:300] = np.round(rng.uniform(0, 1, 100) * 20) / 20 * g          # on the edges of 20 bins
    nr.w = w
    for bins in (20, 7):
        got = nr.weight_histogram(bins)
        np.testing.assert_array_equal(got, np.histogram(w / g, bins=bins, range=(0.0, 1.0))[0])
        assert got.sum() == 400 and got[0] >= 100 and got[-1] >= 100
