"""Figure builders for the Memory page: pattern grids, recall animation, capacity, comparisons, timescales."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import theme
from .figures import LINE_HEIGHT, PHONE_WIDTH, text_px
from .i18n import t

INK = [[0.0, "#F4F1EA"], [1.0, "#26323F"]]      # −1 paper, +1 ink
HEBB = theme.BRAIN                               # Hebbian / Hopfield side
BACKPROP = theme.ANN                             # backprop side
MAX_FRAMES = 80


def _grid_trace(pattern, shape, showscale=False, **kw):
    z = np.asarray(pattern, dtype=float).reshape(shape)
    return go.Heatmap(z=z, zmin=-1, zmax=1, colorscale=INK, showscale=showscale, xgap=1, ygap=1,
                      hovertemplate=t("memory.fig_cell_hover") + "<extra></extra>", **kw)


def _square_axes(fig, rows=1, cols=1):
    for r in range(1, rows + 1):
        for c in range(1, cols + 1):
            fig.update_xaxes(showticklabels=False, showline=False, ticks="", row=r, col=c, constrain="domain")
            fig.update_yaxes(showticklabels=False, showline=False, ticks="", autorange="reversed",
                             scaleanchor=f"x{'' if (r - 1) * cols + c == 1 else (r - 1) * cols + c}",
                             row=r, col=c, constrain="domain")


def pattern_row(patterns, names, shape, height=170):
    """Small pictures of patterns side by side, each titled by its name."""
    k = len(patterns)
    fig = make_subplots(1, k, subplot_titles=[str(n) for n in names], horizontal_spacing=0.02)
    for i, p in enumerate(patterns):
        fig.add_trace(_grid_trace(p, shape), row=1, col=i + 1)
    _square_axes(fig, 1, k)
    fig.update_layout(height=height, margin=dict(l=5, r=5, t=30, b=5))
    return fig


def _frame_steps(flips, max_frames=MAX_FRAMES):
    """Update steps worth a frame: the start, every step that flipped a unit, the end (thinned)."""
    steps = np.r_[0, np.flatnonzero(np.asarray(flips) > 0) + 1, len(flips)]
    steps = np.unique(steps)
    if len(steps) > max_frames:
        keep = np.unique(np.round(np.linspace(0, len(steps) - 1, max_frames)).astype(int))
        steps = steps[keep]
    return steps


def recall_animation(rec, shape, target=None):
    """The state on the grid beside the energy against update step, animated with ▶ and a slider.

    rec: an ``nncore.memory.Recall`` for one probe. Frames are the steps where a unit flipped.
    """
    steps = _frame_steps(rec.flips)
    energy = np.asarray(rec.energy, dtype=float)
    x = np.arange(len(energy))
    fig = make_subplots(1, 2, column_widths=[0.34, 0.66], horizontal_spacing=_energy_gap(energy),
                        subplot_titles=[t("memory.fig_state"), t("memory.fig_energy")])
    fig.add_trace(_grid_trace(rec.trajectory[0], shape), row=1, col=1)
    fig.add_trace(go.Scatter(x=x, y=energy, mode="lines", line=dict(color=HEBB, width=2),
                             name=t("memory.fig_energy"), showlegend=False,
                             hovertemplate=t("memory.fig_energy_hover") + "<extra></extra>"), row=1, col=2)
    fig.add_trace(go.Scatter(x=[0], y=[energy[0]], mode="markers", marker=dict(size=12, color=HEBB),
                             showlegend=False, hoverinfo="skip"), row=1, col=2)
    frames, slider_steps = [], []
    for s in steps:
        name = str(int(s))
        frames.append(go.Frame(name=name, traces=[0, 2], data=[
            _grid_trace(rec.trajectory[s], shape),
            go.Scatter(x=[int(s)], y=[energy[s]], mode="markers", marker=dict(size=12, color=HEBB))]))
        slider_steps.append(dict(method="animate", label=name,
                                 args=[[name], dict(mode="immediate", frame=dict(duration=0, redraw=True),
                                                    transition=dict(duration=0))]))
    fig.frames = frames
    fig.update_layout(
        height=400, margin=dict(l=RECALL_MARGIN[0], r=RECALL_MARGIN[1], t=40, b=110),
        updatemenus=[dict(type="buttons", direction="left", showactive=False, x=0.0, y=-0.30, xanchor="left",
                          yanchor="top", pad=dict(t=0, r=10),
                          buttons=[dict(label="▶ " + t("memory.fig_play"), method="animate",
                                        args=[None, dict(frame=dict(duration=120, redraw=True), fromcurrent=True,
                                                         transition=dict(duration=0))]),
                                   dict(label="❚❚", method="animate",
                                        args=[[None], dict(mode="immediate", frame=dict(duration=0, redraw=False))])])],
        # the slider starts past the ▶/❚❚ buttons on a phone's chart too: at 0.32 its step read ("after update 0")
        # began under the ❚❚ button there
        sliders=[dict(active=0, x=SLIDER_X, y=-0.22, len=1 - SLIDER_X, xanchor="left", yanchor="top",
                      steps=slider_steps,
                      currentvalue=dict(prefix=t("memory.fig_step_prefix"), font=dict(size=12)),
                      pad=dict(t=30, b=0), font=dict(size=10))])
    _square_axes(fig, 1, 1)
    pad = 0.05 * max(1.0, float(energy.max() - energy.min()))
    fig.update_xaxes(title=dict(text=t("memory.fig_update_step"), standoff=4), range=[-1, max(len(energy), 2)],
                     row=1, col=2)
    fig.update_yaxes(title=dict(text=t("memory.fig_energy_axis"), standoff=2),
                     range=[energy.min() - pad, energy.max() + pad], row=1, col=2)
    return fig


RECALL_MARGIN = (10, 20)     # px: the recall animation's left and right margins
SLIDER_X = 0.40              # where its slider starts, as a fraction of the plot's width


def _energy_gap(energy, font=14):
    """The space between the state grid and the energy plot, as a fraction of the plot area, that holds the energy
    axis's tick labels, ticks and title ("energy E") on a phone's 358 px chart: a fixed 0.16 left 52 px there, and
    the title lay over the grid. (Presenter view's larger type is for a hall's wide screen, where the same fraction
    is twice the pixels.)"""
    lo, hi = float(np.min(energy)), float(np.max(energy))
    tick = max(text_px(f"−{abs(v):.0f}", font) for v in (lo, hi))
    need = tick + 5 + 3 + 8 + LINE_HEIGHT * 1.2 * font          # ticks, their pad, the title's standoff, its line
    return max(0.16, need / (PHONE_WIDTH - sum(RECALL_MARGIN)))


def overlap_bars(m, names):
    """Overlap of the final state with every stored pattern (−1 … 1)."""
    m = np.asarray(m, dtype=float)
    colors = [HEBB if v == m.max() and v > 0.9 else "#9AA5B1" for v in m]
    fig = go.Figure(go.Bar(x=[str(n) for n in names], y=m, marker_color=colors, text=[f"{v:+.2f}" for v in m],
                           textposition="outside", hovertemplate=t("memory.fig_overlap_hover") + "<extra></extra>"))
    fig.update_yaxes(range=[-1.15, 1.25], title=t("memory.fig_overlap"))
    fig.update_xaxes(type="category", title=t("memory.fig_stored"))
    fig.update_layout(height=280, margin=dict(t=20))
    return fig


def weight_matrix(w):
    """The N×N Hebbian weight matrix, diverging colours centred on zero."""
    w = np.asarray(w, dtype=float)
    lim = max(float(np.abs(w).max()), 1e-9)
    fig = go.Figure(go.Heatmap(z=w, zmin=-lim, zmax=lim, colorscale=theme.DIVERGING,
                               colorbar=dict(title=dict(text="W", side="right"), thickness=12),
                               hovertemplate=t("memory.fig_weight_hover") + "<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title=t("memory.fig_unit_i"), scaleanchor="x", constrain="domain")
    fig.update_xaxes(title=t("memory.fig_unit_j"), constrain="domain")
    fig.update_layout(height=330, margin=dict(t=20))
    return fig


def capacity_chart(r, capacity=0.138):
    """Recall quality against load α = P/N, with the capacity line."""
    a = r["alpha"]
    fig = go.Figure()
    band_hi = np.minimum(r["overlap"] + r["overlap_sd"], 1.0)
    band_lo = r["overlap"] - r["overlap_sd"]
    fig.add_scatter(x=np.r_[a, a[::-1]], y=np.r_[band_hi, band_lo[::-1]], fill="toself", mode="none",
                    fillcolor="rgba(194,24,91,0.12)", hoverinfo="skip", showlegend=False)
    fig.add_scatter(x=a, y=r["overlap"], mode="lines+markers", name=t("memory.fig_cap_overlap"),
                    line=dict(color=HEBB, width=3))
    fig.add_scatter(x=a, y=r["perfect"], mode="lines+markers", name=t("memory.fig_cap_perfect"),
                    line=dict(color=theme.ANN, dash="dash"))
    fig.add_scatter(x=a, y=r["spurious"], mode="lines+markers", name=t("memory.fig_cap_spurious"),
                    line=dict(color="#6B7280", dash="dot"))
    fig.add_vline(x=capacity, line=dict(color="#111", dash="dash"),
                  annotation_text=t("memory.fig_cap_line"), annotation_position="top right")
    fig.update_xaxes(title=t("memory.fig_cap_x"), range=[0, max(float(a.max()) * 1.05, 0.32)])
    fig.update_yaxes(title=t("memory.fig_cap_y"), range=[-0.05, 1.08])
    fig.update_layout(height=380, hovermode="x unified")
    return fig


def training_steps_chart(info, hebb_wrong, n_bits):
    """Wrong output bits against learning steps: one Hebbian pass vs gradient-descent steps."""
    wrong = np.asarray(info["bits_wrong"], dtype=float)
    steps = np.arange(1, len(wrong) + 1)
    fig = go.Figure()
    fig.add_scatter(x=steps, y=wrong, mode="lines", name=t("memory.fig_bp_line"), line=dict(color=BACKPROP, width=2))
    fig.add_scatter(x=[1], y=[hebb_wrong], mode="markers", name=t("memory.fig_hebb_point"),
                    marker=dict(color=HEBB, size=14, symbol="star"))
    if info["perfect_at"] is not None:
        fig.add_vline(x=info["perfect_at"], line=dict(color=BACKPROP, dash="dot"),
                      annotation_text=t("memory.fig_bp_perfect", n=info["perfect_at"]))
    top = max(float(wrong.max()) if len(wrong) else 0.0, float(hebb_wrong), 1.0)
    fig.update_xaxes(type="log", dtick=1, title=t("memory.fig_learning_steps"),
                     range=[-0.1, np.log10(max(len(wrong), 10)) + 0.05])
    fig.update_yaxes(title=t("memory.fig_wrong_bits", n=n_bits), range=[-top * 0.04, top * 1.08])
    fig.update_layout(height=340)
    return fig


def noise_chart(r):
    """Overlap with the cued pattern after recall, against the fraction of cells flipped in the cue."""
    x = 100 * np.asarray(r["noise"])
    fig = go.Figure()
    fig.add_scatter(x=x, y=r["hopfield"], mode="lines+markers", name=t("memory.fig_noise_hop"),
                    line=dict(color=HEBB, width=3))
    fig.add_scatter(x=x, y=r["autoencoder"], mode="lines+markers", name=t("memory.fig_noise_ae"),
                    line=dict(color=BACKPROP, width=2))
    fig.add_scatter(x=x, y=r["feedback"], mode="lines+markers", name=t("memory.fig_noise_fb"),
                    line=dict(color=BACKPROP, dash="dot"))
    fig.update_xaxes(title=t("memory.fig_noise_x"), range=[-1, 51])
    fig.update_yaxes(title=t("memory.fig_noise_y"), range=[-0.1, 1.08])
    fig.update_layout(height=340)
    return fig


def memorisation_chart(r):
    """Training and held-out accuracy against hidden units, for real and random labels."""
    h = [str(v) for v in r["hidden"]]
    fig = go.Figure()
    for kind, dash in (("real", "solid"), ("random", "dash")):
        fig.add_scatter(x=h, y=r[kind]["train"], mode="lines+markers", line=dict(color=theme.TRAIN, dash=dash),
                        name=t(f"memory.fig_memo_train_{kind}"))
        fig.add_scatter(x=h, y=r[kind]["test"], mode="lines+markers", line=dict(color=theme.TEST, dash=dash),
                        name=t(f"memory.fig_memo_test_{kind}"))
    fig.add_hline(y=r["chance"], line=dict(color="#111", dash="dot"), annotation_text=t("memory.fig_chance"),
                  annotation_position="bottom right")
    fig.update_xaxes(type="category", title=t("memory.fig_hidden_units"))
    fig.update_yaxes(title=t("memory.fig_accuracy"), range=[0, 1.05], tickformat=".0%")
    fig.update_layout(height=380, hovermode="x unified")
    return fig


def memorisation_curves(r):
    """Training accuracy per epoch of the widest network: real labels are learned fast, random ones slowly."""
    fig = go.Figure()
    for kind, dash in (("real", "solid"), ("random", "dash")):
        curve = r[kind]["curves"][-1]
        fig.add_scatter(x=np.arange(1, len(curve) + 1), y=curve, mode="lines", line=dict(color=theme.TRAIN, dash=dash),
                        name=t(f"memory.fig_memo_train_{kind}"))
    fig.add_hline(y=r["chance"], line=dict(color="#111", dash="dot"))
    fig.update_xaxes(title=t("common.epoch"), range=[0, len(r["real"]["curves"][-1]) + 1])
    fig.update_yaxes(title=t("memory.fig_train_accuracy"), range=[0, 1.05], tickformat=".0%")
    fig.update_layout(height=300)
    return fig


def rnn_chart(r, steps):
    """‖hₜ‖/‖h₀‖ of an RNN after one input pulse (log scale)."""
    fig = go.Figure()
    if r is not None:
        fig.add_scatter(x=r["t"], y=np.maximum(r["norm"], 1e-6), mode="lines+markers", line=dict(color=BACKPROP),
                        name=t("memory.fig_rnn_norm"), showlegend=False)
    fig.update_xaxes(title=t("memory.fig_time_steps"), range=[-0.5, steps])
    fig.update_yaxes(type="log", title=t("memory.fig_rnn_norm"), range=[-6.2, 0.6])
    fig.update_layout(height=300, margin=dict(t=20))
    return fig


def attractor_chart(r, switch_at):
    """Overlap of the network state with patterns A and B; cue A at t = 0, cue B at ``switch_at``."""
    fig = go.Figure()
    fig.add_scatter(x=r["t"], y=r["a"], mode="lines", name=t("memory.fig_att_a"), line=dict(color=HEBB, width=3))
    fig.add_scatter(x=r["t"], y=r["b"], mode="lines", name=t("memory.fig_att_b"), line=dict(color="#6B7280", width=2))
    for x, key in ((0, "memory.fig_cue_a"), (switch_at, "memory.fig_cue_b")):
        fig.add_vline(x=x, line=dict(color="#111", dash="dot"), annotation_text=t(key),
                      annotation_position="bottom right")
    fig.update_xaxes(title=t("memory.fig_time_steps"), range=[-0.5, len(r["t"])])
    fig.update_yaxes(title=t("memory.fig_overlap"), range=[-0.5, 1.1])
    fig.update_layout(height=300, margin=dict(t=40))
    return fig


def interference_chart(r, n_units, capacity=0.138):
    """Recall of the first memory against how many memories were stored after it."""
    fig = go.Figure()
    x = r["later"]
    fig.add_scatter(x=x, y=r["overlap"], mode="lines+markers", line=dict(color=HEBB, width=3),
                    name=t("memory.fig_first_memory"), showlegend=False,
                    error_y=dict(type="data", array=r["overlap_sd"], visible=True, color="rgba(194,24,91,0.35)"))
    fig.add_vline(x=capacity * n_units - 1, line=dict(color="#111", dash="dash"),
                  annotation_text=t("memory.fig_cap_line"), annotation_position="top right")
    fig.update_xaxes(title=t("memory.fig_later"), range=[-1, float(x.max()) + 1])
    fig.update_yaxes(title=t("memory.fig_first_memory"), range=[-0.1, 1.1])
    fig.update_layout(height=300, margin=dict(t=20))
    return fig
