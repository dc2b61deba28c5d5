"""Figures of the Forgetting page: forgetting curves (live SVG), accuracy matrices, weight change
against Fisher importance, and the complementary-learning-systems sketch."""
from __future__ import annotations

import numpy as np

from . import svg, theme
from .figures import power_of_ten
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


PANEL_W = 480           # px per task panel before scaling to the column; at most two panels to a row


def curves(results: dict, scale: float = 1.0, tasks=None, legend: bool = True) -> str:
    """Test accuracy on each task in ``tasks`` (default all; one panel per task) against epoch over the
    whole sequence, one line per method; dashed verticals where a new task starts, chance as a
    dashed grey line named in the legend (a label on the line would sit on the curves near 0 %).
    Axes fixed; SVG, ``PANEL_W`` px per panel, so rows of one and two panels share one type size."""
    first = next(iter(results.values()))
    cfg = first.config
    T, E = cfg.n_tasks, cfg.epochs
    tasks = range(T) if tasks is None else tasks
    x_hi = T * E + 0.5
    starts = [k * E + 0.5 for k in range(1, T)]
    panels = []
    for i, k in enumerate(tasks):
        show = legend and i == 0
        series = []
        for m, r in results.items():
            n = r.epochs_done
            series.append(svg.Series(r.acc[:n, k], method_label(m), METHOD_COLORS[m], 2.6, METHOD_DASH.get(m),
                                     markers=T * E <= 30, legend=legend))
        series.append(svg.Series([CHANCE, CHANCE], t("forgetting.chance"), "#666", 1.2, "5 4", x=[0.5, x_hi],
                                 legend=show))
        for j, x in enumerate(starts):
            series.append(svg.Series([0, 1.02], t("forgetting.curve_start") if j == 0 else "", MARK, 1.2, "3 4",
                                     x=[x, x], legend=show and j == 0))
        panels.append(svg.Panel(series, (0.5, x_hi), (0, 1.02), t("forgetting.curve_x"),
                                t("forgetting.curve_y") if i == 0 else "", title=task_label(first, k), percent=True))
    return svg.line_chart(panels, width=PANEL_W * len(panels), height=330 if legend else 290, scale=scale)


def pct(v) -> str:
    """0.963 → "96%" (the older pages' style, as the chart ticks), "—" when not measured."""
    return "—" if not np.isfinite(v) else f"{100 * v:.0f}%"


def signed_pp(v) -> str:
    """A difference of two accuracies in percentage points, one sign and a true minus: "−53 pp", "+2 pp"."""
    if not np.isfinite(v):
        return "—"
    n = round(100 * v)
    return f"{'−' if n < 0 else '+' if n > 0 else ''}{abs(n)} pp"


def metric_delta(change):
    """(delta text, delta colour) for st.metric with ``delta_arrow="off"``: the sign is written once, as
    "−53 pp", and the colour says good or bad (Streamlit would add an arrow and read only "-")."""
    if change is None or not np.isfinite(change):
        return None, "gray"
    n = round(100 * change)
    return signed_pp(change), "gray" if n == 0 else "red" if n < 0 else "green"


MATRIX_CELL = 74         # px per cell of an accuracy matrix before scaling


def _blue(f: float) -> str:
    """White → dark blue for an accuracy f in [0, 1] (the ends of Plotly's "Blues")."""
    f = min(max(float(f), 0.0), 1.0)
    r, g, b = (round(lo + (hi - lo) * f) for lo, hi in ((247, 8), (251, 69), (255, 148)))
    return f"#{r:02x}{g:02x}{b:02x}"


def accuracy_matrices(results: dict, scale: float = 1.0) -> str:
    """R[i, j] per method as a heatmap with the percentage written in each reached cell (rows: after
    training task i, columns: tested on task j), BWT in each title; one panel per method, side by side, SVG.
    Wider than a phone's column, it comes with the panels in rows that fit one (a :class:`ui.svg.Drawing`)."""
    wide, width, fit = _matrices(results, scale, len(results))
    return svg.phone_layout(wide, width, lambda: _matrices(results, scale, fit)[0])


def _matrices(results: dict, scale: float, per_row: int):
    """(SVG, its width, how many panels fit a phone's drawing across) with ``per_row`` panels to a row."""
    methods = list(results)
    first = results[methods[0]]
    names = list(first.task_names)
    T = len(names)
    titles = [t("forgetting.matrix_title", method=method_label(m), bwt=signed_pp(results[m].bwt)) for m in methods]
    rows = [t("forgetting.matrix_after", task=n) for n in names]
    cols = [t("forgetting.matrix_on", task=n) for n in names]
    cell = MATRIX_CELL * scale
    row_w = max(svg.text_width(r, 13 * scale) for r in rows) + 10
    panel_w = max(T * cell, max(svg.text_width(x, 14 * scale) for x in titles) - row_w + 12)
    top, gap = 30 * scale, 24 * scale
    per_row = max(1, min(per_row, len(methods)))
    n_rows = -(-len(methods) // per_row)
    block = top + T * cell + 26 * scale                 # one row of panels: titles, cells, column names
    width = row_w + per_row * panel_w + (per_row - 1) * gap + 8
    height = n_rows * block + (n_rows - 1) * 12 * scale
    fit = max(1, int((svg.NARROW_WIDTH - row_w - 8 + gap) // (panel_w + gap)))
    c = svg.Canvas(width, height, scale)
    for g in range(n_rows):
        for i, r in enumerate(rows):
            c.text(row_w - 8, g * (block + 12 * scale) + top + (i + 0.5) * cell, r, 13, "end")
    num = 15
    for k, m in enumerate(methods):
        g, q = divmod(k, per_row)
        x0, y0 = row_w + q * (panel_w + gap), g * (block + 12 * scale)
        c.text(x0 + T * cell / 2, y0 + 14 * scale, titles[k], 14, "middle", weight="600")
        R = results[m].R
        for i in range(T):
            for j in range(T):
                x, y = x0 + j * cell, y0 + top + i * cell
                v = R[i, j]
                if not np.isfinite(v):
                    c.rect(x, y, cell, cell, "#fafafa", "#fff")
                    continue
                c.rect(x, y, cell, cell, _blue(v), "#fff")
                c.text(x + cell / 2, y + cell / 2, pct(v), num, "middle", "#fff" if v > 0.55 else svg.INK)
        for j, col in enumerate(cols):
            c.text(x0 + (j + 0.5) * cell, y0 + top + T * cell + 13 * scale, col, 13, "middle", "#555")
    return c.to_string(), width, fit


def decade_label(k: int) -> str:
    """10ᵏ as a tick label: "1", "10", else "10⁻³" (a superscript exponent, as Plotly's power format)."""
    return {0: "1", 1: "10"}.get(k) or power_of_ten(k)


def log_decades(values) -> tuple[int, int]:
    """(lo, hi): the decades 10^lo ≤ every positive finite value ≤ 10^hi, at least one decade apart."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v > 0)]
    if not v.size:
        return -1, 0
    lo, hi = int(np.floor(np.log10(v.min()))), int(np.ceil(np.log10(v.max())))
    return lo, max(hi, lo + 1)


IMP_W, IMP_PLOT_H = 460, 210     # px before scaling: the chart fills the wider of two columns at about its type size


def importance_chart(groups: dict, n_bins: int, scale: float = 1.0) -> str:
    """RMS weight change after task A against the weights' importance for A (groups of equal size, least
    important first), one line per method, on a log axis labelled at whole decades only (2…9 between them
    would be squashed into an unreadable row). Values ≤ 0 cannot sit on a log axis: the line breaks there.
    SVG (a Plotly figure took ~10 ms of server CPU to build and send on every finished run); the legend wraps
    onto more rows when it must, and the chart grows by them."""
    s = scale
    entries, x, y = [], 10.0, 8 + 9 * s                # the legend on top, wrapped like svg.line_chart's
    for m in groups:
        w = svg.text_width(method_label(m), 13 * s) + 34
        if x + w > IMP_W and x > 10:
            x, y = 10.0, y + 20 * s
        entries.append((m, x, y))
        x += w + 14
    top = y + 18 * s + 6
    bottom = top + IMP_PLOT_H * s
    c = svg.Canvas(IMP_W, bottom + 16 * s + 10 + 20 * s, scale)
    for m, x, y in entries:
        c.line(x, y, x + 22, y, METHOD_COLORS[m], 2.6, METHOD_DASH.get(m))
        c.text(x + 27, y, method_label(m), 13)
    lo, hi = log_decades(np.concatenate([np.asarray(g["rms_change"], dtype=float) for g in groups.values()]))
    labels = {k: decade_label(k) for k in range(lo, hi + 1)}
    left = 20 * s + 10 + max(svg.text_width(lab, 12 * s) for lab in labels.values()) + 8
    right = IMP_W - 16
    x_lo, x_hi = 0.7, n_bins + 0.3

    def fx(v):
        return left + (v - x_lo) / (x_hi - x_lo) * (right - left)

    def fy(v):                                          # v > 0, finite
        return bottom - (np.log10(v) - lo) / (hi - lo) * (bottom - top)

    for k, lab in labels.items():
        c.line(left, fy(10.0 ** k), right, fy(10.0 ** k), svg.GRID, 1)
        c.text(left - 6, fy(10.0 ** k), lab, 12, "end", "#555")
    for v, lab in ((1, t("forgetting.imp_least")), (n_bins, t("forgetting.imp_most"))):
        c.line(fx(v), bottom, fx(v), bottom + 4, svg.AXIS)
        c.text(fx(v), bottom + 6 + 7 * s, lab, 12, "middle", "#555")
    c.line(left, bottom, right, bottom, svg.AXIS)
    c.line(left, top, left, bottom, svg.AXIS)
    c.text(IMP_W / 2, c.h - 9 * s, t("forgetting.imp_x", n=n_bins), 13, "middle")
    c.text(9 * s, (top + bottom) / 2, t("forgetting.imp_y"), 13, "middle", rotate=-90)
    width = 2.6 * (1.4 if scale > 1 else 1.0)
    for m, g in groups.items():
        ys = np.asarray(g["rms_change"], dtype=float)
        points = [(i, v) for i, v in enumerate(ys, start=1) if np.isfinite(v) and v > 0]
        d = "".join(f"{'L' if k and points[k - 1][0] == i - 1 else 'M'}{fx(i):.1f} {fy(v):.1f}"
                    for k, (i, v) in enumerate(points))
        if d:
            c.path(d, METHOD_COLORS[m], width, METHOD_DASH.get(m))
        for i, v in points:
            c.circle(fx(i), fy(v), 3.6, METHOD_COLORS[m], METHOD_COLORS[m], 1)
    return c.to_string()


def cls_diagram(scale: float = 1.0) -> str:
    """The complementary-learning-systems picture beside the methods it inspired (schematic, SVG); for a phone's
    column the two halves stacked, brain above network (a :class:`ui.svg.Drawing`).

    Boxes are as wide as their longest line at this ``scale`` (presenter view draws larger type), and
    the vertical layout grows with the type, so no label runs past its box."""
    return svg.Drawing(_cls(scale, stacked=False), lambda: _cls(scale, stacked=True))


def _cls(scale: float, stacked: bool) -> str:
    T = t
    brain_top = (T("forgetting.cls_hc"), [T("forgetting.cls_hc1"), T("forgetting.cls_hc2"), T("forgetting.cls_hc3")])
    brain_bottom = (T("forgetting.cls_ctx"),
                    [T("forgetting.cls_ctx1"), T("forgetting.cls_ctx2"), T("forgetting.cls_ctx3")])
    ann_top = (T("forgetting.cls_buffer"),
               [T("forgetting.cls_buffer1"), T("forgetting.cls_buffer2"), T("forgetting.cls_buffer3")])
    ann_bottom = (T("forgetting.cls_net"),
                  [T("forgetting.cls_net1"), T("forgetting.cls_net2"), T("forgetting.cls_net3")])
    s = scale
    boxes = (brain_top, brain_bottom, ann_top, ann_bottom)
    bw = max([180.0] + [svg.text_width(title, 16 * s) + 20 for title, _ in boxes]
             + [svg.text_width(line, 13 * s) + 16 for _, lines in boxes for line in lines])
    bw = min(bw, 265.0)
    bh = 110 * s
    top_yy, bottom_yy = 28 * s + 12, 28 * s + 12 + bh + 25 * s
    half = bottom_yy + bh + 10                   # one half's height; side by side the picture is 900 px wide
    height = 2 * half + 10 if stacked else half
    c = svg.Canvas(450 if stacked else 900, height, scale)

    def box(x, y, title, lines, color):
        c.rect(x, y, bw, bh, "#fff", color)
        c.rect(x, y, bw, 6, color)
        c.text(x + bw / 2, y + 24 * s, title, 16, "middle", color, weight="600")
        for i, line in enumerate(lines):
            c.text(x + bw / 2, y + (50 + 20 * i) * s, line, 13, "middle")

    def arrow(x1, y1, x2, y2, color):
        c.line(x1, y1, x2, y2, color, 2.2)
        ang = np.arctan2(y2 - y1, x2 - x1)
        for sign in (-1, 1):
            c.line(x2, y2, x2 - 11 * np.cos(ang + sign * 0.45), y2 - 11 * np.sin(ang + sign * 0.45), color, 2.2)

    def side(x0, y0, title, title_color, top, bottom, link, link_color, keep, keep_color):
        """One half: a fast store (top left) feeding a slow learner (bottom right), and what protects it."""
        top_y, bottom_y = y0 + top_yy, y0 + bottom_yy
        c.text(x0 + 225, y0 + 16 * s, title, 15, "middle", title_color, weight="600")
        tx, bx = x0 + 12, x0 + 438 - bw
        box(tx, top_y, *top)
        box(bx, bottom_y, *bottom)
        ax1, ay1, ax2, ay2 = tx + bw - 10, top_y + bh * 0.5, bx + bw * 0.5, bottom_y - 4
        arrow(ax1, ay1, ax2, ay2, link_color)
        lx = (ax1 + ax2) / 2 + 10
        if lx + svg.text_width(link, 13 * s) > x0 + 444:     # no room right of the arrow: left of it, below the box
            ly = top_y + bh + 12 * s
            x_at = ax1 + (ax2 - ax1) * (ly - ay1) / (ay2 - ay1)
            c.text(x_at - 8, ly, link, 13, "end", link_color)
        else:
            c.text(lx, (ay1 + ay2) / 2 - 6 * s, link, 13, "start", link_color)
        kx = tx + bw / 2
        for i, line in enumerate(keep):
            c.text(min(kx, bx - 8 - svg.text_width(line, 13 * s) / 2), bottom_y + (25 + 20 * i) * s, line, 13, "middle",
                   keep_color)
        arrow(min(kx, bx - 8) - 10, bottom_y + 70 * s, bx - 4, bottom_y + 62 * s, keep_color)

    side(0, 0, T("forgetting.cls_brain"), theme.BRAIN, (*brain_top, theme.BRAIN), (*brain_bottom, theme.BRAIN),
         T("forgetting.cls_replay"), theme.BRAIN, [T("forgetting.cls_syn"), T("forgetting.cls_syn2")], theme.BRAIN)
    if stacked:
        c.line(10, half + 5, 440, half + 5, "#ccc", 1, "4 4")
    else:
        c.line(450, 10, 450, height - 10, "#ccc", 1, "4 4")
    x0, y0 = (0, half + 10) if stacked else (450, 0)
    side(x0, y0, T("forgetting.cls_ann"), theme.ANN, (*ann_top, METHOD_COLORS["replay"]), (*ann_bottom, theme.ANN),
         T("forgetting.cls_mix"), METHOD_COLORS["replay"], [T("forgetting.cls_ewc"), T("forgetting.cls_ewc2")],
         METHOD_COLORS["ewc"])
    return c.to_string()
