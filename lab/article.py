"""The source article's worked example (Home), run with nncore."""
from __future__ import annotations

import numpy as np

from nncore.datasets import random_labels
from nncore.layers import Dense, ReLU, Sigmoid
from nncore.metrics import accuracy
from nncore.model import Sequential
from nncore.optim import SGD


def article_keras_example(seed=0, epochs=100, batch_size=10, lr=0.01, n_samples=1000):
    """The article's §4 Keras snippet, reproduced.

    Keras: ``Dense(4, input_dim=2, activation='relu')``, ``Dense(1, activation='sigmoid')``,
    ``binary_crossentropy``, ``SGD`` (Keras' default learning rate 0.01), 100 epochs,
    batch 10, on ``X = rand(1000, 2)``, ``Y = randint(0, 2, 1000)``; then predict [0.1, 0.2].
    The labels are random, so a fresh sample from the same source (held out) is
    classified at chance (≈ 50 %).

    Returns a dict: ``history``, ``train_accuracy``, ``test_accuracy``,
    ``majority_rate`` (the best constant guess on the test set), ``prediction``
    (P(y=1) for [0.1, 0.2]) and the ``model``.
    """
    rng = np.random.default_rng(seed)
    X, y = random_labels(n_samples, seed=rng.integers(2**32))
    X_test, y_test = random_labels(n_samples, seed=rng.integers(2**32))
    model = Sequential([Dense(2, 4, rng=rng), ReLU(), Dense(4, 1, rng=rng), Sigmoid()])
    history = model.fit(X, y, loss="binary_cross_entropy", optimizer=SGD(lr), epochs=epochs,
                        batch_size=batch_size, random_state=rng.integers(2**32))
    p_test = model.predict_proba(X_test)[:, 1]
    return {
        "history": history,
        "train_accuracy": accuracy(y, model.predict_proba(X)[:, 1] > 0.5),
        "test_accuracy": accuracy(y_test, p_test > 0.5),
        "majority_rate": float(max(y_test.mean(), 1 - y_test.mean())),
        "prediction": float(model.predict_proba(np.array([[0.1, 0.2]]))[0, 1]),
        "model": model,
    }


def lesson_claim(seed: int):
    """Home's lesson: the loss stays near log 2 (within 0.02 nats), held-out accuracy is at chance (within 5
    points of 50 %), the prediction for [0.1, 0.2] is close to 0.5 (within 0.1), and training accuracy stays
    below 60 % (too small to memorise 1,000 random labels)."""
    r = article_keras_example(seed=seed)
    loss = float(r["history"]["loss"][-1])
    holds = (abs(loss - np.log(2)) <= 0.02 and abs(r["test_accuracy"] - 0.5) <= 0.05
             and abs(r["prediction"] - 0.5) <= 0.1 and r["train_accuracy"] < 0.6)
    return holds, {"final loss": loss, "held-out accuracy": r["test_accuracy"], "P(y=1 | [0.1, 0.2])":
                   r["prediction"], "training accuracy": r["train_accuracy"]}


TEXT_CLAIMS = {"home.article_lesson": lesson_claim}
