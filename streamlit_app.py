"""Entry point: page config, navigation over pages/ in sections, the sidebar. It only routes."""
import streamlit as st

# Importing ui first imports every heavy module once per process while other runs wait: runs that
# imported them side by side broke on half-initialised modules (see ui/warm.py).
from ui import theme  # noqa: F401  (registers the Plotly template)
from ui.i18n import has, t
from ui.lecture import sidebar_controls
from ui.nav import ROOT, existing_pages
from ui.page import gate, mark_shell, session_age_key
from ui.url_params import show_notes

# The whole run takes its turn at the process's run gate (ui/page.py RunGate): a crowded hall is served
# oldest session first instead of every run sharing the interpreter at once.
with gate(session_age_key()):
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
    url_notes = st.empty()   # above the page: what its link asked for that the controls could not take
    page.run()
    show_notes(url_notes)    # reached when the page ran to its end, every widget registered
