"""Live training shared by the MLP, CNN and RNN pages.

Training runs in short time slices inside ``st.fragment(run_every=tick)`` while
the run is playing; all state lives in ``st.session_state`` so a widget click,
a Pause or a rerun never loses the model or its history. Controls:
Start / Pause, Step (one epoch), Reset. The caller draws its charts in
``render(run)`` once per tick, with fixed axes.

A trainer is any object with ``run(seconds=..., epochs=..., max_epochs=...)``,
``epoch`` (finished epochs), ``history`` (with ``status``/``message``) and
``done`` — :class:`nncore.Trainer` is one.

One model, one writer. Two script threads of one session can run at once: with
``runner.fastReruns`` (Streamlit's default) a click starts a new script thread at
once and the old one stops only at its next ``st.*`` call, which may come after a
training slice or a forward pass of its own. Both then touch one model, and layer
caches mix — the server log showed ``dense_backward`` given a cached forward of
100 rows (the test set, drawn by the panel) and a gradient of 10 (a training
batch). So every touch of a run's model — a training slice, Step, the charts of
``render``/``render_slow``, and a page's own forward passes on the live model
(wrap them in :func:`hold`) — happens under the run's lock. A thread waits at most
one slice (``slice_s``) plus one drawing.

A run lives in the session, and a reload (F5) starts a new session: the URL keeps
the settings, the run starts over. The controls say so before it happens, and a
session opened from a link says so when it begins.
"""
from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field

import streamlit as st

from .i18n import t
from .page import callback, defer_error, error_text, guard, show_error
from .safe import user_text


@dataclass
class LiveRun:
    sig: object
    epochs: int
    trainer: object = None
    target: int = 0
    running: bool = False
    error: str = ""
    ticks: int = 0
    started: float = field(default_factory=time.perf_counter)
    render_s: float = 0.0       # wall seconds the last refresh spent drawing (status + render)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @property
    def epoch(self) -> int:
        return 0 if self.trainer is None else self.trainer.epoch

    @property
    def at_target(self) -> bool:
        return self.trainer is not None and self.trainer.epoch >= self.target

    @property
    def status(self) -> str:
        if self.trainer is not None and self.trainer.done:
            return self.trainer.history.status
        if self.running:
            return "running"
        return "finished" if self.at_target else ("paused" if self.epoch else "ready")


def _state_key(key):
    return f"_live_{key}"


def get_run(key):
    """The LiveRun stored for ``key`` in this session, or None."""
    return st.session_state.get(_state_key(key))


def hold(run):
    """``with hold(run):`` — this thread alone touches the run's model until the block ends.

    For a page's own forward passes on a live model (feature maps, predictions, exports); re-entrant,
    and a no-op for ``None``.
    """
    return run.lock if run is not None else contextlib.nullcontext()


def train_slice(run, seconds):
    """Train ``run`` for about ``seconds`` (up to its target) under its lock; what the panel does per tick."""
    with run.lock:
        if run.trainer is not None and not run.trainer.done:
            run.trainer.run(seconds=seconds, max_epochs=run.target)


def _ensure_trainer(run, make_trainer):
    if run.trainer is None and not run.error:
        try:
            run.trainer = make_trainer()
            run.target = run.epochs
        except (ValueError, MemoryError) as exc:
            run.error = error_text(exc)
            run.running = False


@callback
def _start(key):
    run = get_run(key)
    if run.trainer is not None and run.trainer.done:
        return
    if run.at_target:           # "train more": extend by the page's epoch budget
        run.target += run.epochs
    run.running = True
    run.started = time.perf_counter()


@callback
def _pause(key):
    get_run(key).running = False


def step_epoch(run):
    """Train ``run`` exactly one more epoch under its lock (the Step button)."""
    with run.lock:
        if run.trainer is not None and not run.trainer.done:
            run.trainer.run(epochs=1)
            run.target = max(run.target, run.trainer.epoch)


@callback
def _step(key):
    run = get_run(key)
    run.running = False
    step_epoch(run)


@callback
def _reset(key):
    run = get_run(key)
    st.session_state[_state_key(key)] = LiveRun(sig=run.sig, epochs=run.epochs)


def live_training(key, sig, make_trainer, render, *, epochs, tick=0.15, slice_s=0.12,
                  autostart=False, diverged_hint=None, render_slow=None, slow_tick=1.0, texts=None):
    """Controls and a self-refreshing panel for one training run.

    Parameters
    ----------
    key : str
        Unique per page; names the run in ``st.session_state``.
    sig : hashable
        Everything that defines the model and data. When it changes, a new run starts
        (the old one is dropped); view-only settings should stay out of it.
    make_trainer : callable () -> trainer
        Builds a fresh trainer; a ``ValueError`` becomes a message in the page.
    render : callable (LiveRun) -> None
        Draws the charts for the current state; called once per tick.
    epochs : int
        Epochs per Start; Start after the target extends it by this much.
    tick, slice_s : float
        Refresh period and the longest training slice per refresh (seconds). The slice
        shrinks (to 0.03 s at least) when rendering is slow, so a refresh still fits in a tick.
        The browser's timer asks for a refresh every ``tick`` and a busy browser asks later, so a
        slow laptop (or a crowded server) gets fewer frames instead of a backlog. 0.15 s gives
        about 6.7 refreshes a second when the charts are light (images and SVG, not Plotly).
    render_slow : callable (LiveRun) -> None, optional
        Charts that need not move five times a second (drawn below ``render``, refreshed every
        ``slow_tick`` seconds while training, and on every full rerun).
    texts : dict, optional
        Text keys replacing ``live.progress``, ``live.start_help`` and ``live.step_help`` (keys
        "progress", "start_help", "step_help"), for runs whose "epoch" is something else, such as
        a simulated second.
    """
    keys = {"progress": "live.progress", "start_help": "live.start_help", "step_help": "live.step_help",
            **(texts or {})}
    skey = _state_key(key)
    run = st.session_state.get(skey)
    fresh_session = _first_live_page_of_session()
    if run is None or run.sig != sig or run.epochs != epochs:
        run = LiveRun(sig=sig, epochs=epochs, running=autostart)
        st.session_state[skey] = run
    _ensure_trainer(run, make_trainer)
    if run.error:
        st.error(t("common.bad_input", msg=run.error))     # error_text: translated, user text escaped
        return run

    finished = run.trainer.done
    c1, c2, c3 = st.columns(3, vertical_alignment="center")
    if run.running:
        c1.button(t("live.pause"), key=f"{key}_pause", on_click=_pause, args=(key,),
                  icon=":material/pause:", help=t("live.pause_help"), width="stretch")
    else:
        c1.button(t("live.start") if not run.at_target else t("live.more"), key=f"{key}_start",
                  on_click=_start, args=(key,), type="primary", icon=":material/play_arrow:",
                  disabled=finished, help=t(keys["start_help"], n=epochs), width="stretch")
    c2.button(t("live.step"), key=f"{key}_step", on_click=_step, args=(key,), disabled=finished,
              icon=":material/skip_next:", help=t(keys["step_help"]), width="stretch")
    c3.button(t("live.reset"), key=f"{key}_reset", on_click=_reset, args=(key,),
              icon=":material/restart_alt:", help=t("live.reset_help"), width="stretch")
    if run.epoch > 0 and not run.running:
        st.caption(t("live.reload_note"))
    elif fresh_session and run.epoch == 0 and st.query_params:
        st.caption(t("live.from_link"))

    def stop(exc):
        """A failure inside the live panel: stop the run (keeping its model) and redraw the page, the
        message on top, so the timer stops and the controls show the paused state."""
        current = st.session_state.get(skey)
        if current is not None and current.running:
            current.running = False
            defer_error(exc, logged=True)        # the guard logged it
            st.rerun()

    @st.fragment(run_every=tick if run.running else None)
    @guard(on_error=stop)
    def panel():
        current = st.session_state.get(skey)
        if current is None:
            return
        if current.running:
            budget = min(slice_s, max(0.03, 0.85 * tick - current.render_s))
            try:
                train_slice(current, budget)
            except (ValueError, FloatingPointError, MemoryError) as exc:
                current.running = False
                show_error(exc)
            current.ticks += 1
            if current.trainer.done or current.at_target:
                current.running = False
                st.rerun()  # a full rerun redraws the controls and stops the timer
        t0 = time.perf_counter()
        with current.lock:
            _status(current, diverged_hint, keys["progress"])
            render(current)
        current.render_s = time.perf_counter() - t0

    panel()
    if render_slow is not None:
        @st.fragment(run_every=slow_tick if run.running else None)
        @guard(on_error=stop)
        def slow_panel():
            current = st.session_state.get(skey)
            if current is not None and current.trainer is not None:
                with current.lock:
                    render_slow(current)

        slow_panel()
    return run


def _first_live_page_of_session() -> bool:
    """True on the first run of the first live page this session shows (a new tab, a link, a reload)."""
    if st.session_state.get("_live_session_seen"):
        return False
    st.session_state["_live_session_seen"] = True
    return True


def _status(run, diverged_hint, progress_key="live.progress"):
    trainer = run.trainer
    frac = min(1.0, trainer.epoch / max(run.target, 1))
    label = t(progress_key, epoch=trainer.epoch, target=run.target, status=t(f"live.status_{run.status}"))
    st.progress(frac, text=label)
    if trainer.history.status == "diverged":
        msg = user_text(trainer.history.message, max_len=300)      # engine text, may quote numbers and names
        st.warning(t("live.diverged", msg=msg) + " " + (diverged_hint or t("live.diverged_hint")),
                   icon=":material/warning:")
