"""Ready-made stacks of layers."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .layers import Dense, Dropout, activation
from .model import Sequential


def build_mlp(n_in, hidden=(4, 2), activations="relu", n_out=2, *, dropout=0.0, rng=0, dtype=np.float32,
              init="glorot") -> Sequential:
    """A multi-layer perceptron: ``Dense → activation (→ Dropout)`` per hidden width, then ``Dense(·, n_out)``.

    Parameters
    ----------
    n_in, n_out : int
        Input features and (linear) outputs.
    hidden : sequence of int
        The hidden widths, first to last; empty for a linear model.
    activations : str or sequence of str
        One name from :data:`nncore.layers.ACTIVATION_NAMES` for every hidden layer, or one per layer.
    dropout : float
        Drop probability after each hidden activation (0 = no Dropout layers).
    rng : int, Generator or sequence of ints
        A seed (or Generator) shared by every layer in order, so the same seed gives the same network;
        or one seed per Dense layer (``len(hidden) + 1`` of them), each layer drawing from its own.
    """
    hidden = [int(h) for h in hidden]
    if isinstance(activations, str):
        activations = [activations] * len(hidden)
    if len(activations) != len(hidden):
        raise ValueError(f"{len(hidden)} hidden layers but {len(activations)} activations")
    if isinstance(rng, Sequence):
        if len(rng) != len(hidden) + 1:
            raise ValueError(f"{len(hidden) + 1} Dense layers but {len(rng)} seeds")
        rngs = [np.random.default_rng(s) for s in rng]
    else:
        rngs = [np.random.default_rng(rng)] * (len(hidden) + 1)
    layers, width = [], int(n_in)
    for h, act, r in zip(hidden, activations, rngs):
        layers += [Dense(width, h, init=init, dtype=dtype, rng=r), activation(act)]
        if dropout:
            layers.append(Dropout(dropout, rng=r))
        width = h
    layers.append(Dense(width, int(n_out), init=init, dtype=dtype, rng=rngs[-1]))
    return Sequential(layers)
