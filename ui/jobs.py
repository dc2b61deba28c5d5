"""Work that runs only on an explicit click, one step per refresh: a progress bar and a Stop button.

Like ``ui/live.py``'s training, for work whose pieces cannot pause half-way (a library's ``fit``).
The caller splits the work into steps that its budget keeps small (``lab.compare.MAX_WORK`` per
step); a fragment refreshing every ``tick`` runs the next step, so between steps the page answers
clicks, Stop ends the job, and other students' runs get the core. One thread runs a step at a time:
with fast reruns an old script thread may still be inside a step when the new one draws, and it
finds the job's lock taken and only shows the progress.

A job lives in the session; its finished results stay there for the caller (``job.results``).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

import streamlit as st

from .i18n import t
from .page import callback, error_text, guard


@dataclass
class Job:
    sig: object
    steps: list                      # callables () -> result, run in order
    results: list = field(default_factory=list)
    running: bool = True
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def done(self) -> bool:
        return len(self.results) == len(self.steps)


def state_key(key):
    """Where the job ``key`` lives in ``st.session_state`` (pop it to drop the job)."""
    return f"_job_{key}"


def get(key) -> Job | None:
    return st.session_state.get(state_key(key))


def start(key, sig, steps) -> Job:
    """A new job (the previous one of ``key``, finished or not, is dropped)."""
    job = Job(sig=sig, steps=list(steps))
    st.session_state[state_key(key)] = job
    return job


@callback
def _stop(key):
    job = get(key)
    if job is not None:
        job.running = False


def run_one_step(job) -> bool:
    """Run the job's next step unless another thread is running one; True if a step ran."""
    if not job.lock.acquire(blocking=False):
        return False
    try:
        if job.running and not job.done:
            try:
                job.results.append(job.steps[len(job.results)]())
            except (ValueError, MemoryError, FloatingPointError) as exc:
                job.running, job.error = False, error_text(exc)
            if job.done:
                job.running = False
            return True
        return False
    finally:
        job.lock.release()


def panel(key, progress_key, *, tick=0.1):
    """Draw (and advance) the job ``key``: one step per refresh, a progress bar, Stop; a full rerun at the end.

    ``progress_key`` is a text key with ``{done}`` and ``{total}``. Returns the job (or None).
    """
    job = get(key)
    if job is None:
        return None

    def failed(exc):              # a step's unexpected error: the message is shown, the job stops
        current = get(key)
        if current is not None:
            current.running = False

    @st.fragment(run_every=tick if job.running else None)
    @guard(on_error=failed)
    def refresh():
        current = get(key)
        if current is None:
            return
        was_running = current.running
        if current.running:
            run_one_step(current)
        if current.error:
            st.error(t("common.bad_input", msg=current.error), icon=":material/error:")
        if current.running:
            c1, c2 = st.columns([4, 1], vertical_alignment="center")
            c1.progress(len(current.results) / max(len(current.steps), 1),
                        text=t(progress_key, done=len(current.results), total=len(current.steps)))
            c2.button(t("jobs.stop"), key=f"{key}_stop", on_click=_stop, args=(key,), icon=":material/stop:",
                      help=t("jobs.stop_help"), width="stretch")
        elif was_running:
            st.rerun()          # finished or failed: the page redraws with the result and the timer stops

    refresh()
    return job


def results(key, sig, steps, *, auto, button_key="jobs.run", progress_key="jobs.progress"):
    """The results of ``steps`` for ``sig``, with a work budget for opening a page.

    ``auto`` (light, or already computed when the server warmed up): run them now. Otherwise they run only
    after a click on the button (``button_key``), one step per refresh (:func:`panel`), and this returns
    None until the last step is done — the page shows what it can without them. The finished results stay
    in the session for ``sig``.
    """
    if auto:
        return [step() for step in steps]
    job = get(key)
    if job is not None and job.sig == sig and job.done:
        return job.results
    if job is None or job.sig != sig or not job.running:
        c1, c2 = st.columns([1, 3], vertical_alignment="center")
        if not c1.button(t(button_key), key=f"{key}_run", type="primary", icon=":material/play_arrow:",
                         help=t("jobs.run_help")):
            c2.info(t("jobs.waits", button=t(button_key)), icon=":material/hourglass_empty:")
            return None
        start(key, sig, steps)
    panel(key, progress_key)
    job = get(key)
    return job.results if job is not None and job.done else None
