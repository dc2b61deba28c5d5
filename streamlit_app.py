"""Entry point: page config, navigation over pages/ in sections, the sidebar. It only routes."""
import importlib
import threading

import streamlit as st

from ui import theme  # noqa: F401  (registers the Plotly template)
from ui.blas import limit_blas_threads
from ui.i18n import has, t
from ui.lecture import sidebar_controls
from ui.nav import ROOT, existing_pages
from ui.page import mark_shell

# Before the background import below starts: see ui/blas.py for why this runs once per process.
limit_blas_threads()



@st.cache_resource
def _preload():
    """Import scikit-learn (≈ 2 s) in the background once per server, before a student opens the
    comparison page; a shared resource, but only code — no per-user data."""
    thread = threading.Thread(target=importlib.import_module, args=("sklearn.neural_network",), daemon=True)
    thread.start()
    return thread


_preload()

st.set_page_config(page_title="Brain & ANN Lab", page_icon=":material/neurology:", layout="wide")
mark_shell()
sidebar_controls()  # language and presenter view come first: every title below follows them

sections: dict[str, list] = {}
for section, file, title_key, icon, url in existing_pages():
    sections.setdefault(t(section), []).append(
        st.Page(str(ROOT / "pages" / file), title=t(title_key) if has(title_key) else url, icon=icon, url_path=url,
                default=(file == "home.py")))

page = st.navigation(sections)
with st.sidebar:
    st.caption(t("sidebar.about"))
page.run()
