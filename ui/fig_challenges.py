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
    fig.update_yaxes(range=[0, 1.02], title=t("challenges.gap_y"), tickformat=".0%")
    fig.update_layout(height=380, margin=dict(t=50))
    return fig


def _image_axes(fig, n):
    for c in range(1, n + 1):
        fig.update_xaxes(showticklabels=False, showgrid=False, showline=False, ticks="", constrain="domain",
                         row=1, col=c)
        fig.update_yaxes(showticklabels=False, showgrid=False, showline=False, ticks="", autorange="reversed",
                         scaleanchor="x" if c == 1 else f"x{c}", row=1, col=c)


def _frame(fig, c, side):
    """A thin grey border round the image of panel c, so white paper does not melt into a white page."""
    suffix = "" if c == 1 else str(c)
    fig.add_shape(type="rect", xref=f"x{suffix}", yref=f"y{suffix}", x0=-0.5, x1=side - 0.5, y0=-0.5,
                  y1=side - 0.5, line=dict(color="#999", width=1), fillcolor="rgba(0,0,0,0)", layer="above")


def _colorbar(fig, c, title, scale):
    """A short horizontal colour scale under panel c, titled with what the colours measure."""
    domain = fig.layout[f"xaxis{'' if c == 1 else c}"].domain
    return dict(orientation="h", x=(domain[0] + domain[1]) / 2, xanchor="center", y=-0.04, yanchor="top",
                len=0.8 * (domain[1] - domain[0]), thickness=10 * scale, title=dict(text=title, side="bottom"),
                tickfont=dict(size=11 * scale), outlinewidth=0)


def image_row(panels, height=300, scale=1.0, spacing=0.03):
    """One row of 8×8 maps. ``panels``: [(title, z (8, 8), kind)] or [(title, z, kind, scale_title)], kind
    "digit" (ink dark on white), "heat" (0 → max, a sequential scale), or "signed" (a diverging scale centred
    on 0). A panel with a ``scale_title`` gets a colour scale under it. ``scale`` grows type in presenter view."""
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[p[0] for p in panels],
                        horizontal_spacing=spacing)
    with_bars = False
    for c, (_, z, kind, *bar) in enumerate(panels, start=1):
        z = np.asarray(z, dtype=float)
        if kind == "digit":
            style = dict(colorscale="Greys", zmin=0, zmax=1)
        elif kind == "heat":
            style = dict(colorscale="Inferno", zmin=0, zmax=float(z.max()) or 1.0)
        else:
            zmax = float(np.abs(z).max()) or 1.0
            style = dict(colorscale=theme.DIVERGING, zmin=-zmax, zmax=zmax)
        if bar:
            style.update(showscale=True, colorbar=_colorbar(fig, c, bar[0], scale))
            with_bars = True
        else:
            style.update(showscale=False)
        fig.add_trace(go.Heatmap(z=z, hovertemplate=t("challenges.map_hover") + "<extra></extra>", **style), 1, c)
        _frame(fig, c, z.shape[0])
    _image_axes(fig, len(panels))
    fig.update_annotations(font_size=14 * scale)
    bottom = int((95 if with_bars else 10) * scale)
    fig.update_layout(height=height + bottom - 10, margin=dict(l=10, r=10, t=int(60 * scale), b=bottom),
                      font_size=12 * scale)
    return fig


def saliency_row(maps, k=0, scale=1.0, own=None):
    """Digit, gradient map, occlusion map, and the gradient map of the untrained network, for digit k; each map
    with its colour scale. ``own``: None for a test digit (titled with its label), "answer" or "class" for a
    student's drawing explained for the network's own answer or for a class the student chose."""
    title = "challenges.map_digit" if own is None else f"challenges.map_own_{own}"
    return image_row([
        (t(title, label=int(maps.labels[k])), maps.images[k], "digit"),
        (t("challenges.map_gradient"), maps.gradient[k], "heat", t("challenges.scale_gradient")),
        (t("challenges.map_occlusion"), maps.occlusion[k], "signed", t("challenges.scale_occlusion")),
        (t("challenges.map_untrained"), maps.gradient_untrained[k], "heat", t("challenges.scale_gradient")),
    ], scale=scale)


def fooled_row(example, eps, scale=1.0):
    """The digit, the change (shown at full contrast: it is at most ε), and the changed digit, each titled
    with the network's answer and confidence, on two lines (one line each overlapped in a narrow column)."""
    return image_row([
        (t("challenges.fool_original", pred=example["pred"], conf=example["conf"]), example["original"], "digit"),
        (t("challenges.fool_change", eps=eps), example["change"], "signed"),
        (t("challenges.fool_perturbed", pred=example["pred_adv"], conf=example["conf_adv"]), example["perturbed"],
         "digit"),
    ], height=320, scale=scale, spacing=0.06)


def accuracy_vs_eps(result, eps_now=None, scale=1.0):
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
    # legend above the plot, not beside it: in a narrow column (and larger presenter type) a side legend
    # squeezes the plot until the axis titles no longer fit
    fig.update_xaxes(range=[0, max(eps) * 1.02], title=t("challenges.eps_x"), automargin=True)
    fig.update_yaxes(range=[0, 1.02], title=t("challenges.lc_y"), tickformat=".0%", automargin=True)
    fig.update_layout(height=int(340 * scale), margin=dict(t=int(80 * scale), l=60, b=60),
                      legend=dict(orientation="h", x=0, xanchor="left", y=1.02, yanchor="bottom"))
    return fig
