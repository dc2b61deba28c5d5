"""Memory: Hebbian associative memory (Hopfield) beside memory in backprop-trained weights."""
import time

import numpy as np
import pandas as pd
import streamlit as st

from lab import memory as mem
from nncore.datasets import patterns as pat
from nncore.memory import CAPACITY, HopfieldNetwork
from ui import fig_memory as fm
from ui import figures, lecture, page
from ui.i18n import t
from ui.nav import existing_pages

AREA = "memory"
VIEWS = ["patterns", "capacity", "hebb_vs_bp", "memorise", "timescales"]
SOURCES = {"letters": pat.LETTERS, "digits": pat.DIGITS, "random": None}
DEFAULT_STORE = {"letters": ["A", "C", "H", "X"], "digits": ["1", "4", "7"]}
N_UNITS = pat.GRID[0] * pat.GRID[1]
HIDDEN_SIZES = mem.MEMORISE_HIDDEN


# -- cached pure computations ---------------------------------------------------
@st.cache_data(max_entries=16, show_spinner=False)
def capacity_result(n_units: int, n_trials: int, noise: float, seed: int) -> dict:
    t0 = time.perf_counter()
    r = mem.capacity_sweep(n_units, n_trials=n_trials, noise=noise, seed=seed)
    r["seconds"] = time.perf_counter() - t0
    r["recalls"] = int(r["P"].sum() * n_trials)
    return r


@st.cache_data(max_entries=4, show_spinner=False)
def spurious_example() -> dict:
    net = HopfieldNetwork(N_UNITS).store(pat.glyphs("ACHX"))
    mix = mem.mixture_state(net.patterns[:3])
    final = net.recall(mix, rng=0)
    return {"mix": mix, "final": final, "patterns": net.patterns[:3], "m": net.overlap(final)[:3],
            "changed": int((final != mix).sum())}


@st.cache_data(max_entries=16, show_spinner=False)
def hebb_vs_bp(names: tuple, hidden: int, lr: float, epochs: int, seed: int) -> dict:
    xi = pat.glyphs(names)
    net = HopfieldNetwork(N_UNITS).store(xi)
    model, info = mem.backprop_memory(xi, hidden=hidden, epochs=epochs, lr=lr, seed=seed)
    noise = mem.recall_vs_noise(net, model, np.linspace(0, 0.5, 11), n_probes=10, seed=seed)
    return {"info": info, "noise": noise, "hebb_wrong": int((net.recall(xi, rng=seed) != xi).sum()),
            "n_bits": int(xi.size), "p": len(xi), "ae_params": model.n_params,
            "hop_params": N_UNITS * (N_UNITS - 1) // 2}


@st.cache_data(max_entries=16, show_spinner=False)
def interference(seed: int) -> dict:
    return mem.hebbian_interference(N_UNITS, n_trials=10, cue_noise=0.1, seed=seed)


# -- views -----------------------------------------------------------------------
def stored_patterns():
    """Controls for what to store; returns (patterns (P, N), names) or (None, None)."""
    c1, c2 = st.columns([1, 3])
    src = c1.selectbox(t("memory.source"), list(SOURCES), key="mem_src", bind="query-params",
                       format_func=lambda k: t(f"memory.source_{k}"), help=t("memory.source_help"))
    if src == "random":
        n = c2.slider(t("memory.n_random"), 1, 30, 5, key="mem_n_random", bind="query-params",
                      help=t("memory.n_random_help"))
        return pat.random_patterns(n, N_UNITS, seed=1234), [f"#{i + 1}" for i in range(n)]
    chosen = c2.multiselect(t("memory.store"), SOURCES[src], default=DEFAULT_STORE[src], key=f"mem_store_{src}",
                            bind="query-params", help=t("memory.store_help"))
    if not chosen:
        st.warning(t("memory.need_pattern"))
        return None, None
    return pat.glyphs(chosen), list(chosen)


def edited_cue(probe, sig):
    """The cue as a grid of checkboxes the student can edit; returns the edited ±1 vector."""
    grid = pd.DataFrame(pat.as_grid(probe) > 0, columns=[str(j) for j in range(pat.GRID[1])])
    key = "mem_edit_" + "_".join(str(x) for x in sig)
    edited = st.data_editor(grid, key=key, hide_index=True, width="content",
                            column_config={c: st.column_config.CheckboxColumn(c, width="small") for c in grid.columns})
    st.caption(t("memory.edit_caption"))
    return np.where(edited.to_numpy(dtype=bool).ravel(), 1, -1).astype(np.int8)


def landed(m, names):
    best = int(np.argmax(np.abs(m)))
    if abs(m[best]) < 0.9:
        return t("memory.landed_spurious")
    return names[best] if m[best] > 0 else t("memory.landed_reversed", name=names[best])


@page.guarded
def view_patterns():
    xi, names = stored_patterns()
    if xi is None:
        return
    c1, c2, c3, c4 = st.columns(4)
    cue = c1.selectbox(t("memory.cue"), names, key="mem_cue", help=t("memory.cue_help"))
    noise = c2.slider(t("memory.noise"), 0, 50, 20, 5, key="mem_noise", bind="query-params", format="%d %%",
                      help=t("memory.noise_help"))
    seed = c3.number_input(t("common.seed"), 0, 9999, 0, key="mem_seed", bind="query-params",
                           help=t("memory.seed_help"))
    mode = c4.radio(t("memory.mode"), ["async", "sync"], key="mem_mode", bind="query-params", horizontal=True,
                    format_func=lambda k: t(f"memory.mode_{k}"), help=t("memory.mode_help"))
    k = names.index(cue) if cue in names else 0
    probe = pat.corrupt(xi[k], noise / 100, seed=int(seed))
    if st.toggle(t("memory.edit"), key="mem_edit_on", help=t("memory.edit_help")):
        with st.expander(t("memory.edit"), expanded=True):
            probe = edited_cue(probe, ("".join(names), cue, noise, int(seed)))

    net = HopfieldNetwork(N_UNITS).store(xi)
    rec = net.recall(probe, mode=mode, rng=int(seed), return_trajectory=True)

    st.subheader(t("memory.stored_title"))
    figures.show(fm.pattern_row(xi, names, pat.GRID), key="mem_stored")

    st.subheader(t("memory.recall_title"))
    left, right = st.columns([3, 1], gap="medium")
    with left:
        figures.show(fm.recall_animation(rec, pat.GRID), key="mem_recall")
        st.caption(t("memory.recall_caption"))
    with right:
        m = net.overlap(rec.state)
        st.metric(t("memory.landed"), landed(m, names), help=t("memory.landed_help"))
        st.metric(t("memory.wrong_cells"), f"{int((rec.state != xi[k]).sum())} / {N_UNITS}",
                  help=t("memory.wrong_cells_help", before=int((probe != xi[k]).sum())))
        st.metric(t("memory.flips"), f"{int((rec.flips > 0).sum())}",
                  help=t("memory.flips_help", n=len(rec.flips), sweeps=rec.sweeps))
        st.metric(t("memory.energy_change"), f"{rec.energy[-1]:.1f}", delta=f"{rec.energy[-1] - rec.energy[0]:+.1f}",
                  delta_color="off", help=t("memory.energy_change_help", start=rec.energy[0]))
    if not bool(np.all(rec.converged)):
        st.warning(t("memory.not_converged"))

    c1, c2 = st.columns(2, gap="large")
    with c1:
        st.subheader(t("memory.overlap_title"))
        figures.show(fm.overlap_bars(m, names), key="mem_overlaps")
    with c2:
        st.subheader(t("memory.weights_title"))
        figures.show(fm.weight_matrix(net.weights), key="mem_weights")
        st.caption(t("memory.weights_caption"))
    page.explain(AREA, "explain_patterns")


@page.guarded
def view_capacity():
    c1, c2, c3, c4 = st.columns(4)
    n = c1.select_slider(t("memory.n_units"), list(mem.CAPACITY_SIZES), mem.CAPACITY_SCENE["n_units"],
                         key="mem_cap_n", bind="query-params",
                         help=t("memory.n_units_help"))
    trials = c2.slider(t("memory.trials"), 5, 25, mem.CAPACITY_SCENE["n_trials"], 5, key="mem_cap_trials",
                       bind="query-params",
                       help=t("memory.trials_help"))
    noise = c3.slider(t("memory.cap_noise"), 0, 30, 0, 5, key="mem_cap_noise", bind="query-params", format="%d %%",
                      help=t("memory.cap_noise_help"))
    seed = c4.number_input(t("common.seed"), 0, 9999, 0, key="mem_cap_seed", bind="query-params",
                           help=t("common.seed_help"))
    r = capacity_result(int(n), int(trials), noise / 100, int(seed))
    st.subheader(t("memory.cap_title"))
    figures.show(fm.capacity_chart(r, CAPACITY), key="mem_capacity")
    st.caption(t("memory.cap_caption", recalls=r["recalls"], n=int(n), seconds=r["seconds"]))
    lo, hi = int(np.argmin(np.abs(r["alpha"] - 0.06))), len(r["alpha"]) - 1
    m1, m2 = st.columns(2)
    m1.metric(t("memory.cap_metric_below", a=r["alpha"][lo]), f"{r['overlap'][lo]:.3f}",
              help=t("memory.cap_metric_help"))
    m2.metric(t("memory.cap_metric_above", a=r["alpha"][hi]), f"{r['overlap'][hi]:.3f}",
              help=t("memory.cap_metric_help"))

    st.subheader(t("memory.spurious_title"))
    ex = spurious_example()
    pics = list(ex["patterns"]) + [ex["mix"], ex["final"]]
    figures.show(fm.pattern_row(pics, ["A", "C", "H", t("memory.spurious_mix"), t("memory.spurious_after")],
                                pat.GRID), key="mem_spurious")
    stable = t("memory.spurious_stable") if ex["changed"] == 0 else t("memory.spurious_unstable", k=ex["changed"])
    st.caption(t("memory.spurious_caption", stable=stable, ma=ex["m"][0], mc=ex["m"][1], mh=ex["m"][2]))
    page.explain(AREA, "explain_capacity")


@page.guarded
def view_hebb_vs_bp():
    c1, c2, c3, c4, c5 = st.columns([2, 1, 1, 1, 1])
    names = c1.multiselect(t("memory.bp_store"), pat.LETTERS, default=DEFAULT_STORE["letters"], key="mem_bp_store",
                           bind="query-params", help=t("memory.bp_store_help"))
    hidden = c2.slider(t("memory.hidden"), 4, 64, 16, 4, key="mem_bp_hidden", bind="query-params",
                       help=t("memory.hidden_help"))
    lr = c3.select_slider(t("memory.lr"), [0.001, 0.003, 0.01, 0.03], 0.01, key="mem_bp_lr", bind="query-params",
                          help=t("memory.lr_help"))
    epochs = c4.select_slider(t("memory.bp_epochs"), [100, 300, 1000], 300, key="mem_bp_epochs",
                              bind="query-params", help=t("memory.bp_epochs_help"))
    seed = c5.number_input(t("common.seed"), 0, 9999, 0, key="mem_bp_seed", bind="query-params",
                           help=t("memory.bp_seed_help"))
    if not names:
        st.warning(t("memory.need_pattern"))
        return
    r = hebb_vs_bp(tuple(names), int(hidden), float(lr), int(epochs), int(seed))
    info = r["info"]
    perfect = info["perfect_at"]
    wrong_end = int(info["bits_wrong"][-1]) if len(info["bits_wrong"]) else r["n_bits"]
    m1, m2, m3 = st.columns(3)
    m1.metric(t("memory.hebb_steps"), "1", help=t("memory.hebb_steps_help"))
    m2.metric(t("memory.hebb_wrong"), f"{r['hebb_wrong']}", help=t("memory.hebb_wrong_help", p=r["p"], n=r["n_bits"]))
    m3.metric(t("memory.hebb_params"), f"{r['hop_params']:,}", help=t("memory.hebb_params_help"))
    m1, m2, m3 = st.columns(3)
    m1.metric(t("memory.bp_steps"), f"{perfect}" if perfect is not None else t("memory.bp_never", n=int(epochs)),
              help=t("memory.bp_steps_help"))
    m2.metric(t("memory.bp_wrong"), f"{wrong_end}", help=t("memory.bp_wrong_help", p=r["p"], n=r["n_bits"]))
    m3.metric(t("memory.bp_params"), f"{r['ae_params']:,}", help=t("memory.bp_params_help", h=int(hidden)))
    c1, c2 = st.columns(2, gap="large")
    with c1:
        st.subheader(t("memory.steps_title"))
        figures.show(fm.training_steps_chart(info, r["hebb_wrong"], r["n_bits"]), key="mem_bp_steps")
    with c2:
        st.subheader(t("memory.noise_title"))
        figures.show(fm.noise_chart(r["noise"]), key="mem_bp_noise")
        st.caption(t("memory.noise_caption", probes=10))
    page.explain(AREA, "explain_hebb_vs_bp")


@page.guarded
def view_memorise():
    st.info(t("memory.memo_article"))
    c1, c2, c3, c4 = st.columns([1, 1, 1, 1], vertical_alignment="bottom")
    n_train = c1.slider(t("memory.memo_n_train"), 100, 400, mem.MEMORISE_SCENE["n_train"], 50, key="mem_memo_n",
                        bind="query-params",
                        help=t("memory.memo_n_train_help"))
    epochs = c2.slider(t("memory.memo_epochs"), 40, 160, mem.MEMORISE_SCENE["epochs"], 20, key="mem_memo_epochs",
                       bind="query-params",
                       help=t("memory.memo_epochs_help"))
    seed = c3.number_input(t("common.seed"), 0, 9999, 0, key="mem_memo_seed", bind="query-params",
                           help=t("memory.memo_seed_help"))
    sig = (int(n_train), int(epochs), int(seed))
    stored = st.session_state.get("mem_memo_result")      # (sig, result): this student's last run
    if c4.button(t("memory.memo_run"), key="mem_memo_run", type="primary", help=t("memory.memo_run_help")) \
            and (stored is None or stored[0] != sig):
        bar = st.progress(0.0)

        def progress(done, total):
            bar.progress(done / total, text=t("memory.memo_progress", done=done, total=total))

        stored = (sig, mem.memorisation_sweep(HIDDEN_SIZES, n_train=sig[0], epochs=sig[1], seed=sig[2],
                                              progress=progress))
        st.session_state["mem_memo_result"] = stored
        bar.empty()
    if stored is None or stored[0] != sig:
        st.markdown(t("memory.memo_hint"))
        page.explain(AREA, "explain_memorise")
        return
    r = stored[1]
    st.subheader(t("memory.memo_title"))
    figures.show(fm.memorisation_chart(r), key="mem_memo_chart")
    st.caption(t("memory.memo_caption", n_train=sig[0], epochs=sig[1], params=int(r["n_params"][-1])))
    st.subheader(t("memory.memo_curves_title"))
    figures.show(fm.memorisation_curves(r), key="mem_memo_curves")
    page.explain(AREA, "explain_memorise")


@page.guarded
def view_timescales():
    st.subheader(t("memory.ts_table_title"))
    cols = ["kind", "net", "brain", "lasts", "source"]
    rows = [{t(f"memory.ts_col_{c}"): t(f"memory.ts_{r}_{c}") for c in cols} for r in ("rnn", "att", "syn")]
    st.table(pd.DataFrame(rows), hide_index=True)

    st.subheader(t("memory.ts_rnn_title"))
    c1, c2 = st.columns([1, 2], gap="medium")
    gain = c1.slider(t("memory.ts_gain"), 0.5, 1.2, 0.9, 0.05, key="mem_ts_gain", bind="query-params",
                     help=t("memory.ts_gain_help"))
    r = mem.rnn_pulse_memory(gain=gain, steps=40)
    if r is None:
        c1.info(t("memory.ts_rnn_missing"))
    c1.caption(t("memory.ts_rnn_caption"))
    if any(row[1] == "rnn.py" for row in existing_pages()):
        with c1:
            lecture.page_link("pages/rnn.py", t("memory.ts_rnn_link"), ":material/replay:")
    with c2:
        figures.show(fm.rnn_chart(r, 40), key="mem_ts_rnn")

    st.subheader(t("memory.ts_att_title"))
    c1, c2 = st.columns([1, 2], gap="medium")
    step_noise = c1.slider(t("memory.ts_step_noise"), 0, 20, 5, 1, key="mem_ts_noise", bind="query-params",
                           format="%d %%", help=t("memory.ts_step_noise_help"))
    c1.caption(t("memory.ts_att_caption"))
    r = mem.attractor_persistence(steps=40, step_noise=step_noise / 100, switch_at=20, seed=0)
    with c2:
        figures.show(fm.attractor_chart(r, 20), key="mem_ts_att")

    st.subheader(t("memory.ts_syn_title"))
    c1, c2 = st.columns([1, 2], gap="medium")
    c1.caption(t("memory.ts_syn_caption"))
    with c2:
        figures.show(fm.interference_chart(interference(0), N_UNITS, CAPACITY), key="mem_ts_syn")
    page.explain(AREA, "explain_timescales")


@page.guarded
def main():
    page.header(AREA)
    view = st.segmented_control(t("memory.view"), VIEWS, default="patterns", required=True, key="mem_view",
                                bind="query-params", format_func=lambda k: t(f"memory.view_{k}"),
                                help=t("memory.view_help"))
    {"patterns": view_patterns, "capacity": view_capacity, "hebb_vs_bp": view_hebb_vs_bp,
     "memorise": view_memorise, "timescales": view_timescales}[view or "patterns"]()


main()
