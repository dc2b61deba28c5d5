"""The CNN page's experiment: a small CNN and its MLP twin on 8×8 digits, and the convolution explorer.

- :class:`CnnConfig` (frozen: it is the live run's signature), :func:`build_cnn`, :func:`build_twin_mlp`
  (an MLP with about as many parameters, no weight sharing) and :class:`TwinTrainer`, which trains the two
  in lockstep for the live helper;
- :func:`feature_maps`: what each stage of the CNN makes of one image, as plain arrays;
- :data:`PRESETS` and :func:`explain_pixel`: one output pixel of a convolution, spelled out;
- :func:`edge_score`: how much a learned kernel looks like an oriented edge detector, and the Home scene
  :data:`CNN_EDGES` with its claim (see :mod:`lab.claims`).

NumPy + nncore only; labels and figures live in ``ui.fig_cnn``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from nncore import Sequential, Trainer
from nncore.builders import build_mlp
from nncore.callbacks import Callback
from nncore.datasets import digits_split
from nncore.layers import AvgPool2D, Conv2D, Dense, Flatten, Layer, MaxPool2D, ReLU
from nncore.layers.conv import conv2d_forward
from nncore.optim import Adam

TEST_FRACTION = 0.3     # the page holds out 30 % of the 1,797 digits, stratified by class

# -- models --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CnnConfig:
    """Everything that defines a CNN run (hashable: it is the live run's signature)."""

    blocks: int = 2
    channels: int = 8
    kernel: int = 3
    pool: str = "max"
    epochs: int = 10
    lr: float = 0.01
    seed: int = 0
    batch_size: int = 64


def build_cnn(cfg: CnnConfig) -> Sequential:
    """``blocks`` × [conv k×k ('same' padding) → ReLU → 2×2 pool], channels doubling per block,
    then Flatten → Dense(…, 10). The first conv skips its input gradient (nothing needs it)."""
    pool = MaxPool2D if cfg.pool == "max" else AvgPool2D
    layers, c_in, size = [], 1, 8
    for b in range(cfg.blocks):
        c_out = cfg.channels * 2 ** b
        layers += [Conv2D(c_in, c_out, cfg.kernel, padding=cfg.kernel // 2, rng=cfg.seed * 100 + b,
                          input_grad=b > 0), ReLU(), pool(2)]
        c_in, size = c_out, size // 2
    layers += [Flatten(), Dense(c_in * size * size, 10, rng=cfg.seed * 100 + 50)]
    return Sequential(layers)


def mlp_hidden_for(n_params: int, n_in: int = 64, n_out: int = 10) -> int:
    """Hidden units h so that an n_in→h→n_out MLP has about ``n_params`` parameters:
    (n_in + 1)·h + (h + 1)·n_out = n_params."""
    return max(1, round((n_params - n_out) / (n_in + 1 + n_out)))


def build_twin_mlp(n_params: int, seed: int = 0) -> Sequential:
    """A 64→h→10 ReLU MLP with about ``n_params`` parameters (the CNN's twin without weight sharing)."""
    return build_mlp(64, [mlp_hidden_for(n_params)], "relu", 10, rng=(seed * 100 + 60, seed * 100 + 61))


class _StepAlong(Callback):
    """After each batch of the trainer it is attached to, one batch of ``follower`` (until that one is done)."""

    def __init__(self, follower: Trainer):
        self.follower = follower

    def on_batch_end(self, batch, logs=None):
        if not self.follower.done:
            self.follower.step()


class TwinTrainer:
    """Trains a CNN and an MLP on the same split and batch order, one batch of each in turn.

    The CNN's :class:`nncore.Trainer` sets the pace (``run``, ``epoch``, ``history``, ``done``: what
    ``ui.live`` drives); after each of its batches a callback runs one batch of the MLP's trainer.
    """

    def __init__(self, cfg: CnnConfig, data):
        Xtr, Xte, ytr, yte = data
        self.cnn = build_cnn(cfg)
        self.mlp = build_twin_mlp(self.cnn.n_params, cfg.seed)
        common = dict(batch_size=cfg.batch_size, random_state=cfg.seed)
        flat = (Xtr.reshape(len(Xtr), -1), Xte.reshape(len(Xte), -1))
        self.mlp_trainer = Trainer(self.mlp, flat[0], ytr, optimizer=Adam(cfg.lr),
                                   validation_data=(flat[1], yte), **common)
        self.cnn_trainer = Trainer(self.cnn, Xtr, ytr, optimizer=Adam(cfg.lr), validation_data=(Xte, yte),
                                   callbacks=[_StepAlong(self.mlp_trainer)], **common)

    def run(self, epochs=None, seconds=None, max_epochs=None) -> int:
        """:meth:`nncore.Trainer.run` of the CNN (the MLP follows batch for batch)."""
        return self.cnn_trainer.run(epochs=epochs, seconds=seconds, max_epochs=max_epochs)

    @property
    def epoch(self):
        return self.cnn_trainer.epoch

    @property
    def history(self):
        return self.cnn_trainer.history

    @property
    def done(self):
        return self.cnn_trainer.done

    def finish(self):
        self.cnn_trainer.finish()
        self.mlp_trainer.finish()

    def snapshot(self) -> tuple:
        """Both trainers' snapshots (:meth:`nncore.Trainer.snapshot`): what the page shows of the twins now."""
        return self.cnn_trainer.snapshot(), self.mlp_trainer.snapshot()

    def restore(self, snap: tuple):
        self.cnn_trainer.restore(snap[0])
        self.mlp_trainer.restore(snap[1])


@dataclass(frozen=True)
class FeatureStage:
    """One row of the feature-map view: ``maps`` (C, H, W) after a stage of the CNN.

    ``kind`` is "input", "relu" (the output of conv number ``conv_index`` after its ReLU) or "pool";
    ``layer`` is that conv layer (for "relu") or the pooling layer (for "pool"), None for the input.
    """

    kind: str
    conv_index: int
    layer: Layer | None
    maps: np.ndarray


def feature_maps(model: Sequential, image) -> list[FeatureStage]:
    """Forward one image (1, 1, 8, 8) layer by layer: the input, every conv's output after its ReLU,
    and every pooling's output, in order, as :class:`FeatureStage` records."""
    x = np.asarray(image, dtype=model.dtype).reshape(1, 1, 8, 8)
    out = [FeatureStage("input", 0, None, x[0])]
    conv_i, conv = 0, None
    for layer in model.layers:
        if isinstance(layer, Flatten):
            break
        x = layer.forward(x, training=False)
        if isinstance(layer, Conv2D):
            conv_i, conv = conv_i + 1, layer
        elif isinstance(layer, ReLU):
            out.append(FeatureStage("relu", conv_i, conv, np.ascontiguousarray(x[0])))
        elif isinstance(layer, (MaxPool2D, AvgPool2D)):
            out.append(FeatureStage("pool", conv_i, layer, np.ascontiguousarray(x[0])))
    return out


# -- the convolution explorer --------------------------------------------------------------------

PRESETS = {
    "edge_v": np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], dtype=float),     # Sobel, x direction
    "edge_h": np.array([[1, 2, 1], [0, 0, 0], [-1, -2, -1]], dtype=float),     # Sobel, y direction
    "blur": np.full((3, 3), 1 / 9),
    "sharpen": np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=float),
    "identity": np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=float),
}


def explain_pixel(image, kernel, stride, padding, i, j):
    """One output pixel of a single-channel cross-correlation, spelled out.

    image (H, W), kernel (k, k) -> dict with ``padded`` (H+2p, W+2p), ``out`` (Ho, Wo),
    ``window`` (k, k) read for output (i, j), the elementwise ``products`` and their ``value``.
    Notes: out[i, j] = Σₘ Σₙ K[m, n] · X_pad[s·i + m, s·j + n] (no bias).
    """
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    k, p, s = kernel.shape[0], int(padding), int(stride)
    y, _ = conv2d_forward(image[None, None], kernel[None, None], np.zeros(1), (s, s), (p, p))
    out = np.ascontiguousarray(y[0, 0])
    i, j = min(int(i), out.shape[0] - 1), min(int(j), out.shape[1] - 1)
    padded = np.pad(image, p)
    window = padded[s * i:s * i + k, s * j:s * j + k]
    products = window * kernel
    return {"padded": padded, "out": out, "window": window, "products": products, "kernel": kernel,
            "value": float(out[i, j]), "i": i, "j": j, "k": k, "s": s, "p": p,
            "h": image.shape[0], "w": image.shape[1]}


# -- what the first-layer kernels learn: the Home scene "Edge detectors" -------------------------------

EDGE_R2 = 0.5       # an oriented edge: at least half of the kernel's variation is one linear gradient


def edge_score(kernel) -> float:
    """How much of a k×k kernel's spatial variation is a single oriented linear gradient (0 … 1).

    kernel (k, k), k odd.  With the mean removed, K is projected on the two ramps x and y (the grid
    coordinates −r … r across and down); a ramp at any angle θ is cos θ·x + sin θ·y, so the projection on
    their span is the best-fitting oriented gradient.  Returns ‖projection‖² / ‖K − mean‖² — the R² of that
    fit (0 for a flat kernel).  A Sobel kernel scores 8/9 ≈ 0.89 at every orientation; a bar (line)
    detector such as [−1, 2, −1] in every row scores 0; random 3×3 kernels score 2/8 = 0.25 on average (two
    of the eight directions of variation), and 1 in 8 of them reach :data:`EDGE_R2` by chance.

    Notes: R² = [(K·x)²/‖x‖² + (K·y)²/‖y‖²] / ‖K − K̄‖²  (x ⟂ y, both zero-mean).
    """
    k = np.asarray(kernel, dtype=np.float64)
    if k.ndim != 2 or k.shape[0] != k.shape[1] or k.shape[0] % 2 == 0:
        raise ValueError(f"edge_score needs a square kernel of odd size, got shape {k.shape}")
    r = k.shape[0] // 2
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1].astype(np.float64)
    k = k - k.mean()
    var = float((k * k).sum())
    if var == 0.0:
        return 0.0
    return float(((k * xx).sum() ** 2 / (xx * xx).sum() + (k * yy).sum() ** 2 / (yy * yy).sum()) / var)


def edge_kernels(weight) -> np.ndarray:
    """Boolean (C_out,): which first-layer kernels (weight (C_out, 1, k, k)) are oriented edges."""
    w = np.asarray(weight)
    return np.array([edge_score(w[c, 0]) >= EDGE_R2 for c in range(w.shape[0])], dtype=bool)


def page_data(seed: int):
    """The CNN page's split for ``seed``: (X_train, X_test, y_train, y_test), images NCHW float32."""
    return digits_split(test_fraction=TEST_FRACTION, seed=seed)


CNN_EDGES = CnnConfig(blocks=1, channels=8, kernel=3, epochs=20)


def cnn_edges_claim(seed: int):
    """One conv block, 8 kernels of 3×3, 20 epochs: between 1 and 4 of the 8 kernels are oriented edges by
    :func:`edge_score` (about a third on average), against at most 2 of the same kernels before training;
    the CNN is right on ≥ 95 % of the held-out digits."""
    cfg = replace(CNN_EDGES, seed=seed)
    twin = TwinTrainer(cfg, page_data(seed))
    before = int(edge_kernels(twin.cnn.layers[0].params["weight"]).sum())
    twin.run(epochs=cfg.epochs)
    twin.finish()
    after = int(edge_kernels(twin.cnn.layers[0].params["weight"]).sum())
    acc = float(twin.history["val_accuracy"][-1])
    return (1 <= after <= 4 and before <= 2 and acc >= 0.95,
            {"edge kernels trained": after, "edge kernels untrained": before, "CNN test accuracy": acc})


SCENE_CLAIMS = {"cnn_edges": cnn_edges_claim}
