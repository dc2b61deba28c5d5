"""The server-drawn SVG charts on a phone (390 CSS px: a full-width column 358 px wide).

A drawing is shown scaled to its column. A chart drawn 900 px wide for a laptop came out at 0.4 of its size on a
phone, its 13 px type 5 px (found by the real-browser review at 390 px). Charts wider than a phone's column now
come as an ``svg.Drawing`` that also holds a phone layout, and ``figures.show_svg`` lets the browser pick one.
These checks measure the type size a phone shows: every text's font-size × the drawing's scale in the column."""
import base64
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import numpy as np
import pytest

from lab import forgetting as fg
from lab import learning_rules as lr
from ui import fig_cnn, fig_forgetting, fig_mlp, fig_rnn, fig_rules, figures, i18n, svg

NS = "{http://www.w3.org/2000/svg}"
PHONE_COLUMN = 358           # px: a full-width column on a 390 px phone (Streamlit pads the page 16 px a side)
READABLE = 10.0              # px: the smallest type a phone may show


@pytest.fixture(params=["en", "zh"])
def lang(request, monkeypatch):
    monkeypatch.setattr(i18n, "current_lang", lambda: request.param)
    return request.param


def on_phone(drawing):
    """The SVG document a phone shows: the phone layout when there is one."""
    return getattr(drawing, "narrow", None) or str(drawing)


def smallest_type_on(doc, column=PHONE_COLUMN):
    """The smallest font size in ``doc`` as shown ``column`` px wide (scaled by column / its own width)."""
    root = ET.fromstring(doc)
    width = float(root.get("width"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"     # it scales as a whole
    sizes = [float(el.get("font-size")) for el in root.iter(NS + "text")]
    return min(sizes) * min(1.0, column / width)


HISTORY = {"loss": [0.7, 0.5, 0.4], "val_loss": [0.8, 0.6, 0.5], "accuracy": [0.5, 0.8, 0.9],
           "val_accuracy": [0.4, 0.7, 0.8], "score": [0.5, 0.8, 0.9], "val_score": [0.4, 0.7, 0.8]}


def live_charts():
    """Each page's SVG charts, as the pages draw them (normal view)."""
    yield "rnn curves", fig_rnn.curves(HISTORY, 15)
    yield "cnn curves", fig_cnn.curves(HISTORY, HISTORY, 10)
    yield "playground loss", fig_mlp.curves_svg(HISTORY, 100, ("loss", "val_loss"), (0, 1), "loss", ("a", "b"))
    small = fg.ForgettingConfig(hidden=16, depth=1, epochs=2, n_tasks=2)
    cmp = fg.Comparison(small, ("naive", "ewc", "replay"))
    cmp.run()
    results = cmp.results()
    yield "forgetting curves", fig_forgetting.curves(results)
    yield "forgetting matrices", fig_forgetting.accuracy_matrices(results)
    yield "forgetting diagram", fig_forgetting.cls_diagram()
    stdp = lr.STDPRun(lr.STDPConfig(duration_s=2, n_inputs=200))
    stdp.run(epochs=1)
    r = stdp.result()
    yield "stdp raster", fig_rules.raster_svg(r)
    yield "stdp histogram", fig_rules.weight_histogram_svg(r)
    yield "stdp curves", fig_rules.stdp_curves_svg(r, 2)
    fa = lr.FeedbackAlignmentRun(replace(lr.FeedbackAlignmentConfig(), epochs=1))
    yield "fa curves", fig_rules.fa_curves_svg(fa.result(), 5)


@pytest.mark.slow
def test_every_live_chart_reads_on_a_phone(lang):
    small = {name: round(smallest_type_on(on_phone(d)), 1) for name, d in live_charts()}
    assert all(v >= READABLE for v in small.values()), small


def test_a_wide_chart_stacks_its_panels_for_a_phone():
    panels = [svg.Panel([svg.Series([0.5, 0.4], "train")], (0, 10), (0, 1), "epoch", "loss", title="Loss"),
              svg.Panel([svg.Series([0.6, 0.8], "train")], (0, 10), (0, 1), "epoch", "accuracy", title="Accuracy")]
    chart = svg.line_chart(panels, width=900, height=320)
    assert isinstance(chart, svg.Drawing) and chart.startswith("<svg")          # the laptop's drawing, as before
    wide, narrow = ET.fromstring(chart), ET.fromstring(chart.narrow)
    assert float(wide.get("width")) == 900 and float(narrow.get("width")) == svg.NARROW_WIDTH
    # side by side on a laptop, one above the other on a phone: the two titles' positions say which
    def title_xy(root):
        return [(float(el.get("x")), float(el.get("y"))) for el in root.iter(NS + "text")
                if el.text in ("Loss", "Accuracy")]
    (x1, y1), (x2, y2) = title_xy(wide)
    assert y1 == y2 and x2 > x1 + 300
    (x1, y1), (x2, y2) = title_xy(narrow)
    assert x1 == x2 and y2 > y1 + 150
    # the same words in both: legend, titles, axis titles (x ticks follow the axis' length)
    def words(root):
        return sorted(el.text for el in root.iter(NS + "text") if not re.fullmatch(r"[0-9.%]+", el.text))
    assert words(wide) == words(narrow) == sorted(["train", "Loss", "Accuracy", "epoch", "epoch", "loss",
                                                   "accuracy"])


def test_a_chart_that_fits_a_phone_stays_one_drawing():
    chart = svg.line_chart([svg.Panel([svg.Series([0.5], "a")], (0, 10), (0, 1))], width=340, height=230)
    assert type(chart) is str


def test_the_picture_offers_the_phone_layout_below_the_column_break():
    hostile = "<img src=x onerror=alert(1)>"
    chart = svg.line_chart([svg.Panel([svg.Series([0.5, 0.4], hostile)], (0, 10), (0, 1)),
                            svg.Panel([svg.Series([0.5, 0.4], "b")], (0, 10), (0, 1))], width=900, height=300)
    html = figures.svg_picture(chart, chart.narrow)
    assert hostile not in html and "onerror" not in html           # labels travel base64-encoded, inside images
    source = re.search(r'<source media="([^"]+)" srcset="data:image/svg\+xml;base64,([^"]+)">', html)
    img = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"[^>]*style="width:100%[^"]*object-fit:contain', html)
    assert source and img
    assert source.group(1) == svg.PHONE_MEDIA == "(max-width: 640px)"       # where Streamlit stacks its columns
    assert base64.b64decode(source.group(2)).decode() == chart.narrow
    assert base64.b64decode(img.group(1)).decode() == str(chart)


PHONE_AGENT = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Version/17.0 Mobile/15E148 Safari/604.1")
LAPTOP_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


@pytest.mark.parametrize("agent, phone", [(PHONE_AGENT, True), (LAPTOP_AGENT, False), ("", False)])
def test_show_svg_gives_a_phone_the_picture_and_a_laptop_the_wide_image(monkeypatch, agent, phone):
    shown, drawn = [], []
    monkeypatch.setattr(figures.st, "context", type("C", (), {"headers": {"User-Agent": agent}})())
    monkeypatch.setattr(figures.st, "markdown", lambda body, **kw: shown.append(("markdown", body, kw)))
    monkeypatch.setattr(figures.st, "image", lambda body, **kw: shown.append(("image", body, kw)))
    figures.show_svg(svg.Drawing("<svg/>", lambda: drawn.append(1) or "<svg/>"))
    figures.show_svg("<svg/>")
    if phone:
        assert [s[0] for s in shown] == ["markdown", "image"] and drawn == [1]
        assert "<picture>" in shown[0][1] and shown[0][2] == {"unsafe_allow_html": True}
    else:                                       # a laptop's page as before: images, the phone's layout never drawn
        assert [s[0] for s in shown] == ["image", "image"] and not drawn


def test_a_phone_layout_drawn_later_shows_the_series_as_they_were():
    """A live run's history lists grow after the chart is made; the phone's drawing, made when a phone asks, must
    show the same epochs as the laptop's."""
    history = [0.5, 0.4]
    panels = [svg.Panel([svg.Series(history, "train")], (0, 10), (0, 1)),
              svg.Panel([svg.Series(history, "test")], (0, 10), (0, 1))]
    chart = svg.line_chart(panels, width=900, height=300)
    history.extend([0.3, 0.2, 0.1])
    points = [len(re.findall(r"[ML][0-9.]+ [0-9.]+", d)) for d in re.findall(r'<path d="([^"]+)"', chart.narrow)]
    assert points == [2, 2]


def test_matrices_wrap_to_rows_that_fit_a_phone():
    small = fg.ForgettingConfig(hidden=16, depth=1, epochs=1, n_tasks=2)
    cmp = fg.Comparison(small, ("naive", "l2", "ewc", "replay"))
    cmp.run()
    drawing = fig_forgetting.accuracy_matrices(cmp.results())
    narrow = ET.fromstring(drawing.narrow)
    assert float(narrow.get("width")) <= svg.NARROW_WIDTH * svg.NARROW_SLACK
    cells = drawing.narrow.count("<rect") - 1
    assert cells == drawing.count("<rect") - 1 == 4 * 4                # every cell of every method, in both


@pytest.mark.parametrize("scale", [1.0, 1.3], ids=["normal", "presenter"])
def test_playground_network_labels_read_on_a_phone(scale):
    """The Playground's network drawing is 560 px wide: shown in a phone's 358 px column its 16 px labels were 10 px
    (the real-browser review at 390 px). A phone now gets it drawn NARROW_WIDTH px wide: the labels at 14 px or more,
    every node and label kept, and the weights as they were when the chart was made (training moves them in place)."""
    rng = np.random.default_rng(0)
    weights = [rng.normal(size=(6, 4)), rng.normal(size=(6, 6)), rng.normal(size=(2, 6))]
    labels_in, labels_out = ["x₁", "x₂", "x₁²", "sin(x₁)"], ["class 0", "class 1"]
    drawing = fig_mlp.network_svg(weights, labels_in, labels_out, scale=scale)
    before = fig_mlp.network_svg([w.copy() for w in weights], labels_in, labels_out, scale=scale).narrow
    weights[0] += 5.0                                             # as an optimizer step would, in place
    assert smallest_type_on(on_phone(drawing)) >= 14 * scale - 0.5
    assert smallest_type_on(str(drawing)) < 11 * scale            # the laptop's drawing, as it was, seen on a phone
    wide, narrow = ET.fromstring(drawing), ET.fromstring(drawing.narrow)

    def content(root):
        return (sorted(el.text for el in root.iter(NS + "text")), len(list(root.iter(NS + "circle"))))
    assert content(wide) == content(narrow) == (sorted(labels_in + labels_out), 4 + 6 + 6 + 2)
    assert drawing.narrow == before
