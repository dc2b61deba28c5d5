"""lab.synchrony: the E-I population, its spectrum, and its claims' grids.

The page's claims themselves (SCENE_CLAIMS, TEXT_CLAIMS: cortical rates over the coupling slider at every N,
the rhythm at full coupling, the uncoupled sweep, the shared-input scene) run on seeds 0..5 in
tests/lab/test_claims.py; ``python -m lab.claims sync.coupling_help`` prints their measured numbers.
"""
from dataclasses import replace

import numpy as np
import pytest

from lab import synchrony as sync
from lab.synchrony import SyncConfig


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


def test_j_grid_is_the_slider_and_the_claims_cover_it():
    grid = sync.j_grid()
    assert grid[0] == 0 and grid[-1] == sync.J_MAX and len(grid) == int(sync.J_MAX / sync.J_STEP) + 1
    assert set(sync.J_COARSE) <= set(grid) and max(sync.J_COARSE) == sync.J_MAX


def test_a_runaway_or_silent_population_fails_the_rate_claim():
    """The rate predicate can fail: a run at 150 Hz (the old all-excitatory coupling) or 0.5 Hz is out of range."""
    good = sync.population_run(SyncConfig(n=200, duration=300.0))
    assert sync.rates_ok(good)[0]
    assert not sync.rates_ok(replace(good, rate_exc=150.0))[0]
    assert not sync.rates_ok(replace(good, rate_inh=0.5))[0]


@pytest.mark.slow
@pytest.mark.parametrize("rate", [6.0, 14.0])
def test_rates_never_exceed_the_range_at_the_input_slider_ends(rate):
    """At the input-rate slider's ends rates stay ≤ 40 Hz; at 6 Hz the cells hardly fire (the page warns)."""
    for seed in range(6):
        for j in (0.0, sync.J_MAX):
            r = sync.population_run(SyncConfig(rate=rate, j=j, seed=seed))
            assert r.rate_exc <= sync.RATE_RANGE[1] and r.rate_inh <= sync.RATE_RANGE[1], (seed, j, r.rate_exc)


def test_spectrum_is_relative_to_independent_neurons_and_finds_a_wave():
    flat = sync.spectrum_of(np.full(1000, 5.0), 800, 5.0)
    assert np.allclose(flat.power, 0) and np.isnan(flat.peak_hz)
    t = np.arange(1000)
    wave = sync.spectrum_of(5.0 + 4.0 * np.sin(2 * np.pi * 20 * t / 1000), 800, 5.0)
    assert wave.peak_hz == pytest.approx(20.0) and wave.peak_power > 50
    short = sync.spectrum_of(np.ones(250), 800, 5.0)                  # shorter than skip + one segment
    assert short.freqs.size == 0 and np.isnan(short.peak_hz)
