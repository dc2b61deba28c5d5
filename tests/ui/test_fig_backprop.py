"""ui.fig_backprop and the activation pickers: every activation in nncore's registry can be shown."""
import pytest

from nncore.layers import ACTIVATION_NAMES
from ui import fig_backprop as fb
from ui.i18n import t


@pytest.mark.parametrize("name", ACTIVATION_NAMES)
def test_every_registered_activation_has_a_formula_and_labels(name):
    f, df = fb.ACT_TEX[name]
    assert f and df
    assert t(f"backprop.act.{name}") and t(f"mlp.act.{name}")      # a missing English key raises KeyError


# -- the weights' label places, kept per content -------------------------------------------------------------

SHAPES = [(2, 1, "sigmoid_bce"), (3, 2, "linear_mse"), (3, 2, "softmax_ce")]


def _trace(seed, hidden, out, head):
    from lab import backprop_trace as sw

    y = [1] if head == "softmax_ce" else [1.0] * out
    net = sw.default_net(hidden, out, head=head) if seed is None else sw.random_net(seed, hidden, out, head=head)
    return sw.trace(net, [[0.5, -1.0]], y)


@pytest.fixture
def empty_memo(monkeypatch):
    from collections import OrderedDict

    monkeypatch.setattr(fb, "_places", OrderedDict())
    return fb._places


@pytest.mark.parametrize("phone", [False, pytest.param(True, marks=pytest.mark.slow)], ids=["1280px", "phone"])
@pytest.mark.parametrize("hidden, out, head", [SHAPES[0], *(pytest.param(*s, marks=pytest.mark.slow)
                                                            for s in SHAPES[1:])])
def test_the_diagram_is_the_same_with_and_without_the_memo(hidden, out, head, phone, empty_memo, monkeypatch):
    """Default weights and seeds 0..5, three steps each (three shapes and heads with the slow tests): the figure
    drawn from kept places (a new, equal trace each time, as the page builds one every run) is the figure drawn
    from places computed afresh."""
    for seed in (None, 0, 1, 2, 3, 4, 5):
        n_steps = len(_trace(seed, hidden, out, head).steps)
        for upto in (0, n_steps // 2, n_steps - 1):
            kept = [fb.network_diagram(_trace(seed, hidden, out, head), upto, phone=phone).to_json()
                    for _ in range(2)]
            with monkeypatch.context() as m:
                m.setattr(fb, "label_places", fb.place_labels)
                fresh = fb.network_diagram(_trace(seed, hidden, out, head), upto, phone=phone).to_json()
            assert kept[0] == kept[1] == fresh, (hidden, out, head, seed, upto)
    assert 0 < len(empty_memo) <= fb.MEMO_PLACES


def test_places_are_computed_once_per_content_and_again_for_other_numbers_layout_or_language(empty_memo,
                                                                                               monkeypatch):
    from dataclasses import replace

    from lab import backprop_trace as sw
    from ui import i18n

    calls = []
    place = fb.place_labels
    monkeypatch.setattr(fb, "place_labels", lambda *a: calls.append(a) or place(*a))
    tr = _trace(0, 3, 1, "sigmoid_bce")
    h = fb.diagram_height(tr.net, fb.WIDE)
    first = fb.label_places(tr, fb.WIDE, h)
    first["W100"] = (0.0, 0.0)                                   # the caller's own copy: the memo is untouched
    assert fb.label_places(_trace(0, 3, 1, "sigmoid_bce"), fb.WIDE, h) == place(tr, fb.WIDE, h)
    assert len(calls) == 1
    other = sw.trace(replace(tr.net, W1=tr.net.W1 * 3.0), [[0.5, -1.0]], [1.0])      # other weights
    assert fb.label_places(other, fb.WIDE, h) == place(other, fb.WIDE, h) and len(calls) == 2
    fb.label_places(tr, fb.WIDE, h + 40)                                              # another height
    fb.label_places(tr, fb.PHONE, fb.diagram_height(tr.net, fb.PHONE))               # the phone's layout
    assert len(calls) == 4
    monkeypatch.setattr(i18n, "current_lang", lambda: "zh")                          # the loss title is Chinese
    monkeypatch.setattr(fb, "current_lang", lambda: "zh")
    zh = fb.label_places(tr, fb.PHONE, fb.diagram_height(tr.net, fb.PHONE))
    assert len(calls) == 5 and zh == place(tr, fb.PHONE, fb.diagram_height(tr.net, fb.PHONE))


def test_the_memo_keeps_at_most_its_bound(empty_memo, monkeypatch):
    monkeypatch.setattr(fb, "MEMO_PLACES", 3)
    tr = _trace(1, 2, 1, "sigmoid_bce")
    for height in range(300, 310):
        fb.label_places(tr, fb.WIDE, height)
        assert len(empty_memo) <= 3
    assert len(empty_memo) == 3
