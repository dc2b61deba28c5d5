"""lab.playground: the feature map, scaling, the playground model and its scores."""
import numpy as np
import pytest

from lab.playground import (
    FEATURES,
    Playground,
    PlaygroundConfig,
    PlaygroundData,
    PlaygroundModel,
    feature_map,
    grid,
    hidden_outputs,
    one_hot,
)
from nncore.builders import build_mlp
from nncore.callbacks import Callback
from nncore.datasets import make_2d, train_test_split
from nncore.metrics import accuracy, r2_score

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


# -- a page run: config, data, the live object -------------------------------------------------

def test_playground_runs_the_same_numbers_as_its_model_and_trainer_built_by_hand():
    cfg = PlaygroundConfig(data="moons", n=120, hidden=(6,), activations=("relu",), optimizer="momentum", lr=0.05,
                           l2=0.01, batch_size=8, seed=4)
    data = PlaygroundData.builtin(cfg)
    pg = Playground(cfg, data)
    assert pg.run(epochs=5) > 0 and pg.epoch == 5 and not pg.done
    pm = PlaygroundModel(data.X_train, data.y_train, hidden=[6], activations=["relu"], seed=4)
    tr = pm.trainer(data.X_train, data.y_train, data.X_test, data.y_test, optimizer="momentum", lr=0.05, l2=0.01,
                    batch_size=8, seed=4)
    tr.run(epochs=5)
    assert pg.history["val_score"] == tr.history["val_score"] and pg.history["loss"] == tr.history["loss"]
    np.testing.assert_array_equal(pg.predict(data.X_test), pm.predict(data.X_test))
    assert pg.model is pg.pipeline.net and not hasattr(pg.trainer, "playground")


@pytest.mark.parametrize("cfg", [PlaygroundConfig(seed=3),
                                 PlaygroundConfig(data="spiral", hidden=(8, 8), dropout=0.2, seed=1),
                                 PlaygroundConfig(data="blobs", loss="mse", seed=2),
                                 PlaygroundConfig(data="plane", hidden=(4,), activations=("tanh",), seed=5)])
def test_test_scores_are_the_test_set_scored_after_each_epoch(cfg):
    """val_score (taken from the trainer's own test pass for cross-entropy) is the model scored on the test
    set at the end of every epoch, number for number."""
    data = PlaygroundData.builtin(cfg)
    pg = Playground(cfg, data)
    seen = []
    pipeline = pg.pipeline

    class Watch(Callback):
        def on_epoch_end(self, epoch, logs=None):
            out = pipeline.output(data.X_test)
            if data.task == "classification":
                seen.append(accuracy(data.y_test, out.argmax(axis=1)))
            else:
                seen.append(r2_score(data.y_test, out))

    pg.trainer.callbacks.append(Watch())
    pg.run(epochs=6)
    if data.task == "classification":
        assert pg.history["val_score"] == seen
    else:
        np.testing.assert_allclose(pg.history["val_score"], seen, rtol=1e-5)


def test_config_is_a_value_and_the_epoch_budget_is_not_part_of_it():
    a, b = PlaygroundConfig(hidden=(3,), epochs=10), PlaygroundConfig(hidden=(3,), epochs=500)
    assert a == b and hash(a) == hash(b)
    assert a != PlaygroundConfig(hidden=(4,))


@pytest.mark.parametrize("name, task, n_classes", [("circles", "classification", 2), ("blobs", "classification", 4),
                                                   ("plane", "regression", 1)])
def test_builtin_data_knows_its_task_and_splits_by_the_config(name, task, n_classes):
    cfg = PlaygroundConfig(data=name, n=100, test_fraction=0.3, seed=2)
    data = PlaygroundData.builtin(cfg)
    assert data.task == task and data.n_classes == n_classes and data.signature == (name, 100, 0.05)
    assert len(data.X_test) == 30 and len(data.X_train) == 70
    again = PlaygroundData.builtin(cfg)
    np.testing.assert_array_equal(data.X_test, again.X_test)
    if task == "classification":
        assert data.chance() == np.bincount(data.y_test).max() / 30
    else:
        assert data.chance() is None


def test_box_is_square_and_holds_every_point():
    data = PlaygroundData.split(np.c_[RNG.uniform(0, 10, 40), RNG.uniform(5, 6, 40)], np.arange(40) % 2,
                                task="classification", classes=["a", "b"], test_fraction=0.5, seed=0, signature=())
    (x0, x1), (y0, y1) = data.box()
    assert x1 - x0 == pytest.approx(y1 - y0)
    pts = np.vstack([data.X_train, data.X_test])
    assert x0 < pts[:, 0].min() and pts[:, 0].max() < x1 and y0 < pts[:, 1].min() and pts[:, 1].max() < y1


@pytest.mark.parametrize("hidden, n", [((4, 2), 100), ((64,) * 6, 50), ((64, 64), 75)])
def test_grid_size_is_100_for_small_networks_and_coarser_for_big_ones(hidden, n):
    assert PlaygroundConfig(hidden=hidden).grid_size() == n
