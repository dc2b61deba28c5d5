"""Page scaffolding shared by every page: header, explanation, and the one error guard.

Every entry point of user code goes through the guard, so no exception reaches Streamlit (which
would replace the page with a traceback, server paths included, and drop its controls):

- the main script of a page: ``@page.guarded def main()``;
- widget callbacks (``on_change``/``on_click``): ``on_change=page.callback(fn)``. A callback runs
  before the script, so its message is kept and shown at the top of the page by ``guarded``;
- fragments and panels: ``page.guard(fn, on_error=...)``, the message shown where the panel is.

The message is translated (:func:`message`); what the user had (data, model, settings in
``st.session_state``) is untouched by the guard — code that changes state checks first and
assigns last (see ``ui.uploads.CsvLoader``), so a failure leaves the previous state in place.
"""
from __future__ import annotations

import contextlib
import functools
import heapq
import itertools
import logging
import os
import threading
import time

import streamlit as st

from .i18n import has, t
from .safe import user_text

log = logging.getLogger("brainlab")
SHELL_KEY = "_brainlab_shell"      # set by streamlit_app.py on every run of the shell
_REROUTED = "_brainlab_rerouted"
_PENDING = "_brainlab_pending_errors"      # errors raised in callbacks, shown by the next page run


class RunGate:
    """At most ``slots`` script runs compute page code at once in this process; the others wait their
    turn, the oldest session first.

    One process serves the class and Python runs one thread at a time (the GIL). Two hundred script
    threads that all compute at once share the interpreter in 5 ms turns: every run then takes as long
    as all of them together, the event loop that sends their pages waits behind them all, and the
    switching itself costs CPU. Taking turns, the same work is done sooner for almost everyone. The
    oldest session goes first so that work already started (a student who opened the page and pressed
    Start) finishes before new work (a tab that is just opening) is taken on: that keeps the number of
    runs in progress, and the memory they hold, small; a tab opening in a crowded hall waits longer.

    Never a stall: a run holding its slot for more than ``long_s`` seconds (waiting for a shared cache
    another run computes, or simply long) stops counting, so the next in line goes; nobody waits more
    than ``wait_s`` seconds. A lone session never waits. Re-entrant within a thread (a fragment drawn
    inside the page's own run passes straight through). ``BRAINLAB_RUN_SLOTS`` sets the number of
    slots (0: no gate).
    """

    def __init__(self, slots: int, wait_s: float = 20.0, long_s: float = 1.0, poll_s: float = 0.25):
        self.slots = int(slots)
        self.wait_s, self.long_s, self.poll_s = wait_s, long_s, poll_s
        self._lock = threading.Lock()
        self._holders: dict[int, float] = {}    # token -> when it took its slot
        self._waiting: list = []                # heap of [priority, arrival, event]
        self._count = itertools.count()
        self._local = threading.local()
        self.waited = 0                         # runs that had to wait (tests, benchmarks)

    def _busy(self, now) -> int:
        return sum(1 for t in self._holders.values() if now - t < self.long_s)

    def _hold(self, now) -> int:
        token = next(self._count)
        self._holders[token] = now
        return token

    def _acquire(self, priority) -> int:
        """Wait for a turn; a token for :meth:`_release`."""
        now = time.monotonic()
        with self._lock:
            if not self._waiting and self._busy(now) < self.slots:
                return self._hold(now)
            self.waited += 1
            entry = [priority, next(self._count), threading.Event()]
            heapq.heappush(self._waiting, entry)
        deadline = now + self.wait_s
        while True:
            entry[2].wait(self.poll_s)
            now = time.monotonic()
            with self._lock:
                entry[2].clear()
                if (self._waiting[0] is entry and self._busy(now) < self.slots) or now >= deadline:
                    self._waiting.remove(entry)
                    heapq.heapify(self._waiting)
                    if self._waiting:
                        self._waiting[0][2].set()       # the next in line looks too: a slot may be left
                    return self._hold(now)

    def _release(self, token):
        with self._lock:
            self._holders.pop(token, None)
            if self._waiting:
                self._waiting[0][2].set()

    @contextlib.contextmanager
    def __call__(self, priority: float = 0.0):
        """``with gate(priority):`` — lower numbers go first (a session's start time)."""
        if self.slots <= 0 or getattr(self._local, "inside", False):
            yield
            return
        token = self._acquire(priority)
        self._local.inside = True
        try:
            yield
        finally:
            self._local.inside = False
            self._release(token)


def _slots_from_env(default: int = 2) -> int:
    try:
        return max(0, int(os.environ.get("BRAINLAB_RUN_SLOTS", default)))
    except ValueError:
        log.warning("BRAINLAB_RUN_SLOTS is not a whole number; using %d", default)
        return default


gate = RunGate(_slots_from_env())


_BORN = "_brainlab_born"


def session_age_key() -> float:
    """When this session first ran a page (``time.monotonic``): its place in the :data:`gate`'s line."""
    try:
        return st.session_state.setdefault(_BORN, time.monotonic())
    except Exception:  # noqa: BLE001 - no session (a bare script): no particular place
        return time.monotonic()


def gated(fn):
    """Decorator: ``fn`` runs through the :data:`gate` (for fragment bodies, which rerun without the page)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with gate(session_age_key()):
            return fn(*args, **kwargs)
    return wrapper


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
    """An exception's own message in the current language, safe to show as Markdown.

    nncore's errors (:class:`nncore.errors.InputError`) carry a message key and its parameters: the
    text is ``engine.<key>`` from the catalogue. Anything else, or a key the catalogue lacks, is
    ``str(exc)``. Text parameters and other messages may quote user input, so they are escaped.
    """
    key, params = getattr(exc, "key", None), getattr(exc, "params", None)
    if isinstance(key, str) and isinstance(params, dict) and has(f"engine.{key}"):
        try:
            return t(f"engine.{key}", **{k: user_text(v, max_len=300) if isinstance(v, str) else v
                                         for k, v in params.items()})
        except (KeyError, IndexError, ValueError):   # a catalogue entry that does not fit: the English
            log.warning("engine.%s does not format with %s", key, sorted(params))
    return user_text(str(exc), max_len=300) if str(exc) else type(exc).__name__


def message(exc: BaseException) -> str:
    """The translated sentence for an exception. Keyed errors (``ui.uploads.UploadError``) bring
    their own message; nncore's keyed errors and any other text go through :func:`error_text`."""
    if callable(getattr(exc, "message", None)) and hasattr(exc, "key"):
        return exc.message()
    if isinstance(exc, ValueError):
        return t("common.bad_input", msg=error_text(exc))
    if isinstance(exc, MemoryError):
        return t("common.too_big")
    return t("common.unexpected", kind=type(exc).__name__, msg=user_text(str(exc), max_len=300))


def show_error(exc: BaseException):
    """A clear message in the page instead of a traceback (the details go to the server log)."""
    log.exception("page error", exc_info=exc)
    st.error(message(exc), icon=":material/error:")


def _mark(wrapper, kind):
    wrapper._brainlab_guard = kind
    return wrapper


def guard(fn=None, *, on_error=None):
    """Run ``fn`` (a panel, a fragment's body) and turn any exception into a message in its place.

    ``on_error(exc)`` runs after the message (e.g. to stop a live run). Streamlit's own control flow
    (rerun, stop) derives from BaseException and passes through. Usable as ``@guard`` or
    ``guard(fn, on_error=...)``.
    """
    if fn is None:
        return functools.partial(guard, on_error=on_error)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the page must never show a traceback
            show_error(exc)
            if on_error is not None:
                on_error(exc)
            return None
    return _mark(wrapper, "panel")


def callback(fn):
    """Wrap a widget callback (``on_change``/``on_click``): an exception becomes a message at the top
    of the page on the run that follows, and the page draws its controls as before."""
    if getattr(fn, "_brainlab_guard", None) == "callback":
        return fn

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a callback error would replace the page with a traceback
            defer_error(exc)
            return None
    return _mark(wrapper, "callback")


def defer_error(exc: BaseException, logged: bool = False):
    """Log ``exc`` now (unless ``logged`` already) and show its message at the top of the page's next run."""
    if not logged:
        log.exception("callback error", exc_info=exc)
    st.session_state.setdefault(_PENDING, []).append(exc.with_traceback(None))


def show_deferred_errors():
    for exc in st.session_state.pop(_PENDING, []):
        st.error(message(exc), icon=":material/error:")


def guarded(fn):
    """Decorator for a page's ``main``: the shell check, messages from callbacks, then ``fn`` guarded."""
    inner = guard(fn)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with gate(session_age_key()):
            ensure_shell()
            show_deferred_errors()
            return inner(*args, **kwargs)
    return _mark(wrapper, "main")
