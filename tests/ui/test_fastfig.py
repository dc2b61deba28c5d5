"""The CNN and RNN pages' figures built in one pass (ui.fastfig) are the figures Plotly's step-by-step calls
(make_subplots, add_trace, update_xaxes, add_annotation, add_vline) built before: the same JSON.

The ``old_*`` builders below are the pages' previous code, kept as the reference.
"""
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.subplots import make_subplots

from lab import cnn
from lab import sequences as sm
from lab.cnn import FeatureStage
from ui import fastfig, fig_cnn, fig_rnn, theme
from ui.fig_cnn import stage_label, tile
from ui.fig_rnn import CELL_COLORS
from ui.i18n import t


def as_json(fig):
    return json.loads(pio.to_json(fig, validate=False))


def assert_same(new, old):
    a, b = as_json(new), as_json(old)
    assert a["layout"] == b["layout"]
    assert a["data"] == b["data"]


# -- the previous builders (reference) -------------------------------------------------------------

def old__image_axes(fig, row=None, col=None):
    kw = {} if row is None else dict(row=row, col=col)
    fig.update_xaxes(showticklabels=False, showgrid=False, showline=False, ticks="", constrain="domain", **kw)
    fig.update_yaxes(showticklabels=False, showgrid=False, showline=False, ticks="", autorange="reversed",
                     scaleanchor="x" if row is None else None, **kw)


def old_kernels(weight, title):
    """First-layer kernels (F, 1, k, k) in a grid, diverging colours centred on 0."""
    w = np.asarray(weight, dtype=float)[:, 0]
    zmax = float(np.abs(w).max()) or 1.0
    ncols = min(len(w), 4)
    fig = go.Figure(go.Heatmap(z=tile(w, ncols), colorscale=theme.DIVERGING, zmin=-zmax, zmax=zmax,
                               hoverongaps=False, colorbar=dict(title=t("cnn.weight"), thickness=12, len=0.8),
                               hovertemplate=t("cnn.kernel_hover") + "<extra></extra>"))
    old__image_axes(fig)
    rows = -(-len(w) // ncols)
    fig.update_layout(title=dict(text=title, font=dict(size=15)), height=120 + 90 * rows, margin=dict(l=10, r=10))
    return fig


def old_simple_cell(theta_deg=0.0):
    """A schematic simple-cell receptive field (a Gabor function: ON stripe flanked by OFF)."""
    r = np.linspace(-1, 1, 41)
    xx, yy = np.meshgrid(r, r)
    th = np.deg2rad(theta_deg)
    u = xx * np.cos(th) + yy * np.sin(th)
    g = np.exp(-(xx ** 2 + yy ** 2) / (2 * 0.35 ** 2)) * np.cos(2 * np.pi * u / 0.9)
    fig = go.Figure(go.Heatmap(z=g, colorscale=theme.DIVERGING, zmin=-1, zmax=1, showscale=False,
                               hovertemplate=t("cnn.rf_hover") + "<extra></extra>"))
    old__image_axes(fig)
    fig.update_layout(title=dict(text=t("cnn.rf_title"), font=dict(size=15)), height=260, margin=dict(l=10, r=10))
    return fig


def old_feature_map_figure(stages: list[FeatureStage]):
    """One row per stage (input, each conv → ReLU, each pooling), every channel as a tile."""
    titles = [f"{stage_label(st)} — {st.maps.shape[0]}×{st.maps.shape[1]}×{st.maps.shape[2]}" for st in stages]
    fig = make_subplots(rows=len(stages), cols=1, subplot_titles=titles, vertical_spacing=0.06)
    for r, maps in enumerate((st.maps for st in stages), start=1):
        z = tile(maps, ncols=min(len(maps), 16))
        fig.add_trace(go.Heatmap(z=z, colorscale="Greys", reversescale=False, showscale=False, hoverongaps=False,
                                 zmin=0, zmax=float(np.nanmax(z)) or 1.0,
                                 hovertemplate=t("cnn.fmap_hover") + "<extra></extra>"), row=r, col=1)
        old__image_axes(fig, row=r, col=1)
        fig.update_yaxes(scaleanchor=f"x{r if r > 1 else ''}", row=r, col=1)   # square pixels
    fig.update_layout(height=150 * len(stages) + 40, margin=dict(l=10, r=10, t=40))
    return fig


def old_digit_grid(images, captions, ncols=8):
    """A grid of 8×8 digits (ink dark on white) with a caption above each."""
    images = np.asarray(images, dtype=float).reshape(-1, 8, 8)
    if len(images) == 0:
        images = np.zeros((0, 8, 8))
    ncols = max(1, min(ncols, len(images)))
    fig = go.Figure(go.Heatmap(z=tile(images, ncols, gap=2) if len(images) else [[np.nan]],
                               colorscale="Greys", zmin=0, zmax=1, showscale=False, hoverongaps=False,
                               hovertemplate="%{z:.2f}<extra></extra>"))
    for idx, cap in enumerate(captions):
        r, c = divmod(idx, ncols)
        fig.add_annotation(x=c * 10 + 3.5, y=r * 10 - 1.2, text=cap, showarrow=False, font=dict(size=12))
    old__image_axes(fig)
    rows = max(1, -(-len(images) // ncols))
    fig.update_layout(height=60 + 95 * rows, margin=dict(l=10, r=10, t=30))
    return fig


def old_explorer(info, kernel):
    """Padded input with the window, the kernel, and the output with the highlighted pixel."""
    k, s, i, j = info["k"], info["s"], info["i"], info["j"]
    fig = make_subplots(rows=1, cols=3, column_widths=[0.42, 0.16, 0.42], horizontal_spacing=0.06,
                        subplot_titles=[t("cnn.ex_input", p=info["p"]), t("cnn.ex_kernel"),
                                        t("cnn.ex_output", ho=info["out"].shape[0], wo=info["out"].shape[1])])
    kmax = float(np.abs(kernel).max()) or 1.0
    omax = float(np.abs(info["out"]).max()) or 1.0
    fig.add_trace(go.Heatmap(z=info["padded"], colorscale="Greys", zmin=0, zmax=1, showscale=False,
                             hovertemplate=t("cnn.ex_hover") + "<extra></extra>"), 1, 1)
    fig.add_trace(go.Heatmap(z=kernel, colorscale=theme.DIVERGING, zmin=-kmax, zmax=kmax, showscale=False,
                             text=np.round(kernel, 2), texttemplate="%{text}",
                             hovertemplate=t("cnn.ex_hover") + "<extra></extra>"), 1, 2)
    fig.add_trace(go.Heatmap(z=info["out"], colorscale=theme.DIVERGING, zmin=-omax, zmax=omax, showscale=False,
                             hovertemplate=t("cnn.ex_hover") + "<extra></extra>"), 1, 3)
    box = dict(type="rect", line=dict(color=theme.BRAIN, width=3))
    fig.add_shape(x0=s * j - 0.5, x1=s * j + k - 0.5, y0=s * i - 0.5, y1=s * i + k - 0.5, row=1, col=1, **box)
    fig.add_shape(x0=j - 0.5, x1=j + 0.5, y0=i - 0.5, y1=i + 0.5, row=1, col=3, **box)
    if info["p"]:
        hp, wp = info["padded"].shape
        fig.add_shape(type="rect", x0=info["p"] - 0.5, x1=wp - info["p"] - 0.5, y0=info["p"] - 0.5,
                      y1=hp - info["p"] - 0.5, line=dict(color="#888", dash="dot"), row=1, col=1)
    for c in (1, 2, 3):
        old__image_axes(fig, row=1, col=c)
    for c, ax in ((1, "x"), (2, "x2"), (3, "x3")):
        fig.update_yaxes(scaleanchor=ax, row=1, col=c)
    fig.update_layout(height=330, margin=dict(l=10, r=10, t=40))
    return fig


def old_probabilities(probs):
    """Bar chart of the ten class probabilities, the winner highlighted."""
    probs = np.asarray(probs, dtype=float)
    colors = [theme.ANN if i == int(np.argmax(probs)) else "#B0BEC5" for i in range(len(probs))]
    fig = go.Figure(go.Bar(x=[str(i) for i in range(len(probs))], y=probs, marker_color=colors,
                           hovertemplate=t("cnn.prob_hover") + "<extra></extra>"))
    fig.update_xaxes(title=t("cnn.digit"), type="category")
    fig.update_yaxes(range=[0, 1], title=t("cnn.probability"), tickformat=".0%")
    fig.update_layout(height=260, margin=dict(t=20))
    return fig


def old_digit_image(img, title):
    """One 8×8 digit as an image (ink dark on white)."""
    fig = go.Figure(go.Heatmap(z=np.asarray(img, dtype=float), colorscale="Greys", zmin=0, zmax=1,
                               showscale=False, hovertemplate="%{z:.2f}<extra></extra>"))
    old__image_axes(fig)
    fig.update_layout(title=dict(text=title, font=dict(size=15)), height=260, margin=dict(l=10, r=10))
    return fig


def old__input_heatmap(fig, x, labels, row=1, col=1):
    x = np.asarray(x, dtype=float)
    top = max(1.0, float(np.abs(x).max()))
    fig.add_heatmap(z=x.T, x=np.arange(len(x)), y=labels, colorscale=theme.DIVERGING, zmin=-top, zmax=top,
                    zmid=0, showscale=False, hovertemplate=t("rnn.hover_input") + "<extra></extra>", row=row, col=col)


def old_sequence(task, info):
    """One sequence: its input over time and the target vs the network's answer."""
    x, target, pred = info["x"], info["target"], info["pred"]
    T = len(x)
    if task == "sine":
        fig = go.Figure()
        fig.add_scatter(x=np.arange(T), y=x[:, 0], mode="lines+markers", name=t("rnn.seq_input"),
                        line=dict(color="#666"))
        fig.add_scatter(x=[T], y=[float(np.ravel(target)[0])], mode="markers", name=t("rnn.seq_target"),
                        marker=dict(color=theme.TEST, size=14, symbol="circle-open", line=dict(width=3)))
        fig.add_scatter(x=[T], y=[float(np.ravel(pred)[0])], mode="markers", name=t("rnn.seq_pred"),
                        marker=dict(color=theme.ANN, size=10))
        fig.update_xaxes(title=t("rnn.time_step"), range=[-0.5, T + 0.5])
        fig.update_yaxes(title=t("rnn.sine_value"), range=[-1.6, 1.6])
        fig.update_layout(height=320)
        return fig
    n_in = x.shape[1]
    if task == "delayed_recall":
        labels = [t("rnn.symbol", k=k) for k in range(n_in - 1)] + [t("rnn.go_cue")]
        fig = go.Figure()
        x = np.asarray(x, dtype=float)
        top = max(1.0, float(np.abs(x).max()))
        fig.add_heatmap(z=x.T, x=np.arange(len(x)), y=labels, colorscale=theme.DIVERGING, zmin=-top, zmax=top,
                        zmid=0, showscale=False, hovertemplate=t("rnn.hover_input") + "<extra></extra>",
                        xaxis="x", yaxis="y")
        fig.update_xaxes(title=t("rnn.time_step"))
        fig.update_layout(title=t("rnn.seq_input"), height=300, margin=dict(t=50))
        return fig
    labels = ([t("rnn.symbol", k=k) for k in range(n_in - 2)] + ["—", t("rnn.go_cue")]) if task == "copy" \
        else [t("rnn.bit")]
    fig = make_subplots(rows=2, cols=1, row_heights=[0.5, 0.5], shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=[t("rnn.seq_input"), t("rnn.seq_answer")])
    old__input_heatmap(fig, x, labels)
    steps = np.arange(T)
    fig.add_scatter(x=steps, y=np.asarray(target), mode="markers", name=t("rnn.seq_target"),
                    marker=dict(color=theme.TEST, size=14, symbol="circle-open", line=dict(width=3)), row=2, col=1)
    fig.add_scatter(x=steps, y=np.asarray(pred), mode="markers", name=t("rnn.seq_pred"),
                    marker=dict(color=theme.ANN, size=8), row=2, col=1)
    top = n_in - 2 if task == "copy" else 1
    text = ([str(k) for k in range(top)] + ["—"]) if task == "copy" else ["0", "1"]
    fig.update_yaxes(range=[-0.5, top + 0.5], tickvals=list(range(top + 1)), ticktext=text, title=t("rnn.label"),
                     row=2, col=1)
    fig.update_xaxes(title=t("rnn.time_step"), row=2, col=1)
    fig.update_layout(height=400, margin=dict(t=50))
    return fig


def old_recall_answer(info):
    proba, target = info["proba"], int(info["target"])
    names = [t("rnn.symbol", k=k) for k in range(len(proba))]
    fig = go.Figure()
    fig.add_bar(x=names, y=proba, marker_color=[theme.class_color(k) for k in range(len(proba))],
                marker_line=dict(color=["#000" if k == target else "rgba(0,0,0,0)" for k in range(len(proba))],
                                 width=3),
                name=t("rnn.seq_proba"), showlegend=False, hovertemplate="%{x}: %{y:.1%}<extra></extra>")
    fig.update_xaxes(type="category", tickvals=names, ticktext=[str(k) for k in range(len(proba))], tickangle=0,
                     title=t("rnn.symbol_axis"))
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%", title=t("rnn.probability"))
    fig.update_layout(title=t("rnn.recall_verdict", target=target, pred=int(info["pred"])), height=300,
                      margin=dict(t=50))
    return fig


def old_hidden_heatmap(hidden, title, marks=()):
    """Hidden state (T, H) as units × time, colour fixed to [−1, 1]; ``marks`` = [(step, label)] lines."""
    hidden = np.asarray(hidden, dtype=float)
    T, H = hidden.shape
    fig = go.Figure(go.Heatmap(z=hidden.T, x=np.arange(T), y=np.arange(H), zmin=-1, zmax=1, zmid=0,
                               colorscale=theme.DIVERGING, colorbar=dict(title="hₜ", thickness=12),
                               hovertemplate=t("rnn.hover_hidden") + "<extra></extra>"))
    for step, label in marks:
        fig.add_vline(x=step, line=dict(color=theme.BRAIN, dash="dot", width=2), annotation_text=label,
                      annotation_position="top")
    fig.update_xaxes(title=t("rnn.time_step"), range=[-0.5, T - 0.5])
    fig.update_yaxes(title=t("rnn.hidden_unit"), autorange="reversed")
    fig.update_layout(title=title, height=340, margin=dict(t=60))
    return fig


def old_gradient_profiles(profiles, trained=None, trained_label=""):
    """‖∂L/∂hₜ‖ against steps before the loss, log scale; one dashed line per cell at initialisation,
    plus the trained model's curve (solid) if given. Each curve is divided by its value at the last step."""
    fig = go.Figure()

    def add(norms, name, color, dash, width):
        norms = np.asarray(norms, dtype=float)
        back = np.arange(len(norms))[::-1]          # steps before the last one
        rel = norms / max(norms[-1], 1e-30)
        fig.add_scatter(x=back, y=np.maximum(rel, 1e-12), mode="lines+markers", name=name,
                        line=dict(color=color, dash=dash, width=width), marker=dict(size=4),
                        hovertemplate=t("rnn.hover_grad") + "<extra></extra>")

    for cell, norms in profiles.items():
        add(norms, t("rnn.grad_init", cell=cell), CELL_COLORS[cell], "dash", 2)
    if trained is not None:
        add(trained, trained_label, theme.BRAIN, "solid", 3)
    T = max(len(v) for v in profiles.values())
    fig.update_xaxes(title=t("rnn.steps_back"), range=[-0.5, T - 0.5])
    fig.update_yaxes(type="log", title=t("rnn.grad_axis"), range=[-8, 1.5], exponentformat="power")
    fig.update_layout(height=360)
    return fig


# -- the tests --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def trained():
    cfg = cnn.CnnConfig(epochs=1, seed=3)
    data = cnn.page_data(3)
    twin = cnn.TwinTrainer(cfg, data)
    twin.run(epochs=1)
    return twin.cnn, data


def test_subplot_layout_is_make_subplots_layout():
    kw = dict(column_widths=[0.42, 0.16, 0.42], horizontal_spacing=0.06)
    ref = make_subplots(rows=1, cols=3, subplot_titles=["a", "b", "c"], **kw).to_plotly_json()["layout"]
    ref.pop("template")
    assert fastfig.subplot_layout(1, 3, ["a", "b", "c"], **kw) == ref
    first = fastfig.subplot_layout(2, 1, ["x", "y"])
    first["annotations"][0]["text"] = "changed"
    assert fastfig.subplot_layout(2, 1, ["x", "y"])["annotations"][0]["text"] == "x"   # a fresh copy each time


def test_cnn_figures_equal_the_step_by_step_ones(trained):
    model, (_, Xte, _, yte) = trained
    w = model.layers[0].params["weight"]
    assert_same(fig_cnn.kernels(w, "k"), old_kernels(w, "k"))
    for idx in (0, 7):
        stages = cnn.feature_maps(model, Xte[idx])
        assert_same(fig_cnn.feature_map_figure(stages), old_feature_map_figure(stages))
    pred = model.predict(Xte)
    for n in (0, 1, 5, 24):
        shown = np.arange(n)
        caps = [f"{yte[i]}→{pred[i]}" for i in shown]
        assert_same(fig_cnn.digit_grid(Xte[shown, 0], caps), old_digit_grid(Xte[shown, 0], caps))
    for preset in cnn.PRESETS:
        kernel = cnn.PRESETS[preset]
        for stride, padding in ((1, 0), (1, 1), (2, 2)):
            info = cnn.explain_pixel(Xte[3, 0], kernel, stride, padding, 1, 2)
            assert_same(fig_cnn.explorer(info, kernel), old_explorer(info, kernel))


@pytest.mark.parametrize("task", ["delayed_recall", "copy", "parity", "sine"])
def test_rnn_figures_equal_the_step_by_step_ones(task):
    cfg = sm.RnnConfig(task=task, memory=4, hidden=8, epochs=1, seed=2)
    data = sm.page_task(cfg)
    trainer = sm.make_trainer(cfg, data)
    trainer.run(epochs=1)
    info = sm.explain_sequence(trainer.model, data.X_test[0], data.y_test[0])
    assert_same(fig_rnn.sequence(task, info), old_sequence(task, info))
    if task == "delayed_recall":
        assert_same(fig_rnn.recall_answer(info), old_recall_answer(info))
    marks = [(0, "cue"), (len(info["x"]) - 1, "go")]
    for m in ((), marks):
        assert_same(fig_rnn.hidden_heatmap(info["hidden"], "title", m), old_hidden_heatmap(info["hidden"], "title", m))
    profiles = sm.init_gradient_profiles(data, hidden_size=8, seed=2)
    trained_norms = sm.gradient_profile(trainer.model, data.X_test[:16], data.y_test[:16])
    assert_same(fig_rnn.gradient_profiles(profiles), old_gradient_profiles(profiles))
    assert_same(fig_rnn.gradient_profiles(profiles, trained_norms, "trained"),
                old_gradient_profiles(profiles, trained_norms, "trained"))
