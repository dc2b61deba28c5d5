"""Lecture mode: language and presenter view (both in the URL), page links that keep the language, and the
reveal control."""
from __future__ import annotations

import streamlit as st

from .i18n import DEFAULT_LANG, LANGUAGES, current_lang, t
from .page import callback
from .url_params import alias, leave_pages_folder_mode, resend_choices

alias("lang", LANGUAGES)       # ?lang=zh, the short form for slides, as well as the selector's own ?lang=中文

# Static CSS only (never user text): larger type and thicker lines for a projector.
_PRESENTER_CSS = """
<style>
[data-testid="stAppViewContainer"] { font-size: 1.25rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.25rem; }
h1 { font-size: 3rem !important; }
/* Metric values and labels are markdown too: without these they would take the paragraph size above
   (values keep Streamlit's 2.25rem, the most that fits "100.0%" in a five-column row). */
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p { font-size: 2.25rem; }
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p { font-size: 1.1rem; }
[data-testid="stWidgetLabel"] p { font-size: 1.1rem; }
/* A slider's value and end labels are placed for small type; larger ones sit on the track. */
[data-testid="stSliderThumbValue"] [data-testid="stMarkdownContainer"] p,
[data-testid="stSliderTickBar"] [data-testid="stMarkdownContainer"] p { font-size: 1rem; }
/* Figure keys and sources, and the values in inputs and select boxes. */
[data-testid="stCaption"], [data-testid="stCaptionContainer"],
[data-testid="stCaptionContainer"] [data-testid="stMarkdownContainer"] p { font-size: 1.05rem; }
[data-testid="stMain"] input, [data-testid="stMain"] textarea,
[data-testid="stMain"] [data-baseweb="select"] > div { font-size: 1.1rem; }
</style>
"""


def _language_changed():
    """Choice controls show their labels in the new language from this run on (see
    ``url_params.resend_choices``): a click after the switch keeps every setting and the trained run."""
    resend_choices(skip=("lang",))


def sidebar_controls():
    """Language and presenter toggles; call once per run, before any ``t()`` that should follow them."""
    leave_pages_folder_mode()   # a fresh server's first run would bind these two under the wrong script
    with st.sidebar:
        st.selectbox(t("lecture.lang"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang",
                     bind="query-params", help=t("lecture.lang_help"), on_change=callback(_language_changed))
        st.toggle(t("lecture.presenter"), key="presenter", bind="query-params", help=t("lecture.presenter_help"))
    if presenter():
        st.html(_PRESENTER_CSS)


def link_query(query: dict | None = None) -> dict:
    """A page link's query: ``query`` and, when the language is not English, ``lang`` (``lang=zh``).

    The link's address is what a lecturer copies onto a slide, so it names the language. When the link is
    clicked, the browser also keeps the address bar's own ``lang``; ``ui.url_params`` (one value per key)
    leaves one. English, the default, is never written."""
    lang = current_lang()
    return dict(query or {}) | ({"lang": lang} if lang != DEFAULT_LANG else {})


def page_link(page: str, label: str, icon: str | None = None, query: dict | None = None) -> None:
    """``st.page_link`` to ``pages/<file>`` that opens in this language (see :func:`link_query`)."""
    st.page_link(page, label=label, icon=icon, query_params=link_query(query))


def presenter() -> bool:
    """True in presenter view: large type, thick lines, advanced controls hidden."""
    return bool(st.session_state.get("presenter", False))


def reveal(key: str) -> bool:
    """A "Reveal" toggle for an answer panel: hidden by default in presenter view, shown otherwise."""
    return st.toggle(t("lecture.reveal"), value=not presenter(), key=f"reveal_{key}", help=t("lecture.reveal_help"))
