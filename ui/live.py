"""Live training shared by the MLP, CNN and RNN pages.

While a run is playing, a fragment loops for a few seconds: train for one frame's
worth of time, redraw, repeat (about 6–7 frames a second), then hand back so
Streamlit can tidy up and the fragment's timer starts the next loop. Redrawing
inside one fragment run costs the browser far less than one fragment rerun per
frame, which re-renders every element on the page (measured in
``benchmarks/playground.py``). A click anywhere (Pause, a slider) interrupts the
loop at its next redraw. All state lives in ``st.session_state``, so a widget
click, a Pause or a rerun never loses the model or its history. Controls:
Start / Pause, Step (one epoch), Reset. The caller draws its charts in
``render(run)`` on every frame, with fixed axes; anything drawn there is redrawn
several times in one script run, so it must not be a keyed element or widget
(the pages use images and SVG, see ``ui/svg.py``).

A trainer is any object with ``run(seconds=..., epochs=..., max_epochs=...)``,
``epoch`` (finished epochs), ``history`` (with ``status``/``message``) and
``done`` — :class:`nncore.Trainer` is one.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import streamlit as st

from .i18n import t
from .page import show_error


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


MIN_SLICE = 0.03    # seconds of training per frame, however slow the drawing


def _state_key(key):
    return f"_live_{key}"


def get_run(key):
    """The LiveRun stored for ``key`` in this session, or None."""
    return st.session_state.get(_state_key(key))


def _ensure_trainer(run, make_trainer):
    if run.trainer is None and not run.error:
        try:
            run.trainer = make_trainer()
            run.target = run.epochs
        except (ValueError, MemoryError) as exc:
            run.error = str(exc) or type(exc).__name__
            run.running = False


def _start(key):
    run = get_run(key)
    if run.trainer is not None and run.trainer.done:
        return
    if run.at_target:           # "train more": extend by the page's epoch budget
        run.target += run.epochs
    run.running = True
    run.started = time.perf_counter()


def _pause(key):
    get_run(key).running = False


def _step(key):
    run = get_run(key)
    run.running = False
    if run.trainer is not None and not run.trainer.done:
        run.trainer.run(epochs=1)
        run.target = max(run.target, run.trainer.epoch)


def _reset(key):
    run = get_run(key)
    st.session_state[_state_key(key)] = LiveRun(sig=run.sig, epochs=run.epochs)


def live_training(key, sig, make_trainer, render, *, epochs, frame_s=0.15, loop_s=3.0, autostart=False,
                  diverged_hint=None, render_slow=None, slow_every=1.0, loop_in_full_run=False):
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
        Draws the charts for the current state; called once per frame.
    epochs : int
        Epochs per Start; Start after the target extends it by this much.
    frame_s : float
        Seconds per frame while training: the trainer gets what drawing leaves of it
        (at least ``MIN_SLICE``).
    loop_s : float
        Longest time one fragment run keeps looping before it hands back (images sent in a
        run are freed when it ends).
    render_slow : callable (LiveRun) -> None, optional
        Charts that need not move on every frame, drawn below ``render`` every ``slow_every``
        seconds while training and on every full rerun.
    loop_in_full_run : bool
        Also loop when the panel runs as part of a full script run. Off: a full run (the Start
        click, a slider) draws one frame, so the rest of the page is not held back; the
        fragment's timer starts the loop right after. For tests, which have no timer.
    """
    skey = _state_key(key)
    run = st.session_state.get(skey)
    if run is None or run.sig != sig or run.epochs != epochs:
        run = LiveRun(sig=sig, epochs=epochs, running=autostart)
        st.session_state[skey] = run
    _ensure_trainer(run, make_trainer)
    if run.error:
        st.error(t("common.bad_input", msg=run.error))
        return run

    finished = run.trainer.done
    c1, c2, c3 = st.columns(3, vertical_alignment="center")
    if run.running:
        c1.button(t("live.pause"), key=f"{key}_pause", on_click=_pause, args=(key,),
                  icon=":material/pause:", help=t("live.pause_help"), width="stretch")
    else:
        c1.button(t("live.start") if not run.at_target else t("live.more"), key=f"{key}_start",
                  on_click=_start, args=(key,), type="primary", icon=":material/play_arrow:",
                  disabled=finished, help=t("live.start_help", n=epochs), width="stretch")
    c2.button(t("live.step"), key=f"{key}_step", on_click=_step, args=(key,), disabled=finished,
              icon=":material/skip_next:", help=t("live.step_help"), width="stretch")
    c3.button(t("live.reset"), key=f"{key}_reset", on_click=_reset, args=(key,),
              icon=":material/restart_alt:", help=t("live.reset_help"), width="stretch")

    full_run = {"now": True}   # read by the fragment: True only while this script run calls it

    @st.fragment(run_every=frame_s if run.running else None)
    def panel():
        current = st.session_state.get(skey)
        if current is None:
            return
        fast_slot = st.empty()
        slow_slot = st.empty() if render_slow is not None else None
        loop = loop_in_full_run or not full_run["now"]
        t_end = time.perf_counter() + (loop_s if loop else 0.0)
        last_slow = None
        while True:
            if current.running:
                budget = max(MIN_SLICE, frame_s - current.render_s)
                try:
                    current.trainer.run(seconds=budget, max_epochs=current.target)
                except (ValueError, FloatingPointError, MemoryError) as exc:
                    current.running = False
                    show_error(exc)
                current.ticks += 1
                if current.trainer.done or current.at_target:
                    current.running = False
                    st.rerun()  # a full rerun redraws the controls and stops the timer
            t0 = time.perf_counter()
            with fast_slot.container():
                _status(current, diverged_hint)
                render(current)
            t1 = time.perf_counter()
            current.render_s = t1 - t0
            if slow_slot is not None and (last_slow is None or t1 - last_slow >= slow_every):
                with slow_slot.container():
                    render_slow(current)
                last_slow = t1
            if not current.running or time.perf_counter() >= t_end:
                break

    panel()
    full_run["now"] = False
    return run


def _status(run, diverged_hint):
    trainer = run.trainer
    frac = min(1.0, trainer.epoch / max(run.target, 1))
    label = t("live.progress", epoch=trainer.epoch, target=run.target, status=t(f"live.status_{run.status}"))
    st.progress(frac, text=label)
    if trainer.history.status == "diverged":
        st.warning(t("live.diverged", msg=trainer.history.message) + " " + (diverged_hint or t("live.diverged_hint")),
                   icon=":material/warning:")
