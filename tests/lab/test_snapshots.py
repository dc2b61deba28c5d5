"""The snapshot protocol of every object a live page drives: ``restore(snapshot())`` shows that moment again.

``ui.live``'s replay cache records ``snapshot()`` after each refresh and restores the snapshots into another
session's freshly built object. Whatever the page reads (history, epoch, status, parameters, ``result()``)
must then read exactly as in the recorded run, and the two objects must share nothing mutable.
"""
import copy
import dataclasses

import numpy as np
import pytest

from lab import cnn, forgetting, learning_rules, sequences
from lab.playground import Playground, PlaygroundConfig, PlaygroundData, grid
from nncore import Sequential, Trainer
from nncore.datasets import digits_split, make_2d
from nncore.layers import Dense, ReLU


def same(a, b) -> bool:
    """Deep equality of plain results: arrays (NaN equal to NaN), containers, dataclasses, numbers."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return type(a) is type(b) and all(same(getattr(a, f.name), getattr(b, f.name))
                                          for f in dataclasses.fields(a))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return a == b


def params(model):
    return [p.copy() for p, _ in model.param_pairs()]


def history(h):
    return copy.deepcopy(dict(h)), h.status, h.message


# name -> (make a fresh object, what the page reads from it, its models)
def _trainer():
    X, y = make_2d("xor", 80, 0.1, seed=0)
    model = Sequential([Dense(2, 8, rng=0), ReLU(), Dense(8, 2, rng=1)])
    return Trainer(model, X, y, batch_size=16, random_state=0, validation_data=(X[:20], y[:20]))


PG_CFG = PlaygroundConfig(n=100, hidden=(6,), activations=("tanh",))
PG_DATA = PlaygroundData.builtin(PG_CFG)
PG_POINTS = grid(*PG_DATA.box(), n=12)[2]
CNN_CFG = cnn.CnnConfig(blocks=1, channels=2, epochs=2)
CNN_DATA = digits_split(test_fraction=0.3, seed=0)
RNN_CFG = sequences.RnnConfig(hidden=8, memory=4, epochs=2)
RNN_DATA = sequences.make_task("delayed_recall", 4, n_samples=120, seed=0)
FG_CFG = forgetting.ForgettingConfig(hidden=16, depth=1, epochs=1, buffer=50)
STDP_CFG = learning_rules.STDPConfig(n_inputs=100, duration_s=4)
FA_CFG = learning_rules.FeedbackAlignmentConfig(hidden=16, epochs=2)

OBJECTS = {
    "Trainer": (_trainer, lambda o: (o.epoch, history(o.history), params(o.model)), lambda o: [o.model]),
    "Playground": (lambda: Playground(PG_CFG, PG_DATA),
                   lambda o: (o.epoch, history(o.history), o.output(PG_POINTS)), lambda o: [o.model]),
    "TwinTrainer": (lambda: cnn.TwinTrainer(CNN_CFG, CNN_DATA),
                    lambda o: (o.epoch, history(o.history), history(o.mlp_trainer.history),
                               o.cnn.predict_proba(CNN_DATA[1][:30]), params(o.mlp)), lambda o: [o.cnn, o.mlp]),
    "RNN": (lambda: sequences.make_trainer(RNN_CFG, RNN_DATA),
            lambda o: (o.epoch, history(o.history), sequences.predict(o.model, RNN_DATA.X_test[:20])),
            lambda o: [o.model]),
    "Comparison": (lambda: forgetting.Comparison(FG_CFG, ("naive", "ewc", "replay")),
                   lambda o: (o.epoch, o.done, history(o.history), o.results()),
                   lambda o: [seq.model for seq in o.runs.values()]),
    "STDPRun": (lambda: learning_rules.STDPRun(STDP_CFG),
                lambda o: (o.epoch, o.done, history(o.history), o.result()), lambda o: []),
    "FeedbackAlignmentRun": (lambda: learning_rules.FeedbackAlignmentRun(FA_CFG),
                             lambda o: (o.epoch, o.done, history(o.history), o.result()),
                             lambda o: list(o.models.values())),
}


@pytest.mark.parametrize("name", list(OBJECTS))
def test_restore_shows_the_snapshot_moment_and_shares_nothing(name):
    make, view, models = OBJECTS[name]
    a = make()
    a.run(epochs=1)
    snap = a.snapshot()
    seen = copy.deepcopy(view(a))
    a.run(epochs=1)                       # the recorded object moves on; its snapshot must not
    assert not same(view(a), seen), "training on did not change what the page shows"

    b = make()
    assert not same(view(b), seen)
    b.restore(snap)
    assert same(view(b), seen)

    after_a = copy.deepcopy(view(a))
    for model in models(b):               # a session playing with its copy changes nobody else's
        for p, _ in model.param_pairs():
            p += 1.0
    assert same(view(a), after_a)
    c = make()
    c.restore(snap)
    assert same(view(c), seen)


def test_a_trainer_snapshot_in_the_middle_of_an_epoch():
    a = _trainer()
    a.run(epochs=1)
    for _ in range(2):
        a.step()
    snap = a.snapshot()
    b = _trainer()
    b.restore(snap)
    assert b.epoch == a.epoch == 1 and history(b.history) == history(a.history)
    assert all(np.array_equal(p, q) for p, q in zip(params(a.model), params(b.model)))


def test_restore_refuses_a_snapshot_of_another_model():
    other = Trainer(Sequential([Dense(2, 2, rng=0)]), *make_2d("xor", 20, 0.0, seed=0))
    with pytest.raises(ValueError, match="parameter arrays"):
        _trainer().restore(other.snapshot())
