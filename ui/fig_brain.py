"""Figure builders for the Brain vs ANN and Synchrony pages (fixed axes, the lab's brain/ANN colours)."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import theme
from .figures import wrap
from .i18n import t

GREY = "#666"


def lif_trace(t_ms, v, params, duration):
    """Membrane potential (mV) against time (ms) with threshold and rest lines; y fixed to [−80, −20] mV."""
    fig = go.Figure()
    fig.add_scatter(x=t_ms, y=v, mode="lines", line=dict(color=theme.BRAIN, width=1.5),
                    name="V", hovertemplate="%{x:.1f} ms, %{y:.1f} mV<extra></extra>", showlegend=False)
    # the labels sit on a white box: a firing neuron's trace runs through the threshold line's label
    label = dict(bgcolor="rgba(255,255,255,0.85)", borderpad=1)
    fig.add_hline(y=params.v_th, line=dict(dash="dash", color=GREY), annotation=dict(label),
                  annotation_text=t("brain.threshold", v=params.v_th), annotation_position="top left")
    fig.add_hline(y=params.e_rest, line=dict(dash="dot", color=GREY), annotation=dict(label),
                  annotation_text=t("brain.rest", v=params.e_rest), annotation_position="bottom left")
    fig.update_xaxes(range=[0, duration], title=t("brain.time_ms"))
    fig.update_yaxes(range=[-80, params.v_th + 25], title=t("brain.v_mv"))
    fig.update_layout(height=300, title=t("brain.trace_title"), margin=dict(t=50))
    return fig


def ann_sum(terms, labels, z):
    """Bar chart of the contributions wᵢxᵢ and b, and their sum z, on a fixed [−6, 6] axis."""
    colors = [theme.POS_WEIGHT if v >= 0 else theme.NEG_WEIGHT for v in terms] + [theme.ANN]
    fig = go.Figure(go.Bar(x=list(labels) + [t("brain.z")], y=list(terms) + [z], marker_color=colors,
                           text=[f"{v:+.2f}" for v in list(terms) + [z]], textposition="outside",
                           hovertemplate="%{x}: %{y:.3f}<extra></extra>"))
    fig.add_hline(y=0, line=dict(color=GREY, width=1))
    lim = max(3.0, 1.25 * max(abs(v) for v in list(terms) + [z]))
    fig.update_yaxes(range=[-lim, lim], title=t("brain.contribution"))
    fig.update_xaxes(type="category")
    fig.update_layout(height=250, title=t("brain.ann_bars_title"), margin=dict(t=45))
    return fig


def activation_point(z_grid, y_grid, z, y, y_range):
    """The activation curve over a fixed z range with the current (z, y) marked."""
    fig = go.Figure()
    fig.add_scatter(x=z_grid, y=y_grid, mode="lines", line=dict(color=theme.ANN, width=2), showlegend=False,
                    hoverinfo="skip")
    fig.add_scatter(x=[z], y=[y], mode="markers", marker=dict(size=12, color=theme.ANN, line=dict(color="white")),
                    showlegend=False, hovertemplate="z = %{x:.2f}, y = %{y:.3f}<extra></extra>")
    fig.update_xaxes(range=[z_grid[0], z_grid[-1]], title=t("brain.z"))
    fig.update_yaxes(range=y_range, title=t("brain.y"))
    fig.update_layout(height=250, title=t("brain.act_title"), margin=dict(t=45))
    return fig


def fi_bridge(currents, analytic, simulated, relu, sigmoid, noise, rmax):
    """f-I curves (Hz vs nA) with ReLU and sigmoid rescaled onto the same axes."""
    fig = go.Figure()
    fig.add_scatter(x=currents, y=analytic, mode="lines", name=t("brain.fi_analytic"),
                    line=dict(color=theme.BRAIN, width=3))
    fig.add_scatter(x=currents, y=simulated, mode="lines+markers", name=t("brain.fi_sim", s=noise),
                    line=dict(color=theme.BRAIN, width=1.5, dash="dot"), marker=dict(size=5))
    fig.add_scatter(x=currents, y=relu, mode="lines", name=t("brain.fi_relu"),
                    line=dict(color=theme.ANN, width=2, dash="dash"))
    fig.add_scatter(x=currents, y=sigmoid, mode="lines", name=t("brain.fi_sigmoid", rmax=rmax),
                    line=dict(color=theme.CLASS_COLORS[4], width=2))
    fig.add_hline(y=rmax, line=dict(dash="dot", color=GREY), annotation_text=t("brain.fi_rmax", rmax=rmax),
                  annotation_position="top left", annotation=dict(bgcolor="rgba(255,255,255,0.85)", borderpad=1))
    fig.update_xaxes(range=[currents[0], currents[-1]], title=t("brain.fi_x"))
    fig.update_yaxes(range=[0, rmax * 1.1], title=t("brain.fi_y"))
    # The legend above the plot, where Plotly grows the top margin to the rows it takes on each screen (two at
    # 1280 px, four on a phone). Below the axis, the margin had to hold a phone's four rows everywhere: at 1280 px
    # it left about 60 px blank under the legend. The bottom margin holds the ticks and the x title's line.
    fig.update_layout(height=420, margin=dict(t=20, b=FI_BOTTOM),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, xanchor="left"))
    return fig


FI_BOTTOM = 62        # px: tick labels and one line of the x title at presenter view's type (2.1 × 17 + 1.3 × 20 px);
#                       figures.fit_phone adds the lines a phone's width wraps the title into


CATEGORY_FONT = 12
CATEGORY_COLUMNS = 12     # a third of a phone's plot (figures.PHONE_WIDTH) at CATEGORY_FONT, less room between them


def sparsity_meter(groups, lennie=0.01, attwell=0.15):
    """Box plots of active fractions (%, log axis 0.1–100 %) with the < 1 % and ≤ 15 % reference lines.

    ``groups``: list of (label, fractions in [0, 1], colour).
    """
    fig = go.Figure()
    for label, frac, color in groups:
        pct = np.clip(np.asarray(frac, dtype=float) * 100, 0.1, 100)
        fig.add_box(y=pct, name=wrap(label, CATEGORY_COLUMNS), marker_color=color, boxmean=True, showlegend=False,
                    hovertemplate="%{y:.1f} %<extra></extra>")
    for frac, dash, key, side in ((lennie, "dash", "brain.sp_lennie", "top"), (attwell, "dot", "brain.sp_attwell",
                                                                                  "bottom")):
        fig.add_hline(y=frac * 100, line=dict(dash=dash, color=theme.BRAIN))
        # annotations on a log axis are placed in log10 units; one below its line, one above, so that lines
        # a phone's narrow plot wraps them into (figures.fit_phone) grow away from the line
        fig.add_annotation(x=1, xref="paper", xanchor="right", align="right", y=np.log10(frac * 100), yref="y",
                           yanchor=side, yshift=3 if side == "bottom" else -3, text=t(key), showarrow=False,
                           font=dict(color=theme.BRAIN, size=12))
    fig.update_yaxes(type="log", range=[-1, 2.05], title=t("brain.sp_y"), ticksuffix=" %",
                     tickvals=[0.1, 0.3, 1, 3, 10, 30, 100], ticktext=["0.1", "0.3", "1", "3", "10", "30", "100"])
    # Level, wrapped category names: rotated ones took most of the height and squeezed the plot to ~100 px.
    # Wrapped at CATEGORY_COLUMNS in 12 px type, three names sit side by side on a phone.
    fig.update_xaxes(tickangle=0, tickfont_size=CATEGORY_FONT)
    fig.update_layout(height=420, margin=dict(t=30))     # room for three lines of category names
    return fig


INHIBITORY = theme.CLASS_COLORS[2]
SPECTRUM_TICKS = (1, 10, 100, 1000)     # relative power; the axis shows 10^-0.5 … 10^3.5


def raster_and_rate(spike_t, spike_i, n_exc, n, duration, rate_t, rate_exc, rate_inh, n_show=300, rate_max=None):
    """Spike raster (top: ``n_show`` neurons, 80 % of them excitatory, inhibitory ones on top and coloured)
    and the two population rates (bottom), over a shared, fixed time axis."""
    show_exc = min(n_exc, int(round(0.8 * n_show)))
    show_inh = min(n - n_exc, n_show - show_exc)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.68, 0.32], vertical_spacing=0.06)
    exc = spike_i < show_exc
    inh = (spike_i >= n_exc) & (spike_i < n_exc + show_inh)
    for keep, row_of, color, name in ((exc, spike_i[exc], theme.BRAIN, t("sync.exc")),
                                      (inh, spike_i[inh] - n_exc + show_exc, INHIBITORY, t("sync.inh"))):
        fig.add_trace(go.Scattergl(x=spike_t[keep], y=row_of, mode="markers", name=name,
                                   marker=dict(size=2.5, color=color), showlegend=False,
                                   hovertemplate="%{x:.1f} ms, " + name + "<extra></extra>"), row=1, col=1)
    for rate, color, name in ((rate_exc, theme.BRAIN, t("sync.exc")), (rate_inh, INHIBITORY, t("sync.inh"))):
        fig.add_trace(go.Scatter(x=rate_t, y=rate, mode="lines", line=dict(color=color, width=1), name=name,
                                 hovertemplate="%{x:.0f} ms: %{y:.0f} Hz<extra>" + name + "</extra>"), row=2, col=1)
    fig.update_xaxes(range=[0, duration], row=1, col=1)
    fig.update_xaxes(range=[0, duration], title=t("sync.time_ms"), row=2, col=1)
    fig.update_yaxes(range=[-1, show_exc + show_inh], title=t("sync.neuron"), row=1, col=1)
    top = rate_max if rate_max is not None else max(50.0, float(np.max(rate_exc, initial=0)) * 1.1)
    fig.update_yaxes(range=[0, top], title=t("sync.poprate"), row=2, col=1)
    fig.update_layout(height=540, title=t("sync.raster_title", e=show_exc, i=show_inh), margin=dict(t=70),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=1, xanchor="right"))
    return fig


def rate_spectrum(freqs, power, peak_hz=None, ref_power=None, f_max=100.0):
    """Power spectrum of the excitatory population rate relative to independent neurons (log axis): the run, the
    same run uncoupled as a grey reference when given, and the coupled peak marked."""
    fig = go.Figure()
    keep = (freqs > 0) & (freqs <= f_max)
    if ref_power is not None:
        fig.add_scatter(x=freqs[keep], y=ref_power[keep], mode="lines", line=dict(color=GREY, width=1.5, dash="dash"),
                        name=t("sync.spec_ref"), hovertemplate="%{x:.0f} Hz: ×%{y:.1f}<extra></extra>")
    fig.add_scatter(x=freqs[keep], y=power[keep], mode="lines+markers", line=dict(color=theme.BRAIN, width=2),
                    marker=dict(size=5), name=t("sync.spec_trace"),
                    hovertemplate="%{x:.0f} Hz: ×%{y:.1f}<extra></extra>")
    # The label placed by hand: Plotly's hline annotation takes y = 1 as a log10 value on a log axis and
    # drew it at 10, over the curve.
    fig.add_hline(y=1.0, line=dict(dash="dot", color=GREY))
    fig.add_annotation(x=1, xref="x domain", xanchor="right", align="right", y=0.0, yref="y", yanchor="top",
                       text=t("sync.spec_async"), showarrow=False)
    if peak_hz is not None and np.isfinite(peak_hz):
        fig.add_vline(x=peak_hz, line=dict(color=GREY, width=1), annotation_text=t("sync.spec_peak", f=peak_hz),
                      annotation_position="top right")
    fig.update_xaxes(range=[0, f_max], title=t("sync.spec_x"))
    # Decades only: Plotly's own log ticks label 2 and 5 in between, and a "5" under the 1 means 0.5.
    fig.update_yaxes(type="log", range=[-0.5, 3.5], title=t("sync.spec_y"), tickvals=SPECTRUM_TICKS,
                     ticktext=[f"{v:g}" for v in SPECTRUM_TICKS], minor=dict(tickvals=[], showgrid=False))
    # The legend below the axis, where it cannot run into the title (presenter type, zh).
    fig.update_layout(height=380 if ref_power is not None else 340, title=t("sync.spec_title"), margin=dict(t=50),
                      showlegend=ref_power is not None,
                      legend=dict(orientation="h", yanchor="top", y=-0.3, x=0, xanchor="left"))
    return fig


def sync_sweep(c, corr, chi, c_now=None):
    """Output correlation and χ against input correlation c, with the identity line; both axes [0, 1]."""
    fig = go.Figure()
    fig.add_scatter(x=[0, 1], y=[0, 1], mode="lines", name=t("sync.sweep_identity"),
                    line=dict(dash="dot", color=GREY))
    fig.add_scatter(x=c, y=corr, mode="lines+markers", name=t("sync.sweep_corr"),
                    line=dict(color=theme.BRAIN, width=2))
    fig.add_scatter(x=c, y=chi, mode="lines+markers", name=t("sync.sweep_chi"),
                    line=dict(color=theme.ANN, width=2, dash="dash"))
    if c_now is not None:
        fig.add_vline(x=c_now, line=dict(color=GREY, width=1))
    fig.update_xaxes(range=[0, 1.02], title=t("sync.sweep_x"))
    fig.update_yaxes(range=[-0.05, 1.05], title=t("sync.sweep_y"))
    fig.update_layout(height=360, margin=dict(t=40))
    return fig


def stacked_table(markdown: str) -> str:
    """A Markdown table as Markdown a phone's column shows whole: each row's first cell in bold, then every other
    cell on its own line after its column's name. Four columns of sentences scrolled sideways at 390 px; lines of
    text before or after the table stay as they are."""
    def cells(line):
        return [c.strip() for c in line.strip().strip("|").split("|")]

    lines = markdown.strip().splitlines()
    rows = [i for i, line in enumerate(lines) if line.lstrip().startswith("|")]
    if len(rows) < 2:
        return markdown
    head = cells(lines[rows[0]])
    out = lines[:rows[0]]
    for i in rows[1:]:
        row = cells(lines[i])
        if all(c and set(c) <= set("-: ") for c in row):          # the |---|---| line
            continue
        out += [f"**{row[0]}**", *("- " + t("brain.scale_cell", column=h, cell=c) for h, c in zip(head[1:], row[1:])),
                ""]
    return "\n".join(out + lines[rows[-1] + 1:]).strip()
