"""The "vs scikit-learn" page's figures and its small pure helpers (layer parsing, code, export).

Its CSV files are read by ``ui/uploads.py`` (rules ``uploads.COMPARE``)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import theme
from .i18n import t
from .safe import user_text

SK_COLOR = "#E69F00"     # scikit-learn's curves and bars
NN_COLOR = theme.ANN     # nncore's
MAX_LAYERS, MAX_UNITS = 4, 512


# ---------------------------------------------------------------------------- figures
def loss_overlay(sk, nn, max_epochs, sk_name="scikit-learn", nn_name="nncore"):
    """Both training-loss curves on one pair of axes, x fixed to [0, max_epochs].

    ``sk``/``nn`` are the result dicts of :func:`lab.compare.twin_fit`; a side without a
    per-epoch curve (L-BFGS) is drawn as one marker at (iterations, final loss).
    """
    fig = go.Figure()
    top = 0.0
    for res, name, color, dash, width in ((sk, sk_name, SK_COLOR, "solid", 5), (nn, nn_name, NN_COLOR, "dash", 2)):
        curve = res["loss_curve"]
        if curve:
            fig.add_scatter(x=np.arange(1, len(curve) + 1), y=curve, mode="lines", name=name,
                            line=dict(color=color, width=width, dash=dash), opacity=0.8 if width > 2 else 1.0)
            top = max(top, max(curve[:3]))
        else:
            fig.add_scatter(x=[res["n_iter"]], y=[res["loss"]], mode="markers+text", name=name,
                            marker=dict(color=color, size=12, symbol="diamond"),
                            text=[t("compare.final_only")], textposition="top left")
            top = max(top, res["loss"])
    fig.update_xaxes(range=[0, max(max_epochs, 1)], title=t("compare.epoch_axis"))
    fig.update_yaxes(range=[0, top * 1.08 if np.isfinite(top) and top > 0 else 1], title=t("compare.loss_axis"))
    fig.update_layout(height=360, margin=dict(t=40))     # the plot as tall as the y title is long
    return fig


MAP_WIDTH_PX = 330      # the plot area of one of two side-by-side maps at 1280 px (two columns of ~400 px)


def decision_surface(xs, ys, proba, X, y, n_classes, title):
    """Predicted class over a grid (colour = class, paler = less sure) with the test points on top.

    ``xs`` (g,), ``ys`` (g,) grid axes; ``proba`` (g*g, n_classes) from ``predict_proba``; ``X`` (n, 2),
    ``y`` (n,) integer class indices.
    """
    g = len(xs)
    colors = [theme.class_color(i) for i in range(n_classes)]
    fig = go.Figure()
    if n_classes == 2:
        z = proba[:, 1].reshape(g, g)
        scale = [[0.0, colors[0]], [0.5, "#F7F7F7"], [1.0, colors[1]]]
        fig.add_heatmap(x=xs, y=ys, z=z, zmin=0, zmax=1, colorscale=scale, opacity=0.6, showscale=False,
                        hovertemplate="P(class 1) = %{z:.2f}<extra></extra>")
    else:
        z = proba.argmax(axis=1).reshape(g, g)
        scale = []
        for i, c in enumerate(colors):
            scale += [[i / n_classes, c], [(i + 1) / n_classes, c]]
        fig.add_heatmap(x=xs, y=ys, z=z, zmin=-0.5, zmax=n_classes - 0.5, colorscale=scale, opacity=0.45,
                        showscale=False, hovertemplate="class %{z}<extra></extra>")
    for k in range(n_classes):
        pts = X[y == k]
        fig.add_scatter(x=pts[:, 0], y=pts[:, 1], mode="markers", name=f"{k}", showlegend=False,
                        marker=dict(color=colors[k], size=6, line=dict(color="white", width=0.7)))
    # One unit is as long on both axes; both axes keep exactly the grid's range (the domain shrinks instead of
    # the range growing, which left blank bands above and below the map), and the figure is about as tall as
    # the map is at 1280 px.
    fig.update_xaxes(range=[xs[0], xs[-1]], title="x₁", constrain="domain")
    fig.update_yaxes(range=[ys[0], ys[-1]], title="x₂", scaleanchor="x", constrain="domain")
    aspect = (ys[-1] - ys[0]) / max(xs[-1] - xs[0], 1e-12)
    plot_h = float(np.clip(MAP_WIDTH_PX * aspect, 180, 420))
    fig.update_layout(title=dict(text=title, x=0.5, font=dict(size=15)), height=round(plot_h + 100),
                      margin=dict(t=40, b=55))
    return fig


def seeds_figure(summary):
    """Mean ± std test accuracy per engine (``summary``: rows with engine, mean, std)."""
    fig = go.Figure()
    for row in summary:
        color = SK_COLOR if row["engine"] == "sklearn" else NN_COLOR
        fig.add_bar(x=[row["label"]], y=[row["mean"]], error_y=dict(type="data", array=[row["std"]]),
                    marker_color=color, name=row["label"], showlegend=False)
    fig.update_yaxes(range=[0, 1.05], title=t("compare.test_acc_axis"), tickformat=".0%")
    fig.update_layout(height=280, margin=dict(t=30))
    return fig


def grid_points(X, n=80, pad=0.15):
    """A square n×n grid covering the data with a margin: axes ``xs``, ``ys`` and points (n*n, 2)."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    xs = np.linspace(lo[0] - pad * span[0], hi[0] + pad * span[0], n)
    ys = np.linspace(lo[1] - pad * span[1], hi[1] + pad * span[1], n)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.c_[gx.ravel(), gy.ravel()]


# ---------------------------------------------------------------------------- pure helpers
def parse_layers(text):
    """``"16, 8"`` → ``(16, 8)``; raises ValueError with a readable message."""
    parts = [p for p in str(text).replace(";", ",").replace(" ", ",").split(",") if p]
    try:
        sizes = tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(t("compare.bad_layers", text=user_text(text, 40), max_layers=MAX_LAYERS,
                           max_units=MAX_UNITS)) from None
    if not 1 <= len(sizes) <= MAX_LAYERS or not all(1 <= s <= MAX_UNITS for s in sizes):
        raise ValueError(t("compare.bad_layers", text=user_text(text, 40), max_layers=MAX_LAYERS, max_units=MAX_UNITS))
    return sizes




def sklearn_code(params, data_line):
    """The scikit-learn code that runs the left-hand model of the comparison."""
    args = ",\n    ".join(f"{k}={v!r}" for k, v in params.items())
    return (
        "from sklearn.neural_network import MLPClassifier\n"
        "# from nncore import MLPClassifier   # the same algorithm, same arguments, same results\n\n"
        f"{data_line}\n"
        f"clf = MLPClassifier(\n    {args},\n)\n"
        "clf.fit(X_train, y_train)\n"
        "print(clf.loss_curve_[-1] if hasattr(clf, 'loss_curve_') else clf.loss_, clf.n_iter_)\n"
        "print('test accuracy', clf.score(X_test, y_test))\n"
    )


def results_csv(result, seeds_rows=None):
    """One CSV: per-epoch losses of both engines, then a summary row per engine (and per seed, if run)."""
    sk, nn = result["sklearn"], result["nncore"]
    a, b = sk["loss_curve"] or [], nn["loss_curve"] or []
    rows = [{"section": "loss_curve", "epoch": e + 1, "sklearn_loss": a[e] if e < len(a) else None,
             "nncore_loss": b[e] if e < len(b) else None} for e in range(max(len(a), len(b)))]
    for side, res in (("sklearn", sk), ("nncore", nn)):
        rows.append({"section": "summary", "engine": side, "final_loss": res["loss"], "n_iter": res["n_iter"],
                     "fit_seconds": res["fit_s"], "train_accuracy": res["train_acc"],
                     "test_accuracy": res["test_acc"], "converged": res["converged"]})
    rows.append({"section": "parity", "max_rel_loss_diff": result["max_rel_loss_diff"],
                 "same_test_predictions": result["same_predictions"]})
    for r in seeds_rows or []:
        rows.append({"section": "seeds", **r})
    return pd.DataFrame(rows).to_csv(index=False)
