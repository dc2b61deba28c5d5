"""Page scaffolding shared by every page: header, explanation, and the error guard."""
from __future__ import annotations

import functools
import logging

import streamlit as st

from .i18n import has, t

log = logging.getLogger("brainlab")


def header(area: str):
    """Title and the one sentence on what to look for (keys ``<area>.title`` and ``<area>.lead``)."""
    st.title(t(f"{area}.title"))
    if has(f"{area}.lead"):
        st.markdown(t(f"{area}.lead"))


def explain(area: str, key: str = "explain", expanded: bool = False):
    """The "What is going on" expander with the text ``<area>.<key>``."""
    with st.expander(t("common.what_is_going_on"), expanded=expanded):
        st.markdown(t(f"{area}.{key}"))


def show_error(exc: BaseException):
    """A clear message in the page instead of a traceback (the details go to the server log)."""
    log.exception("page error", exc_info=exc)
    if isinstance(exc, ValueError):
        st.error(t("common.bad_input", msg=str(exc)))
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
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the page must never show a traceback
            show_error(exc)
            return None
    return wrapper
