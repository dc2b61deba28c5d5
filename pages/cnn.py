"""CNN: a small convolutional network trained live on 8×8 digits, beside an MLP of the same size;
its kernels, feature maps and mistakes; a convolution explorer; classify your own image."""
import numpy as np
import streamlit as st

from lab import cnn
from ui import fig_cnn, figures, live, page, uploads
from ui.i18n import t
from ui.safe import user_text

AREA = "cnn"
Q = dict(bind="query-params")


@st.cache_data(max_entries=8, show_spinner=False)
def load_split(seed: int):
    """Seeded stratified 70/30 split of the 1,797 digits, NCHW float32 (pure data)."""
    return cnn.page_data(seed)


def controls() -> cnn.CnnConfig:
    c1, c2, c3, c4 = st.columns(4)
    blocks = c1.radio(t("cnn.blocks"), [1, 2], index=1, horizontal=True, key="cnn_blocks",
                      help=t("cnn.blocks_help"), **Q)
    channels = c2.select_slider(t("cnn.channels"), [2, 4, 8, 16], value=8, key="cnn_channels",
                                help=t("cnn.channels_help"), **Q)
    kernel = c3.radio(t("cnn.kernel"), [3, 5], index=0, horizontal=True, format_func=lambda k: f"{k}×{k}",
                      key="cnn_kernel", help=t("cnn.kernel_help"), **Q)
    pool = c4.radio(t("cnn.pool"), ["max", "avg"], index=0, horizontal=True,
                    format_func=lambda p: t(f"cnn.pool_{p}"), key="cnn_pool", help=t("cnn.pool_help"), **Q)
    d1, d2, d3 = st.columns(3)
    epochs = d1.slider(t("cnn.epochs"), 1, 40, 10, key="cnn_epochs", help=t("cnn.epochs_help"), **Q)
    lr = d2.select_slider(t("cnn.lr"), [0.001, 0.003, 0.01, 0.03, 0.1], value=0.01, key="cnn_lr",
                          help=t("cnn.lr_help"), **Q)
    seed = d3.number_input(t("common.seed"), 0, 9999, 0, key="cnn_seed", help=t("common.seed_help"), **Q)
    return cnn.CnnConfig(blocks=int(blocks), channels=int(channels), kernel=int(kernel), pool=str(pool),
                         epochs=int(epochs), lr=float(lr), seed=int(seed))


def _last_accuracy(history):
    return f"{history['val_accuracy'][-1]:.1%}" if history.get("val_accuracy") else "—"


def render(run):
    """Drawn once per tick while training: the score board and the curves (fixed axes)."""
    twin = run.trainer
    cnn_h, mlp_h = twin.cnn_trainer.history, twin.mlp_trainer.history
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("cnn.acc_cnn"), _last_accuracy(cnn_h), help=t("cnn.acc_help"))
    m2.metric(t("cnn.acc_mlp"), _last_accuracy(mlp_h), help=t("cnn.acc_help"))
    m3.metric(t("cnn.params_cnn"), f"{twin.cnn.n_params:,}", help=t("cnn.params_cnn_help"))
    m4.metric(t("cnn.params_mlp"), f"{twin.mlp.n_params:,}",
              help=t("cnn.params_mlp_help", h=twin.mlp.layers[0].out_features))
    target = run.target or run.epochs
    figures.show_svg(live.frame_memo(run, ("curves", target),
                                     lambda: fig_cnn.curves(cnn_h, mlp_h, target, scale=figures.svg_scale())))


def kernels_tab(model):
    left, right = st.columns([3, 2], gap="large")
    with left:
        conv = model.layers[0]
        figures.show_once(fig_cnn.kernels, conv.params["weight"], t("cnn.kernels_title", n=conv.out_channels),
                          key="cnn_kernels")
        st.caption(t("cnn.kernels_caption"))
        if conv.kernel_size[0] % 2:
            st.caption(t("cnn.edges_measured", k=int(cnn.edge_kernels(conv.params["weight"]).sum()),
                         n=conv.out_channels))
    with right:
        figures.show_once(fig_cnn.simple_cell, key="cnn_simple_cell")
        st.markdown(t("cnn.brain_link"))


def feature_tab(model, data):
    _, Xte, _, yte = data
    idx = st.slider(t("cnn.fmap_pick"), 0, len(Xte) - 1, 0, key="cnn_fmap_idx", help=t("cnn.fmap_pick_help"), **Q)
    proba = model.predict_proba(Xte[idx:idx + 1])[0]
    st.markdown(t("cnn.fmap_verdict", true=int(yte[idx]), pred=int(proba.argmax()), p=float(proba.max())))
    figures.show_once(fig_cnn.feature_map_figure, cnn.feature_maps(model, Xte[idx]), key="cnn_fmaps")
    st.caption(t("cnn.fmap_caption"))


def errors_tab(model, data):
    _, Xte, _, yte = data
    pred = model.predict(Xte)
    wrong = np.flatnonzero(pred != yte)
    left, right = st.columns([2, 3], gap="large")
    with left:
        figures.show_once(figures.confusion_matrix, yte, pred, list(range(10)), key="cnn_cm")
    with right:
        st.markdown(t("cnn.wrong_count", n=len(wrong), total=len(yte), acc=float((pred == yte).mean())))
        if len(wrong):
            shown = wrong[:24]
            figures.show_once(fig_cnn.digit_grid, Xte[shown, 0], [f"{yte[i]}→{pred[i]}" for i in shown],
                              key="cnn_wrong")
            st.caption(t("cnn.wrong_caption"))


def explorer_tab(model, data):
    _, Xte, _, yte = data
    presets = list(cnn.PRESETS) + (["learned"] if model is not None else [])
    c1, c2, c3, c4 = st.columns(4)
    preset = c1.selectbox(t("cnn.ex_preset"), presets, format_func=lambda p: t(f"cnn.preset_{p}"),
                          key="cnn_ex_preset", help=t("cnn.ex_preset_help"))
    digit = c2.number_input(t("cnn.ex_digit"), 0, len(Xte) - 1, 0, key="cnn_ex_digit", help=t("cnn.ex_digit_help"))
    stride = c3.radio(t("cnn.ex_stride"), [1, 2], horizontal=True, key="cnn_ex_stride", help=t("cnn.ex_stride_help"))
    padding = c4.radio(t("cnn.ex_padding"), [0, 1, 2], index=1, horizontal=True, key="cnn_ex_padding",
                       help=t("cnn.ex_padding_help"))
    if preset == "learned":
        conv = model.layers[0]
        ch = st.slider(t("cnn.ex_channel"), 0, conv.out_channels - 1, 0, key="cnn_ex_channel",
                       help=t("cnn.ex_channel_help"))
        kernel = conv.params["weight"][ch, 0].astype(float)
    else:
        kernel = cnn.PRESETS[preset]
    k = kernel.shape[0]
    ho = (8 + 2 * padding - k) // stride + 1
    if ho < 1:
        st.warning(t("cnn.ex_no_fit", k=k, p=padding))
        return
    p1, p2 = st.columns(2)
    i = p1.slider(t("cnn.ex_row"), 0, ho - 1, min(3, ho - 1), key="cnn_ex_row", help=t("cnn.ex_pixel_help"))
    j = p2.slider(t("cnn.ex_col"), 0, ho - 1, min(3, ho - 1), key="cnn_ex_col", help=t("cnn.ex_pixel_help"))
    info = cnn.explain_pixel(Xte[int(digit), 0], kernel, stride, padding, i, j)
    figures.show_once(fig_cnn.explorer, info, kernel, key="cnn_explorer")
    st.markdown(t("cnn.ex_formula", h=8, p=padding, k=k, s=stride, o=ho))
    st.markdown(t("cnn.ex_pixel", i=info["i"], j=info["j"], r=stride * info["i"], c=stride * info["j"], k=k,
                  r2=stride * info["i"] + k - 1, c2=stride * info["j"] + k - 1))
    st.code(fig_cnn.arithmetic_text(info), language=None, wrap_lines=True)


def upload_tab(model):
    st.markdown(t("cnn.up_intro"))
    c1, c2 = st.columns([3, 1])
    loader = uploads.image_loader("cnn_upload", t("cnn.up_label"), help=t("cnn.up_help"), where=c1)
    invert = c2.radio(t("cnn.up_invert"), ["auto", True, False], key="cnn_up_invert", help=t("cnn.up_invert_help"),
                      format_func=lambda v: t(f"cnn.up_invert_{str(v).lower()}"))
    in_use = uploads.digit_in_use(loader, invert, t("cnn.up_none"))
    if in_use is None:
        return
    drawing, digit, inverted = in_use
    grey = drawing.grey
    a, b, c = st.columns(3)
    with a:
        st.image(grey, caption=t("cnn.up_original", name=user_text(drawing.name), w=grey.shape[1], h=grey.shape[0]),
                 width=220)
    with b:
        figures.show(fig_cnn.digit_image(digit, t("cnn.up_8x8", inv=t("cnn.up_inverted") if inverted else "")),
                     key="cnn_up_digit")
    with c:
        if model is None:
            st.info(t("cnn.up_train_first"))
        else:
            proba = model.predict_proba(digit[None, None].astype(np.float32))[0]
            st.metric(t("cnn.up_answer"), str(int(proba.argmax())), help=t("cnn.up_answer_help"))
            figures.show(fig_cnn.probabilities(proba), key="cnn_up_probs")


@page.guarded
def main():
    page.header(AREA)
    with st.expander(t("cnn.article_title"), icon=":material/fact_check:"):
        st.markdown(t("cnn.article_body"))
    cfg = controls()
    data = load_split(cfg.seed)
    run = live.live_training("cnn", cfg, lambda: cnn.TwinTrainer(cfg, data), render, epochs=cfg.epochs, learns=True)
    trained = run.trainer is not None and not run.error and run.epoch > 0 and not run.running
    model = run.trainer.cnn if trained else None

    with live.hold(run):   # the tabs run forward passes on the live model: one writer at a time
        tabs = st.tabs([t("cnn.tab_kernels"), t("cnn.tab_fmaps"), t("cnn.tab_errors"), t("cnn.tab_explorer"),
                        t("cnn.tab_upload")])
        for tab, panel in zip(tabs[:3], (kernels_tab, feature_tab, errors_tab)):
            with tab:
                if model is None:
                    st.info(t("cnn.train_first"), icon=":material/play_arrow:")
                else:
                    page.guarded(panel)(*((model,) if panel is kernels_tab else (model, data)))
        with tabs[3]:
            page.guarded(explorer_tab)(model, data)
        with tabs[4]:
            page.guarded(upload_tab)(model)
    page.explain(AREA)


main()
