"""Figures of the Forgetting page: forgetting curves (live SVG), accuracy matrices, weight change
against Fisher importance, and the complementary-learning-systems sketch."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import svg, theme
from .i18n import t

# One colour per method (Okabe & Ito palette, as theme.CLASS_COLORS); joint, the upper bound, dashed grey.
METHOD_COLORS = {"naive": "#D55E00", "l2": "#CC79A7", "ewc": "#0072B2", "replay": "#009E73", "joint": "#777777"}
METHOD_DASH = {"joint": "6 4"}
CHANCE = 0.1            # ten classes
MARK = "#444"


def method_label(method: str) -> str:
    return t(f"forgetting.method_{method}")


def task_label(result, k: int) -> str:
    """"A (digits 0–4)", "B (pixels shuffled)" …"""
    cfg, name = result.config, result.task_names[k]
    if cfg.scenario == "split":
        classes = result.task_classes[k]
        what = t("forgetting.task_digits", lo=classes[0], hi=classes[-1])
    else:
        what = t("forgetting.task_plain") if k == 0 else t("forgetting.task_shuffled", k=k)
    return t("forgetting.task_name", name=name, what=what)


def curves(results: dict, scale: float = 1.0) -> str:
    """Test accuracy on each task (one panel per task) against epoch over the whole sequence,
    one line per method; dashed verticals where a new task starts. Axes fixed; SVG."""
    first = next(iter(results.values()))
    cfg = first.config
    T, E = cfg.n_tasks, cfg.epochs
    x_hi = T * E + 0.5
    starts = [k * E + 0.5 for k in range(1, T)]
    panels = []
    for k in range(T):
        series = []
        for m, r in results.items():
            n = r.epochs_done
            series.append(svg.Series(r.acc[:n, k], method_label(m), METHOD_COLORS[m], 2.6, METHOD_DASH.get(m),
                                     markers=T * E <= 30))
        for j, x in enumerate(starts):
            series.append(svg.Series([0, 1.02], t("forgetting.curve_start") if j == 0 else "", MARK, 1.2, "3 4",
                                     x=[x, x], legend=j == 0 and k == 0))
        panels.append(svg.Panel(series, (0.5, x_hi), (0, 1.02), t("forgetting.curve_x"),
                                t("forgetting.curve_y") if k == 0 else "", title=task_label(first, k), percent=True,
                                refs=[(CHANCE, t("forgetting.chance"))]))
    width = 420 * T if T > 2 else 960
    return svg.line_chart(panels, width=width, height=330, scale=scale)


def _pct(v) -> str:
    return "" if not np.isfinite(v) else f"{100 * v:.0f}%"


def accuracy_matrices(results: dict):
    """R[i, j] per method as heatmaps with the percentages written in; BWT in each title."""
    methods = list(results)
    first = results[methods[0]]
    names = list(first.task_names)
    titles = [t("forgetting.matrix_title", method=method_label(m), bwt=_signed_pct(results[m].bwt)) for m in methods]
    fig = make_subplots(rows=1, cols=len(methods), subplot_titles=titles, horizontal_spacing=0.05)
    for c, m in enumerate(methods, start=1):
        R = results[m].R
        text = [[_pct(v) for v in row] for row in R]
        fig.add_trace(go.Heatmap(z=R, x=[t("forgetting.matrix_on", task=n) for n in names],
                                 y=[t("forgetting.matrix_after", task=n) for n in names],
                                 zmin=0, zmax=1, colorscale="Blues", text=text, texttemplate="%{text}",
                                 textfont=dict(size=15), showscale=False, hoverongaps=False,
                                 hovertemplate=t("forgetting.matrix_hover") + "<extra></extra>"), row=1, col=c)
        fig.update_yaxes(autorange="reversed", type="category", row=1, col=c, showticklabels=c == 1)
        fig.update_xaxes(type="category", side="bottom", row=1, col=c)
    fig.update_layout(height=150 + 55 * len(names), margin=dict(l=10, r=10, t=60, b=30))
    return fig


def _signed_pct(v) -> str:
    return "—" if not np.isfinite(v) else f"{100 * v:+.0f} %"


def importance_chart(groups: dict, n_bins: int):
    """RMS weight change after task A against the weights' importance for A (groups of equal size)."""
    fig = go.Figure()
    x = np.arange(1, n_bins + 1)
    for m, g in groups.items():
        fig.add_scatter(x=x, y=g["rms_change"], mode="lines+markers", name=method_label(m),
                        line=dict(color=METHOD_COLORS[m], width=3, dash="dash" if m == "joint" else None),
                        hovertemplate=t("forgetting.imp_hover") + "<extra></extra>")
    fig.update_xaxes(title=t("forgetting.imp_x", n=n_bins), tickvals=[1, n_bins],
                     ticktext=[t("forgetting.imp_least"), t("forgetting.imp_most")], range=[0.7, n_bins + 0.3])
    fig.update_yaxes(title=t("forgetting.imp_y"), type="log", exponentformat="power")
    fig.update_layout(height=360, margin=dict(t=30))
    return fig


def cls_diagram(scale: float = 1.0) -> str:
    """The complementary-learning-systems picture beside the methods it inspired (schematic, SVG)."""
    c = svg.Canvas(900, 300, scale)

    def box(x, y, title, lines, color, w=180, h=110):
        c.rect(x, y, w, h, "#fff", color)
        c.rect(x, y, w, 6, color)
        c.text(x + w / 2, y + 24, title, 16, "middle", color, weight="600")
        for i, line in enumerate(lines):
            c.text(x + w / 2, y + 50 + 20 * i, line, 13, "middle")

    def arrow(x1, y1, x2, y2, color):
        c.line(x1, y1, x2, y2, color, 2.2)
        ang = np.arctan2(y2 - y1, x2 - x1)
        for s in (-1, 1):
            c.line(x2, y2, x2 - 11 * np.cos(ang + s * 0.45), y2 - 11 * np.sin(ang + s * 0.45), color, 2.2)

    def side(x0, title, title_color, top, bottom, link, link_color, keep, keep_color):
        """One half: a fast store (top left) feeding a slow learner (bottom right), and what protects it."""
        c.text(x0 + 215, 18, title, 15, "middle", title_color, weight="600")
        box(x0 + 20, 40, *top)
        box(x0 + 250, 175, *bottom)
        arrow(x0 + 200, 95, x0 + 330, 170, link_color)
        c.text(x0 + 272, 112, link, 13, "start", link_color)
        for i, line in enumerate(keep):
            c.text(x0 + 110, 200 + 20 * i, line, 13, "middle", keep_color)
        arrow(x0 + 170, 248, x0 + 246, 240, keep_color)

    T = t
    side(0, T("forgetting.cls_brain"), theme.BRAIN,
         (T("forgetting.cls_hc"), [T("forgetting.cls_hc1"), T("forgetting.cls_hc2"), T("forgetting.cls_hc3")],
          theme.BRAIN),
         (T("forgetting.cls_ctx"), [T("forgetting.cls_ctx1"), T("forgetting.cls_ctx2"), T("forgetting.cls_ctx3")],
          theme.BRAIN),
         T("forgetting.cls_replay"), theme.BRAIN, [T("forgetting.cls_syn"), T("forgetting.cls_syn2")], theme.BRAIN)
    c.line(450, 10, 450, 290, "#ccc", 1, "4 4")
    side(450, T("forgetting.cls_ann"), theme.ANN,
         (T("forgetting.cls_buffer"), [T("forgetting.cls_buffer1"), T("forgetting.cls_buffer2"),
                                       T("forgetting.cls_buffer3")], METHOD_COLORS["replay"]),
         (T("forgetting.cls_net"), [T("forgetting.cls_net1"), T("forgetting.cls_net2"), T("forgetting.cls_net3")],
          theme.ANN),
         T("forgetting.cls_mix"), METHOD_COLORS["replay"], [T("forgetting.cls_ewc"), T("forgetting.cls_ewc2")],
         METHOD_COLORS["ewc"])
    return c.to_string()
