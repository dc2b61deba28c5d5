"""Sequential and Trainer: learning, reproducibility, save/load, callbacks, bad input, divergence."""
import io

import numpy as np
import pytest

from nncore import Callback, LambdaCallback, Sequential, Trainer
from nncore.datasets import make_2d
from nncore.gradcheck import check_model
from nncore.layers import Dense, Dropout, ReLU, Sigmoid, Tanh
from nncore.losses import binary_cross_entropy, cross_entropy, mse
from nncore.optim import SGD, Adam


def mlp(sizes, act=ReLU, dtype=np.float32, seed=0, out_act=None):
    rng = np.random.default_rng(seed)
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(Dense(a, b, dtype=dtype, rng=rng))
        if i < len(sizes) - 2:
            layers.append(act())
    if out_act:
        layers.append(out_act())
    return Sequential(layers)


@pytest.mark.parametrize("loss_fn,out,target,out_act", [
    (cross_entropy, 3, lambda r: r.integers(0, 3, 8), None),
    (binary_cross_entropy, 1, lambda r: r.integers(0, 2, 8), Sigmoid),
    (mse, 2, lambda r: r.standard_normal((8, 2)), None),
])
def test_model_gradients_float64(loss_fn, out, target, out_act):
    r = np.random.default_rng(1)
    model = mlp([3, 5, 4, out], act=Tanh, dtype=np.float64, out_act=out_act)
    errors = check_model(model, r.standard_normal((8, 3)), target(r), loss_fn)
    assert max(errors) < 1e-6, errors


@pytest.mark.parametrize("name,sizes,epochs", [("xor", [2, 16, 2], 150), ("spiral", [2, 64, 64, 2], 300)])
def test_learns_toy_sets(name, sizes, epochs):
    X, y = make_2d(name, 300, noise=0.0, seed=1)
    model = mlp(sizes, seed=0)
    history = model.fit(X, y, optimizer=Adam(0.01), epochs=epochs, batch_size=32, random_state=0)
    assert history.status == "finished"
    assert (model.predict(X) == y).mean() >= 0.97
    assert history["loss"][-1] < history["loss"][0] / 5


def test_same_seed_same_history_and_weights():
    X, y = make_2d("moons", 200, 0.1, seed=0)

    def train():
        model = Sequential([Dense(2, 8, rng=1), ReLU(), Dropout(0.2, rng=2), Dense(8, 2, rng=3)])
        h = model.fit(X, y, optimizer=SGD(0.1, momentum=0.9), epochs=5, batch_size=16, random_state=4)
        return h, model

    (h1, m1), (h2, m2) = train(), train()
    assert h1["loss"] == h2["loss"]
    for (p1, _), (p2, _) in zip(m1.param_pairs(), m2.param_pairs()):
        np.testing.assert_array_equal(p1, p2)


def test_time_sliced_training_equals_one_call():
    X, y = make_2d("circles", 150, 0.05, seed=0)
    a = mlp([2, 8, 2], seed=3)
    a.fit(X, y, optimizer=Adam(0.01), epochs=6, batch_size=10, random_state=0)
    b = mlp([2, 8, 2], seed=3)
    tr = Trainer(b, X, y, optimizer=Adam(0.01), batch_size=10, random_state=0)
    while tr.epoch < 6:
        tr.run(seconds=1e-4, max_epochs=6)  # a few batches at a time
    for (p1, _), (p2, _) in zip(a.param_pairs(), b.param_pairs()):
        np.testing.assert_array_equal(p1, p2)


def test_save_load_round_trip_is_bit_exact(tmp_path):
    model = Sequential([Dense(2, 5, rng=0), Tanh(), Dropout(0.1), Dense(5, 3, init="he", rng=1)])
    X, y = make_2d("blobs", 60, 0.1, seed=0)
    y = y % 3
    model.fit(X, y, epochs=2, random_state=0)
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = Sequential.load(path)
    assert [type(l) for l in loaded.layers] == [type(l) for l in model.layers]
    for (p1, _), (p2, _) in zip(model.param_pairs(), loaded.param_pairs()):
        assert p1.dtype == p2.dtype
        np.testing.assert_array_equal(p1, p2)
    np.testing.assert_array_equal(model.predict_proba(X), loaded.predict_proba(X))
    buf = io.BytesIO()
    model.save(buf)
    buf.seek(0)
    assert Sequential.load(buf).n_params == model.n_params


def test_load_refuses_pickles_and_junk(tmp_path):
    bad = tmp_path / "bad.npz"
    np.savez(bad, **{"__config__": np.array([{"a": 1}], dtype=object)})
    with pytest.raises(ValueError):
        Sequential.load(bad)
    junk = tmp_path / "junk.npz"
    np.savez(junk, x=np.zeros(3))
    with pytest.raises(ValueError, match="not an nncore model"):
        Sequential.load(junk)


def test_n_params():
    assert mlp([2, 4, 1]).n_params == 2 * 4 + 4 + 4 * 1 + 1


class TestBadInput:
    model = staticmethod(lambda: mlp([2, 4, 2]))

    @pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
    def test_non_finite_X(self, bad):
        X = np.zeros((10, 2))
        X[3, 1] = bad
        with pytest.raises(ValueError, match="X contains 1 NaN or infinite"):
            self.model().fit(X, np.zeros(10, int))

    def test_non_finite_y(self):
        with pytest.raises(ValueError, match="y contains"):
            self.model().fit(np.zeros((4, 2)), np.array([0, 1, np.nan, 0]), loss="mse")

    def test_wrong_feature_count_names_the_layer(self):
        with pytest.raises(ValueError, match=r"layer 0 \(Dense\).*\(N, 2\).*\(1, 3\)"):
            self.model().fit(np.zeros((10, 3)), np.zeros(10, int))

    def test_row_mismatch(self):
        with pytest.raises(ValueError, match="X has 10 rows but y has 9"):
            self.model().fit(np.zeros((10, 2)), np.zeros(9, int))

    def test_labels_out_of_range(self):
        with pytest.raises(ValueError, match=r"integers in \[0, 2\)"):
            self.model().fit(np.zeros((3, 2)), np.array([0, 1, 2]))

    def test_text_data(self):
        with pytest.raises(ValueError, match="numeric"):
            self.model().fit(np.array([["a", "b"]]), np.array([0]))

    def test_empty(self):
        with pytest.raises(ValueError, match="no rows"):
            self.model().fit(np.zeros((0, 2)), np.zeros(0, int))


def test_divergence_stops_and_keeps_last_finite_weights():
    X, y = make_2d("plane", 100, 0.1, seed=0)
    model = mlp([2, 16, 1], seed=0)
    seen = []
    cb = LambdaCallback(on_epoch_end=lambda e, logs: seen.append([p.copy() for p, _ in model.param_pairs()]))
    history = model.fit(X * 50, y, loss="mse", optimizer=SGD(5.0), epochs=50, batch_size=10,
                        random_state=0, callbacks=[cb])
    assert history.status == "diverged"
    assert history.message.startswith("diverged at epoch")
    assert all(np.isfinite(p).all() for p, _ in model.param_pairs())
    expected = seen[-1] if seen else None
    if expected is not None:
        for (p, _), e in zip(model.param_pairs(), expected):
            np.testing.assert_array_equal(p, e)
    assert history.epochs == len(seen) < 50


def test_stop_request_keeps_history_and_weights():
    class StopAt(Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 2:
                self.model.stop_training = True

    X, y = make_2d("xor", 100, 0.0, seed=0)
    model = mlp([2, 8, 2])
    history = model.fit(X, y, epochs=20, callbacks=[StopAt()], random_state=0)
    assert history.status == "stopped" and history.epochs == 3


def test_callbacks_order_and_validation_metrics():
    calls = []

    class Rec(Callback):
        def on_train_begin(self, logs=None):
            calls.append("begin")

        def on_batch_end(self, batch, logs=None):
            calls.append("batch")

        def on_epoch_end(self, epoch, logs=None):
            calls.append(("epoch", epoch, sorted(logs)))

        def on_train_end(self, logs=None):
            calls.append("end")

    X, y = make_2d("gaussians", 40, 0.1, seed=0)
    mlp([2, 4, 2]).fit(X, y, epochs=2, batch_size=20, callbacks=[Rec()], validation_data=(X, y))
    assert calls == ["begin", "batch", "batch", ("epoch", 0, ["accuracy", "loss", "val_accuracy", "val_loss"]),
                     "batch", "batch", ("epoch", 1, ["accuracy", "loss", "val_accuracy", "val_loss"]), "end"]


def test_float64_on_request():
    model = mlp([2, 4, 2], dtype=np.float64)
    assert model.dtype == np.float64
    assert model.predict_proba(np.zeros((3, 2), np.float32)).dtype == np.float64


def test_importing_nncore_loads_no_sklearn_until_mlpclassifier_is_asked_for():
    import subprocess
    import sys
    code = ("import sys, nncore; assert 'sklearn' not in sys.modules, 'nncore imported sklearn'; "
            "cls = nncore.MLPClassifier; from sklearn.base import ClassifierMixin; "
            "assert issubclass(cls, ClassifierMixin) and cls.__module__ == 'nncore.sklearn.mlp'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("l1, l2", [(0.0, 0.3), (0.2, 0.0), (0.1, 0.5)])
def test_weight_penalty_is_scaled_by_the_training_set_size_and_spares_biases(l1, l2):
    rng = np.random.default_rng(0)
    X, y, n = rng.standard_normal((20, 3)), rng.integers(0, 2, 20), 20
    plain, penalised = (Sequential([Dense(3, 2, dtype=np.float64, rng=1)]) for _ in range(2))
    w, b = penalised.layers[0].params["weight"].copy(), penalised.layers[0].params["bias"].copy()
    kw = dict(optimizer=SGD(0.5), batch_size=5, shuffle=False)
    Trainer(plain, X, y, **kw).step()
    loss = Trainer(penalised, X, y, l1=l1, l2=l2, **kw).step()
    expected = cross_entropy(X[:5] @ w.T + b, y[:5])[0] + 0.5 * l2 * np.sum(w * w) / n + l1 * np.abs(w).sum() / n
    assert loss == pytest.approx(expected, rel=1e-12)
    step_difference = penalised.layers[0].params["weight"] - plain.layers[0].params["weight"]
    np.testing.assert_allclose(step_difference, -0.5 * (l2 / n * w + l1 / n * np.sign(w)), rtol=1e-10)
    np.testing.assert_array_equal(penalised.layers[0].params["bias"], plain.layers[0].params["bias"])
