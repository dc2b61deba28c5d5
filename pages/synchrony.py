"""Synchrony: a population of LIF neurons with shared Poisson input — raster, population rate, χ, correlation."""
import numpy as np
import streamlit as st

from nncore import brain
from ui import fig_brain, figures, lecture, page
from ui.i18n import t

DURATION = 1000.0   # ms
SWEEP_C = (0.0, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0)
RASTER_NEURONS = 300


@st.cache_data(max_entries=24, show_spinner=False)
def run_population(n: int, c: float, rate: float, coupling: float, window: float, seed: int) -> dict:
    return brain.population_run(n=n, duration=DURATION, c=c, rate=rate, coupling=coupling, window_ms=window,
                                seed=seed)


@st.cache_data(max_entries=8, show_spinner=False)
def run_sweep(rate: float, coupling: float, window: float, seed: int) -> dict:
    return brain.correlation_sweep(SWEEP_C, n=300, duration=2000.0, rate=rate, coupling=coupling,
                                   window_ms=window, seed=seed)


def fmt(x, spec):
    return "—" if x is None or not np.isfinite(x) else format(x, spec)


@page.guarded
def main():
    page.header("sync")
    c1, c2, c3 = st.columns(3)
    c = c1.slider(t("sync.c"), 0.0, 1.0, 0.1, 0.05, key="sync_c", bind="query-params", help=t("sync.c_help"))
    mu, _ = brain.PoissonInput(rate=st.session_state.get("sync_rate", 9.0)).moments(brain.DEFAULT.tau_m)
    rate = c2.slider(t("sync.rate_in"), 6.0, 14.0, 9.0, 0.5, key="sync_rate", bind="query-params",
                     help=t("sync.rate_in_help", mu=mu))
    coupling = c3.slider(t("sync.coupling"), 0.0, 0.1, 0.0, 0.005, key="sync_w", bind="query-params",
                         format="%.3f", help=t("sync.coupling_help"))
    d1, d2, d3 = st.columns(3)
    n = d1.select_slider(t("sync.n"), [1000, 1500, 2000], value=1000, key="sync_n", bind="query-params",
                         help=t("sync.n_help"))
    window = d2.select_slider(t("sync.window"), [10, 25, 50, 100, 200], value=50, key="sync_window",
                              bind="query-params", help=t("sync.window_help"))
    seed = d3.number_input(t("common.seed"), 0, 9999, 0, key="sync_seed", bind="query-params",
                           help=t("sync.seed_help"))

    res = run_population(int(n), float(c), float(rate), float(coupling), float(window), int(seed))
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("sync.m_rate"), f"{res['rate']:.1f} Hz", help=t("sync.m_rate_help"))
    m2.metric(t("sync.m_cv"), fmt(res["cv"], ".2f"), help=t("sync.m_cv_help"))
    m3.metric(t("sync.m_chi"), fmt(res["chi"], ".2f"), help=t("sync.m_chi_help"))
    m4.metric(t("sync.m_corr"), fmt(res["corr"], ".3f"), help=t("sync.m_corr_help", w=window))
    if res["rate"] < 0.5:
        st.warning(t("sync.silent", r=res["rate"]))
    fig = fig_brain.raster_and_rate(res["spike_t"], res["spike_i"], min(RASTER_NEURONS, int(n)), DURATION,
                                    res["pop_t"], res["pop_rate"])
    figures.show(fig, key="sync_raster")
    st.caption(t("sync.params_caption"))

    st.divider()
    st.subheader(t("sync.sweep_title"))
    st.markdown(t("sync.sweep_lead"))
    sig = (float(rate), float(coupling), float(window), int(seed))
    if st.button(t("sync.sweep_run"), help=t("sync.sweep_help"), key="sync_sweep_btn", type="primary") or \
            st.session_state.get("sync_sweep_sig") == sig:
        st.session_state["sync_sweep_sig"] = sig
        with st.spinner(t("sync.sweep_running")):
            sw = run_sweep(*sig)
        figures.show(fig_brain.sync_sweep(sw["c"], sw["corr"], sw["chi"], c_now=float(c)), key="sync_sweep")
        st.caption(t("sync.sweep_caption"))

    st.divider()
    st.subheader(t("sync.science_title"))
    st.markdown(t("sync.science_body"))
    shown = lecture.reveal("sync_errata")
    with st.container(border=True):
        a, b = st.columns(2)
        a.markdown(f"**{t('sync.says')}**  \n{t('sync.claim.says')}")
        if shown:
            b.markdown(f"**{t('sync.actually')}**  \n{t('sync.claim.actually')}")
            st.caption(t("common.source_line", label=t("sync.source"), text=t("sync.claim.source")))
        else:
            b.caption(t("lecture.hidden"))
    page.explain("sync")


main()
