"""nncore.brain: LIF against analytic results, Poisson input statistics, synchrony measures, sparsity."""
import numpy as np
import pytest

from nncore import brain
from nncore.brain import EICoupling, LIFParams, PoissonInput
from nncore.brain.network import Recurrence

P = LIFParams()
OTHER = LIFParams(tau_m=10.0, e_rest=-65.0, v_th=-50.0, v_reset=-65.0, t_ref=3.0, r_m=50.0)


def rate_formula(i_na, p):
    """r = 1 / (t_ref + τ ln[(RI − (V_r − E)) / (RI − (θ − E))]) in Hz, written out independently."""
    u = p.r_m * i_na
    return 1000.0 / (p.t_ref + p.tau_m * np.log((u - (p.v_reset - p.e_rest)) / (u - (p.v_th - p.e_rest))))


@pytest.mark.parametrize("p", [P, OTHER])
def test_rheobase_is_threshold_gap_over_resistance(p):
    assert brain.rheobase(p) == pytest.approx((p.v_th - p.e_rest) / p.r_m)


@pytest.mark.parametrize("p", [P, OTHER])
@pytest.mark.parametrize("factor", [1.1, 1.5, 3.0])
def test_analytic_rate_matches_formula(p, factor):
    i = factor * brain.rheobase(p)
    assert brain.lif_rate(i, p) == pytest.approx(rate_formula(i, p), rel=1e-12)


@pytest.mark.parametrize("p", [P, OTHER])
def test_simulated_rate_matches_analytic_rate(p):
    currents = brain.rheobase(p) * np.array([1.2, 1.5, 2.0, 3.0])
    sim = brain.fi_curve(currents, p, duration=1000.0, dt=0.02)
    # the time grid delays each spike by < dt (< 1 % of an interval here); the count is ± 1 spike in 1 s
    np.testing.assert_allclose(sim, rate_formula(currents, p), rtol=0.01, atol=1.0)


@pytest.mark.parametrize("p", [P, OTHER])
def test_no_spikes_at_or_below_rheobase(p):
    currents = brain.rheobase(p) * np.array([0.0, 0.5, 0.99, 1.0])
    assert np.all(brain.lif_rate(currents, p) == 0)
    out = brain.simulate(n=4, duration=500.0, current=currents, params=p, v0=p.e_rest)
    assert out["spike_steps"].size == 0


def test_just_above_rheobase_fires():
    i = brain.rheobase(P) * 1.02
    out = brain.simulate(n=1, duration=1000.0, current=i, v0=P.v_reset)
    assert out["spike_steps"].size > 0
    assert brain.lif_rate(i) > 0


def test_rate_saturates_at_one_over_refractory():
    assert brain.lif_rate(1e6, P) == pytest.approx(1000.0 / P.t_ref, rel=1e-3)


def test_refractory_period_is_respected():
    out = brain.simulate(n=1, duration=500.0, dt=0.1, current=50.0, v0=P.v_reset)
    isi = np.diff(out["spike_steps"]) * 0.1
    assert isi.min() >= P.t_ref


def test_free_membrane_relaxes_to_rest_plus_ri():
    i = 0.5 * brain.rheobase(P)
    out = brain.simulate(n=1, duration=200.0, current=i, v0=P.e_rest, record=[0])
    assert out["v"][-1, 0] == pytest.approx(P.e_rest + P.r_m * i, abs=1e-3)
    # at t = τ the exact exponential integrator is at 1 − 1/e of the way
    k = int(P.tau_m / 0.1) - 1
    assert out["v"][k, 0] == pytest.approx(P.e_rest + P.r_m * i * (1 - np.exp(-1)), abs=1e-9)


def test_noise_sets_free_membrane_std():
    out = brain.simulate(n=400, duration=300.0, noise=3.0, current=0.0, v0=P.e_rest, rng=1, chi_from=100.0)
    var = out["v_sqsum"] / out["n_chi"] - (out["v_sum"] / out["n_chi"]) ** 2
    assert np.sqrt(var.mean()) == pytest.approx(3.0, rel=0.1)


def test_poisson_input_moments_match_diffusion_limit():
    inp = PoissonInput(rate=9.0)
    mu, sd = inp.moments(P.tau_m)
    # a far threshold: free membrane only
    p = LIFParams(v_th=1e3)
    out = brain.simulate(n=300, duration=400.0, inputs=inp, params=p, rng=2, chi_from=100.0, v0=p.e_rest + mu)
    mean = out["v_sum"] / out["n_chi"]
    var = out["v_sqsum"] / out["n_chi"] - mean ** 2
    assert mean.mean() - p.e_rest == pytest.approx(mu, rel=0.03)
    assert np.sqrt(var.mean()) == pytest.approx(sd, rel=0.1)


@pytest.mark.parametrize("c", [0.0, 0.3, 0.8])
def test_input_counts_have_correlation_c(c):
    from nncore.brain.lif import _add_synaptic_block
    rng = np.random.default_rng(3)
    inp = PoissonInput(rate=50.0, c=c, n_inh=0)
    blk = np.zeros((20000, 2))
    _add_synaptic_block(rng, inp, 1.0, 20000, 2, blk)
    counts = blk / inp.j_exc
    assert np.allclose(counts, np.round(counts))
    assert counts.mean() == pytest.approx(inp.n_exc * inp.rate / 1000.0, rel=0.02)
    assert counts.var() == pytest.approx(counts.mean(), rel=0.05)  # Poisson: variance = mean
    assert np.corrcoef(counts.T)[0, 1] == pytest.approx(c, abs=0.03)


def test_same_seed_same_spikes():
    a = brain.simulate(n=50, duration=200.0, inputs=PoissonInput(c=0.2), rng=7)
    b = brain.simulate(n=50, duration=200.0, inputs=PoissonInput(c=0.2), rng=7)
    np.testing.assert_array_equal(a["spike_steps"], b["spike_steps"])
    np.testing.assert_array_equal(a["spike_neurons"], b["spike_neurons"])


@pytest.mark.parametrize("bad", [dict(duration=-1.0), dict(dt=0.0), dict(n=0), dict(noise=-1.0),
                                 dict(current=np.nan), dict(record=[5])])
def test_bad_simulation_input_raises_value_error(bad):
    kw = dict(n=2, duration=10.0) | bad
    with pytest.raises(ValueError):
        brain.simulate(**kw)


@pytest.mark.parametrize("bad", [dict(tau_m=0.0), dict(v_reset=-40.0), dict(t_ref=-1.0), dict(r_m=0.0)])
def test_bad_params_raise(bad):
    with pytest.raises(ValueError):
        LIFParams(**bad)


def test_shared_fraction_out_of_range_raises():
    with pytest.raises(ValueError):
        PoissonInput(c=1.5)


# -- measures -------------------------------------------------------------------


def test_isi_cv_regular_and_poisson():
    rng = np.random.default_rng(0)
    regular = np.arange(0, 10000, 100)
    poisson = np.cumsum(rng.exponential(100.0, 2000)).astype(np.int64)
    steps = np.r_[regular, poisson, [5]]
    neurons = np.r_[np.zeros(regular.size, int), np.ones(poisson.size, int), [2]]
    cv = brain.isi_cv(steps, neurons, 3)
    assert cv[0] == pytest.approx(0.0, abs=1e-12)
    assert cv[1] == pytest.approx(1.0, abs=0.08)
    assert np.isnan(cv[2])


def naive_counts(steps, neurons, n, n_steps, bin_steps):
    nb = n_steps // bin_steps
    out = np.zeros((n, nb), int)
    for s, i in zip(steps, neurons):
        if s // bin_steps < nb:
            out[i, s // bin_steps] += 1
    return out


def test_spike_counts_and_correlation_against_naive():
    rng = np.random.default_rng(1)
    steps = rng.integers(0, 1000, 300)
    neurons = rng.integers(0, 6, 300)
    counts = brain.spike_counts(steps, neurons, 6, 1000, 70)
    np.testing.assert_array_equal(counts, naive_counts(steps, neurons, 6, 1000, 70))
    np.testing.assert_allclose(brain.correlation_matrix(counts), np.corrcoef(counts), atol=1e-12)
    c = np.corrcoef(counts)
    assert brain.mean_pairwise_correlation(counts) == pytest.approx(c[np.triu_indices(6, 1)].mean())


def test_mean_pairwise_correlation_skips_silent_rows():
    counts = np.array([[1, 2, 3, 4], [2, 4, 6, 8], [0, 0, 0, 0]])
    assert brain.mean_pairwise_correlation(counts) == pytest.approx(1.0)


@pytest.mark.parametrize("shift, expected", [(0.0, 1.0), (None, 0.0)])
def test_chi_identical_and_independent_traces(shift, expected):
    rng = np.random.default_rng(0)
    base = rng.standard_normal(5000)
    v = np.tile(base[:, None], (1, 200)) if shift == 0.0 else rng.standard_normal((5000, 200))
    assert brain.chi(v) == pytest.approx(expected, abs=0.1)


def test_chi_of_partial_common_signal():
    # V_i = √a·s + √(1−a)·ξ_i  →  χ² → a + (1 − a)/n
    rng = np.random.default_rng(0)
    a, n = 0.25, 400
    v = np.sqrt(a) * rng.standard_normal((20000, 1)) + np.sqrt(1 - a) * rng.standard_normal((20000, n))
    assert brain.chi(v) ** 2 == pytest.approx(a + (1 - a) / n, rel=0.05)


def test_population_rate_counts_spikes():
    steps = np.array([0, 1, 2, 15, 19])
    centres, rate = brain.population_rate(steps, n=10, n_steps=20, dt=0.1, bin_ms=1.0)
    np.testing.assert_allclose(centres, [0.5, 1.5])
    np.testing.assert_allclose(rate, [3 * 1000 / (10 * 1.0), 2 * 1000 / (10 * 1.0)])


def test_fraction_active():
    frac = brain.fraction_active(np.array([0, 1, 12]), np.array([0, 0, 3]), n=4, n_steps=20, window_steps=10)
    np.testing.assert_allclose(frac, [0.25, 0.25])


def test_shared_input_raises_output_correlation_and_synchrony():
    runs = {c: brain.summarize(brain.simulate(n=200, duration=1000.0, inputs=PoissonInput(c=c), rng=5))
            for c in (0.0, 0.5)}
    assert runs[0.0]["chi"] < 0.15 < runs[0.5]["chi"]
    assert runs[0.0]["corr"] < 0.05
    # output correlation rises with c, but stays below the input correlation (de la Rocha et al. 2007)
    assert 0.1 < runs[0.5]["corr"] < 0.5


# -- E-I coupling ---------------------------------------------------------------


def test_fixed_indegree_gives_every_neuron_exactly_k_distinct_inputs():
    conn = brain.fixed_indegree(np.random.default_rng(0), 50, 30, 7)
    assert conn.shape == (50, 30) and conn.dtype == bool
    np.testing.assert_array_equal(conn.sum(axis=0), 7)
    other = brain.fixed_indegree(np.random.default_rng(1), 50, 30, 7)
    assert (conn != other).any()
    with pytest.raises(ValueError):
        brain.fixed_indegree(np.random.default_rng(0), 5, 3, 6)


@pytest.mark.parametrize("bad", [dict(j=-1.0), dict(g=-1.0), dict(eps=0.0), dict(frac_exc=1.0),
                                 dict(tau_inh=0.0), dict(delay=-1.0), dict(j=float("nan"))])
def test_bad_coupling_raises(bad):
    with pytest.raises(ValueError):
        EICoupling(**bad)


def drive_after(rec, fired, steps):
    """Queue ``fired`` (sorted) at step 0 and collect each neuron's synaptic drive (mV) over ``steps``: (steps, n)."""
    rec.spiked(0, np.asarray(fired))
    return np.array([rec.drive(k).copy() for k in range(steps)])


@pytest.mark.parametrize("n", [50, 100])
def test_one_spike_delivers_its_psp_after_the_delay(n):
    net = EICoupling(j=20.0, g=5.0, eps=0.2, tau_exc=2.0, tau_inh=5.0, delay=1.0)
    rec = Recurrence(net, n, 0.1, 2000, np.random.default_rng(3))
    n_exc, _, k_exc, _ = net.sizes(n)
    d = drive_after(rec, [0], 2000)
    assert np.all(d[:10] == 0)                                    # nothing before the 1 ms delay
    # over time each target of cell 0 receives exactly J = j / K_E (the area of the PSP), others nothing
    np.testing.assert_allclose(d.sum(axis=0), rec.conn_exc[0] * 20.0 / k_exc, rtol=1e-6, atol=1e-12)
    d_inh = drive_after(Recurrence(net, n, 0.1, 2000, np.random.default_rng(3)), [n_exc], 2000)
    np.testing.assert_allclose(d_inh.sum(axis=0), -5.0 * rec.conn_inh[0] * 20.0 / k_exc, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("n", [100, 200, 400])
def test_coupling_scaled_by_inputs_gives_the_same_total_drive_at_every_size(n):
    """If every cell fires once, each neuron receives j from its K_E excitatory inputs and g·j·K_I/K_E from the rest."""
    net = EICoupling(j=30.0, g=3.0, eps=0.25)
    n_exc, n_inh, k_exc, k_inh = net.sizes(n)
    assert k_exc == round(0.25 * n_exc) and k_inh == round(0.25 * n_inh)
    exc_only = drive_after(Recurrence(net, n, 0.1, 3000, np.random.default_rng(0)), np.arange(n_exc), 3000)
    np.testing.assert_allclose(exc_only.sum(axis=0), 30.0, rtol=1e-6)
    everyone = drive_after(Recurrence(net, n, 0.1, 3000, np.random.default_rng(0)), np.arange(n), 3000)
    np.testing.assert_allclose(everyone.sum(axis=0), 30.0 - 3.0 * 30.0 * k_inh / k_exc, rtol=1e-6)


def test_uncoupled_network_matches_independent_neurons():
    """j = 0 adds nothing: the same spikes as with a network of zero strength at another g."""
    base = dict(n=200, duration=300.0, inputs=PoissonInput(), rng=2)
    a = brain.simulate(network=EICoupling(j=0.0), **base)
    b = brain.simulate(network=EICoupling(j=0.0, g=2.0), **base)
    np.testing.assert_array_equal(a["spike_neurons"], b["spike_neurons"])
    assert a["n_exc"] == 160


def test_inhibition_dominated_coupling_synchronises_without_running_away():
    base = dict(n=400, duration=600.0, inputs=PoissonInput(), rng=4)
    free = brain.summarize(brain.simulate(network=EICoupling(j=0.0), **base))
    coupled = brain.summarize(brain.simulate(network=EICoupling(j=150.0, g=8.0, eps=0.2, tau_inh=5.0), **base))
    assert coupled["rate"] < 2 * free["rate"]          # all-excitatory coupling used to reach 150-440 Hz
    assert coupled["chi"] > free["chi"] + 0.2


# -- spectra ----------------------------------------------------------------------


def test_rate_spectrum_integrates_to_the_variance_and_finds_a_sine():
    rng = np.random.default_rng(0)
    t = np.arange(2000)                                          # 1 ms bins
    x = 10 + 4 * np.sin(2 * np.pi * 40 * t / 1000) + rng.standard_normal(t.size)
    f, p = brain.rate_spectrum(x, bin_ms=1.0, segment_ms=250.0)
    assert f[1] == pytest.approx(4.0) and f[-1] == pytest.approx(500.0)
    assert np.trapezoid(p, f) == pytest.approx(x.var(), rel=0.1)
    peak, _ = brain.spectral_peak(f, p, 10, 150)
    assert peak == pytest.approx(40.0)


def test_poisson_population_has_the_flat_shot_noise_spectrum():
    """n independent Poisson neurons at ν Hz: psd of their mean rate ≈ 2ν/n at every frequency."""
    rng = np.random.default_rng(1)
    n, nu = 500, 8.0
    counts = rng.poisson(n * nu / 1000.0, size=20000)            # spikes per 1 ms bin
    rate = counts * 1000.0 / n
    f, p = brain.rate_spectrum(rate, bin_ms=1.0, segment_ms=200.0)
    for lo in (20, 100, 300):
        band = p[(f >= lo) & (f < lo + 100)]
        assert band.mean() == pytest.approx(2 * nu / n, rel=0.1)


def test_spectral_peak_ignores_a_falling_spectrum():
    f = np.arange(0, 101, 5.0)
    assert np.isnan(brain.spectral_peak(f, 100.0 / (1 + f), 10, 100)[0])
    with pytest.raises(ValueError):
        brain.rate_spectrum(np.ones(50), bin_ms=1.0, segment_ms=200.0)


# -- sparsity -------------------------------------------------------------------


def test_relu_activity_counts_active_units():
    from nncore import Sequential
    from nncore.layers import Dense, ReLU
    d = Dense(2, 3, rng=0, dtype=np.float64)
    d.params["weight"][...] = [[1, 0], [0, 1], [-1, -1]]
    model = Sequential([d, ReLU()])
    act = brain.relu_activity(model, np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, -2.0]]))
    np.testing.assert_allclose(act, [2 / 3, 1 / 3, 2 / 3])


def test_sparsity_network_learns_digits():
    model, X, y, acc, untrained = brain.sparsity_network(epochs=5, seed=0)
    assert acc > 0.85
    act = brain.relu_activity(model, X)
    assert act.shape == (len(X),) and np.all((act >= 0) & (act <= 1))
