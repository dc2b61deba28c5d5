"""Home: what the lab is, how to read a page, and the source article's example run for real."""
import numpy as np
import streamlit as st

from lab.article import article_keras_example
from ui import figures, lecture, page
from ui.i18n import t
from ui.nav import PAGES, existing_pages
from ui.scenes import available


@st.cache_data(max_entries=8, show_spinner=False)
def run_article_example(seed: int) -> dict:
    result = article_keras_example(seed=seed)
    result["loss"] = list(result.pop("history")["loss"])
    result.pop("model")
    return result


@page.guarded
def main():
    page.header("home")
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("home.how_to_read"))
        st.markdown(t("home.how_to_read_body"))
    with right:
        st.subheader(t("home.pages"))
        st.markdown(t("home.page_list"))
        st.caption(t("home.available", pages=", ".join(t(row[2]) for row in existing_pages())))

    scenes_list()
    st.divider()
    st.subheader(t("home.article_title"))
    st.markdown(t("home.article_intro"))
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    seed = c1.number_input(t("common.seed"), 0, 9999, 0, key="home_seed", help=t("home.article_seed_help"),
                           bind="query-params")
    if c2.button(t("home.article_run"), help=t("home.article_run_help"), type="primary") or \
            st.session_state.get("home_article_seed") == seed:
        st.session_state["home_article_seed"] = seed
        result = run_article_example(int(seed))
        m1, m2, m3, m4 = st.columns(4)
        m1.metric(t("home.train_acc"), f"{result['train_accuracy']:.1%}")
        m2.metric(t("home.test_acc"), f"{result['test_accuracy']:.1%}",
                  help=t("home.test_acc_help", maj=result["majority_rate"]))
        m3.metric(t("home.pred"), f"{result['prediction']:.3f}", help=t("home.pred_help"))
        m4.metric(t("home.final_loss"), f"{result['loss'][-1]:.3f}", help=t("home.final_loss_help"))
        fig = figures.loss_curves({"loss": result["loss"]}, max_epochs=len(result["loss"]), y_max=0.8,
                                  title=t("home.loss_chart"))
        fig.add_hline(y=float(np.log(2)), line=dict(dash="dot", color="#666"), annotation_text="log 2")
        figures.show(fig)
        if lecture.reveal("home_lesson"):
            st.info(t("home.article_lesson"))
        else:
            st.caption(t("lecture.hidden"))
    page.explain("home")


def scenes_list():
    """Every scene in lecture order, as a link that opens its page in that exact state."""
    rows = existing_pages()
    scenes = available({r[1] for r in rows})
    if not scenes:
        return
    st.divider()
    st.subheader(t("lecture.scenes"))
    st.caption(t("lecture.scenes_intro"))
    by_file = {r[1]: r for r in PAGES}
    for i, scene in enumerate(scenes):
        if i % 2 == 0:
            cols = st.columns(2)  # row by row, so reading order is lecture order
        with cols[i % 2]:
            lecture.page_link(f"pages/{scene.page}", f"{i + 1}. {scene.title}", by_file[scene.page][3], scene.query())
            st.caption(scene.what)


main()
