"""RNN: how long a recurrent network remembers — RNN vs LSTM vs GRU trained live on sequence tasks,
the hidden state over time, the gradient reaching earlier steps, and the memory span."""
import streamlit as st

from lab import sequences as sm
from ui import fig_rnn, figures, lecture, live, page
from ui.i18n import t
from ui.nav import existing_pages

AREA = "rnn"
Q = dict(bind="query-params")
# memory knob per task: (min, max, default), in steps
MEMORY = {"delayed_recall": (1, 40, 10), "copy": (1, 20, 5), "parity": (2, 30, 8), "sine": (5, 50, 20)}
SPAN_DELAYS = (2, 5, 10, 20, 30)
OPTIMIZERS = {"Adam": "adam", "SGD": "sgd"}          # shown as named (the same in every language)
# learning rates per optimizer: (choices, default). Plain SGD needs far larger steps than Adam.
LRS = {"adam": ([0.001, 0.003, 0.01, 0.03, 0.1], 0.01), "sgd": ([0.03, 0.1, 0.3, 0.7, 1.0, 3.0], 0.7)}


@st.cache_data(max_entries=16, show_spinner=False)
def load_task(task: str, memory: int, noise: float, seed: int) -> sm.SequenceTask:
    return sm.page_task(sm.RnnConfig(task=task, memory=memory, noise=noise, seed=seed))


@st.cache_data(max_entries=32, show_spinner=False)
def init_profiles(task: str, memory: int, noise: float, hidden: int, seed: int) -> dict:
    return sm.init_gradient_profiles(load_task(task, memory, noise, seed), hidden_size=hidden, seed=seed)


@st.cache_data(max_entries=300, show_spinner=False)
def span_point(cfg: sm.RnnConfig, cell: str, delay: int) -> float:
    """Test accuracy of one (cell, delay) point of the memory-span chart: the run Start would make (cached)."""
    return sm.held_out_accuracy(sm.span_config(cfg, cell, delay))


def controls() -> sm.RnnConfig:
    c1, c2, c3, c4 = st.columns([3, 3, 2, 3])
    task = c1.selectbox(t("rnn.task"), list(MEMORY), format_func=lambda k: t(f"rnn.task_{k}"), key="rnn_task",
                        help=t("rnn.task_help"), **Q)
    cell = c2.radio(t("rnn.cell"), list(sm.CELLS), index=1, horizontal=True, key="rnn_cell",
                    help=t("rnn.cell_help"), **Q)
    hidden = c3.select_slider(t("rnn.hidden"), [4, 8, 16, 32, 64], value=32, key="rnn_hidden",
                              help=t("rnn.hidden_help"), **Q)
    lo, hi, default = MEMORY[task]
    memory = c4.slider(t(f"rnn.memory_{task}"), lo, hi, default, key=f"rnn_mem_{task}",
                       help=t(f"rnn.memory_{task}_help"), **Q)
    d1, d2, d3, d4, d5, d6 = st.columns([3, 2, 3, 3, 3, 2])
    noise = d1.select_slider(t("rnn.noise"), [0.0, 0.25, 0.5, 1.0, 1.5], value=0.5, key="rnn_noise",
                             help=t("rnn.noise_help"), disabled=task != "delayed_recall", **Q)
    opt = OPTIMIZERS[d2.radio(t("rnn.opt"), list(OPTIMIZERS), key="rnn_opt", help=t("rnn.opt_help"), **Q)]
    choices, default = LRS[opt]
    lr = d3.select_slider(t("rnn.lr"), choices, value=default, key=f"rnn_lr_{opt}", help=t(f"rnn.lr_{opt}_help"),
                          format_func=lambda v: f"{v:g}", **Q)
    clip = d4.select_slider(t("rnn.clip"), [0.0, 0.5, 1.0, 5.0], value=1.0, key="rnn_clip",
                            format_func=lambda v: t("rnn.clip_off") if v == 0 else f"{v:g}",
                            help=t("rnn.clip_help"), **Q)
    epochs = d5.slider(t("rnn.epochs"), 1, 60, 15, key="rnn_epochs", help=t("rnn.epochs_help"), **Q)
    seed = d6.number_input(t("common.seed"), 0, 9999, 0, key="rnn_seed", help=t("common.seed_help"), **Q)
    return sm.RnnConfig(task=task, cell=cell, hidden=int(hidden), memory=int(memory),
                        noise=float(noise) if task == "delayed_recall" else 0.0, optimizer=opt, lr=float(lr),
                        clip=float(clip), epochs=int(epochs), seed=int(seed))


def render_factory(cfg):
    classification = cfg.task != "sine"

    def render(run):
        hist = run.trainer.history
        m1, m2, m3, m4 = st.columns(4)
        if classification:
            acc = hist.get("val_accuracy", [])
            m1.metric(t("rnn.test_acc"), f"{acc[-1]:.1%}" if acc else "—", help=t("rnn.test_acc_help"))
            m2.metric(t("rnn.chance_metric"), f"{sm.chance_accuracy(cfg.task, cfg.memory):.0%}",
                      help=t("rnn.chance_help"))
        else:
            loss = hist.get("val_loss", [])
            m1.metric(t("rnn.test_mse"), f"{loss[-1]:.4f}" if loss else "—", help=t("rnn.test_mse_help"))
        m3.metric(t("rnn.params"), f"{run.trainer.model.n_params:,}", help=t("rnn.params_help", cell=cfg.cell))
        signal = sm.first_step_signal(init_profiles(cfg.task, cfg.memory, cfg.noise, cfg.hidden, cfg.seed))[cfg.cell]
        m4.metric(t("rnn.signal_metric"), figures.percent(signal), help=t("rnn.signal_help", cell=cfg.cell))
        y_max = 0.6 if not classification else None
        target = run.target or run.epochs
        figures.show_svg(live.frame_memo(run, ("curves", target), lambda: fig_rnn.curves(
            hist, target, classification, y_max=y_max, scale=figures.svg_scale())))
    return render


def sequence_tab(cfg, data, model):
    n_test = len(data.X_test)
    idx = st.slider(t("rnn.pick"), 0, n_test - 1, 0, key="rnn_pick", help=t("rnn.pick_help"), **Q)
    info = sm.explain_sequence(model, data.X_test[idx], data.y_test[idx])
    if cfg.task == "delayed_recall":        # the answer beside the input (below it on a phone)
        left, right = st.columns([5, 2])
        with left:
            figures.show_once(fig_rnn.sequence, cfg.task, info, key="rnn_sequence")
        with right:
            figures.show_once(fig_rnn.recall_answer, info, key="rnn_answer")
    else:
        figures.show_once(fig_rnn.sequence, cfg.task, info, key="rnn_sequence")
    st.caption(t(f"rnn.seq_caption_{cfg.task}"))
    return info


def hidden_tab(cfg, info, trained):
    left, right = st.columns([3, 2], gap="large")
    with left:
        T = len(info["x"])
        marks = []
        if cfg.task == "delayed_recall":
            marks = [(0, t("rnn.mark_cue")), (T - 1, t("rnn.mark_go"))]
        elif cfg.task == "copy":
            marks = [(0, t("rnn.mark_cue")), (3 + cfg.memory, t("rnn.mark_go"))]
        title = t("rnn.hidden_title", cell=cfg.cell, state=t("rnn.trained") if trained else t("rnn.untrained"))
        figures.show_once(fig_rnn.hidden_heatmap, info["hidden"], title, marks, key="rnn_hidden_map")
        st.caption(t("rnn.hidden_caption"))
    with right:
        st.markdown(t("rnn.brain_title"))
        st.markdown(t("rnn.brain_body"))
        if any(row[1] == "memory.py" for row in existing_pages()):
            lecture.page_link("pages/memory.py", t("rnn.memory_link"), ":material/memory:")
        else:
            st.caption(t("rnn.memory_link"))


def gradient_tab(cfg, data, model, trained):
    profiles = init_profiles(cfg.task, cfg.memory, cfg.noise, cfg.hidden, cfg.seed)
    trained_norms = None
    if trained:
        X, y = data.X_test[:64], data.y_test[:64]
        trained_norms = sm.gradient_profile(model, X, y)
    figures.show_once(fig_rnn.gradient_profiles, profiles, trained_norms, t("rnn.grad_trained", cell=cfg.cell),
                      key="rnn_grads")
    T = len(profiles["RNN"])
    far = sm.first_step_signal(profiles)
    st.markdown(t("rnn.grad_numbers", T=T, steps=T - 1, rnn=far["RNN"], lstm=far["LSTM"], gru=far["GRU"]))
    st.caption(t("rnn.grad_caption"))


def span_tab(cfg):
    opt_name = next(k for k, v in OPTIMIZERS.items() if v == cfg.optimizer)
    clip = t("rnn.clip_off") if cfg.clip == 0 else f"{cfg.clip:g}"
    st.markdown(t("rnn.span_intro", delays=", ".join(map(str, SPAN_DELAYS)), epochs=cfg.epochs, opt=opt_name,
                  lr=cfg.lr, clip=clip, hidden=cfg.hidden, noise=cfg.noise, seed=cfg.seed))
    base = sm.span_config(cfg, "RNN", SPAN_DELAYS[0])      # the settings every point shares
    sig = (base.hidden, base.noise, base.optimizer, base.lr, base.clip, base.epochs, base.seed)
    clicked = st.button(t("rnn.span_run"), key="rnn_span_run", type="primary", icon=":material/science:",
                        help=t("rnn.span_run_help"))
    if clicked:
        st.session_state["rnn_span_sig"] = sig
    if st.session_state.get("rnn_span_sig") != sig:
        st.caption(t("rnn.span_not_run"))
        return
    cells = list(sm.CELLS)
    total = len(cells) * len(SPAN_DELAYS)
    bar = st.progress(0.0, text=t("rnn.span_progress", done=0, total=total))
    result = {"delays": list(SPAN_DELAYS), "cells": {c: [] for c in cells}, "chance": 1 / sm.N_SYMBOLS}
    done = 0
    for cell in cells:
        for delay in SPAN_DELAYS:
            result["cells"][cell].append(span_point(base, cell, delay))
            done += 1
            bar.progress(done / total, text=t("rnn.span_progress", done=done, total=total))
    bar.empty()
    figures.show(fig_rnn.memory_span(result), key="rnn_span")
    rows = {cell: {t("rnn.delay_col", d=d): f"{a:.0%}" for d, a in zip(SPAN_DELAYS, accs)}
            for cell, accs in result["cells"].items()}
    st.table(rows)
    st.caption(t("rnn.span_caption"))


@page.guarded
def main():
    page.header(AREA)
    with st.expander(t("rnn.article_title"), icon=":material/fact_check:"):
        st.markdown(t("rnn.article_body"))
    cfg = controls()
    data = load_task(cfg.task, cfg.memory, cfg.noise, cfg.seed)
    run = live.live_training("rnn", cfg, lambda: sm.make_trainer(cfg, data), render_factory(cfg), epochs=cfg.epochs,
                             diverged_hint=t("rnn.diverged_hint"))
    if run.error or run.trainer is None:
        return
    if run.running:
        st.info(t("rnn.pause_to_inspect"), icon=":material/pause:")
        page.explain(AREA)
        return
    model = run.trainer.model
    trained = run.epoch > 0
    with live.hold(run):   # the tabs run forward passes on the live model: one writer at a time
        tabs = st.tabs([t("rnn.tab_sequence"), t("rnn.tab_hidden"), t("rnn.tab_gradients"), t("rnn.tab_span")])
        info = None
        with tabs[0]:
            if not trained:
                st.info(t("rnn.untrained_note"), icon=":material/play_arrow:")
            info = page.guarded(sequence_tab)(cfg, data, model)
        with tabs[1]:
            if info is not None:
                page.guarded(hidden_tab)(cfg, info, trained)
        with tabs[2]:
            page.guarded(gradient_tab)(cfg, data, model, trained)
    with tabs[3]:                                      # trains models of its own, not the live one
        page.guarded(span_tab)(cfg)
    page.explain(AREA)


main()
