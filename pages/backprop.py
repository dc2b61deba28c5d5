"""Backprop: a tiny network, forward and backward one step at a time, checked and corrected."""
import numpy as np
import pandas as pd
import streamlit as st

from lab import backprop_trace as sw
from ui import fig_backprop as fb
from ui import figures, page
from ui.i18n import t

DEFAULTS = {"bp_hidden": 3, "bp_out": 1, "bp_act": "sigmoid", "bp_head": "sigmoid_bce",
            "bp_x1": float(sw.DEFAULT_X[0]), "bp_x2": float(sw.DEFAULT_X[1]),
            "bp_y1": 1.0, "bp_y2": 0.0, "bp_class": 1, "bp_lr": 1.0}
LR_CHOICES = {"too_small", "good", "too_large"}


def _wkey(name, *idx):
    return "bp_" + name.lower() + "_" + "".join(str(i + 1) for i in idx)


def _default_param(name, idx):
    full = {"W1": sw.DEFAULT_W1, "b1": sw.DEFAULT_B1, "W2": sw.DEFAULT_W2, "b2": sw.DEFAULT_B2}[name]
    return float(full[idx])


def _set_params(values: dict):
    for name, arr in values.items():
        for idx in np.ndindex(arr.shape):
            st.session_state[_wkey(name, *idx)] = float(arr[idx])


@page.callback
def _reset_weights():
    _set_params({"W1": sw.DEFAULT_W1, "b1": sw.DEFAULT_B1, "W2": sw.DEFAULT_W2, "b2": sw.DEFAULT_B2})


@page.callback
def _random_weights():
    seed = st.session_state.get("bp_rand", 0) + 1
    st.session_state["bp_rand"] = seed
    net = sw.random_net(seed, 3, 2, scale=1.0)
    _set_params(net.params())


@page.callback
def _move(delta, n):
    st.session_state["bp_step"] = int(min(max(st.session_state.get("bp_step", 1) + delta, 1), n))


@page.callback
def _set_lr(value):
    st.session_state["bp_lr"] = float(f"{value:.3g}")


def _param_inputs(name, shape):
    """A grid of number inputs for one weight matrix or bias vector (URL-bound)."""
    arr = np.zeros(shape)
    st.markdown(t(f"backprop.param.{name}"))
    rows = shape[0] if len(shape) == 2 else 1
    cols = shape[1] if len(shape) == 2 else shape[0]
    for r in range(rows):
        cells = st.columns(cols)
        for c in range(cols):
            idx = (r, c) if len(shape) == 2 else (c,)
            label = f"{name}[{','.join(str(i + 1) for i in idx)}]"
            arr[idx] = cells[c].number_input(
                label, -10.0, 10.0, _default_param(name, idx), 0.05, format="%.2f", key=_wkey(name, *idx),
                help=t(f"backprop.param.{name}_help"), bind="query-params", persist_state="page")
    return arr


def controls():
    c1, c2, c3, c4 = st.columns([1, 1, 1.4, 1.6])
    n_hidden = c1.radio(t("backprop.hidden"), sw.HIDDEN_SIZES, index=1, horizontal=True, key="bp_hidden",
                        help=t("backprop.hidden_help"), bind="query-params")
    n_out = c2.radio(t("backprop.outputs"), sw.OUTPUT_SIZES, index=0, horizontal=True, key="bp_out",
                     help=t("backprop.outputs_help"), bind="query-params")
    act = c3.selectbox(t("backprop.act"), sw.HIDDEN_ACTIVATIONS, index=sw.HIDDEN_ACTIVATIONS.index(DEFAULTS["bp_act"]),
                       key="bp_act", help=t("backprop.act_help"),
                       format_func=lambda a: t(f"backprop.act.{a}"), bind="query-params")
    head = c4.selectbox(t("backprop.head"), list(sw.HEADS), key="bp_head", help=t("backprop.head_help"),
                        format_func=lambda h: t(f"backprop.head.{h}"), bind="query-params")
    if head == "softmax_ce" and n_out < 2:
        st.warning(t("backprop.softmax_needs_two"))
        n_out = 2

    e = st.columns(4)
    x1 = e[0].number_input("x₁", -5.0, 5.0, DEFAULTS["bp_x1"], 0.1, format="%.2f", key="bp_x1",
                           help=t("backprop.x_help"), bind="query-params")
    x2 = e[1].number_input("x₂", -5.0, 5.0, DEFAULTS["bp_x2"], 0.1, format="%.2f", key="bp_x2",
                           help=t("backprop.x_help"), bind="query-params")
    if head == "softmax_ce":
        y = [e[2].selectbox(t("backprop.class"), list(range(n_out)), index=1, key="bp_class",
                            format_func=lambda c: str(c + 1), help=t("backprop.class_help"),
                            bind="query-params")]
    else:
        lo, hi = (0.0, 1.0) if head == "sigmoid_bce" else (-5.0, 5.0)
        y = [e[2 + k].number_input(f"y{'₁₂'[k]}", lo, hi, DEFAULTS[f"bp_y{k + 1}"], 0.1, format="%.2f",
                                   key=f"bp_y{k + 1}", help=t(f"backprop.y_help.{head}"), bind="query-params")
             for k in range(n_out)]
        if head == "sigmoid_mse" and any(not 0 <= v <= 1 for v in y):
            st.warning(t("backprop.sigmoid_target_warning"))

    with st.expander(t("backprop.weights"), expanded=False):
        b1, b2 = st.columns(2)
        b1.button(t("backprop.reset_weights"), on_click=_reset_weights, help=t("backprop.reset_weights_help"))
        b2.button(t("backprop.random_weights"), on_click=_random_weights, help=t("backprop.random_weights_help"))
        left, right = st.columns(2, gap="large")
        with left:
            W1 = _param_inputs("W1", (n_hidden, 2))
            bb1 = _param_inputs("b1", (n_hidden,))
        with right:
            W2 = _param_inputs("W2", (n_out, n_hidden))
            bb2 = _param_inputs("b2", (n_out,))
    net = sw.TinyNet(W1, bb1, W2, bb2, act, head)
    return net, np.array([x1, x2]), np.array(y)


def step_by_step(tr):
    n = len(tr.steps)
    if st.session_state.get("bp_step", 1) > n:
        st.session_state["bp_step"] = n
    c1, c2, c3 = st.columns([1.3, 1.3, 6], vertical_alignment="bottom")
    c1.button(t("backprop.back"), on_click=_move, args=(-1, n), help=t("backprop.back_help"),
              icon=":material/arrow_back:", key="bp_back")
    c2.button(t("backprop.next"), on_click=_move, args=(1, n), help=t("backprop.next_help"),
              icon=":material/arrow_forward:", key="bp_next", type="primary")
    i = c3.slider(t("backprop.step"), 1, n, key="bp_step", help=t("backprop.step_help"),
                  bind="query-params") - 1
    s = tr.step(i)
    st.markdown(t("backprop.step_title", i=i + 1, n=n, phase=t(f"backprop.phase.{s.phase}"),
                  name=t(f"backprop.s.{s.key}")))
    figures.show(fb.network_diagram(tr, i, phone=figures.on_phone()), key="bp_diagram")
    st.caption(t("backprop.fig.caption"))
    st.markdown(t(f"backprop.d.{s.key}"))
    st.latex(fb.generic_formula(tr, s.key))
    st.latex(fb.aligned(fb.numbers(tr, s.key)))
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.markdown(t("backprop.matrix_form"))
        st.latex(fb.matrix_formula(tr, s.key))
    with right:
        if s.kind == "grad":
            st.success(t("backprop.grad_note", param=s.param))
    with st.expander(t("backprop.whole_chain")):
        st.latex(fb.chain_overview(tr, i))


def gradient_check_panel(net, x, y):
    rows = sw.gradient_check(net, x, y)
    worst = max(r.rel_error for r in rows)
    df = pd.DataFrame({
        t("backprop.gc.param"): [f"{r.param}[{','.join(str(i + 1) for i in r.index)}]" for r in rows],
        t("backprop.gc.analytic"): [r.analytic for r in rows],
        t("backprop.gc.numerical"): [r.numerical for r in rows],
        t("backprop.gc.rel"): [r.rel_error for r in rows],
        t("backprop.gc.ok"): [r.rel_error < 1e-6 for r in rows],
    })
    st.markdown(t("backprop.gc.intro"))
    c1, c2 = st.columns(2)
    c1.metric(t("backprop.gc.worst"), f"{worst:.1e}", help=t("backprop.gc.worst_help"))
    c2.metric(t("backprop.gc.n"), len(rows), help=t("backprop.gc.n_help"))
    st.dataframe(df, hide_index=True, key="bp_gc_table", column_config={
        t("backprop.gc.analytic"): st.column_config.NumberColumn(format="%.10f"),
        t("backprop.gc.numerical"): st.column_config.NumberColumn(format="%.10f"),
        t("backprop.gc.rel"): st.column_config.NumberColumn(format="%.1e")})
    if worst < 1e-6:
        st.success(t("backprop.gc.pass"))
    else:
        st.warning(t("backprop.gc.fail", worst=worst))


def descent_panel(net, x, y):
    st.markdown(t("backprop.gd.intro"))
    reg = sw.lr_regimes(net, x, y)
    b = st.columns(4, vertical_alignment="bottom")
    for col, name in zip(b[1:], ("too_small", "good", "too_large")):
        col.button(t(f"backprop.gd.{name}") + f" (η = {reg[name]:.3g})", on_click=_set_lr, args=(reg[name],),
                   help=t(f"backprop.gd.{name}_help"), key=f"bp_lr_{name}")
    lr = b[0].number_input(t("backprop.gd.lr"), 1e-4, 1e4, DEFAULTS["bp_lr"], format="%.4g", key="bp_lr",
                           help=t("backprop.gd.lr_help"), bind="query-params")
    before, after, new = sw.sgd_step(net, x, y, lr)
    m = st.columns(3)
    m[0].metric(t("backprop.gd.loss_before"), f"{before:.4f}", help=t("backprop.gd.nats"))
    if np.isfinite(after):
        m[1].metric(t("backprop.gd.loss_after"), f"{after:.4f}", delta=f"{after - before:+.4f}",
                    delta_color="inverse", help=t("backprop.gd.nats"))
    else:
        m[1].metric(t("backprop.gd.loss_after"), "∞")
    m[2].metric(t("backprop.gd.grad_norm"), f"{reg['grad_norm']:.4f}", help=t("backprop.gd.grad_norm_help"))
    st.latex(r"\theta \leftarrow \theta - \eta\,\frac{\partial L}{\partial \theta},\qquad \eta = "
             + f"{lr:.4g}")
    upd = new.params()
    for group in (("W1", "W2"), ("b1", "b2")):
        st.latex(r"\qquad ".join(rf"{fb.GD_NAMES[k]} = {fb.bmatrix(upd[k] if upd[k].ndim == 2 else upd[k][None], 3)}"
                                  for k in group))
    st.caption(t("backprop.gd.updated"))
    c1, c2 = st.columns(2)
    with c1:
        st.markdown(t("backprop.gd.sweep_title"))
        figures.show(fb.lr_sweep_figure(reg, lr), key="bp_sweep")
    with c2:
        st.markdown(t("backprop.gd.traj_title"))
        trajs = {k: (reg[k], sw.descend(net, x, y, reg[k], 20)) for k in ("too_small", "good", "too_large")}
        figures.show(fb.descent_figure(trajs, reg["before"]), key="bp_traj")
    if not reg["rises"]:
        st.info(t("backprop.gd.no_rise"))
    st.markdown(t("backprop.gd.lesson"))


def batch_panel(net, x, y):
    X, Y = sw.example_batch(net, x, y, n=4, seed=0)
    tr = sw.trace(net, X, Y)
    st.markdown(t("backprop.batch.intro", n=len(X)))
    for line in fb.batch_lines(tr):
        st.latex(line)
    worst = max(r.rel_error for r in sw.gradient_check(net, X, Y))
    st.caption(t("backprop.batch.check", worst=worst))


def article_panel(tr):
    st.markdown(t("backprop.art.intro"))
    says, actually = st.columns(2, gap="large")
    with says:
        st.markdown(t("backprop.art.says"))
        st.markdown(t("backprop.art.fwd_label"))
        st.latex(r"H = f(XW^{T} + b)")
        st.latex(r"Y = g(HW^{T} + b)")
        st.markdown(t("backprop.art.grad_w_label"))
        st.latex(r"\frac{\partial L}{\partial W} = H^{T}(Y - \hat{Y})")
        st.markdown(t("backprop.art.grad_b_label"))
        st.latex(r"\frac{\partial L}{\partial b} = \sum_{i=1}^{m} (Y - \hat{Y})")
        st.markdown(t("backprop.art.naming"))
    with actually:
        st.markdown(t("backprop.art.actually"))
        st.markdown(t("backprop.art.fwd_fix"))
        st.latex(r"H = f\big(XW_1^{\top} + b_1\big),\qquad \hat Y = g\big(HW_2^{\top} + b_2\big)")
        st.markdown(t("backprop.art.w2_fix"))
        st.latex(r"\frac{\partial L}{\partial W_2} = \Delta_2^{\top} H \;\;\big(= (H^{\top}\Delta_2)^{\top}\big),"
                 r"\qquad \Delta_2 = \frac{\partial L}{\partial Z_2}")
        st.markdown(t("backprop.art.delta_fix"))
        st.latex(r"\Delta_2 = \tfrac{1}{N}(\hat Y - Y)")
        st.markdown(t("backprop.art.w1_fix"))
        st.latex(r"\frac{\partial L}{\partial W_1} = \Delta_1^{\top} X,\qquad "
                 r"\Delta_1 = \big(\Delta_2 W_2\big) \odot f'(Z_1)")
        st.markdown(t("backprop.art.b_fix"))
        st.latex(r"\frac{\partial L}{\partial b_2} = \sum_{n=1}^{N} \Delta_{2,n},\qquad "
                 r"\frac{\partial L}{\partial b_1} = \sum_{n=1}^{N} \Delta_{1,n}")
    st.divider()
    st.markdown(t("backprop.art.checked"))
    art = sw.article_gradients(tr)
    net = tr.net
    st.latex(rf"W_1 {fb.shape(net.W1)},\quad W_2 {fb.shape(net.W2)}")
    st.markdown(t("backprop.art.same_w", h=net.n_hidden, o=net.n_out))
    st.latex(r"\big(H^{\top}(\hat Y - Y)\big)^{\top} = " + fb.bmatrix(art["article_W"])
             + r"\qquad \frac{\partial L}{\partial W_2} = " + fb.bmatrix(art["dW2"])
             + r"\qquad \frac{\partial L}{\partial W_1} = " + fb.bmatrix(art["dW1"]))
    key = f"backprop.art.{art['relation']}"
    st.info(t(key, head=t(f"backprop.head.{net.head}")))
    st.caption(t("backprop.art.source"))


@page.guarded
def main():
    page.header("backprop")
    net, x, y = controls()
    tr = sw.trace(net, x, y)
    names = ("steps", "check", "descent", "batch", "article")
    tabs = st.tabs([t(f"backprop.tab.{n}") for n in names], key="bp_tab", bind="query-params")
    panels = {"steps": lambda: step_by_step(tr), "check": lambda: gradient_check_panel(net, x, y),
              "descent": lambda: descent_panel(net, x, y), "batch": lambda: batch_panel(net, x, y),
              "article": lambda: article_panel(tr)}
    for tab, name in zip(tabs, names):
        if tab.open:  # lazy tabs: only the open one runs
            with tab:
                page.guarded(panels[name])()
    page.explain("backprop")


main()
