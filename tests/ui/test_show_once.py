"""figures.show_once: a figure for the same numbers is built once per process, and only then."""
import logging

import numpy as np
import plotly.graph_objects as go
import pytest

from lab import cnn
from nncore.layers import Conv2D
from ui import figures

logging.getLogger("streamlit").setLevel(logging.ERROR)


@pytest.fixture
def builds(monkeypatch):
    monkeypatch.setattr(figures, "_memo", type(figures._memo)())
    count = {"n": 0}

    def build(y, title):
        count["n"] += 1
        return go.Figure(go.Scatter(y=y), layout=dict(title=title))

    return build, count


def test_the_same_numbers_build_once_and_other_numbers_build_again(builds):
    build, count = builds
    figures.show_once(build, np.arange(4.0), "loss")
    figures.show_once(build, np.arange(4.0), "loss")              # equal content, another array object
    assert count["n"] == 1
    figures.show_once(build, np.arange(4.0) * 2, "loss")
    figures.show_once(build, np.arange(4.0), "accuracy")
    figures.show_once(build, np.arange(4, dtype=np.float32), "loss")   # same values, another dtype
    assert count["n"] == 4


def test_the_kept_figures_are_bounded(builds, monkeypatch):
    build, count = builds
    monkeypatch.setattr(figures, "MEMO_FIGURES", 3)
    for i in range(5):
        figures.show_once(build, np.full(2, float(i)), "x")
    assert len(figures._memo) == 3
    figures.show_once(build, np.full(2, 0.0), "x")                 # the oldest was dropped: built again
    assert count["n"] == 6


def test_arguments_without_a_content_name_build_every_time(builds):
    _, count = builds

    def build(obj):
        count["n"] += 1
        return go.Figure()

    figures.show_once(build, object())
    figures.show_once(build, object())
    assert count["n"] == 2 and len(figures._memo) == 0


def test_a_layer_is_named_by_its_settings_and_weights():
    a = Conv2D(1, 2, 3, rng=0)
    b = Conv2D(1, 2, 3, rng=0)
    assert figures.content_digest([a]) == figures.content_digest([b])
    b.params["weight"][0, 0, 0, 0] += 1
    assert figures.content_digest([a]) != figures.content_digest([b])
    stage = cnn.FeatureStage("relu", 1, a, np.zeros((2, 8, 8)))
    other = cnn.FeatureStage("relu", 1, b, np.zeros((2, 8, 8)))
    assert figures.content_digest([stage]) != figures.content_digest([other])


def test_a_kept_figure_sends_the_same_chart_and_makes_its_dict_once(builds, monkeypatch):
    """show_once keeps the figure with its dict form made once: Streamlit's chart spec is the one a fresh
    figure of the same numbers gives, on the first draw and on every later one."""
    import plotly.io as pio
    import plotly.tools

    build, _ = builds
    spec = lambda fig: pio.to_json(plotly.tools.return_figure_from_figure_or_data(fig, True), validate=False)  # noqa: E731
    fresh = spec(build(np.arange(4.0), "loss"))
    drawn = []
    monkeypatch.setattr(figures.st, "plotly_chart", lambda fig, **kw: drawn.append(fig))
    calls = {"n": 0}
    original = go.Figure.to_dict

    def counting(self):
        calls["n"] += 1
        return original(self)

    monkeypatch.setattr(go.Figure, "to_dict", counting)
    for _ in range(3):
        figures.show_once(build, np.arange(4.0), "loss")
    assert len(drawn) == 3 and all(d is drawn[0] for d in drawn)
    assert isinstance(drawn[0], figures.KeptFigure)
    assert [spec(d) for d in drawn] == [fresh] * 3
    assert calls["n"] == 1
