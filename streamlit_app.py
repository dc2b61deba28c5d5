"""Entry point: page config, navigation over pages/ in sections, the sidebar. It only routes."""
import streamlit as st

from ui.warm import warm_imports

# The first run after the server starts imports every heavy module while later runs wait: runs
# that import them side by side broke on half-initialised modules (see ui/warm.py).
warm_imports()

from ui import theme  # noqa: E402,F401  (registers the Plotly template)
from ui.i18n import has, t  # noqa: E402
from ui.lecture import sidebar_controls  # noqa: E402
from ui.nav import ROOT, existing_pages  # noqa: E402
from ui.page import mark_shell  # noqa: E402

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
