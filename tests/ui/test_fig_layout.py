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


# -- on a phone: 390 CSS px, a full-width chart 358 px wide ------------------------------------------------------
# Plotly writes a title, an axis title or an annotation on one line however narrow the chart: what does not fit a
# phone's chart runs past the edge and is cut (found by the real-browser review at 390 px). figures.show passes
# every figure through figures._style, which wraps them; these checks measure what it hands to the browser.

from ui import figures  # noqa: E402

PHONE = figures.PHONE_WIDTH


@pytest.fixture(params=[False, True], ids=["normal", "presenter"])
def view(request, monkeypatch):
    monkeypatch.setattr(figures.st, "session_state", {"presenter": request.param})
    return request.param


def brain_figures():
    from nncore import brain
    rng = np.random.default_rng(0)
    currents = np.linspace(0, 3, 31)
    freqs = np.linspace(0, 500, 501)
    yield "lif_trace", fig_brain.lif_trace(np.arange(10.0), np.full(10, -60.0), brain.DEFAULT, 500)
    yield "ann_sum", fig_brain.ann_sum([0.8, -0.3, -0.28, 0.1], ["w1·x1", "w2·x2", "w3·x3", "b"], 0.32)
    yield "activation", fig_brain.activation_point(np.linspace(-7, 7, 50), np.linspace(0, 7, 50), 0.3, 0.3, [0, 7])
    yield "fi_bridge", fig_brain.fi_bridge(currents, currents * 100, currents * 90, currents * 400, currents * 120,
                                           3.0, 500)
    yield "sparsity", sparsity_figure()
    spikes = np.sort(rng.uniform(0, 1000, 200))
    yield "raster", fig_brain.raster_and_rate(spikes, rng.integers(0, 1000, 200), 800, 1000, 1000.0, np.arange(10.0),
                                              np.ones(10), np.ones(10))
    yield "spectrum", fig_brain.rate_spectrum(freqs, np.ones_like(freqs), 15.0, np.ones_like(freqs))
    yield "sweep", fig_brain.sync_sweep(np.linspace(0, 1, 5), np.linspace(0, 1, 5), np.linspace(0, 1, 5), 0.1)


def phone_text_px(text, size):
    """The widest line of a Plotly text at ``size`` px: 0.6 of the size a Latin character, the size a CJK one."""
    return max(text_px(line.replace("<sub>", "").replace("</sub>", ""), size) for line in str(text).split("<br>"))


def margin(fig, side, default):
    v = getattr(fig.layout.margin, side)
    return default if v is None else v


def test_titles_labels_and_notes_fit_a_phone(lang, view):
    font = 17 if view else 14
    cut = []
    for name, fig in brain_figures():
        fig = figures._style(fig)
        plot_w = PHONE - margin(fig, "l", 50) - margin(fig, "r", 20)
        title = fig.layout.title
        if title.text:
            size = title.font.size or round(1.4 * font)
            if phone_text_px(title.text, size) > PHONE * 0.95:
                cut.append((name, "title", title.text))
            lines = title.text.count("<br>") + 1
            if lines > 1:            # a wrapped title's lines sit in the top margin, above the plot
                assert title.yanchor == "top" and margin(fig, "t", 40) >= (lines * 1.3 + 0.5) * size, name
        for axis in fig.select_xaxes():
            lo, hi = axis.domain or (0, 1)
            size = axis.title.font.size or round(1.2 * font)
            if axis.title.text and phone_text_px(axis.title.text, size) > plot_w * (hi - lo) + 40:
                cut.append((name, "x title", axis.title.text))
        for note in fig.layout.annotations:
            if note.text and phone_text_px(note.text, note.font.size or font) > plot_w:
                cut.append((name, "annotation", note.text))
    assert not cut, cut


def test_sparsity_names_sit_side_by_side_on_a_phone(lang):
    fig = sparsity_figure()
    plot_w = PHONE - margin(fig, "l", 50) - margin(fig, "r", 20)
    size = fig.layout.xaxis.tickfont.size
    assert size == fig_brain.CATEGORY_FONT
    wide = [box.name for box in fig.data if phone_text_px(box.name, size) > plot_w / 3 - 6]
    assert not wide, wide


def test_a_legend_under_the_axis_clears_its_wrapped_title(lang, view):
    """The rate spectrum (Synchrony): a legend under the axis moves down past the x title's lines as a phone wraps
    them, and the bottom margin holds the legend's rows, so Plotly does not grow it and pull the legend back up
    into the title."""
    fig = figures._style(dict(brain_figures())["spectrum"])
    font = 17 if view else 14
    size = fig.layout.xaxis.title.font.size or round(1.2 * font)
    lines = fig.layout.xaxis.title.text.count("<br>") + 1
    plot_h = fig.layout.height - margin(fig, "t", 40) - margin(fig, "b", 45)
    legend_top = -fig.layout.legend.y * plot_h                   # px under the plot
    assert legend_top >= 2 * font + lines * 1.3 * size
    names = [tr.name for tr in fig.data if tr.showlegend is not False]
    assert len(names) == 2                   # side by side when both fit the width (a hall's screen: twice a phone's)
    one_row = sum(40 + phone_text_px(name, font) + 10 for name in names) <= PHONE * (2 if view else 1)
    assert margin(fig, "b", 45) >= legend_top + (1 if one_row else 2) * 1.4 * font


def test_fi_bridge_leaves_no_blank_under_its_axis(lang, view):
    """The f-I bridge's legend sits above the plot, where Plotly grows the top margin to the rows it takes on each
    screen (two at 1280 px, four on a phone). Under the axis it took a margin sized for a phone's four rows on every
    screen: about 60 px blank under it at 1280 px. The bottom margin now holds the tick labels and the x title's
    lines (as wrapped for a phone, which every screen shows), and nothing more."""
    fig = figures._style(dict(brain_figures())["fi_bridge"])
    assert fig.layout.legend.yanchor == "bottom" and fig.layout.legend.y >= 1
    font = 17 if view else 14
    size = fig.layout.xaxis.title.font.size or round(1.2 * font)
    lines = fig.layout.xaxis.title.text.count("<br>") + 1
    axis = 2.1 * font + lines * 1.3 * size                       # tick labels, the title's lines
    assert axis <= margin(fig, "b", 45) <= axis + 15


def test_wrap_keeps_chinese_brackets_with_their_words():
    assert figures.wrap("兴奋性频率的功率谱（相对于独立神经元）", 28) == "兴奋性频率的功率谱<br>（相对于独立神经元）"
    assert figures.wrap("人工神经网络，未训练", 12) == "人工神经<br>网络，未训练"
    assert figures.wrap("first<br>second line here", 9) == "first<br>second<br>line here"
    assert figures.wrap("t<sub>post</sub> − t<sub>pre</sub>", 9) == "t<sub>post</sub> −<br>t<sub>pre</sub>"


def test_spectrum_names_the_independent_level_at_one():
    """Plotly's hline annotation takes y = 1 as log10 units on a log axis (drawn at 10, over the curve)."""
    freqs = np.linspace(0, 500, 501)
    fig = fig_brain.rate_spectrum(freqs, np.ones_like(freqs), 15.0, np.ones_like(freqs))
    note = next(a for a in fig.layout.annotations if a.text == i18n.t("sync.spec_async"))
    assert note.yref == "y" and note.y == 0.0 and note.yanchor == "top"       # 10⁰ = 1, under the line


# -- Memory's recall animation and Backprop's network on a phone (both found overlapping by the 390 px review) ----

def recall_figure():
    from types import SimpleNamespace

    from ui import fig_memory
    energy = np.r_[np.linspace(-16, -49, 100), np.full(101, -49.0)]         # the page's default recall, in shape
    rec = SimpleNamespace(flips=np.r_[np.ones(100), np.zeros(100)], energy=energy, trajectory=np.ones((201, 100)))
    return fig_memory.recall_animation(rec, (10, 10)), energy


def test_recall_energy_title_keeps_clear_of_the_state_grid_on_a_phone(lang):
    """Between the grid and the energy plot lie the energy ticks' labels, the ticks and the rotated title."""
    fig, energy = recall_figure()
    fig = figures._style(fig)
    plot_w = PHONE - margin(fig, "l", 50) - margin(fig, "r", 20)
    gap = (fig.layout.xaxis2.domain[0] - fig.layout.xaxis.domain[1]) * plot_w
    tick = max(phone_text_px(f"−{abs(v):.0f}", 14) for v in (energy.min(), energy.max()))
    title = 1.3 * round(1.2 * 14)
    assert gap >= tick + 5 + 3 + (fig.layout.yaxis2.title.standoff or 0) + title


def test_recall_slider_reading_starts_past_the_play_buttons_on_a_phone(lang):
    """The slider's step read ("after update 0") sits at its left end, on the buttons' row: it must start past them.
    A button is its label and about 12 px a side; ❚ is drawn a full type size wide."""
    fig = figures._style(recall_figure()[0])
    l_m = margin(fig, "l", 50)
    plot_w = PHONE - l_m - margin(fig, "r", 20)
    menu = fig.layout.updatemenus[0]
    buttons = sum(phone_text_px(b.label.replace("❚", "一"), 14) + 24 for b in menu.buttons)
    slider = fig.layout.sliders[0]
    assert slider.currentvalue.xanchor in (None, "left")
    assert l_m + slider.x * plot_w >= l_m + menu.x * plot_w + buttons + (menu.pad.r or 0) - 10


def test_recall_step_title_takes_one_line_on_a_phone_and_in_presenter_view(lang, view):
    """The slider and buttons sit a fixed fraction under the plot: a third line of the x title ran into them, and in
    presenter view "update step (one unit per step)" took three (its type is 20 px there, wrapped for a phone's
    width). The title is "update step"; the caption under the chart says one unit is updated per step."""
    fig = figures._style(recall_figure()[0])
    title = fig.layout.xaxis2.title.text
    assert "<br>" not in title, title
    said = {"en": "each update step sets one unit", "zh": "每个更新步更新一个单元"}[lang]
    assert said in i18n.t("memory.recall_caption")


def _meet(a, b):
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _diagram_boxes(fig, width):
    """Px boxes (x0, y0, x1, y1; y up, from the plot's corner) of the diagram's labels and nodes on a chart ``width``
    px wide, each with its text ("node" for a node), and the plot's own box."""
    m = fig.layout.margin
    (x_lo, x_hi), (y_lo, y_hi) = fig.layout.xaxis.range, fig.layout.yaxis.range
    plot_w, plot_h = width - m.l - m.r, fig.layout.height - m.t - m.b
    sx, sy = plot_w / (x_hi - x_lo), plot_h / (y_hi - y_lo)
    labels, nodes = [], []
    for a in fig.layout.annotations:
        if a.yref == "paper":
            continue
        size = a.font.size
        w = phone_text_px(a.text.replace("<b>", "").replace("</b>", ""), size) + 6
        h = (a.text.count("<br>") + 1) * 1.3 * size + 4
        x, y = (a.x - x_lo) * sx, (a.y - y_lo) * sy
        top = {"top": y, "bottom": y + h}.get(a.yanchor, y + h / 2)
        labels.append((a.text, (x - w / 2, top - h, x + w / 2, top)))
    markers = fig.data[-1]
    for x, y, size in zip(markers.x, markers.y, markers.marker.size):
        x, y = (x - x_lo) * sx, (y - y_lo) * sy
        nodes.append(("node", (x - size / 2, y - size / 2, x + size / 2, y + size / 2)))
    return labels, nodes, (0, 0, plot_w, plot_h)


@pytest.mark.parametrize("phone", [False, True], ids=["1280px", "phone"])
def test_backprop_diagram_at_its_last_step_keeps_every_number_clear(phone):
    """At the walk-through's last step every number is on the diagram. On a laptop's chart (820 px at 1280 px, the
    sidebar open) no label meets another label or a node: the weights' labels sat on the hidden units' numbers and
    on each other there. On a phone's (358 px) no label meets another, and all stay inside the chart; a weight's
    label may touch an input's ring (the columns are 125 px apart). Default weights and six seeded random ones, for
    every shape and head. Weights' labels are placed for their widest form, so no label moves between steps and
    the last step is the fullest. (English: its column titles are the wider.)"""
    from lab import backprop_trace as sw
    from ui import fig_backprop
    width = fig_backprop.PHONE.width if phone else fig_backprop.WIDE.width
    crowded = []
    for hidden, out, head in [(2, 1, "sigmoid_bce"), (3, 1, "sigmoid_bce"), (2, 2, "linear_mse"),
                              (3, 2, "sigmoid_bce"), (3, 2, "softmax_ce")]:
        y = [1] if head == "softmax_ce" else [1.0] * out
        for seed in (None, 0, 1, 2, 3, 4, 5):
            net = (sw.default_net(hidden, out, head=head) if seed is None else
                   sw.random_net(seed, hidden, out, head=head))
            tr = sw.trace(net, [[0.5, -1.0]], y)
            labels, nodes, plot = _diagram_boxes(fig_backprop.network_diagram(tr, len(tr.steps) - 1, phone=phone),
                                                 width)
            for i, (text, box) in enumerate(labels):
                hit = [o for o, b in labels[i + 1:] + ([] if phone else nodes) if _meet(box, b)]
                out_of_plot = not (box[0] >= 0 and box[1] >= 0 and box[2] <= plot[2] and box[3] <= plot[3])
                if hit or out_of_plot:
                    crowded.append((hidden, out, head, seed, text.split("<br>")[0], [h.split("<br>")[0] for h in hit],
                                    out_of_plot))
    assert not crowded, crowded[:5]
