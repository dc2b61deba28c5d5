"""Figure builders shared by pages. Each returns a Plotly figure with fixed axes where asked."""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import threading
from collections import OrderedDict

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from nncore import metrics

from . import theme
from .i18n import current_lang, t
from .safe import plotly_text

PLOTLY_CONFIG = {"displayModeBar": False, "responsive": True}


def _style(fig, height=None):
    """The lab's sizing and, in presenter view, larger type and thicker lines so the back row can read them."""
    if height is not None:
        fig.update_layout(height=height)
    if st.session_state.get("presenter"):
        fig.update_layout(font_size=17, title_font_size=18)
        fig.update_xaxes(automargin=True, title_standoff=8)
        fig.update_yaxes(automargin=True, title_standoff=8)
        for trace in fig.data:  # every drawn line, dotted or with markers alike, gets thicker
            if trace.type == "scatter" and "lines" in (trace.mode or "lines"):
                trace.line.width = max(trace.line.width or 2, 2) * 2
    return fig


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
                height, _digest(args))
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


def _digest(obj) -> bytes:
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
    """Draw an SVG chart from ``ui/svg.py`` as an image scaled to the column's width."""
    st.image(svg_text, width="stretch")


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
