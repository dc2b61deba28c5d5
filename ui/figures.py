"""Figure builders shared by pages. Each returns a Plotly figure with fixed axes where asked."""
from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from nncore import metrics

from . import theme
from .i18n import t
from .safe import plotly_text


def show(fig, key=None, height=None):
    """Draw a figure with the lab's own template (not Streamlit's theme) and no mode bar.

    In presenter view, type is larger and lines thicker so the back row can read them.
    """
    if height is not None:
        fig.update_layout(height=height)
    if st.session_state.get("presenter"):
        fig.update_layout(font_size=17, title_font_size=18)
        fig.update_xaxes(automargin=True, title_standoff=8)
        fig.update_yaxes(automargin=True, title_standoff=8)
        for trace in fig.data:  # every drawn line, dotted or with markers alike, gets thicker
            if trace.type == "scatter" and "lines" in (trace.mode or "lines"):
                trace.line.width = max(trace.line.width or 2, 2) * 2
    st.plotly_chart(fig, theme=None, key=key, config={"displayModeBar": False, "responsive": True})


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
