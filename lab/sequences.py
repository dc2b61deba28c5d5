"""Sequence-memory experiments for the RNN page: tasks with a memory knob, models, probes.

Pure NumPy (no UI). The page calls these and draws the results.

- :class:`RnnConfig`: every setting of one RNN-page run (hashable: the live run's signature).
- :func:`make_task`: one of the seeded sequence tasks with its memory knob (delay or length),
  split into train and test, with the loss and output size it needs (a :class:`SequenceTask`).
- :func:`build_model`: a recurrent cell (RNN, LSTM, GRU) and a linear read-out, either at the
  last step (``Dense``) or at every step (``TimeDistributed(Dense)``).
- :func:`make_trainer`: a config's model on a task, wired into an :class:`nncore.Trainer`.
- :func:`gradient_profile`: ‖∂L/∂hₜ‖ for every step t when the loss sits on the last step only —
  how much learning signal reaches each earlier step (vanishing gradients).
- :func:`memory_span`: test accuracy against delay for each cell, on delayed recall.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.datasets import sequences
from nncore.layers import GRU, LSTM, RNN, Dense, TimeDistributed
from nncore.losses import get_loss, softmax
from nncore.metrics import accuracy
from nncore.model import Sequential, Trainer
from nncore.optim import Adam

CELLS = {"RNN": RNN, "LSTM": LSTM, "GRU": GRU}
TASKS = ("delayed_recall", "copy", "parity", "sine")
N_SYMBOLS = 4


@dataclass(frozen=True)
class RnnConfig:
    """Every setting of one run on the RNN page (a value: equal settings compare equal across reruns)."""

    task: str = "delayed_recall"    # one of TASKS
    cell: str = "LSTM"              # one of CELLS
    hidden: int = 32                # hidden units
    memory: int = 10                # the task's memory knob: delay or sequence length, in steps
    noise: float = 0.0              # input noise (delayed recall only)
    lr: float = 0.01
    clip: float = 1.0               # global gradient-norm clipping; 0 = off
    epochs: int = 15
    seed: int = 0


@dataclass(frozen=True, eq=False)
class SequenceTask:
    """A sequence task split into train and test.

    X (N, T, D) and y — labels (N,) or (N, T) with ``per_step``, values (N, 1) for the regression task —
    with ``loss`` and ``n_out`` (outputs) the model needs.
    """

    task: str
    memory: int
    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    loss: str
    n_out: int
    per_step: bool

    @property
    def T(self) -> int:
        """Sequence length in steps."""
        return self.X.shape[1]


def make_task(task, memory, n_samples=1000, seed=0, test_fraction=0.25, noise=0.0, dtype=np.float32) -> SequenceTask:
    """Data for ``task`` with memory knob ``memory`` (delay in steps, or sequence length).

    - ``delayed_recall``: see one of 4 symbols, answer it ``memory`` blank steps later.
    - ``copy``: see 3 symbols, wait ``memory`` steps, reproduce them (labels at every step).
    - ``parity``: running parity of ``memory`` bits (labels at every step).
    - ``sine``: predict the next value of a noisy sine from the last ``memory`` values (MSE).
    """
    memory = int(memory)
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; choose from {TASKS}")
    if memory < 1:
        raise ValueError(f"the delay / length must be at least 1 step, got {memory}")
    if n_samples < 8:
        raise ValueError(f"need at least 8 sequences, got {n_samples}")
    if task == "delayed_recall":
        X, y = sequences.delayed_recall(n_samples, delay=memory, n_symbols=N_SYMBOLS, noise=noise,
                                        seed=seed, dtype=dtype)
        loss, n_out, per_step = "cross_entropy", N_SYMBOLS, False
    elif task == "copy":
        X, y = sequences.copy_task(n_samples, length=3, delay=memory, n_symbols=N_SYMBOLS, seed=seed, dtype=dtype)
        loss, n_out, per_step = "cross_entropy", N_SYMBOLS + 1, True
    elif task == "parity":
        X, y = sequences.parity(n_samples, length=memory, seed=seed, dtype=dtype)
        loss, n_out, per_step = "cross_entropy", 2, True
    else:
        X, y = sequences.sine(n_samples, length=memory, seed=seed, dtype=dtype)
        loss, n_out, per_step = "mse", 1, False
    n_test = max(1, int(round(test_fraction * n_samples)))
    return SequenceTask(task=task, memory=memory, X=X[n_test:], y=y[n_test:], X_test=X[:n_test], y_test=y[:n_test],
                        loss=loss, n_out=n_out, per_step=per_step)


def build_model(cell, input_size, hidden_size, n_out, per_step=False, seed=0, dtype=np.float32):
    """``cell`` ("RNN", "LSTM" or "GRU") with ``hidden_size`` units, then a linear read-out.

    The LSTM starts with forget-gate bias 1 (remember by default), as Keras does.
    """
    if cell not in CELLS:
        raise ValueError(f"unknown cell {cell!r}; choose from {sorted(CELLS)}")
    if not 1 <= int(hidden_size) <= 512:
        raise ValueError(f"hidden size must be between 1 and 512, got {hidden_size}")
    rng = np.random.default_rng(seed)
    extra = {"forget_bias": 1.0} if cell == "LSTM" else {}
    rec = CELLS[cell](input_size, hidden_size, return_sequences=per_step, dtype=dtype, rng=rng, **extra)
    head = Dense(hidden_size, n_out, init="torch", dtype=dtype, rng=rng)
    return Sequential([rec, TimeDistributed(head) if per_step else head])


def make_trainer(cfg: RnnConfig, data: SequenceTask, batch_size=32) -> Trainer:
    """A :class:`nncore.Trainer` for ``cfg``'s cell on ``data``: Adam, gradients clipped at ``cfg.clip``."""
    model = build_model(cfg.cell, data.X.shape[2], cfg.hidden, data.n_out, data.per_step, seed=cfg.seed)
    return Trainer(model, data.X, data.y, loss=data.loss, optimizer=Adam(cfg.lr, clip_norm=cfg.clip or None),
                   batch_size=batch_size, random_state=cfg.seed, validation_data=(data.X_test, data.y_test))


def predict(model, X):
    """Outputs (N, C) or (N, T, C) for classification (argmax taken: (N,) or (N, T)); raw values for MSE."""
    out = model.forward(np.asarray(X, dtype=model.dtype), training=False)
    return out if model.loss == "mse" else out.argmax(axis=-1)


def hidden_states(model, x):
    """(T, H) hidden states of the recurrent layer for one sequence ``x`` (T, D)."""
    model.forward(np.asarray(x, dtype=model.dtype)[None], training=False)
    return np.array(model.layers[0].hidden_states()[0])


def gradient_profile(model, X, y, loss=None):
    """Mean over the batch of ‖∂L/∂hₜ‖ for every step t, shape (T,), for a loss on the last step only.

    For per-step tasks only the last step's output keeps its gradient, so the curve shows how
    the signal from one error decays as it travels back in time. The model's grads are overwritten.
    """
    loss_fn = get_loss(loss or model.loss or "cross_entropy")
    out = model.forward(np.asarray(X, dtype=model.dtype), training=True)
    if out.ndim == 3:
        y = np.asarray(y)
        _, dout = loss_fn(np.ascontiguousarray(out[:, -1]), y[:, -1])
        full = np.zeros_like(out)
        full[:, -1] = dout
        dout = full
    else:
        _, dout = loss_fn(out, y)
    model.backward(dout)
    return model.layers[0].step_grad_norms()


def explain_sequence(model, x, y=None):
    """Everything the page shows for one sequence ``x`` (T, D): hidden states (T, H), the output
    (class probabilities (C,) or (T, C), or the predicted value), the predicted labels, and the target."""
    out = model.forward(np.asarray(x, dtype=model.dtype)[None], training=False)[0]
    info = {"x": np.asarray(x), "hidden": np.array(model.layers[0].hidden_states()[0]), "target": y}
    if model.loss == "mse":
        info.update(pred=out.astype(float), proba=None)
    else:
        proba = softmax(out.reshape(-1, out.shape[-1]).astype(np.float64)).reshape(out.shape)
        info.update(pred=proba.argmax(axis=-1), proba=proba)
    return info


def init_gradient_profiles(data, hidden_size=32, seed=0, n=64, cells=("RNN", "LSTM", "GRU")):
    """{cell: ‖∂L/∂hₜ‖ (T,)} for freshly initialised models on the first ``n`` test sequences."""
    X, y = data.X_test[:n], data.y_test[:n]
    out = {}
    for cell in cells:
        model = build_model(cell, X.shape[2], hidden_size, data.n_out, data.per_step, seed=seed)
        model.loss = data.loss
        out[cell] = gradient_profile(model, X, y)
    return out


def chance_accuracy(task, memory):
    """Accuracy of the best answer that ignores the input (None for the regression task).

    Delayed recall: 1/4 (four symbols).  Parity: 1/2.  Copy: "blank" is right on all but the
    last three of the 2·3 + delay steps.
    """
    if task == "delayed_recall":
        return 1.0 / N_SYMBOLS
    if task == "parity":
        return 0.5
    if task == "copy":
        T = 2 * 3 + int(memory)
        return (T - 3) / T
    return None


def memory_span(cells=("RNN", "LSTM", "GRU"), delays=(2, 5, 10, 20, 40), hidden_size=32, epochs=20,
                n_samples=800, lr=0.01, seed=0, noise=0.0, on_result=None):
    """Test accuracy of each cell on delayed recall against the delay.

    Every (cell, delay) pair trains a fresh model for ``epochs`` epochs on the same seeded data.
    Returns ``{"delays": [...], "cells": {cell: [accuracy per delay]}, "chance": 1/4}``.
    ``on_result(cell, delay, acc)`` is called after each training (for a progress bar).
    """
    result = {"delays": [int(d) for d in delays], "cells": {}, "chance": 1.0 / N_SYMBOLS}
    for cell in cells:
        accs = []
        for delay in delays:
            data = make_task("delayed_recall", delay, n_samples=n_samples, seed=seed, noise=noise)
            cfg = RnnConfig(task="delayed_recall", cell=cell, hidden=hidden_size, memory=delay, noise=noise, lr=lr,
                            clip=1.0, epochs=epochs, seed=seed)
            trainer = make_trainer(cfg, data)
            trainer.run(epochs=epochs)
            trainer.finish()
            acc = accuracy(data.y_test, predict(trainer.model, data.X_test))
            accs.append(acc)
            if on_result is not None:
                on_result(cell, delay, acc)
        result["cells"][cell] = accs
    return result
