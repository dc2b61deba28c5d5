"""Brain vs ANN: a LIF neuron beside an artificial one, the f-I bridge, scale, sparsity, and the article's errors."""
from dataclasses import replace

import numpy as np
import streamlit as st

from lab import brain as lab_brain
from nncore import brain
from ui import fig_brain, figures, lecture, page, theme
from ui.i18n import t

P = brain.DEFAULT
SPARSITY = lab_brain.SparsityConfig()


@st.cache_data(max_entries=64, show_spinner=False)
def neuron_run(current: float, noise: float, seed: int) -> lab_brain.NeuronTrace:
    return lab_brain.neuron_trace(lab_brain.NeuronConfig(current=current, noise=noise, seed=seed))


@st.cache_data(max_entries=8, show_spinner=False)
def bridge_curves(noise: float) -> dict:
    return lab_brain.fi_curves(noise, seed=0)


@st.cache_data(max_entries=4, show_spinner=False)
def sparsity_data(seed: int) -> dict:
    return lab_brain.sparsity_data(replace(SPARSITY, seed=seed))


def lif_panel():
    st.subheader(t("brain.lif_title"))
    rh = brain.rheobase(P)
    c1, c2 = st.columns(2)
    current = c1.slider(t("brain.current"), 0.0, 0.6, 0.25, 0.01, key="brain_current", bind="query-params",
                        help=t("brain.current_help", rh=rh))
    noise = c2.slider(t("brain.noise"), 0.0, 6.0, 1.0, 0.5, key="brain_noise", bind="query-params",
                      help=t("brain.noise_help"))
    run = neuron_run(float(current), float(noise), 0)
    figures.show(fig_brain.lif_trace(run.t, run.v, P, lab_brain.NeuronConfig.duration), key="brain_trace")
    st.caption(t("brain.spike_note", v=P.v_th + 20, r=P.v_reset))
    m1, m2 = st.columns(2)
    m1.metric(t("brain.rate"), f"{run.rate:.0f} Hz", help=t("brain.rate_help", r=run.analytic_rate))
    m2.metric(t("brain.rheobase"), f"{rh:.2f} nA",
              help=t("brain.rheobase_help", th=P.v_th, e=P.e_rest, r=P.r_m))
    st.caption(t("brain.params_caption", tau=P.tau_m, e=P.e_rest, th=P.v_th, vr=P.v_reset, tref=P.t_ref,
                 rm=P.r_m, cap=P.tau_m / P.r_m * 1000))


def ann_panel():
    st.subheader(t("brain.ann_title"))
    defaults = [(0.8, 1.0), (0.5, -0.6), (-0.4, 0.7)]
    xs, ws = [], []
    cols = st.columns(3)
    for i, (col, (x0, w0)) in enumerate(zip(cols, defaults), start=1):
        xs.append(col.slider(t("brain.x", i=i), -1.0, 1.0, x0, 0.1, key=f"brain_x{i}", bind="query-params",
                             help=t("brain.x_help", i=i)))
        ws.append(col.slider(t("brain.w", i=i), -2.0, 2.0, w0, 0.1, key=f"brain_w{i}", bind="query-params",
                             help=t("brain.w_help", i=i)))
    c1, c2 = st.columns(2)
    b = c1.slider(t("brain.bias"), -2.0, 2.0, 0.1, 0.1, key="brain_bias", bind="query-params",
                  help=t("brain.bias_help"))
    # options are the plain names (no format_func): a bound widget puts the shown label in the URL
    act = c2.selectbox(t("brain.activation"), brain.ACTIVATIONS, key="brain_act", bind="query-params",
                       help=t("brain.activation_help"))
    terms, z, y = brain.artificial_neuron(xs, ws, b, act)
    labels = [t("brain.term", i=i) for i in range(1, 4)] + [t("brain.bias_short")]
    figures.show(fig_brain.ann_sum(list(terms) + [b], labels, z), key="brain_ann_sum")
    grid = np.linspace(-7, 7, 281)
    y_range = {"relu": [-0.5, 7.5], "tanh": [-1.1, 1.1]}.get(act, [-0.1, 1.1])
    figures.show(fig_brain.activation_point(grid, brain.activate(grid, act), z, y, y_range), key="brain_act_fig")
    st.markdown(t("brain.ann_result", z=z, y=y))


def bridge_section():
    st.subheader(t("brain.bridge_title"))
    st.markdown(t("brain.bridge_lead"))
    noise = st.slider(t("brain.fi_noise"), 0.0, 6.0, 3.0, 0.5, key="brain_fi_noise", bind="query-params",
                      help=t("brain.fi_noise_help"))
    st.markdown(f"**{t('brain.fi_title')}**")
    cur = bridge_curves(float(noise))
    fig = fig_brain.fi_bridge(lab_brain.FI_CURRENTS, cur["analytic"], cur["simulated"], cur["relu"], cur["sigmoid"],
                              noise, cur["rmax"])
    figures.show(fig, key="brain_fi")
    st.caption(t("brain.fi_caption", rh=cur["rheobase"], slope=cur["slope"], rmax=cur["rmax"]))


def scale_and_sparsity():
    data = sparsity_data(0)
    st.subheader(t("brain.scale_title"))
    arch = "64→" + "→".join(str(h) for h in SPARSITY.hidden) + "→10"
    table = t("brain.scale_table", units=sum(SPARSITY.hidden), arch=arch, params=f"{data['n_params']:,}",
              active=100 * float(np.mean(data["trained"])))
    st.markdown(fig_brain.stacked_table(table) if figures.on_phone() else table)     # a phone: no sideways scroll
    st.caption(t("brain.scale_sources"))     # below the table, not a fifth column a phone cannot show
    st.info(t("brain.scale_note"))

    st.subheader(t("brain.sparsity_title"))
    st.markdown(t("brain.sparsity_lead"))
    window = st.select_slider(t("brain.window"), [5, 10, 20, 50, 100], value=10, key="brain_window",
                              bind="query-params", help=t("brain.window_help"))
    lif_frac = lab_brain.lif_active_fraction(data, float(window))
    m1, m2 = st.columns(2)
    m1.metric(t("brain.sp_metric_ann"), f"{100 * np.mean(data['trained']):.0f} %",
              help=t("brain.sp_metric_ann_help", n=data["n_test"], arch="→".join(map(str, SPARSITY.hidden)),
                     acc=data["acc"]))
    m2.metric(t("brain.sp_metric_lif"), f"{100 * np.mean(lif_frac):.1f} %",
              help=t("brain.sp_metric_lif_help", k=lif_frac.size, w=window, rate=data["rate"]))
    groups = [(t("brain.sp_untrained"), data["untrained"], theme.CLASS_COLORS[8]),
              (t("brain.sp_trained"), data["trained"], theme.ANN),
              (t("brain.sp_lif", w=window), lif_frac, theme.BRAIN)]
    figures.show(fig_brain.sparsity_meter(groups), key="brain_sparsity")
    st.caption(t("brain.sp_caption"))


def errata():
    st.subheader(t("brain.errata_title"))
    st.markdown(t("brain.errata_lead"))
    shown = lecture.reveal("brain_errata")
    for i in range(1, 5):
        with st.container(border=True):
            c1, c2 = st.columns(2)
            c1.markdown(f"**{t('brain.says')}**  \n{t(f'brain.claim{i}.says')}")
            if shown:
                c2.markdown(f"**{t('brain.actually')}**  \n{t(f'brain.claim{i}.actually')}")
                st.caption(t("common.source_line", label=t("brain.source"), text=t(f"brain.claim{i}.source")))
            else:
                c2.caption(t("lecture.hidden"))


@page.guarded
def main():
    page.header("brain")
    left, right = st.columns(2, gap="large")
    with left:
        page.guarded(lif_panel)()
    with right:
        page.guarded(ann_panel)()
    with st.expander(t("brain.compare_title"), expanded=True):
        st.markdown(t("brain.compare_body"))
    st.divider()
    page.guarded(bridge_section)()
    st.divider()
    page.guarded(scale_and_sparsity)()
    st.divider()
    page.guarded(errata)()
    page.explain("brain")


main()
