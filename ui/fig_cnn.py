"""The CNN page's labels and figure builders.

The models, the twin trainer, the feature maps and the convolution explorer's arithmetic are in
:mod:`lab.cnn`; here they get captions (:func:`stage_label`, :func:`arithmetic_text`) and Plotly/SVG
figures with the lab's template. Uploaded images are read by ``ui/uploads.py``.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lab.cnn import FeatureStage
from nncore.layers import Conv2D

from . import fastfig, svg, theme
from .i18n import t

# -- labels --------------------------------------------------------------------------------------


def layer_label(layer, index: int) -> str:
    name = type(layer).__name__
    if isinstance(layer, Conv2D):
        k = layer.kernel_size
        return t("cnn.layer_conv", i=index, c_in=layer.in_channels, c_out=layer.out_channels, k=k[0], k2=k[1])
    return t("cnn.layer_" + name.lower())


def stage_label(stage: FeatureStage) -> str:
    """The caption of one feature-map stage from :func:`lab.cnn.feature_maps`."""
    if stage.kind == "input":
        return t("cnn.layer_input")
    if stage.kind == "relu":
        return layer_label(stage.layer, stage.conv_index) + " → ReLU"
    return layer_label(stage.layer, stage.conv_index)


# -- the convolution explorer --------------------------------------------------------------------

def arithmetic_text(info, max_terms=25):
    """'K·X + K·X + … = value', skipping terms where the pixel is 0."""
    terms = [f"{kv:+.2f}·{xv:.2f}" for kv, xv in zip(info["kernel"].ravel(), info["window"].ravel()) if xv != 0]
    if not terms:
        return t("cnn.ex_all_zero", value=info["value"])
    shown = " ".join(terms[:max_terms]) + (" …" if len(terms) > max_terms else "")
    return f"{shown} = {info['value']:.3f}"


# -- figures --------------------------------------------------------------------------------------

def tile(maps, ncols=None, gap=1):
    """Arrange (K, H, W) maps in a grid separated by NaN gaps -> one 2-D array (drawn as one heatmap)."""
    maps = np.asarray(maps, dtype=float)
    k, h, w = maps.shape
    ncols = ncols or k
    nrows = -(-k // ncols)
    grid = np.full((nrows * (h + gap) - gap, ncols * (w + gap) - gap), np.nan)
    for idx in range(k):
        r, c = divmod(idx, ncols)
        grid[r * (h + gap):r * (h + gap) + h, c * (w + gap):c * (w + gap) + w] = maps[idx]
    return grid


def _image_axes(fig, row=None, col=None):
    kw = {} if row is None else dict(row=row, col=col)
    fig.update_xaxes(showticklabels=False, showgrid=False, showline=False, ticks="", constrain="domain", **kw)
    fig.update_yaxes(showticklabels=False, showgrid=False, showline=False, ticks="", autorange="reversed",
                     scaleanchor="x" if row is None else None, **kw)


def curves(cnn_history, mlp_history, max_epochs, scale=1.0):
    """Accuracy against epoch for the CNN and the MLP (test solid, train dotted), axes fixed; SVG."""
    series = []
    for hist, name, color in [(cnn_history, "CNN", theme.ANN), (mlp_history, "MLP", theme.TEST)]:
        series.append(svg.Series(hist.get("val_accuracy", []), t("cnn.curve_test", m=name), color, markers=True))
        series.append(svg.Series(hist.get("accuracy", []), t("cnn.curve_train", m=name), color, 1.8, "2 4"))
    x_hi = max(max_epochs, len(cnn_history.get("accuracy", [])), 1) + 0.5
    panel = svg.Panel(series, (0, x_hi), (0, 1.02), t("common.epoch"), t("common.accuracy"), percent=True)
    return svg.line_chart([panel], width=900, height=300, scale=scale)


def kernels(weight, title):
    """First-layer kernels (F, 1, k, k) in a grid, diverging colours centred on 0."""
    w = np.asarray(weight, dtype=float)[:, 0]
    zmax = float(np.abs(w).max()) or 1.0
    ncols = min(len(w), 4)
    rows = -(-len(w) // ncols)
    heat = dict(type="heatmap", z=tile(w, ncols), colorscale=theme.DIVERGING, zmin=-zmax, zmax=zmax,
                hoverongaps=False, colorbar=dict(title=t("cnn.weight"), thickness=12, len=0.8),
                hovertemplate=t("cnn.kernel_hover") + "<extra></extra>")
    layout = dict(xaxis=dict(fastfig.IMAGE_X), yaxis=dict(fastfig.IMAGE_Y, scaleanchor="x"),
                  title=dict(text=title, font=dict(size=15)), height=120 + 90 * rows, margin=dict(l=10, r=10))
    return fastfig.figure([heat], layout)


def simple_cell(theta_deg=0.0):
    """A schematic simple-cell receptive field (a Gabor function: ON stripe flanked by OFF)."""
    r = np.linspace(-1, 1, 41)
    xx, yy = np.meshgrid(r, r)
    th = np.deg2rad(theta_deg)
    u = xx * np.cos(th) + yy * np.sin(th)
    g = np.exp(-(xx ** 2 + yy ** 2) / (2 * 0.35 ** 2)) * np.cos(2 * np.pi * u / 0.9)
    fig = go.Figure(go.Heatmap(z=g, colorscale=theme.DIVERGING, zmin=-1, zmax=1, showscale=False,
                               hovertemplate=t("cnn.rf_hover") + "<extra></extra>"))
    _image_axes(fig)
    fig.update_layout(title=dict(text=t("cnn.rf_title"), font=dict(size=15)), height=260, margin=dict(l=10, r=10))
    return fig


def feature_map_figure(stages: list[FeatureStage]):
    """One row per stage (input, each conv → ReLU, each pooling), every channel as a tile."""
    titles = [f"{stage_label(st)} — {st.maps.shape[0]}×{st.maps.shape[1]}×{st.maps.shape[2]}" for st in stages]
    layout = fastfig.subplot_layout(len(stages), 1, titles, vertical_spacing=0.06)
    data = []
    for r, maps in enumerate((st.maps for st in stages), start=1):
        z = tile(maps, ncols=min(len(maps), 16))
        data.append(dict(type="heatmap", z=z, colorscale="Greys", reversescale=False, showscale=False,
                         hoverongaps=False, zmin=0, zmax=float(np.nanmax(z)) or 1.0,
                         hovertemplate=t("cnn.fmap_hover") + "<extra></extra>",
                         xaxis=fastfig.ref("x", r, 1, 1), yaxis=fastfig.ref("y", r, 1, 1)))
        fastfig.merge(layout, fastfig.axis_name("x", r, 1, 1), **fastfig.IMAGE_X)
        fastfig.merge(layout, fastfig.axis_name("y", r, 1, 1), **fastfig.IMAGE_Y,
                      scaleanchor=fastfig.ref("x", r, 1, 1))          # square pixels
    layout.update(height=150 * len(stages) + 40, margin=dict(l=10, r=10, t=40))
    return fastfig.figure(data, layout)


def digit_grid(images, captions, ncols=8):
    """A grid of 8×8 digits (ink dark on white) with a caption above each."""
    images = np.asarray(images, dtype=float).reshape(-1, 8, 8)
    if len(images) == 0:
        images = np.zeros((0, 8, 8))
    ncols = max(1, min(ncols, len(images)))
    heat = dict(type="heatmap", z=tile(images, ncols, gap=2) if len(images) else [[np.nan]],
                colorscale="Greys", zmin=0, zmax=1, showscale=False, hoverongaps=False,
                hovertemplate="%{z:.2f}<extra></extra>")
    notes = [dict(x=c * 10 + 3.5, y=r * 10 - 1.2, text=cap, showarrow=False, font=dict(size=12))
             for (r, c), cap in ((divmod(idx, ncols), cap) for idx, cap in enumerate(captions))]
    rows = max(1, -(-len(images) // ncols))
    layout = dict(annotations=notes, xaxis=dict(fastfig.IMAGE_X), yaxis=dict(fastfig.IMAGE_Y, scaleanchor="x"),
                  height=60 + 95 * rows, margin=dict(l=10, r=10, t=30))
    return fastfig.figure([heat], layout)


def explorer(info, kernel):
    """Padded input with the window, the kernel, and the output with the highlighted pixel."""
    k, s, i, j = info["k"], info["s"], info["i"], info["j"]
    layout = fastfig.subplot_layout(1, 3, [t("cnn.ex_input", p=info["p"]), t("cnn.ex_kernel"),
                                           t("cnn.ex_output", ho=info["out"].shape[0], wo=info["out"].shape[1])],
                                    column_widths=[0.42, 0.16, 0.42], horizontal_spacing=0.06)
    kmax = float(np.abs(kernel).max()) or 1.0
    omax = float(np.abs(info["out"]).max()) or 1.0
    hover = t("cnn.ex_hover") + "<extra></extra>"
    data = [dict(type="heatmap", z=info["padded"], colorscale="Greys", zmin=0, zmax=1, showscale=False,
                 hovertemplate=hover, xaxis="x", yaxis="y"),
            dict(type="heatmap", z=kernel, colorscale=theme.DIVERGING, zmin=-kmax, zmax=kmax, showscale=False,
                 text=np.round(kernel, 2), texttemplate="%{text}", hovertemplate=hover, xaxis="x2", yaxis="y2"),
            dict(type="heatmap", z=info["out"], colorscale=theme.DIVERGING, zmin=-omax, zmax=omax, showscale=False,
                 hovertemplate=hover, xaxis="x3", yaxis="y3")]
    box = dict(type="rect", line=dict(color=theme.BRAIN, width=3))
    shapes = [dict(x0=s * j - 0.5, x1=s * j + k - 0.5, y0=s * i - 0.5, y1=s * i + k - 0.5, xref="x", yref="y", **box),
              dict(x0=j - 0.5, x1=j + 0.5, y0=i - 0.5, y1=i + 0.5, xref="x3", yref="y3", **box)]
    if info["p"]:
        hp, wp = info["padded"].shape
        shapes.append(dict(type="rect", x0=info["p"] - 0.5, x1=wp - info["p"] - 0.5, y0=info["p"] - 0.5,
                           y1=hp - info["p"] - 0.5, line=dict(color="#888", dash="dot"), xref="x", yref="y"))
    layout["shapes"] = shapes
    for c in (1, 2, 3):
        fastfig.merge(layout, fastfig.axis_name("x", 1, c, 3), **fastfig.IMAGE_X)
        fastfig.merge(layout, fastfig.axis_name("y", 1, c, 3), **fastfig.IMAGE_Y, scaleanchor=fastfig.ref("x", 1, c, 3))
    layout.update(height=330, margin=dict(l=10, r=10, t=40))
    return fastfig.figure(data, layout)


def probabilities(probs):
    """Bar chart of the ten class probabilities, the winner highlighted."""
    probs = np.asarray(probs, dtype=float)
    colors = [theme.ANN if i == int(np.argmax(probs)) else "#B0BEC5" for i in range(len(probs))]
    fig = go.Figure(go.Bar(x=[str(i) for i in range(len(probs))], y=probs, marker_color=colors,
                           hovertemplate=t("cnn.prob_hover") + "<extra></extra>"))
    fig.update_xaxes(title=t("cnn.digit"), type="category")
    fig.update_yaxes(range=[0, 1], title=t("cnn.probability"), tickformat=".0%")
    fig.update_layout(height=260, margin=dict(t=20))
    return fig


def digit_image(img, title):
    """One 8×8 digit as an image (ink dark on white)."""
    fig = go.Figure(go.Heatmap(z=np.asarray(img, dtype=float), colorscale="Greys", zmin=0, zmax=1,
                               showscale=False, hovertemplate="%{z:.2f}<extra></extra>"))
    _image_axes(fig)
    fig.update_layout(title=dict(text=title, font=dict(size=15)), height=260, margin=dict(l=10, r=10))
    return fig
