"""Sequential model and its stepwise trainer.

``Trainer`` runs mini-batch training one batch at a time, so a UI can train in
short time-sliced chunks (``run(seconds=...)``) and ``Sequential.fit`` is just
the loop over it.  Divergence (a non-finite loss) stops training and restores
the weights from the end of the last good epoch.
"""
from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass

import numpy as np

from .callbacks import History
from .errors import InputError
from .layers.base import LAYER_REGISTRY, Layer
from .layers.dense import Dense
from .losses import get_loss, softmax
from .optim import get_optimizer
from .penalties import apply_penalties


def _check_finite(name, a):
    if a.dtype.kind in "fc" and not np.isfinite(a).all():
        bad = int(np.size(a) - np.isfinite(a).sum())
        raise InputError("not_finite", "{name} contains {bad} NaN or infinite value(s); clean the data before training",
                         name=name, bad=bad)


class Sequential:
    """A stack of layers applied in order.

    >>> model = Sequential([Dense(2, 8, rng=0), Tanh(), Dense(8, 2, rng=1)])
    >>> history = model.fit(X, y, loss="cross_entropy", epochs=100)
    """

    def __init__(self, layers):
        layers = list(layers)
        for i, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise TypeError(f"layer {i} is {type(layer).__name__}, not an nncore Layer")
        self.layers = layers
        self.stop_training = False
        self.loss = None

    # -- forward / backward -------------------------------------------------
    @property
    def dtype(self):
        for layer in self.layers:
            for p in layer.params.values():
                return p.dtype
        return np.dtype(np.float32)

    def forward(self, x, training=True):
        for layer in self.layers:
            x = layer.forward(x, training=training)
        return x

    def backward(self, dy, need_input_grad=True):
        """Backpropagate ``dy`` through every layer; return dL/dx (None if not ``need_input_grad``)."""
        first = self.layers[0]
        first.skip_input_grad = not need_input_grad
        try:
            for layer in reversed(self.layers):
                dy = layer.backward(dy)
        finally:
            first.skip_input_grad = False
        return dy

    def input_gradient(self, X, y, loss=None):
        """∂L/∂X: the gradient of the loss with respect to the input, by this model's own backward pass.

        X : (N, ...) input as for ``forward``; y : targets as the loss takes them (integer labels
        for ``cross_entropy``); loss : name or callable, default the training loss, else cross-entropy.
        Returns dX shaped like X in the model's dtype. L is the batch mean, so row n is (1/N)·∂ℓₙ/∂xₙ.
        The network runs as at inference (Dropout off); parameters stay as they are, ``grads`` are
        overwritten, and the first layer computes its input gradient even if built not to. With
        ``set_feedback("random")`` it returns the signal that rule sends back instead of ∂L/∂X.

        Notes: saliency maps and the fast gradient sign method (x + ε·sign ∂L/∂x) are built on this.
        """
        from .layers.dropout import Dropout  # local: keeps this method self-contained

        loss = loss or self.loss or "cross_entropy"
        X, y = np.asarray(X, dtype=self.dtype), np.asarray(y)
        if loss == "cross_entropy":
            y = y.astype(np.intp)
        first = self.layers[0]
        saved = getattr(first, "input_grad", None)    # a first Conv2D may be built to skip dx
        if saved is not None:
            first.input_grad = True
        try:
            h = X
            for layer in self.layers:
                # training=True keeps the caches backward needs; only Dropout changes its output with it
                h = layer.forward(h, training=not isinstance(layer, Dropout))
            _, dout = get_loss(loss)(h, y)
            return self.backward(dout, need_input_grad=True)
        finally:
            if saved is not None:
                first.input_grad = saved

    def set_feedback(self, mode):
        """Set every Dense layer's backward signal: ``"backprop"`` (W) or ``"random"`` (a fixed
        random B: feedback alignment, Lillicrap et al. 2016). Other layers always backpropagate."""
        for layer in self.layers:
            if isinstance(layer, Dense):
                layer.feedback = mode
        return self

    def param_pairs(self):
        """[(param, grad), ...] in a fixed order (layer by layer, key by key)."""
        return [(layer.params[k], layer.grads[k]) for layer in self.layers for k in layer.params]

    @property
    def n_params(self) -> int:
        return sum(layer.n_params for layer in self.layers)

    # -- prediction ---------------------------------------------------------
    def _predict_raw(self, X, batch_size=4096):
        X = np.asarray(X, dtype=self.dtype)
        outs = [self.forward(X[i:i + batch_size], training=False) for i in range(0, len(X), batch_size)]
        return np.concatenate(outs) if outs else np.empty((0,), dtype=self.dtype)

    def predict_proba(self, X):
        """Class probabilities (N, C). Softmax of the logits for ``cross_entropy``;
        for a single sigmoid output, columns [1 − p, p]."""
        out = self._predict_raw(X)
        if self.loss == "cross_entropy" or (self.loss is None and out.ndim == 2 and out.shape[1] > 1):
            return softmax(out)
        p = out.reshape(len(out), -1)[:, :1]
        return np.hstack([1 - p, p])

    def predict(self, X):
        """Class labels for classification losses; raw outputs for ``mse``."""
        if self.loss == "mse":
            return self._predict_raw(X)
        return self.predict_proba(X).argmax(axis=1)

    # -- training -----------------------------------------------------------
    def fit(self, X, y, loss="cross_entropy", optimizer=None, epochs=10, batch_size=32,
            random_state=None, callbacks=(), validation_data=None, shuffle=True,
            l1=0.0, l2=0.0):
        """Train with mini-batches; return a :class:`History`.

        Raises ``ValueError`` before any training for NaN/inf in X or y and for
        shapes that do not fit the layers.  A loss that becomes NaN/inf stops
        training (``history.status == "diverged"``) with the last good weights.
        """
        trainer = Trainer(self, X, y, loss=loss, optimizer=optimizer, batch_size=batch_size,
                          random_state=random_state, validation_data=validation_data,
                          shuffle=shuffle, l1=l1, l2=l2, callbacks=callbacks)
        trainer.run(epochs=epochs)
        trainer.finish()
        return trainer.history

    # -- saving -------------------------------------------------------------
    def get_config(self):
        return {"layers": [{"class": type(l).__name__, "config": l.get_config()} for l in self.layers],
                "loss": self.loss}

    def save(self, path):
        """Write config (JSON text) and parameters to an ``.npz`` file; no pickle anywhere."""
        arrays = {f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.params.items()}
        arrays["__config__"] = np.array(json.dumps(self.get_config()))
        np.savez(path, **arrays)

    @classmethod
    def load(cls, path):
        """Rebuild a model saved with :meth:`save` (``allow_pickle=False``)."""
        with np.load(path, allow_pickle=False) as data:
            try:
                config = json.loads(str(data["__config__"]))
                layers = []
                for spec in config["layers"]:
                    layer_cls = LAYER_REGISTRY.get(spec["class"])
                    if layer_cls is None:
                        raise ValueError(f"unknown layer class {spec['class']!r}")
                    layers.append(layer_cls(**spec["config"]))
            except (KeyError, TypeError, json.JSONDecodeError) as exc:
                raise ValueError(f"not an nncore model file: {exc}") from None
            for i, layer in enumerate(layers):
                for k in layer.params:
                    saved = data[f"{i}.{k}"]
                    if saved.shape != layer.params[k].shape:
                        raise ValueError(f"layer {i} {k}: shape {saved.shape} in file, "
                                         f"{layer.params[k].shape} expected")
                    layer.params[k][...] = saved
        model = cls(layers)
        model.loss = config.get("loss")
        return model

    def __repr__(self):
        inner = ",\n  ".join(repr(l) for l in self.layers)
        return f"Sequential([\n  {inner}\n])"


@dataclass(frozen=True)
class TrainerSnapshot:
    """What a reader of a :class:`Trainer` sees at one moment: parameter copies, history copy, epoch."""

    params: tuple
    history: History
    epoch: int

    @property
    def nbytes(self) -> int:
        return sum(p.nbytes for p in self.params)


class Trainer:
    """Mini-batch training that can be advanced a batch, an epoch or a time slice at a time.

    Parameters
    ----------
    model : Sequential
        Trained in place; ``model.loss`` is set to the loss name and ``model.stop_training`` to False.
    X : array (N, ...)
        Training inputs, any shape the first layer takes (N, D), (N, C, H, W) or (N, T, D); cast to the
        model's dtype. Checked at once: numeric, finite, non-empty, and one dry forward pass of one sample
        so a shape mismatch names the layer.
    y : array (N,) or (N, T) of integer labels for ``"cross_entropy"`` (each in [0, C)); for ``"mse"`` and
        ``"binary_cross_entropy"`` the model's output shape per sample.
    loss : str or callable
        ``"cross_entropy"`` (softmax on logits), ``"binary_cross_entropy"`` (probabilities) or ``"mse"``; a
        callable ``loss(out, y) -> (value, d value / d out)``.
    optimizer : Optimizer, name or None
        See :func:`nncore.optim.get_optimizer` (None: Adam). It owns its state across batches.
    batch_size : int
        Clipped to [1, N]; the last batch of an epoch may be smaller.
    random_state : int, Generator or None
        Seeds the batch order (a fresh permutation each epoch when ``shuffle``).
    validation_data : (X_val, y_val) or None
        Scored after every epoch in inference mode (``val_loss``, ``val_accuracy``).
    l1, l2 : float
        Penalty rates on every parameter not named ``bias*`` (weights, not biases), scaled by the
        training-set size n = N: each batch adds ½·l2·Σw²/n + l1·Σ|w|/n to its (mean) loss and
        (l2/n)·w + (l1/n)·sign(w) to the gradients, so every batch estimates one objective,
        J(w) = mean loss over the training set + ½·l2·‖w‖²/n + l1·‖w‖₁/n, whatever the batch size.
    callbacks : sequence of Callback
        Each gets ``.model``, then ``on_train_begin`` here, ``on_batch_end`` after every batch,
        ``on_epoch_end(epoch, logs)`` after every epoch and ``on_train_end`` in :meth:`finish`.
    penalty : callable or list of callables, optional
        For learning one task after another: ``penalty(pairs) -> float`` adds its gradient to the grads in
        place and returns its value, called after every backward pass; the value joins the loss.
        :class:`nncore.penalties.QuadraticPenalty` makes EWC and L2-to-old-weights.
    replay : nncore.replay.ReplayBuffer, optional
        ``replay_batch`` of its examples (default: ``batch_size``, or all it holds if fewer, so no stored
        example repeats within a batch) are appended to every mini-batch, drawn afresh each time; the loss is
        the mean over new and replayed examples alike. ``accuracy`` counts the new examples only; an empty
        buffer changes nothing.

    State
    -----
    ``epoch`` counts finished epochs. ``history`` (a :class:`History`) holds per-epoch ``loss`` (mean
    training loss over the epoch's batches, penalty included), ``accuracy`` for classification losses and
    ``val_loss``/``val_accuracy``; ``history.status`` is "running", then "finished" (:meth:`finish`),
    "stopped" (a callback set ``model.stop_training``) or "diverged", with ``history.message``. Between
    calls the trainer keeps its place inside an epoch (the batch order and position, the batch losses so
    far) and a copy of the weights from the end of the last good epoch: a non-finite loss, weight or
    validation score restores that copy, resets the optimizer and ends training as "diverged".
    """

    GATHER_BYTES = 1 << 18    # rows gathered at once (several batches; a batch larger than this alone)

    def __init__(self, model, X, y, loss="cross_entropy", optimizer=None, batch_size=32,
                 random_state=None, validation_data=None, shuffle=True, l1=0.0, l2=0.0,
                 callbacks=(), penalty=None, replay=None, replay_batch=None):
        self.model = model
        self.loss_name = loss if isinstance(loss, str) else getattr(loss, "__name__", "custom")
        self.loss_fn = get_loss(loss)
        model.loss = self.loss_name
        self.X, self.y = self._validate(X, y, "X", "y")
        self.val = None
        if validation_data is not None:
            self.val = self._validate(*validation_data, "validation X", "validation y")
        self.optimizer = get_optimizer(optimizer)
        self.batch_size = max(1, min(int(batch_size), len(self.X)))
        self.rng = np.random.default_rng(random_state)
        self.shuffle = shuffle
        self.l1, self.l2 = float(l1), float(l2)
        self.penalties = [] if penalty is None else list(penalty) if isinstance(penalty, (list, tuple)) \
            else [penalty]
        self.replay = replay if replay is not None and len(replay) else None
        self.replay_batch = (min(self.batch_size, len(replay)) if self.replay is not None else 0) \
            if replay_batch is None else max(0, int(replay_batch))
        if self.replay is not None:
            self._validate(*replay.contents(), "replay X", "replay y")
        self.callbacks = list(callbacks)
        self.history = History()
        self.epoch = 0
        self._order = None
        self._pos = 0
        self._block = None        # (position, rows, labels): the batches gathered together, see _next_batch
        self._batch_losses: list[float] = []
        self._batch_correct = 0
        self._snapshot = self._snapshot_params()
        model.stop_training = False
        for cb in self.callbacks:
            cb.model = model
            cb.on_train_begin({})

    # -- checks ---------------------------------------------------------------
    def _validate(self, X, y, xname, yname):
        X = np.asarray(X)
        y = np.asarray(y)
        if X.dtype.kind not in "biuf" or y.dtype.kind not in "biuf":
            raise InputError("not_numeric", "{x} and {y} must be numeric, got dtypes {xd} and {yd}", x=xname, y=yname,
                             xd=str(X.dtype), yd=str(y.dtype))
        if len(X) == 0:
            raise InputError("no_rows", "{x} has no rows", x=xname)
        if len(X) != len(y):
            raise InputError("rows_mismatch", "{x} has {n} rows but {y} has {m}", x=xname, n=len(X), y=yname, m=len(y))
        _check_finite(xname, X)
        _check_finite(yname, y)
        X = X.astype(self.model.dtype, copy=False)
        # Dry run on one sample, layer by layer, so a mismatch names the layer.
        h = X[:1]
        for i, layer in enumerate(self.model.layers):
            try:
                h = layer.forward(h, training=False)
            except ValueError as exc:
                raise InputError("layer_input", "layer {i} ({layer}): {msg}", i=i, layer=type(layer).__name__,
                                 msg=str(exc)) from None
        if self.loss_name == "cross_entropy":
            if h.ndim not in (2, 3) or y.ndim != h.ndim - 1 or y.shape[1:] != h.shape[1:-1]:
                raise ValueError(f"cross_entropy needs logits (N, C) with labels (N,) or (N, T, C) with "
                                 f"(N, T); the model outputs {h.shape[1:]} per sample, {yname} is {y.shape}")
            if y.dtype.kind == "f" and not np.all(y == np.round(y)):
                raise InputError("labels_not_integer", "{y} must hold integer class labels for cross_entropy", y=yname)
            y = y.astype(np.intp)
            n_classes = h.shape[-1]
            if y.min() < 0 or y.max() >= n_classes:
                raise InputError("labels_range", "{y} labels must be integers in [0, {k}) for a model with {k} "
                                 "outputs; got range [{lo}, {hi}]", y=yname, k=n_classes, lo=int(y.min()),
                                 hi=int(y.max()))
        else:
            y = y.astype(self.model.dtype, copy=False)
            if y.size != len(y) * int(np.prod(h.shape[1:])):
                raise ValueError(f"{yname} has shape {y.shape} but the model outputs {h.shape[1:]} per sample")
        return X, y

    # -- state ----------------------------------------------------------------
    def _snapshot_params(self):
        return [p.copy() for p, _ in self.model.param_pairs()]

    def _restore(self, snap):
        for (p, _), s in zip(self.model.param_pairs(), snap):
            p[...] = s

    @property
    def done(self):
        return self.history.status in ("finished", "stopped", "diverged")

    # -- snapshots: what a live page shows, recorded once and replayed ----------------------------
    def snapshot(self) -> TrainerSnapshot:
        """Copies of what a reader sees now: the parameters, the history (with status), the epoch.

        Not what training needs next (optimizer state, random generator, the batch order, the position
        in the epoch): a snapshot is for showing a moment of a run again, cheaply (a few parameter
        copies), e.g. by ``ui.live``'s replay cache.
        """
        return TrainerSnapshot(tuple(self._snapshot_params()), self.history.copy(), self.epoch)

    def restore(self, snap: TrainerSnapshot):
        """Make parameters, history and epoch read as in ``snap`` (copied in place; ``snap`` stays unshared).

        The trainer then shows that moment but is not ready to train on from it: its optimizer state,
        generator and batch position are untouched. Train only a trainer never restored, or a copy of
        one that really trained (``copy.deepcopy``).
        """
        pairs = self.model.param_pairs()
        if len(pairs) != len(snap.params):
            raise ValueError(f"snapshot holds {len(snap.params)} parameter arrays, the model {len(pairs)}")
        for (p, _), s in zip(pairs, snap.params):
            p[...] = s
        self.history.load(snap.history)
        self.epoch = snap.epoch

    # -- one batch -------------------------------------------------------------
    def _regularise(self):
        """Add the L1/L2 penalty on weights (not biases) to loss and grads."""
        extra = 0.0
        if not (self.l1 or self.l2):
            return extra
        n = len(self.X)
        for layer in self.model.layers:
            for k, w in layer.params.items():
                if k == "bias" or k.startswith("bias"):
                    continue
                g = layer.grads[k]
                if self.l2:
                    extra += 0.5 * self.l2 * float(np.vdot(w, w)) / n
                    g += (self.l2 / n) * w
                if self.l1:
                    extra += self.l1 * float(np.abs(w).sum()) / n
                    g += (self.l1 / n) * np.sign(w)
        return extra

    def _next_batch(self):
        """The next mini-batch (xb, yb) of the epoch's order, and the position after it.

        Rows are gathered a block of several batches at a time (``GATHER_BYTES``): one fancy-index
        call per block instead of two per batch, the same rows in the same order (batches are views
        of the block). So ``X`` and ``y`` are read up to a block ahead: a change to them between steps
        shows from the next block (at the latest the next epoch) on."""
        if self._order is None:
            n = len(self.X)
            self._order = self.rng.permutation(n) if self.shuffle else np.arange(n)
            self._pos = 0
            self._block = None
        pos, bs = self._pos, self.batch_size
        block = self._block
        if block is None or pos >= block[0] + len(block[1]):
            X, y = self.X, self.y
            row_bytes = X.itemsize * (X.size // len(X)) + y.itemsize * (y.size // len(y))
            rows = self._order[pos:pos + bs * max(1, self.GATHER_BYTES // (bs * row_bytes))]
            block = self._block = (pos, X.take(rows, axis=0), y.take(rows, axis=0))
        start, xs, ys = block
        i = pos - start
        return xs[i:i + bs], ys[i:i + bs]

    def step(self):
        """Train on one mini-batch. Returns the batch loss, or None if training has ended."""
        if self.done:
            return None
        xb, yb = self._next_batch()
        m = len(xb)
        if self.replay is not None and self.replay_batch:
            xr, yr = self.replay.sample(self.replay_batch)
            xb = np.concatenate([xb, xr.astype(xb.dtype, copy=False)])
            yb = np.concatenate([yb, yr.astype(yb.dtype, copy=False)])
        model = self.model
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is detected below, not warned
            out = model.forward(xb, training=True)
            loss, dout = self.loss_fn(out, yb)
            model.backward(dout, need_input_grad=False)
            loss += self._regularise()
            if self.penalties:
                loss += apply_penalties(self.penalties, model.param_pairs())
        if not math.isfinite(loss):
            self._diverge(f"loss is {loss}")
            return None
        self._batch_correct += self._n_correct(out, yb) if len(out) == m else self._n_correct(out[:m], yb[:m])
        self.optimizer.step(model.param_pairs())
        self._batch_losses.append(loss * m)
        self._pos += m
        for cb in self.callbacks:
            cb.on_batch_end(len(self._batch_losses) - 1, {"loss": loss})
        if self._pos >= len(self.X):
            self._end_epoch()
        if model.stop_training and not self.done:
            self.history.status = "stopped"
            self.history.message = f"stopped at epoch {self.epoch}"
        return loss

    def _n_correct(self, out, y):
        """How many predictions in the batch match the labels (0 for regression)."""
        if self.loss_name == "cross_entropy":  # per-sample accuracy, averaged over steps for sequences
            hit = out.argmax(-1) == y
            if hit.ndim == 1:
                return float(np.count_nonzero(hit))
            return float(hit.reshape(len(hit), -1).mean(axis=1).sum())
        if self.loss_name == "binary_cross_entropy":
            return int(((out.reshape(len(out), -1)[:, 0] > 0.5) == (y.reshape(len(y), -1)[:, 0] > 0.5)).sum())
        return 0

    def _diverge(self, why):
        self._restore(self._snapshot)
        self.optimizer.reset()
        self.history.status = "diverged"
        self.history.message = (f"diverged at epoch {self.epoch + 1}: {why}; "
                                f"kept the weights from the end of epoch {self.epoch}")

    def _end_epoch(self):
        n = len(self.X)
        logs = {"loss": float(sum(self._batch_losses) / n)}
        if self.loss_name != "mse":
            logs["accuracy"] = self._batch_correct / n
        if self.val is not None:
            logs.update(self.evaluate(*self.val, prefix="val_"))
        self._batch_losses, self._batch_correct = [], 0
        self._order = None
        if not all(np.isfinite(v) for v in logs.values()) or not all(
                np.isfinite(p).all() for p, _ in self.model.param_pairs()):
            self._diverge("weights or validation loss became non-finite")
            return
        self.epoch += 1
        self.history.append(logs)
        self._snapshot = self._snapshot_params()
        for cb in self.callbacks:
            cb.on_epoch_end(self.epoch - 1, logs)

    def evaluate(self, X, y, prefix=""):
        """Loss (and accuracy for classification) on (X, y) without training."""
        out = self.model._predict_raw(X)
        loss, _ = self.loss_fn(out, y)
        logs = {prefix + "loss": loss}
        if self.loss_name != "mse":
            logs[prefix + "accuracy"] = self._n_correct(out, y) / len(y)
        return logs

    # -- loops ----------------------------------------------------------------
    def run(self, epochs=None, seconds=None, max_epochs=None):
        """Train for ``epochs`` more epochs, or for about ``seconds`` of wall time,
        stopping at ``max_epochs`` finished epochs in total. Returns the number of batches run."""
        target = self.epoch + epochs if epochs is not None else max_epochs
        if max_epochs is not None and target is not None:
            target = min(target, max_epochs)
        t_end = time.perf_counter() + seconds if seconds is not None else None
        batches = 0
        while not self.done:
            if target is not None and self.epoch >= target:
                break
            self.step()
            batches += 1
            if t_end is not None and time.perf_counter() >= t_end:
                break
        return batches

    def finish(self):
        """Mark training as over (if it did not end otherwise) and call ``on_train_end``."""
        if self.history.status == "running":
            self.history.status = "finished"
            self.history.message = f"finished {self.epoch} epochs"
        for cb in self.callbacks:
            cb.on_train_end(dict(status=self.history.status))
