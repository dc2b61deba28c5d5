"""Plotly figures built in one pass: the whole figure as plain dicts, validated once by ``go.Figure``.

Plotly validates every ``add_trace``, ``update_xaxes``, ``add_annotation`` and ``make_subplots`` call on
its own, and those calls, not the numbers, are what a many-panel figure costs: the CNN page's feature
maps took 57 ms and its grid of 24 captioned digits 68 ms, against about 3 ms for the same figure
handed to ``go.Figure`` as one dict. Those figures are drawn again after every finished run, so the
page's builders describe their figures as dicts here. A grid of subplots comes from
:func:`subplot_layout`, which asks ``make_subplots`` once per grid shape and keeps its layout (the axis
domains and the title annotations), so the figure is the one ``make_subplots`` would give.
"""
from __future__ import annotations

import copy
import functools

import plotly.graph_objects as go

# Axis settings of an image-like heatmap (no ticks, no grid): what ``fig_cnn._image_axes`` sets.
IMAGE_X = dict(showticklabels=False, showgrid=False, showline=False, ticks="", constrain="domain")
IMAGE_Y = dict(showticklabels=False, showgrid=False, showline=False, ticks="", autorange="reversed")


@functools.lru_cache(maxsize=32)
def _grid(rows: int, cols: int, n_titles: int, options: tuple) -> dict:
    from plotly.subplots import make_subplots
    kw = {k: list(v) if isinstance(v, tuple) else v for k, v in options}
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[f"title {i}" for i in range(n_titles)], **kw)
    layout = fig.to_plotly_json()["layout"]
    layout.pop("template", None)          # go.Figure applies the default template itself
    return layout


def subplot_layout(rows: int, cols: int, titles=(), **options) -> dict:
    """``make_subplots(rows, cols, subplot_titles=titles, **options)``'s layout as a fresh dict (no template).

    Options must be plain values or sequences (``column_widths``, ``row_heights``, spacings, ``shared_xaxes``).
    """
    items = tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in options.items()))
    layout = copy.deepcopy(_grid(rows, cols, len(titles), items))
    for annotation, title in zip(layout.get("annotations", ()), titles):
        annotation["text"] = title
    return layout


def axis_name(kind: str, row: int, col: int, cols: int) -> str:
    """The layout key of the subplot (row, col)'s axis (1-based, row-major as make_subplots numbers them):
    ``axis_name("x", 2, 1, 1) == "xaxis2"``."""
    index = (row - 1) * cols + col
    return f"{kind}axis" + (str(index) if index > 1 else "")


def ref(kind: str, row: int, col: int, cols: int) -> str:
    """The trace/shape reference of that axis: "x", "y2", …"""
    index = (row - 1) * cols + col
    return kind + (str(index) if index > 1 else "")


def merge(layout: dict, key: str, **props) -> dict:
    """``layout[key].update(props)`` (creating it): one axis' settings, as ``update_xaxes(row=…)`` would."""
    layout.setdefault(key, {}).update(props)
    return layout


def figure(data, layout) -> go.Figure:
    """One validated Plotly figure from a list of trace dicts (each with ``type``) and a layout dict."""
    return go.Figure(data=list(data), layout=layout)
