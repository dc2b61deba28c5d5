"""Synchrony: an excitatory–inhibitory LIF population with shared input — raster, rates, rhythm, χ, correlation."""
from dataclasses import replace

import numpy as np
import streamlit as st

from lab import synchrony as sync
from nncore import brain
from ui import fig_brain, figures, lecture, page
from ui.i18n import t

RASTER_NEURONS = 300


@st.cache_data(max_entries=24, show_spinner=False)
def run_population(cfg: sync.SyncConfig) -> sync.SyncResult:
    return sync.population_run(cfg)


@st.cache_data(max_entries=8, show_spinner=False)
def run_sweep(cfg: sync.SweepConfig) -> dict:
    return sync.correlation_sweep(cfg)


def fmt(x, spec):
    return "—" if x is None or not np.isfinite(x) else format(x, spec)


@page.guarded
def main():
    page.header("sync")
    intro = st.empty()          # the introduction names the population's size: filled in once N is read below
    c1, c2, c3 = st.columns(3)
    c = c1.slider(t("sync.c"), 0.0, 1.0, 0.1, 0.05, key="sync_c", bind="query-params", help=t("sync.c_help"))
    mu, _ = brain.PoissonInput(rate=st.session_state.get("sync_rate", 9.0)).moments(brain.DEFAULT.tau_m)
    rate = c2.slider(t("sync.rate_in"), 6.0, 14.0, 9.0, 0.5, key="sync_rate", bind="query-params",
                     help=t("sync.rate_in_help", mu=mu, gap=brain.DEFAULT.v_th - brain.DEFAULT.e_rest,
                            th=brain.DEFAULT.v_th))
    j = c3.slider(t("sync.coupling"), 0.0, sync.J_MAX, 0.0, sync.J_STEP, key="sync_j", bind="query-params",
                  format="%.0f", help=t("sync.coupling_help", g=sync.NETWORK.g, eps=sync.NETWORK.eps,
                                        te=sync.NETWORK.tau_exc, ti=sync.NETWORK.tau_inh, d=sync.NETWORK.delay))
    d1, d2, d3 = st.columns(3)
    n = d1.select_slider(t("sync.n"), list(sync.N_CHOICES), value=1000, key="sync_n", bind="query-params",
                         help=t("sync.n_help"))
    window = d2.select_slider(t("sync.window"), [10, 25, 50, 100, 200], value=50, key="sync_window",
                              bind="query-params", help=t("sync.window_help"))
    seed = d3.number_input(t("common.seed"), 0, 9999, 0, key="sync_seed", bind="query-params",
                           help=t("sync.seed_help"))

    cfg = sync.SyncConfig(n=int(n), c=float(c), rate=float(rate), j=float(j), window_ms=float(window), seed=int(seed))
    res = run_population(cfg)
    spec = res.spectrum
    # what coupling adds: the same seed and input without coupling, for the spectrum's reference line
    ref = run_population(replace(cfg, j=0.0)) if cfg.j > 0 else None
    gain = sync.coupling_gain(res, ref) if ref is not None else None
    intro.markdown(t("sync.intro", n=cfg.n, ne=res.n_exc, ni=cfg.n - res.n_exc))
    # Two rows of three, so that every value keeps its unit on screen at 1280 px and in presenter view:
    # how the cells fire (E rate, I rate, regularity), then how they fire together.
    rate_help = t("sync.m_rate_help", lo=sync.RATE_RANGE[0], hi=sync.RATE_RANGE[1])
    m1, m2, m3 = st.columns(3)
    m1.metric(t("sync.m_rate_e"), f"{res.rate_exc:.1f} Hz", help=rate_help)
    m2.metric(t("sync.m_rate_i"), f"{res.rate_inh:.1f} Hz", help=rate_help)
    m3.metric(t("sync.m_cv"), fmt(res.cv, ".2f"), help=t("sync.m_cv_help"))
    m4, m5, m6 = st.columns(3)
    m4.metric(t("sync.m_chi"), fmt(res.chi, ".2f"), help=t("sync.m_chi_help"))
    m5.metric(t("sync.m_corr"), fmt(res.corr, ".3f"), help=t("sync.m_corr_help", w=window))
    shown = gain is not None and np.isfinite(gain["peak_hz"])
    m6.metric(t("sync.m_peak"), f"{gain['peak_hz']:.0f} Hz" if shown else "—",
              delta=t("sync.m_peak_gain", g=gain["gain"]) if shown else None, delta_color="off", delta_arrow="off",
              help=t("sync.m_peak_help", lo=sync.RHYTHM_BAND[0], hi=sync.RHYTHM_BAND[1], j=sync.J_MAX,
                     gain=sync.RHYTHM_GAIN))
    if res.rate < 0.5:
        st.warning(t("sync.silent", r=res.rate))
    fig = fig_brain.raster_and_rate(res.spike_t, res.spike_i, res.n_exc, cfg.n, cfg.duration, res.pop_t,
                                    res.pop_rate_exc, res.pop_rate_inh, n_show=RASTER_NEURONS)
    figures.show(fig, key="sync_raster")
    figures.show(fig_brain.rate_spectrum(spec.freqs, spec.power, gain["peak_hz"] if shown else None,
                                         ref.spectrum.power if ref is not None else None), key="sync_spectrum")
    if cfg.j > 0:
        st.caption(t("sync.network_caption", k_e=res.k_exc, k_i=res.k_inh, epsp=res.epsp,
                     ipsp=sync.NETWORK.g * res.epsp, j=cfg.j))
    st.caption(t("sync.params_caption"))

    st.divider()
    st.subheader(t("sync.sweep_title"))
    sweep_cfg = sync.SweepConfig(rate=float(rate), j=float(j), window_ms=float(window), seed=int(seed))
    st.markdown(t("sync.sweep_lead", n=sweep_cfg.n, s=sweep_cfg.duration / 1000))
    if st.button(t("sync.sweep_run"), help=t("sync.sweep_help", n=sweep_cfg.n, s=sweep_cfg.duration / 1000),
                 key="sync_sweep_btn", type="primary") or st.session_state.get("sync_sweep_sig") == sweep_cfg:
        st.session_state["sync_sweep_sig"] = sweep_cfg
        with st.spinner(t("sync.sweep_running")):
            sw = run_sweep(sweep_cfg)
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
