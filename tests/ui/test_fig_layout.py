"""Charts that must read whole at 1280 px, in presenter view and in Chinese: axis titles that fit beside
their plot, level category names, decade labels on log axes, maps that fill their axes.

Plotly lays the figure out in the browser; these checks use what the server decides: the figure's height
and margins, the titles' lengths (a character of 14-17 px type is at most ~0.6 of the size wide, a Chinese
one the whole size) and the tick values."""
import numpy as np
import pytest

from ui import fig_brain, fig_compare, fig_rnn, i18n

PRESENTER_FONT = 17          # ui.figures._style's type size in presenter view
PLOT_WIDTH_1280 = 740        # a full-width chart's plot area at 1280 px (sidebar open)


@pytest.fixture(params=["en", "zh"])
def lang(request, monkeypatch):
    monkeypatch.setattr(i18n, "current_lang", lambda: request.param)
    return request.param


def text_px(text, size=PRESENTER_FONT):
    return sum(size if ord(c) >= 0x2E80 else 0.6 * size for c in text)


def plot_height(fig):
    m = fig.layout.margin
    return fig.layout.height - (m.t if m.t is not None else 40) - (m.b if m.b is not None else 45)


def test_wrap_breaks_at_spaces_and_chinese_punctuation():
    assert fig_brain.wrap("ANN, trained on digits", 18) == "ANN, trained on<br>digits"
    assert fig_brain.wrap("人工神经网络，未训练", 18) == "人工神经网络，<br>未训练"
    assert fig_brain.wrap("short", 18) == "short"
    for label in ("1,000 LIF neurons, 10 ms windows", "1,000 个 LIF 神经元，10 ms 时间窗"):
        lines = fig_brain.wrap(label, 18).split("<br>")
        assert len(lines) > 1 and "".join(lines).replace(" ", "") == label.replace(" ", "")


def sparsity_figure():
    rng = np.random.default_rng(0)
    groups = [(i18n.t("brain.sp_untrained"), rng.uniform(0.3, 0.6, 50), "#999"),
              (i18n.t("brain.sp_trained"), rng.uniform(0.6, 0.9, 50), "#00f"),
              (i18n.t("brain.sp_lif", w=10), rng.uniform(0.03, 0.1, 50), "#f00")]
    return fig_brain.sparsity_meter(groups)


def test_sparsity_categories_stay_level_and_leave_the_plot_its_height(lang):
    fig = sparsity_figure()
    assert fig.layout.xaxis.tickangle == 0
    for box in fig.data:                     # each name fits its third of the plot, in at most three lines
        lines = box.name.split("<br>")
        assert len(lines) <= 3
        assert max(text_px(line, 14) for line in lines) < PLOT_WIDTH_1280 / 3
    label_lines = max(len(box.name.split("<br>")) for box in fig.data)
    assert text_px(fig.layout.yaxis.title.text) < plot_height(fig) - 20 * label_lines


def test_spectrum_labels_decades_only():
    freqs = np.linspace(0, 500, 501)
    fig = fig_brain.rate_spectrum(freqs, np.ones_like(freqs), 15.0, np.ones_like(freqs))
    y = fig.layout.yaxis
    assert y.type == "log"
    assert all(np.log10(v) == round(np.log10(v)) for v in y.tickvals)      # 1, 10, 100, 1000: no 2s and 5s
    assert list(y.ticktext) == [f"{v:g}" for v in y.tickvals]
    lo, hi = 10 ** y.range[0], 10 ** y.range[1]
    assert sum(lo <= v <= hi for v in y.tickvals) >= 3
    assert fig.layout.legend.y < 0             # under the axis, clear of the title


def test_spectrum_and_raster_titles_fit(lang):
    freqs = np.linspace(0, 500, 501)
    fig = fig_brain.rate_spectrum(freqs, np.ones_like(freqs), 15.0, np.ones_like(freqs))
    assert text_px(fig.layout.yaxis.title.text) < plot_height(fig)
    assert text_px(fig.layout.title.text) < PLOT_WIDTH_1280
    t = np.array([1.0, 2.0])
    raster = fig_brain.raster_and_rate(t, np.array([0, 900]), 800, 1000, 1000.0, np.arange(10.0), np.ones(10),
                                       np.ones(10))
    assert text_px(raster.layout.title.text) < PLOT_WIDTH_1280        # the legend sits below it


def test_membrane_trace_titles_fit_its_half_width_column(lang):
    from nncore import brain
    fig = fig_brain.lif_trace(np.arange(10.0), np.full(10, -70.0), brain.DEFAULT, 500)
    column_plot = 300                          # half of the page in presenter view, less the y axis
    assert text_px(fig.layout.title.text, 18) < column_plot + 50
    assert text_px(fig.layout.yaxis.title.text) < plot_height(fig)


def test_membrane_trace_line_labels_stay_readable_over_a_firing_trace():
    from nncore import brain
    fig = fig_brain.lif_trace(np.arange(10.0), np.full(10, -50.0), brain.DEFAULT, 500)
    labels = [a for a in fig.layout.annotations if a.text]
    assert len(labels) == 2                                    # threshold and rest, each on its own line
    assert sorted(a.y for a in labels) == [brain.DEFAULT.e_rest, brain.DEFAULT.v_th]
    assert all(a.bgcolor and a.bgcolor != "rgba(0,0,0,0)" for a in labels)   # an opaque box under the text


def test_loss_overlay_leaves_room_for_its_y_title(lang):
    res = {"loss_curve": [0.7, 0.5, 0.3], "loss": 0.3, "n_iter": 3}
    fig = fig_compare.loss_overlay(res, res, 10)
    assert text_px(fig.layout.yaxis.title.text) < plot_height(fig)


@pytest.mark.parametrize("span", [(4.0, 2.5), (3.0, 3.0), (2.0, 4.0)])
def test_decision_map_fills_its_axes(span):
    xs, ys = np.linspace(-span[0] / 2, span[0] / 2, 20), np.linspace(-span[1] / 2, span[1] / 2, 20)
    X = np.array([[0.0, 0.0], [0.5, 0.5]])
    fig = fig_compare.decision_surface(xs, ys, np.full((400, 2), 0.5), X, np.array([0, 1]), 2, "t")
    # both ranges are the grid's and neither axis may grow its range to keep 1:1: the domain shrinks instead
    assert fig.layout.xaxis.constrain == "domain" and fig.layout.yaxis.constrain == "domain"
    assert tuple(fig.layout.yaxis.range) == (ys[0], ys[-1]) and tuple(fig.layout.xaxis.range) == (xs[0], xs[-1])
    # the figure is about as tall as the map is at the width it gets, so little is left blank
    assert plot_height(fig) == pytest.approx(np.clip(fig_compare.MAP_WIDTH_PX * span[1] / span[0], 180, 420),
                                             abs=10)


def test_recall_answer_is_a_figure_of_its_own(lang):
    info = {"proba": np.array([0.1, 0.2, 0.6, 0.1]), "target": 2, "pred": 2}
    fig = fig_rnn.recall_answer(info)
    assert [d.type for d in fig.data] == ["bar"]
    assert text_px(fig.layout.yaxis.title.text) < plot_height(fig)
    assert text_px(fig.layout.title.text) < 2 / 7 * 820          # its column at 1280 px
