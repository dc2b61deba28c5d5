"""nncore.preprocessing: the min-max and standard fits of one per-column scaler."""
import numpy as np

from nncore.preprocessing import Scaler

RNG = np.random.default_rng(0)


def test_scaler_maps_training_range_onto_minus_one_one():
    Xr = np.c_[RNG.uniform(10, 30, 40), RNG.uniform(-5, -4, 40)]
    Z = Scaler.min_max(Xr).transform(Xr, np.float64)
    np.testing.assert_allclose(Z.min(axis=0), -1)
    np.testing.assert_allclose(Z.max(axis=0), 1)
    sc = Scaler.min_max(Xr)
    np.testing.assert_allclose(sc.inverse(Z), Xr)


def test_scaler_leaves_a_constant_column_finite():
    Z = Scaler.min_max(np.c_[np.ones(5), np.arange(5.0)]).transform(np.c_[np.ones(5), np.arange(5.0)])
    assert np.isfinite(Z).all() and np.all(Z[:, 0] == 0)


def test_standard_scaling_gives_mean_zero_sd_one_and_inverts():
    Xr = np.c_[RNG.normal(100, 15, 50), RNG.normal(-3, 0.01, 50), np.full(50, 7.0)]
    sc = Scaler.standard(Xr)
    Z = sc.transform(Xr, np.float64)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Z[:, :2].std(axis=0), 1)
    assert np.all(Z[:, 2] == 0)                                   # a constant column: 0, not NaN
    np.testing.assert_allclose(sc.inverse(Z), Xr)


def test_scaler_refuses_an_empty_or_flat_array():
    for bad in (np.zeros((0, 2)), np.zeros(4)):
        try:
            Scaler.standard(bad)
        except ValueError as exc:
            assert "(N, D)" in str(exc)
        else:
            raise AssertionError(f"accepted shape {bad.shape}")
