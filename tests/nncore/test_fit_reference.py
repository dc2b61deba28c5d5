"""Seeded training through ``Trainer`` gives, bit for bit, the numbers of a plain training loop.

The reference below is the fit loop written the straightforward way (one fancy-indexed gather per
batch, softmax cross-entropy and the optimizers spelled out with the plain NumPy method calls,
every layer's forward/backward called in turn, one parameter array at a time). The trainer's fast
paths (gathering several batches at once, the loss's row indices, the packed optimizer, the
skipped first-layer input gradient) must not move a single bit of the weights or the history:
a speed-up that changed the numbers would make every seeded page and test drift.

Both sides call the layers' own forward/backward, so this pins the training loop, not a kernel's
arithmetic: that is checked in the layers' tests (test_recurrent: the LSTM forward equals the plain
formulas bit for bit; its gradients, whose summation order changed for issue 21, equal a plain
BPTT to 1e-12 in float64, finite differences and PyTorch).
"""
import numpy as np
import pytest

from nncore import Sequential, Trainer
from nncore.layers import GRU, LSTM, RNN, Conv2D, Dense, Dropout, Flatten, MaxPool2D, ReLU, Tanh, TimeDistributed
from nncore.optim import SGD, Adam
from tests.nncore.test_optim import _reference_step


# -- the reference: the loop as written before any speed-up -------------------------------------------
def ref_cross_entropy(z, y):
    if z.ndim == 3:
        loss, grad = ref_cross_entropy(z.reshape(-1, z.shape[2]), y.reshape(-1))
        return loss, grad.reshape(z.shape)
    n = len(z)
    p = z - z.max(axis=1, keepdims=True)
    p = np.exp(p)
    p /= p.sum(axis=1, keepdims=True)
    rows = np.arange(n)
    picked = np.log(np.maximum(p[rows, y], np.finfo(p.dtype).tiny))
    loss = -(np.add.reduce(picked) / n)
    p[rows, y] -= 1
    p /= n
    return float(loss), p


def ref_mse(pred, y):
    y = y.reshape(pred.shape).astype(pred.dtype, copy=False)
    diff = pred - y
    return float(np.mean(diff * diff)), diff * (2.0 / diff.size)


def ref_update(kind, pairs, state, t, lr):
    """One optimizer step, one array at a time, from the formulas (test_optim's reference)."""
    _reference_step(kind, [p for p, _ in pairs], [g for _, g in pairs], state, t, lr=lr)


def ref_fit(model, X, y, loss, kind, lr, epochs, batch_size, seed):
    """Mini-batch training as the reference does it; returns {"loss": [...], "accuracy": [...]}."""
    X = np.asarray(X).astype(model.dtype, copy=False)
    y = np.asarray(y).astype(np.intp) if loss == "cross_entropy" else np.asarray(y).astype(model.dtype)
    loss_fn = ref_cross_entropy if loss == "cross_entropy" else ref_mse
    rng, state, t, n = np.random.default_rng(seed), {}, 0, len(X)
    history = {"loss": []} | ({"accuracy": []} if loss == "cross_entropy" else {})
    for _ in range(epochs):
        order = rng.permutation(n)
        total, correct = [], 0.0
        for pos in range(0, n, batch_size):
            idx = order[pos:pos + batch_size]
            xb, yb = X[idx], y[idx]
            with np.errstate(over="ignore", invalid="ignore"):
                h = xb
                for layer in model.layers:
                    h = layer.forward(h, training=True)
                value, d = loss_fn(h, yb)
                model.layers[0].skip_input_grad = True
                for layer in reversed(model.layers):
                    d = layer.backward(d)
                model.layers[0].skip_input_grad = False
            if loss == "cross_entropy":
                hit = h.argmax(-1) == yb
                correct += float(hit.sum()) if hit.ndim == 1 else float(hit.mean(axis=1).sum())
            t += 1
            ref_update(kind, [(layer.params[k], layer.grads[k]) for layer in model.layers for k in layer.params],
                       state, t, lr)
            total.append(value * len(idx))
        history["loss"].append(float(sum(total) / n))
        if loss == "cross_entropy":
            history["accuracy"].append(correct / n)
    return history


# -- the models ---------------------------------------------------------------------------------------
def _seq_data(rng, n, t, d, classes, per_step=False):
    X = rng.standard_normal((n, t, d))
    score = X[:, :, 0].cumsum(axis=1) if per_step else X[:, :3, 0].sum(axis=1)
    return X, (np.digitize(score, [-0.5, 0.5]) if classes == 3 else (score > 0).astype(int))


def case(name, dtype):
    """(model, X, y, loss, optimizer kind, lr, batch size) for one named model."""
    rng = np.random.default_rng(11)
    if name == "mlp":
        X = rng.standard_normal((203, 5))
        y = (X[:, 0] * X[:, 1] + X[:, 2] > 0).astype(int) + (X[:, 3] > 1)
        layers = [Dense(5, 16, dtype=dtype, rng=1), ReLU(), Dropout(0.2, rng=2), Dense(16, 3, dtype=dtype, rng=3)]
        return Sequential(layers), X, y, "cross_entropy", "adam", 0.01, 16
    if name == "mlp_mse":
        X = rng.standard_normal((150, 4))
        y = np.stack([X[:, 0] * X[:, 1], np.sin(X[:, 2])], axis=1)
        layers = [Dense(4, 12, dtype=dtype, rng=4), Tanh(), Dense(12, 2, dtype=dtype, rng=5)]
        return Sequential(layers), X, y, "mse", "momentum", 0.05, 32
    if name == "cnn":
        X = rng.standard_normal((90, 1, 8, 8))
        y = (X[:, 0, :4].sum(axis=(1, 2)) > X[:, 0, 4:].sum(axis=(1, 2))).astype(int)
        layers = [Conv2D(1, 4, 3, padding=1, dtype=dtype, rng=6), ReLU(), MaxPool2D(2), Flatten(),
                  Dense(64, 2, dtype=dtype, rng=7)]
        return Sequential(layers), X, y, "cross_entropy", "adam", 0.01, 20
    if name == "rnn_per_step":
        X, y = _seq_data(rng, 70, 6, 2, 2, per_step=True)
        layers = [RNN(2, 8, return_sequences=True, dtype=dtype, rng=8),
                  TimeDistributed(Dense(8, 2, dtype=dtype, rng=9))]
        return Sequential(layers), X, y, "cross_entropy", "adam", 0.02, 16
    cell = {"rnn": RNN, "lstm": LSTM, "gru": GRU}[name]
    X, y = _seq_data(rng, 130, 7, 2, 3)
    layers = [cell(2, 8, dtype=dtype, rng=10), Dense(8, 3, init="torch", dtype=dtype, rng=11)]
    return Sequential(layers), X, y, "cross_entropy", "adam", 0.02, 32


MODELS = ["mlp", "mlp_mse", "cnn", "rnn", "lstm", "gru", "rnn_per_step"]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", MODELS)
def test_trainer_matches_the_plain_loop_bit_for_bit(name, dtype):
    model, X, y, loss, kind, lr, bs = case(name, dtype)
    twin, *_ = case(name, dtype)
    opt = Adam(lr) if kind == "adam" else SGD(lr, momentum=0.9)
    history = model.fit(X, y, loss=loss, optimizer=opt, epochs=4, batch_size=bs, random_state=5)
    expected = ref_fit(twin, X, y, loss, kind, lr, epochs=4, batch_size=bs, seed=5)
    assert history.status == "finished"
    for key, values in expected.items():
        assert history[key] == values, key                  # exact floats, epoch by epoch
    for (p, _), (q, _) in zip(model.param_pairs(), twin.param_pairs()):
        assert p.dtype == q.dtype == np.dtype(dtype)
        np.testing.assert_array_equal(p, q)
    assert history["loss"][-1] < history["loss"][0]        # it trained (the comparison is not vacuous)


@pytest.mark.parametrize("seconds_per_slice", [None, 0.0])
def test_time_sliced_steps_match_the_plain_loop(seconds_per_slice):
    """A trainer advanced one step at a time (as the live pages do: a slice may end mid-epoch, inside
    a block of batches gathered together) ends on the same numbers."""
    model, X, y, loss, kind, lr, bs = case("lstm", np.float32)
    twin, *_ = case("lstm", np.float32)
    trainer = Trainer(model, X, y, loss=loss, optimizer=Adam(lr), batch_size=bs, random_state=5)
    while trainer.epoch < 3:
        if seconds_per_slice is None:
            trainer.step()
        else:
            trainer.run(seconds=seconds_per_slice, max_epochs=3)
    expected = ref_fit(twin, X, y, loss, kind, lr, epochs=3, batch_size=bs, seed=5)
    assert trainer.history["loss"] == expected["loss"]
    for (p, _), (q, _) in zip(model.param_pairs(), twin.param_pairs()):
        np.testing.assert_array_equal(p, q)
