"""nncore.memory: Hebbian storage, attractor recall, energy; the pattern data."""
import numpy as np
import pytest

from nncore.datasets import patterns as pat
from nncore.memory import CAPACITY, HopfieldNetwork, async_recall, energy, hebbian_weights


def naive_weights(xi):
    n = xi.shape[1]
    w = np.zeros((n, n))
    for p in xi:
        for i in range(n):
            for j in range(n):
                if i != j:
                    w[i, j] += p[i] * p[j] / n
    return w


def naive_async(w, s, order):
    """One unit at a time in the given order; sign with a zero field keeping the state."""
    s = s.astype(float).copy()
    for i in order:
        h = w[i] @ s
        if h != 0:
            s[i] = np.sign(h)
    return s


# -- kernels ------------------------------------------------------------------
@pytest.mark.parametrize("p", [1, 3, 7])
def test_hebbian_weights_match_the_outer_product_rule(p):
    xi = pat.random_patterns(p, 12, seed=p)
    w = hebbian_weights(xi)
    np.testing.assert_allclose(w, naive_weights(xi), atol=1e-12)
    np.testing.assert_array_equal(w, w.T)
    assert not np.diagonal(w).any()


def test_hebbian_weights_stack_matches_one_by_one():
    xi = pat.random_patterns(3 * 4, 10, seed=0).reshape(3, 4, 10)
    stacked = hebbian_weights(xi, normalise=False)
    for t in range(3):
        np.testing.assert_array_equal(stacked[t], hebbian_weights(xi[t], normalise=False))


@pytest.mark.parametrize("seed", [0, 1])
def test_energy_matches_the_double_sum(seed):
    rng = np.random.default_rng(seed)
    w = hebbian_weights(pat.random_patterns(4, 9, seed=rng))
    s = pat.random_patterns(5, 9, seed=rng).astype(float)
    naive = [-0.5 * sum(w[i, j] * x[i] * x[j] for i in range(9) for j in range(9)) for x in s]
    np.testing.assert_allclose(energy(w, s), naive, atol=1e-12)
    assert energy(w, s[0]) == pytest.approx(naive[0])


@pytest.mark.parametrize("seed", [0, 3, 11])
def test_async_kernel_matches_naive_updates(seed):
    xi = pat.random_patterns(6, 20, seed=seed)          # above capacity, so units keep flipping
    w = hebbian_weights(xi, normalise=False)
    probe = pat.random_patterns(1, 20, seed=seed + 100).astype(float)
    s = probe.copy()
    sweeps, conv, _ = async_recall(w, s, rng=seed, max_sweeps=3)
    ref = probe[0]
    orders = np.random.default_rng(seed)
    for _ in range(sweeps):
        ref = naive_async(w, ref, orders.permutation(20))
    np.testing.assert_array_equal(s[0], ref)


def test_batched_recall_equals_recall_one_by_one():
    xi = pat.random_patterns(12, 60, seed=2)
    net = HopfieldNetwork(60).store(xi)
    probes = pat.corrupt(xi, 0.25, seed=3)
    batch = net.recall(probes, rng=7)
    singles = np.stack([net.recall(p, rng=7) for p in probes])
    np.testing.assert_array_equal(batch, singles)


# -- the network: the properties the issue asks for ---------------------------
@pytest.mark.parametrize("mode", ["async", "sync"])
@pytest.mark.parametrize("p", [1, 4, 8])
def test_stored_patterns_are_fixed_points_below_capacity(mode, p):
    xi = pat.random_patterns(p, 100, seed=p)
    net = HopfieldNetwork(100).store(xi)
    assert net.load < CAPACITY
    np.testing.assert_array_equal(net.recall(xi, mode=mode), xi)


@pytest.mark.parametrize("noise", [0.05, 0.1, 0.2])
@pytest.mark.parametrize("mode", ["async", "sync"])
def test_corrupted_probes_are_cleaned_up(noise, mode):
    xi = pat.random_patterns(5, 100, seed=1)
    net = HopfieldNetwork(100).store(xi)
    probes = pat.corrupt(xi, noise, seed=2)
    assert (probes != xi).sum(axis=1).min() == round(noise * 100)
    np.testing.assert_array_equal(net.recall(probes, mode=mode, rng=0), xi)


@pytest.mark.parametrize("name", list("ACHX"))
def test_letters_are_recalled_from_a_noisy_probe(name):
    net = HopfieldNetwork(100).store(pat.glyphs("ACHX"))
    probe = pat.corrupt(pat.glyph(name), 0.2, seed=5)
    np.testing.assert_array_equal(net.recall(probe, rng=1), pat.glyph(name))


@pytest.mark.parametrize("p", [3, 14, 40])
@pytest.mark.parametrize("seed", range(6))
def test_energy_never_rises_under_asynchronous_updates(p, seed):
    # memory.recall_caption: each update step sets one unit, and the energy never rises
    xi = pat.random_patterns(p, 80, seed=seed)
    net = HopfieldNetwork(80).store(xi)
    probe = pat.random_patterns(1, 80, seed=seed + 50)[0]
    r = net.recall(probe, rng=seed, return_trajectory=True)
    assert np.all(np.diff(r.energy) <= 1e-9)
    assert r.energy[-1] < r.energy[0]              # a random probe is not already a minimum
    assert r.trajectory.shape == (len(r.units) + 1, 80)
    np.testing.assert_array_equal(r.trajectory[-1], r.state)
    np.testing.assert_array_equal(r.flips, (np.diff(r.trajectory, axis=0) != 0).sum(axis=1))
    assert r.flips.max() <= 1                       # one unit per update step
    assert r.converged


def test_each_flip_lowers_the_energy_by_the_local_field_rule():
    net = HopfieldNetwork(100).store(pat.glyphs("ACHX"))
    r = net.recall(pat.corrupt(pat.glyph("C"), 0.3, seed=0), rng=0, return_trajectory=True)
    flipped = r.flips > 0
    assert flipped.sum() > 0
    assert np.all(np.diff(r.energy)[flipped] < 0)
    assert np.all(np.diff(r.energy)[~flipped] == 0)


def test_synchronous_updates_can_cycle_where_asynchronous_settle():
    net = HopfieldNetwork(2).store([[1, -1]])
    r = net.recall(np.array([1, 1]), mode="sync", return_trajectory=True)
    assert not r.converged
    np.testing.assert_array_equal(r.trajectory[1], [-1, -1])
    settled = net.recall(np.array([1, 1]), mode="async", rng=0)
    assert abs(int(settled @ np.array([1, -1]))) == 2


def test_store_append_is_the_same_as_storing_all():
    xi = pat.random_patterns(6, 30, seed=0)
    one = HopfieldNetwork(30).store(xi)
    two = HopfieldNetwork(30).store(xi[:2]).store(xi[2:], append=True)
    np.testing.assert_allclose(one.weights, two.weights)
    assert two.n_patterns == 6
    np.testing.assert_allclose(one.overlap(xi[0])[0], 1.0)


@pytest.mark.parametrize("bad, match", [
    (np.ones((2, 9)), "10 units"),
    (np.zeros((2, 10)), "−1 and \\+1"),
    (np.full((1, 10), 0.5), "−1 and \\+1"),
])
def test_bad_patterns_raise_clear_errors(bad, match):
    with pytest.raises(ValueError, match=match):
        HopfieldNetwork(10).store(bad)


def test_bad_arguments_raise():
    net = HopfieldNetwork(10).store(pat.random_patterns(1, 10))
    with pytest.raises(ValueError, match="mode"):
        net.recall(np.ones(10), mode="parallel")
    with pytest.raises(ValueError, match="at least 2 units"):
        HopfieldNetwork(1)


# -- patterns data ------------------------------------------------------------
@pytest.mark.parametrize("name", pat.GLYPH_NAMES)
def test_glyphs_are_pm1_on_the_grid(name):
    g = pat.glyph(name)
    assert g.shape == (100,) and set(np.unique(g)) <= {-1, 1}
    assert pat.as_grid(g).shape == pat.GRID
    assert 15 <= (g == 1).sum() <= 60                    # visible ink, not a blank page


def test_glyphs_are_distinct_and_unknown_names_fail():
    g = pat.glyphs(pat.GLYPH_NAMES)
    assert len({tuple(r) for r in g}) == len(pat.GLYPH_NAMES)
    with pytest.raises(ValueError, match="unknown glyph"):
        pat.glyph("?")
    with pytest.raises(ValueError, match="at least one"):
        pat.glyphs([])


@pytest.mark.parametrize("fraction", [0.0, 0.05, 0.5, 1.0])
def test_corrupt_flips_exactly_that_many_cells_and_is_seeded(fraction):
    x = pat.random_patterns(4, 100, seed=0)
    a, b = pat.corrupt(x, fraction, seed=9), pat.corrupt(x, fraction, seed=9)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal((a != x).sum(axis=1), round(fraction * 100))
    with pytest.raises(ValueError):
        pat.corrupt(x, 1.5)


def test_random_patterns_are_seeded_and_balanced():
    a = pat.random_patterns(50, 100, seed=3)
    np.testing.assert_array_equal(a, pat.random_patterns(50, 100, seed=3))
    assert abs(a.mean()) < 0.05
