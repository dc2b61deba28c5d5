"""Figure builders shared by pages. Each returns a Plotly figure with fixed axes where asked."""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
import threading
from collections import OrderedDict

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from nncore import metrics

from . import svg, theme
from .i18n import current_lang, t
from .safe import plotly_text

PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True}


def _style(fig, height=None):
    """The lab's sizing and, in presenter view, larger type and thicker lines so the back row can read them;
    then long titles and labels wrapped so they read whole on a phone (:func:`fit_phone`)."""
    if height is not None:
        fig.update_layout(height=height)
    if st.session_state.get("presenter"):
        fig.update_layout(font_size=17, title_font_size=18)
        for axis in (*fig.select_xaxes(), *fig.select_yaxes()):    # a size a builder set grows as the rest
            if axis.tickfont.size:
                axis.tickfont.size = round(axis.tickfont.size * 17 / 14)
        fig.update_xaxes(automargin=True, title_standoff=8)
        fig.update_yaxes(automargin=True, title_standoff=8)
        for trace in fig.data:  # every drawn line, dotted or with markers alike, gets thicker
            if trace.type == "scatter" and "lines" in (trace.mode or "lines"):
                trace.line.width = max(trace.line.width or 2, 2) * 2
    # presenter view is a lecture hall's screen: a legend there wraps as on a laptop, not as on a phone
    return fit_phone(fig, legend_width=2 * PHONE_WIDTH if st.session_state.get("presenter") else PHONE_WIDTH)


# -- reading whole on a phone --------------------------------------------------------------------------
# Plotly draws a title, an axis title or an annotation on one line, however narrow the chart: on a phone
# (390 CSS px, the chart 358 px wide) a long one runs past the figure's edge and is cut. The server cannot
# know the screen, so a text longer than a phone's chart allows is broken into lines once, for every screen.
PHONE_WIDTH = 358        # px: a full-width chart on a 390 px phone (Streamlit pads the page 16 px a side)
LINE_HEIGHT = 1.3        # a wrapped line's height, in units of its type size
_TAG = re.compile(r"<[^>]+>")


def wrap(label: str, width: int) -> str:
    """``label`` broken into lines of about ``width`` columns with Plotly's ``<br>`` (a CJK character counts two),
    at spaces or after Chinese punctuation; breaks already in ``label`` stay. A column is about ``EM`` of the type
    size; Plotly's own tags (``<sub>`` …) take no room."""
    return "<br>".join(_wrap_line(line, width) for line in str(label).split("<br>"))


CJK_BREAKS = "，、；：。）"
CJK_OPENING = "（《“‘【"


def _columns(piece: str) -> int:
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in _TAG.sub("", piece))


def _wrap_line(label: str, width: int) -> str:
    words = []
    for part in label.split(" "):
        run = ""
        for ch in part:
            run += ch
            if ch in CJK_BREAKS:             # Chinese: a line may break after its punctuation
                words.append((run, False))
                run = ""
        words.append((run, True))            # True: a space followed this piece in the label
    words = [chunk for word in words for chunk in _split_cjk(word, width)]
    lines, line, size, space = [], "", 0, False
    for piece, spaced in words:
        if not piece:
            space = space or spaced
            continue
        cost = _columns(piece)
        gap = 1 if space and line else 0
        if line and size + gap + cost > width:
            lines.append(line)
            line, size, gap = "", 0, 0
        line += (" " if gap else "") + piece
        size += gap + cost
        space = spaced
    if line:
        lines.append(line)
    return "<br>".join(lines)


def _split_cjk(word, width):
    """A run of Chinese longer than a line, without punctuation to break at, in near-equal pieces (Chinese
    may break between any two characters); any other word stays whole."""
    piece, spaced = word
    cols = _columns(piece)
    if cols <= width or "<" in piece or not any(ord(c) >= 0x2E80 for c in piece):
        return [word]
    k = -(-cols // width)
    cuts = np.linspace(0, len(piece), k + 1).round().astype(int)
    for i in range(1, k):                          # an opening bracket starts its line, never ends one
        if piece[cuts[i] - 1] in CJK_OPENING and cuts[i] - 1 > cuts[i - 1]:
            cuts[i] -= 1
    return [(piece[a:b], spaced if b == len(piece) else False) for a, b in zip(cuts[:-1], cuts[1:])]


EM = 0.6                 # a Latin character's width in Plotly's type, at most, in units of its size; a CJK one: 1


def text_px(text: str, size: float) -> float:
    """Estimated width in px of the widest line of a Plotly text (``<br>`` lines, tags take no room)."""
    return max(sum(size if ord(c) >= 0x2E80 else EM * size for c in _TAG.sub("", line))
               for line in str(text).split("<br>"))


def _fit(text: str, budget: float, size: float) -> str:
    """``text`` wrapped to ``budget`` px at ``size`` px type when it is wider; text with links or styled spans
    (none in the catalogues) is left as it is."""
    if not text or text_px(text, size) <= budget or "<a " in text or "<span" in text:
        return text
    return wrap(text, max(4, int(budget / (EM * size))))


def fit_phone(fig, width=PHONE_WIDTH, legend_width=PHONE_WIDTH):
    """Wrap the figure title, the x-axis titles and the annotations that would not fit a chart ``width`` px
    wide, and give the added lines room: the top margin grows for the title's, the bottom margin for the
    x titles' (a legend below the axis moves down with them, its rows wrapped at ``legend_width``). Sizes follow
    Plotly's defaults: the title 1.4× the layout type, axis titles 1.2×. :func:`show` calls it for every figure;
    returns ``fig``.

    It reads the figure's own dicts (:func:`_own`), not Plotly's property objects, which validate every step of
    every path: 1.22 ms a figure against 0.04 ms (measured on the CNN page's probability chart), on every figure
    of every page run. What it changes goes through the properties, as before."""
    lay = fig.layout
    own = _own(lay)
    font = _get(own, "font", "size") or pio_font_size(fig)
    t_m, b_m = _margin(own, "t", 40), _margin(own, "b", 45)
    l_m, r_m = _margin(own, "l", 50), _margin(own, "r", 20)
    plot_w = width - l_m - r_m
    title = _get(own, "title", "text")
    if title:
        size = _get(own, "title", "font", "size") or round(1.4 * font)
        x0 = _get(own, "title", "x")
        fitted = _fit(title, width * (1 - (0.05 if x0 is None else x0)) - 8, size)
        if fitted != title:             # its lines flow down from the figure's top into a margin grown for them
            # (Plotly sets a top-anchored title by its first line's middle: the pad holds half a line more)
            lay.title.update(text=fitted, yref="container", y=1, yanchor="top",
                             pad=dict(t=8 + 0.5 * LINE_HEIGHT * size))
            lay.margin.t = t_m + (_lines(fitted) - _lines(title)) * LINE_HEIGHT * size
    extra_b, below = 0.0, 0.0
    for name in [k for k in own if _XAXIS.match(k)]:
        axis = own[name]
        text = _get(axis, "title", "text")
        if not text:
            continue
        size = _get(axis, "title", "font", "size") or round(1.2 * font)
        lo, hi = axis.get("domain") or (0, 1)
        budget = plot_w * (hi - lo) + (2 * min(l_m, r_m) if (lo, hi) == (0, 1) else 0) - 8
        fitted = _fit(text, budget, size)
        if fitted != text:
            lay[name].title.text = fitted
            extra_b = max(extra_b, (_lines(fitted) - _lines(text)) * LINE_HEIGHT * size)
        # what the axis takes under the plot: tick labels (about 2.1 × the type), the title's lines, a gap
        below = max(below, 2.1 * font + _lines(fitted) * LINE_HEIGHT * size + 6)
    height = own.get("height") or 450
    old_plot_h = height - t_m - b_m
    new_b = b_m + extra_b
    legend = own.get("legend") or {}
    legend_below = legend.get("y") is not None and legend["y"] < 0 and legend.get("yanchor") == "top"
    if legend_below and own.get("showlegend") is not False:
        # A legend under the axis, clear of its tick labels and title, in a margin that holds its rows as a phone
        # wraps them: were it taller, Plotly would grow the margin itself and squeeze the plot, and the legend
        # (placed in fractions of the plot's height) would ride up into the axis title.
        offset = max(-legend["y"] * old_plot_h + extra_b, below)
        new_b = max(new_b, offset + _legend_rows(fig, font, legend_width) * 1.5 * font + 8)
        lay.legend.y = -offset / (height - (_get(own, "margin", "t") or t_m) - new_b)
    if new_b != b_m:
        lay.margin.b = new_b
    for i, note in enumerate(own.get("annotations") or ()):
        text = note.get("text")
        if text and (note.get("xref") or "x").startswith(("paper", "x")):
            fitted = _fit(text, plot_w - 8, _get(note, "font", "size") or font)
            if fitted != text:
                lay.annotations[i].text = fitted
    return fig


_XAXIS = re.compile(r"xaxis\d*$")


def _own(obj) -> dict:
    """The values set on a Plotly object (a figure's layout, a trace) as the plain dict it keeps them in: the
    same values its properties return (unset ones are absent, as they read None). A copy if this Plotly keeps
    them elsewhere."""
    own = getattr(obj, "_props", None)
    return own if isinstance(own, dict) else obj.to_plotly_json()


def _get(d, *path):
    """``d[path[0]][path[1]]...`` of nested dicts, or None where a key is missing."""
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _lines(text) -> int:
    return str(text).count("<br>") + 1 if text else 0


def _margin(own, side, default):
    v = _get(own, "margin", side)
    return default if v is None else v


def _legend_rows(fig, font, width) -> int:
    """Rows a horizontal legend takes in a chart ``width`` px wide (an entry: a 40 px symbol and its name)."""
    rows, x = 1, 0.0
    for trace in fig.data:
        own = _own(trace)
        if own.get("showlegend") is False or not own.get("name"):
            continue
        w = 40 + text_px(own["name"], font) + 10
        if x and x + w > width:
            rows, x = rows + 1, 0.0
        x += w
    return rows


def pio_font_size(fig) -> float:
    """The layout type size the figure's template gives (14 px for the lab's)."""
    return _get(_own(fig.layout), "template", "layout", "font", "size") or 14


def show(fig, key=None, height=None):
    """Draw a figure with the lab's own template (not Streamlit's theme) and no mode bar."""
    st.plotly_chart(_style(fig, height), theme=None, key=key, config=PLOTLY_CONFIG)


# -- figures built once per process for the same numbers ------------------------------------------------
MEMO_FIGURES = 64       # Plotly figures kept; each is a few hundred kB of Python objects at most
_memo: OrderedDict = OrderedDict()
_memo_lock = threading.Lock()


def show_once(build, *args, key=None, height=None):
    """``show(build(*args))``, but a figure for the same arguments is built once in this process.

    For views many sessions draw from the same numbers: the trained model at the end of a replayed
    run (every session of a class holds an exact copy), or a figure of fixed settings. Building a
    Plotly figure of many panels costs 10–50 ms of server CPU; drawing a kept one about 1 ms.
    ``build`` must be a pure function of its arguments and the page's language and presenter view
    (both part of the name a figure is kept under); arrays are compared by content. Arguments that
    cannot be named so (arbitrary objects) simply build the figure every time.
    """
    try:
        name = (build.__module__, build.__qualname__, current_lang(), bool(st.session_state.get("presenter")),
                height, content_digest(args))
    except TypeError:
        return show(build(*args), key=key, height=height)
    with _memo_lock:
        fig = _memo.get(name)
        if fig is not None:
            _memo.move_to_end(name)
    if fig is None:
        fig = _kept(_style(build(*args), height))
        with _memo_lock:
            _memo[name] = fig
            while len(_memo) > MEMO_FIGURES:
                _memo.popitem(last=False)
    st.plotly_chart(fig, theme=None, key=key, config=PLOTLY_CONFIG)     # reads the figure, never changes it


class KeptFigure(go.Figure):
    """A figure :func:`show_once` keeps: never changed after it is kept, so its dict form is made once.

    ``st.plotly_chart`` turns every figure into a dict (``to_dict``: a deep copy, arrays to base64) before
    it writes the JSON; for a kept figure that was a few ms of every page run that draws it.
    """

    def to_dict(self):
        d = self.__dict__.get("_kept_dict")
        if d is None:
            d = super().to_dict()
            self.__dict__["_kept_dict"] = d
        return d


def _kept(fig):
    """``fig`` as a :class:`KeptFigure` (the same object, its class swapped; no copy)."""
    if type(fig) is go.Figure:
        fig.__class__ = KeptFigure
    return fig


def content_digest(obj) -> bytes:
    """A content digest of plain arguments: arrays, numbers, strings, containers, dataclasses, and objects
    that describe themselves by ``get_config()`` and ``params`` (nncore layers). TypeError otherwise."""
    h = hashlib.blake2b(digest_size=20)

    def feed(o):
        if isinstance(o, np.ndarray):
            h.update(f"a{o.dtype.str}{o.shape}".encode())
            h.update(np.ascontiguousarray(o).tobytes())
        elif o is None or isinstance(o, (bool, int, float, complex, str, bytes, np.generic)):
            h.update(f"{type(o).__name__}:{o!r};".encode())
        elif isinstance(o, (list, tuple)):
            h.update(f"{type(o).__name__}{len(o)}(".encode())
            for x in o:
                feed(x)
            h.update(b")")
        elif isinstance(o, dict):
            h.update(f"d{len(o)}(".encode())
            for k in sorted(o, key=repr):
                feed(k)
                feed(o[k])
            h.update(b")")
        elif dataclasses.is_dataclass(o) and not isinstance(o, type):
            h.update(f"{type(o).__qualname__}(".encode())
            for f in dataclasses.fields(o):
                feed(getattr(o, f.name))
            h.update(b")")
        elif hasattr(o, "get_config") and isinstance(getattr(o, "params", None), dict):
            h.update(f"{type(o).__qualname__}(".encode())
            feed(o.get_config())
            feed(o.params)
            h.update(b")")
        else:
            raise TypeError(f"cannot name a {type(o).__name__} by its content")

    feed(obj)
    return h.digest()


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(k: int) -> str:
    """10ᵏ written with a superscript exponent ("10⁻³"), as Plotly's power format writes it."""
    return "10" + str(int(k)).translate(_SUPERSCRIPT)


def percent(fraction) -> str:
    """A ratio as a percentage a class can read aloud: "61 %", "9.3 %", "0.35 %", and below 0.1 % in powers of
    ten, "2 × 10⁻⁵ %" (never Python's "2e-07"); "—" when it is not a finite number."""
    try:
        p = 100.0 * float(fraction)
    except (TypeError, ValueError):
        return "—"
    if not np.isfinite(p):
        return "—"
    if p == 0 or abs(p) >= 10:
        return f"{p:.0f} %"
    if abs(p) >= 0.1:
        return f"{p:.2g} %"
    exponent = int(np.floor(np.log10(abs(p))))
    mantissa = round(p / 10.0 ** exponent)
    if abs(mantissa) == 10:
        mantissa, exponent = mantissa // 10, exponent + 1
    power = power_of_ten(exponent)
    return f"{power} %" if mantissa == 1 else f"{mantissa} × {power} %"


def svg_scale() -> float:
    """Type and line scale for the server-drawn SVG charts: larger in presenter view."""
    return 1.3 if st.session_state.get("presenter") else 1.0


def data_url(data: bytes, mime: str = "image/jpeg") -> str:
    """Image bytes as a ``data:`` URL for ``st.image``: sent inside the page update itself.

    ``st.image`` on bytes stores a file that the browser fetches afterwards, and Streamlit frees
    the files of a fragment when it reruns, five or more times a second while training. A browser
    that lags behind (a busy laptop, a class on one server) can then ask for a file already gone
    and show a broken image; an inline image cannot go missing.
    """
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def show_svg(svg_text):
    """Draw an SVG chart from ``ui/svg.py`` as an image scaled to the column's width. To a phone, a
    :class:`ui.svg.Drawing` goes with its phone layout, as a picture whose browser picks one by the screen's
    width (:func:`svg_picture`); a laptop gets the wide one alone and never has the phone's drawn."""
    if isinstance(svg_text, svg.Drawing) and on_phone():
        st.markdown(svg_picture(svg_text, svg_text.narrow), unsafe_allow_html=True)
    else:
        st.image(str(svg_text), width="stretch")


# What a phone's or a tablet's browser writes in its User-Agent (Android, iOS; iPadOS 13+ writes a Mac's, and gets
# the wide drawings a laptop gets, at a tablet's width they read).
_PHONE_AGENT = re.compile(r"Mobi|Android|iPhone|iPod|iPad", re.I)


def on_phone() -> bool:
    """Whether this session's browser says it runs on a phone or a tablet (its User-Agent header)."""
    try:
        agent = st.context.headers.get("User-Agent", "")
    except Exception:                  # no request behind this run (AppTest, bare mode)
        return False
    return bool(_PHONE_AGENT.search(agent or ""))


def svg_picture(wide: str, narrow: str) -> str:
    """HTML for two layouts of one chart: ``narrow`` on a phone's screen (``svg.PHONE_MEDIA``), ``wide`` elsewhere,
    each scaled to the column's width. Both travel as base64 ``data:`` URLs, so no text of theirs (labels from an
    uploaded file among them) can be read as HTML, and as images they run no script."""
    def url(doc):
        return data_url(str(doc).encode("utf-8"), "image/svg+xml")
    return (f'<div class="lab-svg"><picture><source media="{svg.PHONE_MEDIA}" srcset="{url(narrow)}">'
            f'<img src="{url(wide)}" alt="" style="{_IMG_STYLE}"></picture></div>')


# As st.image(width="stretch") draws: the column's width, up or down (Streamlit's Markdown gives its images
# object-fit: scale-down, which left a drawing smaller than the column at its own size).
_IMG_STYLE = "width:100%;height:auto;display:block;object-fit:contain"


def loss_curves(history, max_epochs, y_max=None, metric="loss", title=None):
    """Train (and validation) curves against epoch on axes fixed to [0, max_epochs] × [0, y_max]."""
    fig = go.Figure()
    train = history.get(metric, [])
    val = history.get("val_" + metric, [])
    x = np.arange(1, len(train) + 1)
    fig.add_scatter(x=x, y=train, mode="lines", name=t("common.train"), line=dict(color=theme.TRAIN, width=2))
    if len(val):
        fig.add_scatter(x=x, y=val, mode="lines", name=t("common.test"), line=dict(color=theme.TEST, width=2))
    if y_max is None:
        y_max = max([1.0] + [v for v in list(train[:1]) + list(val[:1]) if np.isfinite(v)]) * 1.1
    fig.update_xaxes(range=[0, max(max_epochs, len(train), 1)], title=t("common.epoch"))
    fig.update_yaxes(range=[0, y_max], title=title or t(f"common.{metric}"))
    fig.update_layout(height=280, margin=dict(t=30))
    return fig


def confusion_matrix(y_true, y_pred, labels):
    """Counts heatmap, true class down, predicted class across. ``labels`` may come from a user's
    file, so they are escaped for Plotly's pseudo-HTML (a label ``<a href=…>`` stays text)."""
    cm = metrics.confusion_matrix(y_true, y_pred, len(labels))
    ticks = [plotly_text(l) for l in labels]
    fig = go.Figure(go.Heatmap(z=cm, x=ticks, y=ticks,
                               colorscale="Blues", text=cm, texttemplate="%{text}", showscale=False,
                               hovertemplate=t("common.cm_hover") + "<extra></extra>"))
    fig.update_xaxes(title=t("common.predicted"), type="category", side="bottom")
    fig.update_yaxes(title=t("common.true"), type="category", autorange="reversed")
    fig.update_layout(height=320)
    return fig
