"""Forgetting: a network learns task A, then B, and loses A — catastrophic interference — beside the
brain's answers that inspired the remedies (replay, consolidation)."""
import streamlit as st

from lab import forgetting as fg
from ui import fig_forgetting as ff
from ui import figures, lecture, live, page
from ui.i18n import t

AREA = "forgetting"
Q = dict(bind="query-params")
HIDDEN = [16, 32, 64, 128]
BUFFERS = [0, 10, 50, 100, 200, 500, fg.BUFFER_ALL]
EWC_LAMBDAS = [0, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 100_000_000]
L2_LAMBDAS = [0, 0.01, 0.1, 1, 10, 100, 10_000]
N_BINS = 10


def _lam(v) -> str:
    return f"{v:g}" if v < 1e4 else f"10^{len(str(int(v))) - 1}"


def _buffer(k) -> str:
    return t("forgetting.buffer_all") if k == fg.BUFFER_ALL else f"{k}"


def controls():
    """The settings as (ForgettingConfig, methods), or (None, None) when no method is picked."""
    d = fg.ForgettingConfig()
    # scenario, tasks and seed on one row, the methods below: on one row of four, "split digits" was cut off
    # and the tasks' options wrapped (worse in presenter view's large type)
    c1, c3, c4 = st.columns([3, 3, 1.5])
    c2 = st.container()
    scenario = c1.segmented_control(t("forgetting.scenario"), list(fg.SCENARIOS), default=d.scenario, required=True,
                                    format_func=lambda s: t(f"forgetting.scenario_{s}"), key="fg_scenario",
                                    help=t("forgetting.scenario_help"), **Q)
    methods = c2.multiselect(t("forgetting.methods"), list(fg.METHODS), default=list(fg.DEFAULT_METHODS),
                             format_func=ff.method_label, key="fg_methods", help=t("forgetting.methods_help"), **Q)
    n_tasks = c3.radio(t("forgetting.tasks"), [2, 3], horizontal=True, key="fg_tasks",
                       format_func=lambda n: " → ".join(fg.TASK_NAMES[:n]), help=t("forgetting.tasks_help"), **Q)
    seed = c4.number_input(t("common.seed"), 0, 9999, d.seed, key="fg_seed", help=t("forgetting.seed_help"), **Q)
    with st.expander(t("forgetting.settings"), expanded=not lecture.presenter()):
        e1, e2, e3 = st.columns(3)
        epochs = e1.slider(t("forgetting.epochs"), 1, 20, d.epochs, key="fg_epochs", help=t("forgetting.epochs_help"),
                           **Q)
        hidden = e2.select_slider(t("forgetting.hidden"), HIDDEN, d.hidden, key="fg_hidden",
                                  help=t("forgetting.hidden_help"), **Q)
        depth = e3.radio(t("forgetting.depth"), [1, 2, 3], index=d.depth - 1, horizontal=True, key="fg_depth",
                         help=t("forgetting.depth_help"), **Q)
        e1, e2, e3 = st.columns(3)
        buffer = e1.select_slider(t("forgetting.buffer"), BUFFERS, d.buffer, format_func=_buffer, key="fg_buffer",
                                  help=t("forgetting.buffer_help", all=fg.BUFFER_ALL), **Q)
        ewc_lambda = e2.select_slider(t("forgetting.ewc_lambda"), EWC_LAMBDAS, int(d.ewc_lambda), format_func=_lam,
                                      key="fg_ewc", help=t("forgetting.ewc_lambda_help"), **Q)
        l2_lambda = e3.select_slider(t("forgetting.l2_lambda"), L2_LAMBDAS, d.l2_lambda, format_func=_lam,
                                     key="fg_l2", help=t("forgetting.l2_lambda_help"), **Q)
    if not methods:
        st.warning(t("forgetting.need_method"))
        return None, None
    cfg = fg.ForgettingConfig(scenario=scenario or d.scenario, seed=int(seed), n_tasks=int(n_tasks),
                              hidden=int(hidden), depth=int(depth), epochs=int(epochs), buffer=int(buffer),
                              ewc_lambda=float(ewc_lambda), l2_lambda=float(l2_lambda))
    return cfg, [m for m in fg.METHODS if m in methods]


def render(run):
    """Drawn once per tick while training: accuracy on A for each method, and the forgetting curves."""
    results = run.trainer.results()
    cols = st.columns(len(results))
    for col, (m, r) in zip(cols, results.items()):
        n = r.epochs_done
        now = r.acc[n - 1, 0] if n else float("nan")
        learned = r.R[0, 0]
        delta, colour = ff.metric_delta(now - learned if n > r.config.epochs else None)
        col.metric(t("forgetting.metric_a", method=ff.method_label(m)), "—" if not n else ff.pct(now),
                   delta=delta, delta_color=colour, delta_arrow="off", help=t("forgetting.metric_a_help"))
    n_tasks = next(iter(results.values())).config.n_tasks
    scale = figures.svg_scale()
    figures.show_svg(live.frame_memo(run, ("curves",), lambda: ff.curves(results, scale=scale,
                                                                          tasks=range(min(2, n_tasks)))))
    if n_tasks > 2:                   # two panels to a row, so three tasks keep readable type
        left, _ = st.columns(2)
        with left:
            figures.show_svg(live.frame_memo(run, ("curves_more",), lambda: ff.curves(
                results, scale=scale, tasks=range(2, n_tasks), legend=False)))


def notes(results):
    for code, fmt in fg.setting_notes(results):
        if "method" in fmt:
            fmt = dict(fmt, method=ff.method_label(fmt["method"]))
        if "lam" in fmt:
            fmt["lam"] = _lam(fmt["lam"])
        if "acc" in fmt:
            fmt["acc"] = ff.pct(fmt["acc"])
        if "lost" in fmt:
            fmt["lost"] = t("forgetting.list_sep").join(t("forgetting.note_lost_task", task=name, acc=ff.pct(acc))
                                                        for name, acc in fmt["lost"])
        (st.warning if code in ("diverged", "too_stiff") else st.caption)(t(f"forgetting.note_{code}", **fmt))


def outcome(run, cfg):
    """Below the live panel, drawn by its controls when the run stops: the accuracy matrices, BWT, and which
    weights moved."""
    comparison = run.trainer
    if comparison is None or run.running or comparison.epoch < cfg.epochs:
        st.info(t("forgetting.results_after"), icon=":material/play_arrow:")
        return
    results = comparison.results()
    notes(results)
    scale = figures.svg_scale()
    # drawn once per recorded frame (live.frame_memo): a class replaying one run shares these drawings
    st.subheader(t("forgetting.matrix_heading"))
    figures.show_svg(live.frame_memo(run, ("matrices",), lambda: ff.accuracy_matrices(results, scale=scale)))
    st.caption(t("forgetting.matrix_caption"))
    st.subheader(t("forgetting.imp_heading"))

    def importance():
        groups = {m: fg.change_by_importance(r.fisher_a, r.delta, N_BINS) for m, r in results.items()}
        return ff.importance_chart(groups, N_BINS, scale=scale)

    left, right = st.columns([3, 2], gap="large")
    with left:
        figures.show_svg(live.frame_memo(run, ("importance", N_BINS), importance))
    with right:
        st.markdown(t("forgetting.imp_body") + "\n\n" + "\n".join(f"- {t(f'forgetting.imp_m_{m}')}" for m in results))
        seconds = sum(r.fisher_seconds for r in results.values()) / len(results)
        st.caption(t("forgetting.imp_caption", n=int(next(iter(results.values())).fisher_a.size), ms=1000 * seconds))


def errata():
    with st.expander(t("forgetting.errata_title"), icon=":material/fact_check:"):
        c1, c2 = st.columns(2)
        c1.markdown(f"**{t('forgetting.says')}**  \n{t('forgetting.claim.says')}")
        if lecture.reveal("fg_errata"):
            c2.markdown(f"**{t('forgetting.actually')}**  \n{t('forgetting.claim.actually')}")
        else:
            c2.caption(t("lecture.hidden"))


def measured(run=None):
    """What the tests measured on seeds 0..5 — behind Reveal, so a class can guess first. The question is
    asked before a run starts; once it has, the page asks whether the guess was right."""
    started = run is not None and run.trainer is not None and run.trainer.epoch > 0
    st.markdown(t("forgetting.predict_after" if started else "forgetting.predict"))
    if lecture.reveal("fg_measured"):
        st.info(t("forgetting.measured"), icon=":material/science:")
    else:
        st.caption(t("lecture.hidden"))


def brain_panel():
    st.subheader(t("forgetting.brain_heading"))
    figures.show_svg(ff.cls_diagram(scale=figures.svg_scale()))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(t("forgetting.brain_body"))
    with right:
        st.markdown(t("forgetting.limits_body"))
    st.caption(t("forgetting.brain_sources"))


@page.guarded
def main():
    page.header(AREA)
    errata()
    cfg, methods = controls()
    if cfg is None:
        return
    # Everything that follows the run is drawn by the live panel's controls: "finished" above the buttons (Start
    # cannot extend a finished task sequence), then below the panel the prediction (below, so Start stays on
    # the first screen) and the results. Nothing else on the page changes with the run (page_follows), so the
    # end of a run needs no full-page run: the default run ends in the Start click's own run, results drawn.
    run = live.live_training("fg", (cfg, tuple(methods)), lambda: fg.Comparison(cfg, methods), render,
                             epochs=cfg.n_tasks * cfg.epochs, page_follows=lambda r: None,
                             below=lambda r: (measured(r), outcome(r, cfg)),
                             texts={"start_help": "forgetting.start_help", "finished": "forgetting.finished"})
    if run.error:                     # no panel (the message stands in its place): the prediction still shows
        measured()
    st.divider()
    page.guarded(brain_panel)()
    page.explain(AREA)


main()
