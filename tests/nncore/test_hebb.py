"""Plain Hebb and Oja's rule (Oja 1982) for one linear neuron; the first principal component by SVD."""
import numpy as np
import pytest

from nncore.brain.hebb import first_pc, hebbian_run, hebbian_step


def cloud(seed=0, n=400, angle=0.6, sds=(2.0, 0.5)):
    r = np.random.default_rng(seed)
    z = r.standard_normal((n, 2)) * sds
    R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return z @ R.T


def test_single_steps_follow_the_formulas():
    w, x, lr = np.array([0.3, -0.2, 0.5]), np.array([1.0, 2.0, -1.0]), 0.1
    y = w @ x
    a = w.copy()
    assert hebbian_step(a, x, lr, "hebb") == pytest.approx(y)
    np.testing.assert_allclose(a, w + lr * y * x)
    b = w.copy()
    hebbian_step(b, x, lr, "oja")
    np.testing.assert_allclose(b, w + lr * y * (x - y * w))
    with pytest.raises(ValueError, match="rule must be"):
        hebbian_step(w.copy(), x, lr, "bcm")


def test_run_matches_the_single_step_and_records_the_trajectory():
    X = cloud(1, n=50)
    r = hebbian_run(X, [0.1, 0.2], 0.01, epochs=2, rule="oja", rng=4, record_every=10)
    w = np.array([0.1, 0.2])
    rng = np.random.default_rng(4)
    for _ in range(2):
        for i in rng.permutation(50):
            hebbian_step(w, X[i], 0.01, "oja")
    np.testing.assert_allclose(r["w"][-1], w, rtol=1e-12)
    assert list(r["step"]) == list(range(0, 101, 10)) and r["w"].shape == (11, 2)


def test_first_pc_is_the_top_eigenvector_of_the_covariance():
    X = cloud(2)
    v, lam = first_pc(X)
    evals, evecs = np.linalg.eigh(np.cov(X.T))
    assert lam == pytest.approx(evals[-1])
    assert abs(v @ evecs[:, -1]) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(6))
def test_oja_finds_the_first_pc_with_unit_length_while_hebb_blows_up(seed):
    X = cloud(seed)
    X = X - X.mean(axis=0)
    pc, _ = first_pc(X)
    w0 = np.random.default_rng(seed + 10).standard_normal(2) * 0.1
    oja = hebbian_run(X, w0, 0.01, epochs=10, rule="oja", rng=seed)
    hebb = hebbian_run(X, w0, 0.01, epochs=10, rule="hebb", rng=seed)
    w = oja["w"][-1]
    assert abs(w @ pc) / np.linalg.norm(w) > 0.99
    assert abs(np.linalg.norm(w) - 1.0) < 0.05
    assert hebb["stopped_at"] is not None and hebb["norm"][-1] > 1e6      # nothing bounds plain Hebb
    assert np.all(np.isfinite(hebb["w"]))


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="non-empty"):
        hebbian_run(np.zeros((0, 2)), [1.0, 0.0], 0.1)
    with pytest.raises(ValueError, match="learning rate"):
        hebbian_run(np.ones((3, 2)), [1.0, 0.0], -0.1)
