"""MLP Playground: a TensorFlow-Playground-class page — live training on 2-D data, and beyond it."""
from dataclasses import replace

import numpy as np
import streamlit as st

from lab.playground import FEATURES, Playground, PlaygroundConfig, PlaygroundData, grid
from lab.playground import SCENES as SCENE_CONFIGS
from nncore.datasets import make_2d
from nncore.layers import ACTIVATION_NAMES
from nncore.metrics import confusion_matrix
from ui import fig_mlp, figures, lecture, page, uploads
from ui.i18n import t
from ui.live import frame_memo, get_run, hold, live_training
from ui.safe import user_text

AREA = "mlp"
LIVE_KEY = "mlp_live"
CSV_KEY = "mlp_csv"
DATASETS = ["circles", "xor", "gaussians", "spiral", "moons", "blobs", "random_labels", "plane", "bump"]
LRS = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
BATCHES = [1, 2, 5, 10, 20, 50, 100, 200, 500]
EPOCHS = [20, 50, 100, 200, 300, 500, 1000]
CLIPS = ["off", "1", "5"]
MAX_LAYERS, MAX_UNITS = 6, 64
GRID_N = 100

# Units offered for a layer added with "+", after the scene's own layers (the default is 4).
SPARE_UNITS = {"spiral": (16, 16)}


def preset(scene):
    """The widget defaults for ``scene``: its lab config (lab.playground.SCENES, which the claims check)."""
    cfg = SCENE_CONFIGS.get(scene, SCENE_CONFIGS["playground"])
    units = (list(cfg.hidden) + list(SPARE_UNITS.get(scene, ())) + [4] * MAX_LAYERS)[:MAX_LAYERS]
    acts = (list(cfg.activations) + [cfg.activations[-1] if cfg.activations else "tanh"] * MAX_LAYERS)[:MAX_LAYERS]
    return dict(data=cfg.data, n=cfg.n, noise=cfg.noise, test=cfg.test_fraction, seed=cfg.seed,
                features=list(cfg.features), layers=len(cfg.hidden), units=units, acts=acts, loss=cfg.loss,
                opt=cfg.optimizer, lr=cfg.lr, reg="l1" if cfg.l1 else "l2" if cfg.l2 else "none",
                rate=cfg.l1 or cfg.l2 or 0.001, dropout=cfg.dropout, batch=cfg.batch_size,
                clip="off" if cfg.clip_norm is None else f"{cfg.clip_norm:g}", epochs=cfg.epochs)


def widget_values(p):
    """The preset as {widget key: value}."""
    vals = {"mlp_data": p["data"], "mlp_n": p["n"], "mlp_noise": p["noise"], "mlp_test": p["test"],
            "mlp_seed": p["seed"], "mlp_features": list(p["features"]), "mlp_layers": p["layers"],
            "mlp_loss": p["loss"], "mlp_opt": p["opt"], "mlp_lr": p["lr"], "mlp_reg": p["reg"],
            "mlp_rate": p["rate"], "mlp_dropout": p["dropout"], "mlp_batch": p["batch"], "mlp_clip": p["clip"],
            "mlp_epochs": p["epochs"]}
    for i in range(MAX_LAYERS):
        vals[f"mlp_units_{i}"] = p["units"][i]
        vals[f"mlp_act_{i}"] = p["acts"][i]
    return vals


@page.callback
def apply_scene():
    """Scene picked: set every control to the scene's value (the URL follows)."""
    for k, v in widget_values(preset(st.session_state.get("mlp_scene", "playground"))).items():
        st.session_state[k] = v


@page.callback
def regenerate():
    st.session_state["mlp_seed"] = int(st.session_state.get("mlp_seed", 0)) + 1


def use_csv(_table):
    st.session_state["mlp_data"] = "csv"


@st.cache_data(max_entries=32, show_spinner=False)
def builtin_data(name, n, noise, seed):
    return make_2d(name, n_samples=n, noise=noise, seed=seed)


def controls(p, simple) -> PlaygroundConfig:
    """All the controls; returns the settings."""
    s = {}
    with st.container(border=True):
        st.markdown(f"**{t('mlp.data_box')}**")
        options = DATASETS + (["csv"] if uploads.accepted(CSV_KEY) is not None else [])
        if st.session_state.get("mlp_data") == "csv" and "csv" not in options:
            st.session_state["mlp_data"] = p["data"] if p["data"] in DATASETS else "circles"
        s["data"] = st.selectbox(t("mlp.data"), options, index=options.index(p["data"]) if p["data"] in options else 0,
                                 format_func=lambda v: t(f"mlp.ds.{v}"), key="mlp_data", bind="query-params",
                                 help=t("mlp.data_help"))
        is_csv = s["data"] == "csv"
        c1, c2 = st.columns(2)
        s["n"] = c1.slider(t("mlp.n"), 20, 1000, p["n"], step=10, key="mlp_n", bind="query-params",
                           help=t("mlp.n_help"), disabled=is_csv)
        s["noise"] = c2.slider(t("mlp.noise"), 0.0, 0.5, p["noise"], step=0.05, key="mlp_noise",
                               bind="query-params", help=t("mlp.noise_help"), disabled=is_csv)
        if is_csv:
            st.caption(t("mlp.csv_only"))

    with st.container(border=True):
        st.markdown(f"**{t('mlp.inputs_box')}**")
        feats = st.pills(t("mlp.features"), list(FEATURES), selection_mode="multi", default=p["features"],
                         format_func=lambda v: t(f"mlp.feat.{v}"), key="mlp_features", bind="query-params",
                         help=t("mlp.features_help"))
        s["features"] = [f for f in FEATURES if f in (feats or [])]

    with st.container(border=True):
        st.markdown(f"**{t('mlp.net_box')}**")
        n_layers = st.number_input(t("mlp.layers"), 0, MAX_LAYERS, p["layers"], step=1, key="mlp_layers",
                                   bind="query-params", help=t("mlp.layers_help"))
        hidden, acts = [], []
        for i in range(int(n_layers)):
            c1, c2 = st.columns(2)
            hidden.append(int(c1.number_input(t("mlp.units", i=i + 1), 1, MAX_UNITS, p["units"][i], step=1,
                                              key=f"mlp_units_{i}", bind="query-params", persist_state="page",
                                              help=t("mlp.units_help"))))
            acts.append(c2.selectbox(t("mlp.act", i=i + 1), ACTIVATION_NAMES,
                                     index=ACTIVATION_NAMES.index(p["acts"][i]),
                                     format_func=lambda v: t(f"mlp.act.{v}"), key=f"mlp_act_{i}",
                                     bind="query-params", persist_state="page", help=t("mlp.act_help")))
        s["hidden"], s["acts"] = hidden, acts
        s["lr"] = st.select_slider(t("mlp.lr"), LRS, p["lr"], key="mlp_lr", bind="query-params",
                                   help=t("mlp.lr_help"), format_func=lambda v: f"{v:g}")

    label = t("mlp.advanced_locked") if simple else t("mlp.advanced")
    with st.expander(label, expanded=not simple, icon=":material/tune:"):
        c1, c2 = st.columns(2)
        s["test"] = c1.slider(t("mlp.test"), 0.1, 0.9, p["test"], step=0.1, key="mlp_test", bind="query-params",
                              help=t("mlp.test_help"), disabled=simple)
        s["seed"] = int(c2.number_input(t("common.seed"), 0, 9999, p["seed"], key="mlp_seed", bind="query-params",
                                        help=t("mlp.seed_help"), disabled=simple))
        st.button(t("mlp.regenerate"), on_click=regenerate, help=t("mlp.regenerate_help"), disabled=simple,
                  icon=":material/casino:", key="mlp_regen")
        c1, c2 = st.columns(2)
        losses, opts = ["cross_entropy", "mse"], ["sgd", "momentum", "adam"]
        s["loss"] = c1.selectbox(t("mlp.loss"), losses, index=losses.index(p["loss"]),
                                 format_func=lambda v: t(f"mlp.loss.{v}"), key="mlp_loss", bind="query-params",
                                 help=t("mlp.loss_help"), disabled=simple)
        s["opt"] = c2.selectbox(t("mlp.opt"), opts, index=opts.index(p["opt"]),
                                format_func=lambda v: t(f"mlp.opt.{v}"), key="mlp_opt", bind="query-params",
                                help=t("mlp.opt_help"), disabled=simple)
        c1, c2 = st.columns(2)
        s["reg"] = c1.selectbox(t("mlp.reg"), ["none", "l1", "l2"], index=["none", "l1", "l2"].index(p["reg"]),
                                format_func=lambda v: t(f"mlp.reg.{v}"), key="mlp_reg", bind="query-params",
                                help=t("mlp.reg_help"), disabled=simple)
        s["rate"] = c2.select_slider(t("mlp.rate"), RATES, p["rate"], key="mlp_rate", bind="query-params",
                                     help=t("mlp.rate_help"), format_func=lambda v: f"{v:g}",
                                     disabled=simple or s["reg"] == "none")
        c1, c2 = st.columns(2)
        s["dropout"] = c1.slider(t("mlp.dropout"), 0.0, 0.5, p["dropout"], step=0.05, key="mlp_dropout",
                                 bind="query-params", help=t("mlp.dropout_help"), disabled=simple)
        s["batch"] = c2.select_slider(t("mlp.batch"), BATCHES, p["batch"], key="mlp_batch", bind="query-params",
                                      help=t("mlp.batch_help"), disabled=simple)
        c1, c2 = st.columns(2)
        s["clip"] = c1.selectbox(t("mlp.clip"), CLIPS, index=CLIPS.index(p["clip"]), key="mlp_clip",
                                 bind="query-params", format_func=lambda v: t("mlp.clip.off") if v == "off" else v,
                                 help=t("mlp.clip_help"), disabled=simple)
        s["epochs"] = c2.select_slider(t("mlp.epochs"), EPOCHS, p["epochs"], key="mlp_epochs", bind="query-params",
                                       help=t("mlp.epochs_help"), disabled=simple)
        st.markdown(f"**{t('mlp.csv_box')}**")
        uploads.csv_loader(CSV_KEY, uploads.PLAYGROUND, label=t("mlp.csv.upload"), on_accept=use_csv,
                           help=t("mlp.csv.upload_help", rows=uploads.PLAYGROUND.max_rows), disabled=simple)
    return PlaygroundConfig(data=s["data"], n=int(s["n"]), noise=float(s["noise"]), test_fraction=float(s["test"]),
                            seed=s["seed"], features=tuple(s["features"]), hidden=tuple(s["hidden"]),
                            activations=tuple(s["acts"]), loss=s["loss"], optimizer=s["opt"], lr=float(s["lr"]),
                            l1=float(s["rate"]) if s["reg"] == "l1" else 0.0,
                            l2=float(s["rate"]) if s["reg"] == "l2" else 0.0, dropout=float(s["dropout"]),
                            batch_size=int(s["batch"]), clip_norm=None if s["clip"] == "off" else float(s["clip"]),
                            epochs=int(s["epochs"]))


def load_data(cfg: PlaygroundConfig) -> PlaygroundData:
    """The split data for the settings: the accepted CSV, or a built-in set (cached)."""
    if cfg.data == "csv":
        d = uploads.accepted(CSV_KEY)
        return PlaygroundData.split(d.X, d.y, task=d.task, classes=d.classes, test_fraction=cfg.test_fraction,
                                    seed=cfg.seed, signature=("csv", d.digest, tuple(d.features), d.target, d.task),
                                    axis_titles=tuple(d.features), source=d.name, target=d.target)
    return PlaygroundData.builtin(cfg, *builtin_data(cfg.data, cfg.n, cfg.noise, cfg.seed))


def metric_row(run, task, chance):
    h = run.trainer.history
    last = {k: (v[-1] if len(v) else None) for k, v in h.items()}
    fmt = (lambda v: "—" if v is None else f"{v:.1%}") if task == "classification" else \
          (lambda v: "—" if v is None else f"{v:.3f}")
    # four to a row (the epoch is in the progress line above): five cut "Training accuracy" and "100.0%"
    # at 1280×720, and more so in presenter view's large type
    cols = st.columns(4)
    cols[0].metric(t("mlp.m.train_loss"), "—" if last.get("loss") is None else f"{last['loss']:.3f}",
                   help=t("mlp.m.loss_help"))
    cols[1].metric(t("mlp.m.test_loss"), "—" if last.get("val_loss") is None else f"{last['val_loss']:.3f}",
                   help=t("mlp.m.loss_help"))
    if task == "classification":
        cols[2].metric(t("mlp.m.train_acc"), fmt(last.get("score")), help=t("mlp.m.acc_help", p=chance))
        cols[3].metric(t("mlp.m.test_acc"), fmt(last.get("val_score")), help=t("mlp.m.acc_help", p=chance))
    else:
        cols[2].metric(t("mlp.m.train_r2"), fmt(last.get("score")), help=t("mlp.m.r2_help"))
        cols[3].metric(t("mlp.m.test_r2"), fmt(last.get("val_score")), help=t("mlp.m.r2_help"))


def make_renderers(data: PlaygroundData, cfg: PlaygroundConfig, show_test: bool, discretize: bool):
    """(fast, slow) render functions for the live panel: fast ones on every refresh, slow ones every 2 s."""
    Xtr, Xte, ytr, yte = data.X_train, data.X_test, data.y_train, data.y_test
    task, classes = data.task, list(data.classes)
    titles = [user_text(x) for x in data.axis_titles]     # a CSV's headers, shown in Markdown captions
    n_grid = cfg.grid_size()
    xs, ys, points = grid(*data.box(), n=n_grid)
    chance = data.chance()
    y_all = np.concatenate([ytr, yte]).astype(float)
    value_range = (float(y_all.min()), float(y_all.max())) if task == "regression" else None
    in_labels = [t(f"mlp.feat.{f}") for f in cfg.features]
    out_labels = classes if task == "classification" else ["ŷ"]
    names = (t("common.train"), t("common.test"))
    named = task == "classification" and classes != [str(i) for i in range(len(classes))]
    pairs = ", ".join(f"{i} = {user_text(c)}" for i, c in enumerate(classes))
    legend = " " + t("mlp.classes_legend", legend=pairs) if named else ""
    cache = {}

    def surface(run):
        out, hidden = run.trainer.output(points, hidden=True)
        cache.update(epoch=run.epoch, hidden=hidden)
        img = fig_mlp.decision_image(xs, ys, out, (Xtr, ytr), (Xte, yte), task=task, classes=classes,
                                     show_test=show_test, discretize=discretize, value_range=value_range)
        return figures.data_url(fig_mlp.image_bytes(img))

    def fast(run):
        # each drawing is kept with a recorded frame (live.frame_memo): sessions replaying it draw nothing
        metric_row(run, task, chance or 0.0)
        left, right = st.columns([1.2, 1], gap="medium")
        with left:
            st.markdown(f"**{t('mlp.surface_title')}**")
            st.image(frame_memo(run, ("surface", show_test, discretize), lambda: surface(run)), width="stretch")
            st.caption(t("mlp.surface_caption" if task == "classification" else "mlp.surface_caption_reg",
                         x=titles[0], y=titles[1]) + legend)
        with right:
            h = run.trainer.history
            scale = figures.svg_scale()
            st.markdown(f"**{t('mlp.curves_title')}**")
            figures.show_svg(frame_memo(run, ("loss", run.target), lambda: fig_mlp.curves_svg(
                h, run.target, ("loss", "val_loss"), (0, fig_mlp.loss_ceiling(h)), t("common.loss"), names,
                scale=scale)))
            st.markdown(f"**{t('mlp.score_title' if task == 'classification' else 'mlp.score_title_reg')}**")
            figures.show_svg(frame_memo(run, ("score", run.target), lambda: fig_mlp.curves_svg(
                h, run.target, ("score", "val_score"), (0, 1) if task == "classification" else (-1, 1),
                t("mlp.fig.accuracy" if task == "classification" else "mlp.fig.r2"), names, chance=chance,
                percent=task == "classification", scale=scale)))

    def unit_maps(run):
        """[(units, image URL)] per hidden layer: what each unit computes over the plane."""
        hidden = cache.get("hidden")
        if hidden is None or cache.get("epoch") != run.epoch:
            hidden = run.trainer.output(points, hidden=True)[1]
        return [(h.shape[1], figures.data_url(fig_mlp.image_bytes(img)))
                for h, img in zip(hidden, fig_mlp.unit_map_images(hidden, n_grid))]

    def slow(run):
        playground = run.trainer
        c1, c2 = st.columns([1.4, 1], gap="medium")
        with c1:
            st.markdown(f"**{t('mlp.net_title')}**")
            weights = [layer.params["weight"] for layer in playground.model.layers if "weight" in layer.params]
            figures.show_svg(frame_memo(run, ("net",), lambda: fig_mlp.network_svg(
                weights, in_labels, out_labels, scale=figures.svg_scale())))
            n_weights = sum(w.size for w in weights)
            st.caption(t("mlp.net_caption") + (" " + t("mlp.net_top", n=fig_mlp.MAX_EDGES, total=n_weights)
                                               if n_weights > fig_mlp.MAX_EDGES else ""))
        with c2:
            st.markdown(f"**{t('mlp.cm_title')}**")
            if task == "classification":
                figures.show_svg(frame_memo(run, ("cm",), lambda: fig_mlp.confusion_svg(
                    confusion_matrix(yte, playground.predict(Xte), len(classes)), classes,
                    scale=figures.svg_scale())))
            else:
                st.caption(t("mlp.cm_empty"))
        st.markdown(f"**{t('mlp.units_title')}**")
        if not cfg.hidden:
            st.caption(t("mlp.units_none"))
            return
        for i, (width, url) in enumerate(frame_memo(run, ("units",), lambda: unit_maps(run))):
            st.caption(t("mlp.layer_name", i=i + 1) + f" — {width}")
            st.image(url)
        st.caption(t("mlp.units_caption"))

    return fast, slow


def exports(cfg: PlaygroundConfig, data: PlaygroundData):
    run = get_run(LIVE_KEY)
    if run is None or run.trainer is None:
        return
    epochs = max(run.epoch, 1) if run.epoch else cfg.epochs
    trainer = run.trainer

    def model_file():           # called when the button is pressed, maybe beside a training slice
        with hold(run):
            return fig_mlp.model_npz(trainer.model)

    with st.expander(t("mlp.export"), icon=":material/download:"):
        c1, c2 = st.columns(2)
        c1.download_button(t("mlp.export_model"), data=model_file,
                           file_name="mlp_playground_model.npz", mime="application/octet-stream",
                           help=t("mlp.export_model_help"), icon=":material/neurology:", key="mlp_dl_model")
        c2.download_button(t("mlp.export_history"), data=lambda: fig_mlp.history_csv(trainer.history),
                           file_name="mlp_playground_history.csv", mime="text/csv",
                           help=t("mlp.export_history_help"), icon=":material/table:", key="mlp_dl_history")
        st.caption(t("mlp.export_note", epochs=epochs))
        tab1, tab2 = st.tabs([t("mlp.export_code_nncore"), t("mlp.export_code_sklearn")])
        tab1.code(fig_mlp.code_nncore(cfg, data, epochs), language="python")
        tab2.code(fig_mlp.code_sklearn(cfg, data, epochs), language="python")


@page.guarded
def main():
    page.header(AREA)
    top = st.columns([2, 1.7, 4], vertical_alignment="center")   # "Classroom" whole in presenter view
    scene = top[0].selectbox(t("mlp.scene"), list(SCENE_CONFIGS), format_func=lambda v: t(f"mlp.scene.{v}"),
                             key="mlp_scene", bind="query-params", on_change=apply_scene, help=t("mlp.scene_help"))
    simple = top[1].toggle(t("mlp.simple"), key="mlp_simple", bind="query-params", help=t("mlp.simple_help"))
    simple = simple or lecture.presenter()
    top[2].info(t(f"mlp.story.{scene}"), icon=":material/school:")
    p = preset(scene)

    left, right = st.columns([1, 2.5], gap="medium")
    with left:
        cfg = controls(p, simple)
    with right:
        if cfg.data == "csv" and uploads.accepted(CSV_KEY) is None:
            st.warning(t("mlp.no_csv"))
            cfg = replace(cfg, data="circles")
        if not cfg.features:
            st.warning(t("mlp.no_features"))
            return
        data = load_data(cfg)
        if data.task == "regression":
            st.caption(t("mlp.loss_regression"))
        v1, v2, v3 = st.columns([1, 1.3, 0.8], vertical_alignment="center")    # "Discretize output" whole
        show_test = v1.toggle(t("mlp.show_test"), value=True, key="mlp_show_test", bind="query-params",
                              help=t("mlp.show_test_help"))
        discretize = v2.toggle(t("mlp.discretize"), value=False, key="mlp_discrete", bind="query-params",
                               help=t("mlp.discretize_help"))
        fast, slow = make_renderers(data, cfg, show_test, discretize)
        run = live_training(LIVE_KEY, (data.signature, cfg), lambda: Playground(cfg, data), fast, epochs=cfg.epochs,
                            diverged_hint=t("mlp.diverged_hint"), render_slow=slow, slow_tick=2.0,
                            page_follows=lambda r: r.epoch or cfg.epochs)    # all exports() shows of the run
        if run.trainer is not None:
            v3.caption(t("mlp.n_params", n=f"{run.trainer.model.n_params:,}"))
        exports(cfg, data)
    with st.expander(t("common.what_is_going_on")):
        st.markdown(t("mlp.explain") + t(f"mlp.explain_scene.{scene}"))


main()
