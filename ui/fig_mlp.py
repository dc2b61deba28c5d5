"""Figures and exports for the MLP playground.

- :func:`decision_image`: the model's output over the plane under the data points, and
  :func:`unit_map_images`: one small output map per hidden unit — both drawn on the server as
  images, because swapping an image costs the browser almost nothing, while Streamlit re-creates
  a Plotly chart from scratch on every update (its element id hashes the figure);
- :func:`curves_svg`, :func:`network_svg`, :func:`confusion_svg`: loss and accuracy (or R²) per
  epoch, the network's weights and the confusion matrix as SVG (``ui/svg.py``), light enough to
  redraw on every refresh;
- exports: :func:`model_npz`, :func:`history_csv`, :func:`code_nncore`, :func:`code_sklearn`.
"""
from __future__ import annotations

import io
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from lab.playground import PlaygroundConfig, PlaygroundData
from nncore.layers import ACTIVATIONS

from . import svg, theme
from .i18n import t

WHITE = np.array([255, 255, 255], dtype=np.float64)
NEG_RGB = np.array([0x00, 0x72, 0xB2], dtype=np.float64)   # theme.NEG_WEIGHT
POS_RGB = np.array([0xE6, 0x9F, 0x00], dtype=np.float64)   # theme.POS_WEIGHT
MAX_POINTS_DRAWN = 2000
MAX_EDGES = 1500   # the network diagram draws at most this many (the largest) weights


def _hex_rgb(h):
    h = h.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)], dtype=np.float64)


CLASS_RGB = np.array([_hex_rgb(c) for c in theme.CLASS_COLORS])


def class_surface_rgb(proba, n, discretize=False, strength=0.5):
    """Class probabilities on an n × n grid (rows by y, ascending) → RGB image with y up.

    Each pixel takes the colour of its most likely class, faded towards white by how
    unsure the model is: confidence = (p_max − 1/C) / (1 − 1/C). Discretized: full strength.
    """
    c = proba.shape[1]
    k = proba.argmax(axis=1)
    if discretize:
        a = np.full(len(k), strength)
    else:
        a = (proba.max(axis=1) - 1.0 / c) / (1.0 - 1.0 / c) * strength
    rgb = WHITE + a[:, None] * (CLASS_RGB[k % len(CLASS_RGB)] - WHITE)
    return rgb.reshape(n, n, 3)[::-1].astype(np.uint8)


def diverging_rgb(z):
    """Values in [-1, 1] → blue (−) / white (0) / orange (+), any shape (…, ) → (…, 3) uint8."""
    z = np.clip(np.nan_to_num(z), -1, 1)[..., None]
    rgb = np.where(z < 0, WHITE + (-z) * (NEG_RGB - WHITE), WHITE + z * (POS_RGB - WHITE))
    return rgb.astype(np.uint8)


def _subsample(n, limit, seed=0):
    if n <= limit:
        return slice(None)
    return np.sort(np.random.default_rng(seed).choice(n, limit, replace=False))


def network_svg(weights, input_labels, output_labels, *, width=560, height=380, max_width=8.0,
                max_edges=MAX_EDGES, scale=1.0):
    """The network as layers of nodes; every weight is an edge (width ∝ |w|, orange +, blue −).

    ``weights`` is the list of Dense weight matrices (out, in), first layer first. Edges are
    binned by sign and size into a handful of SVG paths (not one element per edge); beyond
    ``max_edges`` weights only the largest are drawn. Wider than a phone's column, it comes as an
    :class:`ui.svg.Drawing` with the same network drawn ``svg.NARROW_WIDTH`` px wide for a phone: 560 px
    shown 358 px wide made its 16 px labels 10 px there.
    """
    if not svg.fits_phone(width):      # the weights as they are now: training updates them in place, and the
        weights = [np.array(w, dtype=float) for w in weights]      # phone's drawing may be made later
    return svg.responsive(_network_svg, width, weights=weights, input_labels=input_labels,
                          output_labels=output_labels, height=height, max_width=max_width, max_edges=max_edges,
                          scale=scale)


def _network_svg(*, weights, input_labels, output_labels, width, height, max_width, max_edges, scale):
    c = svg.Canvas(width, height, scale)
    sizes = [weights[0].shape[1]] + [w.shape[0] for w in weights]
    lab_l = max([svg.text_width(s, c.fs(16)) for s in input_labels] + [10]) + 14
    lab_r = max([svg.text_width(s, c.fs(16)) for s in output_labels] + [10]) + 14
    xs = np.linspace(lab_l + 12, width - lab_r - 12, len(sizes))
    mid, half = height / 2, height / 2 - 16
    ypos = [mid - np.linspace(1, -1, k) * half * min(1.0, (k - 1) / 8 + 0.15) if k > 1 else np.full(1, mid)
            for k in sizes]
    wmax = max(float(np.abs(w).max()) for w in weights) or 1.0
    if not np.isfinite(wmax):
        wmax = 1.0
    mags = np.concatenate([np.abs(w).ravel() for w in weights]) / wmax
    floor = 0.02 if len(mags) <= max_edges else max(0.02, float(np.partition(mags, -max_edges)[-max_edges]))
    n_bins = 4
    segs = {(sg, b): [] for sg in (0, 1) for b in range(n_bins)}
    for li, w in enumerate(weights):
        a = np.nan_to_num(np.abs(w) / wmax)
        b = np.minimum((a * n_bins).astype(int), n_bins - 1)
        for (sg, bb), out in segs.items():
            rows, cols = np.nonzero((a >= floor) & (b == bb) & ((w > 0) == bool(sg)))
            out.extend(f"M{xs[li]:.1f} {ypos[li][j]:.1f}L{xs[li + 1]:.1f} {ypos[li + 1][i]:.1f}"
                       for i, j in zip(rows, cols))
    big = max(sizes) > 16
    if big:  # hundreds of edges: thinner, so the strong ones still stand out
        max_width = max_width / 2.5
    for (sg, b), parts in segs.items():
        if parts:
            c.path("".join(parts), theme.POS_WEIGHT if sg else theme.NEG_WEIGHT,
                   0.6 + max_width * (b + 0.5) / n_bins, opacity=0.35 + 0.5 * (b + 1) / n_bins)
    for li, k in enumerate(sizes):
        last = li == len(sizes) - 1
        r = 4.5 if big and 0 < li < len(sizes) - 1 else 9
        for j in range(k):
            c.circle(xs[li], ypos[li][j], r)
        labels = input_labels if li == 0 else (output_labels if last else None)
        for j, lab in enumerate(labels or []):
            if li == 0:
                c.text(xs[li] - r - 6, ypos[li][j], lab, 16, "end")
            else:
                c.text(xs[li] + r + 6, ypos[li][j], lab, 16, "start")
    return c.to_string()


def confusion_svg(counts, classes, size=340, scale=1.0):
    """Counts heatmap, true class down, predicted class across, large numbers for a projector."""
    return svg.count_matrix(counts, classes, x_title=t("common.predicted"), y_title=t("common.true"),
                            size=size, scale=scale)


# -- live images (drawn on the server) ---------------------------------------------------------

_FONTS: dict = {}


def _font(size):
    """Pillow's bundled font (no system fonts needed); only digits and ASCII are drawn with it."""
    if size not in _FONTS:
        _FONTS[size] = ImageFont.load_default(size=size)
    return _FONTS[size]


def nice_ticks(lo, hi, target=5):
    """Round tick values (steps of 1, 2, 2.5 or 5 × 10ᵏ) inside [lo, hi]."""
    return np.array(svg.nice_ticks(lo, hi, target))


def _value_rgb(v, lo, hi):
    """Regression values → the diverging colours (blue low, white middle, orange high)."""
    mid, half = (lo + hi) / 2, max((hi - lo) / 2, 1e-12)
    return diverging_rgb((np.asarray(v, dtype=np.float64) - mid) / half)


_SPRITES: dict = {}


def _sprite(rgb, is_test, r=5.6, q=4):
    """An anti-aliased marker as a small RGBA image (drawn at q× and reduced; cached per colour)."""
    k = (tuple(int(c) for c in rgb), bool(is_test))
    if k not in _SPRITES:
        d = r * (1.35 if is_test else 1.0)
        half = int(math.ceil(d + 1.5))
        big = Image.new("RGBA", (2 * half * q, 2 * half * q), k[0] + (0,))
        draw = ImageDraw.Draw(big)
        c = half * q
        if is_test:
            e = d * q
            draw.polygon([(c, c - e), (c + e, c), (c, c + e), (c - e, c)], fill=k[0] + (255,),
                         outline=(34, 34, 34, 255), width=int(1.4 * q))
        else:
            e = d * q
            draw.ellipse([c - e, c - e, c + e, c + e], fill=k[0] + (255,), outline=(255, 255, 255, 255),
                         width=int(1.6 * q))
        _SPRITES[k] = (big.reduce(q), half)
    return _SPRITES[k]


def decision_image(xs, ys, out, train, test, *, task, classes, show_test=True, discretize=False,
                   value_range=None, size=480):
    """The decision surface with the points and tick labels, as one RGB ``PIL.Image``.

    Training points are circles with a white edge, test points diamonds with a dark edge
    (anti-aliased sprites pasted at each point). Axis titles and the class names are left to
    the page (they may be in any language); a strip of class colours and numbers sits below.
    """
    n = len(xs)
    x0, x1, y0, y1 = float(xs[0]), float(xs[-1]), float(ys[0]), float(ys[-1])
    if task == "classification":
        rgb = class_surface_rgb(out, n, discretize)
    else:
        lo, hi = value_range if value_range is not None else (float(np.min(out)), float(np.max(out)))
        z = np.asarray(out, dtype=np.float64).reshape(n, n)
        if discretize:
            z = lo + (hi - lo) * np.round((z - lo) / max(hi - lo, 1e-12) * 6) / 6
        rgb = (WHITE + 0.8 * (_value_rgb(z, lo, hi).astype(np.float64) - WHITE))[::-1].astype(np.uint8)
    left, top, right = 62, 10, 14
    bottom = 62 if task == "classification" else 38
    W, H = left + size + right, top + size + bottom
    img = Image.new("RGB", (W, H), "white")
    surf = Image.fromarray(np.ascontiguousarray(rgb), "RGB").resize(
        (size, size), Image.NEAREST if discretize else Image.BILINEAR)
    img.paste(surf, (left, top))
    sets = [(train, False)] + ([(test, True)] if show_test and test is not None else [])
    for (X, y), is_test in sets:
        idx = _subsample(len(y), MAX_POINTS_DRAWN, seed=int(is_test))
        X, y = X[idx], y[idx]
        px = np.rint(left + (X[:, 0] - x0) / (x1 - x0) * size).astype(int)
        py = np.rint(top + (1 - (X[:, 1] - y0) / (y1 - y0)) * size).astype(int)
        if task == "classification":
            cols = CLASS_RGB[np.asarray(y, dtype=int) % len(CLASS_RGB)]
        else:  # quantise to 32 levels so the sprite cache stays small
            v = np.round((np.asarray(y, dtype=np.float64) - lo) / max(hi - lo, 1e-12) * 31) / 31 * (hi - lo) + lo
            cols = _value_rgb(v, lo, hi)
        for cx, cy, col in zip(px, py, cols):
            sprite, half = _sprite(col, is_test)
            img.paste(sprite, (int(cx) - half, int(cy) - half), sprite)
    draw = ImageDraw.Draw(img)
    box = [left, top, left + size, top + size]
    draw.rectangle(box, outline="#888888", width=1)
    font = _font(17)
    for tx in nice_ticks(x0, x1):
        X = left + (tx - x0) / (x1 - x0) * size
        draw.line([(X, box[3]), (X, box[3] + 6)], fill="#888888", width=1)
        draw.text((X, box[3] + 8), f"{tx:g}", fill="#333333", font=font, anchor="ma")
    for ty in nice_ticks(y0, y1):
        Y = top + (1 - (ty - y0) / (y1 - y0)) * size
        draw.line([(box[0] - 6, Y), (box[0], Y)], fill="#888888", width=1)
        draw.text((box[0] - 8, Y), f"{ty:g}", fill="#333333", font=font, anchor="rm")
    if task == "classification":
        x, yl = left, top + size + 46
        for c in range(len(classes)):
            draw.rectangle([x, yl - 8, x + 16, yl + 8], fill=theme.class_color(c))
            draw.text((x + 22, yl), str(c), fill="#333333", font=font, anchor="lm")
            x += 56
    return img


def image_bytes(img):
    """Encode a server-drawn image for ``st.image`` as JPEG (quality 90).

    JPEG suits these smooth colour fields and is quick: the Playground's 384 unit maps of a 6 × 64
    network took ~210 ms and 547 KiB as fast PNG, ~8 ms and 315 KiB as JPEG. Passing bytes keeps
    Streamlit from re-encoding at its slower defaults.
    """
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=90)
    return buf.getvalue()


def unit_map_images(hidden, n, stride=3, tile=64, gap=6, per_row=16):
    """One image per hidden layer: a row (or rows) of tiles, each a unit's output over the plane.

    Each tile is scaled to its own largest |value| (orange high, blue low) and enlarged to ``tile`` px.
    """
    images = []
    for h in hidden:
        units = h.shape[1]
        maps = h.reshape(n, n, units)[::stride, ::stride, :].astype(np.float64)
        scale = np.abs(maps).max(axis=(0, 1))
        maps = maps / np.where(scale > 0, scale, 1.0)
        rgb = diverging_rgb(maps[::-1])                       # (m, m, units, 3), y up
        cols = min(units, per_row)
        rows = -(-units // cols)
        canvas = Image.new("RGB", (cols * (tile + gap) - gap, rows * (tile + gap) - gap), "white")
        draw = ImageDraw.Draw(canvas)
        for j in range(units):
            t_img = Image.fromarray(np.ascontiguousarray(rgb[:, :, j]), "RGB").resize((tile, tile), Image.BILINEAR)
            x, y = (j % cols) * (tile + gap), (j // cols) * (tile + gap)
            canvas.paste(t_img, (x, y))
            draw.rectangle([x, y, x + tile - 1, y + tile - 1], outline="#9a9a9a")  # a unit silent everywhere is white
        images.append(canvas)
    return images


def loss_ceiling(history, keys=("loss", "val_loss")):
    """Upper end of the loss axis: 1.1 × the first epoch's loss (at least 1), doubled as often as
    needed to fit the curves — so the axis stays put while training and moves only in rare jumps."""
    vals = [v for k in keys for v in history.get(k, []) if np.isfinite(v)]
    first = [history[k][0] for k in keys if len(history.get(k, [])) and np.isfinite(history[k][0])]
    top = round(max([1.0] + first) * 1.1, 2)
    peak = max(vals, default=0.0)
    while peak > top and top < 1e6:
        top *= 2
    return top


def curves_svg(history, max_epochs, keys, y_range, y_title, series_names, *, chance=None, percent=False,
               width=340, height=230, scale=1.0):
    """Per-epoch curves on fixed axes as SVG, sized for the Playground's narrow right-hand column (type
    stays legible at about the drawn size): ``keys`` are history keys (e.g. ``("loss", "val_loss")``)
    shown as ``series_names`` in the train and test colours; ``chance`` adds a dashed line."""
    series = [svg.Series(history.get(k, []), name, color)
              for k, name, color in zip(keys, series_names, (theme.TRAIN, theme.TEST))]
    refs = [(chance, t("mlp.fig.chance", p=chance))] if chance is not None else []
    panel = svg.Panel(series, (0, max(int(max_epochs), len(history.get(keys[0], [])), 1)), y_range,
                      t("common.epoch"), y_title, percent=percent, refs=refs)
    return svg.line_chart([panel], width=width, height=height, scale=scale)


# -- exports --------------------------------------------------------------------------------

def model_npz(model) -> bytes:
    """The trained network as ``.npz`` bytes (``Sequential.save`` into memory; no pickle)."""
    buf = io.BytesIO()
    model.save(buf)
    return buf.getvalue()


def history_csv(history) -> str:
    """One row per epoch: epoch, then every metric the history holds."""
    keys = [k for k in ("loss", "val_loss", "score", "val_score", "accuracy", "val_accuracy") if k in history]
    keys += sorted(k for k in history if k not in keys)
    n = max((len(history[k]) for k in keys), default=0)
    lines = [",".join(["epoch"] + keys)]
    for i in range(n):
        vals = [f"{history[k][i]:.6g}" if i < len(history[k]) else "" for k in keys]
        lines.append(",".join([str(i + 1)] + vals))
    return "\n".join(lines) + "\n"


def _data_code(cfg: PlaygroundConfig, data: PlaygroundData):
    """The lines that load (or generate) X, y and split them, shared by both code exports."""
    split = (f"X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction={cfg.test_fraction}, "
             f"seed={cfg.seed})")
    return _load_code(cfg, data) + [split]


def _load_code(cfg: PlaygroundConfig, data: PlaygroundData):
    if cfg.data == "csv":
        feats = ", ".join(repr(c) for c in data.axis_titles)
        lines = ["import pandas as pd",
                 f"df = pd.read_csv({data.source!r})",
                 f"X = df[[{feats}]].to_numpy(dtype=float)"]
        if data.task == "classification":
            lines.append(f"classes, y = np.unique(df[{data.target!r}].to_numpy(), return_inverse=True)")
        else:
            lines.append(f"y = df[{data.target!r}].to_numpy(dtype=float)")
        return lines
    return [f"X, y = make_2d({cfg.data!r}, n_samples={cfg.n}, noise={cfg.noise}, seed={cfg.seed})"]


def code_nncore(cfg: PlaygroundConfig, data: PlaygroundData, epochs):
    """Python that rebuilds and trains this network with nncore, from the page's settings."""
    feats = ", ".join(repr(f) for f in cfg.features)
    acts = [repr(a) for a in cfg.activations]
    lines = ["# Generated by the MLP Playground (Brain & ANN Lab).", "import numpy as np",
             "from nncore.datasets import make_2d, train_test_split",
             "from lab.playground import PlaygroundModel", ""]
    lines += _data_code(cfg, data)
    lines += ["",
              "# Inputs scaled to [-1, 1], then the feature map, then the MLP:",
              "pm = PlaygroundModel(",
              f"    X_train, y_train, features=[{feats}], hidden={list(cfg.hidden)},",
              f"    activations=[{', '.join(acts)}], task={data.task!r}, n_classes={data.n_classes},",
              f"    loss={cfg.loss!r}, dropout={cfg.dropout}, seed={cfg.seed})",
              "trainer = pm.trainer(",
              f"    X_train, y_train, X_test, y_test, optimizer={cfg.optimizer!r}, lr={cfg.lr},",
              f"    l1={cfg.l1}, l2={cfg.l2}, batch_size={cfg.batch_size}, clip_norm={cfg.clip_norm},"
              f" seed={cfg.seed})",
              f"trainer.run(epochs={int(epochs)})",
              "print(trainer.history.status, {k: v[-1] for k, v in trainer.history.items()})",
              "", "# The bare network (a Sequential of Dense and activation layers):", "print(pm.net)"]
    return "\n".join(lines) + "\n"


def code_sklearn(cfg: PlaygroundConfig, data: PlaygroundData, epochs):
    """The closest scikit-learn equivalent, with comments where scikit-learn differs."""
    reg = data.task == "regression"
    est = "MLPRegressor" if reg else "MLPClassifier"
    solver = "adam" if cfg.optimizer == "adam" else "sgd"
    notes = []
    if len(set(cfg.activations)) > 1:
        notes.append("# scikit-learn uses one activation for all hidden layers; this uses the first.")
    if cfg.activations and cfg.activations[0] == "leaky_relu":
        notes.append("# scikit-learn has no leaky ReLU; 'relu' is the nearest.")
    if cfg.l1:
        notes.append("# scikit-learn has no L1 penalty; only L2 (alpha) carries over.")
    if cfg.dropout:
        notes.append("# scikit-learn's MLP has no dropout.")
    if cfg.clip_norm:
        notes.append("# scikit-learn does not clip gradients.")
    if cfg.loss == "mse" and not reg:
        notes.append("# MLPClassifier always uses cross-entropy; MSE on one-hot targets is not available.")
    if tuple(cfg.features) != ("x1", "x2"):
        notes.append("# The extra input features are built with lab.playground.feature_map below.")
    if cfg.l2:
        notes.append("# alpha = L2 rate × batch size / training samples gives the same weight decay per step.")
    n_train = len(data.y_train)
    alpha = cfg.l2 * min(cfg.batch_size, n_train) / max(n_train, 1)
    act = (ACTIVATIONS[cfg.activations[0]].sklearn or "relu") if cfg.activations else "identity"
    lines = ["# Generated by the MLP Playground (Brain & ANN Lab).", "import numpy as np",
             f"from sklearn.neural_network import {est}",
             "from nncore.datasets import make_2d, train_test_split",
             "from lab.playground import feature_map",
             "from nncore.preprocessing import Scaler", ""]
    lines += _data_code(cfg, data)
    lines += ["scaler = Scaler.min_max(X_train)  # each column onto [-1, 1]",
              f"F_train = feature_map(scaler.transform(X_train, np.float64), {list(cfg.features)!r})",
              f"F_test = feature_map(scaler.transform(X_test, np.float64), {list(cfg.features)!r})", ""]
    lines += notes
    lines += [f"model = {est}(",
              f"    hidden_layer_sizes={tuple(cfg.hidden)!r}, activation={act!r}, solver={solver!r},",
              f"    learning_rate_init={cfg.lr}, alpha={alpha:.6g}, batch_size={cfg.batch_size},",
              f"    max_iter={int(epochs)}, shuffle=True, random_state={cfg.seed},",
              f"    n_iter_no_change={int(epochs)}, tol=0.0"
              + (f", momentum={0.9 if cfg.optimizer == 'momentum' else 0.0}, nesterovs_momentum=False"
                 if solver == "sgd" else "") + ")",
              "model.fit(F_train, y_train)",
              f"print('test {'R²' if reg else 'accuracy'}:', model.score(F_test, y_test))"]
    return "\n".join(lines) + "\n"

