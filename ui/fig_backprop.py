"""Figures and formulas for the Backprop page: the network diagram with numbers, and LaTeX.

Every number comes from an :class:`lab.backprop_trace.Trace`; these builders only lay it out.
Indices on screen are 1-based (x₁, h₁, ŷ₁) like the maths; node ids inside are 0-based.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from . import theme
from .figures import LINE_HEIGHT, PHONE_WIDTH, content_digest, text_px
from .i18n import current_lang, t

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
# Plotly places an annotation at a data point, whatever the chart's width: the same figure that has room at 1280 px
# (the chart about 820 px wide) crowds on a phone's 358 px. So the diagram is laid out for one of two widths, and
# every weight's label is placed along its edge where, at that width, it clears the nodes, the nodes' labels and
# the other weights' labels. Boxes are estimated from the text (figures.text_px: a generous 0.6 em a character).

@dataclass(frozen=True)
class DiagramLayout:
    """How the diagram is laid out for a chart ``width`` px wide."""
    width: float                 # px of the chart the labels are placed for
    x_range: tuple               # data units across the chart
    loss_x: float                # the loss node's column (inputs 0, hidden 1, outputs 2)
    loss_below: bool             # the loss under the outputs (its column's width given to the others), or beside
    node_size: int               # px type of a node's numbers
    edge_size: int               # px type of a weight's numbers
    one_per_line: bool           # a node's numbers one a line (narrow columns) or two a line, "z=… · h=…"
    height_scale: float          # the figure's height, relative to the wide one


WIDE = DiagramLayout(820, (-0.45, 3.15), 2.75, False, 12, 11, False, 1.0)      # 1280 px, sidebar open
PHONE = DiagramLayout(PHONE_WIDTH, (-0.3, 2.45), 2.0, True, 11, 11, True, 1.3)  # 390 px: taller, columns narrow
DIAGRAM_MARGIN = dict(l=10, r=10, t=30, b=10)
NODE_PX = 36            # a node's circle, its highlight ring included
LABEL_GAP = 4           # px kept between two labels' boxes
LABEL_DROP = 0.2        # data units between a node's centre and the top of its label


def _positions(net, lay=WIDE):
    pos = {}
    for prefix, col, n in (("x", 0.0, 2), ("h", 1.0, net.n_hidden), ("y", 2.0, net.n_out)):
        for i in range(n):
            pos[f"{prefix}{i}"] = (col, 1.5 * ((n - 1) / 2 - i))
    pos["L"] = (lay.loss_x, -0.75 * (net.n_out - 1) - 1.3 if lay.loss_below else 0.0)
    return pos


def revealed(tr, upto: int) -> set:
    """Keys of the steps shown so far (0-based step index ``upto`` included)."""
    return {s.key for s in tr.steps[: upto + 1]}


def _node_labels(tr, seen, one_per_line) -> dict:
    """Each node's numbers reached so far, as lines of text (``<br>``-joined by the caller)."""
    net, q = tr.net, tr.q
    sep = "<br>" if one_per_line else " · "

    def pair(a, b):
        return sep.join(p for p in (a, b) if p)

    def show(key, text):
        return text if key in seen else ""

    labels = {f"x{i}": [_input_label(q, i)] for i in range(2)}
    for j in range(net.n_hidden):
        lines = [f"b={plain(net.b1[j], 2)}",
                 pair(show("Z1", f"z={plain(q['Z1'][0, j])}"), show("H", f"h{j + 1}={plain(q['H'][0, j])}")),
                 pair(show("dH", f"∂L/∂h={plain(q['dH'][0, j])}"),
                      show("f_prime", f"f′={plain(q['f_prime'][0, j])}")),
                 pair(show("delta1", f"δ={plain(q['delta1'][0, j])}"), show("db1", f"∂L/∂b={plain(q['db1'][j])}"))]
        labels[f"h{j}"] = [line for line in lines if line]
    for k in range(net.n_out):
        lines = [f"b={plain(net.b2[k], 2)}",
                 pair(show("Z2", f"z={plain(q['Z2'][0, k])}"), show("Yhat", f"ŷ{k + 1}={plain(q['Yhat'][0, k])}")),
                 pair(show("dL_dYhat", f"∂L/∂ŷ={plain(q['dL_dYhat'][0, k])}") if "dL_dYhat" in q else "",
                      show("g_prime", f"g′={plain(q['g_prime'][0, k])}") if "g_prime" in q else ""),
                 pair(show("delta2", f"δ={plain(q['delta2'][0, k])}"), show("db2", f"∂L/∂b={plain(q['db2'][k])}"))]
        labels[f"y{k}"] = [line for line in lines if line]
    labels["L"] = [f"L={plain(q['L'], 4)}"] if "L" in seen else ["L"]
    return labels


def _edge_text(w, grad) -> str:
    return f"w={plain(w, 2)}" + ("" if grad is None else f"<br>∂L/∂w={plain(grad)}")


def _edges(net):
    """(name, from, to, weight, matrix, index) of every drawn weight, input weights first."""
    out = [(f"W1{j}{i}", f"x{i}", f"h{j}", net.W1[j, i], "W1", (j, i)) for j in range(net.n_hidden) for i in range(2)]
    out += [(f"W2{k}{j}", f"h{j}", f"y{k}", net.W2[k, j], "W2", (k, j))
            for k in range(net.n_out) for j in range(net.n_hidden)]
    return out


def network_diagram(tr, upto: int, height=None, phone=False):
    """The network with every number reached so far; the current step's nodes and edges highlighted. Laid out for
    a laptop's chart, or with ``phone`` for a phone's (taller, a node's numbers one a line)."""
    lay = PHONE if phone else WIDE
    net, q = tr.net, tr.q
    height = height or diagram_height(net, lay)
    pos = _positions(net, lay)
    seen = revealed(tr, upto)
    step = tr.step(upto)
    hot_nodes, hot_edges = set(step.nodes), set(step.edges)
    fig = go.Figure()
    ann = []
    grads = {"W1": q["dW1"] if "dW1" in seen else None, "W2": q["dW2"] if "dW2" in seen else None}
    where = label_places(tr, lay, height)
    for name, a, b, w, layer, idx in _edges(net):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        hot = layer in hot_edges
        colour = HIGHLIGHT if hot else (theme.POS_WEIGHT if w >= 0 else theme.NEG_WEIGHT)
        width = 5 if hot else 1 + 2.5 * min(abs(w), 2) / 2
        fig.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                        line=dict(color=colour, width=width), opacity=1.0 if hot or not hot_edges else 0.55)
        grad = None if grads[layer] is None else grads[layer][idx]
        x, y = where[name]
        ann.append(dict(x=x, y=y, text=_edge_text(w, grad), showarrow=False,
                        font=dict(size=lay.edge_size, color=HIGHLIGHT if hot else "#333"),
                        bgcolor="rgba(255,255,255,0.85)"))
    for k in range(net.n_out):
        (x0, y0), (x1, y1) = pos[f"y{k}"], pos["L"]
        fig.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                        line=dict(color=MUTED, width=1, dash="dot"))

    labels = _node_labels(tr, seen, lay.one_per_line)
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
        ann.append(dict(x=x, y=y - LABEL_DROP, yanchor="top", text="<br>".join(labels[n]), showarrow=False,
                        font=dict(size=lay.node_size, color=HIGHLIGHT if hot else "#111"),
                        bgcolor="rgba(255,255,255,0.9)", bordercolor=HIGHLIGHT if hot else "rgba(0,0,0,0)"))
    for col, key in ((0, "backprop.fig.inputs"), (1, "backprop.fig.hidden"), (2, "backprop.fig.outputs"),
                     (lay.loss_x, "backprop.fig.loss")):
        if key == "backprop.fig.loss" and lay.loss_below:      # over its node, under the outputs
            ann.append(dict(x=pos["L"][0], y=pos["L"][1] + LABEL_DROP, yanchor="bottom", text=f"<b>{t(key)}</b>",
                            showarrow=False, font=dict(size=13, color="#444")))
            continue
        ann.append(dict(x=col, y=1.0, yref="paper", text=f"<b>{t(key)}</b>", showarrow=False,
                        font=dict(size=13, color="#444")))
    fig.update_layout(annotations=ann, height=height, margin=DIAGRAM_MARGIN, plot_bgcolor="white",
                      hovermode="closest")
    fig.update_xaxes(range=lay.x_range, visible=False, fixedrange=True)
    fig.update_yaxes(range=_diagram_y(net, lay), visible=False, fixedrange=True)
    return fig


def diagram_height(net, lay=WIDE) -> int:
    return round((300 + 110 * max(2, net.n_hidden, net.n_out)) * lay.height_scale)


def _diagram_y(net, lay=WIDE):
    top = 1.5 * (max(2, net.n_hidden, net.n_out) - 1) / 2
    return (min(-top - 1.1, _positions(net, lay)["L"][1] - 0.6), top + 0.5)


def _input_label(q, i) -> str:
    return f"x{i + 1}={plain(q['X'][0, i], 2)}"


def _scale(lay, height, y_range):
    """px per data unit along x and y when the diagram is drawn on a chart ``lay.width`` px wide."""
    m = DIAGRAM_MARGIN
    return ((lay.width - m["l"] - m["r"]) / (lay.x_range[1] - lay.x_range[0]),
            (height - m["t"] - m["b"]) / (y_range[1] - y_range[0]))


def _box(cx, cy, text, size, sx, sy, top=False):
    """A label's box in px (x0, y0, x1, y1; y up): centred on (cx, cy), or hanging from cy when ``top``."""
    w = text_px(text, size) + 6
    h = (str(text).count("<br>") + 1) * LINE_HEIGHT * size + 4
    x, y = cx * sx, cy * sy
    return (x - w / 2, y - h, x + w / 2, y) if top else (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def _overlaps(boxes, others):
    """Overlap area (px², each box grown by LABEL_GAP) of every box in ``boxes`` (n, 4) with every one in ``others``
    (m, 4): an (n, m) array."""
    dx = np.minimum(boxes[:, None, 2], others[None, :, 2]) - np.maximum(boxes[:, None, 0], others[None, :, 0])
    dy = np.minimum(boxes[:, None, 3], others[None, :, 3]) - np.maximum(boxes[:, None, 1], others[None, :, 1])
    return np.clip(dx + LABEL_GAP, 0, None) * np.clip(dy + LABEL_GAP, 0, None)


def diagram_obstacles(tr, lay, height):
    """Px boxes the weights' labels must keep clear of: the nodes, and every node's label in its widest form
    (all numbers shown), so that no label moves between steps."""
    net = tr.net
    pos = _positions(net, lay)
    sx, sy = _scale(lay, height, _diagram_y(net, lay))
    labels = _node_labels(tr, {s.key for s in tr.steps}, lay.one_per_line)
    nodes, boxes = [], []
    for n, (x, y) in pos.items():
        nodes.append((x * sx - NODE_PX / 2, y * sy - NODE_PX / 2, x * sx + NODE_PX / 2, y * sy + NODE_PX / 2))
        boxes.append(_box(x, y - LABEL_DROP, "<br>".join(labels[n]), lay.node_size, sx, sy, top=True))
    if lay.loss_below:              # the loss column's title, over its node
        x, y = pos["L"]
        x0, y0, x1, y1 = _box(x, y + LABEL_DROP, t("backprop.fig.loss"), 13, sx, sy, top=True)
        boxes.append((x0, y1, x1, 2 * y1 - y0))        # standing on y + LABEL_DROP, not hanging from it
    return nodes, boxes


# Label places for the traces drawn lately, in this process. The walk-through draws the diagram at every step,
# and the page builds a new, equal trace on every run: the places depend only on the trace's numbers, the layout,
# the chart's height and the language (the loss column's title is an obstacle on a phone), so they are computed
# once for them — 2.2 ms a diagram, against 0.1 ms for the key. 128 kept: a class stepping through a few nets.
MEMO_PLACES = 128
_places: OrderedDict = OrderedDict()
_places_lock = threading.Lock()


def label_places(tr, lay, height) -> dict:
    """:func:`place_labels`, kept per content: the same numbers (the net's parameters, every quantity of the trace,
    the steps' keys), layout, height and language give the same places without placing them again. What it
    returns is the caller's own dict."""
    try:
        name = (current_lang(), content_digest((tr.net, tr.q, tuple(s.key for s in tr.steps), lay, height)))
    except TypeError:           # something in the trace that cannot be named by content: no memo
        return place_labels(tr, lay, height)
    with _places_lock:
        places = _places.get(name)
        if places is not None:
            _places.move_to_end(name)
    if places is None:
        places = place_labels(tr, lay, height)
        with _places_lock:
            _places[name] = places
            while len(_places) > MEMO_PLACES:
                _places.popitem(last=False)
    return dict(places)


def place_labels(tr, lay, height) -> dict:
    """Where each weight's label sits (data units), by weight name (``W1ji``, ``W2kj``): along its edge, at the
    place nearest its home (a quarter or half of the way) that on a chart ``lay.width`` px wide clears the nodes,
    the nodes' labels and the other weights' labels, and stays inside the chart. A fixed place put
    "w=…" over "x₁=…" on a phone and over the hidden units' numbers at 1280 px. Sized for the label's widest form
    (with ∂L/∂w), so no label moves between steps."""
    net, q = tr.net, tr.q
    pos = _positions(net, lay)
    y_range = _diagram_y(net, lay)
    sx, sy = _scale(lay, height, y_range)
    frame = (lay.x_range[0] * sx, y_range[0] * sy, lay.x_range[1] * sx, y_range[1] * sy)
    nodes, boxes = diagram_obstacles(tr, lay, height)
    # a node's label covered is a number lost, another weight's label nearly so; a node's ring hidden, the highlight
    fixed = np.array(nodes + boxes, dtype=float)
    weights = np.r_[np.full(len(nodes), 10.0), np.full(len(boxes), 100.0)]
    lo, hi = np.array(frame[:2] * 2), np.array(frame[2:] * 2)
    edges = []
    for name, a, b, w, layer, idx in _edges(net):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        text = _edge_text(w, q["d" + layer][idx])
        home = (0.25 if idx[1] == 0 else 0.55) if layer == "W1" else 0.5
        along = np.array(sorted(np.round(np.arange(0.12, 0.89, 0.02), 2), key=lambda c: (abs(c - home), c)))
        wide, tall = text_px(text, lay.edge_size) + 6, (text.count("<br>") + 1) * LINE_HEIGHT * lay.edge_size + 4
        # on the line first, nearest home first; then half a box above or below it (the line still meets the box)
        f = np.tile(along, 3)
        nudge = np.repeat([0.0, 0.45 * tall, -0.45 * tall], len(along))
        cx, cy = (x0 + f * (x1 - x0)) * sx, (y0 + f * (y1 - y0)) * sy + nudge
        box = np.c_[cx - wide / 2, cy - tall / 2, cx + wide / 2, cy + tall / 2]
        outside = np.maximum(lo[:2] - box[:, :2], 0).sum(1) + np.maximum(box[:, 2:] - hi[2:], 0).sum(1)
        cost = _overlaps(box, fixed) @ weights + 1e4 * outside
        edges.append((name, np.c_[cx / sx, cy / sy], box, cost))
    chosen = {}
    for _ in range(4):      # greedy in order, then each label moved again with all the others in place
        moved = False
        for name, _, box, cost in edges:
            others = np.array([box_of for other, (_, box_of) in chosen.items() if other != name]).reshape(-1, 4)
            k = int(np.argmin(cost + 10.0 * _overlaps(box, others).sum(1)))     # the first of equals: nearest home
            moved |= name not in chosen or chosen[name][0] != k
            chosen[name] = (k, box[k])
        if not moved:
            break
    return {name: tuple(float(v) for v in centres[chosen[name][0]]) for name, centres, _, _ in edges}


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
