"""STDP (Song, Miller & Abbott 2000): the window, the trace implementation against a naive pair sum, the inputs."""
import numpy as np
import pytest

from nncore.brain.stdp import STDPNeuron, STDPParams, stdp_window


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
