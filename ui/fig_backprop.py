"""Figures and formulas for the Backprop page: the network diagram with numbers, and LaTeX.

Every number comes from an :class:`lab.backprop_trace.Trace`; these builders only lay it out.
Indices on screen are 1-based (x₁, h₁, ŷ₁) like the maths; node ids inside are 0-based.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import theme
from .figures import LINE_HEIGHT, PHONE_WIDTH, text_px
from .i18n import t

HIGHLIGHT = "#D55E00"  # Okabe-Ito vermillion: the current step
MUTED = "#B0B0B0"
NODE = theme.ANN

# ---------------------------------------------------------------- numbers ---


def num(v, digits=4) -> str:
    """A number for the screen: fixed decimals, scientific only for tiny non-zero values."""
    v = float(v)
    if v != 0 and abs(v) < 10 ** -digits:
        m, e = f"{v:.2e}".split("e")
        return f"{m}\\times10^{{{int(e)}}}"
    s = f"{v:.{digits}f}"
    return "0." + "0" * digits if s in ("-0." + "0" * digits,) else s


def plain(v, digits=3) -> str:
    """Like :func:`num` but plain text (for the diagram)."""
    v = float(v)
    if v != 0 and abs(v) < 10 ** -digits:
        return f"{v:.1e}"
    s = f"{v:.{digits}f}"
    return s[1:] if s.startswith("-0.") and float(s) == 0 else s


def par(v) -> str:
    """A number in brackets when negative, for products like 0.5·(−1.0)."""
    s = num(v)
    return f"({s})" if float(v) < 0 else s


def bmatrix(a, digits=4) -> str:
    a = np.atleast_2d(np.asarray(a, dtype=np.float64))
    rows = [" & ".join(num(v, digits) for v in row) for row in a]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def shape(a) -> str:
    s = np.shape(a)
    if not s:   # a 0-d quantity (the loss): the word goes through the text table
        return r"{\scriptstyle(\text{" + t("backprop.tex.scalar") + "})}"
    return r"{\scriptstyle(" + r"\times".join(str(d) for d in s) + ")}"


# --------------------------------------------------------------- diagram ---

def _positions(n_in, n_hid, n_out):
    pos = {}
    for prefix, col, n in (("x", 0.0, n_in), ("h", 1.0, n_hid), ("y", 2.0, n_out)):
        for i in range(n):
            pos[f"{prefix}{i}"] = (col, 1.5 * ((n - 1) / 2 - i))
    pos["L"] = (2.75, 0.0)
    return pos


def revealed(tr, upto: int) -> set:
    """Keys of the steps shown so far (0-based step index ``upto`` included)."""
    return {s.key for s in tr.steps[: upto + 1]}


def network_diagram(tr, upto: int, height=None):
    """The network with every number reached so far; the current step's nodes and edges highlighted."""
    net, q = tr.net, tr.q
    H, O = net.n_hidden, net.n_out
    pos = _positions(2, H, O)
    seen = revealed(tr, upto)
    step = tr.step(upto)
    hot_nodes, hot_edges = set(step.nodes), set(step.edges)
    fig = go.Figure()
    ann = []

    def edge(a, b, w, grad, layer, frac):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        hot = layer in hot_edges
        colour = HIGHLIGHT if hot else (theme.POS_WEIGHT if w >= 0 else theme.NEG_WEIGHT)
        width = 5 if hot else 1 + 2.5 * min(abs(w), 2) / 2
        fig.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                        line=dict(color=colour, width=width), opacity=1.0 if hot or not hot_edges else 0.55)
        text = f"w={plain(w, 2)}"
        if grad is not None:
            text += f"<br>∂L/∂w={plain(grad)}"
        ann.append(dict(x=x0 + frac * (x1 - x0), y=y0 + frac * (y1 - y0), text=text, showarrow=False,
                        font=dict(size=11, color=HIGHLIGHT if hot else "#333"),
                        bgcolor="rgba(255,255,255,0.85)"))

    g1 = q["dW1"] if "dW1" in seen else None
    g2 = q["dW2"] if "dW2" in seen else None
    w1_at = _w1_label_fracs(net, q, pos, height or diagram_height(net))
    for j in range(H):
        for i in range(2):
            edge(f"x{i}", f"h{j}", net.W1[j, i], None if g1 is None else g1[j, i], "W1", w1_at[j, i])
    for k in range(O):
        for j in range(H):
            edge(f"h{j}", f"y{k}", net.W2[k, j], None if g2 is None else g2[k, j], "W2", (0.42, 0.62, 0.42)[j % 3])
    for k in range(O):
        (x0, y0), (x1, y1) = pos[f"y{k}"], pos["L"]
        fig.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                        line=dict(color=MUTED, width=1, dash="dot"))

    labels = {}
    for i in range(2):
        labels[f"x{i}"] = [_input_label(q, i)]
    def pair(a, b):
        return " · ".join(p for p in (a, b) if p)

    def show(key, text):
        return text if key in seen else ""

    for j in range(H):
        lines = [f"b={plain(net.b1[j], 2)}",
                 pair(show("Z1", f"z={plain(q['Z1'][0, j])}"), show("H", f"h{j + 1}={plain(q['H'][0, j])}")),
                 pair(show("dH", f"∂L/∂h={plain(q['dH'][0, j])}"),
                      show("f_prime", f"f′={plain(q['f_prime'][0, j])}")),
                 pair(show("delta1", f"δ={plain(q['delta1'][0, j])}"), show("db1", f"∂L/∂b={plain(q['db1'][j])}"))]
        labels[f"h{j}"] = [line for line in lines if line]
    for k in range(O):
        lines = [f"b={plain(net.b2[k], 2)}",
                 pair(show("Z2", f"z={plain(q['Z2'][0, k])}"), show("Yhat", f"ŷ{k + 1}={plain(q['Yhat'][0, k])}")),
                 pair(show("dL_dYhat", f"∂L/∂ŷ={plain(q['dL_dYhat'][0, k])}") if "dL_dYhat" in q else "",
                      show("g_prime", f"g′={plain(q['g_prime'][0, k])}") if "g_prime" in q else ""),
                 pair(show("delta2", f"δ={plain(q['delta2'][0, k])}"), show("db2", f"∂L/∂b={plain(q['db2'][k])}"))]
        labels[f"y{k}"] = [line for line in lines if line]
    labels["L"] = [f"L={plain(q['L'], 4)}"] if "L" in seen else ["L"]

    names = list(pos)
    fig.add_scatter(
        x=[pos[n][0] for n in names], y=[pos[n][1] for n in names], mode="markers", showlegend=False,
        hovertext=["<br>".join(labels[n]) for n in names], hoverinfo="text",
        marker=dict(size=[30 if n != "L" else 36 for n in names],
                    symbol=["square" if n == "L" else "circle" for n in names],
                    color=["white" if n in hot_nodes else NODE for n in names],
                    line=dict(color=[HIGHLIGHT if n in hot_nodes else NODE for n in names],
                              width=[5 if n in hot_nodes else 1 for n in names])))
    for n in names:
        x, y = pos[n]
        hot = n in hot_nodes
        ann.append(dict(x=x, y=y - 0.2, yanchor="top", text="<br>".join(labels[n]), showarrow=False,
                        font=dict(size=12, color=HIGHLIGHT if hot else "#111"),
                        bgcolor="rgba(255,255,255,0.9)", bordercolor=HIGHLIGHT if hot else "rgba(0,0,0,0)"))
    for col, key in ((0, "backprop.fig.inputs"), (1, "backprop.fig.hidden"), (2, "backprop.fig.outputs"),
                     (2.75, "backprop.fig.loss")):
        ann.append(dict(x=col, y=1.0, yref="paper", text=f"<b>{t(key)}</b>", showarrow=False,
                        font=dict(size=13, color="#444")))
    fig.update_layout(annotations=ann, height=height or diagram_height(net), margin=DIAGRAM_MARGIN,
                      plot_bgcolor="white", hovermode="closest")
    fig.update_xaxes(range=DIAGRAM_X, visible=False, fixedrange=True)
    fig.update_yaxes(range=_diagram_y(net), visible=False, fixedrange=True)
    return fig


DIAGRAM_MARGIN = dict(l=10, r=10, t=30, b=10)
DIAGRAM_X = (-0.45, 3.15)
NODE_PX = 36            # a node's circle, its highlight ring included
LABEL_GAP = 4           # px kept between two labels' boxes


def diagram_height(net) -> int:
    return 300 + 110 * max(2, net.n_hidden, net.n_out)


def _diagram_y(net):
    top = 1.5 * (max(2, net.n_hidden, net.n_out) - 1) / 2
    return (-top - 1.1, top + 0.5)


def _input_label(q, i) -> str:
    return f"x{i + 1}={plain(q['X'][0, i], 2)}"


def _w1_label_text(net, q, j, i) -> str:
    """An input weight's label as it reads once its gradient is shown (the widest it gets)."""
    return f"w={plain(net.W1[j, i], 2)}<br>∂L/∂w={plain(q['dW1'][j, i])}"


def _phone_scale(height, y_range):
    """px per data unit along x and y when the diagram is drawn on a phone's 358 px chart."""
    m = DIAGRAM_MARGIN
    return ((PHONE_WIDTH - m["l"] - m["r"]) / (DIAGRAM_X[1] - DIAGRAM_X[0]),
            (height - m["t"] - m["b"]) / (y_range[1] - y_range[0]))


def _box(cx, cy, text, size, sx, sy, top=False):
    """A label's box in phone px (x0, y0, x1, y1; y up): centred on (cx, cy), or hanging from cy when ``top``."""
    w = text_px(text, size) + 6
    h = (str(text).count("<br>") + 1) * LINE_HEIGHT * size + 4
    x, y = cx * sx, cy * sy
    return (x - w / 2, y - h, x + w / 2, y) if top else (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def _overlap(a, b) -> float:
    dx = min(a[2], b[2]) - max(a[0], b[0]) + LABEL_GAP
    dy = min(a[3], b[3]) - max(a[1], b[1]) + LABEL_GAP
    return dx * dy if dx > 0 and dy > 0 else 0.0


def diagram_obstacles(net, q, pos, height):
    """Phone-px boxes the input weights' labels must keep clear of: the input and hidden nodes, and the input
    labels under the inputs (x₁=…)."""
    sx, sy = _phone_scale(height, _diagram_y(net))
    nodes, labels = [], []
    for n, (x, y) in pos.items():
        if n[0] in "xh":
            nodes.append((x * sx - NODE_PX / 2, y * sy - NODE_PX / 2, x * sx + NODE_PX / 2, y * sy + NODE_PX / 2))
        if n[0] == "x":
            labels.append(_box(x, y - 0.2, _input_label(q, int(n[1:])), 12, sx, sy, top=True))
    return nodes, labels


def _w1_label_fracs(net, q, pos, height):
    """Where along its edge each input weight's label sits (0 at the input, 1 at the hidden unit), chosen so that
    on a phone's 358 px chart it clears the nodes, the input labels and the labels placed before it. A fixed
    place (a quarter of the way) put "w=…" over "x₁=…" there; wider screens only spread the boxes further apart.
    Sized for the label's widest form (with ∂L/∂w), so no label moves between steps."""
    sx, sy = _phone_scale(height, _diagram_y(net))
    nodes, inputs = diagram_obstacles(net, q, pos, height)
    # an input label covered is a number lost; another weight's label, nearly so; a node's edge, a little of a ring
    taken = [(box, 1.0) for box in nodes] + [(box, 100.0) for box in inputs]
    fracs = np.zeros((net.n_hidden, 2))
    candidates = np.round(np.arange(0.15, 0.86, 0.05), 2)
    for j in range(net.n_hidden):
        for i in range(2):
            (x0, y0), (x1, y1) = pos[f"x{i}"], pos[f"h{j}"]
            text = _w1_label_text(net, q, j, i)
            home = 0.25 if i == 0 else 0.55
            best = None
            for f in sorted(candidates, key=lambda c: (abs(c - home), c)):
                box = _box(x0 + f * (x1 - x0), y0 + f * (y1 - y0), text, 11, sx, sy)
                cost = sum(weight * _overlap(box, other) for other, weight in taken)
                if best is None or cost < best[0]:
                    best = (cost, f, box)
                if cost == 0:
                    break
            fracs[j, i] = best[1]
            taken.append((best[2], 10.0))
    return fracs


# -------------------------------------------------------------- formulas ---

LOSS_TEX = {
    "binary_cross_entropy": r"L = -\frac{1}{O}\sum_k \big[y_k\log\hat y_k + (1-y_k)\log(1-\hat y_k)\big]",
    "mse": r"L = \frac{1}{O}\sum_k (\hat y_k - y_k)^2",
    "cross_entropy": r"L = -\log \hat y_c,\quad \hat y = \operatorname{softmax}(z^{(2)})",
}
DLOSS_TEX = {
    "binary_cross_entropy": r"\frac{\partial L}{\partial \hat y_k} = \frac{\hat y_k - y_k}{O\,\hat y_k(1-\hat y_k)}",
    "mse": r"\frac{\partial L}{\partial \hat y_k} = \frac{2(\hat y_k - y_k)}{O}",
}
ACT_TEX = {
    "sigmoid": (r"\sigma(z) = \frac{1}{1+e^{-z}}", r"\sigma'(z) = \sigma(z)\,(1-\sigma(z))"),
    "tanh": (r"\tanh z", r"\tanh'(z) = 1-\tanh^2 z"),
    "relu": (r"\max(z, 0)", r"\mathrm{relu}'(z) = [z > 0]"),
    "leaky_relu": (r"\max(z, 0.01z)", r"f'(z) = \begin{cases} 1 & z > 0 \\ 0.01 & z \le 0 \end{cases}"),
    "linear": (r"z", r"1"),
}

GENERIC = {
    "X": r"x = \begin{bmatrix} x_1 & x_2 \end{bmatrix}",
    "Z1": r"z^{(1)} = x\,W^{(1)\top} + b^{(1)},\quad z^{(1)}_j = \textstyle\sum_i W^{(1)}_{ji}x_i + b^{(1)}_j",
    "H": r"h = f\big(z^{(1)}\big)",
    "Z2": r"z^{(2)} = h\,W^{(2)\top} + b^{(2)},\quad z^{(2)}_k = \textstyle\sum_j W^{(2)}_{kj}h_j + b^{(2)}_k",
    "Yhat": r"\hat y = g\big(z^{(2)}\big)",
    "dL_dYhat": r"\frac{\partial L}{\partial \hat y_k}",
    "g_prime": r"\frac{\partial \hat y_k}{\partial z^{(2)}_k} = g'\big(z^{(2)}_k\big)",
    "delta2": r"\delta^{(2)}_k = \frac{\partial L}{\partial z^{(2)}_k} = \frac{\partial L}{\partial \hat y_k}"
              r"\cdot g'\big(z^{(2)}_k\big)",
    "dW2": r"\frac{\partial L}{\partial W^{(2)}_{kj}} = \delta^{(2)}_k \cdot \frac{\partial z^{(2)}_k}"
           r"{\partial W^{(2)}_{kj}} = \delta^{(2)}_k\, h_j",
    "db2": r"\frac{\partial L}{\partial b^{(2)}_k} = \delta^{(2)}_k \cdot 1",
    "dH": r"\frac{\partial L}{\partial h_j} = \textstyle\sum_k \delta^{(2)}_k\, W^{(2)}_{kj}",
    "f_prime": r"\frac{\partial h_j}{\partial z^{(1)}_j} = f'\big(z^{(1)}_j\big)",
    "delta1": r"\delta^{(1)}_j = \frac{\partial L}{\partial h_j}\cdot f'\big(z^{(1)}_j\big)",
    "dW1": r"\frac{\partial L}{\partial W^{(1)}_{ji}} = \delta^{(1)}_j\, x_i",
    "db1": r"\frac{\partial L}{\partial b^{(1)}_j} = \delta^{(1)}_j \cdot 1",
}

MATRIX = {  # the same step as one matrix formula, with the shape of every factor
    "X": lambda n: rf"x \;{shape(n['X'])}",
    "Z1": lambda n: rf"z^{{(1)}}{shape(n['Z1'])} = x{shape(n['X'])}\,W^{{(1)\top}}{shape(n['W1'].T)}"
                    rf" + b^{{(1)}}{shape(n['b1'][None])}",
    "H": lambda n: rf"h{shape(n['H'])} = f\big(z^{{(1)}}\big){shape(n['Z1'])}",
    "Z2": lambda n: rf"z^{{(2)}}{shape(n['Z2'])} = h{shape(n['H'])}\,W^{{(2)\top}}{shape(n['W2'].T)}"
                    rf" + b^{{(2)}}{shape(n['b2'][None])}",
    "Yhat": lambda n: rf"\hat y{shape(n['Yhat'])} = g\big(z^{{(2)}}\big){shape(n['Z2'])}",
    "L": lambda n: r"L \;" + shape(n["L"]),
    "dL_dYhat": lambda n: rf"\partial L/\partial\hat y\;{shape(n['Yhat'])}",
    "g_prime": lambda n: rf"g'\big(z^{{(2)}}\big)\;{shape(n['Z2'])}",
    "delta2": lambda n: rf"\delta^{{(2)}}{shape(n['delta2'])} = \partial L/\partial\hat y \odot g'\big(z^{{(2)}}\big)",
    "dW2": lambda n: rf"\frac{{\partial L}}{{\partial W^{{(2)}}}}{shape(n['dW2'])} = \delta^{{(2)\top}}"
                     rf"{shape(n['delta2'].T)}\, h{shape(n['H'])}",
    "db2": lambda n: rf"\frac{{\partial L}}{{\partial b^{{(2)}}}}{shape(n['db2'])} = \textstyle\sum_n \delta^{{(2)}}_n",
    "dH": lambda n: rf"\frac{{\partial L}}{{\partial h}}{shape(n['dH'])} = \delta^{{(2)}}{shape(n['delta2'])}\,"
                    rf"W^{{(2)}}{shape(n['W2'])}",
    "f_prime": lambda n: rf"f'\big(z^{{(1)}}\big)\;{shape(n['Z1'])}",
    "delta1": lambda n: rf"\delta^{{(1)}}{shape(n['delta1'])} = \frac{{\partial L}}{{\partial h}} \odot"
                        rf" f'\big(z^{{(1)}}\big)",
    "dW1": lambda n: rf"\frac{{\partial L}}{{\partial W^{{(1)}}}}{shape(n['dW1'])} = \delta^{{(1)\top}}"
                     rf"{shape(n['delta1'].T)}\, x{shape(n['X'])}",
    "db1": lambda n: rf"\frac{{\partial L}}{{\partial b^{{(1)}}}}{shape(n['db1'])} = \textstyle\sum_n \delta^{{(1)}}_n",
}


def generic_formula(tr, key) -> str:
    net = tr.net
    if key == "L":
        return LOSS_TEX[net.loss_name]
    if key == "dL_dYhat":
        return DLOSS_TEX[net.loss_name]
    if key == "delta2" and net.loss_name == "cross_entropy":
        return (r"\delta^{(2)}_k = \frac{\partial L}{\partial z^{(2)}_k} = \hat y_k - [k = c]"
                r"\quad\text{(" + t("backprop.tex.softmax_ce") + ")}")
    if key == "H":
        return GENERIC["H"] + r",\quad f(z) = " + ACT_TEX[net.hidden][0]
    if key == "f_prime":
        return GENERIC["f_prime"] + r",\quad " + ACT_TEX[net.hidden][1]
    out_act = "linear" if net.loss_name == "cross_entropy" else ("sigmoid" if net.head.startswith("sigmoid")
                                                                  else "linear")
    if key == "Yhat":
        g = r"\operatorname{softmax}(z)" if net.loss_name == "cross_entropy" else ACT_TEX[out_act][0]
        return GENERIC["Yhat"] + r",\quad g(z) = " + g
    if key == "g_prime":
        return GENERIC["g_prime"] + r",\quad " + ACT_TEX[out_act][1]
    return GENERIC[key]


def matrix_formula(tr, key) -> str:
    names = dict(tr.q)
    names.update(tr.net.params())
    return MATRIX[key](names)


def numbers(tr, key) -> list:
    """One LaTeX line per element of the step, with the factors and nncore's result."""
    net, q = tr.net, tr.q
    x, H, O = q["X"][0], net.n_hidden, net.n_out
    lines = []
    if key == "X":
        return [rf"x_{i + 1} = {num(x[i])}" for i in range(2)]
    if key == "Z1":
        for j in range(H):
            terms = " + ".join(rf"{par(net.W1[j, i])}\cdot{par(x[i])}" for i in range(2))
            lines.append(rf"z^{{(1)}}_{j + 1} = {terms} + {par(net.b1[j])} = {num(q['Z1'][0, j])}")
    elif key == "H":
        lines = [rf"h_{j + 1} = f({num(q['Z1'][0, j])}) = {num(q['H'][0, j])}" for j in range(H)]
    elif key == "Z2":
        for k in range(O):
            terms = " + ".join(rf"{par(net.W2[k, j])}\cdot{par(q['H'][0, j])}" for j in range(H))
            lines.append(rf"z^{{(2)}}_{k + 1} = {terms} + {par(net.b2[k])} = {num(q['Z2'][0, k])}")
    elif key == "Yhat":
        lines = [rf"\hat y_{k + 1} = g({num(q['Z2'][0, k])}) = {num(q['Yhat'][0, k])}" for k in range(O)]
    elif key == "L":
        if net.loss_name == "cross_entropy":
            c = int(tr.y[0])
            lines = [rf"c = {c + 1}:\; L = -\log {num(q['Yhat'][0, c])} = {num(q['L'])}"]
        else:
            ys = ", ".join(num(v) for v in tr.y[0])
            lines = [rf"y = ({ys}):\; L = {num(q['L'])}"]
    elif key == "dL_dYhat":
        lines = [rf"\partial L/\partial \hat y_{k + 1} = {num(q['dL_dYhat'][0, k])}" for k in range(O)]
    elif key == "g_prime":
        lines = [rf"g'({num(q['Z2'][0, k])}) = {num(q['g_prime'][0, k])}" for k in range(O)]
    elif key == "delta2":
        if net.loss_name == "cross_entropy":
            c = int(tr.y[0])
            lines = [rf"\delta^{{(2)}}_{k + 1} = {num(q['Yhat'][0, k])} - {int(k == c)} = {num(q['delta2'][0, k])}"
                     for k in range(O)]
        else:
            lines = [rf"\delta^{{(2)}}_{k + 1} = {par(q['dL_dYhat'][0, k])}\cdot{par(q['g_prime'][0, k])}"
                     rf" = {num(q['delta2'][0, k])}" for k in range(O)]
    elif key == "dW2":
        lines = [rf"\partial L/\partial W^{{(2)}}_{{{k + 1}{j + 1}}} = {par(q['delta2'][0, k])}\cdot"
                 rf"{par(q['H'][0, j])} = {num(q['dW2'][k, j])}" for k in range(O) for j in range(H)]
    elif key == "db2":
        lines = [rf"\partial L/\partial b^{{(2)}}_{k + 1} = {num(q['db2'][k])}" for k in range(O)]
    elif key == "dH":
        for j in range(H):
            terms = " + ".join(rf"{par(q['delta2'][0, k])}\cdot{par(net.W2[k, j])}" for k in range(O))
            lines.append(rf"\partial L/\partial h_{j + 1} = {terms} = {num(q['dH'][0, j])}")
    elif key == "f_prime":
        lines = [rf"f'({num(q['Z1'][0, j])}) = {num(q['f_prime'][0, j])}" for j in range(H)]
    elif key == "delta1":
        lines = [rf"\delta^{{(1)}}_{j + 1} = {par(q['dH'][0, j])}\cdot{par(q['f_prime'][0, j])}"
                 rf" = {num(q['delta1'][0, j])}" for j in range(H)]
    elif key == "dW1":
        lines = [rf"\partial L/\partial W^{{(1)}}_{{{j + 1}{i + 1}}} = {par(q['delta1'][0, j])}\cdot"
                 rf"{par(x[i])} = {num(q['dW1'][j, i])}" for j in range(H) for i in range(2)]
    elif key == "db1":
        lines = [rf"\partial L/\partial b^{{(1)}}_{j + 1} = {num(q['db1'][j])}" for j in range(H)]
    return lines


def aligned(lines) -> str:
    return r"\begin{aligned}" + r" \\[2pt] ".join(lines) + r"\end{aligned}"


def chain_overview(tr, upto: int) -> str:
    """All step formulas, past ones black, the current one highlighted, future ones grey."""
    rows = []
    for i, s in enumerate(tr.steps):
        f = generic_formula(tr, s.key).split(r",\quad")[0]
        colour = HIGHLIGHT if i == upto else ("#222222" if i < upto else "#AAAAAA")
        rows.append(rf"\textcolor{{{colour}}}{{{i + 1}.\;\; {f}}}")
    return aligned(rows)


# ----------------------------------------------------------------- batch ---

BATCH = [  # (quantity key, formula)
    ("X", r"X"), ("Y", r"Y"),
    ("Z1", r"Z^{(1)} = X W^{(1)\top} + \mathbf{1}\,b^{(1)\top}"), ("H", r"H = f\big(Z^{(1)}\big)"),
    ("Z2", r"Z^{(2)} = H W^{(2)\top} + \mathbf{1}\,b^{(2)\top}"), ("Yhat", r"\hat Y = g\big(Z^{(2)}\big)"),
    ("L", r"L = \tfrac{1}{N}\textstyle\sum_n \ell_n"),
    ("delta2", r"\Delta^{(2)} = \partial L / \partial Z^{(2)}"),
    ("dW2", r"\partial L/\partial W^{(2)} = \Delta^{(2)\top} H"),
    ("db2", r"\partial L/\partial b^{(2)} = \Delta^{(2)\top}\mathbf{1} = \textstyle\sum_n \Delta^{(2)}_{n,:}"),
    ("dH", r"\partial L/\partial H = \Delta^{(2)} W^{(2)}"),
    ("delta1", r"\Delta^{(1)} = \partial L/\partial H \odot f'\big(Z^{(1)}\big)"),
    ("dW1", r"\partial L/\partial W^{(1)} = \Delta^{(1)\top} X"),
    ("db1", r"\partial L/\partial b^{(1)} = \Delta^{(1)\top}\mathbf{1}"),
]


def batch_lines(tr) -> list:
    """(formula with shape, matrix) for every quantity of a mini-batch trace."""
    q = dict(tr.q)
    q["Y"] = tr.y if tr.y.ndim == 2 else tr.y[:, None].astype(np.float64)
    out = []
    for key, formula in BATCH:
        a = q[key]
        value = num(a) if np.ndim(a) == 0 else bmatrix(a if np.ndim(a) == 2 else np.asarray(a)[None], 3)
        out.append(rf"{formula}\;\;{shape(a)} = {value}")
    return out


# --------------------------------------------------------- learning rate ---

GD_NAMES = {"W1": r"W^{(1)}", "b1": r"b^{(1)}", "W2": r"W^{(2)}", "b2": r"b^{(2)}"}


def lr_sweep_figure(reg, lr):
    """Loss after one step against the learning rate (log axis), with the three regimes marked."""
    after = np.where(np.isfinite(reg["after"]), reg["after"], np.nan)
    fig = go.Figure()
    fig.add_scatter(x=reg["lrs"], y=after, mode="lines+markers", marker=dict(size=4),
                    name=t("backprop.gd.after_one"), line=dict(color=theme.ANN, width=2))
    shapes, notes = [dict(type="line", xref="paper", x0=0, x1=1, y0=reg["before"], y1=reg["before"],
                          line=dict(color="#666", dash="dot"))], [
        dict(xref="paper", x=0.01, y=reg["before"], yanchor="bottom", xanchor="left", showarrow=False,
             text=t("backprop.gd.before_line"))]
    marks = [(reg[n], t(f"backprop.gd.{n}"), c, "dash", 1.0) for n, c in
             (("too_small", theme.NEG_WEIGHT), ("good", "#009E73"), ("too_large", HIGHLIGHT))]
    marks.append((lr, t("backprop.gd.yours"), "#111", "solid", 0.08))
    for x, text, colour, dash, ypos in marks:
        shapes.append(dict(type="line", yref="paper", x0=x, x1=x, y0=0, y1=1, line=dict(color=colour, dash=dash)))
        notes.append(dict(yref="paper", x=float(np.log10(x)), y=ypos, text=text, showarrow=False,
                          font=dict(color=colour), bgcolor="rgba(255,255,255,0.8)"))
    fig.update_layout(shapes=shapes, annotations=notes)
    top = float(np.nanmax(np.r_[after[np.isfinite(after)], reg["before"]])) if np.isfinite(after).any() \
        else reg["before"]
    fig.update_xaxes(type="log", title=t("backprop.gd.lr_axis"))
    fig.update_yaxes(title=t("backprop.gd.loss_axis"), range=[0, max(1.5 * reg["before"], min(top, 4 * reg["before"]))])
    fig.update_layout(height=330, showlegend=False, margin=dict(t=40))
    return fig


def descent_figure(trajectories, before):
    """Loss over several gradient-descent steps for each regime (fixed y range)."""
    fig = go.Figure()
    colours = {"too_small": theme.NEG_WEIGHT, "good": "#009E73", "too_large": HIGHLIGHT}
    top = before
    for name, (lr, losses) in trajectories.items():
        losses = np.where(np.isfinite(losses), losses, np.nan)
        fig.add_scatter(x=np.arange(len(losses)), y=losses, mode="lines+markers",
                        name=t(f"backprop.gd.{name}") + f" (η = {lr:.3g})", line=dict(color=colours[name]))
        if np.isfinite(losses).any():
            top = max(top, float(np.nanmax(losses)))
    fig.update_xaxes(title=t("backprop.gd.steps_axis"))
    fig.update_yaxes(title=t("backprop.gd.loss_axis"), range=[0, min(top, 4 * before) * 1.05])
    fig.update_layout(height=330)
    return fig
