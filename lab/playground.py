"""The MLP playground's input side: scaling, the feature map, the network on top, and its scores.

NumPy + nncore.  The pipeline is ``X (N, 2) → Scaler.min_max → feature_map → MLP``:

- :meth:`nncore.preprocessing.Scaler.min_max` maps each raw column to [-1, 1] with the training data's
  min and max, so built-in sets (already in about [-1, 1]) are nearly unchanged and an uploaded CSV in
  any unit lands on the same scale.
- :func:`feature_map` turns the two scaled inputs into the chosen features
  x₁, x₂, x₁², x₂², x₁x₂, sin(πx₁), sin(πx₂).  The sine uses πx so that one full period
  spans the [-1, 1] square (TensorFlow Playground's sin x on its [-6, 6] square plays the same role).
- :func:`nncore.builders.build_mlp` stacks ``Dense → activation (→ Dropout)`` per hidden layer and a final
  ``Dense``.
- :class:`EpochScores` records accuracy (or R²) on the train and test sets after every epoch.

A page run is :class:`PlaygroundConfig` (every setting) + :class:`PlaygroundData` (the split data) →
:class:`Playground`, the object the live-training helper drives: it owns the model and its trainer.

:data:`SCENES` are the page's named starting points (the Home scenes among them); :data:`SCENE_CLAIMS` and
:data:`TEXT_CLAIMS` check that what their stories say happens at those settings (see :mod:`lab.claims`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from nncore.builders import build_mlp
from nncore.callbacks import Callback
from nncore.datasets import REGRESSION, make_2d, train_test_split
from nncore.layers import Dense
from nncore.losses import softmax
from nncore.metrics import accuracy, r2_score
from nncore.model import Sequential, Trainer
from nncore.optim import get_optimizer
from nncore.preprocessing import Scaler

FEATURES = ("x1", "x2", "x1sq", "x2sq", "x1x2", "sin_x1", "sin_x2")
OMEGA = np.pi  # angular frequency of the sine features on the scaled [-1, 1] inputs


def feature_map(X, names=("x1", "x2"), omega=OMEGA):
    """The chosen features of two inputs.

    Parameters
    ----------
    X : array (N, 2)
        Scaled inputs (x₁, x₂).
    names : sequence of str
        Any of :data:`FEATURES`, in the order the columns should appear.

    Returns
    -------
    F : array (N, len(names)), X's float dtype (float64 for integer input).

    Notes
    -----
    x1sq = x₁², x1x2 = x₁·x₂, sin_x1 = sin(ω x₁) with ω = π by default.
    """
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"the feature map needs two input columns (N, 2), got shape {X.shape}")
    names = list(names)
    if not names:
        raise ValueError("choose at least one input feature")
    unknown = [n for n in names if n not in FEATURES]
    if unknown:
        raise ValueError(f"unknown feature(s) {unknown}; choose from {list(FEATURES)}")
    dtype = X.dtype if X.dtype.kind == "f" else np.float64
    x1, x2 = X[:, 0].astype(dtype, copy=False), X[:, 1].astype(dtype, copy=False)
    F = np.empty((len(X), len(names)), dtype=dtype)
    for j, name in enumerate(names):
        col = F[:, j]
        if name == "x1":
            col[...] = x1
        elif name == "x2":
            col[...] = x2
        elif name == "x1sq":
            np.multiply(x1, x1, out=col)
        elif name == "x2sq":
            np.multiply(x2, x2, out=col)
        elif name == "x1x2":
            np.multiply(x1, x2, out=col)
        elif name == "sin_x1":
            np.sin(x1 * dtype.type(omega), out=col)
        else:  # sin_x2
            np.sin(x2 * dtype.type(omega), out=col)
    return F


def hidden_outputs(model, X):
    """Forward ``X`` in inference mode; return ``(output, [h₁, h₂, ...])``.

    ``hᵢ`` (N, unitsᵢ) is what hidden layer i passes on: the input of every Dense layer after the first.
    """
    h, hidden = X, []
    for i, layer in enumerate(model.layers):
        if i and isinstance(layer, Dense):
            hidden.append(h)
        h = layer.forward(h, training=False)
    return h, hidden


def one_hot(y, n_classes, dtype=np.float32):
    """Integer labels (N,) → (N, C) targets for MSE on a classification task."""
    out = np.zeros((len(y), n_classes), dtype=dtype)
    out[np.arange(len(y)), np.asarray(y, dtype=np.intp)] = 1
    return out


def score(model, X, y, task):
    """Accuracy of argmax(output) for ``task == "classification"``, else R² of the single output."""
    out = model._predict_raw(X)
    if task == "classification":
        return accuracy(y, out.argmax(axis=1))
    return r2_score(y, out)


class EpochScores(Callback):
    """After each epoch, append ``score`` (train) and ``val_score`` (test) to ``history``.

    Scores are measured in inference mode (no dropout) — accuracy for classification, R² for
    regression. Attach ``history`` (the trainer's) after building the trainer.
    """

    def __init__(self, train, test, task, reuse_val_accuracy=False):
        self.train, self.test, self.task = train, test, task
        self.reuse_val_accuracy = reuse_val_accuracy    # True when the trainer validates on ``test`` itself
        self.history = None

    def on_epoch_end(self, epoch, logs=None):
        if self.history is None:
            return
        self.history.setdefault("score", []).append(score(self.model, *self.train, self.task))
        if self.test is not None and len(self.test[0]):
            known = (logs or {}).get("val_accuracy") if self.reuse_val_accuracy else None
            # the trainer's val_accuracy is this very number (argmax of the same forward pass over the same
            # test set, hits / N): reused, it saves one forward pass per epoch
            self.history.setdefault("val_score", []).append(
                float(known) if known is not None else score(self.model, *self.test, self.task))


def grid(x_range, y_range, n=100):
    """An n × n grid over the box: returns ``(xs (n,), ys (n,), points (n·n, 2))``, rows by y."""
    xs = np.linspace(*x_range, n)
    ys = np.linspace(*y_range, n)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.c_[gx.ravel(), gy.ravel()]


# -- the playground pipeline ---------------------------------------------------------------

class PlaygroundModel:
    """Raw 2-D points in, predictions out: scaler → feature map → MLP (→ un-scaled target).

    Classification with ``loss="cross_entropy"`` trains on integer labels (softmax of C logits);
    with ``loss="mse"`` on one-hot targets (C linear outputs). Regression trains a single linear
    output on the standardised target (ȳ = 0, σ = 1) and reports it back in the data's units.
    """

    def __init__(self, X_train, y_train, *, features=("x1", "x2"), hidden=(4, 2), activations="tanh",
                 task="classification", n_classes=2, loss="cross_entropy", dropout=0.0, seed=0,
                 dtype=np.float32):
        if task not in ("classification", "regression"):
            raise ValueError(f"task must be classification or regression, got {task!r}")
        if task == "regression":
            loss = "mse"
        if loss not in ("cross_entropy", "mse"):
            raise ValueError(f"loss must be cross_entropy or mse, got {loss!r}")
        self.task, self.loss, self.features = task, loss, list(features)
        self.n_classes = int(n_classes) if task == "classification" else 1
        if task == "classification" and self.n_classes < 2:
            raise ValueError("classification needs at least two classes")
        self.scaler = Scaler.min_max(X_train)
        y = np.asarray(y_train, dtype=np.float64)
        self.y_mean, self.y_std = (float(y.mean()), float(y.std()) or 1.0) if task == "regression" else (0.0, 1.0)
        self.dtype = np.dtype(dtype)
        self.net = build_mlp(len(self.features), hidden, activations, self.n_classes, dropout=dropout, rng=seed,
                             dtype=dtype)

    def inputs(self, X):
        """Raw points (N, 2) → network inputs (N, n_features)."""
        return feature_map(self.scaler.transform(X, self.dtype), self.features)

    def targets(self, y):
        """Labels or values → what the loss compares the output with."""
        if self.task == "regression":
            return ((np.asarray(y, dtype=np.float64) - self.y_mean) / self.y_std).astype(self.dtype)
        y = np.asarray(y, dtype=np.intp)
        return one_hot(y, self.n_classes, self.dtype) if self.loss == "mse" else y

    def output(self, X, hidden=False):
        """Network outputs for raw points: class probabilities (N, C) or values (N,) in data units.

        With ``hidden=True`` also the list of hidden-layer activations ``[(N, units), ...]``.
        Probabilities for an MSE-trained classifier are its outputs clipped to [0, 1] and normalised.
        """
        out, hs = hidden_outputs(self.net, self.inputs(X))
        if self.task == "regression":
            out = out[:, 0].astype(np.float64) * self.y_std + self.y_mean
        elif self.loss == "cross_entropy":
            out = softmax(out)
        else:
            out = np.clip(out, 0, 1)
            s = out.sum(axis=1, keepdims=True)
            out = np.divide(out, s, out=np.full_like(out, 1.0 / out.shape[1]), where=s > 0)
        return (out, hs) if hidden else out

    def predict(self, X):
        out = self.output(X)
        return out.argmax(axis=1) if self.task == "classification" else out

    def trainer(self, X_train, y_train, X_test=None, y_test=None, *, optimizer="adam", lr=0.03, l1=0.0, l2=0.0,
                batch_size=10, clip_norm=None, seed=0):
        """A stepwise :class:`nncore.Trainer` with test loss and per-epoch train/test scores."""
        Ftr, ytr = self.inputs(X_train), np.asarray(y_train)
        val, test = None, None
        if X_test is not None and len(X_test):
            Fte, yte = self.inputs(X_test), np.asarray(y_test)
            val = (Fte, self.targets(yte))
            test = (Fte, self.targets(yte) if self.task == "regression" else yte)
        scores = EpochScores((Ftr, self.targets(ytr) if self.task == "regression" else ytr), test, self.task,
                             reuse_val_accuracy=self.task == "classification" and self.loss == "cross_entropy")
        tr = Trainer(self.net, Ftr, self.targets(ytr), loss=self.loss,
                     optimizer=get_optimizer(optimizer, lr, clip_norm), batch_size=batch_size,
                     random_state=seed, validation_data=val, l1=l1, l2=l2, callbacks=[scores])
        scores.history = tr.history
        return tr


# -- one page run: settings, data, the live object ------------------------------------------

@dataclass(frozen=True)
class PlaygroundConfig:
    """Every setting of one Playground run. Hashable: with the data's signature it names the live run.

    ``epochs`` is the training budget, not part of a run's identity (changing it keeps the trained model).
    """

    data: str = "circles"                    # a built-in set (nncore.datasets.make_2d) or "csv"
    n: int = 200                             # points generated (built-in sets)
    noise: float = 0.05
    test_fraction: float = 0.5
    seed: int = 0                            # data, split, initial weights and batch order
    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (4, 2)
    activations: tuple[str, ...] = ("tanh", "tanh")
    loss: str = "cross_entropy"
    optimizer: str = "adam"                  # "sgd", "momentum" or "adam"
    lr: float = 0.03
    l1: float = 0.0                          # L1 and L2 penalty rates (see nncore.Trainer)
    l2: float = 0.0
    dropout: float = 0.0
    batch_size: int = 10
    clip_norm: float | None = None
    epochs: int = field(default=100, compare=False)

    def grid_size(self) -> int:
        """Decision-grid resolution: 100 × 100, coarser for big networks so a live refresh stays light.

        n = √(2.5·10⁷ / multiply-adds per point), clipped to [50, 100].
        """
        widths = [len(self.features), *self.hidden, 2]
        macs = sum(a * b for a, b in zip(widths[:-1], widths[1:]))
        return int(np.clip(np.sqrt(2.5e7 / max(macs, 1)), 50, 100))


@dataclass(frozen=True, eq=False)
class PlaygroundData:
    """A train/test split of 2-D points for the Playground.

    ``task`` is "classification" (integer labels 0..C−1 named by ``classes``) or "regression" (values);
    ``signature`` identifies the data (part of the live run's name); ``axis_titles`` name the two inputs;
    ``source`` and ``target`` name an uploaded CSV file and its label column (None for built-in sets).
    """

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    task: str
    classes: tuple[str, ...]
    signature: tuple
    axis_titles: tuple[str, str] = ("x₁", "x₂")
    source: str | None = None
    target: str | None = None

    @classmethod
    def split(cls, X, y, *, task, classes, test_fraction, seed, **info) -> PlaygroundData:
        """Shuffle with ``seed`` and hold out ``test_fraction`` (stratified by class for classification)."""
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_fraction, seed=seed, stratify=task == "classification")
        return cls(Xtr, Xte, ytr, yte, task, tuple(classes), **info)

    @classmethod
    def builtin(cls, cfg: PlaygroundConfig, X=None, y=None) -> PlaygroundData:
        """The built-in set ``cfg.data`` (``X``, ``y`` if already generated with cfg's n, noise and seed)."""
        if X is None:
            X, y = make_2d(cfg.data, n_samples=cfg.n, noise=cfg.noise, seed=cfg.seed)
        task = "regression" if cfg.data in REGRESSION else "classification"
        classes = [str(c) for c in range(int(y.max()) + 1)] if task == "classification" else []
        return cls.split(X, y, task=task, classes=classes, test_fraction=cfg.test_fraction, seed=cfg.seed,
                         signature=(cfg.data, cfg.n, cfg.noise))

    @property
    def n_classes(self) -> int:
        """C for classification, 1 (one output) for regression."""
        return len(self.classes) if self.task == "classification" else 1

    def chance(self) -> float | None:
        """The test accuracy of always answering the commonest test class (None for regression)."""
        if self.task != "classification":
            return None
        return float(np.bincount(self.y_test).max() / len(self.y_test))

    def box(self, pad=0.1):
        """A square box around all the points (so the plane is not stretched), padded by ``pad`` of its side:
        ``((x_lo, x_hi), (y_lo, y_hi))``."""
        X = np.vstack([self.X_train, self.X_test])
        lo, hi = X.min(axis=0), X.max(axis=0)
        c, half = (lo + hi) / 2, max(float((hi - lo).max()) / 2, 1e-9) * (1 + pad)
        return (c[0] - half, c[0] + half), (c[1] - half, c[1] + half)


class Playground:
    """One live Playground run: the :class:`PlaygroundModel` and its :class:`nncore.Trainer` on one split.

    To ``ui.live`` it looks like a trainer (``run``, ``epoch``, ``history``, ``done``, ``finish``; ``model`` is
    the network); to the page it answers for raw points (``output``, ``predict``).
    """

    def __init__(self, cfg: PlaygroundConfig, data: PlaygroundData):
        self.config, self.data = cfg, data
        self.pipeline = PlaygroundModel(data.X_train, data.y_train, features=cfg.features, hidden=cfg.hidden,
                                        activations=list(cfg.activations), task=data.task,
                                        n_classes=data.n_classes, loss=cfg.loss, dropout=cfg.dropout, seed=cfg.seed)
        self.trainer = self.pipeline.trainer(data.X_train, data.y_train, data.X_test, data.y_test,
                                             optimizer=cfg.optimizer, lr=cfg.lr, l1=cfg.l1, l2=cfg.l2,
                                             batch_size=cfg.batch_size, clip_norm=cfg.clip_norm, seed=cfg.seed)

    @property
    def model(self) -> Sequential:
        return self.pipeline.net

    @property
    def epoch(self) -> int:
        return self.trainer.epoch

    @property
    def history(self):
        return self.trainer.history

    @property
    def done(self) -> bool:
        return self.trainer.done

    def run(self, epochs=None, seconds=None, max_epochs=None) -> int:
        return self.trainer.run(epochs=epochs, seconds=seconds, max_epochs=max_epochs)

    def finish(self):
        self.trainer.finish()

    def snapshot(self):
        """What the page shows of this run now (see :meth:`nncore.Trainer.snapshot`): the network is the trainer's."""
        return self.trainer.snapshot()

    def restore(self, snap):
        self.trainer.restore(snap)

    def output(self, X, hidden=False):
        return self.pipeline.output(X, hidden=hidden)

    def predict(self, X):
        return self.pipeline.predict(X)


def train(cfg: PlaygroundConfig) -> Playground:
    """Train ``cfg`` on its built-in data for ``cfg.epochs`` epochs, as one Start on the page does."""
    pg = Playground(cfg, PlaygroundData.builtin(cfg))
    pg.run(epochs=cfg.epochs)
    pg.finish()
    return pg


# -- the page's scenes, and what their stories claim ---------------------------------------------------

SCENES = {
    "playground": PlaygroundConfig(),
    "xor": PlaygroundConfig(data="xor", hidden=(), activations=()),
    # Adam at 0.01: at the page's default 0.03 three ReLU layers of 16 solved the spiral on only 3 of 6 seeds
    "spiral": PlaygroundConfig(data="spiral", n=400, noise=0.1, hidden=(8,), activations=("tanh",), lr=0.01,
                               epochs=200),
    # 80 points at noise 0.4: with 60 at 0.3 one seed in six split so cleanly that test loss never rose
    "overfit": PlaygroundConfig(data="moons", n=80, noise=0.4, hidden=(32, 32, 32), activations=("relu",) * 3,
                                lr=0.01, epochs=300),
    "keras": PlaygroundConfig(data="random_labels", n=1000, noise=0.0, hidden=(4,), activations=("relu",),
                              optimizer="sgd", lr=0.01, batch_size=10),
}
# what the stories ask the student to try next
XOR_HIDDEN = replace(SCENES["xor"], hidden=(4,), activations=("tanh",))      # "+" on hidden layers: 4 tanh units
XOR_PRODUCT = replace(SCENES["xor"], features=("x1", "x2", "x1x2"))
SPIRAL_DEEP = replace(SCENES["spiral"], hidden=(16, 16, 16), activations=("relu",) * 3)
SPIRAL_FEATURES = replace(SCENES["spiral"], features=FEATURES)
SPIRAL_WIDE = replace(SCENES["spiral"], hidden=(64,))


def _scores(pg: Playground) -> tuple[float, float]:
    return float(pg.history["score"][-1]), float(pg.history["val_score"][-1])


def xor_claim(seed: int):
    """No hidden layer: a straight boundary, about 75 % at best (≤ 80 % on the test half). One hidden layer of
    4 units solves it (≥ 85 % test), and so does the single input x₁x₂ with no hidden layer (≥ 95 %)."""
    _, flat = _scores(train(replace(SCENES["xor"], seed=seed)))
    _, hidden = _scores(train(replace(XOR_HIDDEN, seed=seed)))
    _, product = _scores(train(replace(XOR_PRODUCT, seed=seed)))
    return (flat <= 0.80 and hidden >= 0.85 and product >= 0.95,
            {"no hidden layer": flat, "4 hidden units": hidden, "x1x2, no hidden layer": product})


def spiral_claim(seed: int):
    """One hidden layer of 8 units gets stuck near 60 % (50–70 % test); three ReLU layers of 16, or the extra
    features with the small network, reach ≥ 90 %."""
    _, small = _scores(train(replace(SCENES["spiral"], seed=seed)))
    _, deep = _scores(train(replace(SPIRAL_DEEP, seed=seed)))
    _, feats = _scores(train(replace(SPIRAL_FEATURES, seed=seed)))
    return (0.5 <= small <= 0.7 and deep >= 0.9 and feats >= 0.9,
            {"8 units": small, "3 x 16 ReLU": deep, "8 units + features": feats})


def spiral_wide_claim(seed: int):
    """The universal approximation theorem promises weights, not training: 64 tanh units in one layer, trained
    as the scene trains, still stay below 70 % on the test half."""
    _, wide = _scores(train(replace(SPIRAL_WIDE, seed=seed)))
    return wide < 0.7, {"64 units": wide}


def overfit_claim(seed: int):
    """Training loss falls towards zero (< 0.05) while test loss turns up: its minimum comes in the first half
    of training and it ends at least twice as high."""
    h = train(replace(SCENES["overfit"], seed=seed)).history
    val, loss = np.asarray(h["val_loss"]), np.asarray(h["loss"])
    best = int(val.argmin())
    return (loss[-1] < 0.05 and best < len(val) // 2 and val[-1] >= 2 * val[best],
            {"final train loss": float(loss[-1]), "best test loss": float(val[best]), "at epoch": best + 1,
             "final test loss": float(val[-1])})


def keras_claim(seed: int):
    """Random labels: test accuracy stays at chance (within 7 points of always answering the commonest test
    class) and the 2-4-1 network cannot memorise its training labels either (≤ 60 %)."""
    cfg = replace(SCENES["keras"], seed=seed)
    pg = train(cfg)
    train_acc, test_acc = _scores(pg)
    chance = pg.data.chance()
    return (abs(test_acc - chance) <= 0.07 and train_acc <= 0.6,
            {"train accuracy": train_acc, "test accuracy": test_acc, "chance": chance})


def circles_claim(seed: int):
    """Free play: the 2-4-2 network separates the circles (≥ 90 % on the test half) within its 100 epochs."""
    _, test = _scores(train(replace(SCENES["playground"], seed=seed)))
    return test >= 0.9, {"test accuracy": test}


SCENE_CLAIMS = {"xor_hidden": xor_claim, "spiral_depth": spiral_claim, "overfit": overfit_claim,
                "article_keras": keras_claim}
TEXT_CLAIMS = {"mlp.explain_scene.spiral:wide": spiral_wide_claim, "mlp.story.playground": circles_claim}
