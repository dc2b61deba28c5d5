"""lab.playground: the feature map, scaling, the playground model and its scores."""
import numpy as np
import pytest

from lab.playground import (
    FEATURES,
    PlaygroundModel,
    feature_map,
    grid,
    hidden_outputs,
    one_hot,
)
from nncore.builders import build_mlp
from nncore.datasets import make_2d, train_test_split

RNG = np.random.default_rng(0)
X = RNG.uniform(-1, 1, (50, 2))

NAIVE = {
    "x1": lambda a, b: a, "x2": lambda a, b: b, "x1sq": lambda a, b: a * a, "x2sq": lambda a, b: b * b,
    "x1x2": lambda a, b: a * b, "sin_x1": lambda a, b: np.sin(np.pi * a), "sin_x2": lambda a, b: np.sin(np.pi * b),
}


@pytest.mark.parametrize("name", FEATURES)
def test_each_feature_matches_its_formula(name):
    F = feature_map(X, [name])
    assert F.shape == (50, 1)
    np.testing.assert_allclose(F[:, 0], NAIVE[name](X[:, 0], X[:, 1]), rtol=1e-12)


def test_all_features_in_the_requested_order_and_dtype():
    names = ["sin_x2", "x1", "x1x2"]
    F = feature_map(X.astype(np.float32), names)
    assert F.dtype == np.float32
    np.testing.assert_allclose(F, np.c_[[NAIVE[n](X[:, 0], X[:, 1]) for n in names]].T, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("bad, msg", [(np.zeros((3, 3)), "two input columns"), (np.zeros(4), "two input columns")])
def test_feature_map_rejects_wrong_shapes(bad, msg):
    with pytest.raises(ValueError, match=msg):
        feature_map(bad, ["x1"])


@pytest.mark.parametrize("names, msg", [([], "at least one"), (["x3"], "unknown feature")])
def test_feature_map_rejects_bad_names(names, msg):
    with pytest.raises(ValueError, match=msg):
        feature_map(X, names)


def test_hidden_outputs_returns_each_hidden_layer():
    model = build_mlp(2, [6, 3], "tanh", 2, rng=0)
    out, hs = hidden_outputs(model, np.zeros((7, 2), np.float32))
    assert out.shape == (7, 2) and [h.shape for h in hs] == [(7, 6), (7, 3)]
    assert np.all(np.abs(hs[0]) <= 1)  # after tanh


def test_one_hot_rows():
    np.testing.assert_array_equal(one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])


def test_grid_shape_and_order():
    xs, ys, pts = grid((-1, 1), (0, 2), n=5)
    assert pts.shape == (25, 2)
    np.testing.assert_allclose(pts[:5, 1], 0)       # first row: lowest y
    np.testing.assert_allclose(pts[:5, 0], xs)


def _split(name, n=200, noise=0.05, seed=0):
    Xd, yd = make_2d(name, n, noise, seed)
    return train_test_split(Xd, yd, 0.5, seed=seed, stratify=name not in ("plane", "bump"))


@pytest.mark.parametrize("features, hidden, loss", [(["x1", "x2"], [4, 2], "cross_entropy"),
                                                     (["x1", "x2"], [4, 2], "mse"),
                                                     (["x1x2"], [], "cross_entropy")])
def test_playground_model_learns_a_separable_set(features, hidden, loss):
    data = "xor" if features == ["x1x2"] else "circles"
    Xtr, Xte, ytr, yte = _split(data)
    pm = PlaygroundModel(Xtr, ytr, features=features, hidden=hidden, activations="tanh", n_classes=2, loss=loss)
    tr = pm.trainer(Xtr, ytr, Xte, yte, optimizer="adam", lr=0.03, batch_size=10)
    tr.run(epochs=120)
    assert tr.history.status == "running"
    assert tr.history["val_score"][-1] >= 0.9
    proba = pm.output(Xte)
    assert proba.shape == (len(yte), 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1, atol=1e-5)


def test_xor_without_hidden_layer_stays_near_chance():
    Xtr, Xte, ytr, yte = _split("xor")
    pm = PlaygroundModel(Xtr, ytr, hidden=[], n_classes=2)
    tr = pm.trainer(Xtr, ytr, Xte, yte, lr=0.03)
    tr.run(epochs=60)
    assert tr.history["val_score"][-1] < 0.75


def test_regression_reports_values_in_data_units():
    Xtr, Xte, ytr, yte = _split("plane", n=300)
    ytr, yte = ytr * 100 + 50, yte * 100 + 50
    pm = PlaygroundModel(Xtr, ytr, hidden=[8], task="regression")
    tr = pm.trainer(Xtr, ytr, Xte, yte, lr=0.01)
    tr.run(epochs=60)
    assert tr.history["val_score"][-1] > 0.9           # R² is scale-free
    assert abs(pm.predict(Xte).mean() - yte.mean()) < 10  # back in the data's units


def test_divergence_stops_and_keeps_finite_weights():
    Xtr, Xte, ytr, yte = _split("circles")
    pm = PlaygroundModel(Xtr, ytr, hidden=[16, 16], activations="relu", n_classes=2)
    tr = pm.trainer(Xtr, ytr, Xte, yte, optimizer="sgd", lr=1e6, batch_size=5)
    tr.run(epochs=50)
    assert tr.history.status == "diverged"
    assert all(np.isfinite(p).all() for p, _ in pm.net.param_pairs())


@pytest.mark.parametrize("kwargs, msg", [(dict(task="ranking"), "task"), (dict(loss="hinge"), "loss"),
                                         (dict(n_classes=1), "two classes")])
def test_playground_model_rejects_bad_settings(kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        PlaygroundModel(X, np.zeros(len(X), int), **kwargs)
