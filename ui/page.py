"""Page scaffolding shared by every page: header, explanation, and the error guard."""
from __future__ import annotations

import functools
import logging

import streamlit as st

from .i18n import has, t

log = logging.getLogger("brainlab")
SHELL_KEY = "_brainlab_shell"      # set by streamlit_app.py on every run of the shell
_REROUTED = "_brainlab_rerouted"


def mark_shell():
    """Called by the entry script: this run goes through the shell (navigation, language, theme)."""
    st.session_state[SHELL_KEY] = True


def ensure_shell():
    """Make sure a page runs inside the app shell.

    While a ``pages/`` folder exists, Streamlit serves a server's first visits in its old
    pages-folder mode until some session runs ``st.navigation`` (streamlit/streamlit#8860,
    #9992): a deep link then runs the page script alone — no navigation, layout or theme.
    Such a run switches that mode off and reruns, so the shell routes to the same page.
    """
    if st.session_state.get(SHELL_KEY) or st.session_state.get(_REROUTED):
        return
    from streamlit.runtime.pages_manager import PagesManager
    st.session_state[_REROUTED] = True  # once per session, never a loop
    PagesManager.uses_pages_directory = False
    st.rerun()


def header(area: str):
    """Title and the one sentence on what to look for (keys ``<area>.title`` and ``<area>.lead``)."""
    st.title(t(f"{area}.title"))
    if has(f"{area}.lead"):
        st.markdown(t(f"{area}.lead"))


def explain(area: str, key: str = "explain", expanded: bool = False):
    """The "What is going on" expander with the text ``<area>.<key>``."""
    with st.expander(t("common.what_is_going_on"), expanded=expanded):
        st.markdown(t(f"{area}.{key}"))


def error_text(exc: BaseException) -> str:
    """An exception's message in the current language.

    nncore's errors (:class:`nncore.errors.InputError`) carry a message key and its parameters: the text
    is ``engine.<key>`` from the catalogue; anything else, or a key the catalogue lacks, is ``str(exc)``.
    """
    key, params = getattr(exc, "key", None), getattr(exc, "params", None)
    if isinstance(key, str) and isinstance(params, dict) and has(f"engine.{key}"):
        try:
            return t(f"engine.{key}", **params)
        except (KeyError, IndexError, ValueError):   # a catalogue entry that does not fit: the English
            log.warning("engine.%s does not format with %s", key, sorted(params))
    return str(exc) or type(exc).__name__


def show_error(exc: BaseException):
    """A clear message in the page instead of a traceback (the details go to the server log)."""
    log.exception("page error", exc_info=exc)
    if isinstance(exc, ValueError):
        st.error(t("common.bad_input", msg=error_text(exc)))
    elif isinstance(exc, MemoryError):
        st.error(t("common.too_big"))
    else:
        st.error(t("common.unexpected", kind=type(exc).__name__, msg=str(exc)[:300]))


def guarded(fn):
    """Decorator: run a page (or a panel) and turn any exception into a message.

    Streamlit's own control flow (rerun, stop) derives from BaseException and passes through.
    """
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        ensure_shell()
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the page must never show a traceback
            show_error(exc)
            return None
    return wrapper
