"""Backprop page: steps through the whole pass, shows gradients that match the gradient check."""
import numpy as np
import pytest

from lab import backprop_trace as sw
from tests.conftest import assert_clean, open_page
from ui import fig_backprop as fb

TABS = {"check": "Gradient check", "descent": "Gradient descent", "batch": "Batch view",
        "article": "The article says / Actually"}


def step_slider(at):
    return next(s for s in at.slider if s.key == "bp_step")


def button(at, key):
    return next(b for b in at.button if b.key == key)


def latex_text(at):
    return "\n".join(e.value for e in at.latex)


def default_trace():
    return sw.trace(sw.default_net(), sw.DEFAULT_X, [1.0])


@pytest.mark.parametrize("query,n_steps", [({}, 16), ({"bp_head": "softmax + cross-entropy", "bp_out": "2"}, 14)])
def test_steps_through_the_whole_forward_and_backward_pass(query, n_steps):
    at = open_page("backprop.py", query=query)
    assert_clean(at)
    assert step_slider(at).value == 1 and step_slider(at).max == n_steps
    seen = []
    for i in range(1, n_steps + 1):
        md = "\n".join(m.value for m in at.markdown)
        assert f"**Step {i} of {n_steps}**" in md
        seen.append("forward pass" in md.split(f"**Step {i} of {n_steps}**")[1][:30])
        if i < n_steps:
            button(at, "bp_next").click().run()
            assert_clean(at)
            assert step_slider(at).value == i + 1
    assert seen[:6] == [True] * 6 and not any(seen[6:])  # forward first, then backward
    button(at, "bp_next").click().run()  # stays on the last step
    assert step_slider(at).value == n_steps
    button(at, "bp_back").click().run()
    assert step_slider(at).value == n_steps - 1
    assert_clean(at)


@pytest.mark.parametrize("step,key", [(10, "dW2"), (11, "db2"), (15, "dW1"), (16, "db1")])
def test_gradients_shown_are_the_checked_ones(step, key):
    """The numbers on a gradient step equal the finite-difference gradient to the digits shown,
    and the analytic gradients agree with it to 1e-6."""
    at = open_page("backprop.py", query={"bp_step": str(step)})
    assert_clean(at)
    text = latex_text(at)
    param = key[1:].upper() if key.startswith("dW") else key[1:]
    rows = [r for r in sw.gradient_check(sw.default_net(), sw.DEFAULT_X, [1.0]) if r.param == param]
    assert rows
    for r in rows:
        assert r.rel_error < 1e-6
        assert f"= {fb.num(r.numerical)}" in text, (r, fb.num(r.numerical))


def test_gradient_check_tab_agrees_to_1e6():
    at = open_page("backprop.py", query={"bp_tab": TABS["check"]})
    assert_clean(at)
    df = at.dataframe[0].value
    assert len(df) == 3 * 2 + 3 + 3 + 1
    rel = df["relative error"].to_numpy()
    assert (rel < 1e-6).all() and df["agrees (< 10⁻⁶)"].all()
    tr = default_trace()
    shown = df["analytic (backprop)"].to_numpy()
    expect = np.concatenate([tr.grads[k].ravel() for k in sw.PARAMS])
    np.testing.assert_array_equal(shown, expect)
    np.testing.assert_allclose(df["numerical (finite difference)"].to_numpy(), expect, rtol=1e-6, atol=1e-12)
    assert at.success


def test_diagram_and_formulas_follow_an_edited_weight():
    at = open_page("backprop.py", query={"bp_step": "2"})
    before = latex_text(at)
    at.number_input(key="bp_w1_11").set_value(0.9).run()
    assert_clean(at)
    after = latex_text(at)
    assert before != after and r"0.9000\cdot0.5000" in after
    net = sw.default_net().params()
    net["W1"][0, 0] = 0.9
    tr = sw.trace(sw.TinyNet(**net), sw.DEFAULT_X, [1.0])
    assert fb.num(tr.q["Z1"][0, 0]) in after
    assert at.get("plotly_chart")  # the diagram


def test_random_and_default_weights_buttons():
    at = open_page("backprop.py")
    w = at.number_input(key="bp_w1_11").value
    next(b for b in at.button if b.label == "Random weights").click().run()
    assert_clean(at)
    assert at.number_input(key="bp_w1_11").value != w
    next(b for b in at.button if b.label == "Default weights").click().run()
    assert at.number_input(key="bp_w1_11").value == pytest.approx(w)


@pytest.mark.parametrize("tab", list(TABS))
def test_every_tab_renders_clean(tab):
    at = open_page("backprop.py", query={"bp_tab": TABS[tab]})
    assert_clean(at)
    if tab == "batch":
        text = latex_text(at)
        assert r"\scriptstyle(4\times2)" in text and r"\scriptstyle(3\times2)" in text
    if tab == "article":
        text = latex_text(at)
        assert r"H^{T}(Y - \hat{Y})" in text and r"\Delta_1^{\top} X" in text
        assert any("hidden → output" in i.value for i in at.info)


def test_too_large_learning_rate_raises_the_loss_for_linear_mse():
    at = open_page("backprop.py", query={"bp_tab": TABS["descent"], "bp_head": "linear + mean squared error"})
    assert_clean(at)
    next(b for b in at.button if b.key == "bp_lr_too_large").click().run()
    assert_clean(at)
    m = {x.label: x.value for x in at.metric}
    assert float(m["Loss after one step"]) > float(m["Loss before"])
    next(b for b in at.button if b.key == "bp_lr_good").click().run()
    m = {x.label: x.value for x in at.metric}
    assert float(m["Loss after one step"]) < float(m["Loss before"])


def test_softmax_with_one_output_warns_instead_of_failing():
    at = open_page("backprop.py", query={"bp_head": "softmax + cross-entropy"})
    assert_clean(at)
    assert any("2 outputs" in w.value for w in at.warning)
    assert step_slider(at).max == 14


def test_the_chain_rule_scene_opens_at_the_step_its_claim_checks():
    from ui.scenes import SCENES
    scene = next(s for s in SCENES if s.id == "backprop_chain")
    at = open_page("backprop.py", query=scene.query())
    assert_clean(at)
    assert step_slider(at).value == sw.CHAIN_STEP
    delta = sw.trace(sw.default_net(), sw.DEFAULT_X, np.array([1.0])).step(sw.CHAIN_STEP - 1)
    assert delta.key == "delta2" and delta.kind == "chain"


ENGLISH_IN_FORMULAS = ("scalar", "together", "transposed", "sum over", " if ", " else ")


def _zh(key):
    from ui.i18n import TABLES
    return TABLES["zh"][key]


@pytest.mark.parametrize("query,step", [({"bp_head": "softmax_ce", "bp_out": "2"}, 7), ({"bp_act": "leaky_relu"}, 13),
                                        ({}, 6)])
def test_formulas_in_chinese_carry_no_english_words(query, step):
    # choice widgets take their displayed (Chinese) label in the URL; AppTest cannot re-serialise a
    # translated label after the first run, so everything goes in through the address
    url = {"lang": "zh", "bp_step": str(step), **query}
    if "bp_head" in query:
        url["bp_head"] = _zh("backprop.head.softmax_ce")
    if "bp_act" in query:
        url["bp_act"] = _zh("backprop.act.leaky_relu")
    at = open_page("backprop.py", query=url)
    assert_clean(at)
    assert step_slider(at).value == step
    latex = " ".join(str(e.value) for e in at.latex)
    assert latex and not [w for w in ENGLISH_IN_FORMULAS if w in latex]
    if step == 6:
        assert "标量" in latex                  # the loss is a 0-d quantity
    if "bp_head" in query:
        assert "softmax 与交叉熵合在一起" in latex
    if "bp_act" in query:
        assert r"\begin{cases}" in latex
