"""Small SVG charts drawn on the server for the live-training panels.

While a network trains, the pages redraw several times a second. A browser redraws an ``<img>``
holding a few kilobytes of SVG in well under a millisecond, where a Plotly or Vega-Lite chart costs
50-150 ms of the page's single JavaScript thread (measured in headless Chromium, see
``benchmarks/playground.py``). So the charts that move during training are drawn here, as plain
SVG with fixed axes: line charts (one or more panels side by side), a count matrix and the
network diagram. Every piece of text is XML-escaped; labels may come from an uploaded file.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from xml.sax.saxutils import escape

import numpy as np

FONT = "Source Sans Pro, Helvetica Neue, Arial, Noto Sans CJK SC, sans-serif"
AXIS = "#888"
GRID = "#e6e6e6"
INK = "#333"


def text_width(s: str, size: float) -> float:
    """Rough rendered width of ``s`` in px (wide CJK glyphs count double)."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.56 for c in str(s)) * size


def _q(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _attr(s) -> str:
    return escape(str(s), {'"': "&quot;"})


def nice_ticks(lo: float, hi: float, target: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 × 10ᵏ) inside [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    raw = (hi - lo) / max(target, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step - 1e-9) * step
    n = int(math.floor((hi - first) / step + 1e-9)) + 1
    return [round(first + i * step, 12) for i in range(n)]


def tick_label(v: float, percent: bool = False) -> str:
    if percent:
        return f"{v * 100:.0f}%"
    if v == 0:
        return "0"
    if abs(v) >= 1e4 or abs(v) < 1e-3:
        return f"{v:.0e}"
    return f"{v:.4g}"


# -- on a phone -----------------------------------------------------------------------------------
# A drawing is shown scaled to its column's width. A chart drawn 900 px wide for a laptop's page is shown
# 358 px wide on a phone (390 px, 16 px padding a side): its 13 px type became 5 px. So a wide chart also has
# a layout for a phone, drawn only when a phone asks for it (figures.show_svg: a laptop pays nothing), and the
# phone's browser picks between the two by its width (a <picture> whose phone source applies below PHONE_MEDIA).
NARROW_WIDTH = 400        # px a phone's drawing is made at: a phone's column shows it at about 0.9 of its type size
NARROW_SLACK = 1.15       # a drawing at most this much wider than NARROW_WIDTH is shown as it is everywhere
PHONE_MEDIA = "(max-width: 640px)"     # below 640 px Streamlit stacks columns: every chart is a full-width one


class Drawing(str):
    """An SVG document (the ``str`` itself, for wide screens) with ``narrow``: the same chart laid out for a
    phone's column, given as the SVG or as a function that draws it (called once, when first asked for)."""

    def __new__(cls, wide: str, narrow):
        obj = super().__new__(cls, wide)
        obj._narrow = narrow
        return obj

    @property
    def narrow(self) -> str:
        if callable(self._narrow):       # two sessions asking at once both draw it: the same drawing
            self._narrow = self._narrow()
        return self._narrow


def phone_layout(wide: str, width: float, narrow):
    """``wide`` as it is when a phone's column shows it near its own size (``width`` ≤ NARROW_SLACK ×
    NARROW_WIDTH), else a :class:`Drawing` of ``wide`` with ``narrow`` (an SVG or a function drawing one)."""
    return wide if fits_phone(width) else Drawing(wide, narrow)


def fits_phone(width: float) -> bool:
    """Whether a drawing ``width`` px wide reads on a phone as it is (no phone layout needed)."""
    return width <= NARROW_WIDTH * NARROW_SLACK


def responsive(draw, width: float, **kw) -> str:
    """``draw(width=width, **kw)``; when that is wider than a phone's column allows, a :class:`Drawing` whose
    phone layout is ``draw(width=NARROW_WIDTH, **kw)``. For drawings that lay themselves out to their width; the
    arguments must not change after the call (the phone's drawing may be made later)."""
    return phone_layout(draw(width=width, **kw), width, lambda: draw(width=NARROW_WIDTH, **kw))


class Canvas:
    """An SVG document built element by element."""

    def __init__(self, width: float, height: float, scale: float = 1.0):
        self.w, self.h, self.scale = float(width), float(height), float(scale)
        self.parts: list[str] = []
        self._clip = 0

    def fs(self, size: float) -> float:
        return size * self.scale

    def text(self, x, y, s, size=13, anchor="start", color=INK, weight=None, rotate=None, baseline="middle"):
        tr = f' transform="rotate({rotate} {_q(x)} {_q(y)})"' if rotate else ""
        bold = f' font-weight="{weight}"' if weight else ""
        self.parts.append(f'<text x="{_q(x)}" y="{_q(y)}" font-size="{_q(self.fs(size))}" text-anchor="{anchor}" '
                          f'dominant-baseline="{baseline}" fill="{color}"{bold}{tr}>{escape(str(s))}</text>')

    def line(self, x1, y1, x2, y2, color=AXIS, width=1.0, dash=None):
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{_q(x1)}" y1="{_q(y1)}" x2="{_q(x2)}" y2="{_q(y2)}" stroke="{color}" '
                          f'stroke-width="{_q(width)}"{d}/>')

    def rect(self, x, y, w, h, fill, stroke=None):
        s = f' stroke="{stroke}"' if stroke else ""
        self.parts.append(f'<rect x="{_q(x)}" y="{_q(y)}" width="{_q(w)}" height="{_q(h)}" fill="{fill}"{s}/>')

    def circle(self, x, y, r, fill="#fff", stroke="#444", width=1.5):
        self.parts.append(f'<circle cx="{_q(x)}" cy="{_q(y)}" r="{_q(r)}" fill="{fill}" stroke="{stroke}" '
                          f'stroke-width="{_q(width)}"/>')

    def path(self, d, color, width=2.0, dash=None, opacity=None, clip=None):
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        extra += f' stroke-opacity="{opacity:.2f}"' if opacity else ""
        extra += f' clip-path="url(#{clip})"' if clip else ""
        self.parts.append(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{_q(width)}" '
                          f'stroke-linejoin="round" stroke-linecap="round"{extra}/>')

    def clip_rect(self, x, y, w, h) -> str:
        self._clip += 1
        cid = f"c{self._clip}"
        self.parts.append(f'<clipPath id="{cid}"><rect x="{_q(x)}" y="{_q(y)}" width="{_q(w)}" '
                          f'height="{_q(h)}"/></clipPath>')
        return cid

    def to_string(self) -> str:
        body = "".join(self.parts)
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_q(self.w)}" height="{_q(self.h)}" '
                f'viewBox="0 0 {_q(self.w)} {_q(self.h)}" font-family="{FONT}">'
                f'<rect width="100%" height="100%" fill="#fff"/>{body}</svg>')


# -- line charts ----------------------------------------------------------------------------------

@dataclass
class Series:
    y: object
    name: str = ""
    color: str = "#1565C0"
    width: float = 2.5
    dash: str | None = None
    x: object = None            # default 1, 2, …, len(y) (epochs)
    markers: bool = False
    legend: bool = True


@dataclass
class Panel:
    series: list
    x_range: tuple
    y_range: tuple
    x_title: str = ""
    y_title: str = ""
    title: str = ""
    percent: bool = False
    refs: list = field(default_factory=list)    # (y, label) dashed reference lines, e.g. chance


def _polyline(xs, ys, fx, fy, max_points):
    """SVG path data, broken at non-finite values, thinned to at most ``max_points`` points."""
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(ys, dtype=float)
    n = min(len(xs), len(ys))
    if n == 0:
        return ""
    idx = np.arange(n)
    if n > max_points:
        idx = np.unique(np.r_[np.linspace(0, n - 1, max_points).astype(int), n - 1])
    out, pen = [], "M"
    for i in idx:
        x, y = xs[i], ys[i]
        if not (math.isfinite(x) and math.isfinite(y)):
            pen = "M"
            continue
        out.append(f"{pen}{_q(fx(x))} {_q(fy(min(max(y, -1e9), 1e9)))}")
        pen = "L"
    return "".join(out)


def line_chart(panels, *, width=640, height=300, scale=1.0) -> str:
    """One or more line-chart panels side by side, a shared legend on top.

    Axes are fixed by each panel's ranges (so nothing jumps while training); values outside are
    clipped at the frame. A chart wider than a phone's column comes as a :class:`Drawing` with the
    panels stacked ``NARROW_WIDTH`` px wide for a phone (:func:`responsive`).
    """
    def stacked(w):
        c = Canvas(w, 0, scale)
        top = _legend(c, panels, w)
        wide_top = _legend(Canvas(width, 0, scale), panels, width)
        panel_h = max(200.0, min(height - wide_top, 280.0))
        y = top
        for p in panels:
            y = _row(c, [p], y, y + panel_h + (c.fs(20) if p.title else 0), w, scale) + c.fs(10)
        c.h = y
        return c.to_string()

    def wide(w):
        c = Canvas(w, height, scale)
        _row(c, panels, _legend(c, panels, w), height, w, scale)
        return c.to_string()

    if fits_phone(width):       # no phone layout: nothing below to copy
        return wide(width)
    drawn = wide(width)
    # the series as they are now: a live run's history lists grow after this call, the phone's drawing may be later
    panels = [replace(p, series=[replace(s, y=np.array(s.y, dtype=float),
                                         x=None if s.x is None else np.array(s.x, dtype=float)) for s in p.series])
              for p in panels]
    return Drawing(drawn, lambda: stacked(NARROW_WIDTH))


def _legend(c, panels, width) -> float:
    """The panels' shared legend across the top, wrapped onto more rows when it must; returns the y below it."""
    legend = []
    for p in panels:
        for s in p.series:
            if s.legend and s.name and s.name not in [e.name for e in legend]:
                legend.append(s)
    top = 8.0
    if legend:
        x = 10.0
        y = top + c.fs(9)
        for s in legend:
            w = text_width(s.name, c.fs(13)) + 34
            if x + w > width and x > 10:
                x, y = 10.0, y + c.fs(20)
            c.line(x, y, x + 22, y, s.color, s.width, s.dash)
            c.text(x + 27, y, s.name, 13)
            x += w + 14
        top = y + c.fs(18)
    return top


def _row(c, panels, top, height, width, scale) -> float:
    """``panels`` side by side across ``width``, titles from ``top``, x-axis titles ending at ``height``;
    returns ``height``."""
    if any(p.title for p in panels):
        top += c.fs(20)
    gap = 24.0
    pw = (width - gap * (len(panels) - 1)) / len(panels)
    for k, p in enumerate(panels):
        x0 = k * (pw + gap)
        yt = nice_ticks(*p.y_range)
        labels = [tick_label(v, p.percent) for v in yt]
        left = x0 + max(text_width(s, c.fs(12)) for s in labels) + 10 + (c.fs(20) if p.y_title else 0)
        right = x0 + pw - max(12.0, text_width(tick_label(p.x_range[1]), c.fs(12)) / 2 + 4)
        bottom = height - (c.fs(16) + 10 + (c.fs(20) if p.x_title else 0))
        if p.title:
            c.text((left + right) / 2, top - c.fs(11), p.title, 14, "middle", weight="600")
        (xl, xh), (yl, yh) = p.x_range, p.y_range
        xh = xh if xh > xl else xl + 1
        yh = yh if yh > yl else yl + 1

        def fx(v, xl=xl, xh=xh, left=left, right=right):
            return left + (v - xl) / (xh - xl) * (right - left)

        def fy(v, yl=yl, yh=yh, top=top, bottom=bottom):
            return bottom - (v - yl) / (yh - yl) * (bottom - top)

        for v, lab in zip(yt, labels):
            c.line(left, fy(v), right, fy(v), GRID, 1)
            c.text(left - 6, fy(v), lab, 12, "end", "#555")
        for v in nice_ticks(xl, xh, max(2, int((right - left) / 70))):
            c.line(fx(v), bottom, fx(v), bottom + 4, AXIS)
            c.text(fx(v), bottom + 6 + c.fs(7), tick_label(v), 12, "middle", "#555")
        c.line(left, bottom, right, bottom, AXIS)
        c.line(left, top, left, bottom, AXIS)
        if p.x_title:
            c.text((left + right) / 2, height - c.fs(9), p.x_title, 13, "middle")
        if p.y_title:
            yx, yy = x0 + c.fs(9), (top + bottom) / 2
            c.text(yx, yy, p.y_title, 13, "middle", rotate=-90)
        clip = c.clip_rect(left, top - 2, right - left, bottom - top + 4)
        for y, lab in p.refs:
            if yl <= y <= yh:
                c.line(left, fy(y), right, fy(y), "#666", 1.2, "5 4")
                if lab:
                    c.text(right - 4, fy(y) - c.fs(8), lab, 12, "end", "#444")
        budget = int(max(50, 2 * (right - left)))
        for s in p.series:
            ys = np.asarray(s.y, dtype=float)
            xs = np.arange(1, len(ys) + 1) if s.x is None else s.x
            d = _polyline(xs, ys, fx, fy, budget)
            if d:
                c.path(d, s.color, s.width * (1.4 if scale > 1 else 1.0), s.dash, clip=clip)
            if s.markers and 0 < len(ys) <= 60:
                for xv, yv in zip(np.asarray(xs, dtype=float), ys):
                    if math.isfinite(yv) and yl <= yv <= yh:
                        c.circle(fx(xv), fy(yv), 3.2, s.color, s.color, 1)
    return height


# -- a count matrix (confusion) -------------------------------------------------------------------

def _blues(f: float) -> str:
    """White → dark blue for f in [0, 1]."""
    lo, hi = np.array([247, 251, 255]), np.array([8, 69, 148])
    r, g, b = (lo + (hi - lo) * float(np.clip(f, 0, 1))).astype(int)
    return f"#{r:02x}{g:02x}{b:02x}"


def _short(s, n=12):
    s = str(s)
    return s if len(s) <= n else s[:n - 1] + "…"


def count_matrix(counts, labels, *, x_title, y_title, size=340, scale=1.0) -> str:
    """Counts as a heatmap: rows = true class, columns = predicted class, each count written in."""
    counts = np.asarray(counts)
    k = counts.shape[0]
    labels = [_short(lab) for lab in labels]
    c = Canvas(size, size, scale)
    lab_w = max(text_width(s, c.fs(13)) for s in labels) + 8
    left = c.fs(22) + lab_w
    bottom_pad = c.fs(22) + c.fs(18)
    cell = min((size - left - 8) / k, (size - bottom_pad - 8) / k)
    top = 8.0
    vmax = max(int(counts.max()), 1)
    num = max(9.0, min(18.0, cell * 0.42)) / scale
    for i in range(k):
        for j in range(k):
            f = counts[i, j] / vmax
            x, y = left + j * cell, top + i * cell
            c.rect(x, y, cell, cell, _blues(f), "#fff")
            c.text(x + cell / 2, y + cell / 2, str(int(counts[i, j])), num, "middle", "#fff" if f > 0.55 else INK)
    for i, lab in enumerate(labels):
        c.text(left - 6, top + (i + 0.5) * cell, lab, 13, "end")
        c.text(left + (i + 0.5) * cell, top + k * cell + c.fs(11), lab, 13, "middle")
    c.text(left + k * cell / 2, top + k * cell + c.fs(11) + c.fs(20), x_title, 13, "middle")
    c.text(c.fs(10), top + k * cell / 2, y_title, 13, "middle", rotate=-90)
    return c.to_string()
