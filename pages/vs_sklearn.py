"""vs scikit-learn: nncore.MLPClassifier beside sklearn's MLPClassifier on the same data, split and seed."""
import numpy as np
import streamlit as st

from lab.compare import AUTO_WORK, MAX_WORK, page_split, parity, seed_rows, twin_budget
from nncore.datasets import train_test_split
from nncore.layers import SKLEARN_ACTIVATIONS
from nncore.preprocessing import Scaler
from ui import fig_compare, figures, jobs, page, uploads
from ui.i18n import t
from ui.safe import plain_text

AREA = "compare"
TOY = ["moons", "circles", "xor", "spiral", "gaussians"]
DATASETS = TOY + ["digits", "csv"]
ALPHAS = [0.0, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0]
LRS = [1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3]
BATCHES = ["auto", "8", "16", "32", "64", "128", "256"]
EPOCHS = [10, 20, 50, 100, 200, 300, 500]
CSV_KEY = "cmp_csv"
RESULT, SEEDS = "_cmp_result", "_cmp_seeds"
TWIN_JOB, SEEDS_JOB = "cmp_twin", "cmp_seeds"      # heavy runs: one library's fit per slice (ui/jobs.py)


@st.cache_data(max_entries=16, show_spinner=False)
def load_split(name, n, noise, seed):
    """Train/test split (70/30, stratified, seeded) of a built-in data set; X as float64."""
    return page_split(name, n, noise, seed)


@st.cache_data(max_entries=16, show_spinner=False)
def csv_split(X, y, seed):
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=0.3, seed=seed, stratify=True)
    scaler = Scaler.standard(X_tr)
    return scaler.transform(X_tr, X_tr.dtype), scaler.transform(X_te, X_te.dtype), y_tr, y_te


@st.cache_data(max_entries=48, show_spinner=False)
def fit_side(side, X_tr, y_tr, X_te, y_te, params, grid):
    """One library's fit (``lab.compare.fit_one``), cached: a class opening one link fits it once."""
    # imported here: scikit-learn takes ~1–2 s to import once per server process, and the header and
    # controls should not wait for it
    from lab.compare import fit_one

    return fit_one(side, dict(params), X_tr, y_tr, X_te, y_te, grid)


def twin_steps(data, sk_params, nn_params):
    """The twin fit as two steps, one library each, and the grid of its decision surfaces (2-D data)."""
    grid = fig_compare.grid_points(np.r_[data["X_tr"], data["X_te"]]) if data["X_tr"].shape[1] == 2 else None
    points = None if grid is None else grid[2]
    return [lambda: fit_side("sklearn", *_arrays(data), _frozen(sk_params), points),
            lambda: fit_side("nncore", *_arrays(data), _frozen(nn_params), points)], grid


def twin_result(sk, nn, grid):
    return {"sklearn": sk, "nncore": nn, **parity(sk, nn), "grid_axes": None if grid is None else grid[:2]}


def seed_steps(data, sk_params, nn_params, seeds):
    return [lambda s=s, side=side, p=p: fit_side(side, *_arrays(data), _frozen({**p, "random_state": s}), None)
            for s in seeds for side, p in (("sklearn", sk_params), ("nncore", nn_params))]


def seeds_table(seeds, fits):
    """The rows of every seed, from the fits of :func:`seed_steps` (sklearn, nncore per seed)."""
    return [r for i, s in enumerate(seeds) for r in seed_rows(s, *fits[2 * i:2 * i + 2])]


def _bn(work):
    """Work in billions of multiply-adds, as text."""
    return f"{work / 1e9:,.1f}" if work >= 1e8 else f"{work / 1e9:.2f}"


def budgeted(data, sk_params, nn_params):
    """The run's budget; epochs cut to the cap (both sides alike). None when not one epoch fits."""
    budget = twin_budget(len(data["y_tr"]), data["X_tr"].shape[1], len(data["classes"]), sk_params, nn_params)
    if budget.allowed < 1:
        st.error(t("budget.too_heavy", per_epoch=_bn(budget.per_epoch), cap=_bn(MAX_WORK)), icon=":material/block:")
        return None, sk_params, nn_params
    if budget.capped:
        sk_params, nn_params = ({**p, "max_iter": budget.allowed} for p in (sk_params, nn_params))
        st.warning(t("budget.capped", asked=_bn(budget.asked), cap=_bn(MAX_WORK), allowed=budget.allowed,
                     epochs=budget.epochs), icon=":material/speed:")
    st.caption(t("budget.line", work=_bn(budget.work), auto=_bn(AUTO_WORK), cap=_bn(MAX_WORK)))
    return budget, sk_params, nn_params


def use_csv(_table):
    """A new file passed every check (in the upload callback, before the data selector is drawn)."""
    st.session_state["cmp_data"] = "csv"


def data_controls():
    c1, c2, c3, c4 = st.columns(4)
    name = c1.selectbox(t("compare.data"), DATASETS, key="cmp_data", bind="query-params",
                        format_func=lambda v: t(f"compare.data_{v}"), help=t("compare.data_help"))
    toy = name in TOY
    n = c2.slider(t("compare.n"), 100, 2000, 400, 50, key="cmp_n", bind="query-params", disabled=not toy,
                  help=t("compare.n_help"))
    noise = c3.slider(t("compare.noise"), 0.0, 0.5, 0.2, 0.05, key="cmp_noise", bind="query-params",
                      disabled=not toy, help=t("compare.noise_help"))
    seed = int(c4.number_input(t("common.seed"), 0, 9999, 0, key="cmp_seed", bind="query-params",
                               help=t("compare.seed_help")))
    if name == "csv":
        table = uploads.csv_loader(CSV_KEY, uploads.COMPARE, label=t("compare.csv.upload"), on_accept=use_csv,
                                   help=t("compare.csv.upload_help", rows=uploads.COMPARE.max_rows))
        if table is None:
            st.info(t("compare.csv.none_yet"))
            return None
        X_tr, X_te, y_tr, y_te = csv_split(table.X, table.y, seed)
        return dict(X_tr=X_tr, X_te=X_te, y_tr=y_tr, y_te=y_te, classes=table.classes, seed=seed,
                    desc=t("compare.data_line_csv", name=plain_text(table.name)), key=("csv", table.digest))
    X_tr, X_te, y_tr, y_te, classes = load_split(name, n, noise, seed)
    desc = t("compare.data_line_digits") if name == "digits" else t("compare.data_line_toy", name=name, n=n,
                                                                                             noise=noise, seed=seed)
    return dict(X_tr=X_tr, X_te=X_te, y_tr=y_tr, y_te=y_te, classes=classes, seed=seed, desc=desc,
                key=(name, n, noise))


def model_controls(mode, seed):
    """(scikit-learn params, nncore params, message): the message says what is wrong with the hidden
    layers (then they are None); every control stays drawn so a typo hides nothing."""
    c1, c2, c3, c4 = st.columns(4)
    layers_text = c1.text_input(t("compare.layers"), "16, 16", key="cmp_layers", bind="query-params",
                                help=t("compare.layers_help"))
    try:
        layers, bad = fig_compare.parse_layers(layers_text), None
    except ValueError as exc:
        layers, bad = None, str(exc)
    act = c2.selectbox(t("compare.activation"), SKLEARN_ACTIVATIONS, key="cmp_act", bind="query-params",
                       help=t("compare.activation_help"))
    if mode == "same":
        solver = c3.selectbox(t("compare.solver"), ["adam", "sgd"], key="cmp_solver", bind="query-params",
                              help=t("compare.solver_help"))
        sk_solver = nn_solver = solver
    else:
        sk_solver = c3.selectbox(t("compare.sk_solver"), ["lbfgs", "sgd", "adam"], key="cmp_sk_solver",
                                 bind="query-params", help=t("compare.sk_solver_help"))
        nn_solver = c4.selectbox(t("compare.nn_solver"), ["adam", "sgd"], key="cmp_nn_solver", bind="query-params",
                                 help=t("compare.nn_solver_help"))
    if bad:
        st.error(bad, icon=":material/error:")
    c5, c6, c7, c8 = st.columns(4)
    alpha = c5.select_slider(t("compare.alpha"), ALPHAS, 1e-4, key="cmp_alpha", bind="query-params",
                             help=t("compare.alpha_help"))
    batch = c6.select_slider(t("compare.batch"), BATCHES, "auto", key="cmp_batch", bind="query-params",
                             help=t("compare.batch_help"))
    lr = c7.select_slider(t("compare.lr"), LRS, 0.01, key="cmp_lr", bind="query-params", help=t("compare.lr_help"))
    epochs = c8.select_slider(t("compare.epochs"), EPOCHS, 100, key="cmp_epochs", bind="query-params",
                              help=t("compare.epochs_help"))
    early = st.toggle(t("compare.early"), False, key="cmp_early", bind="query-params", help=t("compare.early_help"))
    common = dict(hidden_layer_sizes=layers, activation=act, alpha=alpha,
                  batch_size="auto" if batch == "auto" else int(batch), learning_rate_init=lr, max_iter=int(epochs),
                  early_stopping=bool(early), random_state=seed)
    return {**common, "solver": sk_solver}, {**common, "solver": nn_solver}, bad


def _frozen(params):
    return tuple(sorted(params.items()))


def show_parity(result, mode, sk_params, nn_params):
    if mode == "same":
        diff = result["max_rel_loss_diff"]
        ok = result["same_predictions"] and np.isfinite(diff) and diff <= 1e-10
        msg = t("compare.parity", diff=diff, preds=t("compare.identical" if result["same_predictions"]
                                                      else "compare.not_identical"))
        (st.success if ok else st.warning)(msg, icon=":material/verified:" if ok else ":material/warning:")
    else:
        key = "compare.why_lbfgs" if sk_params["solver"] == "lbfgs" else (
            "compare.why_same_solver" if sk_params["solver"] == nn_params["solver"] else "compare.why_sgd_adam")
        st.info(t("compare.different_badge", sk=sk_params["solver"], nn=nn_params["solver"]) + " " + t(key),
                icon=":material/compare_arrows:")


def show_metrics(result):
    sk, nn = result["sklearn"], result["nncore"]
    for res, name in ((sk, "scikit-learn"), (nn, "nncore")):
        m = st.columns([1.3, 2, 2, 2, 2], vertical_alignment="center")
        m[0].markdown(f"**{name}**")
        m[1].metric(t("compare.train_acc"), f"{res['train_acc']:.1%}", help=t("compare.train_acc_help"))
        m[2].metric(t("compare.test_acc"), f"{res['test_acc']:.1%}", help=t("compare.test_acc_help"))
        m[3].metric(t("compare.fit_time"), f"{res['fit_s'] * 1000:.0f} ms", help=t("compare.fit_time_help"))
        m[4].metric(t("compare.iters"), f"{res['n_iter']}", help=t("compare.iters_help"))
    if not (sk["converged"] and nn["converged"]):
        st.caption(t("compare.not_converged"))
    st.caption(t("compare.speed", ratio=nn["fit_s"] / max(sk["fit_s"], 1e-9)))


def _arrays(data):
    return data["X_tr"], data["y_tr"], data["X_te"], data["y_te"]


def show_pictures(result, data, max_epochs):
    X_te, y_te, classes = data["X_te"], data["y_te"], data["classes"]
    figures.show(fig_compare.loss_overlay(result["sklearn"], result["nncore"], max_epochs), key="cmp_loss")
    st.caption(t("compare.loss_caption"))
    left, right = st.columns(2)
    if result["grid_axes"] is not None:
        xs, ys = result["grid_axes"]
        for col, side, name in ((left, "sklearn", "scikit-learn"), (right, "nncore", "nncore")):
            with col:
                figures.show(fig_compare.decision_surface(xs, ys, result[side]["proba_grid"], X_te, y_te,
                                                          len(classes), name), key=f"cmp_surface_{side}")
        st.caption(t("compare.surface_caption"))
    else:
        for col, side, name in ((left, "sklearn", "scikit-learn"), (right, "nncore", "nncore")):
            with col:   # labels are class indices 0..C-1 for every data set on this page
                st.markdown(f"**{name}**")
                figures.show(figures.confusion_matrix(y_te, result[side]["pred_test"], classes), key=f"cmp_cm_{side}")
        st.caption(t("compare.cm_caption"))


def show_seeds(data, sk_params, nn_params, seed, budget):
    """The k-seed table; its button is off while a setting is invalid (``budget`` None)."""
    st.subheader(t("compare.seeds_title"))
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    k = int(c1.number_input(t("compare.k"), 2, 10, 5, key="cmp_k", bind="query-params", help=t("compare.k_help")))
    sig = (_frozen(sk_params), _frozen(nn_params), k, data["key"])
    seeds = tuple(range(seed, seed + k))
    if c2.button(t("compare.run_seeds"), help=t("compare.run_seeds_help", k=k), key="cmp_run_seeds",
                 disabled=budget is None):
        steps = seed_steps(data, sk_params, nn_params, seeds)
        if k * budget.work <= AUTO_WORK:                  # light: all of it now
            with st.spinner(t("compare.running_seeds", k=k)):
                fits = [step() for step in steps]
            st.session_state[SEEDS] = (sig, seeds_table(seeds, fits))
        else:                                             # heavy: one library and seed per slice
            jobs.start(SEEDS_JOB, (sig, seeds), steps)
    jobs.panel(SEEDS_JOB, "budget.seeds_progress")
    job = jobs.get(SEEDS_JOB)
    if job is not None and job.done:                      # the sliced run has finished: its rows
        done_sig, done_seeds = job.sig
        st.session_state[SEEDS] = (done_sig, seeds_table(done_seeds, job.results))
        st.session_state.pop(jobs.state_key(SEEDS_JOB), None)
    stored = st.session_state.get(SEEDS)
    if not stored:
        st.caption(t("compare.seeds_hint"))
        return None
    if stored[0] != sig:
        st.caption(t("compare.seeds_stale"))
    rows = stored[1]
    summary, table = [], []
    for engine, label in (("sklearn", "scikit-learn"), ("nncore", "nncore")):
        mine = [r for r in rows if r["engine"] == engine]
        acc = np.array([r["test_acc"] for r in mine])
        fit = np.array([r["fit_s"] for r in mine])
        it = np.array([r["n_iter"] for r in mine])
        summary.append(dict(engine=engine, label=label, mean=float(acc.mean()), std=float(acc.std(ddof=1))))
        table.append({t("compare.col_engine"): label,
                      t("compare.col_test_acc"): f"{acc.mean():.1%} ± {acc.std(ddof=1):.1%}",
                      t("compare.col_fit"): f"{fit.mean() * 1000:.0f} ± {fit.std(ddof=1) * 1000:.0f} ms",
                      t("compare.col_iters"): f"{it.mean():.1f} ± {it.std(ddof=1):.1f}",
                      t("compare.col_seeds"): len(mine)})
    c1, c2 = st.columns([3, 2])
    c1.dataframe(table, hide_index=True)
    with c2:
        figures.show(fig_compare.seeds_figure(summary), key="cmp_seeds_fig")
    return rows


@page.guarded
def main():
    page.header(AREA)
    mode = st.segmented_control(t("compare.mode"), ["same", "different"], default="same", key="cmp_mode",
                                bind="query-params", format_func=lambda v: t(f"compare.mode_{v}"),
                                help=t("compare.mode_help")) or "same"
    data = data_controls()
    if data is None:
        page.explain(AREA)
        return
    seed = data["seed"]
    sk_params, nn_params, bad = model_controls(mode, seed)
    budget = None                                         # an invalid setting: nothing trains, the last results stay
    if not bad:
        budget, sk_params, nn_params = budgeted(data, sk_params, nn_params)
        if budget is None:
            page.explain(AREA)
            return
    sig = (_frozen(sk_params), _frozen(nn_params), data["key"], seed)
    stored = st.session_state.get(RESULT)
    clicked = st.button(t("compare.train"), type="primary", key="cmp_train", help=t("compare.train_help"),
                        disabled=budget is None)
    if budget is not None and (clicked or stored is None) and budget.auto:   # light: train now (a link may, on opening)
        with st.spinner(t("compare.training")):
            steps, grid = twin_steps(data, sk_params, nn_params)
            result = twin_result(*(step() for step in steps), grid)
        stored = st.session_state[RESULT] = (sig, result, mode, sk_params, nn_params, data)
    elif clicked:                                         # heavy: only on a click, one library per slice
        steps, grid = twin_steps(data, sk_params, nn_params)
        jobs.start(TWIN_JOB, (sig, mode, sk_params, nn_params, data, grid), steps)
    jobs.panel(TWIN_JOB, "budget.progress")
    job = jobs.get(TWIN_JOB)
    if job is not None and job.done:                      # a sliced run has finished: show it
        done_sig, done_mode, done_sk, done_nn, done_data, grid = job.sig
        stored = st.session_state[RESULT] = (done_sig, twin_result(*job.results, grid), done_mode, done_sk, done_nn,
                                             done_data)
        st.session_state.pop(jobs.state_key(TWIN_JOB), None)
    if stored is None:
        if budget is not None and (job is None or not job.running):
            st.info(t("budget.press_train", work=_bn(budget.work)), icon=":material/play_arrow:")
        page.explain(AREA)
        return
    if stored[0] != sig:
        st.info(t("compare.stale_invalid" if bad else "compare.stale"), icon=":material/refresh:")
    _, result, shown_mode, shown_sk, shown_nn, shown_data = stored   # what was trained, on which data
    show_parity(result, shown_mode, shown_sk, shown_nn)
    show_metrics(result)
    show_pictures(result, shown_data, shown_sk["max_iter"])
    seeds_rows = show_seeds(data, sk_params, nn_params, seed, budget)
    code_sk, code_nn = (shown_sk, shown_nn) if bad else (sk_params, nn_params)   # the current settings, if valid
    with st.expander(t("compare.code_title")):
        st.code(fig_compare.sklearn_code(code_sk, data["desc"]), language="python")
        if code_sk["solver"] != code_nn["solver"]:
            st.caption(t("compare.code_nn_solver", solver=code_nn["solver"]))
    st.download_button(t("compare.download"), fig_compare.results_csv(result, seeds_rows),
                       file_name="nncore_vs_sklearn.csv", mime="text/csv", key="cmp_download",
                       help=t("compare.download_help"), icon=":material/download:")
    page.explain(AREA)
    if shown_mode == "different":
        page.explain(AREA, "explain_different")


main()
