"""Figure builders for the RNN page: training curves, one sequence, hidden state, gradients, memory span."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import fastfig, svg, theme
from .i18n import t

CELL_COLORS = {"RNN": theme.CLASS_COLORS[0], "LSTM": theme.CLASS_COLORS[1], "GRU": theme.CLASS_COLORS[2]}


def curves(history, max_epochs, classification=True, y_max=None, scale=1.0):
    """Loss (train and test) and, for classification, accuracy against epoch, on fixed axes; SVG."""
    loss, val = history.get("loss", []), history.get("val_loss", [])
    if y_max is None:
        first = [v for v in list(loss[:1]) + list(val[:1]) if np.isfinite(v)]
        y_max = max([0.5] + first) * 1.15
    x_range = (0, max(max_epochs, len(loss), 1))
    names = (t("common.train"), t("common.test"))
    panels = [svg.Panel([svg.Series(loss, names[0], theme.TRAIN), svg.Series(val, names[1], theme.TEST)],
                        x_range, (0, y_max), t("common.epoch"), t("rnn.loss_unit"), t("rnn.curve_loss"))]
    if classification:
        panels.append(svg.Panel([svg.Series(history.get("accuracy", []), names[0], theme.TRAIN),
                                 svg.Series(history.get("val_accuracy", []), names[1], theme.TEST)],
                                x_range, (0, 1.02), t("common.epoch"), t("common.accuracy"), t("rnn.curve_acc"),
                                percent=True))
    return svg.line_chart(panels, width=900, height=320, scale=scale)


def _input_heatmap(x, labels, xref="x", yref="y"):
    x = np.asarray(x, dtype=float)
    top = max(1.0, float(np.abs(x).max()))
    return dict(type="heatmap", z=x.T, x=np.arange(len(x)), y=labels, colorscale=theme.DIVERGING, zmin=-top,
                zmax=top, zmid=0, showscale=False, hovertemplate=t("rnn.hover_input") + "<extra></extra>",
                xaxis=xref, yaxis=yref)


def sequence(task, info):
    """One sequence: its input over time and the target vs the network's answer. For the delayed recall, the
    input only: the answer is :func:`recall_answer`, a figure of its own the page sets beside it (and below it on
    a phone, where two panels of one figure squeezed the bars and ran their titles together)."""
    x, target, pred = info["x"], info["target"], info["pred"]
    T = len(x)
    if task == "sine":
        data = [dict(type="scatter", x=np.arange(T), y=x[:, 0], mode="lines+markers", name=t("rnn.seq_input"),
                     line=dict(color="#666")),
                dict(type="scatter", x=[T], y=[float(np.ravel(target)[0])], mode="markers", name=t("rnn.seq_target"),
                     marker=dict(color=theme.TEST, size=14, symbol="circle-open", line=dict(width=3))),
                dict(type="scatter", x=[T], y=[float(np.ravel(pred)[0])], mode="markers", name=t("rnn.seq_pred"),
                     marker=dict(color=theme.ANN, size=10))]
        layout = dict(xaxis=dict(title=t("rnn.time_step"), range=[-0.5, T + 0.5]),
                      yaxis=dict(title=t("rnn.sine_value"), range=[-1.6, 1.6]), height=320)
        return fastfig.figure(data, layout)
    n_in = x.shape[1]
    if task == "delayed_recall":
        labels = [t("rnn.symbol", k=k) for k in range(n_in - 1)] + [t("rnn.go_cue")]
        layout = dict(title=t("rnn.seq_input"), xaxis=dict(title=t("rnn.time_step")), height=300,
                      margin=dict(t=50))
        return fastfig.figure([_input_heatmap(x, labels)], layout)
    labels = ([t("rnn.symbol", k=k) for k in range(n_in - 2)] + ["—", t("rnn.go_cue")]) if task == "copy" \
        else [t("rnn.bit")]
    layout = fastfig.subplot_layout(2, 1, [t("rnn.seq_input"), t("rnn.seq_answer")], row_heights=[0.5, 0.5],
                                    shared_xaxes=True, vertical_spacing=0.12)
    steps = np.arange(T)
    data = [_input_heatmap(x, labels),
            dict(type="scatter", x=steps, y=np.asarray(target), mode="markers", name=t("rnn.seq_target"),
                 marker=dict(color=theme.TEST, size=14, symbol="circle-open", line=dict(width=3)),
                 xaxis="x2", yaxis="y2"),
            dict(type="scatter", x=steps, y=np.asarray(pred), mode="markers", name=t("rnn.seq_pred"),
                 marker=dict(color=theme.ANN, size=8), xaxis="x2", yaxis="y2")]
    top = n_in - 2 if task == "copy" else 1
    text = ([str(k) for k in range(top)] + ["—"]) if task == "copy" else ["0", "1"]
    fastfig.merge(layout, "yaxis2", range=[-0.5, top + 0.5], tickvals=list(range(top + 1)), ticktext=text,
                  title=dict(text=t("rnn.label")))
    fastfig.merge(layout, "xaxis2", title=dict(text=t("rnn.time_step")))
    layout.update(height=400, margin=dict(t=50))
    return fastfig.figure(data, layout)


def recall_answer(info):
    """The delayed recall's answer: the network's probability for each symbol at the go cue, the symbol shown
    outlined; y fixed to [0, 1]."""
    proba, target = info["proba"], int(info["target"])
    names = [t("rnn.symbol", k=k) for k in range(len(proba))]
    bar = dict(type="bar", x=names, y=proba, marker_color=[theme.class_color(k) for k in range(len(proba))],
               marker_line=dict(color=["#000" if k == target else "rgba(0,0,0,0)" for k in range(len(proba))],
                                width=3),
               name=t("rnn.seq_proba"), showlegend=False, hovertemplate="%{x}: %{y:.1%}<extra></extra>")
    layout = dict(title=t("rnn.recall_verdict", target=target, pred=int(info["pred"])),
                  xaxis=dict(type="category", tickvals=names, ticktext=[str(k) for k in range(len(proba))],
                             tickangle=0, title=t("rnn.symbol_axis")),    # level digits in a narrow column
                  yaxis=dict(range=[0, 1.05], tickformat=".0%", title=t("rnn.probability")),
                  height=300, margin=dict(t=50))
    return fastfig.figure([bar], layout)


def hidden_heatmap(hidden, title, marks=()):
    """Hidden state (T, H) as units × time, colour fixed to [−1, 1]; ``marks`` = [(step, label)] lines."""
    hidden = np.asarray(hidden, dtype=float)
    T, H = hidden.shape
    heat = dict(type="heatmap", z=hidden.T, x=np.arange(T), y=np.arange(H), zmin=-1, zmax=1, zmid=0,
                colorscale=theme.DIVERGING, colorbar=dict(title="hₜ", thickness=12),
                hovertemplate=t("rnn.hover_hidden") + "<extra></extra>")
    layout = dict(xaxis=dict(title=t("rnn.time_step"), range=[-0.5, T - 0.5]),
                  yaxis=dict(title=t("rnn.hidden_unit"), autorange="reversed"),
                  title=title, height=340, margin=dict(t=60))
    if marks:           # what add_vline(x=step, annotation_text=label, annotation_position="top") adds
        layout["shapes"] = [dict(type="line", x0=step, x1=step, xref="x", y0=0, y1=1, yref="y domain",
                                 line=dict(color=theme.BRAIN, dash="dot", width=2)) for step, _ in marks]
        layout["annotations"] = [dict(text=label, showarrow=False, x=step, xanchor="center", xref="x", y=1,
                                      yanchor="bottom", yref="y domain") for step, label in marks]
    return fastfig.figure([heat], layout)


def gradient_profiles(profiles, trained=None, trained_label=""):
    """‖∂L/∂hₜ‖ against steps before the loss, log scale; one dashed line per cell at initialisation,
    plus the trained model's curve (solid) if given. Each curve is divided by its value at the last step."""
    data = []

    def add(norms, name, color, dash, width):
        norms = np.asarray(norms, dtype=float)
        back = np.arange(len(norms))[::-1]          # steps before the last one
        rel = norms / max(norms[-1], 1e-30)
        data.append(dict(type="scatter", x=back, y=np.maximum(rel, 1e-12), mode="lines+markers", name=name,
                         line=dict(color=color, dash=dash, width=width), marker=dict(size=4),
                         hovertemplate=t("rnn.hover_grad") + "<extra></extra>"))

    for cell, norms in profiles.items():
        add(norms, t("rnn.grad_init", cell=cell), CELL_COLORS[cell], "dash", 2)
    if trained is not None:
        add(trained, trained_label, theme.BRAIN, "solid", 3)
    T = max(len(v) for v in profiles.values())
    layout = dict(xaxis=dict(title=t("rnn.steps_back"), range=[-0.5, T - 0.5]),
                  yaxis=dict(type="log", title=t("rnn.grad_axis"), range=[-8, 1.5], exponentformat="power"),
                  height=360)
    return fastfig.figure(data, layout)


def memory_span(result):
    """Test accuracy against delay, one line per cell, with chance level; y fixed to [0, 1]."""
    fig = go.Figure()
    delays = result["delays"]
    for cell, accs in result["cells"].items():
        fig.add_scatter(x=delays, y=accs, mode="lines+markers", name=cell, line=dict(color=CELL_COLORS[cell], width=3),
                        marker=dict(size=9), hovertemplate=t("rnn.hover_span", cell=cell) + "<extra></extra>")
    fig.add_hline(y=result["chance"], line=dict(dash="dot", color="#666"), annotation_text=t("rnn.chance"),
                  annotation_position="bottom right")
    fig.update_xaxes(title=t("rnn.delay_axis"), range=[0, max(delays) + 1])
    fig.update_yaxes(title=t("rnn.span_axis"), range=[0, 1.05], tickformat=".0%")
    fig.update_layout(height=360)
    return fig
