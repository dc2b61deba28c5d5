"""Figure builders for the Learning rules page.

The panels that move while a run is live (raster, weight histogram, curves) are server-drawn SVG
(``ui/svg.py``) with fixed axes; the static ones (the STDP window, Oja's cloud, the digit
components) are Plotly figures.
"""
from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nncore.brain.stdp import stdp_window

from . import theme
from .i18n import t
from .svg import AXIS, INK, Canvas, Panel, Series, line_chart, nice_ticks, responsive, tick_label

CORR = theme.BRAIN          # correlated inputs (they fire together)
FREE = "#8C96A0"            # independent inputs
POST = "#222222"            # the output neuron's spikes
BACKPROP = theme.ANN
FA = theme.CLASS_COLORS[5]  # feedback alignment
OJA = theme.BRAIN
HEBB = theme.CLASS_COLORS[0]


# -- numbers as students read them ----------------------------------------------------------------
MINUS = "\u2212"
SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def fmt_sig(x: float, sig: int = 2, signed: bool = False) -> str:
    """``x`` to ``sig`` significant figures with a real minus sign ("−2.0", "0.50"; "+0.31" if ``signed``)."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else str(x)
    decimals = max(0, sig - 1 - math.floor(math.log10(abs(x))))
    text = f"{x:{'+' if signed else ''}.{decimals}f}"
    return text.replace("-", MINUS)


def fmt_pow10(x: float, sig: int = 2) -> str:
    """Plain for 0.01 ≤ |x| < 10 000, else "1.4 × 10⁶" (never "1.4e+06")."""
    if x == 0 or not math.isfinite(x) or 1e-2 <= abs(x) < 1e4:
        return fmt_sig(x, sig) if x != 0 else "0"
    exp = math.floor(math.log10(abs(x)))
    mant = round(x / 10 ** exp, sig - 1)
    if abs(mant) >= 10:
        mant, exp = mant / 10, exp + 1
    return f"{fmt_sig(mant, sig)} × 10{str(exp).translate(SUPERSCRIPT)}"


# -- the STDP window ------------------------------------------------------------------------------
def stdp_window_figure(params, span_ms=100.0):
    """Δw / g_max (%) against t_post − t_pre (ms): potentiation right of zero, depression left."""
    d = np.linspace(-span_ms, span_ms, 801)
    w = stdp_window(d, params) * 100.0
    fig = go.Figure()
    pos, neg = d > 0, d < 0
    fig.add_scatter(x=d[pos], y=w[pos], mode="lines", fill="tozeroy", line=dict(color=CORR, width=3),
                    name=t("rules.fig_ltp"), hovertemplate="Δt = %{x:.0f} ms: %{y:+.2f} %<extra></extra>")
    fig.add_scatter(x=d[neg], y=w[neg], mode="lines", fill="tozeroy", line=dict(color=BACKPROP, width=3),
                    name=t("rules.fig_ltd"), hovertemplate="Δt = %{x:.0f} ms: %{y:+.2f} %<extra></extra>")
    fig.add_vline(x=0, line=dict(color="#666", width=1))
    fig.add_hline(y=0, line=dict(color="#666", width=1))
    top = 1.35 * 100.0 * max(params.a_plus, params.a_minus, 1e-6)
    fig.add_annotation(x=span_ms * 0.5, y=top * 0.85, text=t("rules.fig_pre_first"), showarrow=False,
                       font=dict(color=CORR))
    fig.add_annotation(x=-span_ms * 0.5, y=-top * 0.85, text=t("rules.fig_post_first"), showarrow=False,
                       font=dict(color=BACKPROP))
    fig.update_xaxes(range=[-span_ms, span_ms], title=t("rules.fig_dt"))
    fig.update_yaxes(range=[-top, top], title=t("rules.fig_dw"))
    fig.update_layout(height=320, margin=dict(t=40), showlegend=True)
    return fig


# -- the live STDP neuron -------------------------------------------------------------------------
def raster_svg(result, *, width=520, height=300, scale=1.0, window_ms=250.0) -> str:
    """Input spikes of the shown inputs (correlated rows on top, in colour) and the output spikes, latest 250 ms;
    with a layout for a phone's column too (``svg.responsive``)."""
    return responsive(_raster, width, result=result, height=height, scale=scale, window_ms=window_ms)


def _raster(result, *, width, height, scale, window_ms) -> str:
    c = Canvas(width, height, scale)
    lo, hi = result.raster_window_ms
    hi = max(hi, lo + window_ms)            # before Start (and in the first 250 ms): a full, fixed window
    n_rows = int(result.raster_row.max()) + 1 if result.raster_row.size else 1
    n_rows = max(n_rows, result.raster_n_rows, result.raster_n_corr + 1)
    left, right = c.fs(118), width - 12
    top, bottom = 10.0, height - c.fs(34)
    out_h = c.fs(22)
    rows_top = top + out_h + 8
    rh = (bottom - rows_top) / n_rows
    span = max(hi - lo, 1e-9)

    def fx(ms):
        return left + (ms - lo) / span * (right - left)

    # output neuron
    c.text(left - 8, top + out_h / 2, t("rules.fig_output"), 12, "end", POST, weight="600")
    for ms in result.raster_post_ms:
        c.rect(fx(ms) - 1.2, top, 2.4, out_h, POST)
    # input rows
    if result.raster_n_corr:
        c.rect(left, rows_top, right - left, rh * result.raster_n_corr, "#fbeef3")
        c.text(left - 8, rows_top + rh * result.raster_n_corr / 2, t("rules.fig_correlated"), 12, "end", CORR)
    c.text(left - 8, rows_top + rh * (result.raster_n_corr + n_rows) / 2, t("rules.fig_independent"), 12, "end",
           FREE)
    for ms, row in zip(result.raster_t_ms, result.raster_row):
        color = CORR if row < result.raster_n_corr else FREE
        c.rect(fx(ms) - 0.9, rows_top + row * rh + 0.1 * rh, 1.8, max(0.8 * rh, 1.0), color)
    c.line(left, bottom, right, bottom, AXIS)
    for v in nice_ticks(0.0, span, 5):
        c.line(fx(lo + v), bottom, fx(lo + v), bottom + 4, AXIS)
        c.text(fx(lo + v), bottom + c.fs(11), tick_label(round((lo + v) / 1000.0, 3)), 12, "middle", "#555")
    c.text((left + right) / 2, height - c.fs(8), t("rules.fig_time_s"), 13, "middle")
    return c.to_string()


def _hist_top(result) -> float:
    """A y-axis top for the histogram that only ever steps up (so the axis rarely moves)."""
    n = len(result.w_final)
    peak = max(float(result.hist.max()), 1.0)
    for frac in (0.1, 0.2, 0.3, 0.5, 0.75, 1.0):
        if peak <= frac * n:
            return frac * n
    return float(n)


def weight_histogram_svg(result, *, width=520, height=300, scale=1.0) -> str:
    """Final weights stacked by group (correlated on top, in colour) over the starting histogram (dashed); with a
    layout for a phone's column too (``svg.responsive``)."""
    return responsive(_histogram, width, result=result, height=height, scale=scale)


def _histogram(result, *, width, height, scale) -> str:
    c = Canvas(width, height, scale)
    corr, free = result.group_histograms()
    start = result.hist[0]
    edges = result.bin_edges
    y_max = _hist_top(result)
    yt = nice_ticks(0.0, y_max, 4)
    left = c.fs(18) + max(c.fs(12) * 0.56 * len(tick_label(v)) for v in yt) + 12
    right, top, bottom = width - 12, c.fs(34), height - c.fs(36)

    def fx(v):
        return left + (v - edges[0]) / (edges[-1] - edges[0]) * (right - left)

    def fy(v):
        return bottom - min(v, y_max) / y_max * (bottom - top)

    x = 10.0
    for color, label in ((CORR, t("rules.fig_correlated")), (FREE, t("rules.fig_independent"))):
        c.rect(x, 8, c.fs(12), c.fs(12), color)
        c.text(x + c.fs(16), 8 + c.fs(6), label, 12)
        x += c.fs(16) + c.fs(12) * 0.56 * len(label) + 28
    c.line(x, 8 + c.fs(6), x + 22, 8 + c.fs(6), INK, 1.5, "4 3")
    c.text(x + 27, 8 + c.fs(6), t("rules.fig_at_start"), 12)
    for v in yt:
        c.line(left, fy(v), right, fy(v), "#e6e6e6", 1)
        c.text(left - 6, fy(v), tick_label(v), 12, "end", "#555")
    for k in range(len(edges) - 1):
        x0, x1 = fx(edges[k]) + 1, fx(edges[k + 1]) - 1
        c.rect(x0, fy(free[k]), x1 - x0, fy(0) - fy(free[k]), FREE)
        c.rect(x0, fy(free[k] + corr[k]), x1 - x0, fy(free[k]) - fy(free[k] + corr[k]), CORR)
    d = "".join(f"{'M' if k == 0 else 'L'}{fx(edges[k]):.1f} {fy(start[k]):.1f}L{fx(edges[k + 1]):.1f} "
                f"{fy(start[k]):.1f}" for k in range(len(start)))
    c.path(d, INK, 1.5, "4 3")
    c.line(left, bottom, right, bottom, AXIS)
    c.line(left, top, left, bottom, AXIS)
    for v in (0.0, 0.25, 0.5, 0.75, 1.0):
        c.text(fx(v), bottom + c.fs(11), tick_label(v), 12, "middle", "#555")
    c.text((left + right) / 2, height - c.fs(8), t("rules.fig_w_axis"), 13, "middle")
    c.text(c.fs(9), (top + bottom) / 2, t("rules.fig_count"), 13, "middle", rotate=-90)
    return c.to_string()


RATE_TOPS = (300.0, 600.0, 1000.0)   # Hz: 300 holds every run at the defaults (first second ≈ 190 Hz)


def _rate_top(rates) -> float:
    """The rate axis' top: fixed at 300 Hz from before Start, stepping up (never down) only for runs that
    fire faster (high input rates, large correlated groups)."""
    peak = float(np.max(rates)) if len(rates) else 0.0
    for top in RATE_TOPS:
        if peak <= 0.95 * top:
            return top
    return math.ceil(peak * 1.1 / 500.0) * 500.0


def stdp_curves_svg(result, duration_s, *, width=900, height=280, scale=1.0) -> str:
    """Mean weight per group and the output rate against simulated time, on axes fixed to the run's length."""
    x_max = max(float(duration_s), float(result.t_s[-1]) if len(result.t_s) else 1.0)
    weights = Panel(series=[Series(result.w_corr_mean, t("rules.fig_correlated"), CORR, x=result.t_s),
                            Series(result.w_uncorr_mean, t("rules.fig_independent"), FREE, x=result.t_s)],
                    x_range=(0, x_max), y_range=(0, 1), x_title=t("rules.fig_time_s"),
                    y_title=t("rules.fig_mean_w"))
    rate_x = np.arange(1, len(result.rate_hz) + 1, dtype=float) - 0.5
    rate = Panel(series=[Series(result.rate_hz, t("rules.fig_rate"), POST, width=2.0, x=rate_x)],
                 x_range=(0, x_max), y_range=(0, _rate_top(result.rate_hz)), x_title=t("rules.fig_time_s"),
                 y_title=t("rules.fig_rate_axis"))
    return line_chart([weights, rate], width=width, height=height, scale=scale)


# -- Hebb as PCA ----------------------------------------------------------------------------------
def _unit(v):
    n = np.linalg.norm(v)
    return v / n if n > 0 else v


def oja_cloud_figure(result, n_frames=30):
    """The 2-D cloud, the first principal component (SVD), and Oja's and Hebb's weight vectors, animated.

    The arrows are drawn ``reach`` long per unit of |w|, so Oja's w (|w| → 1) spans most of the cloud;
    plain Hebb's is drawn at unit length (its real length explodes).
    """
    X, pc = result.X, result.pc1
    reach = 3.2 * math.sqrt(result.var1)
    arrow = 0.75 * reach
    oja_w, hebb_w = result.oja["w"] * arrow, result.hebb["w"]
    fig = go.Figure()
    fig.add_scatter(x=X[:, 0], y=X[:, 1], mode="markers", marker=dict(size=5, color="#B0B8C0"),
                    name=t("rules.fig_data"), hoverinfo="skip", showlegend=False)
    fig.add_scatter(x=[-reach * pc[0], reach * pc[0]], y=[-reach * pc[1], reach * pc[1]], mode="lines",
                    line=dict(color="#333", dash="dash", width=2), name=t("rules.fig_pc1"), hoverinfo="skip")
    fig.add_scatter(x=oja_w[:, 0], y=oja_w[:, 1], mode="lines", line=dict(color=OJA, width=1.5, dash="dot"),
                    name=t("rules.fig_oja_path"), hoverinfo="skip", showlegend=False)

    def arrows(k):
        o = oja_w[min(k, len(oja_w) - 1)]
        h = arrow * _unit(hebb_w[min(k, len(hebb_w) - 1)])
        return [go.Scatter(x=[0, o[0]], y=[0, o[1]], mode="lines+markers", line=dict(color=OJA, width=4),
                           marker=dict(size=[0, 14], symbol="arrow", angleref="previous", color=OJA),
                           name=t("rules.fig_oja_w"), hoverinfo="skip"),
                go.Scatter(x=[0, h[0]], y=[0, h[1]], mode="lines+markers", line=dict(color=HEBB, width=3, dash="dash"),
                           marker=dict(size=[0, 12], symbol="arrow", angleref="previous", color=HEBB),
                           name=t("rules.fig_hebb_dir"), hoverinfo="skip")]

    last = len(oja_w) - 1
    for tr in arrows(last):
        fig.add_trace(tr)
    picks = np.unique(np.linspace(0, last, min(n_frames, last + 1)).astype(int))
    steps = result.oja["step"]
    fig.frames = [go.Frame(name=str(int(steps[k])), traces=[3, 4], data=arrows(k)) for k in picks]
    slider_steps = [dict(method="animate", label=str(int(steps[k])),
                         args=[[str(int(steps[k]))], dict(mode="immediate", frame=dict(duration=0, redraw=False),
                                                          transition=dict(duration=0))]) for k in picks]
    lim = reach * 1.05
    fig.update_xaxes(range=[-lim, lim], title="x₁", zeroline=True, zerolinecolor="#ddd", constrain="domain")
    fig.update_yaxes(range=[-lim, lim], title="x₂", scaleanchor="x", scaleratio=1, zeroline=True,
                     zerolinecolor="#ddd", constrain="domain")
    fig.update_layout(
        height=500, margin=dict(l=50, r=20, t=40, b=120),
        updatemenus=[dict(type="buttons", direction="left", showactive=False, x=0.0, y=-0.22, xanchor="left",
                          yanchor="top", pad=dict(t=0, r=10), buttons=[
                              dict(label="▶ " + t("rules.fig_play"), method="animate",
                                   args=[None, dict(frame=dict(duration=120, redraw=False), fromcurrent=True,
                                                    transition=dict(duration=0))]),
                              dict(label="❚❚", method="animate",
                                   args=[[None], dict(mode="immediate", frame=dict(duration=0, redraw=False))])])],
        sliders=[dict(active=len(picks) - 1, x=0.3, y=-0.14, len=0.7, xanchor="left", yanchor="top",
                      steps=slider_steps, currentvalue=dict(prefix=t("rules.fig_samples_prefix"), font=dict(size=12)),
                      pad=dict(t=30, b=0), font=dict(size=10))])
    return fig


def weight_norm_figure(result):
    """|w| against samples seen, log axis: Oja's stays near 1, plain Hebb's explodes."""
    fig = go.Figure()
    fig.add_scatter(x=result.oja["step"], y=result.oja["norm"], mode="lines", line=dict(color=OJA, width=3),
                    name=t("rules.fig_oja"))
    fig.add_scatter(x=result.hebb["step"], y=result.hebb["norm"], mode="lines", line=dict(color=HEBB, width=3),
                    name=t("rules.fig_hebb"))
    fig.add_hline(y=1.0, line=dict(color="#666", dash="dot"), annotation_text="|w| = 1",
                  annotation_position="bottom right")
    stopped = result.hebb.get("stopped_at")
    if stopped:     # plain Hebb's run is cut where |w| passed the cap: say so where its curve ends
        fig.add_scatter(x=[result.hebb["step"][-1]], y=[result.hebb["norm"][-1]], mode="markers+text",
                        marker=dict(symbol="x", size=11, color=HEBB), text=[t("rules.fig_hebb_stopped", n=stopped)],
                        textposition="middle right", textfont=dict(color=HEBB), showlegend=False, hoverinfo="skip")
    fig.update_xaxes(range=[0, max(int(result.oja["step"][-1]), 1)], title=t("rules.fig_samples"))
    fig.update_yaxes(type="log", range=[-2, 7], title=t("rules.fig_norm"))
    fig.update_layout(height=320, margin=dict(t=40))
    return fig


def component_images_figure(w, pc1, shape=(8, 8)):
    """Oja's weight vector and the SVD's first component as images (sign matched), one colour scale."""
    w = _unit(np.asarray(w, dtype=float))
    pc = np.asarray(pc1, dtype=float)
    if w @ pc < 0:
        w = -w
    lim = float(max(np.abs(w).max(), np.abs(pc).max()))
    fig = make_subplots(1, 2, subplot_titles=[t("rules.fig_oja_image"), t("rules.fig_pc1_image")],
                        horizontal_spacing=0.08)
    for col, img in ((1, w), (2, pc)):
        fig.add_trace(go.Heatmap(z=img.reshape(shape), zmin=-lim, zmax=lim, colorscale=theme.DIVERGING,
                                 showscale=col == 2, hovertemplate="%{z:+.3f}<extra></extra>"), row=1, col=col)
        fig.update_xaxes(showticklabels=False, ticks="", row=1, col=col, constrain="domain")
        fig.update_yaxes(showticklabels=False, ticks="", autorange="reversed", row=1, col=col,
                         scaleanchor=f"x{'' if col == 1 else col}", scaleratio=1)
    fig.update_layout(height=300, margin=dict(l=10, r=10, t=40, b=10))
    return fig


# -- backprop vs feedback alignment ------------------------------------------------------------------
def fa_curves_svg(run_result, epochs, *, width=900, height=290, scale=1.0) -> str:
    """Test accuracy of both learners, and the angle between FA's hidden update and the true gradient, per epoch."""
    acc = Panel(series=[Series(run_result.test_acc["backprop"], t("rules.fig_bp"), BACKPROP, markers=True),
                        Series(run_result.test_acc["feedback_alignment"], t("rules.fig_fa"), FA, markers=True)],
                x_range=(0, max(epochs, run_result.epochs, 1)), y_range=(0.5, 1.0), x_title=t("common.epoch"),
                y_title=t("rules.fig_test_acc"), percent=True)
    angles = [run_result.angle_start_deg] + list(run_result.angle_deg)
    ang = Panel(series=[Series(angles, t("rules.fig_angle"), FA, x=np.arange(len(angles)), markers=True,
                               legend=False)],
                x_range=(0, max(epochs, run_result.epochs, 1)), y_range=(0, 100), x_title=t("common.epoch"),
                y_title=t("rules.fig_angle_axis"), refs=[(90.0, t("rules.fig_orthogonal"))])
    return line_chart([acc, ang], width=width, height=height, scale=scale)
