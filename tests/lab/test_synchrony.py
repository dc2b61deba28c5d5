"""lab.synchrony: the E-I population keeps cortical rates, coupling makes a rhythm, shared input synchronises.

The claims the Synchrony page makes, each run over seeds 0..5 with the page's exact settings.
"""
from dataclasses import replace
from functools import lru_cache

import numpy as np
import pytest

from lab import synchrony as sync
from lab.synchrony import SweepConfig, SyncConfig

SEEDS = range(6)
J_COARSE = (0.0, 50.0, 100.0, 150.0, 200.0)


@lru_cache(maxsize=None)
def run(n, j, seed, c=0.1):
    """The page's run at the default input rate (9 Hz), shared by the rate and rhythm checks."""
    return sync.population_run(SyncConfig(n=n, c=c, j=float(j), seed=seed))


def test_run_is_seeded_and_labels_the_two_populations():
    cfg = SyncConfig(n=300, j=100.0, duration=400.0, seed=3)
    a, b = sync.population_run(cfg), sync.population_run(cfg)
    np.testing.assert_array_equal(a.spike_i, b.spike_i)
    assert a.n_exc == 240 and (a.spike_i < 300).all()
    assert a.k_exc == 48 and a.k_inh == 12 and a.epsp == pytest.approx(100.0 / 48)
    c = sync.population_run(replace(cfg, seed=4))
    assert not np.array_equal(a.spike_i, c.spike_i)
    assert a.pop_rate_exc.shape == a.pop_t.shape == (400,)
    # the two population rates, averaged over time, are the per-population mean rates
    assert a.pop_rate_exc.mean() == pytest.approx(a.rate_exc)
    assert a.pop_rate_inh.mean() == pytest.approx(a.rate_inh)


def test_same_seed_same_input_at_any_coupling():
    """The connectivity has its own generator: until the first recurrent spike arrives, j changes nothing."""
    a = sync.population_run(SyncConfig(n=2000, duration=50.0, j=0.0, c=0.0))
    b = sync.population_run(SyncConfig(n=2000, duration=50.0, j=sync.J_MAX, c=0.0))
    first = a.spike_t.min() + sync.NETWORK.delay      # ms: nothing can arrive before this
    early_a, early_b = a.spike_t < first, b.spike_t < first
    assert early_a.sum() > 0
    np.testing.assert_array_equal(a.spike_i[early_a], b.spike_i[early_b])
    assert not np.array_equal(a.spike_i, b.spike_i)


def test_j_grid_is_the_slider():
    grid = sync.j_grid()
    assert grid[0] == 0 and grid[-1] == sync.J_MAX and len(grid) == int(sync.J_MAX / sync.J_STEP) + 1


@pytest.mark.slow
@pytest.mark.parametrize("n", sync.N_CHOICES)
def test_rates_stay_cortical_over_the_coupling_slider_and_full_coupling_makes_a_rhythm(n):
    """Default input (9 Hz, c = 0.1), seeds 0..5. Rates: E and I means in RATE_RANGE at every slider value
    (N = 1000) or every 50 mV (N = 1500, 2000); all-excitatory coupling used to reach 150-440 Hz.
    Rhythm, with independent inputs (c = 0): at j = J_MAX the spectrum peaks in RHYTHM_BAND, ≥ RHYTHM_GAIN × the
    uncoupled maximum."""
    js = sync.j_grid() if n == 1000 else J_COARSE
    rate_failures = [(seed, j, m) for seed in SEEDS for j in js
                     for ok, m in [sync.rates_ok(run(n, float(j), seed))] if not ok]
    c = sync.RHYTHM_C
    rhythm = {seed: sync.rhythm_ok(run(n, sync.J_MAX, seed, c), run(n, 0.0, seed, c)) for seed in SEEDS}
    assert not rate_failures, rate_failures
    assert all(ok for ok, _ in rhythm.values()), rhythm


@pytest.mark.slow
@pytest.mark.parametrize("rate", [6.0, 14.0])
def test_rates_never_exceed_the_range_at_the_input_slider_ends(rate):
    """At the input-rate slider's ends rates stay ≤ 40 Hz; at 6 Hz the cells hardly fire (the page warns)."""
    for seed in (0, 1, 2):
        for j in (0.0, sync.J_MAX):
            r = sync.population_run(SyncConfig(rate=rate, j=j, seed=seed))
            assert r.rate_exc <= sync.RATE_RANGE[1] and r.rate_inh <= sync.RATE_RANGE[1], (seed, j, r.rate_exc)


@pytest.mark.slow
def test_shared_input_scene_holds_on_every_seed():
    results = {seed: sync.SCENE_CLAIMS["sync_shared"](seed) for seed in SEEDS}
    assert all(ok for ok, _ in results.values()), results


@pytest.mark.slow
def test_synchrony_rises_with_shared_input_and_output_correlation_stays_below_input():
    """Uncoupled sweep, seeds 0..5: χ rises with every step of c; output correlation < c for 0 < c < 1
    (de la Rocha et al. 2007); c = 0 uncorrelated, c = 1 synchronous."""
    for seed in SEEDS:
        sw = sync.correlation_sweep(SweepConfig(seed=seed))
        assert np.all(np.diff(sw["chi"]) > 0), (seed, sw["chi"])
        inner = slice(1, -1)
        assert np.all(sw["corr"][inner] < sw["c"][inner]), (seed, sw["corr"])
        assert abs(sw["corr"][0]) < 0.02 and sw["corr"][-1] > 0.9, (seed, sw["corr"])


def test_spectrum_is_relative_to_independent_neurons_and_finds_a_wave():
    flat = sync.spectrum_of(np.full(1000, 5.0), 800, 5.0)
    assert np.allclose(flat.power, 0) and np.isnan(flat.peak_hz)
    t = np.arange(1000)
    wave = sync.spectrum_of(5.0 + 4.0 * np.sin(2 * np.pi * 20 * t / 1000), 800, 5.0)
    assert wave.peak_hz == pytest.approx(20.0) and wave.peak_power > 50
    short = sync.spectrum_of(np.ones(250), 800, 5.0)                  # shorter than skip + one segment
    assert short.freqs.size == 0 and np.isnan(short.peak_hz)
