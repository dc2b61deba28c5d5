"""The replay buffer (seeded reservoir) and the Trainer mixing its examples into every batch."""
import numpy as np
import pytest

from nncore import Sequential, Trainer
from nncore.layers import Dense
from nncore.optim import SGD
from nncore.replay import ReplayBuffer


def test_buffer_keeps_everything_until_full_then_a_uniform_sample_of_all_offered():
    X = np.arange(300, dtype=float)[:, None]
    buf = ReplayBuffer(100, seed=0).add(X[:60], np.zeros(60, int))
    assert len(buf) == 60 and buf.seen == 60
    np.testing.assert_array_equal(buf.contents()[0][:, 0], np.arange(60))
    buf.add(X[60:], np.ones(240, int))
    stored_x, stored_y = buf.contents()
    assert len(buf) == 100 and buf.seen == 300 and len(np.unique(stored_x)) == 100
    np.testing.assert_array_equal(stored_y, (stored_x[:, 0] >= 60).astype(int))   # pairs stay together
    # Over many seeds every offered example is kept with probability 100/300.
    kept = np.zeros(300)
    for seed in range(400):
        b = ReplayBuffer(100, seed=seed).add(X[:60], np.zeros(60, int)).add(X[60:], np.zeros(240, int))
        kept[b.contents()[0][:, 0].astype(int)] += 1
    rate = kept / 400
    assert abs(rate[:60].mean() - 1 / 3) < 0.02 and abs(rate[60:].mean() - 1 / 3) < 0.02
    assert rate.min() > 0.2 and rate.max() < 0.47


def test_buffer_is_seeded_and_samples_without_repeats_when_it_can():
    X, y = np.random.default_rng(0).random((500, 3)), np.arange(500) % 7

    def filled(seed):
        return ReplayBuffer(50, seed=seed).add(X[:200], y[:200]).add(X[200:], y[200:])

    a, b, c = filled(1), filled(1), filled(2)
    np.testing.assert_array_equal(a.contents()[0], b.contents()[0])
    np.testing.assert_array_equal(a.sample(20)[0], b.sample(20)[0])
    assert not np.array_equal(a.contents()[0], c.contents()[0])
    xs, ys = a.sample(50)
    assert len(np.unique(xs[:, 0])) == 50
    assert len(a.sample(80)[0]) == 80                    # more than stored: drawn with replacement


def test_empty_and_zero_capacity_buffers():
    buf = ReplayBuffer(0, seed=0).add(np.ones((5, 2)), np.ones(5))
    assert len(buf) == 0 and buf.seen == 5
    assert buf.sample(3) == (None, None)
    with pytest.raises(ValueError):
        ReplayBuffer(-1)
    full = ReplayBuffer(4, seed=0).add(np.ones((2, 3)), np.ones(2))
    with pytest.raises(ValueError, match="do not fit"):
        full.add(np.ones((2, 4)), np.ones(2))


def test_trainer_mixes_replayed_examples_into_each_batch():
    """A class seen only in the buffer is still learned, and accuracy counts only the new data."""
    X_new = np.tile([[1.0, 0.0]], (64, 1))
    y_new = np.zeros(64, int)
    X_old = np.tile([[0.0, 1.0]], (8, 1))
    buf = ReplayBuffer(8, seed=0).add(X_old, np.ones(8, int))

    def train(replay):
        model = Sequential([Dense(2, 2, rng=0)])
        tr = Trainer(model, X_new, y_new, optimizer=SGD(0.5), batch_size=16, random_state=0, replay=replay)
        tr.run(epochs=20)
        return model, tr

    model, tr = train(buf)
    assert tr.replay_batch == 8                     # all it holds, fewer than the batch size
    assert (model.predict(X_old) == 1).all() and (model.predict(X_new) == 0).all()
    assert tr.history["accuracy"][-1] == 1.0        # 64 new examples per epoch, not 64 + replayed
    model_plain, _ = train(ReplayBuffer(8, seed=0))  # empty buffer: plain training
    assert (model_plain.predict(X_old) == 0).all()


def test_trainer_refuses_replayed_labels_the_model_cannot_output():
    buf = ReplayBuffer(4, seed=0).add(np.ones((4, 2)), np.full(4, 5))
    with pytest.raises(ValueError, match="replay y"):
        Trainer(Sequential([Dense(2, 3, rng=0)]), np.ones((8, 2)), np.zeros(8, int), replay=buf)
