"""Challenges: can a network be fooled, what does it look at, how much data does it need, and overfitting."""
import streamlit as st

from lab import challenges as ch
from ui import challenges_cache as cc
from ui import fig_challenges as fc
from ui import figures, jobs, lecture, page, uploads
from ui.i18n import t
from ui.scenes import SCENES

AREA = "challenges"
Q = dict(bind="query-params")
VIEWS = ["fooled", "looks", "data", "overfit"]
KINDS = ["cnn", "mlp"]
EPS = cc.EPS
DEFAULT_EPS = 0.1                                             # the tiny_nudge scene's ε
PATCHES = [1, 2, 3]
LOOK_SOURCES = ["test", "own"]
N_TEST = 539                                                  # test digits in the 70/30 split
FOOL_DIGIT, LOOK_DIGIT = cc.FOOL_DIGIT, cc.LOOK_DIGIT
# cached pure computations, shared by every session and warmed when the server starts (ui/challenges_cache.py)
trained, attack, maps, deletion, curve_for_seed = cc.trained, cc.attack, cc.maps, cc.deletion, cc.curve_for_seed


def learning_curve(first_seed: int, repeats: int) -> ch.LearningCurve | None:
    """Seeds first_seed … first_seed + repeats − 1, each computed once per process. The seeds warmed at start-up
    come at once; others train only on a click, one seed per refresh (a link never starts them), else None."""
    seeds = [first_seed + r for r in range(repeats)]
    curves = jobs.results("ch_curves", tuple(seeds), [lambda s=s: curve_for_seed(s) for s in seeds],
                          auto=seeds[-1] < cc.DEFAULT_REPEATS)
    return None if curves is None else ch.LearningCurve.combine(curves)


def models(seed: int) -> ch.TrainedModels | None:
    """The trained networks of ``seed``: seed 0's at once (warmed at start-up), another only on a click."""
    got = jobs.results("ch_models", seed, [lambda: trained(seed)], auto=seed == 0)
    return None if got is None else got[0]


# -- controls ---------------------------------------------------------------------------------------------
def model_controls():
    """Which trained network, and its seed (the seed is locked in presenter view)."""
    c1, c2 = st.columns([2, 1])
    kind = c1.radio(t("challenges.model"), KINDS, horizontal=True, format_func=fc.model_name, key="ch_model",
                    help=t("challenges.model_help"), **Q)
    seed = c2.number_input(t("common.seed"), 0, 9999, 0, key="ch_seed", help=t("challenges.seed_help"),
                           disabled=lecture.presenter(), **Q)
    return kind, int(seed)


def pick_digit(key, default):
    return int(st.number_input(t("challenges.digit"), 0, N_TEST - 1, default, key=key,
                               help=t("challenges.digit_help"), **Q))


# -- views --------------------------------------------------------------------------------------------------
def view_fooled():
    st.markdown(t("challenges.fool_lead"))
    kind, seed = model_controls()
    c1, c2, c3 = st.columns([3, 1, 1])
    eps = c1.select_slider(t("challenges.eps"), EPS, value=DEFAULT_EPS, key="ch_eps", help=t("challenges.eps_help"),
                           format_func=lambda e: f"{e:.3g}", **Q)
    how = c2.radio(t("challenges.attack"), ["fgsm", "noise"], key="ch_attack", help=t("challenges.attack_help"),
                   format_func=lambda a: t(f"challenges.attack_{a}"), **Q)
    with c3:
        index = pick_digit("ch_fool_digit", FOOL_DIGIT)
    tm = models(seed)
    if tm is None:
        return page.explain(AREA, "explain_fooled")
    result = attack(seed, kind)
    example = ch.fooled_example(tm, result, kind, index, eps, attack=how)
    left, right = st.columns([3, 2], gap="large")
    with left:
        figures.show(fc.fooled_row(example, eps, scale=figures.svg_scale()), key="ch_fool_row")
        verdict = "fool_same" if example["pred_adv"] == example["pred"] else "fool_flipped"
        st.markdown(t(f"challenges.{verdict}", label=example["label"], pred=example["pred"],
                      pred_adv=example["pred_adv"], conf_adv=example["conf_adv"]))
        st.caption(t("challenges.fool_caption"))
    with right:
        m1, m2, m3 = st.columns(3)
        m1.metric(t("challenges.acc_clean"), f"{result.acc_clean:.1%}")
        m2.metric(t("challenges.acc_fgsm", eps=eps), f"{result.acc_fgsm[eps]:.1%}")
        m3.metric(t("challenges.acc_noise", eps=eps), f"{result.acc_noise[eps]:.1%}")
        figures.show(fc.accuracy_vs_eps(result, eps, scale=figures.svg_scale()), key="ch_eps_curve")
        st.caption(t("challenges.eps_caption", n=N_TEST))
    st.markdown(t("challenges.people_fooled"))
    page.explain(AREA, "explain_fooled")


def own_digit():
    """A student's own drawing: the uploader, the ink colour and the class to explain. (8×8 digit, class or
    None for the network's answer), or None with a message in the page (no file yet, or a file refused).
    A refused file is named in its message and leaves the last good drawing in use."""
    loader = uploads.image_loader("ch_upload", t("challenges.own_upload"), help=t("cnn.up_help"))
    a, b = st.columns(2)
    invert = a.radio(t("cnn.up_invert"), ["auto", True, False], key="ch_up_invert", help=t("cnn.up_invert_help"),
                     format_func=lambda v: t(f"cnn.up_invert_{str(v).lower()}"))
    which = b.selectbox(t("challenges.own_class"), [None, *range(10)], key="ch_own_class",
                        format_func=lambda v: t("challenges.own_class_answer") if v is None else str(v),
                        help=t("challenges.own_class_help"))
    in_use = uploads.digit_in_use(loader, invert, t("challenges.own_none"))
    return None if in_use is None else (in_use[1], which)


def view_looks():
    st.markdown(t("challenges.looks_lead"))
    kind, seed = model_controls()
    source = st.radio(t("challenges.look_source"), LOOK_SOURCES, horizontal=True, key="ch_look_source",
                      format_func=lambda s: t(f"challenges.look_source_{s}"), help=t("challenges.look_source_help"),
                      **Q)
    c1, c2 = st.columns([1, 1])
    patch = c2.radio(t("challenges.patch"), PATCHES, index=PATCHES.index(cc.DEFAULT_PATCH), horizontal=True,
                     key="ch_patch",
                     format_func=lambda p: f"{p}×{p}", help=t("challenges.patch_help"), **Q)
    with c1:
        own = own_digit() if source == "own" else None
        index = pick_digit("ch_look_digit", LOOK_DIGIT) if source != "own" else None
    if models(seed) is None or (source == "own" and own is None):
        return page.explain(AREA, "explain_looks")
    if own is not None:
        m = ch.saliency_of(own[0][None], None if own[1] is None else [own[1]],
                           ch.SaliencyConfig(kind=kind, patch=int(patch)), trained(seed))
        verdict = t("challenges.own_verdict", label=int(m.labels[0]), pred=int(m.predicted[0]),
                    conf=float(m.confidence[0]), model=fc.model_name(kind))
    else:
        m = maps(seed, kind, index, int(patch))
        verdict = t("challenges.looks_verdict", label=int(m.labels[0]), pred=int(m.predicted[0]),
                    conf=float(m.confidence[0]), model=fc.model_name(kind))
    own_title = None if own is None else ("answer" if own[1] is None else "class")
    figures.show(fc.saliency_row(m, scale=figures.svg_scale(), own=own_title), key="ch_maps")
    st.markdown(verdict)
    check = deletion(seed, kind)
    c1, c2, c3 = st.columns(3)
    c1.metric(t("challenges.agreement"), f"{m.agreement[0]:+.2f}", help=t("challenges.agreement_help"))
    c2.metric(t("challenges.untrained_r"), f"{m.untrained_similarity[0]:+.2f}", help=t("challenges.untrained_help"))
    c3.metric(t("challenges.deletion", k=check.k), t("challenges.pp", pts=100 * check.drop_salient),
              delta=t("challenges.deletion_random", k=check.k, pts=100 * check.drop_random), delta_color="off",
              delta_arrow="off",
              help=t("challenges.deletion_help", k=check.k, n=check.n_digits))
    c3.caption(t("challenges.deletion_scope", n=check.n_digits))    # the other two are this digit's
    st.markdown(t("challenges.looks_reading"))
    page.explain(AREA, "explain_looks")


def curve_controls():
    c1, c2 = st.columns([1, 2])
    seed = c1.number_input(t("common.seed"), 0, 9999, 0, key="ch_lc_seed", help=t("challenges.lc_seed_help"),
                           disabled=lecture.presenter(), **Q)
    repeats = c2.slider(t("challenges.repeats"), 1, 6, cc.DEFAULT_REPEATS, key="ch_repeats",
                        help=t("challenges.repeats_help"), **Q)
    return int(seed), int(repeats)


def view_data():
    st.markdown(t("challenges.data_lead"))
    seed, repeats = curve_controls()
    lc = learning_curve(seed, repeats)
    if lc is None:
        return page.explain(AREA, "explain_data")
    left, right = st.columns([3, 2], gap="large")
    with left:
        figures.show(fc.learning_curve(lc, ch.MODELS), key="ch_lc")
        st.caption(t("challenges.lc_caption", seeds=", ".join(map(str, lc.seeds))))
    with right:
        st.markdown(f"**{t('challenges.worth_title')}**")
        gain = lc.gain_per_example("cnn")
        rows = [t("challenges.worth_row", a=int(a), b=int(b), pts=100 * g)
                for a, b, g in zip(lc.sizes[:-1], lc.sizes[1:], gain)]
        st.markdown("\n".join(rows))
        st.caption(t("challenges.worth_caption"))
        st.markdown(f"**{t('challenges.people_title')}**")
        st.markdown(t("challenges.people_body"))
    page.explain(AREA, "explain_data")


def view_overfit():
    st.markdown(t("challenges.overfit_lead"))
    seed, repeats = curve_controls()
    kind = st.radio(t("challenges.gap_model"), list(ch.MODELS), horizontal=True, format_func=fc.model_name,
                    key="ch_gap_model", help=t("challenges.gap_model_help"), **Q)
    lc = learning_curve(seed, repeats)
    if lc is None:
        return page.explain(AREA, "explain_overfit")
    left, right = st.columns([3, 2], gap="large")
    with left:
        figures.show(fc.overfitting_gap(lc, [kind]), key="ch_gap")
    with right:
        gap = lc.mean_gap(kind)
        st.markdown(t("challenges.gap_numbers", small=int(lc.sizes[0]), pts_small=100 * gap[0],
                      large=int(lc.sizes[-1]), pts_large=100 * gap[-1]))
        scene = next(s for s in SCENES if s.id == "overfit")
        lecture.page_link(f"pages/{scene.page}", t("challenges.playground_link"), ":material/scatter_plot:",
                          scene.query())
        st.caption(t("challenges.playground_link_caption"))
    page.explain(AREA, "explain_overfit")


def errata():
    st.subheader(t("challenges.errata_title"))
    shown = lecture.reveal("challenges_errata")
    for i in range(1, 4):
        with st.container(border=True):
            c1, c2 = st.columns(2)
            c1.markdown(f"**{t('challenges.says')}**  \n{t(f'challenges.claim{i}.says')}")
            if shown:
                c2.markdown(f"**{t('challenges.actually')}**  \n{t(f'challenges.claim{i}.actually')}")
            else:
                c2.caption(t("lecture.hidden"))


@page.guarded
def main():
    page.header(AREA)
    view = st.segmented_control(t("challenges.view"), VIEWS, default="fooled", required=True, key="ch_view",
                                format_func=lambda v: t(f"challenges.view_{v}"), help=t("challenges.view_help"), **Q)
    page.guarded({"fooled": view_fooled, "looks": view_looks, "data": view_data,
                  "overfit": view_overfit}[view or "fooled"])()
    st.divider()
    page.guarded(errata)()


main()
