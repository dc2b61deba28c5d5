"""Figures of the Challenges page: the learning curve and its train−test gap, saliency and occlusion maps,
and a digit before and after an adversarial nudge with accuracy against ε.

Every builder takes plain results from ``lab.challenges`` and returns a Plotly figure with fixed axes.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import theme
from .i18n import t

MODEL_COLORS = {"cnn": theme.ANN, "mlp": theme.TEST, "sklearn": theme.CLASS_COLORS[2]}
MODEL_DASH = {"cnn": "solid", "mlp": "solid", "sklearn": "dash"}
FGSM_COLOR, NOISE_COLOR = theme.BRAIN, theme.CLASS_COLORS[8]


def model_name(kind: str) -> str:
    return t(f"challenges.model.{kind}")


def _rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def _log_x(fig, sizes):
    """A log axis from just below the smallest to just above the largest training-set size."""
    lo, hi = np.log10(min(sizes)) - 0.1, np.log10(max(sizes)) + 0.1
    fig.update_xaxes(type="log", range=[lo, hi], title=t("challenges.lc_x"), tickvals=list(sizes),
                     ticktext=[f"{n:,}" for n in sizes])


def _band(fig, x, mean, std, color, name, dash="solid", legendgroup=None, showlegend=True):
    """Mean line with a shaded ± one standard deviation band (over seeds)."""
    x = list(x)
    upper, lower = np.minimum(mean + std, 1.0), np.maximum(mean - std, 0.0)
    fig.add_scatter(x=x + x[::-1], y=list(upper) + list(lower[::-1]), fill="toself", line=dict(width=0),
                    fillcolor=_rgba(color, 0.18), hoverinfo="skip", showlegend=False, legendgroup=legendgroup)
    fig.add_scatter(x=x, y=mean, mode="lines+markers", name=name, line=dict(color=color, width=2.5, dash=dash),
                    legendgroup=legendgroup, showlegend=showlegend, customdata=np.c_[std],
                    hovertemplate=t("challenges.lc_hover") + "<extra>" + name + "</extra>")


def learning_curve(lc, models):
    """Test accuracy (mean ± std over seeds) against training digits, on a log axis; y fixed to 0–100 %."""
    fig = go.Figure()
    for m in models:
        _band(fig, lc.sizes, lc.mean(m), lc.std(m), MODEL_COLORS[m], model_name(m), MODEL_DASH[m])
    fig.add_hline(y=0.1, line=dict(dash="dot", color="#888"), annotation_text=t("challenges.chance"),
                  annotation_position="top left")
    _log_x(fig, lc.sizes)
    fig.update_yaxes(range=[0, 1.02], title=t("challenges.lc_y"), tickformat=".0%")
    fig.update_layout(height=380, margin=dict(t=50))
    return fig


def overfitting_gap(lc, models):
    """Training accuracy (dotted) and test accuracy (solid) against training digits; the space between
    them is what the network memorised rather than learned."""
    fig = go.Figure()
    for m in models:
        color = MODEL_COLORS[m]
        train, test = lc.mean(m, "train"), lc.mean(m)
        x = list(lc.sizes)
        fig.add_scatter(x=x + x[::-1], y=list(train) + list(test[::-1]), fill="toself", line=dict(width=0),
                        fillcolor=_rgba(color, 0.14), hoverinfo="skip", showlegend=False, legendgroup=m)
        fig.add_scatter(x=x, y=train, mode="lines+markers", line=dict(color=color, width=2, dash="dot"),
                        name=t("challenges.gap_train", m=model_name(m)), legendgroup=m,
                        hovertemplate=t("challenges.gap_hover") + "<extra></extra>")
        fig.add_scatter(x=x, y=test, mode="lines+markers", line=dict(color=color, width=2.5),
                        name=t("challenges.gap_test", m=model_name(m)), legendgroup=m,
                        hovertemplate=t("challenges.gap_hover") + "<extra></extra>")
    _log_x(fig, lc.sizes)
    fig.update_yaxes(range=[0, 1.02], title=t("challenges.lc_y"), tickformat=".0%")
    fig.update_layout(height=380, margin=dict(t=50))
    return fig


def _image_axes(fig, n):
    for c in range(1, n + 1):
        fig.update_xaxes(showticklabels=False, showgrid=False, showline=False, ticks="", constrain="domain",
                         row=1, col=c)
        fig.update_yaxes(showticklabels=False, showgrid=False, showline=False, ticks="", autorange="reversed",
                         scaleanchor="x" if c == 1 else f"x{c}", row=1, col=c)


def image_row(panels, height=300):
    """One row of 8×8 maps. ``panels``: [(title, z (8, 8), kind)], kind "digit" (ink dark on white),
    "heat" (0 → max, a sequential scale), or "signed" (a diverging scale centred on 0)."""
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[p[0] for p in panels], horizontal_spacing=0.03)
    for c, (_, z, kind) in enumerate(panels, start=1):
        z = np.asarray(z, dtype=float)
        if kind == "digit":
            style = dict(colorscale="Greys", zmin=0, zmax=1)
        elif kind == "heat":
            style = dict(colorscale="Inferno", zmin=0, zmax=float(z.max()) or 1.0)
        else:
            zmax = float(np.abs(z).max()) or 1.0
            style = dict(colorscale=theme.DIVERGING, zmin=-zmax, zmax=zmax)
        fig.add_trace(go.Heatmap(z=z, showscale=False, hovertemplate=t("challenges.map_hover") + "<extra></extra>",
                                 **style), 1, c)
    _image_axes(fig, len(panels))
    fig.update_annotations(font_size=14)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=60, b=10))
    return fig


def saliency_row(maps, k=0):
    """Digit, gradient map, occlusion map, and the gradient map of the untrained network, for digit k."""
    return image_row([
        (t("challenges.map_digit", label=int(maps.labels[k])), maps.images[k], "digit"),
        (t("challenges.map_gradient"), maps.gradient[k], "heat"),
        (t("challenges.map_occlusion"), maps.occlusion[k], "signed"),
        (t("challenges.map_untrained"), maps.gradient_untrained[k], "heat"),
    ])


def fooled_row(example, eps):
    """The digit, the change (shown at full contrast: it is at most ε), and the changed digit, each titled
    with the network's answer and confidence."""
    return image_row([
        (t("challenges.fool_original", pred=example["pred"], conf=example["conf"]), example["original"], "digit"),
        (t("challenges.fool_change", eps=eps), example["change"], "signed"),
        (t("challenges.fool_perturbed", pred=example["pred_adv"], conf=example["conf_adv"]), example["perturbed"],
         "digit"),
    ], height=320)


def accuracy_vs_eps(result, eps_now=None):
    """Test accuracy against ε for FGSM and for random ±ε noise; the current ε as a vertical line."""
    eps = list(result.epsilons)
    fig = go.Figure()
    fig.add_scatter(x=eps, y=[result.acc_fgsm[e] for e in result.epsilons], mode="lines+markers",
                    name=t("challenges.curve_fgsm"), line=dict(color=FGSM_COLOR, width=3),
                    hovertemplate=t("challenges.eps_hover") + "<extra></extra>")
    fig.add_scatter(x=eps, y=[result.acc_noise[e] for e in result.epsilons], mode="lines+markers",
                    name=t("challenges.curve_noise"), line=dict(color=NOISE_COLOR, width=3, dash="dash"),
                    hovertemplate=t("challenges.eps_hover") + "<extra></extra>")
    fig.add_hline(y=0.1, line=dict(dash="dot", color="#888"), annotation_text=t("challenges.chance"),
                  annotation_position="top left")
    if eps_now is not None:
        fig.add_vline(x=eps_now, line=dict(color="#333", width=1.5))
    fig.update_xaxes(range=[0, max(eps) * 1.02], title=t("challenges.eps_x"))
    fig.update_yaxes(range=[0, 1.02], title=t("challenges.lc_y"), tickformat=".0%")
    fig.update_layout(height=340, margin=dict(t=50))
    return fig
