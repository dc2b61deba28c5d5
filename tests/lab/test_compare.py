"""lab.compare: scikit-learn's and nncore's MLPClassifier side by side on the same split."""
import numpy as np
import pytest

from lab.compare import twin_fit, twin_fit_seeds
from nncore.datasets import make_2d, train_test_split


@pytest.fixture(scope="module")
def split():
    X, y = make_2d("moons", 120, noise=0.1, seed=0)
    X_tr, X_te, y_tr, y_te = train_test_split(X.astype(np.float64), y, test_fraction=0.3, seed=0, stratify=True)
    return X_tr, y_tr, X_te, y_te


def test_the_same_algorithm_gives_the_same_curve_and_predictions(split):
    params = dict(hidden_layer_sizes=(8,), solver="adam", max_iter=15, random_state=3)
    r = twin_fit(*split, params, params, grid=np.zeros((5, 2)))
    assert r["max_rel_loss_diff"] < 1e-10 and r["same_predictions"]
    assert len(r["nncore"]["loss_curve"]) == r["nncore"]["n_iter"] == 15
    assert r["sklearn"]["proba_grid"].shape == r["nncore"]["proba_grid"].shape == (5, 2)
    assert not r["nncore"]["converged"]            # 15 epochs: the ConvergenceWarning is caught and reported


def test_different_algorithms_are_not_compared_curve_by_curve(split):
    r = twin_fit(*split, dict(solver="lbfgs", max_iter=30, random_state=0), dict(solver="adam", max_iter=30,
                                                                                  random_state=0))
    assert r["sklearn"]["loss_curve"] is None and np.isnan(r["max_rel_loss_diff"])


def test_seed_rows_come_in_pairs_with_each_seed(split):
    params = dict(hidden_layer_sizes=(4,), solver="sgd", max_iter=5)
    rows = twin_fit_seeds(*split, params, params, seeds=[0, 7])
    assert [(r["seed"], r["engine"]) for r in rows] == [(0, "sklearn"), (0, "nncore"), (7, "sklearn"), (7, "nncore")]
    assert rows[0]["test_acc"] == rows[1]["test_acc"] and rows[2]["test_acc"] == rows[3]["test_acc"]
