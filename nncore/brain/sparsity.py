"""How many units of a trained ReLU network are active per input (the ANN side of the sparsity meter)."""
from __future__ import annotations

import numpy as np

from ..datasets import digits_split
from ..layers import Dense, ReLU
from ..model import Sequential
from ..optim import Adam


def relu_activity(model, X, batch_size=2048):
    """Fraction of ReLU units with output > 0 for each input: (N,).

    Counts every unit that follows a :class:`~nncore.layers.ReLU` layer in ``model``.
    """
    X = np.asarray(X, dtype=model.dtype)
    if not any(isinstance(layer, ReLU) for layer in model.layers):
        raise ValueError("the model has no ReLU layer")
    out = []
    for i in range(0, len(X), batch_size):
        h = X[i:i + batch_size]
        active = np.zeros(len(h))
        units = 0
        for layer in model.layers:
            h = layer.forward(h, training=False)
            if isinstance(layer, ReLU):
                flat = h.reshape(len(h), -1)
                active += (flat > 0).sum(axis=1)
                units += flat.shape[1]
        out.append(active / units)
    return np.concatenate(out)


def sparsity_network(hidden=(64, 32), epochs=15, seed=0):
    """Train a small ReLU MLP on the 8×8 digits; return (model, X_test, y_test, test accuracy, untrained model).

    64 → hidden → 10, Adam (lr 0.003), batch 32, float32; well under a second on one core.
    """
    X_tr, X_te, y_tr, y_te = digits_split(seed=seed, images=False)
    rng = np.random.default_rng(seed)
    sizes = (64, *hidden)

    def build():
        layers = []
        for a, b in zip(sizes[:-1], sizes[1:]):
            layers += [Dense(a, b, init="he", rng=rng), ReLU()]
        return Sequential(layers + [Dense(sizes[-1], 10, rng=rng)])

    untrained = build()
    model = build()
    model.fit(X_tr, y_tr, loss="cross_entropy", optimizer=Adam(lr=0.003), epochs=epochs, batch_size=32,
              random_state=seed)
    acc = float((model.predict(X_te) == y_te).mean())
    return model, X_te, y_te, acc, untrained
