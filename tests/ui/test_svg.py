"""The server-drawn SVG charts (ui/svg.py and the live charts built on it)."""
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from ui import fig_cnn, fig_mlp, fig_rnn, svg

NS = "{http://www.w3.org/2000/svg}"


def parse(text):
    root = ET.fromstring(text)
    assert root.tag == NS + "svg"
    return root


def texts(root):
    return [el.text for el in root.iter(NS + "text")]


def paths(root):
    return [el for el in root.iter(NS + "path")]


def coords(d):
    """[(x, y), ...] of an SVG path made of M/L commands, with the pen state of each point."""
    out = []
    for chunk in d.replace("M", "|M").replace("L", "|L").split("|")[1:]:
        x, y = chunk[1:].split()
        out.append((chunk[0], float(x), float(y)))
    return out


@pytest.mark.parametrize("lo, hi", [(0, 1), (0, 100), (-1, 1), (0, 0.37), (0, 1.02), (3, 7), (0, 12345.0)])
def test_nice_ticks_are_round_and_inside(lo, hi):
    ticks = svg.nice_ticks(lo, hi)
    assert 2 <= len(ticks) <= 11
    assert all(lo - 1e-9 <= v <= hi + 1e-9 for v in ticks)
    steps = np.diff(ticks)
    assert np.allclose(steps, steps[0])
    mant = steps[0] / 10 ** np.floor(np.log10(steps[0]))
    assert any(np.isclose(mant, m) for m in (1, 2, 2.5, 5))


def test_nice_ticks_of_an_empty_or_broken_range_do_not_hang():
    assert svg.nice_ticks(1, 1) == [1]
    assert svg.nice_ticks(0, float("nan")) == [0]


def test_line_chart_keeps_its_axes_fixed_while_the_data_grow():
    """Same ranges → the same tick labels however many epochs are in: nothing jumps while training."""
    def chart(n):
        s = svg.Series(np.linspace(1, 0.1, n), "train")
        return parse(svg.line_chart([svg.Panel([s], (0, 100), (0, 1), "epoch", "loss")]))
    a, b = chart(3), chart(90)
    assert texts(a) == texts(b)
    assert {"0", "0.4", "1", "100", "epoch", "loss", "train"} <= set(texts(a))


def test_line_chart_maps_values_onto_the_frame_and_breaks_at_nan():
    s = svg.Series([0.0, 1.0, float("nan"), 0.5], "x")
    root = parse(svg.line_chart([svg.Panel([s], (1, 4), (0, 1))], width=400, height=200))
    line = [p for p in paths(root) if p.get("stroke") == s.color][0]
    pts = coords(line.get("d"))
    assert [p[0] for p in pts] == ["M", "L", "M"]       # the NaN lifts the pen
    (_, x1, y1), (_, x2, y2), (_, x4, y4) = pts
    assert x1 < x2 < x4 and y2 < y4 < y1                # larger values are drawn higher
    assert y4 == pytest.approx((y1 + y2) / 2, abs=0.2)  # 0.5 sits half way between 0 and 1
    assert line.get("clip-path")                         # out-of-range values are clipped at the frame


def test_long_series_are_thinned_but_keep_their_last_point():
    y = np.linspace(0, 1, 20000)
    root = parse(svg.line_chart([svg.Panel([svg.Series(y)], (0, 20000), (0, 1))], width=400, height=200))
    pts = coords(paths(root)[0].get("d"))
    assert len(pts) <= 2 * 400
    assert pts[-1][2] == pytest.approx(min(p[2] for p in pts))  # the last (highest) value is drawn


def test_text_is_escaped():
    evil = '<script>alert("x")</script> & co'
    root = parse(svg.line_chart([svg.Panel([svg.Series([1, 2], evil)], (0, 2), (0, 2), evil, evil, evil)]))
    assert evil in texts(root)
    assert not list(root.iter(NS + "script"))
    cm = parse(svg.count_matrix(np.eye(2, dtype=int), [evil, "b"], x_title="p", y_title="t"))
    assert not list(cm.iter(NS + "script"))


def test_count_matrix_writes_every_count_and_shades_by_size():
    counts = np.array([[9, 1, 0], [2, 7, 1], [0, 0, 10]])
    root = parse(svg.count_matrix(counts, ["a", "b", "c"], x_title="predicted", y_title="true"))
    nums = [int(s) for s in texts(root) if s.isdigit()]
    assert sorted(nums) == sorted(counts.ravel().tolist())
    cells = [r for r in root.iter(NS + "rect") if r.get("stroke") == "#fff"]
    assert len(cells) == 9
    darkness = [sum(int(r.get("fill")[i:i + 2], 16) for i in (1, 3, 5)) for r in cells]
    assert np.argmin(darkness) == 8 and darkness[2] == max(darkness)   # 10 darkest, 0 lightest


def test_network_diagram_draws_each_weight_by_sign_and_size():
    w1 = np.array([[2.0, -0.5], [0.0, 1.0]])
    w2 = np.array([[-2.0, 0.1]])
    root = parse(fig_mlp.network_svg([w1, w2], ["x₁", "x₂"], ["ŷ"]))
    assert len(list(root.iter(NS + "circle"))) == 2 + 2 + 1
    edges = paths(root)
    n_segments = sum(p.get("d").count("M") for p in edges)
    assert n_segments == 5                          # the zero weight is not drawn
    pos = [p for p in edges if p.get("stroke") == "#E69F00"]
    neg = [p for p in edges if p.get("stroke") == "#0072B2"]
    assert sum(p.get("d").count("M") for p in pos) == 3 and sum(p.get("d").count("M") for p in neg) == 2
    top = max(float(p.get("stroke-width")) for p in edges)
    widest = [p for p in edges if float(p.get("stroke-width")) == top]
    assert sorted(p.get("stroke") for p in widest) == ["#0072B2", "#E69F00"]   # +2.0 and −2.0 alone
    assert [p.get("d").count("M") for p in widest] == [1, 1]
    assert {"x₁", "x₂", "ŷ"} <= set(texts(root))


def test_network_diagram_caps_the_edges_of_a_big_network():
    rng = np.random.default_rng(0)
    ws = [rng.normal(size=(64, 7))] + [rng.normal(size=(64, 64)) for _ in range(5)] + [rng.normal(size=(3, 64))]
    root = parse(fig_mlp.network_svg(ws, list("abcdefg"), ["0", "1", "2"]))
    assert sum(p.get("d").count("M") for p in paths(root)) <= fig_mlp.MAX_EDGES


def test_page_charts_parse_in_both_scales():
    h = {"loss": [0.7, 0.5], "val_loss": [0.8, 0.6], "accuracy": [0.5, 0.8], "val_accuracy": [0.4, 0.7],
         "score": [0.5, 0.8], "val_score": [0.4, 0.7]}
    for scale in (1.0, 1.3):
        parse(fig_mlp.curves_svg(h, 10, ("loss", "val_loss"), (0, 1), "loss", ("train", "test"), scale=scale))
        parse(fig_mlp.curves_svg(h, 10, ("score", "val_score"), (0, 1), "acc", ("train", "test"), chance=0.5,
                                 percent=True, scale=scale))
        parse(fig_mlp.confusion_svg(np.eye(3, dtype=int), ["a", "b", "c"], scale=scale))
        parse(fig_cnn.curves(h, h, 10, scale=scale))
        root = parse(fig_rnn.curves(h, 10, scale=scale))
        assert "100%" in texts(root)
        parse(fig_rnn.curves(h, 10, classification=False, y_max=0.6, scale=scale))
